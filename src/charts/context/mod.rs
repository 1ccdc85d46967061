//! The context of a chart or table, stated wherever it goes: which KPI, over which period
//! (with its year), in which zone and hours, under which filters (by their names, never
//! raw codes), on how many tickets or ratings, and as of which sync. Exported charts draw
//! it as their subtitle and data files carry it as a header, so a number pasted into a
//! slide or a spreadsheet still says what it is. The facts here hold no reader language
//! (they travel with the spec through the web view); `words` states them in one.

mod words;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::analytics::frame::dimension::{Dimension, Labels};
use crate::analytics::query::filter::FilterEcho;
use crate::analytics::query::range::{Every, RangeEcho};
use crate::analytics::query::report::KpiReport;
use crate::analytics::views::drill::TicketListQuery;

pub use words::{
    about_sheet, all_tickets, describe, kpi_name, subtitle, ContextLine, LANGUAGE, SEPARATOR, TEXTS,
};

/// What a chart or table shows and of what, in no reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartContext {
    /// The KPI the chart shows; none for a chart of texts (feedback themes, sentiment).
    pub kpi: Option<KpiId>,
    /// The range's first and last day, `YYYY-MM-DD`, in `tz`.
    pub from: String,
    pub to: String,
    pub tz: String,
    /// Calendar or business hours; none where no duration is shown (the feedback
    /// charts), so a reader is not told of hours that change nothing.
    pub hours: Option<Hours>,
    /// In the query's order; none when every ticket counts.
    pub filters: Vec<FilterNames>,
    /// The population behind the chart over the whole range (tickets, ratings, SLA
    /// instances); absent when unknown.
    #[ts(type = "number | null")]
    pub n: Option<u64>,
    /// When the data was last brought up to date (the last successful sync, or the demo's
    /// generation), unix seconds.
    #[ts(type = "number | null")]
    pub as_of: Option<i64>,
}

/// One filtered dimension with the names of its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FilterNames {
    /// As a filter takes it: `channel`, `assignee`, `tag`, `field:<id>`.
    pub dimension: String,
    /// A custom field's title; built-in dimensions are named in the reader's language.
    pub label: Option<String>,
    /// The values' display labels (agent and group names, option names); null for
    /// "no value".
    pub values: Vec<Option<String>>,
}

impl ChartContext {
    /// The context of `kpi` in `report`: its range, hours, filters named through
    /// `labels`, and the KPI's population over the whole range.
    pub fn of_report(
        report: &KpiReport,
        kpi: KpiId,
        labels: &Labels,
        as_of: Option<i64>,
    ) -> ChartContext {
        ChartContext {
            kpi: Some(kpi),
            from: report.range.from.clone(),
            to: report.range.to.clone(),
            tz: report.range.tz.clone(),
            hours: Some(report.hours),
            filters: named_filters(&report.filters, labels),
            n: report.kpis.get(kpi).map(|v| v.sample_size()),
            as_of,
        }
    }

    /// The context of a chart that is no KPI report's (the feedback charts): `range`
    /// under `filters` named through `labels`, of a population of `n`; no durations, so
    /// no hours.
    pub fn of_range(
        kpi: Option<KpiId>,
        range: &RangeEcho,
        filters: &FilterEcho,
        labels: &Labels,
        n: u64,
        as_of: Option<i64>,
    ) -> ChartContext {
        ChartContext {
            kpi,
            from: range.from.clone(),
            to: range.to.clone(),
            tz: range.tz.clone(),
            hours: None,
            filters: named_filters(filters, labels),
            n: Some(n),
            as_of,
        }
    }

    /// The context of a list of `n` tickets behind a number: the list's range (narrowed
    /// to the bucket it opens, if any), its filters and the group it opens as one more.
    pub fn of_list(
        list: &TicketListQuery,
        n: u64,
        labels: &Labels,
        as_of: Option<i64>,
    ) -> ChartContext {
        let (from, to) = match (list.period, list.query.every) {
            (Some(start), Some(every)) => {
                let (first, last) = (list.query.range.from, list.query.range.to);
                (start.max(first), bucket_end(start, every).min(last))
            }
            _ => (list.query.range.from, list.query.range.to),
        };
        let mut filters = named_filters(&list.query.filters.echo(), labels);
        if let (Some(dim), Some(key)) = (list.query.by, &list.key) {
            let key = key.clone().unwrap_or_else(|| "null".to_owned());
            filters.push(named(&dim.name(), &[key], labels));
        }
        ChartContext {
            kpi: Some(list.kpi),
            from: from.to_string(),
            to: to.to_string(),
            tz: list.query.range.tz.name().to_owned(),
            hours: Some(list.query.hours),
            filters,
            n: Some(n),
            as_of,
        }
    }

    /// The one agent, else the one group, the chart is filtered to: a chart of one person
    /// or team says whose it is in its title.
    pub fn focus(&self) -> Option<&str> {
        ["assignee", "group"].into_iter().find_map(|dimension| {
            match self.filters.iter().find(|f| f.dimension == dimension) {
                Some(FilterNames { values, .. }) if values.len() == 1 => values[0].as_deref(),
                _ => None,
            }
        })
    }

    /// `title` followed by the one agent or group it is filtered to: "Tickets solved —
    /// Dana Kim".
    pub fn title(&self, title: &str) -> String {
        match self.focus() {
            Some(name) if !title.ends_with(name) => format!("{title} — {name}"),
            _ => title.to_owned(),
        }
    }

    /// Every text the context holds, for size checks on what the web view sends back.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let filters = self.filters.iter().flat_map(|f| {
            std::iter::once(f.dimension.as_str())
                .chain(f.label.as_deref())
                .chain(f.values.iter().flatten().map(String::as_str))
        });
        [self.from.as_str(), &self.to, &self.tz]
            .into_iter()
            .chain(filters)
    }
}

fn named_filters(filters: &FilterEcho, labels: &Labels) -> Vec<FilterNames> {
    let named = filters
        .0
        .iter()
        .map(|(name, values)| named(name, values, labels));
    named.collect()
}

/// The last day of the bucket starting on `start`.
fn bucket_end(start: NaiveDate, every: Every) -> NaiveDate {
    let next = match every {
        Every::Day => start.checked_add_days(Days::new(1)),
        Every::Week => start.checked_add_days(Days::new(7)),
        Every::Month => start
            .with_day(1)
            .and_then(|first| first.checked_add_months(Months::new(1))),
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(start)
}

/// A filter's dimension and the display labels of its values; a dimension the query
/// accepted always parses, and a key of "no value" becomes null.
fn named(name: &str, values: &[String], labels: &Labels) -> FilterNames {
    let dimension = Dimension::parse(name).ok();
    let label = match dimension {
        Some(Dimension::Field(id)) => labels.fields.get(&id).map(|f| f.title.clone()),
        _ => None,
    };
    let values = values
        .iter()
        .map(|key| {
            let none = key == "null" || key == "(none)";
            match dimension {
                _ if none => None,
                Some(dim) => Some(dim.label(Some(key.as_str()), labels)),
                None => Some(key.clone()),
            }
        })
        .collect();
    FilterNames {
        dimension: name.to_owned(),
        label,
        values,
    }
}

#[cfg(test)]
mod tests;
