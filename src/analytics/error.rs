//! Errors of the analytics layer: bad queries get a one-line message that lists what
//! is valid; engine failures keep their source. Every part of the layer returns these,
//! so this module uses none of them: a variant carries the words its message needs.

use chrono::NaiveDate;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    #[error("unknown KPI {name:?}; valid KPIs: {valid}")]
    UnknownKpi { name: String, valid: String },
    #[error("unknown dimension {name:?}; valid dimensions: {valid}")]
    UnknownDimension { name: String, valid: String },
    #[error("unknown custom field field:{id}; valid: {valid}")]
    UnknownField { id: i64, valid: String },
    #[error("no source is named {name:?}; this workspace's sources: {valid}")]
    UnknownSource { name: String, valid: String },
    #[error("unknown sort column {name:?}; valid: {valid}")]
    UnknownSort { name: String, valid: String },
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
        side = if date < limit { "before" } else { "after" },
        which = if date < limit { "earliest" } else { "latest" },
    )]
    DateOutOfRange {
        role: &'static str,
        date: NaiveDate,
        /// The supported span's end that `date` lies beyond.
        limit: NaiveDate,
    },
    #[error(
        "{size} is {cells} cells, more than the {max} one query may compute; \
         use weekly or monthly buckets, a shorter range, or filters for fewer {plural}"
    )]
    TooManyCells {
        size: String,
        cells: String,
        max: String,
        plural: String,
    },
    #[error("the start date {from} is after the end date {to}")]
    RangeReversed { from: NaiveDate, to: NaiveDate },
    #[error("a start date and an end date go together: give both or neither")]
    HalfRange,
    #[error("invalid filter {0:?}; use DIM=VALUE, e.g. channel=email or group=360000000001")]
    InvalidFilter(String),
    #[error(
        "{dimension} takes an id (a whole number), not {value:?}; the ids are the keys of a breakdown by {dimension}"
    )]
    NotAnId { dimension: String, value: String },
    #[error("{kpi} cannot be split by {dimension}: a ticket can carry several; valid: {valid}")]
    UnsplittableFlow {
        kpi: &'static str,
        dimension: String,
        valid: &'static str,
    },
    #[error("unknown status {0:?} for the time in status; valid: new, open, pending, hold")]
    UnknownFlowStatus(String),
    #[error("the analytics engine failed")]
    Engine(#[from] polars::error::PolarsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
