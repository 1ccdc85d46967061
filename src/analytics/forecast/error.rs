//! Why a forecast cannot be made: bad request values, too little history, or the
//! model's own failure, each in one line that says what to change.

use chrono::NaiveDate;

use crate::analytics::AnalyticsError;

use super::model::ModelError;

#[derive(Debug, thiserror::Error)]
pub enum ForecastError {
    #[error("a forecast looks 1 to 12 weeks ahead, not {0}")]
    Horizon(u32),
    #[error("unknown granularity {0:?}; valid: day, hour")]
    UnknownGranularity(String),
    #[error("a forecast is split by channel or group, not {0:?}")]
    UnknownBy(String),
    #[error("the history's last day {until} is not over yet; end it before today, {today}")]
    UntilNotOver { until: NaiveDate, today: NaiveDate },
    #[error("no tickets were created by {until} to forecast from; sync or import tickets first")]
    NoTickets { until: NaiveDate },
    #[error(
        "the history holds {days} days; a forecast needs at least {needed} (three weeks) to learn the weekly pattern"
    )]
    ShortHistory { days: i64, needed: i64 },
    #[error(
        "a {weeks}-week horizon is longer than the {days} days of history; forecast at most {most} weeks ahead"
    )]
    HorizonBeyondHistory { weeks: u32, days: i64, most: i64 },
    #[error("the forecast model failed for {label}")]
    Model {
        label: String,
        #[source]
        source: ModelError,
    },
    #[error(transparent)]
    Analytics(#[from] AnalyticsError),
}
