//! The values a KPI takes, serialised exactly as `kpi-definitions.md` prints them.

use serde::Serialize;
use ts_rs::TS;

use super::stats::{is_small, Interval, MIN_SHARE_SAMPLE};
use super::support::GapCode;

/// One KPI's result. Untagged: the JSON is the contract's plain object for each kind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum KpiValue {
    Count(CountValue),
    Backlog(BacklogValue),
    Rate(RateValue),
    Duration(DurationStats),
    Csat(CsatStats),
    Sla(SlaValue),
}

impl KpiValue {
    /// The one number a card or a chart shows for this KPI (count, median, share).
    pub fn headline(&self) -> Option<f64> {
        match self {
            KpiValue::Count(c) => Some(c.value as f64),
            KpiValue::Backlog(b) => Some(b.value as f64),
            KpiValue::Rate(r) => r.value,
            KpiValue::Duration(d) => d.median,
            KpiValue::Csat(c) => c.value,
            KpiValue::Sla(s) => s.value,
        }
    }

    /// How many records the headline rests on; a count is its own size.
    pub fn sample_size(&self) -> u64 {
        match self {
            KpiValue::Count(c) => c.value,
            KpiValue::Backlog(b) => b.value,
            KpiValue::Rate(r) => r.n,
            KpiValue::Duration(d) => d.n,
            KpiValue::Csat(c) => c.n,
            KpiValue::Sla(s) => s.n,
        }
    }

    /// What the value says about sources left out, for the KPIs some sources cannot
    /// support (durations, shares, SLA); `None` for counts and CSAT, which every source
    /// supports.
    pub fn support(&self) -> Option<&Support> {
        match self {
            KpiValue::Rate(r) => Some(&r.support),
            KpiValue::Duration(d) => Some(&d.support),
            KpiValue::Sla(s) => Some(&s.support),
            KpiValue::Count(_) | KpiValue::Backlog(_) | KpiValue::Csat(_) => None,
        }
    }

    pub(crate) fn support_mut(&mut self) -> Option<&mut Support> {
        match self {
            KpiValue::Rate(r) => Some(&mut r.support),
            KpiValue::Duration(d) => Some(&mut d.support),
            KpiValue::Sla(s) => Some(&mut s.support),
            KpiValue::Count(_) | KpiValue::Backlog(_) | KpiValue::Csat(_) => None,
        }
    }

    /// Whether the headline rests on too few records to read (`stats::MIN_*_SAMPLE`); a
    /// count is exact, never small.
    pub fn small_sample(&self) -> bool {
        match self {
            KpiValue::Count(_) | KpiValue::Backlog(_) => false,
            KpiValue::Rate(r) => r.small_sample,
            KpiValue::Duration(d) => d.small_sample,
            KpiValue::Csat(c) => c.small_sample,
            KpiValue::Sla(s) => s.small_sample,
        }
    }
}

/// `{"value": 1234}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CountValue {
    #[ts(type = "number")]
    pub value: u64,
}

/// Minutes over a population: `n` non-null values, mean, median and p90 (linear).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DurationStats {
    /// Always `"minutes"`.
    pub unit: DurationUnit,
    #[ts(type = "number")]
    pub n: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
    /// Fewer than `stats::MIN_PERCENTILE_SAMPLE` values (and at least one).
    pub small_sample: bool,
    /// The distribution-free 95% interval of the median, for comparisons; not part of
    /// the printed contract.
    #[serde(skip)]
    #[ts(skip)]
    pub median_interval: Option<Interval>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub support: Support,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Minutes,
}

/// good / (good + bad) with the Wilson 95% interval.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CsatStats {
    pub value: Option<f64>,
    #[ts(type = "number")]
    pub n: u64,
    #[ts(type = "number")]
    pub good: u64,
    #[ts(type = "number")]
    pub bad: u64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Fewer than `stats::MIN_SHARE_SAMPLE` ratings (and at least one).
    pub small_sample: bool,
}

/// `{"value": 91, "method": "current_status"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct BacklogValue {
    #[ts(type = "number")]
    pub value: u64,
    pub method: BacklogMethod,
}

/// How the backlog was reconstructed: from current statuses (the only method while no
/// status history is synced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BacklogMethod {
    CurrentStatus,
}

/// A share in [0, 1] with its denominator, or a mean (`replies_per_solved`) with its `n`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RateValue {
    pub value: Option<f64>,
    #[ts(type = "number")]
    pub n: u64,
    /// Fewer than `stats::MIN_SHARE_SAMPLE` records (and at least one).
    pub small_sample: bool,
    #[serde(flatten)]
    #[ts(flatten)]
    pub support: Support,
}

impl RateValue {
    /// `hits / n`, null when `n = 0`.
    pub fn share(hits: u64, n: u64) -> RateValue {
        RateValue::mean(hits as f64, n)
    }

    /// `sum / n`, null when `n = 0`.
    pub fn mean(sum: f64, n: u64) -> RateValue {
        RateValue {
            value: (n > 0).then(|| sum / n as f64),
            n,
            small_sample: is_small(n, MIN_SHARE_SAMPLE),
            support: Support::default(),
        }
    }
}

/// SLA achievement overall and per metric (only metrics with a counted instance).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SlaValue {
    pub value: Option<f64>,
    #[ts(type = "number")]
    pub n: u64,
    /// Fewer than `stats::MIN_SHARE_SAMPLE` instances (and at least one).
    pub small_sample: bool,
    #[ts(as = "std::collections::HashMap<String, RateValue>")]
    pub by_metric: MetricRates,
    #[serde(flatten)]
    #[ts(flatten)]
    pub support: Support,
}

/// Which sources a value leaves out because they cannot support its KPI, and why it is
/// null when they were all its sources. Both are absent from the JSON when empty, so
/// values from sources that support everything print as the contract shows them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, TS)]
pub struct Support {
    /// Set only on a null value: every source of its tickets was left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub null_reason: Option<NullReason>,
    /// The sources whose tickets the value leaves out, in id order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<LeftOut>>", optional)]
    pub left_out: Vec<LeftOut>,
}

/// Why a value is null: a code for programs and a sentence for people.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
pub struct NullReason {
    pub code: GapCode,
    pub reason: String,
}

/// A source whose tickets a value leaves out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LeftOut {
    /// The source's name.
    pub source: String,
    pub code: GapCode,
    pub reason: String,
}

/// Per-metric rates in a stable order (Zendesk's metric order, then by name).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetricRates(pub Vec<(String, RateValue)>);

impl Serialize for MetricRates {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (metric, rate) in &self.0 {
            map.serialize_entry(metric, rate)?;
        }
        map.end()
    }
}
