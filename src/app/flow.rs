//! The Operations screen's flow reports: the backlog over time with its stuck tickets,
//! and the time in status with the handoffs, over the status history, each with its
//! charts.

use serde::Serialize;
use ts_rs::TS;

use super::limits::check_query;
use super::{AppError, Session};
use crate::analytics::flow::report::{backlog_report, flow_report, BacklogReport, FlowReport};
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::KpiRequest;
use crate::charts::{backlog_charts, flow_charts, BacklogCharts, FlowCharts};

/// Days without a change after which an unsolved ticket is listed as stuck, unless
/// asked otherwise.
pub const STUCK_DAYS: u32 = 7;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BacklogScreen {
    pub report: BacklogReport,
    pub charts: BacklogCharts,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FlowScreen {
    pub report: FlowReport,
    pub charts: FlowCharts,
}

impl Session {
    /// The backlog over the request's range and buckets (by its `by`, as tickets had it
    /// then), and the tickets with no change for `stuck_days` at its end. `period`, when
    /// given, sets the range.
    pub fn backlog(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
        stuck_days: u32,
    ) -> Result<BacklogScreen, AppError> {
        check_query(&request)?;
        let (frame, history, query) = self.history_and(|today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        let report = backlog_report(&frame, &history, &query, self.now(), stuck_days)?;
        Ok(BacklogScreen {
            charts: backlog_charts(&report),
            report,
        })
    }

    /// The time in status in the request's range (by group or assignee) and the
    /// handoffs of the tickets solved in it.
    pub fn flow(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
    ) -> Result<FlowScreen, AppError> {
        check_query(&request)?;
        let (frame, history, query) = self.history_and(|today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        let report = flow_report(&frame, &history, &query, self.now())?;
        Ok(FlowScreen {
            charts: flow_charts(&report),
            report,
        })
    }
}
