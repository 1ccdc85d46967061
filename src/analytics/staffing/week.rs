//! Staffing per hour of the week from an hourly arrivals forecast: each of the 168
//! weekday × hour cells takes the mean forecast of its hours over the horizon (all
//! series summed), and Erlang C the agents that load needs.

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::Serialize;
use ts_rs::TS;

use crate::analytics::forecast::{ArrivalsForecast, Granularity};

use super::{requirement, Requirement, StaffingError, StaffingInputs};

/// The agents per weekday and hour, Monday 00:00 first, in the forecast's zone.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StaffingWeek {
    pub inputs: StaffingInputs,
    pub tz: String,
    /// The forecast days the cells average.
    pub from: String,
    pub to: String,
    pub cells: Vec<StaffingCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StaffingCell {
    /// Mon, Tue, … Sun.
    pub weekday: String,
    /// The local wall-clock hour, 0 to 23.
    pub hour: u32,
    #[serde(flatten)]
    pub requirement: Requirement,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The staffing of each hour of the week for an hourly `forecast`.
pub fn staffing_week(
    forecast: &ArrivalsForecast,
    inputs: &StaffingInputs,
) -> Result<StaffingWeek, StaffingError> {
    if forecast.granularity != Granularity::Hour {
        return Err(StaffingError::NotHourly);
    }
    let mut sums = [[0.0f64; 24]; 7];
    let mut hours = [[0u32; 24]; 7];
    let mut counted = |period: &str, value: f64| {
        if let Ok(at) = NaiveDateTime::parse_from_str(period, "%Y-%m-%dT%H:%M") {
            let (day, hour) = (
                at.weekday().num_days_from_monday() as usize,
                at.hour() as usize,
            );
            sums[day][hour] += value;
            hours[day][hour] += 1;
        }
    };
    for series in &forecast.series {
        series
            .points
            .iter()
            .for_each(|p| counted(&p.period, p.value));
    }
    let series = forecast.series.len().max(1) as f64;
    let mut cells = Vec::with_capacity(7 * 24);
    for (day, name) in WEEKDAYS.iter().enumerate() {
        for hour in 0..24 {
            // Each series adds one count per hour: divide them out to get the hours.
            let occurrences = f64::from(hours[day][hour]) / series;
            let mean = sums[day][hour] / occurrences.max(1.0);
            cells.push(StaffingCell {
                weekday: (*name).to_owned(),
                hour: hour as u32,
                requirement: requirement(mean, inputs)?,
            });
        }
    }
    Ok(StaffingWeek {
        inputs: *inputs,
        tz: forecast.tz.clone(),
        from: forecast.from.clone(),
        to: forecast.to.clone(),
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::forecast::{Backtest, ForecastPoint, SeriesForecast};
    use crate::analytics::staffing::ServiceTarget;

    /// Two weeks of hours from Monday 2025-07-07: 100 then 300 arrivals at Monday 09:00,
    /// none at other hours.
    fn two_weeks(granularity: Granularity) -> ArrivalsForecast {
        let points = (0..14 * 24)
            .map(|i| {
                let day = chrono::NaiveDate::from_ymd_opt(2025, 7, 7).unwrap()
                    + chrono::Days::new(i / 24);
                let value = match i {
                    9 => 100.0,
                    177 => 300.0,
                    _ => 0.0,
                };
                ForecastPoint {
                    period: format!("{day}T{:02}:00", i % 24),
                    value,
                    lo80: value,
                    hi80: value,
                    lo95: value,
                    hi95: value,
                }
            })
            .collect();
        let none = crate::analytics::forecast::Accuracy {
            mase: None,
            smape: None,
        };
        ArrivalsForecast {
            granularity,
            tz: "UTC".into(),
            horizon_weeks: 2,
            by: None,
            history_from: "2025-01-01".into(),
            history_to: "2025-07-06".into(),
            from: "2025-07-07".into(),
            to: "2025-07-20".into(),
            series: vec![SeriesForecast {
                key: None,
                label: "All tickets".into(),
                history_total: 0.0,
                points,
                backtest: Backtest {
                    folds: 0,
                    model: none,
                    baseline: none,
                    reason: None,
                },
            }],
        }
    }

    fn inputs() -> StaffingInputs {
        let target = ServiceTarget::parse("80/20").unwrap();
        StaffingInputs::new(180.0, target, 0.0, 1.0).unwrap()
    }

    #[test]
    fn each_hour_of_the_week_is_staffed_for_its_mean_over_the_horizon() {
        let week = staffing_week(&two_weeks(Granularity::Hour), &inputs()).unwrap();
        assert_eq!(week.cells.len(), 168);
        let monday_nine = &week.cells[9];
        assert_eq!((monday_nine.weekday.as_str(), monday_nine.hour), ("Mon", 9));
        assert_eq!(monday_nine.requirement.arrivals_per_hour, 200.0);
        assert_eq!(monday_nine.requirement.agents, 14, "10 Erlangs at 80/20");
        assert!(
            week.cells
                .iter()
                .filter(|c| c.requirement.agents > 0)
                .count()
                == 1
        );
    }

    #[test]
    fn a_daily_forecast_is_refused() {
        let err = staffing_week(&two_weeks(Granularity::Day), &inputs()).unwrap_err();
        assert_eq!(err, StaffingError::NotHourly);
    }
}
