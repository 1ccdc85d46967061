//! The Overview's charts as specs: volume, first reply and resolution times, CSAT with
//! its interval, SLA achievement by metric, and when tickets arrive. The Overview has no
//! reader language in the core, so titles and series names are message ids
//! (`chart.*`, `series.*`) the app translates; SLA metrics keep their names.

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::engine::kpi::KpiId;
use crate::analytics::engine::value::KpiValue;
use crate::analytics::query::report::SeriesPoint;
use crate::analytics::views::overview::Overview;

use super::from_report::small_samples;
use super::spec::{Band, ChartKind, ChartSeries, ChartSpec, Unit, XAxis, XKind};
use crate::analytics::query::range::Every;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OverviewCharts {
    /// Created, solved and backlog per week.
    pub volume: ChartSpec,
    /// First reply time per week: median and p90.
    pub first_reply: ChartSpec,
    /// Full resolution time per week: median and p90.
    pub resolution: ChartSpec,
    /// CSAT per week with its 95% interval.
    pub csat: ChartSpec,
    /// SLA achievement per metric over the whole period.
    pub sla: ChartSpec,
    /// Tickets created by weekday (rows, Monday first) and hour.
    pub arrivals: ChartSpec,
}

pub fn overview_charts(overview: &Overview) -> OverviewCharts {
    let weeks = &overview.weekly;
    let weekly = |labels: Vec<String>| XAxis {
        kind: XKind::Date,
        labels,
        every: Some(Every::Week),
        partial: XAxis::partial_flags(weeks.iter().map(|p| p.partial).collect()),
        ..XAxis::default()
    };
    let periods = || weeks.iter().map(|p| p.period.clone()).collect::<Vec<_>>();
    let line = |title: &str, unit, series| ChartSpec {
        kind: ChartKind::Line,
        title: title.to_owned(),
        subtitle: None,
        context: None,
        x: weekly(periods()),
        unit,
        series,
        value_labels: false,
    };
    OverviewCharts {
        volume: line(
            "chart.volume",
            Unit::Count,
            vec![
                ChartSeries::plain("series.created", headlines(weeks, KpiId::TicketsCreated)),
                ChartSeries::plain("series.solved", headlines(weeks, KpiId::TicketsSolved)),
                ChartSeries::plain("series.backlog", headlines(weeks, KpiId::Backlog)),
            ],
        ),
        first_reply: line(
            "chart.firstReply",
            Unit::Minutes,
            median_and_p90(weeks, KpiId::FirstReplyTime),
        ),
        resolution: line(
            "chart.resolution",
            Unit::Minutes,
            median_and_p90(weeks, KpiId::FullResolutionTime),
        ),
        csat: line("chart.csat", Unit::Share, vec![csat_series(weeks)]),
        sla: sla_by_metric(overview),
        arrivals: arrivals(overview),
    }
}

fn values(weeks: &[SeriesPoint], kpi: KpiId) -> impl Iterator<Item = Option<&KpiValue>> {
    weeks.iter().map(move |p| p.kpis.get(kpi))
}

fn headlines(weeks: &[SeriesPoint], kpi: KpiId) -> Vec<Option<f64>> {
    values(weeks, kpi)
        .map(|v| v.and_then(KpiValue::headline))
        .collect()
}

fn median_and_p90(weeks: &[SeriesPoint], kpi: KpiId) -> Vec<ChartSeries> {
    let stat = |pick: fn(&crate::analytics::engine::value::DurationStats) -> Option<f64>| {
        values(weeks, kpi)
            .map(|v| match v {
                Some(KpiValue::Duration(d)) => pick(d),
                _ => None,
            })
            .collect()
    };
    let samples = values(weeks, kpi)
        .map(|v| v.map(KpiValue::sample_size))
        .collect();
    let small = small_samples(values(weeks, kpi));
    vec![
        ChartSeries {
            samples: Some(samples),
            small_sample: Some(small.clone()),
            ..ChartSeries::plain("series.median", stat(|d| d.median))
        },
        ChartSeries {
            dashed: true,
            null_reasons: None,
            small_sample: Some(small),
            ..ChartSeries::plain("series.p90", stat(|d| d.p90))
        },
    ]
}

fn csat_series(weeks: &[SeriesPoint]) -> ChartSeries {
    let csat: Vec<_> = values(weeks, KpiId::Csat)
        .map(|v| match v {
            Some(KpiValue::Csat(c)) => Some(c),
            _ => None,
        })
        .collect();
    ChartSeries {
        samples: Some(csat.iter().map(|c| c.map(|c| c.n)).collect()),
        small_sample: Some(small_samples(values(weeks, KpiId::Csat))),
        band: Some(Band {
            low: csat.iter().map(|c| c.and_then(|c| c.ci_low)).collect(),
            high: csat.iter().map(|c| c.and_then(|c| c.ci_high)).collect(),
        }),
        ..ChartSeries::plain(
            "series.csat",
            csat.iter().map(|c| c.and_then(|c| c.value)).collect(),
        )
    }
}

fn sla_by_metric(overview: &Overview) -> ChartSpec {
    let sla = overview
        .cards
        .iter()
        .find(|c| c.kpi == KpiId::SlaAchievement)
        .and_then(|c| match &c.current {
            KpiValue::Sla(s) => Some(s),
            _ => None,
        });
    let metrics = sla.map(|s| s.by_metric.0.as_slice()).unwrap_or_default();
    ChartSpec {
        kind: ChartKind::Bar,
        title: "chart.sla".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Text,
            labels: metrics.iter().map(|(m, _)| m.clone()).collect(),
            ..XAxis::default()
        },
        unit: Unit::Share,
        series: vec![ChartSeries {
            samples: Some(metrics.iter().map(|(_, r)| Some(r.n)).collect()),
            small_sample: Some(metrics.iter().map(|(_, r)| r.small_sample).collect()),
            ..ChartSeries::plain(
                "series.achieved",
                metrics.iter().map(|(_, r)| r.value).collect(),
            )
        }],
        value_labels: false,
    }
}

fn arrivals(overview: &Overview) -> ChartSpec {
    ChartSpec {
        kind: ChartKind::Heatmap,
        title: "chart.arrivals".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Hour,
            labels: (0..24).map(|h| h.to_string()).collect(),
            ..XAxis::default()
        },
        unit: Unit::Count,
        series: overview
            .arrivals
            .iter()
            .enumerate()
            .map(|(day, hours)| {
                ChartSeries::plain(
                    &(day + 1).to_string(),
                    hours.iter().map(|&n| Some(n as f64)).collect(),
                )
            })
            .collect(),
        value_labels: false,
    }
}
