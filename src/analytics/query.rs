//! A KPI query (`deskbench kpi`): its validated options and how it runs over the frame.

use polars::prelude::*;

use super::compute::{compute_all, Cells, Key, Keyed, Keys, Periods, KEY};
use super::dimension::Dimension;
use super::filter::Filters;
use super::frame::{cols, Frame};
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
    let tickets = filtered_tickets(frame, query)?;
    let kpis = query.kpi_list();

    let mut total_keys = Keys::default();
    let total = Keyed {
        plan: tickets.clone(),
        by: false,
        all_tickets: query.filters.entries().is_empty(),
    };
    let total_cells = compute_all(&kpis, &total, frame, &periods, query.hours, &mut total_keys)?;
    let labels: Vec<String> = buckets
        .iter()
        .map(|b| b.label.format("%Y-%m-%d").to_string())
        .collect();
    let series_of = |cells: &[(KpiId, Cells)], key: Option<u32>| -> Vec<SeriesPoint> {
        labels
            .iter()
            .enumerate()
            .map(|(i, period)| SeriesPoint {
                period: period.clone(),
                kpis: KpiMap(cells.iter().map(|(k, c)| (*k, c.bucket(key, i))).collect()),
            })
            .collect()
    };
    let range_of = |cells: &[(KpiId, Cells)], key: Option<u32>| -> KpiMap {
        KpiMap(cells.iter().map(|(k, c)| (*k, c.range(key))).collect())
    };
    let total_key = total_keys.index_of(&None);

    let groups = match query.by {
        None => None,
        Some(dim) => {
            let keyed = keyed_by(frame, tickets, dim)?;
            // Every key on the filtered tickets, whatever their dates (contract rule 2).
            let mut keys = Keys::default();
            let all = keyed.plan.clone().select([col(KEY)]).collect()?;
            keys.of_rows(&all, true)?;
            let grouped = compute_all(&kpis, &keyed, frame, &periods, query.hours, &mut keys)?;
            // The order uses tickets created even when the query leaves that KPI out.
            let extra;
            let created = match grouped.iter().find(|(k, _)| *k == KpiId::TicketsCreated) {
                Some((_, cells)) => cells,
                None => {
                    extra = compute_all(
                        &[KpiId::TicketsCreated],
                        &keyed,
                        frame,
                        &periods,
                        query.hours,
                        &mut keys,
                    )?;
                    &extra[0].1
                }
            };
            let count = |key: &Key| created.range(keys.index_of(key)).headline().unwrap_or(0.0);
            let mut list = keys.list.clone();
            list.sort_by(|a, b| {
                count(b).total_cmp(&count(a)).then_with(|| match (a, b) {
                    (Some(a), Some(b)) => a.cmp(b),
                    (a, b) => a.is_none().cmp(&b.is_none()),
                })
            });
            list.truncate(query.top.unwrap_or(usize::MAX));
            Some(
                list.iter()
                    .map(|key| {
                        let index = keys.index_of(key);
                        GroupReport {
                            key: key.clone(),
                            label: dim.label(key.as_deref(), &frame.labels),
                            kpis: range_of(&grouped, index),
                            series: query.every.map(|_| series_of(&grouped, index)),
                        }
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
                .map(|(d, v)| (d.name(), v.clone()))
                .collect(),
        ),
        kpis: range_of(&total_cells, total_key),
        by: query.by.map(Dimension::name),
        groups,
        every: query.every,
        series: query.every.map(|_| series_of(&total_cells, total_key)),
    })
}

/// The tickets that pass the query's filters, as a lazy plan.
pub(crate) fn filtered_tickets(
    frame: &Frame,
    query: &KpiQuery,
) -> Result<LazyFrame, AnalyticsError> {
    let mut tickets = frame.tickets.clone().lazy();
    if let Some(predicate) = query.filters.predicate(frame)? {
        tickets = tickets.filter(predicate);
    }
    Ok(tickets)
}

/// The tickets with a `KEY` column for `dim`: the column itself for single-valued
/// dimensions; for tags and custom fields one row per value, null for tickets with none.
pub(crate) fn keyed_by(
    frame: &Frame,
    tickets: LazyFrame,
    dim: Dimension,
) -> Result<Keyed, AnalyticsError> {
    let plan = if dim.is_multi() {
        let values = frame
            .dimension_values(dim)?
            .select([col(cols::ROW), col("value").alias(KEY)]);
        tickets.join(
            values,
            [col(cols::ROW)],
            [col(cols::ROW)],
            JoinArgs::new(JoinType::Left),
        )
    } else {
        tickets.with_column(col(dim.column()).alias(KEY))
    };
    Ok(Keyed {
        plan,
        by: true,
        all_tickets: false,
    })
}
