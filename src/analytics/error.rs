//! Errors of the analytics layer: bad queries get a one-line message that lists what
//! is valid; engine failures keep their source.

use chrono::NaiveDate;

use crate::store::StoreError;

use super::engine::kpi::KpiId;
use super::frame::dimension::Dimension;
use super::query::{range, size};
use super::views::drill::SortColumn;

#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    #[error("unknown KPI {0:?}; valid KPIs: {valid}", valid = KpiId::valid_list())]
    UnknownKpi(String),
    #[error("unknown dimension {0:?}; valid dimensions: {valid}", valid = Dimension::valid_list())]
    UnknownDimension(String),
    #[error("unknown custom field field:{id}; valid: {valid}")]
    UnknownField { id: i64, valid: String },
    #[error("unknown sort column {0:?}; valid: {valid}", valid = SortColumn::valid_list())]
    UnknownSort(String),
    #[error("no period {0:?} in this query; periods are the bucket labels, YYYY-MM-DD")]
    UnknownPeriod(String),
    #[error("a target for {kpi} must be {range}, not {value}")]
    InvalidTarget {
        kpi: &'static str,
        value: f64,
        range: &'static str,
    },
    #[error("unknown table rows {0:?}; valid: assignee, group")]
    UnknownPeopleBy(String),
    #[error("unknown bucket {0:?}; valid: day, week, month")]
    UnknownEvery(String),
    #[error("unknown hours {0:?}; valid: calendar, business")]
    UnknownHours(String),
    #[error(
        "unknown time zone {0:?}; use an IANA name such as Europe/Berlin, America/New_York or UTC"
    )]
    UnknownTimeZone(String),
    #[error("invalid date {0:?}; use YYYY-MM-DD, e.g. 2025-01-31")]
    InvalidDate(String),
    #[error(
        "the {role} {date} is {side} {limit}, the {which} supported date",
        role = role.name(),
        side = if *date < range::EARLIEST { "before" } else { "after" },
        limit = if *date < range::EARLIEST { range::EARLIEST } else { range::LATEST },
        which = if *date < range::EARLIEST { "earliest" } else { "latest" },
    )]
    DateOutOfRange {
        role: range::DateRole,
        date: NaiveDate,
    },
    #[error(
        "{size} is {cells} cells, more than the {max} one query may compute; \
         use weekly or monthly buckets, a shorter range, or filters for fewer {plural}",
        size = size::describe(*buckets, *every, *groups, *by),
        cells = size::count_words(buckets.saturating_mul(*groups)),
        max = size::count_words(*max),
        plural = size::plural(*by),
    )]
    TooManyCells {
        buckets: usize,
        every: Option<range::Every>,
        groups: usize,
        by: Dimension,
        max: usize,
    },
    #[error("--from {from} is after --to {to}")]
    RangeReversed { from: NaiveDate, to: NaiveDate },
    #[error("--from and --to go together: give both or neither")]
    HalfRange,
    #[error("invalid filter {0:?}; use DIM=VALUE, e.g. channel=email or group=360000000001")]
    InvalidFilter(String),
    #[error(
        "{dimension} takes an id (a whole number), not {value:?}; list them with --by {dimension}"
    )]
    NotAnId { dimension: String, value: String },
    #[error("the analytics engine failed")]
    Engine(#[from] polars::error::PolarsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
