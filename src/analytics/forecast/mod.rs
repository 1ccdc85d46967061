//! The arrivals forecast: tickets created per day or per hour, learnt from the
//! workspace's own history (`series`), forecast 1 to 12 weeks ahead with weekly (and,
//! per hour, daily) seasonality and 80%/95% intervals (`model`), and scored by a
//! rolling backtest against the seasonal-naive forecast (`backtest`).

pub mod backtest;
mod error;
pub mod model;
pub mod series;

use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::Frame;
use crate::analytics::query::filter::Filters;
use crate::analytics::query::range::{parse_date, parse_tz};

pub use backtest::{Accuracy, Backtest};
pub use error::ForecastError;
use series::{Arrivals, ArrivalsSeries, Scope};

/// The horizons a forecast may look ahead, in weeks.
pub const HORIZON_WEEKS: std::ops::RangeInclusive<u32> = 1..=12;
/// The fewest days of history a forecast learns from: three weekly seasons.
pub const MIN_HISTORY_DAYS: i64 = 21;
/// An hourly model learns from at most this many weeks before the forecast, which
/// keep its weekly and daily seasons current and its fit quick.
pub const HOURLY_HISTORY_WEEKS: u64 = 26;

/// A forecast as a person asks for it (strings), validated by `resolve`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct ForecastRequest {
    /// Weeks ahead, 1 to 12; 4 when left out.
    pub horizon_weeks: Option<u32>,
    /// `day` (the default) or `hour`.
    pub granularity: Option<String>,
    /// `channel` or `group`: a forecast per value; all tickets as one when left out.
    pub by: Option<String>,
    pub tz: Option<String>,
    /// `dim=value` strings, as a KPI query takes them.
    #[serde(default)]
    pub filters: Vec<String>,
    /// The last day of history (YYYY-MM-DD); yesterday when left out.
    pub until: Option<String>,
}

/// Slots of one day or one hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Hour,
}

impl Granularity {
    pub fn parse(s: &str) -> Result<Granularity, ForecastError> {
        match s {
            "day" => Ok(Granularity::Day),
            "hour" => Ok(Granularity::Hour),
            other => Err(ForecastError::UnknownGranularity(other.to_owned())),
        }
    }

    pub fn slots_per_day(self) -> usize {
        match self {
            Granularity::Day => 1,
            Granularity::Hour => 24,
        }
    }

    /// The seasonal periods in slots: a week, and per hour a day before it.
    pub fn periods(self) -> &'static [usize] {
        match self {
            Granularity::Day => &[7],
            Granularity::Hour => &[24, 168],
        }
    }
}

/// A validated forecast request.
#[derive(Debug, Clone)]
pub struct ForecastQuery {
    pub horizon_weeks: u32,
    pub granularity: Granularity,
    pub by: Option<Dimension>,
    pub filters: Filters,
    pub until: NaiveDate,
    pub tz: Tz,
}

impl ForecastRequest {
    /// Validates every part; `today` gives the default last day, `default_tz` the zone.
    pub fn resolve(
        &self,
        today: NaiveDate,
        default_tz: Tz,
    ) -> Result<ForecastQuery, ForecastError> {
        let horizon_weeks = self.horizon_weeks.unwrap_or(4);
        if !HORIZON_WEEKS.contains(&horizon_weeks) {
            return Err(ForecastError::Horizon(horizon_weeks));
        }
        let by = match self.by.as_deref() {
            None => None,
            Some("channel") => Some(Dimension::Channel),
            Some("group") => Some(Dimension::Group),
            Some(other) => return Err(ForecastError::UnknownBy(other.to_owned())),
        };
        Ok(ForecastQuery {
            horizon_weeks,
            granularity: self
                .granularity
                .as_deref()
                .map_or(Ok(Granularity::Day), Granularity::parse)?,
            by,
            filters: Filters::parse(&self.filters)?,
            until: match &self.until {
                Some(date) => past_day(parse_date(date)?, today)?,
                None => today.pred_opt().unwrap_or(today),
            },
            tz: match &self.tz {
                Some(name) => parse_tz(name)?,
                None => default_tz,
            },
        })
    }
}

/// `until`, refused unless it is over by `today`: the counts of a day not yet over
/// would read as a drop in arrivals.
fn past_day(until: NaiveDate, today: NaiveDate) -> Result<NaiveDate, ForecastError> {
    if until >= today {
        return Err(ForecastError::UntilNotOver { until, today });
    }
    Ok(until)
}

/// The forecast of each series, with the history it learnt from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArrivalsForecast {
    pub granularity: Granularity,
    pub tz: String,
    pub horizon_weeks: u32,
    /// The dimension of the series, when split.
    pub by: Option<String>,
    /// The first and last day of the history the models learnt from.
    pub history_from: String,
    pub history_to: String,
    /// The first and last day forecast.
    pub from: String,
    pub to: String,
    pub series: Vec<SeriesForecast>,
}

/// One series' forecast and backtest.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SeriesForecast {
    pub key: Option<String>,
    pub label: String,
    /// Tickets in the history the model learnt from.
    pub history_total: f64,
    pub points: Vec<ForecastPoint>,
    pub backtest: Backtest,
}

/// Tickets expected in one slot: a day (`YYYY-MM-DD`) or a local wall-clock hour
/// (`YYYY-MM-DDTHH:00`), with the 80% and 95% intervals. Never below 0.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ForecastPoint {
    pub period: String,
    pub value: f64,
    pub lo80: f64,
    pub hi80: f64,
    pub lo95: f64,
    pub hi95: f64,
}

/// Forecasts the arrivals `query` asks for, from the tickets in `frame`.
pub fn forecast(frame: &Frame, query: &ForecastQuery) -> Result<ArrivalsForecast, ForecastError> {
    let scope = Scope {
        granularity: query.granularity,
        by: query.by,
        filters: &query.filters,
        until: query.until,
        tz: query.tz,
    };
    let arrivals =
        series::arrivals(frame, scope)?.ok_or(ForecastError::NoTickets { until: query.until })?;
    forecast_arrivals(&arrivals, query)
}

/// Forecasts counted `arrivals` whose last day is `query.until`.
pub fn forecast_arrivals(
    arrivals: &Arrivals,
    query: &ForecastQuery,
) -> Result<ArrivalsForecast, ForecastError> {
    let history_days = (query.until - arrivals.first_day).num_days() + 1;
    check_history(history_days, query.horizon_weeks)?;
    let per_day = query.granularity.slots_per_day();
    let kept_days = match query.granularity {
        Granularity::Day => history_days as u64,
        Granularity::Hour => (history_days as u64).min(HOURLY_HISTORY_WEEKS * 7),
    };
    let history_from = query
        .until
        .checked_sub_days(Days::new(kept_days - 1))
        .unwrap_or(arrivals.first_day);
    let skip = (history_days as usize - kept_days as usize) * per_day;
    let horizon = query.horizon_weeks as usize * 7 * per_day;
    let first = query.until.succ_opt().unwrap_or(query.until);
    let series = arrivals
        .series
        .par_iter()
        .map(|s| series_forecast(s, &s.counts[skip..], query.granularity, horizon, first))
        .collect::<Result<Vec<_>, _>>()?;
    let last = first
        .checked_add_days(Days::new(u64::from(query.horizon_weeks) * 7 - 1))
        .unwrap_or(first);
    Ok(ArrivalsForecast {
        granularity: query.granularity,
        tz: query.tz.name().to_owned(),
        horizon_weeks: query.horizon_weeks,
        by: query.by.map(Dimension::name),
        history_from: history_from.to_string(),
        history_to: query.until.to_string(),
        from: first.to_string(),
        to: last.to_string(),
        series,
    })
}

/// Refuses a history shorter than three weeks, or shorter than the horizon.
fn check_history(days: i64, horizon_weeks: u32) -> Result<(), ForecastError> {
    if days < MIN_HISTORY_DAYS {
        return Err(ForecastError::ShortHistory {
            days,
            needed: MIN_HISTORY_DAYS,
        });
    }
    if i64::from(horizon_weeks) * 7 > days {
        return Err(ForecastError::HorizonBeyondHistory {
            weeks: horizon_weeks,
            days,
            most: days / 7,
        });
    }
    Ok(())
}

fn series_forecast(
    series: &ArrivalsSeries,
    history: &[f64],
    granularity: Granularity,
    horizon: usize,
    first: NaiveDate,
) -> Result<SeriesForecast, ForecastError> {
    let failed = |source| ForecastError::Model {
        label: series.label.clone(),
        source,
    };
    let periods = granularity.periods();
    let predicted = model::predict(history, periods, horizon).map_err(failed)?;
    let points = (0..horizon)
        .map(|i| ForecastPoint {
            period: period_label(first, granularity, i),
            value: round2(predicted.point[i]),
            lo80: round2(predicted.lo80.get(i).copied().unwrap_or(0.0)),
            hi80: round2(predicted.hi80.get(i).copied().unwrap_or(0.0)),
            lo95: round2(predicted.lo95.get(i).copied().unwrap_or(0.0)),
            hi95: round2(predicted.hi95.get(i).copied().unwrap_or(0.0)),
        })
        .collect();
    Ok(SeriesForecast {
        key: series.key.clone(),
        label: series.label.clone(),
        history_total: history.iter().sum(),
        points,
        backtest: backtest::backtest(history, periods, horizon).map_err(failed)?,
    })
}

/// The label of slot `i` after `first`'s start.
pub fn period_label(first: NaiveDate, granularity: Granularity, i: usize) -> String {
    let per_day = granularity.slots_per_day();
    let day = first
        .checked_add_days(Days::new((i / per_day) as u64))
        .unwrap_or(first);
    match granularity {
        Granularity::Day => day.to_string(),
        Granularity::Hour => format!("{day}T{:02}:00", i % per_day),
    }
}

/// Counts to the hundredth: enough for a forecast, and stable to print.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
