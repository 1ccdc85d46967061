//! The Operations screen's "what changed" list.

use super::limits::check_query;
use super::{AppError, Session};
use crate::analytics::anomalies::report::{anomalies, AnomalyReport};
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::KpiRequest;

impl Session {
    /// The days (or weeks) of the request's range where its KPIs (volume and the headline
    /// KPIs by default), in total and per group of its `by`, moved beyond their pattern.
    pub fn anomalies(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
    ) -> Result<AnomalyReport, AppError> {
        check_query(&request)?;
        let (frame, query) = self.frame_and(|today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        Ok(anomalies(&frame, &query)?)
    }
}
