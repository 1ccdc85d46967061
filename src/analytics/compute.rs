//! The KPI engine: each KPI's population is a polars plan over the frame; results are
//! grouped by key (the `--by` value, or one null key for the ungrouped total) for the
//! whole range and for each bucket.

use std::collections::HashMap;

use polars::prelude::*;

use super::frame::cols;
use super::kpi::{Hours, KpiId, Measure, Population};
use super::range::Bucket;
use super::stats::{csat_stats, duration_stats};
use super::value::{CountValue, KpiValue};
use super::AnalyticsError;

/// The group key column every plan carries; null for "no value" (and for the total).
pub(crate) const KEY: &str = "key";
const TIME: &str = "time";
const BUCKET: &str = "bucket";
const VALUE: &str = "value";
const GOOD: &str = "good";
const N: &str = "n";

pub(crate) type Key = Option<String>;

/// The periods of one query: the range and its buckets (none without `--every`).
pub(crate) struct Periods<'a> {
    pub start: i64,
    pub end: i64,
    pub buckets: &'a [Bucket],
}

/// One KPI's values for every group key over the range and each bucket. Cells with no
/// population are absent and read as the KPI's empty value.
pub(crate) struct Cells {
    range: HashMap<Key, KpiValue>,
    buckets: HashMap<(Key, u32), KpiValue>,
    empty: KpiValue,
}

impl Cells {
    pub fn range(&self, key: &Key) -> KpiValue {
        self.range
            .get(key)
            .cloned()
            .unwrap_or_else(|| self.empty.clone())
    }

    pub fn bucket(&self, key: &Key, bucket: usize) -> KpiValue {
        self.buckets
            .get(&(key.clone(), bucket as u32))
            .cloned()
            .unwrap_or_else(|| self.empty.clone())
    }
}

/// Computes one KPI. `tickets` are the filtered tickets with a `key` column; `ratings`
/// the whole ratings frame.
pub(crate) fn compute(
    kpi: KpiId,
    tickets: &LazyFrame,
    ratings: &LazyFrame,
    periods: &Periods,
    hours: Hours,
) -> Result<Cells, AnalyticsError> {
    let def = kpi.def();
    let empty = empty_value(def.measure);
    let mut cells = Cells {
        range: HashMap::new(),
        buckets: HashMap::new(),
        empty,
    };
    match def.population {
        Population::Created => flow(
            &mut cells,
            tickets,
            "created_at",
            def.measure,
            periods,
            hours,
        )?,
        Population::Solved => flow(
            &mut cells,
            tickets,
            cols::SOLVED_TIME,
            def.measure,
            periods,
            hours,
        )?,
        Population::UnsolvedNow => unsolved_now(&mut cells, tickets, periods)?,
        Population::Rated => rated(&mut cells, tickets, ratings, periods)?,
    }
    Ok(cells)
}

fn empty_value(measure: Measure) -> KpiValue {
    match measure {
        Measure::Count => KpiValue::Count(CountValue { value: 0 }),
        Measure::Duration(_) => KpiValue::Duration(duration_stats(Vec::new())),
        Measure::Csat => KpiValue::Csat(csat_stats(0, 0)),
    }
}

fn in_period(column: &str, periods: &Periods) -> Expr {
    col(column)
        .gt_eq(lit(periods.start))
        .and(col(column).lt(lit(periods.end)))
}

/// Counts or duration statistics of tickets whose `anchor` time falls in the period.
fn flow(
    cells: &mut Cells,
    tickets: &LazyFrame,
    anchor: &str,
    measure: Measure,
    periods: &Periods,
    hours: Hours,
) -> Result<(), AnalyticsError> {
    let mut plan = tickets.clone().filter(in_period(anchor, periods));
    let mut select = vec![col(KEY), col(anchor).alias(TIME)];
    let mut agg = vec![len().cast(DataType::UInt64).alias(N)];
    if let Measure::Duration(metric) = measure {
        let column = hours.column(metric);
        plan = plan.filter(col(&column).is_not_null());
        select.push(col(&column).alias(VALUE));
        agg = vec![col(VALUE)];
    }
    let df = plan.select(select).collect()?;
    let value_of = |row: &AggRow| -> Result<KpiValue, AnalyticsError> {
        Ok(match measure {
            Measure::Duration(_) => KpiValue::Duration(duration_stats(row.values()?)),
            _ => KpiValue::Count(CountValue {
                value: row.count(N)?,
            }),
        })
    };
    for_each_cell(cells, df, periods, agg, value_of)
}

/// Tickets unsolved now and created before the end of each period.
fn unsolved_now(
    cells: &mut Cells,
    tickets: &LazyFrame,
    periods: &Periods,
) -> Result<(), AnalyticsError> {
    let df = tickets
        .clone()
        .filter(col(cols::UNSOLVED_NOW).and(col("created_at").lt(lit(periods.end))))
        .select([col(KEY), col("created_at")])
        .collect()?;
    let keys = df.column(KEY)?.str()?;
    let created = df.column("created_at")?.i64()?;
    let mut by_key: HashMap<Key, Vec<i64>> = HashMap::new();
    for (key, at) in keys.iter().zip(created.iter()) {
        if let Some(at) = at {
            by_key.entry(key.map(str::to_owned)).or_default().push(at);
        }
    }
    for (key, mut times) in by_key {
        times.sort_unstable();
        for (i, bucket) in periods.buckets.iter().enumerate() {
            let value = times.partition_point(|&t| t < bucket.end) as u64;
            cells.buckets.insert(
                (key.clone(), i as u32),
                KpiValue::Count(CountValue { value }),
            );
        }
        let value = times.len() as u64;
        cells
            .range
            .insert(key, KpiValue::Count(CountValue { value }));
    }
    Ok(())
}

/// CSAT of the good and bad ratings rated in the period, on the filtered tickets.
fn rated(
    cells: &mut Cells,
    tickets: &LazyFrame,
    ratings: &LazyFrame,
    periods: &Periods,
) -> Result<(), AnalyticsError> {
    let scored = col("score").eq(lit("good")).or(col("score").eq(lit("bad")));
    let df = ratings
        .clone()
        .filter(scored.and(in_period("updated_at", periods)))
        .join(
            tickets
                .clone()
                .select([col("source_id"), col("id"), col(KEY)]),
            [col("source_id"), col("ticket_id")],
            [col("source_id"), col("id")],
            JoinArgs::new(JoinType::Inner),
        )
        .select([
            col(KEY),
            col("updated_at").alias(TIME),
            col("score").eq(lit("good")).alias(GOOD),
        ])
        .collect()?;
    let agg = vec![
        len().cast(DataType::UInt64).alias(N),
        col(GOOD).sum().cast(DataType::UInt64).alias(GOOD),
    ];
    let value_of = |row: &AggRow| -> Result<KpiValue, AnalyticsError> {
        let (n, good) = (row.count(N)?, row.count(GOOD)?);
        Ok(KpiValue::Csat(csat_stats(good, n - good)))
    };
    for_each_cell(cells, df, periods, agg, value_of)
}

/// Aggregates `df` (columns key, time, …) per key over the range, and per key and
/// bucket when there are buckets, turning each aggregated row into a value.
fn for_each_cell(
    cells: &mut Cells,
    df: DataFrame,
    periods: &Periods,
    agg: Vec<Expr>,
    value_of: impl Fn(&AggRow) -> Result<KpiValue, AnalyticsError>,
) -> Result<(), AnalyticsError> {
    let range = df
        .clone()
        .lazy()
        .group_by([col(KEY)])
        .agg(agg.clone())
        .collect()?;
    for i in 0..range.height() {
        let row = AggRow { df: &range, i };
        cells.range.insert(row.key()?, value_of(&row)?);
    }
    if periods.buckets.is_empty() {
        return Ok(());
    }
    let bucket_column = assign_buckets(df.column(TIME)?.i64()?, periods.buckets);
    let mut df = df;
    df.with_column(bucket_column)?;
    let by_bucket = df
        .lazy()
        .group_by([col(KEY), col(BUCKET)])
        .agg(agg)
        .collect()?;
    let buckets = by_bucket.column(BUCKET)?.u32()?;
    for (i, bucket) in buckets.iter().enumerate() {
        let row = AggRow { df: &by_bucket, i };
        if let Some(bucket) = bucket {
            cells.buckets.insert((row.key()?, bucket), value_of(&row)?);
        }
    }
    Ok(())
}

/// The index of the bucket holding each time (all times lie in the range).
fn assign_buckets(times: &Int64Chunked, buckets: &[Bucket]) -> Column {
    let index: UInt32Chunked = times
        .iter()
        .map(|t| t.map(|t| buckets.partition_point(|b| b.end <= t) as u32))
        .collect();
    index.with_name(BUCKET.into()).into_column()
}

/// One row of an aggregated frame.
struct AggRow<'a> {
    df: &'a DataFrame,
    i: usize,
}

impl AggRow<'_> {
    fn key(&self) -> Result<Key, AnalyticsError> {
        Ok(self.df.column(KEY)?.str()?.get(self.i).map(str::to_owned))
    }

    fn count(&self, name: &str) -> Result<u64, AnalyticsError> {
        Ok(self.df.column(name)?.u64()?.get(self.i).unwrap_or(0))
    }

    /// The imploded values of a duration column, nulls already filtered out.
    fn values(&self) -> Result<Vec<f64>, AnalyticsError> {
        let list = self.df.column(VALUE)?.list()?;
        let Some(series) = list.get_as_series(self.i) else {
            return Ok(Vec::new());
        };
        Ok(series.f64()?.iter().flatten().collect())
    }
}
