//! What every connector's conversion shares: the error of one record that is reported
//! and skipped, and reading the APIs' ISO 8601 times.

use chrono::DateTime;

/// Why one record was not stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

/// An optional ISO 8601 time as unix seconds; empty is none.
pub(crate) fn timestamp(field: &str, value: &Option<String>) -> Result<Option<i64>, Invalid> {
    match value.as_deref() {
        None | Some("") => Ok(None),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| Some(t.timestamp()))
            .map_err(|_| Invalid(format!("{field} {text:?} is not an ISO 8601 time"))),
    }
}

pub(crate) fn required_time(field: &str, value: &Option<String>) -> Result<i64, Invalid> {
    timestamp(field, value)?.ok_or_else(|| Invalid(format!("{field} is missing")))
}
