//! A KPI query (`deskbench kpi`): its validated options and how it runs over the frame.

pub mod breakdowns;
pub mod filter;
pub mod range;
pub mod report;
pub mod request;
pub(crate) mod size;

use std::sync::Arc;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::analytics::engine::compute::{compute_all, Cells, Pass, Periods};
use crate::analytics::engine::grid::MAX_CELLS;
use crate::analytics::engine::keyed::{Keyed, Keys, MultiKeys, KEY};
use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::analytics::frame::codes::Key;
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::{cols, Frame};
use crate::analytics::AnalyticsError;

use filter::Filters;
use range::{DateRange, Every, RangeEcho};
use report::{GroupReport, KpiMap, KpiReport, SeriesPoint};

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
    /// The workspace's local date now: a bucket that reaches it is partial, since the day
    /// is not over. None for a query with no clock, where only the range's cuts are.
    pub today: Option<NaiveDate>,
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
            today: None,
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
    let dims: Vec<Dimension> = query.by.into_iter().collect();
    let (mut report, groups) = run_each(frame, query, &dims)?;
    report.by = query.by.map(Dimension::name);
    report.groups = groups.into_iter().next().map(|(_, groups)| groups);
    Ok(report)
}

/// Each breakdown's dimension and its groups, in report order.
pub(crate) type Breakdowns = Vec<(Dimension, Vec<GroupReport>)>;

/// The query's total (its `by` left aside), and the groups of each of `dims`: every
/// breakdown shares the filtered tickets and the total.
pub(crate) fn run_each(
    frame: &Frame,
    query: &KpiQuery,
    dims: &[Dimension],
) -> Result<(KpiReport, Breakdowns), AnalyticsError> {
    let buckets = query
        .every
        .map(|e| query.range.buckets_as_of(e, query.today))
        .unwrap_or_default();
    let periods = Periods {
        start: query.range.start(),
        end: query.range.end(),
        buckets: &buckets,
    };
    let tickets = filtered_tickets(frame, query)?;
    let kpis = query.kpi_list();
    let all_tickets = query.filters.entries().is_empty();
    let total = Keyed::total(tickets.clone(), all_tickets);
    let mut keyeds = Vec::with_capacity(dims.len());
    let mut orders = Vec::with_capacity(dims.len());
    let mut passes = vec![Pass {
        keyed: &total,
        keys: Keys::default(),
    }];
    for dim in dims {
        let (keyed, keys, order) = groups_of(frame, query, tickets.clone(), *dim, &periods)?;
        keyeds.push(keyed);
        orders.push((keys, order));
    }
    // The total and every breakdown share each population's rows.
    for (keyed, (keys, _)) in keyeds.iter().zip(&mut orders) {
        passes.push(Pass {
            keyed,
            keys: std::mem::take(keys),
        });
    }
    let mut cells = compute_all(&kpis, &mut passes, frame, &periods, query.hours)?.into_iter();
    let mut keys = passes.into_iter().map(|pass| pass.keys);
    let total_keys = keys.next().unwrap_or_default();
    let total_cells = cells.next().unwrap_or_default();
    let labels: Vec<String> = buckets
        .iter()
        .map(|b| b.label.format("%Y-%m-%d").to_string())
        .collect();
    let series_of = |cells: &[(KpiId, Cells)], key: Option<u32>| -> Vec<SeriesPoint> {
        labels
            .iter()
            .zip(&buckets)
            .enumerate()
            .map(|(i, (period, bucket))| SeriesPoint {
                period: period.clone(),
                partial: bucket.partial,
                kpis: KpiMap(cells.iter().map(|(k, c)| (*k, c.bucket(key, i))).collect()),
            })
            .collect()
    };
    let range_of = |cells: &[(KpiId, Cells)], key: Option<u32>| -> KpiMap {
        KpiMap(cells.iter().map(|(k, c)| (*k, c.range(key))).collect())
    };
    let total_key = total_keys.index_of(&None);

    let mut breakdowns = Vec::with_capacity(dims.len());
    for ((dim, (_, order)), (keys, cells)) in dims.iter().zip(orders).zip(keys.zip(cells)) {
        let groups = order
            .iter()
            .take(query.top.unwrap_or(usize::MAX))
            .map(|key| {
                let index = keys.index_of(key);
                GroupReport {
                    key: key.clone(),
                    label: dim.label(key.as_deref(), &frame.labels),
                    kpis: range_of(&cells, index),
                    series: query.every.map(|_| series_of(&cells, index)),
                }
            })
            .collect();
        breakdowns.push((*dim, groups));
    }

    let report = KpiReport {
        range: RangeEcho::of(&query.range),
        hours: query.hours,
        filters: query.filters.echo(),
        kpis: range_of(&total_cells, total_key),
        by: None,
        groups: None,
        every: query.every,
        series: query.every.map(|_| series_of(&total_cells, total_key)),
    };
    Ok((report, breakdowns))
}

/// The tickets keyed by `dim`, every key they carry, and the keys in report order: most
/// tickets created in the range first, then by key, "no value" last.
fn groups_of(
    frame: &Frame,
    query: &KpiQuery,
    tickets: LazyFrame,
    dim: Dimension,
    periods: &Periods,
) -> Result<(Keyed, Keys, Vec<Key>), AnalyticsError> {
    // Unfiltered, the plan holds every ticket: ratings and SLA outcomes find their key
    // from their own row, with no join to the million tickets.
    let keyed = Keyed {
        all_tickets: query.filters.entries().is_empty(),
        ..keyed_by(frame, tickets, dim)?
    };
    let (keys, seen, count) = keys_with_counts(&keyed, periods)?;
    check_size(query, keys.list.len(), dim)?;
    let mut order: Vec<(i64, Key)> = keys
        .list
        .iter()
        .enumerate()
        .filter(|(i, _)| seen.get(*i).copied().unwrap_or(true))
        .map(|(i, key)| (count.get(i).copied().unwrap_or(0), key.clone()))
        .collect();
    order.sort_by(|(count_a, a), (count_b, b)| {
        count_b.cmp(count_a).then_with(|| match (a, b) {
            (Some(a), Some(b)) => a.cmp(b),
            (a, b) => a.is_none().cmp(&b.is_none()),
        })
    });
    let order = order.into_iter().map(|(_, key)| key).collect();
    Ok((keyed, keys, order))
}

/// Refuses a query whose groups × buckets exceed `MAX_CELLS`, before the engine
/// allocates its tallies and the report its values.
fn check_size(query: &KpiQuery, groups: usize, by: Dimension) -> Result<(), AnalyticsError> {
    let buckets = query
        .every
        .map_or(1, |every| query.range.bucket_count(every));
    let cells = groups.saturating_mul(buckets);
    if cells <= MAX_CELLS {
        return Ok(());
    }
    Err(AnalyticsError::TooManyCells {
        size: size::describe(buckets, query.every, groups, by),
        cells: size::count_words(cells),
        max: size::count_words(MAX_CELLS),
        plural: size::plural(by),
    })
}

/// Every key on the filtered tickets, whatever their dates (contract rule 2), whether each
/// index is such a key, and the tickets created in the range under each, which order the
/// groups (even when that KPI is not asked for).
fn keys_with_counts(
    keyed: &Keyed,
    periods: &Periods,
) -> Result<(Keys, Vec<bool>, Vec<i64>), AnalyticsError> {
    let in_range = periods.contains("created_at");
    let plan = keyed.plan.clone();
    let rows = if Keys::counts_only_counted(keyed) {
        plan.filter(in_range)
            .select([col(cols::ROW), lit(true).alias("created")])
    } else {
        plan.select([col(cols::ROW), in_range.alias("created")])
    }
    .collect()?;
    let created = rows.column("created")?.bool()?;
    Ok(Keys::counted(
        keyed,
        rows.column(cols::ROW)?.u32()?,
        created,
    ))
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

/// The tickets keyed by `dim`: each row's key is found from its `ROW`, through the
/// codes of a single-valued dimension (also its `KEY` column) or the items a ticket
/// carries of a multi-valued one (tags, custom fields), so no query joins the tickets
/// with their items.
pub(crate) fn keyed_by(
    frame: &Frame,
    tickets: LazyFrame,
    dim: Dimension,
) -> Result<Keyed, AnalyticsError> {
    let (plan, codes, items) = if dim.is_multi() {
        let (rows, values) = frame.row_items(dim)?;
        let values = Arc::new(values.clone());
        (tickets, None, Some(MultiKeys { rows, values }))
    } else {
        let codes = frame.single_codes(dim)?;
        let plan = tickets.with_column(frame.key_expr(dim).alias(KEY));
        (plan, Some(codes), None)
    };
    Ok(Keyed {
        plan,
        by: true,
        all_tickets: false,
        codes,
        items,
    })
}

#[cfg(test)]
mod tests {
    use chrono_tz::Tz;

    use super::range::{parse_date, EARLIEST, LATEST};
    use super::*;

    #[test]
    fn queries_past_the_cell_limit_are_refused_before_computing() {
        let whole = DateRange::new(EARLIEST, LATEST, Tz::UTC).unwrap();
        let daily = KpiQuery {
            every: Some(Every::Day),
            ..KpiQuery::new(whole)
        };
        assert!(
            check_size(&daily, 5, Dimension::Channel).is_ok(),
            "47,847 × 5 fits"
        );
        let err = check_size(&daily, 1_204, Dimension::Assignee).unwrap_err();
        assert_eq!(
            err.to_string(),
            "47,847 days × 1,204 assignees is 57.6 million cells, more than the 250,000 one \
             query may compute; use weekly or monthly buckets, a shorter range, or filters for \
             fewer assignees"
        );
        let year = DateRange::new(
            parse_date("2025-01-01").unwrap(),
            parse_date("2025-12-31").unwrap(),
            Tz::UTC,
        )
        .unwrap();
        assert!(check_size(&KpiQuery::new(year), MAX_CELLS, Dimension::Requester).is_ok());
        assert!(check_size(&KpiQuery::new(year), MAX_CELLS + 1, Dimension::Requester).is_err());
    }
}
