//! The Overview: every KPI over a period against its target, and the charts drawn from
//! the same numbers.

use serde::Serialize;
use ts_rs::TS;

use super::{AppError, Session};
use crate::analytics::targets;
use crate::analytics::views::overview::{self, Overview, OverviewRequest};
use crate::charts::{overview_charts, OverviewCharts};

/// The Overview screen: its cards and the charts drawn from the same numbers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OverviewScreen {
    #[serde(flatten)]
    pub overview: Overview,
    pub charts: OverviewCharts,
}

impl Session {
    pub fn overview(&self, request: &OverviewRequest) -> Result<OverviewScreen, AppError> {
        // Under the lock: the targets come from the workspace's database.
        self.with_open(|open| {
            let today = self.today_of(&open.workspace)?;
            let targets = targets::load(open.workspace.store())?;
            let frame = self.frame_of(open)?;
            let overview = overview::overview(&frame, request, today.date, today.tz, &targets)?;
            Ok(OverviewScreen {
                charts: overview_charts(&overview),
                overview,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::views::overview::PeriodPreset;
    use crate::app::testing::{demo, refused};

    #[test]
    fn the_overview_covers_the_period_with_charts_from_the_same_numbers() {
        let (_dir, session) = demo();
        let request = OverviewRequest {
            period: PeriodPreset::Last30Days,
            tz: None,
        };
        let screen = session.overview(&request).unwrap();
        let yesterday = session.today().unwrap().date.pred_opt().unwrap();
        assert_eq!(screen.overview.range.to, yesterday.to_string());
        assert_eq!(screen.charts, overview_charts(&screen.overview));
        let bad = OverviewRequest {
            period: PeriodPreset::Last7Days,
            tz: Some("Mars/Olympus".into()),
        };
        assert!(refused(session.overview(&bad)).contains("unknown time zone"));
    }
}
