//! The result of a KPI query, serialised exactly as `deskbench kpi --format json` prints
//! it (`kpi-definitions.md`): stable keys in the contract's order.

use std::ops::Range;

use serde::ser::{Serialize, SerializeMap, Serializer};
use ts_rs::TS;

use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::analytics::engine::value::KpiValue;

use super::filter::FilterEcho;
use super::range::Every;
use super::range::RangeEcho;

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
    /// The bucket's label date, `YYYY-MM-DD`: its natural first day, even when clipped.
    pub period: String,
    /// Present (and true) only on a bucket the range cuts or that reaches today, whose
    /// figures cover fewer days than a whole bucket; absent on every full one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub partial: bool,
    pub kpis: KpiMap,
}

/// KPI values keyed by id, in the catalogue's order.
#[derive(Debug, Clone, PartialEq, Default, TS)]
pub struct KpiMap(
    #[ts(as = "std::collections::HashMap<KpiId, KpiValue>")] pub Vec<(KpiId, KpiValue)>,
);

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

/// A report flattened to rows, for CSV and printed tables: one row per (group, period),
/// one column per KPI statistic.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The empty cells whose value is null for a reason, in row order.
    pub null_cells: Vec<NullCell>,
}

/// A value null because no source behind it can support its KPI, so that a printed
/// table can say why instead of leaving blanks.
#[derive(Debug, Clone, PartialEq)]
pub struct NullCell {
    pub row: usize,
    /// The value's cells in the row: its statistics, of which the empty ones are null.
    pub columns: Range<usize>,
    pub kpi: KpiId,
    /// What the value stands for: the KPI, after its group's label when there is one.
    pub subject: String,
    pub reason: String,
}

impl NullCell {
    /// The null reason of `value` in `columns` of `row`, if it has one.
    pub(crate) fn of(
        value: &KpiValue,
        (row, columns): (usize, Range<usize>),
        label: Option<&str>,
        kpi: KpiId,
    ) -> Option<NullCell> {
        let reason = value.support()?.null_reason.as_ref()?;
        let subject = match label {
            Some(label) => format!("{label} · {}", kpi.name()),
            None => kpi.name().to_owned(),
        };
        Some(NullCell {
            row,
            columns,
            kpi,
            subject,
            reason: reason.reason.clone(),
        })
    }
}

/// The statistics of a value as (column suffix, number), with whether it is a small
/// sample (`_small_sample`, 1 or 0; counts have none). SLA's per-metric rates follow its
/// overall rate, three columns per metric of `metrics`.
fn statistics(value: &KpiValue, metrics: &[String]) -> Vec<(String, Option<f64>)> {
    let named = |pairs: Vec<(&str, Option<f64>)>| {
        pairs
            .into_iter()
            .map(|(suffix, v)| (suffix.to_owned(), v))
            .collect::<Vec<_>>()
    };
    let small = Some(f64::from(value.small_sample()));
    match value {
        KpiValue::Count(c) => named(vec![("", Some(c.value as f64))]),
        KpiValue::Backlog(b) => named(vec![("", Some(b.value as f64))]),
        KpiValue::Rate(r) => named(vec![
            ("", r.value),
            ("_n", Some(r.n as f64)),
            ("_small_sample", small),
        ]),
        KpiValue::Sla(s) => {
            let mut out = named(vec![
                ("", s.value),
                ("_n", Some(s.n as f64)),
                ("_small_sample", small),
            ]);
            for metric in metrics {
                let rate = s
                    .by_metric
                    .0
                    .iter()
                    .find(|(m, _)| m == metric)
                    .map(|(_, r)| r);
                out.push((format!("_{metric}"), rate.and_then(|r| r.value)));
                out.push((format!("_{metric}_n"), Some(rate.map_or(0, |r| r.n) as f64)));
                let small = rate.is_some_and(|r| r.small_sample);
                out.push((format!("_{metric}_small_sample"), Some(f64::from(small))));
            }
            out
        }
        KpiValue::Duration(d) => named(vec![
            ("_n", Some(d.n as f64)),
            ("_mean", d.mean),
            ("_median", d.median),
            ("_p90", d.p90),
            ("_small_sample", small),
        ]),
        KpiValue::Csat(c) => named(vec![
            ("", c.value),
            ("_n", Some(c.n as f64)),
            ("_good", Some(c.good as f64)),
            ("_bad", Some(c.bad as f64)),
            ("_ci_low", c.ci_low),
            ("_ci_high", c.ci_high),
            ("_small_sample", small),
        ]),
    }
}

impl KpiReport {
    /// Rows for the ungrouped total (group `""`, label `(all)`), then each group; for each,
    /// the whole range (period `from/to`) and then every bucket. A missing group value is
    /// the key `null`. Numbers print as JSON prints them; nulls as empty cells. With
    /// buckets, a `partial` column says 1 or 0 for each, like the `_small_sample` flags (empty for
    /// the range).
    pub fn table(&self) -> ReportTable {
        let groups = self.groups.iter().flatten();
        self.rows(groups.map(|g| (None, g)), self.by.is_some(), false)
    }

    /// The rows of `table` for the total and `groups` of several dimensions, with a first
    /// column `by` naming each group's dimension (empty for the total).
    pub(crate) fn table_with<'a>(
        &self,
        groups: impl Iterator<Item = (&'a str, &'a GroupReport)> + Clone,
    ) -> ReportTable {
        self.rows(groups.map(|(dim, g)| (Some(dim), g)), true, true)
    }

    /// The table of the total and `groups`; `grouped` adds the group and label columns,
    /// `several` the column of each group's dimension.
    fn rows<'a>(
        &self,
        groups: impl Iterator<Item = (Option<&'a str>, &'a GroupReport)> + Clone,
        grouped: bool,
        several: bool,
    ) -> ReportTable {
        let metrics = self.sla_metrics(groups.clone().map(|(_, g)| g));
        let mut columns = Vec::new();
        if several {
            columns.push("by".to_owned());
        }
        if grouped {
            columns.extend(["group".to_owned(), "label".to_owned()]);
        }
        columns.push("period".to_owned());
        let bucketed = self.every.is_some();
        if bucketed {
            columns.push("partial".to_owned());
        }
        for (kpi, value) in &self.kpis.0 {
            for (suffix, _) in statistics(value, &metrics) {
                columns.push(format!("{}{suffix}", kpi.name()));
            }
        }
        let whole = format!("{}/{}", self.range.from, self.range.to);
        let mut rows = Vec::new();
        let mut null_cells = Vec::new();
        let mut emit = |dim: Option<&str>,
                        group: Option<(&str, &str)>,
                        kpis: &KpiMap,
                        series: &Option<Vec<SeriesPoint>>| {
            let mut push = |period: &str, partial: Option<bool>, kpis: &KpiMap| {
                let mut row = Vec::new();
                if several {
                    row.push(dim.unwrap_or_default().to_owned());
                }
                if let Some((key, label)) = group {
                    row.extend([key.to_owned(), label.to_owned()]);
                }
                row.push(period.to_owned());
                if bucketed {
                    row.push(partial.map(|p| u8::from(p).to_string()).unwrap_or_default());
                }
                for (kpi, value) in &kpis.0 {
                    let first = row.len();
                    row.extend(
                        statistics(value, &metrics)
                            .into_iter()
                            .map(|(_, v)| number(v)),
                    );
                    let at = (rows.len(), first..row.len());
                    null_cells.extend(NullCell::of(value, at, group.map(|(_, l)| l), *kpi));
                }
                rows.push(row);
            };
            push(&whole, None, kpis);
            for point in series.iter().flatten() {
                push(&point.period, Some(point.partial), &point.kpis);
            }
        };
        let total = grouped.then_some(("", "(all)"));
        emit(None, total, &self.kpis, &self.series);
        for (dim, g) in groups {
            emit(
                dim,
                Some((g.key.as_deref().unwrap_or("null"), &g.label)),
                &g.kpis,
                &g.series,
            );
        }
        ReportTable {
            columns,
            rows,
            null_cells,
        }
    }

    /// Every SLA metric anywhere in the report and `groups`, in the order first met.
    fn sla_metrics<'a>(&'a self, groups: impl Iterator<Item = &'a GroupReport>) -> Vec<String> {
        let mut maps: Vec<&KpiMap> = vec![&self.kpis];
        for g in groups {
            maps.push(&g.kpis);
            maps.extend(g.series.iter().flatten().map(|p| &p.kpis));
        }
        maps.extend(self.series.iter().flatten().map(|p| &p.kpis));
        let mut metrics: Vec<String> = Vec::new();
        for map in maps {
            if let Some(KpiValue::Sla(s)) = map.get(KpiId::SlaAchievement) {
                for (metric, _) in &s.by_metric.0 {
                    if !metrics.contains(metric) {
                        metrics.push(metric.clone());
                    }
                }
            }
        }
        metrics
    }
}

/// A number as JSON prints it (`serde_json`'s shortest round-trip form).
pub(crate) fn number(value: Option<f64>) -> String {
    match value {
        None => String::new(),
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) => serde_json::Number::from_f64(v)
            .map(|n| n.to_string())
            .unwrap_or_default(),
    }
}
