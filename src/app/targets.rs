//! The workspace's KPI targets, shown on the Overview's cards.

use super::{AppError, Session};
use crate::analytics::engine::kpi::KpiId;
use crate::analytics::targets::{self, Target};

impl Session {
    pub fn targets(&self) -> Result<Vec<Target>, AppError> {
        self.with_open(|open| Ok(targets::load(open.workspace.store())?))
    }

    /// Sets a KPI's target: a count, minutes for durations, a share (0.9) for rates.
    pub fn set_target(&self, kpi: &str, value: f64) -> Result<(), AppError> {
        let kpi = KpiId::parse(kpi)?;
        let target = Target::new(kpi, value)?;
        self.with_open(|open| Ok(targets::set(open.workspace.store_mut(), kpi, Some(target))?))
    }

    pub fn clear_target(&self, kpi: &str) -> Result<(), AppError> {
        let kpi = KpiId::parse(kpi)?;
        self.with_open(|open| Ok(targets::set(open.workspace.store_mut(), kpi, None)?))
    }
}

#[cfg(test)]
mod tests {
    use crate::app::testing::{demo, refused};

    #[test]
    fn targets_are_set_replaced_and_cleared() {
        let (_dir, session) = demo();
        session.set_target("csat", 0.9).unwrap();
        session.set_target("csat", 0.8).unwrap();
        session.set_target("first_reply_time", 60.0).unwrap();
        let names: Vec<_> = session
            .targets()
            .unwrap()
            .iter()
            .map(|t| (t.kpi.name(), t.value))
            .collect();
        assert!(names.contains(&("csat", 0.8)) && names.contains(&("first_reply_time", 60.0)));
        session.clear_target("csat").unwrap();
        assert!(session
            .targets()
            .unwrap()
            .iter()
            .all(|t| t.kpi.name() != "csat"));
        assert!(refused(session.set_target("csat", 2.0)).contains("csat"));
        assert!(refused(session.set_target("nps", 1.0)).contains("valid KPIs"));
    }
}
