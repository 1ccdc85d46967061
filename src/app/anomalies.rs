//! The Operations screen's "what changed" list.

use super::limits::check_query;
use super::{AppError, Session};
use crate::analytics::anomalies::report::{anomalies, AnomalyReport};
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::KpiRequest;
use crate::feedback::anomalies::{theme_report, ThemeAnomalyReport};

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

    /// The feedback themes whose share moved in the request's days (or weeks): a
    /// feedback analysis of the period and its look-back, so slower than `anomalies` and
    /// asked for on its own.
    pub fn theme_anomalies(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
    ) -> Result<ThemeAnomalyReport, AppError> {
        check_query(&request)?;
        let (frame, query) = self.frame_and(|today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        let workspace = self.own_connection()?;
        Ok(theme_report(workspace.store(), &frame, &query)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::demo;

    #[test]
    fn theme_shares_are_judged_by_week_over_half_a_year_or_said_why_not() {
        let (_dir, session) = demo();
        let request = KpiRequest {
            every: Some("week".into()),
            ..KpiRequest::default()
        };
        let report = session
            .theme_anomalies(Some(&PeriodPreset::Last30Days), request)
            .unwrap();
        let (from, fitted) = (&report.range.from, &report.fitted_from);
        let days = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        assert_eq!((days(from) - days(fitted)).num_days(), 182);
        assert!(report.not_scored.iter().all(|n| !n.reason.is_empty()));
        assert!(report.anomalies.iter().all(|a| a.period >= *from));
        let daily = session.theme_anomalies(
            Some(&PeriodPreset::Last30Days),
            KpiRequest {
                every: Some("month".into()),
                ..KpiRequest::default()
            },
        );
        assert!(daily.is_err(), "months are too coarse to judge");
    }
}
