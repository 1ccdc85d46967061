//! A `ChartSpec` of one KPI from a `KpiReport`: groups on the axis, buckets on the axis,
//! or one series per group over the buckets — the shapes Explore draws.

use crate::analytics::engine::kpi::{KpiId, Measure};
use crate::analytics::engine::value::{KpiValue, NullReason};
use crate::analytics::query::report::{KpiReport, SeriesPoint};

use super::spec::{Band, ChartKind, ChartSeries, ChartSpec, SeriesGroup, Unit, XAxis, XKind};

/// Texts of the chart in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct ChartText {
    pub title: String,
    pub subtitle: Option<String>,
    /// The name of the series when there is one (e.g. "All tickets").
    pub total: String,
}

/// How a KPI's values read: durations in minutes, shares, counts or plain numbers.
pub fn unit_of(kpi: KpiId) -> Unit {
    match kpi.def().measure {
        Measure::Count => Unit::Count,
        Measure::Duration(_) => Unit::Minutes,
        Measure::MeanReplies => Unit::Number,
        Measure::SolvedShare
        | Measure::RepliesShare(_)
        | Measure::ReopenedShare
        | Measure::Csat
        | Measure::ResponseRate
        | Measure::Sla => Unit::Share,
    }
}

/// The chart of `kpi` in `report`, drawn as `kind`.
pub fn from_report(report: &KpiReport, kpi: KpiId, kind: ChartKind, text: ChartText) -> ChartSpec {
    let point = |kpis: &crate::analytics::query::report::KpiMap| kpis.get(kpi).cloned();
    let groups = report.groups.as_deref();
    let (x, series) = match (groups, report.series.as_deref()) {
        (Some(groups), _) if groups.iter().any(|g| g.series.is_some()) => {
            let periods = groups
                .iter()
                .find_map(|g| g.series.as_deref())
                .map(|points| periods_of(report, points))
                .unwrap_or_default();
            let series = groups
                .iter()
                .map(|g| {
                    let values: Vec<_> =
                        g.series.iter().flatten().map(|p| point(&p.kpis)).collect();
                    ChartSeries {
                        group: Some(SeriesGroup { key: g.key.clone() }),
                        ..series_of(g.label.clone(), &values)
                    }
                })
                .collect();
            (periods, series)
        }
        (Some(groups), _) => {
            let labels = groups.iter().map(|g| g.label.clone()).collect();
            let keys = groups.iter().map(|g| g.key.clone()).collect();
            let values: Vec<_> = groups.iter().map(|g| point(&g.kpis)).collect();
            (
                axis(XKind::Text, labels, Some(keys)),
                vec![series_of(text.total.clone(), &values)],
            )
        }
        (None, Some(points)) => {
            let values: Vec<_> = points.iter().map(|p| point(&p.kpis)).collect();
            (
                periods_of(report, points),
                vec![series_of(text.total.clone(), &values)],
            )
        }
        (None, None) => (
            axis(XKind::Text, vec![text.total.clone()], None),
            vec![series_of(text.total.clone(), &[point(&report.kpis)])],
        ),
    };
    ChartSpec {
        kind,
        title: text.title,
        subtitle: text.subtitle,
        context: None,
        x,
        unit: unit_of(kpi),
        series,
        value_labels: false,
    }
}

/// The date axis of a series: its buckets, their size and which are partial.
fn periods_of(report: &KpiReport, points: &[SeriesPoint]) -> XAxis {
    XAxis {
        every: report.every,
        partial: XAxis::partial_flags(points.iter().map(|p| p.partial).collect()),
        ..axis(
            XKind::Date,
            points.iter().map(|p| p.period.clone()).collect(),
            None,
        )
    }
}

fn axis(kind: XKind, labels: Vec<String>, keys: Option<Vec<Option<String>>>) -> XAxis {
    XAxis {
        kind,
        labels,
        keys,
        ..XAxis::default()
    }
}

/// A series of headline values, with sample sizes and, for CSAT, the Wilson interval.
fn series_of(name: String, values: &[Option<KpiValue>]) -> ChartSeries {
    let band = values
        .iter()
        .any(|v| matches!(v, Some(KpiValue::Csat(_))))
        .then(|| Band {
            low: values
                .iter()
                .map(|v| csat(v).and_then(|c| c.ci_low))
                .collect(),
            high: values
                .iter()
                .map(|v| csat(v).and_then(|c| c.ci_high))
                .collect(),
        });
    ChartSeries {
        name,
        values: values
            .iter()
            .map(|v| v.as_ref().and_then(KpiValue::headline))
            .collect(),
        samples: Some(
            values
                .iter()
                .map(|v| v.as_ref().map(KpiValue::sample_size))
                .collect(),
        ),
        small_sample: Some(small_samples(values.iter().map(Option::as_ref))),
        band,
        group: None,
        dashed: false,
        null_reasons: null_reasons(values),
    }
}

/// Each value's reason for being null, or `None` when no value has one.
fn null_reasons(values: &[Option<KpiValue>]) -> Option<Vec<Option<NullReason>>> {
    let reasons: Vec<Option<NullReason>> = values
        .iter()
        .map(|v| {
            v.as_ref()
                .and_then(KpiValue::support)
                .and_then(|s| s.null_reason.clone())
        })
        .collect();
    reasons.iter().any(Option::is_some).then_some(reasons)
}

/// The small-sample flag of each value (a missing value is not marked).
pub(crate) fn small_samples<'a>(values: impl Iterator<Item = Option<&'a KpiValue>>) -> Vec<bool> {
    values
        .map(|v| v.is_some_and(KpiValue::small_sample))
        .collect()
}

fn csat(value: &Option<KpiValue>) -> Option<&crate::analytics::engine::value::CsatStats> {
    match value {
        Some(KpiValue::Csat(c)) => Some(c),
        _ => None,
    }
}
