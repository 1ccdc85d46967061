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
