//! Arrivals: tickets created per local day or per local wall-clock hour, from the
//! frame, for all tickets or one series per channel or group. Every series starts on
//! the local day of the first ticket in scope and ends with a given last day, so the
//! series line up slot for slot.
//!
//! Days are local calendar days, so a DST change gives a 23- or 25-hour day. Hours are
//! wall-clock hours, 24 a day: the hour a spring change skips has no tickets, and the
//! hour an autumn change repeats counts both of its hours.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use polars::prelude::*;

use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::Frame;
use crate::analytics::query::filter::Filters;
use crate::analytics::views::heatmap::OffsetCache;
use crate::analytics::AnalyticsError;

use super::Granularity;

/// The arrivals of each series, slot by slot from `first_day`'s first slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrivals {
    pub first_day: NaiveDate,
    pub series: Vec<ArrivalsSeries>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArrivalsSeries {
    /// The dimension's key (`None`: all tickets, or tickets without a value).
    pub key: Option<String>,
    pub label: String,
    pub counts: Vec<f64>,
}

/// What to count: the slot size, the series split and the last day counted.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub granularity: Granularity,
    pub by: Option<Dimension>,
    pub filters: &'a Filters,
    pub until: NaiveDate,
    pub tz: Tz,
}

/// Counts the tickets in scope created up to the end of `scope.until`; `None` when
/// none was created by then. Series are ordered by their total, largest first.
pub fn arrivals(frame: &Frame, scope: Scope<'_>) -> Result<Option<Arrivals>, AnalyticsError> {
    let key = match scope.by {
        Some(dim) => col(dim.column()).cast(DataType::String).alias("key"),
        None => lit(NULL).cast(DataType::String).alias("key"),
    };
    let mut rows = frame.tickets.clone().lazy();
    if let Some(predicate) = scope.filters.predicate(frame)? {
        rows = rows.filter(predicate);
    }
    let rows = rows.select([col("created_at"), key]).collect()?;
    let created = rows.column("created_at")?.i64()?;
    let keys = rows.column("key")?.str()?;
    let mut offsets = OffsetCache::new(scope.tz);
    let local_days: Vec<Option<(i64, i64)>> = created
        .iter()
        .map(|ts| ts.map(|ts| local_day_and_hour(ts + offsets.at(ts))))
        .collect();
    let Some(first) = local_days.iter().flatten().map(|(day, _)| *day).min() else {
        return Ok(None);
    };
    let first_day = epoch_day_date(first);
    if first_day > scope.until {
        return Ok(None);
    }
    let days = (scope.until - first_day).num_days() + 1;
    let per_day = scope.granularity.slots_per_day() as i64;
    let slots = (days * per_day) as usize;
    let mut index: HashMap<Option<&str>, usize> = HashMap::new();
    let mut series: Vec<(Option<&str>, Vec<f64>)> = Vec::new();
    for (moment, key) in local_days.iter().zip(keys.iter()) {
        let Some((day, hour)) = moment else { continue };
        let slot = (day - first) * per_day + if per_day == 1 { 0 } else { *hour };
        if slot < 0 || slot >= slots as i64 {
            continue;
        }
        let at = *index.entry(key).or_insert_with(|| {
            series.push((key, vec![0.0; slots]));
            series.len() - 1
        });
        series[at].1[slot as usize] += 1.0;
    }
    let mut series: Vec<ArrivalsSeries> = series
        .into_iter()
        .map(|(key, counts)| ArrivalsSeries {
            key: key.map(str::to_owned),
            label: match scope.by {
                Some(dim) => dim.label(key, &frame.labels),
                None => "All tickets".to_owned(),
            },
            counts,
        })
        .collect();
    series.sort_by(|a, b| {
        total(b)
            .total_cmp(&total(a))
            .then_with(|| a.key.cmp(&b.key))
    });
    Ok(Some(Arrivals { first_day, series }))
}

/// A series' sum.
pub fn total(series: &ArrivalsSeries) -> f64 {
    series.counts.iter().sum()
}

/// The day (since 1970-01-01) and hour of a local time in seconds.
fn local_day_and_hour(local: i64) -> (i64, i64) {
    (local.div_euclid(86_400), local.rem_euclid(86_400) / 3_600)
}

/// The date of a day counted since 1970-01-01 (any count a ticket time gives is a date).
fn epoch_day_date(day: i64) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    match u64::try_from(day) {
        Ok(ahead) => epoch.checked_add_days(Days::new(ahead)),
        Err(_) => epoch.checked_sub_days(Days::new(day.unsigned_abs())),
    }
    .unwrap_or(epoch)
}
