//! The KPI engine. Each population (tickets created in a period, solved in it, ratings,
//! SLA outcomes, …) is one lazy polars plan over the frame, collected once per query;
//! its rows are then tallied per group key and bucket for every KPI that counts it, and
//! each tally becomes the contract's statistics.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;
use polars::prelude::*;
use rayon::prelude::*;

use crate::analytics::frame::{cols, Frame, CODE};
use crate::analytics::AnalyticsError;

use super::grid::{Durations, Grid, Merge, Share, DENSE_CELLS};
use super::keyed::{lock, Keyed, Keys};
use super::kpi::{Hours, KpiId, Measure, Population};
use super::period_end::{at_period_end, period_end_rows};
use super::stats::{csat_stats, duration_stats};
use super::support::{sources_by_key, Gaps, SOURCE};
use super::value::{CountValue, KpiValue, MetricRates, RateValue, SlaValue, Support};

const TIME: &str = "time";

/// One bucket of a series: its label and its clipped `[start, end)` in unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub label: NaiveDate,
    pub start: i64,
    pub end: i64,
    /// Holds fewer days than a whole bucket: the range cuts it, or it reaches today or
    /// later (`DateRange::buckets_as_of`). Its figures are not comparable with full ones.
    pub partial: bool,
}

/// The periods of one query: the range and its buckets (none without `--every`).
pub(crate) struct Periods<'a> {
    pub start: i64,
    pub end: i64,
    pub buckets: &'a [Bucket],
}

impl Periods<'_> {
    pub fn contains(&self, column: &str) -> Expr {
        col(column)
            .gt_eq(lit(self.start))
            .and(col(column).lt(lit(self.end)))
    }

    /// The bucket of each time (all lie in the range); `NO_BUCKET` without buckets.
    fn slots(&self, times: &Int64Chunked) -> Vec<u32> {
        if self.buckets.is_empty() {
            return vec![NO_BUCKET; times.len()];
        }
        // Rows come roughly in time order (ticket ids grow with time), so the previous
        // row's bucket is tried before a search.
        let mut last = 0usize;
        times
            .iter()
            .map(|t| {
                let Some(t) = t else { return NO_BUCKET };
                let hit = self
                    .buckets
                    .get(last)
                    .is_some_and(|b| b.start <= t && t < b.end);
                if !hit {
                    last = self.buckets.partition_point(|b| b.end <= t);
                }
                last as u32
            })
            .collect()
    }
}

const NO_BUCKET: u32 = u32::MAX;

/// One KPI's values for every group key (by index) over the range and each bucket.
/// Cells with no population are absent and read as the KPI's empty value.
pub(crate) struct Cells {
    pub(super) range: HashMap<u32, KpiValue>,
    pub(super) buckets: HashMap<(u32, u32), KpiValue>,
    pub(super) empty: KpiValue,
    /// By key, the sources its values leave out (see `support`); absent when none.
    support: HashMap<u32, Support>,
}

impl Cells {
    pub(super) fn new(measure: Measure) -> Cells {
        Cells {
            range: HashMap::new(),
            buckets: HashMap::new(),
            empty: empty_value(measure),
            support: HashMap::new(),
        }
    }

    pub fn range(&self, key: Option<u32>) -> KpiValue {
        let value = key.and_then(|k| self.range.get(&k));
        self.noted(key, value.cloned().unwrap_or_else(|| self.empty.clone()))
    }

    pub fn bucket(&self, key: Option<u32>, bucket: usize) -> KpiValue {
        let value = key.and_then(|k| self.buckets.get(&(k, bucket as u32)));
        self.noted(key, value.cloned().unwrap_or_else(|| self.empty.clone()))
    }

    /// `value` of `key` with the sources its key's values leave out, and the reason
    /// when it is null.
    fn noted(&self, key: Option<u32>, mut value: KpiValue) -> KpiValue {
        let Some(note) = key.and_then(|k| self.support.get(&k)) else {
            return value;
        };
        let null = value.headline().is_none();
        if let Some(support) = value.support_mut() {
            support.left_out = note.left_out.clone();
            support.null_reason = note.null_reason.clone().filter(|_| null);
        }
        value
    }
}

fn empty_value(measure: Measure) -> KpiValue {
    match measure {
        Measure::Count => KpiValue::Count(CountValue { value: 0 }),
        Measure::Duration(_) => KpiValue::Duration(duration_stats(&mut [])),
        Measure::Csat => KpiValue::Csat(csat_stats(0, 0)),
        Measure::Sla => KpiValue::Sla(SlaValue {
            value: None,
            n: 0,
            small_sample: false,
            by_metric: MetricRates::default(),
            support: Support::default(),
        }),
        _ => KpiValue::Rate(RateValue::share(0, 0)),
    }
}

/// One way of grouping the query's tickets (the total, or one breakdown) and the group
/// keys it met.
pub(crate) struct Pass<'a> {
    pub keyed: &'a Keyed,
    pub keys: Keys,
}

/// Computes `kpis` for every pass, in the order given. The passes group the same
/// filtered tickets (the first pass's plan), so each population is collected once for
/// them all, with what tells every pass its groups, and then tallied per pass.
pub(crate) fn compute_all(
    kpis: &[KpiId],
    passes: &mut [Pass],
    frame: &Frame,
    periods: &Periods,
    hours: Hours,
) -> Result<Vec<Vec<(KpiId, Cells)>>, AnalyticsError> {
    let Some(first) = passes.first() else {
        return Ok(Vec::new());
    };
    let tickets = first.keyed;
    let gaps: HashMap<KpiId, Gaps> = kpis
        .iter()
        .map(|k| (*k, Gaps::of(*k, &frame.labels.sources, hours)))
        .filter(|(_, gaps)| !gaps.is_empty())
        .collect();
    let mut group_columns: Vec<Expr> = Vec::new();
    for pass in passes.iter() {
        for column in pass.keyed.key_and(Vec::new()) {
            if !group_columns.contains(&column) {
                group_columns.push(column);
            }
        }
    }
    let mut populations: Vec<Population> = kpis.iter().map(|k| rows_of(*k)).collect();
    populations.sort_by_key(|p| *p as u8);
    populations.dedup();
    // The populations' rows, collected side by side.
    let collected = populations
        .par_iter()
        .map(|&population| {
            let members: Vec<KpiId> = kpis
                .iter()
                .copied()
                .filter(|k| rows_of(*k) == population)
                .collect();
            // Only ticket populations can hold a left-out source's records: ratings
            // come from every source, and no import has SLA outcomes.
            let of_tickets = matches!(population, Population::Created | Population::Solved);
            let sourced = of_tickets && members.iter().any(|k| gaps.contains_key(k));
            let df = match records_in(population, tickets, frame, periods) {
                None => period_end_rows(tickets, periods, &group_columns)?,
                Some(plan) => collect_rows(plan, &members, &group_columns, hours, sourced)?,
            };
            Ok(Collected {
                population,
                members,
                sourced,
                df,
            })
        })
        .collect::<Result<Vec<_>, AnalyticsError>>()?;
    let context = Context {
        periods,
        hours,
        frame,
        gaps: &gaps,
    };
    passes
        .par_iter_mut()
        .map(|pass| {
            // Every population of the pass is grouped and tallied side by side; they
            // share the pass's keys, each interned once by whichever meets it first.
            let keys = Mutex::new(std::mem::take(&mut pass.keys));
            let tallied = collected
                .par_iter()
                .map(|population| context.tally(population, pass.keyed, &keys))
                .collect::<Result<Vec<_>, AnalyticsError>>()?;
            pass.keys = keys.into_inner().unwrap_or_else(PoisonError::into_inner);
            let mut out: Vec<(KpiId, Cells)> = tallied.into_iter().flatten().collect();
            if !gaps.is_empty() {
                let scope = sources_by_key(pass.keyed, &mut pass.keys)?;
                for (kpi, cells) in out.iter_mut() {
                    if let Some(gaps) = gaps.get(kpi) {
                        cells.support = scope
                            .iter()
                            .map(|(key, sources)| (*key, gaps.support(sources)))
                            .filter(|(_, support)| *support != Support::default())
                            .collect();
                    }
                }
            }
            out.sort_by_key(|(k, _)| *k);
            Ok(out)
        })
        .collect()
}

/// The population whose rows a KPI counts from: `tickets_unsolved` and `backlog` read
/// the same tickets at the period's end.
fn rows_of(kpi: KpiId) -> Population {
    match kpi.def().population {
        Population::Backlog => Population::UnsolvedNow,
        population => population,
    }
}

/// The rows of one population (see `rows_of`), collected once for every pass, and the
/// KPIs counted from them.
struct Collected {
    population: Population,
    members: Vec<KpiId>,
    /// Whether the rows carry their source, for KPIs some sources cannot give.
    sourced: bool,
    df: DataFrame,
}

/// What every tally of a query shares.
struct Context<'a> {
    periods: &'a Periods<'a>,
    hours: Hours,
    frame: &'a Frame,
    gaps: &'a HashMap<KpiId, Gaps>,
}

impl Context<'_> {
    /// The cells of a population's KPIs for one pass: its rows grouped by the pass's
    /// `keys`, then each KPI tallied side by side.
    fn tally(
        &self,
        collected: &Collected,
        keyed: &Keyed,
        keys: &Mutex<Keys>,
    ) -> Result<Vec<(KpiId, Cells)>, AnalyticsError> {
        let Collected {
            population,
            members,
            sourced,
            df,
        } = collected;
        if *population == Population::UnsolvedNow {
            return at_period_end(members, df.clone(), keyed, keys, self.periods);
        }
        let (df, key) = Keys::expand_shared(keys, df.clone(), keyed)?;
        let slot = self.periods.slots(df.column(TIME)?.i64()?);
        let rows = Rows { key, slot, df };
        // These rows' keys are interned by now; another population may add more, which
        // only widens the tallies' grids.
        let key_count = lock(keys).list.len();
        members
            .par_iter()
            .map(|&kpi| {
                let left_out = match self.gaps.get(&kpi).filter(|_| *sourced) {
                    Some(gaps) => Some(gaps.left_out_rows(&rows.df)?),
                    None => None,
                };
                let (periods, hours) = (self.periods, self.hours);
                let cells = tally_kpi(kpi, &rows, periods, hours, key_count, left_out, self.frame)?;
                Ok((kpi, cells))
            })
            .collect()
    }
}

/// A population's rows for one pass: the group key index and bucket of each, and its
/// input columns.
struct Rows {
    key: Vec<u32>,
    slot: Vec<u32>,
    df: DataFrame,
}

/// The input columns a KPI reads from its population's rows.
fn inputs(measure: Measure, hours: Hours) -> Vec<String> {
    match measure {
        Measure::Count => vec![],
        Measure::Duration(metric) => vec![hours.column(metric)],
        Measure::SolvedShare => vec![cols::SOLVED_NOW.to_owned()],
        Measure::MeanReplies | Measure::RepliesShare(_) => vec!["replies".to_owned()],
        Measure::ReopenedShare => vec!["reopens".to_owned()],
        Measure::Csat | Measure::ResponseRate => vec!["score".to_owned()],
        Measure::Sla => vec![CODE.to_owned(), "achieved".to_owned()],
    }
}

/// The records of a population whose anchor time falls in the period, with that time as
/// `TIME` and, for ratings and SLA instances, their ticket's key (and filters). `None` for
/// the populations taken at the period's end (unsolved, backlog).
pub(crate) fn records_in(
    population: Population,
    keyed: &Keyed,
    frame: &Frame,
    periods: &Periods,
) -> Option<LazyFrame> {
    let tickets = |anchor: &str| {
        keyed
            .plan
            .clone()
            .filter(periods.contains(anchor))
            .with_column(col(anchor).alias(TIME))
    };
    let of_tickets = |records: LazyFrame, anchor: &str| {
        let records = records
            .filter(periods.contains(anchor))
            .with_column(col(anchor).alias(TIME));
        if keyed.all_tickets {
            return records;
        }
        records.join(
            keyed
                .plan
                .clone()
                .select(keyed.key_and(vec![col(cols::ROW)])),
            [col(cols::ROW)],
            [col(cols::ROW)],
            JoinArgs::new(JoinType::Inner),
        )
    };
    let ratings = |scores: &[&str]| {
        let scored = scores
            .iter()
            .map(|s| col("score").eq(lit(*s)))
            .reduce(Expr::or)
            .unwrap_or(lit(false));
        frame.ratings.clone().lazy().filter(scored)
    };
    Some(match population {
        Population::Created => tickets("created_at"),
        Population::Solved => tickets(cols::SOLVED_TIME),
        Population::Rated => of_tickets(ratings(&["good", "bad"]), "updated_at"),
        Population::Offered => of_tickets(ratings(&["good", "bad", "offered"]), "created_at"),
        Population::SlaOutcome => of_tickets(frame.sla.clone().lazy(), "time"),
        Population::UnsolvedNow | Population::Backlog => return None,
    })
}

/// The rows of a population's `plan`: the `group_columns`, the anchor time, the inputs
/// of the `kpis`, and each row's source when `sourced`.
fn collect_rows(
    plan: LazyFrame,
    kpis: &[KpiId],
    group_columns: &[Expr],
    hours: Hours,
    sourced: bool,
) -> Result<DataFrame, AnalyticsError> {
    let mut needed: Vec<String> = kpis
        .iter()
        .flat_map(|k| inputs(k.def().measure, hours))
        .collect();
    if sourced {
        needed.push(SOURCE.to_owned());
    }
    needed.sort();
    needed.dedup();
    let mut select = group_columns.to_vec();
    select.push(col(TIME));
    select.extend(needed.iter().map(|c| col(c.as_str())));
    Ok(plan.select(select).collect()?)
}

/// Runs `add` for every row on its bucket cell (its range cell without buckets), then
/// merges each key's buckets into its range and finishes every cell.
fn tally<A: Default + Merge>(
    rows: &Rows,
    periods: &Periods,
    keys: usize,
    measure: Measure,
    mut add: impl FnMut(&mut A, usize),
    finish: impl Fn(A) -> KpiValue,
) -> Cells {
    let buckets = periods.buckets.len();
    let mut grid = Grid::<A>::new(keys, buckets);
    for i in 0..rows.key.len() {
        let slot = match rows.slot[i] {
            NO_BUCKET => buckets as u32,
            slot => slot,
        };
        add(grid.at(rows.key[i], slot), i);
    }
    if buckets > 0 {
        grid.fill_ranges(buckets);
    }
    let mut cells = Cells::new(measure);
    grid.into_cells(|key, slot, acc| {
        let value = finish(acc);
        if slot as usize == buckets {
            cells.range.insert(key, value);
        } else {
            cells.buckets.insert((key, slot), value);
        }
    });
    cells
}

/// Durations laid out flat by (key, bucket), so that each cell and each key's whole range
/// is one contiguous slice: one counting pass and one scatter instead of a growing list
/// per cell, and no copies for the range. `None` when the grid would be too large to
/// hold densely.
fn tally_durations(
    rows: &Rows,
    periods: &Periods,
    keys: usize,
    measure: Measure,
    values: &[Option<f64>],
) -> Option<Cells> {
    let buckets = periods.buckets.len();
    let width = buckets.max(1);
    if keys.saturating_mul(width) > DENSE_CELLS {
        return None;
    }
    // Without buckets every row counts in slot 0, the range.
    let cell_of = |i: usize| -> Option<usize> {
        let slot = match buckets {
            0 => 0,
            _ => rows.slot[i] as usize,
        };
        (slot < width && values[i].is_some()).then(|| rows.key[i] as usize * width + slot)
    };
    let mut start = vec![0usize; keys * width + 1];
    for i in 0..rows.key.len() {
        if let Some(cell) = cell_of(i) {
            start[cell + 1] += 1;
        }
    }
    for c in 1..start.len() {
        start[c] += start[c - 1];
    }
    let mut next = start.clone();
    let mut flat = vec![0.0; start[keys * width]];
    for (i, value) in values.iter().enumerate() {
        if let (Some(cell), Some(value)) = (cell_of(i), value) {
            flat[next[cell]] = *value;
            next[cell] += 1;
        }
    }
    let mut cells = Cells::new(measure);
    let stats = |values: &mut [f64]| KpiValue::Duration(duration_stats(values));
    for key in 0..keys {
        let (first, end) = (start[key * width], start[(key + 1) * width]);
        if first == end {
            continue;
        }
        if buckets > 0 {
            for slot in 0..buckets {
                let cell = key * width + slot;
                if start[cell] < start[cell + 1] {
                    let values = &mut flat[start[cell]..start[cell + 1]];
                    cells
                        .buckets
                        .insert((key as u32, slot as u32), stats(values));
                }
            }
        }
        // After the buckets: the range's percentiles may reorder the key's whole slice.
        cells.range.insert(key as u32, stats(&mut flat[first..end]));
    }
    Some(cells)
}

fn share(hits: u64, n: u64) -> KpiValue {
    KpiValue::Rate(RateValue::share(hits, n))
}

/// The cells of `kpi` over `rows`, leaving out the rows `left_out` marks (a source that
/// cannot support the KPI: its tickets count neither as hits nor in `n`).
fn tally_kpi(
    kpi: KpiId,
    rows: &Rows,
    periods: &Periods,
    hours: Hours,
    keys: usize,
    left_out: Option<Vec<bool>>,
    frame: &Frame,
) -> Result<Cells, AnalyticsError> {
    let measure = kpi.def().measure;
    let df = &rows.df;
    let kept = |i: usize| left_out.as_ref().is_none_or(|out| !out[i]);
    let ints = |name: &str| -> Result<Vec<Option<i64>>, AnalyticsError> {
        Ok(df
            .column(name)?
            .i64()?
            .iter()
            .enumerate()
            .map(|(i, v)| v.filter(|_| kept(i)))
            .collect())
    };
    let bools = |name: &str| -> Result<Vec<bool>, AnalyticsError> {
        Ok(df
            .column(name)?
            .bool()?
            .iter()
            .map(|b| b == Some(true))
            .collect())
    };
    let scores = || -> Result<Vec<u8>, AnalyticsError> {
        // 0 good, 1 bad, 2 offered (the plans keep no other scores).
        Ok(df
            .column("score")?
            .str()?
            .iter()
            .map(|s| match s {
                Some("good") => 0,
                Some("bad") => 1,
                _ => 2,
            })
            .collect())
    };
    let tally_share = |hit: Vec<Option<bool>>| {
        tally(
            rows,
            periods,
            keys,
            measure,
            |a: &mut Share, i| {
                if let Some(h) = hit[i] {
                    a.0 += h as u64;
                    a.1 += 1;
                }
            },
            |(hits, n)| share(hits, n),
        )
    };
    Ok(match measure {
        Measure::Count => tally(
            rows,
            periods,
            keys,
            measure,
            |a: &mut u64, _| *a += 1,
            |value| KpiValue::Count(CountValue { value }),
        ),
        Measure::Duration(metric) => {
            let values: Vec<Option<f64>> = df
                .column(&hours.column(metric))?
                .f64()?
                .iter()
                .enumerate()
                .map(|(i, v)| v.filter(|_| kept(i)))
                .collect();
            tally_durations(rows, periods, keys, measure, &values).unwrap_or_else(|| {
                tally(
                    rows,
                    periods,
                    keys,
                    measure,
                    |a: &mut Durations, i| a.0.extend(values[i]),
                    |mut v| KpiValue::Duration(duration_stats(&mut v.0)),
                )
            })
        }
        Measure::SolvedShare => tally_share(
            bools(cols::SOLVED_NOW)?
                .into_iter()
                .enumerate()
                .map(|(i, b)| Some(b).filter(|_| kept(i)))
                .collect(),
        ),
        Measure::RepliesShare(count) => tally_share(
            ints("replies")?
                .into_iter()
                .map(|r| r.map(|r| r == count))
                .collect(),
        ),
        Measure::ReopenedShare => tally_share(
            ints("reopens")?
                .into_iter()
                .map(|r| r.map(|r| r >= 1))
                .collect(),
        ),
        Measure::MeanReplies => {
            let replies = ints("replies")?;
            tally(
                rows,
                periods,
                keys,
                measure,
                |a: &mut (i64, u64), i| {
                    if let Some(r) = replies[i] {
                        a.0 += r;
                        a.1 += 1;
                    }
                },
                // Integer sums are exact, so the mean is too.
                |(sum, n)| KpiValue::Rate(RateValue::mean(sum as f64, n)),
            )
        }
        Measure::Csat => {
            let scores = scores()?;
            tally(
                rows,
                periods,
                keys,
                measure,
                |a: &mut (u64, u64), i| match scores[i] {
                    0 => a.0 += 1,
                    _ => a.1 += 1,
                },
                |(good, bad)| KpiValue::Csat(csat_stats(good, bad)),
            )
        }
        Measure::ResponseRate => {
            let scores = scores()?;
            tally_share(scores.into_iter().map(|s| Some(s < 2)).collect())
        }
        Measure::Sla => {
            let achieved = bools("achieved")?;
            // A snapshot's codes are checked against its metric names on load.
            let metric = df.column(CODE)?.u32()?.rechunk();
            let metric = metric.cont_slice().map_err(AnalyticsError::from)?;
            let metrics = MetricTable {
                names: frame.sla_metrics.values(),
            };
            let count = metrics.names.len();
            tally(
                rows,
                periods,
                keys,
                measure,
                |a: &mut Vec<Share>, i| {
                    if a.is_empty() {
                        a.resize(count, (0, 0));
                    }
                    a[metric[i] as usize].0 += achieved[i] as u64;
                    a[metric[i] as usize].1 += 1;
                },
                |per_metric| metrics.value(&per_metric),
            )
        }
    })
}

/// SLA metric names of a frame, by code, reported in Zendesk's order and then by name.
struct MetricTable<'a> {
    names: &'a [String],
}

const METRIC_ORDER: [&str; 7] = [
    "first_reply_time",
    "next_reply_time",
    "requester_wait_time",
    "agent_work_time",
    "pausable_update_time",
    "periodic_update_time",
    "resolution_time",
];

impl MetricTable<'_> {
    fn value(&self, per_metric: &[Share]) -> KpiValue {
        let (achieved, n) = per_metric
            .iter()
            .fold((0, 0), |(a, n), (ma, mn)| (a + ma, n + mn));
        let mut by_metric: Vec<(String, RateValue)> = self
            .names
            .iter()
            .zip(per_metric)
            .filter(|(_, (_, n))| *n > 0)
            .map(|(name, &(a, n))| (name.clone(), RateValue::share(a, n)))
            .collect();
        let rank = |name: &str| {
            METRIC_ORDER
                .iter()
                .position(|m| *m == name)
                .unwrap_or(METRIC_ORDER.len())
        };
        by_metric.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
        let rate = RateValue::share(achieved, n);
        KpiValue::Sla(SlaValue {
            value: rate.value,
            n,
            small_sample: rate.small_sample,
            by_metric: MetricRates(by_metric),
            support: Support::default(),
        })
    }
}
