//! The Agents & groups table: one row per agent (assignee) or group with the KPIs a team
//! lead coaches on, the team median of each column and a weekly trend per row. Every
//! number comes from the KPI engine (`run` with `--by` and weekly buckets); nothing here
//! computes a KPI itself, it only picks, orders and summarises the engine's values.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::change::share_interval;
use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::analytics::engine::stats::Interval;
use crate::analytics::engine::value::KpiValue;
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::query::filter::FilterEcho;
use crate::analytics::query::range::{Every, RangeEcho};
use crate::analytics::query::report::{number, GroupReport, KpiMap, NullCell, ReportTable};
use crate::analytics::query::{run, KpiQuery};
use crate::analytics::{AnalyticsError, Frame};

/// What a row of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeopleBy {
    Assignee,
    Group,
}

impl PeopleBy {
    pub fn parse(s: &str) -> Result<PeopleBy, AnalyticsError> {
        match s {
            "assignee" => Ok(PeopleBy::Assignee),
            "group" => Ok(PeopleBy::Group),
            other => Err(AnalyticsError::UnknownPeopleBy(other.to_owned())),
        }
    }

    pub fn dimension(self) -> Dimension {
        match self {
            PeopleBy::Assignee => Dimension::Assignee,
            PeopleBy::Group => Dimension::Group,
        }
    }
}

/// The table's columns, in display order.
pub const COLUMNS: [KpiId; 6] = [
    KpiId::TicketsSolved,
    KpiId::FirstReplyTime,
    KpiId::FullResolutionTime,
    KpiId::OneTouchRate,
    KpiId::ReopenRate,
    KpiId::Csat,
];

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PeopleTable {
    pub range: RangeEcho,
    pub hours: Hours,
    pub filters: FilterEcho,
    pub by: PeopleBy,
    /// The buckets of every trend: the Monday of each ISO week overlapping the range
    /// (the first and last clipped to it), `YYYY-MM-DD`.
    pub weeks: Vec<String>,
    /// Whether each of `weeks` is partial (cut by the range or not over yet).
    pub partial_weeks: Vec<bool>,
    /// `COLUMNS`, each with its direction and team median.
    pub columns: Vec<PeopleColumn>,
    /// Most tickets solved first, then by label.
    pub rows: Vec<PeopleRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PeopleColumn {
    pub kpi: KpiId,
    /// Whether a higher value is better (solved, one-touch, CSAT) or worse (times, reopens).
    pub higher_is_better: bool,
    /// The median of the rows' headlines (count, median minutes, share), over the rows
    /// that have a value only: a row with no rated ticket does not pull the CSAT median.
    /// With an even number of values, the mean of the middle two; null when no row has
    /// a value. It describes the rows, not the team's tickets pooled together.
    pub team_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PeopleRow {
    /// The helpdesk's id of the agent or group, as a string (what a `dim=value` filter takes).
    pub key: String,
    pub label: String,
    /// Tickets created in the range under this row.
    #[ts(type = "number")]
    pub created: u64,
    /// One cell per column, in the columns' order.
    pub cells: Vec<PeopleCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PeopleCell {
    /// The engine's full value (a duration's p90, CSAT's counts and interval, …).
    pub value: KpiValue,
    /// The number the table shows and sorts by: a count, a median in minutes or a share.
    pub headline: Option<f64>,
    /// How many records the headline rests on.
    #[ts(type = "number")]
    pub n: u64,
    /// The headline of each week of `weeks`.
    pub trend: Vec<Option<f64>>,
    /// Whether the headline rests on too few records to read (`stats::MIN_*_SAMPLE`).
    pub small_sample: bool,
    /// The 95% interval of the headline that `standing` rests on: Wilson for shares, the
    /// distribution-free one for a median; null for counts, which are exact, and for a
    /// median of 5 durations or fewer.
    pub interval: Option<Interval>,
    /// How the cell fares against its column's team median.
    pub standing: Standing,
}

/// Whether a cell is better or worse than the team median beyond chance, so a row is
/// shaded only for what its numbers can show: an agent at 87.5% CSAT on 8 ratings
/// (interval 53–98%) is not worse than a team at 88.2%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The interval lies wholly on the good side of the team median (a count: above or
    /// below it, as the KPI's direction says).
    Better,
    Worse,
    /// The interval holds the team median, or the sample is small.
    Unclear,
    /// No value, or no team median.
    None,
}

/// The standing of `cell` against `team`, the column's median.
fn standing(cell: &PeopleCell, team: Option<f64>, higher_is_better: bool) -> Standing {
    let (Some(value), Some(team)) = (cell.headline, team) else {
        return Standing::None;
    };
    let above = match (&cell.value, cell.interval) {
        (KpiValue::Count(_), _) if value != team => value > team,
        (_, Some(interval)) if !cell.small_sample && !interval.contains(team) => {
            interval.low > team
        }
        _ => return Standing::Unclear,
    };
    if above == higher_is_better {
        Standing::Better
    } else {
        Standing::Worse
    }
}

/// The interval a cell's standing rests on (see `PeopleCell::interval`).
fn interval_of(value: &KpiValue) -> Option<Interval> {
    match value {
        KpiValue::Count(_) | KpiValue::Backlog(_) => None,
        KpiValue::Duration(d) => d.median_interval,
        _ => share_interval(value).map(|(_, interval)| interval),
    }
}

/// The table for `query`'s range, filters and hours (its `by`, `every`, `kpis` and `top`
/// are set here). Rows with no ticket solved and none created in the range are left out,
/// and so are the tickets with no assignee (or group): they are nobody's to coach.
pub fn people_table(
    frame: &Frame,
    query: &KpiQuery,
    by: PeopleBy,
) -> Result<PeopleTable, AnalyticsError> {
    let mut kpis = vec![KpiId::TicketsCreated];
    kpis.extend(COLUMNS);
    let query = KpiQuery {
        every: Some(Every::Week),
        by: Some(by.dimension()),
        kpis,
        top: None,
        ..query.clone()
    };
    let report = run(frame, &query)?;
    let points = report.series.iter().flatten();
    let weeks = points.clone().map(|point| point.period.clone()).collect();
    let partial_weeks = points.map(|point| point.partial).collect();
    let mut rows: Vec<PeopleRow> = report
        .groups
        .into_iter()
        .flatten()
        .filter_map(row_of)
        .collect();
    rows.sort_by(|a, b| {
        let solved = |row: &PeopleRow| row.cells[0].headline.unwrap_or(0.0);
        solved(b)
            .total_cmp(&solved(a))
            .then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
            .then_with(|| a.key.cmp(&b.key))
    });
    let columns = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, &kpi)| PeopleColumn {
            kpi,
            higher_is_better: kpi.def().higher_is_better,
            team_median: median(rows.iter().filter_map(|row| row.cells[i].headline)),
        })
        .collect::<Vec<_>>();
    for row in &mut rows {
        for (cell, column) in row.cells.iter_mut().zip(&columns) {
            cell.standing = standing(cell, column.team_median, column.higher_is_better);
        }
    }
    Ok(PeopleTable {
        range: report.range,
        hours: report.hours,
        filters: report.filters,
        by,
        weeks,
        partial_weeks,
        columns,
        rows,
    })
}

impl PeopleTable {
    /// Rows for CSV and printed tables: the team median first (key `""`, label
    /// `(team median)`), then each row; per column its headline and, except for counts,
    /// the `_n` it rests on. Trends are in the JSON only.
    pub fn table(&self) -> ReportTable {
        let mut columns: Vec<String> = ["key", "label", "created"].map(str::to_owned).into();
        for column in &self.columns {
            columns.push(column.kpi.name().to_owned());
            if column.kpi != KpiId::TicketsSolved {
                columns.push(format!("{}_n", column.kpi.name()));
            }
        }
        let mut median = vec![String::new(), "(team median)".to_owned(), String::new()];
        for column in &self.columns {
            median.push(number(column.team_median));
            if column.kpi != KpiId::TicketsSolved {
                median.push(String::new());
            }
        }
        let mut rows = vec![median];
        let mut null_cells = Vec::new();
        for row in &self.rows {
            let mut cells = vec![row.key.clone(), row.label.clone(), row.created.to_string()];
            for (column, cell) in self.columns.iter().zip(&row.cells) {
                let at = (rows.len(), cells.len()..cells.len() + 1);
                // Every row of a column shares its few reasons, so notes name the column only.
                null_cells.extend(NullCell::of(&cell.value, at, None, column.kpi));
                cells.push(number(cell.headline));
                if column.kpi != KpiId::TicketsSolved {
                    cells.push(cell.n.to_string());
                }
            }
            rows.push(cells);
        }
        ReportTable {
            columns,
            rows,
            null_cells,
        }
    }
}

/// A group's row, or `None` for "no value" and for a group with nothing in the range.
fn row_of(group: GroupReport) -> Option<PeopleRow> {
    let key = group.key?;
    let count = |map: &KpiMap, kpi| map.get(kpi).map_or(0, KpiValue::sample_size);
    let created = count(&group.kpis, KpiId::TicketsCreated);
    if created == 0 && count(&group.kpis, KpiId::TicketsSolved) == 0 {
        return None;
    }
    let series = group.series.unwrap_or_default();
    let cells = COLUMNS
        .iter()
        .map(|&kpi| {
            let value = group.kpis.get(kpi).cloned()?;
            Some(PeopleCell {
                headline: value.headline(),
                n: value.sample_size(),
                small_sample: value.small_sample(),
                interval: interval_of(&value),
                // Set once the team medians are known.
                standing: Standing::None,
                value,
                trend: series
                    .iter()
                    .map(|point| point.kpis.get(kpi).and_then(KpiValue::headline))
                    .collect(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(PeopleRow {
        key,
        label: group.label,
        created,
        cells,
    })
}

/// The median of `values` (the mean of the middle two for an even count); `None` when empty.
fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut values: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::engine::stats::{csat_stats, duration_stats};
    use crate::analytics::engine::value::{CountValue, RateValue};

    #[test]
    fn median_of_odd_and_even_counts_and_of_nothing() {
        assert_eq!(median([3.0, 1.0, 2.0].into_iter()), Some(2.0));
        assert_eq!(
            median([4.0, 1.0, 3.0, 2.0].into_iter()),
            Some(2.5),
            "even: the mean of the middle two"
        );
        assert_eq!(median(std::iter::empty()), None);
        assert_eq!(median([f64::NAN, 5.0].into_iter()), Some(5.0));
    }

    fn cell(value: KpiValue) -> PeopleCell {
        PeopleCell {
            headline: value.headline(),
            n: value.sample_size(),
            small_sample: value.small_sample(),
            interval: interval_of(&value),
            standing: Standing::None,
            trend: vec![],
            value,
        }
    }

    #[test]
    fn csat_on_8_ratings_is_unclear_against_the_team() {
        // 7 of 8: Wilson center (0.875 + 1.9208/8) / 1.4802 = 0.7533, half-width
        // 1.96·√(0.875·0.125/8 + 3.8415/256) / 1.4802 = 0.2242: 52.9%–97.8%.
        let eight = cell(KpiValue::Csat(csat_stats(7, 1)));
        let interval = eight.interval.unwrap();
        assert!((interval.low - 0.5291).abs() < 1e-4, "{interval:?}");
        assert!((interval.high - 0.9776).abs() < 1e-4, "{interval:?}");
        assert_eq!(standing(&eight, Some(0.882), true), Standing::Unclear);
    }

    #[test]
    fn csat_whose_interval_excludes_the_team_is_shaded() {
        // 60 of 100: Wilson 50.2%–69.1%, wholly below a team at 88.2%.
        let low = cell(KpiValue::Csat(csat_stats(60, 40)));
        let interval = low.interval.unwrap();
        assert!((interval.low - 0.5020).abs() < 1e-4, "{interval:?}");
        assert!((interval.high - 0.6906).abs() < 1e-4, "{interval:?}");
        assert_eq!(standing(&low, Some(0.882), true), Standing::Worse);
        // For reopens, lower is better: the same interval below the team is better.
        let reopens = cell(KpiValue::Rate(RateValue::share(60, 100)));
        assert_eq!(standing(&reopens, Some(0.882), false), Standing::Better);
    }

    #[test]
    fn a_small_sample_is_unclear_even_when_its_interval_excludes_the_team() {
        // 0 of 20: Wilson 0%–16.1%, below 88.2%, but 20 ratings are a small sample.
        let none_good = cell(KpiValue::Csat(csat_stats(0, 20)));
        assert!(none_good.interval.unwrap().high < 0.882);
        assert_eq!(standing(&none_good, Some(0.882), true), Standing::Unclear);
    }

    #[test]
    fn medians_use_their_distribution_free_interval() {
        // 100 durations 0..99: median 49.5, interval the 40th and 61st values, 39 and 60.
        let mut minutes: Vec<f64> = (0..100).map(f64::from).collect();
        let reply = cell(KpiValue::Duration(duration_stats(&mut minutes)));
        assert_eq!(
            reply.interval,
            Some(Interval {
                low: 39.0,
                high: 60.0
            })
        );
        assert_eq!(standing(&reply, Some(55.0), false), Standing::Unclear);
        assert_eq!(
            standing(&reply, Some(70.0), false),
            Standing::Better,
            "faster than the team beyond the interval"
        );
        assert_eq!(standing(&reply, Some(30.0), false), Standing::Worse);
    }

    #[test]
    fn counts_compare_directly_and_nothing_compares_with_nothing() {
        let solved = cell(KpiValue::Count(CountValue { value: 12 }));
        assert_eq!(standing(&solved, Some(10.0), true), Standing::Better);
        assert_eq!(standing(&solved, Some(12.0), true), Standing::Unclear);
        assert_eq!(standing(&solved, None, true), Standing::None);
        let empty = cell(KpiValue::Csat(csat_stats(0, 0)));
        assert_eq!(standing(&empty, Some(0.9), true), Standing::None);
    }

    #[test]
    fn by_parses_the_two_kinds_only() {
        assert_eq!(PeopleBy::parse("assignee").unwrap(), PeopleBy::Assignee);
        assert_eq!(PeopleBy::parse("group").unwrap(), PeopleBy::Group);
        let err = PeopleBy::parse("channel").unwrap_err().to_string();
        assert!(err.contains("assignee, group"), "{err}");
    }

    #[test]
    fn columns_follow_the_catalogue_directions() {
        assert!(KpiId::TicketsSolved.def().higher_is_better);
        assert!(!KpiId::FirstReplyTime.def().higher_is_better);
        assert!(!KpiId::ReopenRate.def().higher_is_better);
        assert_eq!(COLUMNS[0], KpiId::TicketsSolved, "rows sort on cells[0]");
    }
}
