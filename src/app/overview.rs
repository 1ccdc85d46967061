//! The Overview: every KPI over a period against its target, and the charts drawn from
//! the same numbers, each with its context for export.

use serde::Serialize;
use ts_rs::TS;

use super::{context, AppError, Session};
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
            let as_of = context::last_sync(&open.workspace)?;
            Ok(OverviewScreen {
                charts: context::with_context(overview_charts(&overview), &overview, as_of),
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
        let mut drawn = screen.charts.clone();
        let charts = [
            &mut drawn.volume,
            &mut drawn.first_reply,
            &mut drawn.resolution,
            &mut drawn.csat,
            &mut drawn.sla,
            &mut drawn.arrivals,
        ];
        for chart in charts {
            assert!(
                chart.context.take().is_some(),
                "{} states its context",
                chart.title
            );
        }
        assert_eq!(drawn, overview_charts(&screen.overview), "the same numbers");
        let context = screen
            .charts
            .csat
            .context
            .expect("the chart states its context");
        assert_eq!(context.to, yesterday.to_string());
        assert_eq!(context.as_of, Some(crate::app::testing::noon()));
        assert!(screen.charts.volume.context.is_some_and(|c| c.n.is_some()));
        let bad = OverviewRequest {
            period: PeriodPreset::Last7Days,
            tz: Some("Mars/Olympus".into()),
        };
        assert!(refused(session.overview(&bad)).contains("unknown time zone"));
    }
}
