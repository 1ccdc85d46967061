//! (in progress)
use serde::Serialize;
use ts_rs::TS;
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ProportionDiff {
    pub diff: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub z: f64,
    pub p_value: f64,
}
pub fn proportion_diff(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<ProportionDiff> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let d = x1 as f64 / n1 as f64 - x2 as f64 / n2 as f64;
    Some(ProportionDiff {
        diff: d,
        ci_low: d,
        ci_high: d,
        z: 0.0,
        p_value: 1.0,
    })
}
pub fn two_sided_p(_z: f64) -> f64 {
    1.0
}
