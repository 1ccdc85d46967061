//! Per-KPI targets stored in the workspace (e.g. first reply median ≤ 60 min, CSAT ≥ 0.9)
//! and whether a value meets them: met, near (within a small band on the wrong side) or
//! missed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::kpi::{KpiId, Measure};
use crate::analytics::AnalyticsError;
use crate::store::Store;

/// The settings key holding the targets as JSON.
const SETTING: &str = "kpi_targets";

/// A goal for one KPI's headline number (a count, a median in minutes, or a share).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Target {
    pub kpi: KpiId,
    pub goal: Goal,
    pub value: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    AtLeast,
    AtMost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Met,
    Near,
    Missed,
}

/// Shares are near within 5 percentage points; other values within 10% of the target.
const NEAR_SHARE_POINTS: f64 = 0.05;
const NEAR_RELATIVE: f64 = 0.10;

impl Target {
    /// A target in the KPI's good direction (at least for CSAT, at most for reply time).
    pub fn new(kpi: KpiId, value: f64) -> Result<Target, AnalyticsError> {
        let goal = if kpi.def().higher_is_better {
            Goal::AtLeast
        } else {
            Goal::AtMost
        };
        let target = Target { kpi, goal, value };
        target.validate()?;
        Ok(target)
    }

    fn is_share(&self) -> bool {
        !matches!(
            self.kpi.def().measure,
            Measure::Count | Measure::Duration(_) | Measure::MeanReplies
        )
    }

    fn validate(&self) -> Result<(), AnalyticsError> {
        let max = if self.is_share() { 1.0 } else { f64::MAX };
        if self.value.is_finite() && (0.0..=max).contains(&self.value) {
            Ok(())
        } else {
            Err(AnalyticsError::InvalidTarget {
                kpi: self.kpi.name(),
                value: self.value,
                range: if self.is_share() {
                    "a share from 0 to 1 (0.9 = 90%)"
                } else {
                    "a number of 0 or more (durations in minutes)"
                },
            })
        }
    }

    /// The status of a headline value; none when there is no value.
    pub fn status(&self, headline: Option<f64>) -> Option<TargetStatus> {
        let value = headline?;
        let band = if self.is_share() {
            NEAR_SHARE_POINTS
        } else {
            NEAR_RELATIVE * self.value.abs()
        };
        let short_by = match self.goal {
            Goal::AtLeast => self.value - value,
            Goal::AtMost => value - self.value,
        };
        Some(if short_by <= 0.0 {
            TargetStatus::Met
        } else if short_by <= band {
            TargetStatus::Near
        } else {
            TargetStatus::Missed
        })
    }
}

/// The workspace's targets, in catalogue order; none when never set.
pub fn load(store: &Store) -> Result<Vec<Target>, AnalyticsError> {
    let Some(json) = store.setting(SETTING)? else {
        return Ok(Vec::new());
    };
    // A damaged setting must not lock the user out of the app: it reads as no targets.
    let mut targets: Vec<Target> = serde_json::from_str(&json).unwrap_or_default();
    targets.retain(|t| t.validate().is_ok());
    targets.sort_by_key(|t| t.kpi);
    Ok(targets)
}

/// Sets (or with `None` clears) the target of one KPI.
pub fn set(store: &mut Store, kpi: KpiId, target: Option<Target>) -> Result<(), AnalyticsError> {
    let mut targets = load(store)?;
    targets.retain(|t| t.kpi != kpi);
    if let Some(target) = target {
        target.validate()?;
        targets.push(target);
    }
    targets.sort_by_key(|t| t.kpi);
    // Validated targets are ids and finite numbers: serialising them cannot fail.
    let json = serde_json::to_string(&targets).expect("targets serialise");
    let w = store.write()?;
    w.set_setting(SETTING, &json)?;
    w.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn met_near_and_missed_in_both_directions() {
        let reply = Target::new(KpiId::FirstReplyTime, 60.0).unwrap();
        assert_eq!(reply.goal, Goal::AtMost);
        assert_eq!(reply.status(Some(45.0)), Some(TargetStatus::Met));
        assert_eq!(reply.status(Some(60.0)), Some(TargetStatus::Met));
        assert_eq!(reply.status(Some(66.0)), Some(TargetStatus::Near));
        assert_eq!(reply.status(Some(66.1)), Some(TargetStatus::Missed));
        assert_eq!(reply.status(None), None);
        let csat = Target::new(KpiId::Csat, 0.9).unwrap();
        assert_eq!(csat.goal, Goal::AtLeast);
        assert_eq!(csat.status(Some(0.93)), Some(TargetStatus::Met));
        assert_eq!(csat.status(Some(0.86)), Some(TargetStatus::Near));
        assert_eq!(csat.status(Some(0.84)), Some(TargetStatus::Missed));
    }

    #[test]
    fn impossible_targets_are_refused() {
        assert!(Target::new(KpiId::Csat, 90.0)
            .unwrap_err()
            .to_string()
            .contains("0.9 = 90%"));
        assert!(Target::new(KpiId::FirstReplyTime, -1.0).is_err());
        assert!(Target::new(KpiId::FirstReplyTime, f64::NAN).is_err());
    }

    #[test]
    fn targets_are_stored_in_the_workspace() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(load(&store).unwrap().is_empty());
        let csat = Target::new(KpiId::Csat, 0.9).unwrap();
        let reply = Target::new(KpiId::FirstReplyTime, 60.0).unwrap();
        set(&mut store, KpiId::Csat, Some(csat)).unwrap();
        set(&mut store, KpiId::FirstReplyTime, Some(reply)).unwrap();
        assert_eq!(load(&store).unwrap(), [reply, csat]);
        set(&mut store, KpiId::Csat, None).unwrap();
        assert_eq!(load(&store).unwrap(), [reply]);
    }
}
