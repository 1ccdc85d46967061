//! The anomaly report: each KPI asked for (ticket volume by default and the headline
//! KPIs), in total or per group of `by`, as a daily or weekly series running from a
//! look-back before the period to its end, scored by `detect`; the period's points that
//! moved beyond their pattern, largest first.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::detect::{score, THRESHOLD};
use crate::analytics::engine::kpi::KpiId;
use crate::analytics::engine::value::KpiValue;
use crate::analytics::query::filter::FilterEcho;
use crate::analytics::query::range::{DateRange, Every, RangeEcho};
use crate::analytics::query::report::{KpiMap, SeriesPoint};
use crate::analytics::{run, AnalyticsError, Frame, KpiQuery};

/// The KPIs looked at when the query names none.
pub const DEFAULT_KPIS: [KpiId; 5] = [
    KpiId::TicketsCreated,
    KpiId::FirstReplyTime,
    KpiId::FullResolutionTime,
    KpiId::OneTouchRate,
    KpiId::Csat,
];

/// A count series whose typical (median) bucket holds fewer tickets is not judged: a
/// Poisson count of 4 moves by ±2 on chance alone.
const MIN_TYPICAL_COUNT: f64 = 10.0;

/// Days of history before the period that a daily series is fitted on.
const DAILY_LOOKBACK: u64 = 56;
/// Days of history before the period that a weekly series is fitted on.
const WEEKLY_LOOKBACK: u64 = 182;

/// How a value is read: a count, minutes, a share (changes in percentage points) or a
/// plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Count,
    Minutes,
    Share,
    Number,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Anomaly {
    pub kpi: KpiId,
    pub measure: Measure,
    /// The series of all tickets, not a group of `by`.
    pub total: bool,
    /// The group's key: `None` for the total and for the group of tickets without a value.
    pub key: Option<String>,
    pub label: String,
    /// The bucket's label, YYYY-MM-DD, as `kpi --every` prints it.
    pub period: String,
    pub value: f64,
    /// What the series' weekly pattern and trend predicted.
    pub expected: f64,
    /// `value − expected`: a count, minutes, or a share's difference (percentage points).
    pub change: f64,
    /// `change / expected` for counts, minutes and numbers; `None` for shares or a zero
    /// expectation.
    pub relative: Option<f64>,
    /// The modified z-score; ±3.5 or beyond is an anomaly.
    pub score: f64,
    /// The records the value rests on.
    #[ts(type = "number")]
    pub n: u64,
}

/// A series that could not be scored, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NotScored {
    pub kpi: KpiId,
    /// The series of all tickets, not a group of `by`.
    pub total: bool,
    pub key: Option<String>,
    pub label: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AnomalyReport {
    pub range: RangeEcho,
    pub filters: FilterEcho,
    pub every: Every,
    pub by: Option<String>,
    pub kpis: Vec<KpiId>,
    /// The first day of the history the series were fitted on.
    pub fitted_from: String,
    pub threshold: f64,
    /// Largest score (in size) first.
    pub anomalies: Vec<Anomaly>,
    pub not_scored: Vec<NotScored>,
}

/// The anomalies of `query`'s range: its `every` (day unless week; month is refused as
/// too coarse), `by` and `kpis` (default `DEFAULT_KPIS`). Partial buckets are not judged:
/// a day not over yet is not a drop.
pub fn anomalies(frame: &Frame, query: &KpiQuery) -> Result<AnomalyReport, AnalyticsError> {
    let every = match query.every {
        None | Some(Every::Day) => Every::Day,
        Some(Every::Week) => Every::Week,
        Some(Every::Month) => return Err(AnalyticsError::UnknownEvery("month".to_owned())),
    };
    let kpis = match query.kpis.is_empty() {
        true => DEFAULT_KPIS.to_vec(),
        false => query.kpis.clone(),
    };
    let range = &query.range;
    let fitted_from = look_back(range.from, every);
    let fitted = KpiQuery {
        range: DateRange::new(fitted_from, range.to, range.tz)?,
        every: Some(every),
        kpis: kpis.clone(),
        top: None,
        ..query.clone()
    };
    let report = run(frame, &fitted)?;
    let period = (every == Every::Day).then_some(7);
    let first = range.from.format("%Y-%m-%d").to_string();
    let mut found = Vec::new();
    let mut not_scored = Vec::new();
    let mut series: Vec<(bool, Option<String>, String, &Vec<SeriesPoint>)> = Vec::new();
    if let Some(points) = &report.series {
        series.push((true, None, "All tickets".to_owned(), points));
    }
    for group in report.groups.iter().flatten() {
        if let Some(points) = &group.series {
            series.push((false, group.key.clone(), group.label.clone(), points));
        }
    }
    for (total, key, label, points) in series {
        for &kpi in &kpis {
            let values: Vec<Option<&KpiValue>> =
                points.iter().map(|p| value(&p.kpis, kpi)).collect();
            let mut headlines: Vec<Option<f64>> = (values.iter())
                .zip(points)
                .map(|(v, p)| v.filter(|_| !p.partial).and_then(|v| v.headline()))
                .collect();
            // The empty buckets before a series' first ticket are before its data, not
            // quiet days.
            let start = (headlines.iter().position(|v| v.is_some_and(|v| v > 0.0)))
                .unwrap_or(headlines.len());
            headlines[..start].fill(None);
            // Counts and durations are skewed (a slow day is far slower than a fast one is
            // fast): they are judged on a log scale, shares as they are.
            let logged =
                values.iter().flatten().next().is_some_and(|v| {
                    matches!(measure_of(kpi, v), Measure::Count | Measure::Minutes)
                });
            let judged: Vec<Option<f64>> = match logged {
                true => headlines
                    .iter()
                    .map(|v| v.map(|v| v.max(0.0).ln_1p()))
                    .collect(),
                false => headlines.clone(),
            };
            if logged && typical(&headlines).is_some_and(|m| m < MIN_TYPICAL_COUNT) {
                let measure = values.iter().flatten().next().map(|v| measure_of(kpi, v));
                if measure == Some(Measure::Count) {
                    not_scored.push(NotScored {
                        kpi,
                        total,
                        key: key.clone(),
                        label: label.clone(),
                        reason: format!(
                            "fewer than {MIN_TYPICAL_COUNT} tickets in a typical bucket: \
                             chance alone moves such counts by half"
                        ),
                    });
                    continue;
                }
            }
            let Some(scored) = score(&judged, period) else {
                not_scored.push(NotScored {
                    kpi,
                    total,
                    key: key.clone(),
                    label: label.clone(),
                    reason: "too short or too sparse a series to know its pattern (small samples count as missing)".to_owned(),
                });
                continue;
            };
            for (i, point) in points.iter().enumerate() {
                let (Some(s), Some(expected), Some(v), Some(value)) =
                    (scored.score[i], scored.expected[i], headlines[i], values[i])
                else {
                    continue;
                };
                if s.abs() < THRESHOLD || point.period < first {
                    continue;
                }
                let measure = measure_of(kpi, value);
                let expected = if logged { expected.exp_m1() } else { expected };
                let change = v - expected;
                found.push(Anomaly {
                    kpi,
                    measure,
                    total,
                    key: key.clone(),
                    label: label.clone(),
                    period: point.period.clone(),
                    value: v,
                    expected,
                    change,
                    relative: (measure != Measure::Share && expected.abs() > f64::EPSILON)
                        .then(|| change / expected),
                    score: s,
                    n: value.sample_size(),
                });
            }
        }
    }
    found.sort_by(|a, b| b.score.abs().total_cmp(&a.score.abs()));
    Ok(AnomalyReport {
        range: RangeEcho::of(range),
        filters: query.filters.echo(),
        every,
        by: query.by.map(|d| d.name()),
        kpis,
        fitted_from: fitted_from.format("%Y-%m-%d").to_string(),
        threshold: THRESHOLD,
        anomalies: found,
        not_scored,
    })
}

/// The first day a series of `every` starting at `from` is fitted from.
pub fn look_back(from: NaiveDate, every: Every) -> NaiveDate {
    let days = match every {
        Every::Day => DAILY_LOOKBACK,
        _ => WEEKLY_LOOKBACK,
    };
    from.checked_sub_days(Days::new(days)).unwrap_or(from)
}

/// The median of the known values.
fn typical(values: &[Option<f64>]) -> Option<f64> {
    let mut known: Vec<f64> = values.iter().flatten().copied().collect();
    known.sort_by(f64::total_cmp);
    known.get(known.len() / 2).copied()
}

/// A point's value of `kpi`, unless it rests on a small sample.
fn value(kpis: &KpiMap, kpi: KpiId) -> Option<&KpiValue> {
    kpis.get(kpi).filter(|v| !v.small_sample())
}

fn measure_of(kpi: KpiId, value: &KpiValue) -> Measure {
    match value {
        _ if kpi == KpiId::RepliesPerSolved => Measure::Number,
        KpiValue::Count(_) | KpiValue::Backlog(_) => Measure::Count,
        KpiValue::Duration(_) => Measure::Minutes,
        KpiValue::Rate(_) | KpiValue::Csat(_) | KpiValue::Sla(_) => Measure::Share,
    }
}

impl AnomalyReport {
    /// One row per anomaly, largest first.
    pub fn table(&self) -> crate::analytics::query::report::ReportTable {
        let columns = [
            "kpi", "key", "label", "period", "value", "expected", "change", "relative", "score",
            "n",
        ];
        let rows = (self.anomalies.iter())
            .map(|a| {
                vec![
                    a.kpi.name().to_owned(),
                    a.key.clone().unwrap_or_default(),
                    a.label.clone(),
                    a.period.clone(),
                    format!("{:.2}", a.value),
                    format!("{:.2}", a.expected),
                    format!("{:+.2}", a.change),
                    a.relative.map(|r| format!("{:+.3}", r)).unwrap_or_default(),
                    format!("{:+.1}", a.score),
                    a.n.to_string(),
                ]
            })
            .collect();
        crate::analytics::query::report::ReportTable {
            columns: columns.map(str::to_owned).into(),
            rows,
            null_cells: Vec::new(),
        }
    }
}
