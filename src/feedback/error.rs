//! Errors of feedback analysis: bad options get a one-line message that lists what is
//! valid; store and engine failures keep their source.

use crate::analytics::AnalyticsError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    #[error("unknown language {0:?}; valid: en, ko, ru")]
    UnknownLang(String),
    #[error("unknown source {0:?}; valid: csat (rating comments), tickets (subjects and first messages), all")]
    UnknownSource(String),
    #[error(transparent)]
    Analytics(#[from] AnalyticsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<polars::error::PolarsError> for FeedbackError {
    fn from(err: polars::error::PolarsError) -> FeedbackError {
        FeedbackError::Analytics(AnalyticsError::Engine(err))
    }
}
