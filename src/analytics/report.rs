//! The result of a KPI query, serialised exactly as `deskbench kpi --format json` prints
//! it (`kpi-definitions.md`): stable keys in the contract's order.

use serde::ser::{Serialize, SerializeMap, Serializer};
use ts_rs::TS;

use super::kpi::{Hours, KpiId};
use super::overview::RangeEcho;
use super::range::Every;
use super::value::KpiValue;

#[derive(Debug, Clone, PartialEq, serde::Serialize, TS)]
pub struct KpiReport {
    pub range: RangeEcho,
    pub hours: Hours,
    pub filters: FilterEcho,
    pub kpis: KpiMap,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub groups: Option<Vec<GroupReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub every: Option<Every>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub series: Option<Vec<SeriesPoint>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, TS)]
pub struct GroupReport {
    /// The source's id as a string, an enum value, or null for "no value".
    pub key: Option<String>,
    pub label: String,
    pub kpis: KpiMap,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub series: Option<Vec<SeriesPoint>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, TS)]
pub struct SeriesPoint {
    /// The bucket's label date, `YYYY-MM-DD`.
    pub period: String,
    pub kpis: KpiMap,
}

/// KPI values keyed by id, in the catalogue's order.
#[derive(Debug, Clone, PartialEq, Default, TS)]
#[ts(type = "Partial<Record<KpiId, KpiValue>>")]
pub struct KpiMap(pub Vec<(KpiId, KpiValue)>);

impl KpiMap {
    pub fn get(&self, kpi: KpiId) -> Option<&KpiValue> {
        self.0.iter().find(|(k, _)| *k == kpi).map(|(_, v)| v)
    }
}

impl Serialize for KpiMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (kpi, value) in &self.0 {
            map.serialize_entry(kpi.name(), value)?;
        }
        map.end()
    }
}

/// The filters as given: dimension → values, in order, duplicates removed.
#[derive(Debug, Clone, PartialEq, Default, TS)]
#[ts(type = "Record<string, Array<string>>")]
pub struct FilterEcho(pub Vec<(String, Vec<String>)>);

impl Serialize for FilterEcho {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (dim, values) in &self.0 {
            map.serialize_entry(dim, values)?;
        }
        map.end()
    }
}
