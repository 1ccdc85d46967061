//! The Operations screen's flow reports: the backlog over time with its stuck tickets,
//! and the time in status with the handoffs, over the status history, each with its
//! charts, which state their context (period, zone, filters, n, data as of) as Explore's
//! do, so an exported one still says what it shows.

use serde::Serialize;
use ts_rs::TS;

use super::limits::{check_query, check_text};
use super::{AppError, Session};
use crate::analytics::engine::kpi::Hours;
use crate::analytics::flow::report::{backlog_report, flow_report, BacklogReport, FlowReport};
use crate::analytics::flow::tickets::{flow_tickets, FlowTickets};
use crate::analytics::flow::AgeFrom;
use crate::analytics::flow::SourceCalendars;
use crate::analytics::query::range::RangeEcho;
use crate::analytics::query::KpiQuery;
use crate::analytics::views::drill::{self, ListOrder, TicketList};
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::{Frame, KpiRequest};
use crate::charts::{backlog_charts, flow_charts, BacklogCharts, ChartContext, FlowCharts};
use crate::store::TicketKey;

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

    /// The time in status in the request's range (by group or assignee), in business
    /// minutes too on each source's stored schedule, and the handoffs of the tickets
    /// solved in it.
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
        let calendars =
            self.with_open(|open| Ok(SourceCalendars::read(open.workspace.store())?))?;
        let report = flow_report(&frame, &history, &query, self.now(), &calendars)?;
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

/// The order of a flow figure's ticket list, its texts checked.
pub fn flow_list_order(
    what: &FlowTickets,
    sort: Option<&str>,
    offset: usize,
    limit: Option<usize>,
    search: Option<&str>,
) -> Result<ListOrder, AppError> {
    (what.texts().into_iter())
        .chain(sort)
        .chain(search)
        .try_for_each(check_text)?;
    Ok(ListOrder::parse(sort, offset, limit, search)?)
}

/// The tickets behind one figure of the flow reports, and what they were found with.
pub struct FlowTicketKeys {
    pub frame: std::sync::Arc<Frame>,
    pub query: KpiQuery,
    pub keys: Vec<TicketKey>,
}

impl Session {
    /// One page of the tickets behind a backlog bar, a time-in-status row or a transfer
    /// pair of the reports of `request` (with `period` setting its range, as `backlog`
    /// and `flow` do), sorted, searched and paged as a number's ticket list is.
    pub fn flow_tickets(
        &self,
        period: Option<&PeriodPreset>,
        request: KpiRequest,
        what: &FlowTickets,
        order: &ListOrder,
    ) -> Result<TicketList, AppError> {
        let found = self.flow_ticket_keys(period, request, what)?;
        // Under the lock: ticket subjects come from the workspace's database.
        self.with_open(|open| {
            let store = open.workspace.store();
            Ok(drill::tickets_of(
                &found.frame,
                store,
                &found.keys,
                Hours::Calendar,
                order,
            )?)
        })
    }

    /// The tickets behind a flow figure, from the frame and history the reports read.
    pub fn flow_ticket_keys(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
        what: &FlowTickets,
    ) -> Result<FlowTicketKeys, AppError> {
        check_query(&request)?;
        what.texts().into_iter().try_for_each(check_text)?;
        let (frame, history, replies, query) =
            self.history_replies_and(what.needs_replies(), |today| {
                today.apply(period, &mut request.from, &mut request.to)?;
                Ok(request.resolve(today.date, today.tz)?)
            })?;
        let keys = flow_tickets(
            &frame,
            &history,
            replies.as_deref(),
            &query,
            self.now(),
            what,
        )?;
        Ok(FlowTicketKeys { frame, query, keys })
    }

    /// What an export of a flow figure's tickets states: the report's period, zone and
    /// filters, and the tickets listed.
    pub fn flow_tickets_context(
        &self,
        found: &FlowTicketKeys,
        n: u64,
    ) -> Result<ChartContext, AppError> {
        Ok(ChartContext::of_range(
            None,
            &RangeEcho::of(&found.query.range),
            &found.query.filters.echo(),
            &found.frame.labels,
            n,
            self.data_as_of()?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::flow::AgeBand;
    use crate::app::export::ExportSource;
    use crate::app::testing::{demo, refused};
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

    #[test]
    fn every_flow_figure_lists_as_many_tickets_as_it_counts() {
        let (dir, session) = demo();
        let period = Some(&PeriodPreset::Last30Days);
        let request = |by: &str| KpiRequest {
            every: Some("week".into()),
            by: Some(by.into()),
            ..KpiRequest::default()
        };
        let order = |what: &FlowTickets| flow_list_order(what, None, 0, Some(5), None).unwrap();
        let total = |by: &str, what: FlowTickets| {
            let page = session.flow_tickets(period, request(by), &what, &order(&what));
            let page = page.unwrap();
            assert!(page.rows.len() <= 5, "one page");
            page.total
        };
        let backlog = session
            .backlog(period, request("group"), STUCK_DAYS, AgeFrom::Created)
            .unwrap();
        let last = backlog.report.series.last().expect("a bar per week");
        assert!(last.total > 0, "the demo has a backlog");
        let bar = |band, key: Option<&str>| FlowTickets::Backlog {
            period: last.period.clone(),
            band,
            age_from: None,
            no_reply: None,
            key: key.map(str::to_owned),
        };
        assert_eq!(total("group", bar(None, None)), last.total);
        for (band, &count) in AgeBand::ALL.into_iter().zip(&last.by_age) {
            assert_eq!(total("group", bar(Some(band), None)), count, "{band:?}");
        }
        // Since the last public reply: each band, and the tickets without one.
        let since_reply = session
            .backlog(period, request("group"), STUCK_DAYS, AgeFrom::LastReply)
            .unwrap();
        let last_reply = since_reply.report.series.last().expect("a bar per week");
        let reply_bar = |band, no_reply| FlowTickets::Backlog {
            period: last_reply.period.clone(),
            band,
            age_from: Some(AgeFrom::LastReply),
            no_reply,
            key: None,
        };
        for (band, &count) in AgeBand::ALL.into_iter().zip(&last_reply.by_age) {
            assert_eq!(
                total("group", reply_bar(Some(band), None)),
                count,
                "{band:?}"
            );
        }
        let no_reply = last_reply.by_age.last().copied().unwrap_or_default();
        assert_eq!(total("group", reply_bar(None, Some(true))), no_reply);
        for group in &backlog.report.groups {
            let point = group.series.last().expect("a point per week");
            let key = group.key.as_deref().or(Some("(none)"));
            assert_eq!(
                total("group", bar(None, key)),
                point.total,
                "{}",
                group.label
            );
        }

        let flow = session.flow(period, request("assignee")).unwrap();
        let row = (flow.report.time_in_status.iter())
            .max_by_key(|row| row.calendar.n)
            .expect("the demo's tickets spend time in statuses");
        let what = FlowTickets::StatusTime {
            key: row.key.clone(),
            status: row.status.clone(),
        };
        assert_eq!(total("assignee", what), row.calendar.n);
        let pair = flow.report.handoffs.transfers.first().expect("a transfer");
        let what = FlowTickets::Transfer {
            from: pair.from.clone(),
            to: pair.to.clone(),
        };
        let moved = total("assignee", what.clone());
        assert!(
            moved > 0 && moved <= pair.count,
            "{moved} of {}",
            pair.count
        );

        let out = dir.path().join("moved.csv");
        let export = ExportSource::FlowTickets {
            period: Some(PeriodPreset::Last30Days),
            request: Box::new(request("assignee")),
            what,
            sort: Some("id".into()),
            search: None,
            locale: None,
        };
        let done = session
            .export(
                export,
                ExportFormat::Csv,
                || Ok::<_, AppError>(Some(out.clone())),
                &mut |_| {},
            )
            .unwrap()
            .expect("not cancelled");
        assert_eq!(done.rows, moved, "every ticket, not one page");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("# Period: "), "the file states its context");
    }

    #[test]
    fn a_flow_list_of_an_unknown_figure_is_refused() {
        let (_dir, session) = demo();
        let period = Some(&PeriodPreset::Last30Days);
        let list = |what: FlowTickets| {
            let order = flow_list_order(&what, None, 0, None, None)?;
            session.flow_tickets(period, KpiRequest::default(), &what, &order)
        };
        let bar = FlowTickets::Backlog {
            period: "1999-01-01".into(),
            band: None,
            age_from: None,
            no_reply: None,
            key: None,
        };
        assert!(refused(list(bar)).contains("no period"));
        let solved = FlowTickets::StatusTime {
            key: None,
            status: "solved".into(),
        };
        assert!(refused(list(solved)).contains("new, open, pending, hold"));
        let words = FlowTickets::Transfer {
            from: "support".into(),
            to: "2".into(),
        };
        assert!(refused(list(words)).contains("takes an id"));
        let long = FlowTickets::Transfer {
            from: "1".repeat(5_000),
            to: "2".into(),
        };
        assert!(refused(list(long)).contains("too long"));
    }
}
