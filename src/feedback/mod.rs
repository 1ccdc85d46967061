//! Feedback analysis: what customers write about, how much, whether it grows and what it
//! costs in CSAT, in English, Korean and Russian. Offline: every model, list and
//! stemmer ships in the binary.

pub mod duplicates;
pub mod kb;
pub mod log_odds;
pub mod sentiment;
pub mod stats;
pub mod text;
