//! Explore's use cases: a KPI report with the chart of one of its KPIs, the tickets
//! behind a number, the dimensions and values the pickers offer, and the helpdesk
//! addresses a ticket or article opens at.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::limits::{check_list, check_query, check_text};
use super::{AppError, Session};
use crate::analytics::engine::kpi::KpiId;
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::query::breakdowns::{run_breakdowns, BreakdownsReport};
use crate::analytics::query::report::KpiReport;
use crate::analytics::views::catalogue::{self, DimensionOption, DimensionValue};
use crate::analytics::views::drill::{self, TicketList, TicketListRequest};
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::{self, KpiRequest};
use crate::charts::{self, ChartKind, ChartSpec, ChartText};

/// How Explore asks for its chart: the KPI to draw and the texts in the reader's language.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChartRequest {
    pub kpi: KpiId,
    pub kind: ChartKind,
    pub title: String,
    pub subtitle: Option<String>,
    /// The name of the one series when the chart has one ("All tickets").
    pub total: String,
}

/// The report a filter menu sits beside: its values are counted over this period and
/// these filters (the menu's own dimension left aside).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ValueScope {
    pub period: Option<PeriodPreset>,
    pub request: KpiRequest,
}

/// A report and the chart of one of its KPIs, drawn from the same numbers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KpiChart {
    pub report: KpiReport,
    pub chart: ChartSpec,
}

impl Session {
    /// Runs a KPI query. `period`, when given, sets the range (as on the Overview),
    /// replacing `from` and `to`; without either, the last 30 full days.
    pub fn kpi_report(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
    ) -> Result<KpiReport, AppError> {
        check_query(&request)?;
        let (frame, query) = self.frame_and(|today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        Ok(analytics::run(&frame, &query)?)
    }

    /// A KPI report with a breakdown by each of `by` (the request's own `by` left aside),
    /// the total computed once.
    pub fn kpi_breakdowns(
        &self,
        request: KpiRequest,
        by: &[String],
    ) -> Result<BreakdownsReport, AppError> {
        check_query(&request)?;
        let dims = by.iter().map(|d| Dimension::parse(d));
        let dims = dims.collect::<Result<Vec<_>, _>>()?;
        let (frame, query) = self.frame_and(|today| Ok(request.resolve(today.date, today.tz)?))?;
        Ok(run_breakdowns(&frame, &query, &dims)?)
    }

    /// A KPI report and the chart of one KPI in it, with its context; a chart's image
    /// and data exports start from this same spec. A chart filtered to one agent or
    /// group names them in its title.
    pub fn kpi_chart(
        &self,
        period: Option<&PeriodPreset>,
        request: KpiRequest,
        chart: ChartRequest,
    ) -> Result<KpiChart, AppError> {
        [&chart.title, &chart.total]
            .into_iter()
            .chain(&chart.subtitle)
            .try_for_each(check_text)?;
        let report = self.kpi_report(period, request)?;
        let context = self.context_of(&report, chart.kpi)?;
        let text = ChartText {
            title: context.title(&chart.title),
            subtitle: chart.subtitle,
            total: chart.total,
        };
        let chart = ChartSpec {
            context: Some(context),
            ..charts::from_report(&report, chart.kpi, chart.kind, text)
        };
        Ok(KpiChart { report, chart })
    }

    /// One page of the tickets behind a number of a report.
    pub fn ticket_list(&self, request: &TicketListRequest) -> Result<TicketList, AppError> {
        check_list(request)?;
        // Under the lock: ticket subjects come from the workspace's database.
        self.with_open(|open| {
            let today = self.today_of(&open.workspace)?;
            let list = request.resolve(today.date, today.tz)?;
            let frame = self.frame_of(open)?;
            Ok(drill::ticket_list(&frame, open.workspace.store(), &list)?)
        })
    }

    /// What a report can be grouped and filtered by.
    pub fn dimensions(&self) -> Result<Vec<DimensionOption>, AppError> {
        Ok(catalogue::dimensions(&*self.frame()?))
    }

    /// The values of one dimension, with the key a filter on each takes; counted in
    /// `scope` (a report's period and other filters) when given, else over all tickets.
    pub fn dimension_values(
        &self,
        dimension: &str,
        scope: Option<ValueScope>,
    ) -> Result<Vec<DimensionValue>, AppError> {
        check_text(dimension)?;
        let dimension = Dimension::parse(dimension.trim())?;
        let Some(ValueScope {
            period,
            mut request,
        }) = scope
        else {
            return Ok(catalogue::dimension_values(&*self.frame()?, dimension)?);
        };
        check_query(&request)?;
        let (frame, query) = self.frame_and(|today| {
            today.apply(period.as_ref(), &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        Ok(catalogue::dimension_values_in(&frame, dimension, &query)?)
    }

    /// A ticket's page in its helpdesk, built from the source's stored address, never
    /// taken from the caller.
    pub fn ticket_url(&self, source_id: i64, ticket_id: i64) -> Result<String, AppError> {
        self.frame()?
            .ticket_url(source_id, ticket_id)
            .ok_or(AppError::NoTicketAddress)
    }

    /// `url` itself, if it is on one of the workspace's helpdesks (a report offers only
    /// such article addresses); anything else is not to be opened.
    pub fn helpdesk_page(&self, url: String) -> Result<String, AppError> {
        check_text(&url)?;
        if self.frame()?.is_helpdesk_page(&url) {
            Ok(url)
        } else {
            Err(AppError::NotHelpdeskPage)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::limits::{MAX_FILTERS, MAX_TEXT};
    use crate::app::testing::{demo, refused};

    #[test]
    fn only_helpdesk_addresses_open() {
        let (_dir, session) = demo();
        // The demo has no helpdesk of its own, so even its articles' addresses stay shut.
        for url in [
            "https://acme-demo.example/hc/en-us/articles/1",
            "javascript:alert(1)",
            "file:///etc/passwd",
        ] {
            let message = refused(session.helpdesk_page(url.to_owned()));
            assert!(message.contains("not on a connected helpdesk"), "{message}");
        }
        assert!(refused(session.helpdesk_page("x".repeat(10_000))).contains("too long"));
    }

    #[test]
    fn kpi_report_runs_a_grouped_query_and_refuses_bad_or_oversized_input() {
        let (_dir, session) = demo();
        let request = KpiRequest {
            by: Some("channel".into()),
            kpis: vec!["tickets_created".into()],
            ..KpiRequest::default()
        };
        let report = session.kpi_report(None, request.clone()).unwrap();
        assert_eq!(report.by.as_deref(), Some("channel"));
        assert!(!report.groups.unwrap().is_empty());
        let custom = PeriodPreset::Custom {
            from: "2025-01-06".into(),
            to: "2025-01-12".into(),
        };
        let week = session.kpi_report(Some(&custom), request).unwrap();
        assert_eq!(
            (week.range.from.as_str(), week.range.to.as_str()),
            ("2025-01-06", "2025-01-12"),
            "the period sets the range"
        );
        let unknown = KpiRequest {
            kpis: vec!["nps".into()],
            ..KpiRequest::default()
        };
        assert!(refused(session.kpi_report(None, unknown)).contains("valid KPIs"));
        let many = KpiRequest {
            filters: vec!["channel=email".into(); MAX_FILTERS + 1],
            ..KpiRequest::default()
        };
        assert!(refused(session.kpi_report(None, many)).contains("at most 200 filters"));
        let long = KpiRequest {
            filters: vec![format!("tag={}", "x".repeat(MAX_TEXT))],
            ..KpiRequest::default()
        };
        assert!(refused(session.kpi_report(None, long)).contains("too long"));
    }

    #[test]
    fn without_dates_a_report_covers_the_last_30_full_days() {
        let (_dir, session) = demo();
        let report = session.kpi_report(None, KpiRequest::default()).unwrap();
        let today = session.today().unwrap().date;
        assert_eq!(report.range.to, today.pred_opt().unwrap().to_string());
        let from = today - chrono::Days::new(30);
        assert_eq!(report.range.from, from.to_string());
    }

    #[test]
    fn kpi_chart_draws_the_report_it_returns() {
        let (_dir, session) = demo();
        let request = KpiRequest {
            by: Some("channel".into()),
            kpis: vec!["first_reply_time".into()],
            ..KpiRequest::default()
        };
        let ask = ChartRequest {
            kpi: KpiId::FirstReplyTime,
            kind: ChartKind::Bar,
            title: "Первый ответ".into(),
            subtitle: None,
            total: "All".into(),
        };
        let KpiChart { report, chart } = session
            .kpi_chart(None, request.clone(), ask.clone())
            .unwrap();
        let groups = report.groups.expect("grouped");
        assert_eq!(chart.title, "Первый ответ");
        assert_eq!(chart.x.labels.len(), groups.len());
        for (i, group) in groups.iter().enumerate() {
            let median = group
                .kpis
                .get(KpiId::FirstReplyTime)
                .and_then(|v| v.headline());
            assert_eq!(chart.series[0].values[i], median, "{}", group.label);
            assert_eq!(chart.x.keys.as_ref().unwrap()[i], group.key);
        }
        chart.validate().expect("a drawable spec");
        let long = ChartRequest {
            title: "x".repeat(MAX_TEXT + 1),
            ..ask
        };
        assert!(refused(session.kpi_chart(None, request, long)).contains("too long"));
    }

    #[test]
    fn ticket_list_pages_the_tickets_behind_a_number() {
        let (_dir, session) = demo();
        let request = TicketListRequest {
            kpi: "tickets_created".into(),
            limit: Some(5),
            ..TicketListRequest::default()
        };
        let page = session.ticket_list(&request).unwrap();
        assert!(page.total > 5, "the demo creates tickets every day");
        assert_eq!(page.rows.len(), 5);
        let bad_sort = TicketListRequest {
            sort: Some("colour".into()),
            ..request
        };
        assert!(refused(session.ticket_list(&bad_sort)).contains("sort"));
    }

    #[test]
    fn dimensions_list_built_in_ones_then_custom_fields() {
        let (_dir, session) = demo();
        let options = session.dimensions().unwrap();
        assert_eq!(options[0].name, "channel");
        assert!(options[0].label.is_none());
        assert!(options
            .iter()
            .any(|o| o.name.starts_with("field:") && o.label.is_some()));
    }

    #[test]
    fn dimension_values_count_every_ticket_and_refuse_unknown_names() {
        let (_dir, session) = demo();
        let channels = session.dimension_values("channel", None).unwrap();
        let total: u64 = channels.iter().map(|v| v.tickets).sum();
        assert_eq!(total, session.frame().unwrap().ticket_count() as u64);
        assert!(refused(session.dimension_values("colour", None)).contains("valid dimensions"));
        let long = "x".repeat(MAX_TEXT + 1);
        assert!(refused(session.dimension_values(&long, None)).contains("too long"));
    }

    /// The tickets created in the last 30 days under each filter, as the report counts them.
    fn created(session: &Session, filters: &[&str]) -> Option<f64> {
        let request = KpiRequest {
            kpis: vec!["tickets_created".into()],
            filters: filters.iter().map(|f| (*f).to_owned()).collect(),
            ..KpiRequest::default()
        };
        let report = session
            .kpi_report(Some(&PeriodPreset::Last30Days), request)
            .unwrap();
        report
            .kpis
            .get(KpiId::TicketsCreated)
            .and_then(|v| v.headline())
    }

    #[test]
    fn scoped_dimension_values_count_the_period_under_the_other_filters() {
        let (_dir, session) = demo();
        let scope = |filters: &[&str]| ValueScope {
            period: Some(PeriodPreset::Last30Days),
            request: KpiRequest {
                filters: filters.iter().map(|f| (*f).to_owned()).collect(),
                ..KpiRequest::default()
            },
        };
        let all_time = session.dimension_values("channel", None).unwrap();
        let scoped = session
            .dimension_values("channel", Some(scope(&[])))
            .unwrap();
        let email = |values: &[DimensionValue]| {
            let value = values.iter().find(|v| v.key.as_deref() == Some("email"));
            value
                .map(|v| v.tickets)
                .expect("the demo has email tickets")
        };
        assert!(
            email(&scoped) < email(&all_time),
            "30 days hold fewer than all time"
        );
        assert_eq!(
            Some(email(&scoped) as f64),
            created(&session, &["channel=email"]),
            "a value counts what the report filtered to it counts"
        );

        let urgent = session
            .dimension_values("channel", Some(scope(&["priority=urgent", "channel=web"])))
            .unwrap();
        assert_eq!(
            Some(email(&urgent) as f64),
            created(&session, &["channel=email", "priority=urgent"]),
            "other dimensions' filters narrow the counts; the menu's own is left aside"
        );
        let bad = scope(&["colour=red"]);
        assert!(
            refused(session.dimension_values("channel", Some(bad))).contains("valid dimensions")
        );
    }
}
