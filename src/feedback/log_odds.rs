//! (in progress)
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TermOdds {
    pub term: String,
    pub delta: f64,
    pub z: f64,
    pub count_a: u64,
    pub count_b: u64,
}
pub fn log_odds(
    _a: &HashMap<String, u64>,
    _b: &HashMap<String, u64>,
    _prior: &HashMap<String, u64>,
    _alpha0: f64,
) -> Vec<TermOdds> {
    Vec::new()
}
