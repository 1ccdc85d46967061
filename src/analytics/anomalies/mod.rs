//! "What changed": the days or weeks of a period where ticket volume or a KPI, in total
//! or for one channel or group, moved beyond what its own pattern predicts.

pub mod detect;
pub mod report;
