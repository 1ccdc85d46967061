//! The context an exported chart or table states (`charts::context`): the report's range,
//! hours and filters named through the frame's labels, and when the data was last
//! brought up to date.

use super::{AppError, Session};
use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::analytics::query::report::KpiReport;
use crate::analytics::views::overview::Overview;
use crate::charts::{ChartContext, OverviewCharts};
use crate::workspace::Workspace;

impl Session {
    /// The context of `kpi` in `report`, as a chart of it or a table of its tickets
    /// states it.
    pub fn context_of(&self, report: &KpiReport, kpi: KpiId) -> Result<ChartContext, AppError> {
        let frame = self.frame()?;
        let as_of = self.data_as_of()?;
        Ok(ChartContext::of_report(report, kpi, &frame.labels, as_of))
    }

    /// When the data was last brought up to date; see `last_sync`.
    pub fn data_as_of(&self) -> Result<Option<i64>, AppError> {
        self.with_open(|open| last_sync(&open.workspace))
    }
}

/// The latest successful sync of any source (the demo records its generation as one);
/// `None` before the first.
pub(super) fn last_sync(workspace: &Workspace) -> Result<Option<i64>, AppError> {
    let sources = workspace.store().sources()?;
    Ok(sources.iter().filter_map(|s| s.last_success_at).max())
}

/// The Overview's charts with their context: the period and zone over every ticket, each
/// chart's main KPI and its population.
pub(super) fn with_context(
    mut charts: OverviewCharts,
    overview: &Overview,
    as_of: Option<i64>,
) -> OverviewCharts {
    let context = |kpi: KpiId| {
        let card = overview.cards.iter().find(|c| c.kpi == kpi);
        Some(ChartContext {
            kpi: Some(kpi),
            from: overview.range.from.clone(),
            to: overview.range.to.clone(),
            tz: overview.range.tz.clone(),
            hours: Some(Hours::Calendar),
            filters: Vec::new(),
            n: card.map(|c| c.current.sample_size()),
            as_of,
        })
    };
    charts.volume.context = context(KpiId::TicketsCreated);
    charts.first_reply.context = context(KpiId::FirstReplyTime);
    charts.resolution.context = context(KpiId::FullResolutionTime);
    charts.csat.context = context(KpiId::Csat);
    charts.sla.context = context(KpiId::SlaAchievement);
    charts.arrivals.context = context(KpiId::TicketsCreated);
    charts
}

#[cfg(test)]
mod tests {
    use crate::analytics::engine::kpi::KpiId;
    use crate::analytics::KpiRequest;
    use crate::app::testing::{demo, noon};
    use crate::charts::context::subtitle;
    use crate::charts::Locale;

    #[test]
    fn a_report_s_context_names_its_filters_and_counts_its_population() {
        let (_dir, session) = demo();
        let group = session.dimension_values("group", None).unwrap().remove(0);
        let request = KpiRequest {
            from: Some("2025-05-05".into()),
            to: Some("2025-06-01".into()),
            kpis: vec!["tickets_created".into()],
            filters: vec![
                "channel=email".into(),
                format!("group={}", group.key.clone().unwrap()),
            ],
            ..KpiRequest::default()
        };
        let report = session.kpi_report(None, request).unwrap();
        let context = session.context_of(&report, KpiId::TicketsCreated).unwrap();
        let created = report
            .kpis
            .get(KpiId::TicketsCreated)
            .unwrap()
            .sample_size();
        assert_eq!(context.n, Some(created), "n is the KPI's population");
        assert_eq!(
            context.as_of,
            Some(noon()),
            "the demo was generated at noon"
        );
        let line = subtitle(&context, Locale::En);
        assert!(line.starts_with("May 5 – Jun 1, 2025 · UTC"), "{line}");
        let names = format!("Channel: Email; Group: {}", group.label);
        assert!(line.contains(&names), "names, not codes: {line}");
        assert!(!line.contains("channel=email"), "{line}");
        assert_eq!(
            context.title("Tickets created"),
            format!("Tickets created — {}", group.label)
        );
    }
}
