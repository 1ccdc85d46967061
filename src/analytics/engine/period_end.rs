//! `tickets_unsolved` and `backlog`: the tickets open at the end of the range and of each
//! bucket, counted per group from one collection of the tickets that could be.

use std::collections::HashMap;
use std::sync::Mutex;

use polars::prelude::*;

use crate::analytics::frame::cols;
use crate::analytics::AnalyticsError;

use super::compute::{Cells, Periods};
use super::keyed::{Keyed, Keys};
use super::kpi::{KpiId, Measure};
use super::value::{BacklogMethod, BacklogValue, CountValue, KpiValue};

/// The tickets `tickets_unsolved` and `backlog` count from: those created before the
/// range's end, with the `group_columns` and the times they need.
pub(super) fn period_end_rows(
    tickets: &Keyed,
    periods: &Periods,
    group_columns: &[Expr],
) -> Result<DataFrame, AnalyticsError> {
    // A ticket that entered and left the backlog before the range adds as much to
    // "created before t" as to "left before t" for every t in the range: leave it out.
    let start = lit(periods.start);
    let active = col(cols::SOLVED_TIME)
        .is_null()
        .or(col(cols::SOLVED_TIME).gt_eq(start.clone()))
        .or(col("created_at").gt_eq(start));
    let mut select = group_columns.to_vec();
    select.extend([
        col("created_at"),
        col(cols::SOLVED_TIME),
        col(cols::UNSOLVED_NOW),
    ]);
    Ok(tickets
        .plan
        .clone()
        .filter(col("created_at").lt(lit(periods.end)).and(active))
        .select(select)
        .collect()?)
}

/// `tickets_unsolved` and `backlog`: counts at the end of the range and of each bucket,
/// from the rows of `period_end_rows`, per key of the pass.
pub(super) fn at_period_end(
    kpis: &[KpiId],
    df: DataFrame,
    keyed: &Keyed,
    keys: &Mutex<Keys>,
    periods: &Periods,
) -> Result<Vec<(KpiId, Cells)>, AnalyticsError> {
    let (df, key) = Keys::expand_shared(keys, df, keyed)?;
    let created = df.column("created_at")?.i64()?;
    let solved = df.column(cols::SOLVED_TIME)?.i64()?;
    let unsolved = df.column(cols::UNSOLVED_NOW)?.bool()?;
    // Per key: creation times of tickets unsolved now; all creation times; and when each
    // solved ticket left the backlog (never before it entered it).
    #[derive(Default)]
    struct Times {
        unsolved: Vec<i64>,
        created: Vec<i64>,
        left: Vec<i64>,
    }
    let mut by_key: HashMap<u32, Times> = HashMap::new();
    for (i, k) in key.iter().enumerate() {
        let Some(at) = created.get(i) else { continue };
        let t = by_key.entry(*k).or_default();
        t.created.push(at);
        if unsolved.get(i) == Some(true) {
            t.unsolved.push(at);
        }
        if let Some(solved) = solved.get(i) {
            t.left.push(solved.max(at));
        }
    }
    let ends: Vec<i64> = periods.buckets.iter().map(|b| b.end).collect();
    let mut out = Vec::new();
    for &kpi in kpis {
        let mut cells = Cells::new(Measure::Count);
        for (k, times) in by_key.iter_mut() {
            times.unsolved.sort_unstable();
            times.created.sort_unstable();
            times.left.sort_unstable();
            let before = |v: &[i64], t: i64| v.partition_point(|&x| x < t) as u64;
            let value_at = |t: i64| match kpi {
                KpiId::TicketsUnsolved => KpiValue::Count(CountValue {
                    value: before(&times.unsolved, t),
                }),
                _ => KpiValue::Backlog(BacklogValue {
                    value: before(&times.created, t).saturating_sub(before(&times.left, t)),
                    method: BacklogMethod::CurrentStatus,
                }),
            };
            for (b, &end) in ends.iter().enumerate() {
                cells.buckets.insert((*k, b as u32), value_at(end));
            }
            cells.range.insert(*k, value_at(periods.end));
        }
        if kpi == KpiId::Backlog {
            cells.empty = KpiValue::Backlog(BacklogValue {
                value: 0,
                method: BacklogMethod::CurrentStatus,
            });
        }
        out.push((kpi, cells));
    }
    Ok(out)
}
