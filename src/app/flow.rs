//! The Operations screen's flow reports: the backlog over time with its stuck tickets,
//! and the time in status with the handoffs, over the status history.

use super::limits::check_query;
use super::{AppError, Session};
use crate::analytics::flow::report::{backlog_report, flow_report, BacklogReport, FlowReport};
use crate::analytics::KpiRequest;

/// Days without a change after which an unsolved ticket is listed as stuck, unless
/// asked otherwise.
pub const STUCK_DAYS: u32 = 7;

impl Session {
    /// The backlog over the request's range and buckets (by its `by`, as tickets had it
    /// then), and the tickets with no change for `stuck_days` at its end.
    pub fn backlog_report(
        &self,
        request: KpiRequest,
        stuck_days: u32,
    ) -> Result<BacklogReport, AppError> {
        check_query(&request)?;
        let (frame, history, query) =
            self.history_and(|today| Ok(request.resolve(today.date, today.tz)?))?;
        Ok(backlog_report(
            &frame,
            &history,
            &query,
            self.now(),
            stuck_days,
        )?)
    }

    /// The time in status in the request's range (by group or assignee) and the
    /// handoffs of the tickets solved in it.
    pub fn flow_report(&self, request: KpiRequest) -> Result<FlowReport, AppError> {
        check_query(&request)?;
        let (frame, history, query) =
            self.history_and(|today| Ok(request.resolve(today.date, today.tz)?))?;
        Ok(flow_report(&frame, &history, &query, self.now())?)
    }
}
