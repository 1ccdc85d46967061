//! Feedback analysis: what customers write about, how much, whether it grows and what it
//! costs in CSAT, in English, Korean and Russian. Offline: every model, list and
//! stemmer ships in the binary.

pub mod anomalies;
mod build_themes;
mod corpus;
mod drivers;
pub mod duplicates;
mod emerging;
mod error;
pub mod kb;
mod kb_gaps;
mod kb_synonyms;
pub mod log_odds;
mod repeats;
pub mod report;
mod request;
mod run;
pub mod sentiment;
pub mod stats;
pub mod text;
pub mod theme_edits;
pub mod theme_names;
pub mod themes;
pub mod vectors;

pub use error::FeedbackError;
pub use report::FeedbackReport;
pub use request::{FeedbackQuery, FeedbackRequest};
pub use run::run;
