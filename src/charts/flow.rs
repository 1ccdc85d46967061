//! The Operations screen's flow charts as specs: the backlog over time stacked by age
//! band, the backlog's largest groups over time, the median minutes in each status by
//! owner, and the most frequent transfers. As on the Overview, titles and series names
//! are message ids (`chart.*`, `series.*`) the app translates; group and agent labels
//! are the helpdesk's names, kept as they are.

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::flow::report::{BacklogReport, FlowReport};
use crate::analytics::flow::time_in_status::COUNTED;
use crate::analytics::flow::AgeFrom;

use super::spec::{ChartKind, ChartSeries, ChartSpec, SeriesGroup, Unit, XAxis, XKind};

/// Groups or owners a chart shows at most; the tables list every one.
const TOP: usize = 8;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BacklogCharts {
    /// The backlog at each bucket's end, stacked by age band.
    pub by_age: ChartSpec,
    /// The backlog of the largest groups of the breakdown (none without `by`).
    pub by_group: Option<ChartSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FlowCharts {
    /// The median minutes in each status, per owner (the largest by tickets first).
    pub time_in_status: ChartSpec,
    /// The most frequent group-to-group transfers.
    pub transfers: ChartSpec,
}

/// Message ids of the bands, in the report's order: the age bands in `AgeBand::ALL`
/// order, then the tickets without a public agent reply yet (an age since the last
/// reply only).
const BANDS: [&str; 6] = [
    "series.ageUnder1d",
    "series.age1to3d",
    "series.age3to7d",
    "series.age7to30d",
    "series.ageOver30d",
    "series.ageNoReply",
];

pub fn backlog_charts(report: &BacklogReport) -> BacklogCharts {
    let x = XAxis {
        kind: XKind::Date,
        labels: report.series.iter().map(|p| p.period.clone()).collect(),
        partial: XAxis::partial_flags(report.series.iter().map(|p| p.partial).collect()),
        ..XAxis::default()
    };
    let by_age = ChartSpec {
        kind: ChartKind::StackedBar,
        title: match report.age_from {
            AgeFrom::Created => "chart.backlogByAge",
            AgeFrom::LastReply => "chart.backlogByReplyAge",
        }
        .to_owned(),
        subtitle: None,
        context: None,
        x: x.clone(),
        unit: Unit::Count,
        series: (BANDS.iter().take(report.bands.len()).enumerate())
            .map(|(band, name)| {
                ChartSeries::plain(
                    name,
                    report
                        .series
                        .iter()
                        .map(|p| p.by_age.get(band).map(|&n| n as f64))
                        .collect(),
                )
            })
            .collect(),
        value_labels: false,
    };
    let by_group = report.by.as_ref().map(|_| {
        let mut groups: Vec<_> = report.groups.iter().collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.series.last().map_or(0, |p| p.total)));
        groups.truncate(TOP);
        ChartSpec {
            kind: ChartKind::Line,
            title: "chart.backlogByGroup".to_owned(),
            subtitle: None,
            context: None,
            x,
            unit: Unit::Count,
            // Each line names its group's key, so a point opens that group's tickets.
            series: (groups.iter())
                .map(|g| ChartSeries {
                    group: Some(SeriesGroup { key: g.key.clone() }),
                    ..ChartSeries::plain(
                        &g.label,
                        g.series.iter().map(|p| Some(p.total as f64)).collect(),
                    )
                })
                .collect(),
            value_labels: false,
        }
    });
    BacklogCharts { by_age, by_group }
}

pub fn flow_charts(report: &FlowReport) -> FlowCharts {
    // Owners in the order of their tickets in any status, most first.
    let mut owners: Vec<(Option<String>, String, u64)> = Vec::new();
    for row in &report.time_in_status {
        match owners.iter_mut().find(|(key, ..)| *key == row.key) {
            Some(owner) => owner.2 = owner.2.max(row.calendar.n),
            None => owners.push((row.key.clone(), row.label.clone(), row.calendar.n)),
        }
    }
    owners.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    owners.truncate(TOP);
    let median = |key: &Option<String>, status: &str| {
        (report.time_in_status.iter())
            .find(|r| r.key == *key && r.status == status)
            .and_then(|r| r.calendar.median)
    };
    let time_in_status = ChartSpec {
        kind: ChartKind::Bar,
        title: "chart.timeInStatus".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Text,
            labels: owners.iter().map(|o| o.1.clone()).collect(),
            keys: Some(owners.iter().map(|o| o.0.clone()).collect()),
            ..XAxis::default()
        },
        unit: Unit::Minutes,
        series: (COUNTED.iter())
            .map(|status| {
                let name = format!("series.status.{}", status.as_str());
                ChartSeries::plain(
                    &name,
                    owners
                        .iter()
                        .map(|o| median(&o.0, status.as_str()))
                        .collect(),
                )
            })
            .collect(),
        value_labels: false,
    };
    let pairs = &report.handoffs.transfers;
    let transfers = ChartSpec {
        kind: ChartKind::Bar,
        title: "chart.transfers".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Text,
            labels: pairs
                .iter()
                .map(|t| format!("{} → {}", t.from_label, t.to_label))
                .collect(),
            ..XAxis::default()
        },
        unit: Unit::Count,
        series: vec![ChartSeries::plain(
            "series.transfers",
            pairs.iter().map(|t| Some(t.count as f64)).collect(),
        )],
        value_labels: false,
    };
    FlowCharts {
        time_in_status,
        transfers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::flow::report::{BacklogGroup, BacklogPoint};
    use crate::analytics::query::filter::FilterEcho;
    use crate::analytics::query::range::RangeEcho;

    fn point(period: &str, by_age: [u64; 5]) -> BacklogPoint {
        BacklogPoint {
            period: period.to_owned(),
            partial: period == "2025-03-02",
            total: by_age.iter().sum(),
            by_age: by_age.to_vec(),
        }
    }

    #[test]
    fn the_backlog_stacks_its_age_bands_and_draws_the_largest_groups() {
        let series = vec![
            point("2025-03-01", [1, 2, 0, 0, 0]),
            point("2025-03-02", [0, 1, 1, 0, 3]),
        ];
        let group = |label: &str, last: u64| BacklogGroup {
            key: Some(label.to_owned()),
            label: label.to_owned(),
            series: vec![
                point("2025-03-01", [0; 5]),
                point("2025-03-02", [last, 0, 0, 0, 0]),
            ],
        };
        let report = BacklogReport {
            range: RangeEcho {
                from: "2025-03-01".into(),
                to: "2025-03-02".into(),
                tz: "UTC".into(),
            },
            filters: FilterEcho::default(),
            age_from: AgeFrom::Created,
            bands: AgeFrom::Created.band_labels(),
            series,
            by: Some("group".into()),
            groups: vec![group("Small", 1), group("Large", 4)],
            stuck_days: 7,
            stuck_count: 0,
            stuck: Vec::new(),
            without_history: 0,
            null_reason: None,
        };
        let charts = backlog_charts(&report);
        assert_eq!(charts.by_age.series.len(), 5);
        assert_eq!(charts.by_age.series[4].values, [Some(0.0), Some(3.0)]);
        assert_eq!(charts.by_age.x.partial, Some(vec![false, true]));
        let by_group = charts.by_group.expect("a breakdown has its chart");
        let names: Vec<&str> = by_group.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Large", "Small"], "largest last backlog first");
        let key = by_group.series[0]
            .group
            .as_ref()
            .and_then(|g| g.key.as_deref());
        assert_eq!(key, Some("Large"), "a line names its group's key");
    }
}
