//! The Operations screen's forecast and staffing charts as specs: the last weeks of
//! actual arrivals followed by the forecast (dashed, its 80% and 95% intervals as
//! bands), and the agents to schedule per weekday × hour as a heat map. Titles and the
//! series of all tickets are message ids the app translates; group and channel labels
//! are the helpdesk's names, kept as they are.

use crate::analytics::forecast::series::Arrivals;
use crate::analytics::forecast::{period_label, ArrivalsForecast, Granularity, SeriesForecast};
use crate::analytics::staffing::week::StaffingWeek;

use super::spec::{Band, ChartKind, ChartSeries, ChartSpec, SeriesGroup, Unit, XAxis, XKind};

/// Series a split forecast draws at most (the largest by history); the data lists all.
const TOP: usize = 4;
/// Weeks of actual arrivals drawn before a daily forecast, and before an hourly one.
const SHOWN_WEEKS_DAILY: usize = 4;
const SHOWN_WEEKS_HOURLY: usize = 1;

/// The last weeks of `arrivals` (the counts `forecast` learnt from), then `forecast`.
pub fn forecast_chart(forecast: &ArrivalsForecast, arrivals: &Arrivals) -> ChartSpec {
    let per_day = forecast.granularity.slots_per_day();
    let weeks = match forecast.granularity {
        Granularity::Day => SHOWN_WEEKS_DAILY,
        Granularity::Hour => SHOWN_WEEKS_HOURLY,
    };
    let history_slots = arrivals.series.first().map_or(0, |s| s.counts.len());
    let shown = (weeks * 7 * per_day).min(history_slots);
    let skipped_days = ((history_slots - shown) / per_day) as u64;
    let first_shown = arrivals
        .first_day
        .checked_add_days(chrono::Days::new(skipped_days))
        .unwrap_or(arrivals.first_day);
    let ahead: usize = forecast.series.first().map_or(0, |s| s.points.len());
    let mut labels: Vec<String> = (0..shown)
        .map(|i| period_label(first_shown, forecast.granularity, i))
        .collect();
    labels.extend(
        (forecast.series.first().into_iter())
            .flat_map(|s| s.points.iter().map(|p| p.period.clone())),
    );
    let mut drawn: Vec<&SeriesForecast> = forecast.series.iter().collect();
    drawn.sort_by(|a, b| b.history_total.total_cmp(&a.history_total));
    drawn.truncate(TOP);
    let split = forecast.by.is_some();
    let series = drawn
        .into_iter()
        .flat_map(|s| {
            let counts = (arrivals.series.iter())
                .find(|a| a.key == s.key)
                .map_or(&[][..], |a| {
                    &a.counts[a.counts.len().saturating_sub(shown)..]
                });
            series_of(s, counts, shown, ahead, split)
        })
        .collect();
    let x = match forecast.granularity {
        Granularity::Day => XAxis {
            kind: XKind::Date,
            labels,
            ..XAxis::default()
        },
        // Hours of several days: their `YYYY-MM-DDTHH:00` labels as they are.
        Granularity::Hour => XAxis {
            kind: XKind::Text,
            labels,
            ..XAxis::default()
        },
    };
    ChartSpec {
        kind: ChartKind::Line,
        title: "chart.forecast".to_owned(),
        subtitle: None,
        context: None,
        x,
        unit: Unit::Count,
        series,
        value_labels: false,
    }
}

/// A forecast series as three: its actual `counts` over the first `shown` slots, then
/// its forecast over the next `ahead`, dashed, once with the 80% band and once with the
/// 95% one. Named by message id for all tickets, by the group's label when `split`.
fn series_of(
    forecast: &SeriesForecast,
    counts: &[f64],
    shown: usize,
    ahead: usize,
    split: bool,
) -> [ChartSeries; 3] {
    let name = |id: &str, suffix: &str| match (split, suffix) {
        (false, _) => id.to_owned(),
        (true, "") => forecast.label.clone(),
        (true, suffix) => format!("{} {suffix}", forecast.label),
    };
    let group = split.then(|| SeriesGroup {
        key: forecast.key.clone(),
    });
    let actual = (counts.iter().map(|&n| Some(n)))
        .chain(std::iter::repeat_n(None, ahead))
        .collect();
    let before = || std::iter::repeat_n(None, shown);
    let ahead_of = |pick: fn(&crate::analytics::forecast::ForecastPoint) -> f64| {
        before()
            .chain(forecast.points.iter().map(|p| Some(pick(p))))
            .collect::<Vec<_>>()
    };
    let predicted = |id: &str, suffix: &str, low, high| ChartSeries {
        band: Some(Band {
            low: ahead_of(low),
            high: ahead_of(high),
        }),
        group: group.clone(),
        dashed: true,
        ..ChartSeries::plain(&name(id, suffix), ahead_of(|p| p.value))
    };
    [
        ChartSeries {
            group: group.clone(),
            ..ChartSeries::plain(&name("series.arrivals", ""), actual)
        },
        predicted("series.forecast80", "80%", |p| p.lo80, |p| p.hi80),
        predicted("series.forecast95", "95%", |p| p.lo95, |p| p.hi95),
    ]
}

/// The agents to schedule (with shrinkage) per weekday (rows `1`..`7`, Monday first)
/// and hour (columns 0..23), as the Overview's arrivals heat map lays them out.
pub fn staffing_chart(week: &StaffingWeek) -> ChartSpec {
    let series = (1..=7)
        .zip(week.cells.chunks(24))
        .map(|(day, hours)| {
            ChartSeries::plain(
                &day.to_string(),
                (hours.iter())
                    .map(|c| Some(c.requirement.agents_with_shrinkage as f64))
                    .collect(),
            )
        })
        .collect();
    ChartSpec {
        kind: ChartKind::Heatmap,
        title: "chart.staffing".to_owned(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Hour,
            labels: (0..24).map(|h| h.to_string()).collect(),
            ..XAxis::default()
        },
        unit: Unit::Count,
        series,
        value_labels: false,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::analytics::forecast::series::ArrivalsSeries;
    use crate::analytics::forecast::{Accuracy, Backtest, ForecastPoint};
    use crate::analytics::staffing::week::StaffingCell;
    use crate::analytics::staffing::{requirement, ServiceTarget, StaffingInputs};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
    }

    fn forecast_of(key: Option<&str>, label: &str, total: f64) -> SeriesForecast {
        let point = |d: u32| ForecastPoint {
            period: day(d).to_string(),
            value: 10.0,
            lo80: 8.0,
            hi80: 12.0,
            lo95: 6.0,
            hi95: 14.0,
        };
        let none = Accuracy {
            mase: None,
            smape: None,
        };
        SeriesForecast {
            key: key.map(str::to_owned),
            label: label.to_owned(),
            history_total: total,
            points: (29..=30).map(point).collect(),
            backtest: Backtest {
                folds: 0,
                model: none,
                baseline: none,
                reason: None,
            },
        }
    }

    fn daily(by: Option<&str>, series: Vec<SeriesForecast>) -> ArrivalsForecast {
        ArrivalsForecast {
            granularity: Granularity::Day,
            tz: "UTC".into(),
            horizon_weeks: 1,
            by: by.map(str::to_owned),
            history_from: day(1).to_string(),
            history_to: day(28).to_string(),
            from: day(29).to_string(),
            to: day(30).to_string(),
            series,
        }
    }

    fn counted(key: Option<&str>, label: &str, days: usize) -> ArrivalsSeries {
        ArrivalsSeries {
            key: key.map(str::to_owned),
            label: label.to_owned(),
            counts: (0..days).map(|d| d as f64).collect(),
        }
    }

    #[test]
    fn the_forecast_follows_the_last_weeks_of_arrivals_dashed_with_both_bands() {
        // Five weeks of history: the chart keeps the last four.
        let arrivals = Arrivals {
            first_day: NaiveDate::from_ymd_opt(2025, 2, 22).unwrap(),
            series: vec![counted(None, "All tickets", 35)],
        };
        let chart = forecast_chart(
            &daily(None, vec![forecast_of(None, "All", 280.0)]),
            &arrivals,
        );
        assert_eq!(chart.kind, ChartKind::Line);
        assert_eq!(chart.x.kind, XKind::Date);
        assert_eq!(chart.x.labels.len(), 28 + 2);
        assert_eq!(
            chart.x.labels[0], "2025-03-01",
            "the fifth week back is cut"
        );
        assert_eq!(chart.x.labels[28], "2025-03-29");
        let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["series.arrivals", "series.forecast80", "series.forecast95"]
        );
        let [actual, eighty, ninety_five] = &chart.series[..] else {
            panic!("three series");
        };
        assert_eq!(actual.values[0], Some(7.0));
        assert_eq!(actual.values[27], Some(34.0));
        assert_eq!(actual.values[28], None, "no actual over the forecast");
        assert!(!actual.dashed && eighty.dashed && ninety_five.dashed);
        assert_eq!(eighty.values[27], None, "no forecast over the history");
        assert_eq!(eighty.values[28], Some(10.0));
        let band = |s: &ChartSeries| {
            let band = s.band.clone().expect("a forecast has its interval");
            (band.low[29], band.high[29])
        };
        assert_eq!(band(eighty), (Some(8.0), Some(12.0)));
        assert_eq!(band(ninety_five), (Some(6.0), Some(14.0)));
        chart
            .validate()
            .expect("every series is as long as the axis");
    }

    #[test]
    fn a_split_forecast_draws_its_largest_series_under_their_labels() {
        let labels = ["A", "B", "C", "D", "E"];
        let arrivals = Arrivals {
            first_day: day(1),
            series: labels.iter().map(|l| counted(Some(l), l, 28)).collect(),
        };
        let series = (labels.iter().zip(1..))
            .map(|(l, total)| forecast_of(Some(l), l, f64::from(total)))
            .collect();
        let chart = forecast_chart(&daily(Some("group"), series), &arrivals);
        let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), 3 * TOP);
        assert_eq!(names[..3], ["E", "E 80%", "E 95%"], "the largest first");
        assert!(!names.contains(&"A"), "the smallest is left to the data");
        let key = chart.series[0].group.as_ref().and_then(|g| g.key.clone());
        assert_eq!(key.as_deref(), Some("E"));
        chart.validate().unwrap();
    }

    #[test]
    fn staffing_is_a_weekday_by_hour_heat_map_of_agents_to_schedule() {
        let target = ServiceTarget::new(80.0, 60.0).unwrap();
        let inputs = StaffingInputs::new(300.0, target, 0.3, 0.9).unwrap();
        let cells = (0..7)
            .flat_map(|day| (0..24).map(move |hour| (day, hour)))
            .map(|(day, hour)| StaffingCell {
                weekday: format!("day{day}"),
                hour,
                requirement: requirement(if day == 1 { 100.0 } else { 0.0 }, &inputs).unwrap(),
            })
            .collect();
        let week = StaffingWeek {
            inputs,
            tz: "UTC".into(),
            from: day(3).to_string(),
            to: day(9).to_string(),
            cells,
        };
        let chart = staffing_chart(&week);
        assert_eq!(chart.kind, ChartKind::Heatmap);
        assert_eq!(chart.x.kind, XKind::Hour);
        assert_eq!(chart.x.labels.first().map(String::as_str), Some("0"));
        assert_eq!(chart.x.labels.len(), 24);
        let rows: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(rows, ["1", "2", "3", "4", "5", "6", "7"]);
        let tuesday_noon = week.cells[24 + 12].requirement.agents_with_shrinkage;
        assert!(tuesday_noon > 0);
        assert_eq!(chart.series[1].values[12], Some(f64::from(tuesday_noon)));
        assert_eq!(chart.series[0].values[12], Some(0.0));
        chart.validate().unwrap();
    }
}
