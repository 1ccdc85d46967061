//! The values a KPI takes, serialised exactly as `kpi-definitions.md` prints them.

use serde::Serialize;
use ts_rs::TS;

/// One KPI's result. Untagged: the JSON is the contract's plain object for each kind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum KpiValue {
    Count(CountValue),
    Duration(DurationStats),
    Csat(CsatStats),
}

impl KpiValue {
    /// The one number a card or a chart shows for this KPI (count, median, share).
    pub fn headline(&self) -> Option<f64> {
        match self {
            KpiValue::Count(c) => Some(c.value as f64),
            KpiValue::Duration(d) => d.median,
            KpiValue::Csat(c) => c.value,
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
}
