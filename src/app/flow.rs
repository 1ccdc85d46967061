//! The Operations screen's flow reports: the backlog over time with its stuck tickets,
//! and the time in status with the handoffs, over the status history, each with its
//! charts, which state their context (period, zone, filters, n, data as of) as Explore's
//! do, so an exported one still says what it shows.

use serde::Serialize;
use ts_rs::TS;

use super::limits::check_query;
use super::{AppError, Session};
use crate::analytics::engine::kpi::Hours;
use crate::analytics::flow::report::{backlog_report, flow_report, BacklogReport, FlowReport};
use crate::analytics::flow::AgeFrom;
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::KpiRequest;
use crate::charts::{backlog_charts, flow_charts, BacklogCharts, ChartContext, FlowCharts};

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
    /// then) by age band, each ticket's age counted as `age_from` says, and the tickets
    /// with no change for `stuck_days` at its end. `period`, when given, sets the range.
    pub fn backlog(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
        stuck_days: u32,
        age_from: AgeFrom,
    ) -> Result<BacklogScreen, AppError> {
        check_query(&request)?;
        let with_replies = age_from == AgeFrom::LastReply;
        let (frame, history, replies, query) = self.history_replies_and(with_replies, |today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        let report = backlog_report(
            &frame,
            &history,
            replies.as_deref(),
            &query,
            self.now(),
            stuck_days,
        )?;
        // n: the backlog at the period's end, the last bar.
        let at_end = report.series.last().map_or(0, |point| point.total);
        let context = ChartContext::of_range(
            None,
            &report.range,
            &report.filters,
            &frame.labels,
            at_end,
            self.data_as_of()?,
        );
        let mut charts = backlog_charts(&report);
        charts.by_age.context = Some(context.clone());
        if let Some(by_group) = &mut charts.by_group {
            by_group.context = Some(context);
        }
        Ok(BacklogScreen { charts, report })
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
        // n: the tickets solved in the period, whose handoffs are counted.
        let context = ChartContext::of_range(
            None,
            &report.range,
            &report.filters,
            &frame.labels,
            report.handoffs.n,
            self.data_as_of()?,
        );
        let mut charts = flow_charts(&report);
        // The medians are calendar minutes over tickets of several statuses and owners:
        // no one population to state.
        charts.time_in_status.context = Some(ChartContext {
            hours: Some(Hours::Calendar),
            n: None,
            ..context.clone()
        });
        charts.transfers.context = Some(context);
        Ok(FlowScreen { charts, report })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::export::ExportSource;
    use crate::app::testing::demo;
    use crate::charts::ChartSpec;
    use crate::export::ExportFormat;

    #[test]
    fn every_operations_chart_exports_with_its_period_and_zone() {
        let (dir, session) = demo();
        let period = Some(&PeriodPreset::Last30Days);
        let request = || KpiRequest {
            by: Some("group".into()),
            ..KpiRequest::default()
        };
        let backlog = session
            .backlog(period, request(), STUCK_DAYS, AgeFrom::Created)
            .unwrap();
        let since_reply = session
            .backlog(period, request(), STUCK_DAYS, AgeFrom::LastReply)
            .unwrap();
        assert_eq!(since_reply.report.bands.len(), 6, "with the no-reply band");
        for (a, b) in backlog.report.series.iter().zip(&since_reply.report.series) {
            assert_eq!(a.total, b.total, "one backlog, two ways to age it");
            assert_eq!(b.by_age.iter().sum::<u64>(), b.total);
        }
        let flow = session.flow(period, request()).unwrap();
        let by_group = backlog.charts.by_group.expect("a breakdown was asked for");
        let range = &backlog.report.range;
        let charts: [(&str, ChartSpec); 5] = [
            ("backlog", backlog.charts.by_age),
            ("backlog_since_reply", since_reply.charts.by_age),
            ("backlog_by", by_group),
            ("time", flow.charts.time_in_status),
            ("transfers", flow.charts.transfers),
        ];
        for (name, spec) in charts {
            let context = spec.context.clone().expect("the chart states its context");
            assert_eq!((&context.from, &context.to), (&range.from, &range.to));
            let out = dir.path().join(format!("{name}.csv"));
            let what = ExportSource::Chart {
                spec: Box::new(spec),
                locale: None,
            };
            session
                .export(
                    what,
                    ExportFormat::Csv,
                    || Ok::<_, AppError>(Some(out.clone())),
                    &mut |_| {},
                )
                .unwrap()
                .expect("not cancelled");
            let header = std::fs::read_to_string(&out).unwrap();
            assert!(header.contains("# Period: "), "{name}: {header}");
            assert!(
                header.contains(&format!("# Time zone: {}", range.tz)),
                "{name}: {header}"
            );
        }
        assert_eq!(
            flow.report.range, *range,
            "both reports cover the same period"
        );
    }
}
