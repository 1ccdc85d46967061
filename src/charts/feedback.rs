//! The Feedback screen's charts as specs: what moves CSAT (each driver's CSAT against the
//! rest's), sentiment per period, and the largest themes. As on the Overview, titles and
//! series names are message ids (`chart.*`, `series.*`) the app translates; theme and
//! driver labels are customers' words and helpdesk values, kept as they are.

use serde::Serialize;
use ts_rs::TS;

use crate::feedback::report::PolarityCounts;
use crate::feedback::FeedbackReport;

use super::spec::{Band, ChartKind, ChartSeries, ChartSpec, Unit, XAxis, XKind};

/// Bars a chart of drivers or themes shows at most; the tables list every one.
const TOP: usize = 12;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FeedbackCharts {
    /// The drivers' CSAT minus the rest's in percentage points, largest impact first,
    /// as diverging bars with each difference's 95% interval and its number of ratings.
    pub drivers: ChartSpec,
    /// Positive, neutral and negative texts per trend bucket.
    pub sentiment: ChartSpec,
    /// The largest themes by tickets; each category's key is the theme's id.
    pub themes: ChartSpec,
}

pub fn feedback_charts(report: &FeedbackReport) -> FeedbackCharts {
    FeedbackCharts {
        drivers: drivers(report),
        sentiment: sentiment(report),
        themes: themes(report),
    }
}

fn drivers(report: &FeedbackReport) -> ChartSpec {
    let effects: Vec<_> = report.drivers.effects.iter().take(TOP).collect();
    ChartSpec {
        kind: ChartKind::Diverging,
        title: "chart.feedbackDrivers".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Text,
            labels: effects.iter().map(|e| e.label.clone()).collect(),
            ..XAxis::default()
        },
        unit: Unit::Points,
        series: vec![ChartSeries {
            samples: Some(effects.iter().map(|e| Some(e.csat.n)).collect()),
            band: Some(Band {
                low: effects.iter().map(|e| Some(e.ci_low)).collect(),
                high: effects.iter().map(|e| Some(e.ci_high)).collect(),
            }),
            ..ChartSeries::plain(
                "series.csatDiff",
                effects.iter().map(|e| Some(e.diff)).collect(),
            )
        }],
        value_labels: false,
    }
}

fn sentiment(report: &FeedbackReport) -> ChartSpec {
    let counts = |pick: fn(&PolarityCounts) -> u64| {
        (0..report.periods.len())
            .map(|i| report.sentiment.over_time.get(i).map(|c| pick(c) as f64))
            .collect()
    };
    ChartSpec {
        kind: ChartKind::StackedBar,
        title: "chart.feedbackSentiment".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Date,
            labels: report.periods.clone(),
            ..XAxis::default()
        },
        unit: Unit::Count,
        series: vec![
            ChartSeries::plain("series.positive", counts(|c| c.positive)),
            ChartSeries::plain("series.neutral", counts(|c| c.neutral)),
            ChartSeries::plain("series.negative", counts(|c| c.negative)),
        ],
        value_labels: false,
    }
}

fn themes(report: &FeedbackReport) -> ChartSpec {
    let mut top: Vec<_> = report.themes.iter().collect();
    top.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    top.truncate(TOP);
    ChartSpec {
        kind: ChartKind::Bar,
        title: "chart.feedbackThemes".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Text,
            labels: top.iter().map(|t| t.label.clone()).collect(),
            keys: Some(top.iter().map(|t| Some(t.id.clone())).collect()),
            ..XAxis::default()
        },
        unit: Unit::Count,
        series: vec![ChartSeries::plain(
            "series.tickets",
            top.iter().map(|t| Some(t.count as f64)).collect(),
        )],
        value_labels: false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analytics::engine::value::CsatStats;
    use crate::analytics::query::filter::FilterEcho;
    use crate::analytics::query::range::RangeEcho;
    use crate::feedback::report::{
        CommentCounts, DriverEffect, Drivers, FeedbackSource, SentimentSummary, Theme,
    };

    fn csat(value: f64, n: u64) -> CsatStats {
        let good = (value * n as f64).round() as u64;
        CsatStats {
            value: Some(value),
            n,
            good,
            bad: n - good,
            ci_low: None,
            ci_high: None,
            small_sample: false,
        }
    }

    fn theme(id: &str, label: &str, count: u64) -> Theme {
        Theme {
            label: label.to_owned(),
            csat: csat(0.8, 10),
            ..crate::feedback::report::tests::theme(id, count)
        }
    }

    fn effect(label: &str, diff: f64, n: u64) -> DriverEffect {
        DriverEffect {
            dimension: "channel".to_owned(),
            key: label.to_owned(),
            label: label.to_owned(),
            csat: csat(0.8 + diff, n),
            rest: csat(0.8, 100),
            diff,
            ci_low: diff - 0.05,
            ci_high: diff + 0.05,
            p_value: 0.01,
            impact: diff * n as f64 / 100.0,
        }
    }

    fn polarity(positive: u64, neutral: u64, negative: u64) -> PolarityCounts {
        PolarityCounts {
            positive,
            neutral,
            negative,
            unknown: 7,
        }
    }

    /// A report of three themes, for tests of what reads a report.
    pub(crate) fn report() -> FeedbackReport {
        let echo = |from: &str, to: &str| RangeEcho {
            from: from.to_owned(),
            to: to.to_owned(),
            tz: "UTC".to_owned(),
        };
        FeedbackReport {
            range: echo("2025-03-03", "2025-03-16"),
            previous: echo("2025-02-17", "2025-03-02"),
            source: FeedbackSource::All,
            lang: None,
            filters: FilterEcho(Vec::new()),
            every: "week".to_owned(),
            periods: vec!["2025-03-03".to_owned(), "2025-03-10".to_owned()],
            comments: CommentCounts::default(),
            analysed: Vec::new(),
            themes: vec![
                theme("ru-1", "оплата · карта", 5),
                theme("en-2", "<b>refund</b>", 9),
                theme("en-1", "login · password", 9),
            ],
            emerging: Vec::new(),
            sentiment: SentimentSummary {
                models: Vec::new(),
                by_lang: Vec::new(),
                over_time: vec![polarity(3, 2, 1), polarity(0, 4, 6)],
            },
            drivers: Drivers {
                overall: csat(0.8, 100),
                effects: (0..15)
                    .map(|i| effect(&format!("value {i}"), -0.01 * i as f64, 10 + i))
                    .collect(),
                words: Vec::new(),
            },
            duplicates: Vec::new(),
            kb_gaps: Vec::new(),
            edits: Vec::new(),
        }
    }

    #[test]
    fn drivers_chart_the_difference_in_points_with_interval_and_n() {
        let chart = feedback_charts(&report()).drivers;
        chart.validate().expect("a drawable spec");
        assert_eq!(
            (chart.kind, chart.unit),
            (ChartKind::Diverging, Unit::Points)
        );
        assert_eq!(chart.title, "chart.feedbackDrivers", "a message id");
        assert_eq!(chart.x.labels.len(), TOP, "the largest impacts only");
        assert_eq!(chart.x.labels[2], "value 2", "in the report's order");
        let s = &chart.series[0];
        assert_eq!(s.values[2], Some(-0.02));
        assert_eq!(s.samples.as_ref().unwrap()[2], Some(12));
        let band = s.band.as_ref().unwrap();
        assert_eq!((band.low[0], band.high[0]), (Some(-0.05), Some(0.05)));
    }

    #[test]
    fn sentiment_stacks_positive_neutral_and_negative_per_period() {
        let chart = feedback_charts(&report()).sentiment;
        chart.validate().expect("a drawable spec");
        assert_eq!(chart.kind, ChartKind::StackedBar);
        assert_eq!(chart.x.kind, XKind::Date);
        assert_eq!(chart.x.labels, ["2025-03-03", "2025-03-10"]);
        let names: Vec<_> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["series.positive", "series.neutral", "series.negative"]
        );
        assert_eq!(chart.series[0].values, [Some(3.0), Some(0.0)]);
        assert_eq!(chart.series[2].values, [Some(1.0), Some(6.0)]);
    }

    #[test]
    fn themes_chart_the_largest_by_tickets_keyed_by_id_with_labels_as_written() {
        let chart = feedback_charts(&report()).themes;
        chart.validate().expect("a drawable spec");
        assert_eq!(
            chart.x.labels,
            ["login · password", "<b>refund</b>", "оплата · карта"],
            "most tickets first, ties by id; labels untouched"
        );
        assert_eq!(
            chart.x.keys.unwrap(),
            [
                Some("en-1".into()),
                Some("en-2".into()),
                Some("ru-1".into())
            ]
        );
        assert_eq!(chart.series[0].values, [Some(9.0), Some(9.0), Some(5.0)]);
    }

    #[test]
    fn an_empty_report_gives_empty_drawable_charts() {
        let mut empty = report();
        empty.themes.clear();
        empty.drivers.effects.clear();
        empty.sentiment.over_time.clear();
        empty.periods.clear();
        let charts = feedback_charts(&empty);
        for chart in [&charts.drivers, &charts.sentiment, &charts.themes] {
            chart.validate().expect("a drawable spec");
            assert!(chart.is_empty(), "{}", chart.title);
        }
    }

    #[test]
    fn every_chart_exports_and_renders() {
        let charts = feedback_charts(&report());
        for chart in [&charts.drivers, &charts.sentiment, &charts.themes] {
            let table =
                crate::export::chart_table(chart, crate::charts::Locale::En).expect("a table");
            assert!(crate::export::TableSource::total_rows(&table) > 0);
            let png = crate::charts::render_png(chart, &Default::default()).expect("a PNG");
            assert_eq!(&png[1..4], b"PNG");
        }
    }
}
