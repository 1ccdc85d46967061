//! A KPI query (`deskbench kpi`): its validated options and how it runs over the frame.

use polars::prelude::*;

use super::compute::{compute, Cells, Key, Periods, KEY};
use super::dimension::Dimension;
use super::filter::Filters;
use super::frame::Frame;
use super::kpi::{Hours, KpiId};
use super::overview::RangeEcho;
use super::range::{DateRange, Every};
use super::report::{FilterEcho, GroupReport, KpiMap, KpiReport, SeriesPoint};
use super::AnalyticsError;

/// A validated query. Build one from raw input with the parsers of each part.
#[derive(Debug, Clone)]
pub struct KpiQuery {
    pub range: DateRange,
    pub every: Option<Every>,
    pub by: Option<Dimension>,
    pub filters: Filters,
    /// The KPIs to report; empty means all. Output follows the catalogue's order.
    pub kpis: Vec<KpiId>,
    pub hours: Hours,
    /// Keep only the first N groups.
    pub top: Option<usize>,
}

impl KpiQuery {
    pub fn new(range: DateRange) -> KpiQuery {
        KpiQuery {
            range,
            every: None,
            by: None,
            filters: Filters::default(),
            kpis: Vec::new(),
            hours: Hours::Calendar,
            top: None,
        }
    }

    fn kpi_list(&self) -> Vec<KpiId> {
        KpiId::ALL
            .into_iter()
            .filter(|k| self.kpis.is_empty() || self.kpis.contains(k))
            .collect()
    }
}

pub fn run(frame: &Frame, query: &KpiQuery) -> Result<KpiReport, AnalyticsError> {
    let buckets = query
        .every
        .map(|e| query.range.buckets(e))
        .unwrap_or_default();
    let periods = Periods {
        start: query.range.start(),
        end: query.range.end(),
        buckets: &buckets,
    };
    let mut tickets = frame.tickets.clone().lazy();
    if let Some(predicate) = query.filters.predicate() {
        tickets = tickets.filter(predicate);
    }
    let ratings = frame.ratings.clone().lazy();
    let kpis = query.kpi_list();
    let compute_all =
        |keyed: &LazyFrame, list: &[KpiId]| -> Result<Vec<(KpiId, Cells)>, AnalyticsError> {
            list.iter()
                .map(|&kpi| Ok((kpi, compute(kpi, keyed, &ratings, &periods, query.hours)?)))
                .collect()
        };

    let total_plan = tickets
        .clone()
        .with_column(lit(NULL).cast(DataType::String).alias(KEY));
    let total = compute_all(&total_plan, &kpis)?;
    let labels: Vec<String> = buckets
        .iter()
        .map(|b| b.label.format("%Y-%m-%d").to_string())
        .collect();
    let series_of = |cells: &[(KpiId, Cells)], key: &Key| -> Vec<SeriesPoint> {
        labels
            .iter()
            .enumerate()
            .map(|(i, period)| SeriesPoint {
                period: period.clone(),
                kpis: KpiMap(cells.iter().map(|(k, c)| (*k, c.bucket(key, i))).collect()),
            })
            .collect()
    };
    let range_of = |cells: &[(KpiId, Cells)], key: &Key| -> KpiMap {
        KpiMap(cells.iter().map(|(k, c)| (*k, c.range(key))).collect())
    };

    let groups = match query.by {
        None => None,
        Some(dim) => {
            let keyed = tickets.with_column(col(dim.column()).cast(DataType::String).alias(KEY));
            let grouped = compute_all(&keyed, &kpis)?;
            let mut keys = group_keys(&keyed)?;
            // The order uses tickets created even when the query leaves that KPI out.
            let created = compute(
                KpiId::TicketsCreated,
                &keyed,
                &ratings,
                &periods,
                query.hours,
            )?;
            let count = |key: &Key| created.range(key).headline().unwrap_or(0.0);
            keys.sort_by(|a, b| {
                count(b).total_cmp(&count(a)).then_with(|| match (a, b) {
                    (Some(a), Some(b)) => a.cmp(b),
                    (a, b) => a.is_none().cmp(&b.is_none()),
                })
            });
            keys.truncate(query.top.unwrap_or(usize::MAX));
            Some(
                keys.iter()
                    .map(|key| GroupReport {
                        key: key.clone(),
                        label: dim.label(key.as_deref(), &frame.labels),
                        kpis: range_of(&grouped, key),
                        series: query.every.map(|_| series_of(&grouped, key)),
                    })
                    .collect(),
            )
        }
    };

    Ok(KpiReport {
        range: RangeEcho {
            from: query.range.from_str(),
            to: query.range.to_str(),
            tz: query.range.tz.name().to_owned(),
        },
        hours: query.hours,
        filters: FilterEcho(
            query
                .filters
                .entries()
                .iter()
                .map(|(d, v)| (d.name().to_owned(), v.clone()))
                .collect(),
        ),
        kpis: range_of(&total, &None),
        by: query.by.map(|d| d.name().to_owned()),
        groups,
        every: query.every,
        series: query.every.map(|_| series_of(&total, &None)),
    })
}

/// Every key found on the filtered tickets, whatever their dates (contract rule 2).
fn group_keys(keyed: &LazyFrame) -> Result<Vec<Key>, AnalyticsError> {
    let df = keyed.clone().select([col(KEY).unique()]).collect()?;
    Ok(df
        .column(KEY)?
        .str()?
        .iter()
        .map(|k| k.map(str::to_owned))
        .collect())
}
