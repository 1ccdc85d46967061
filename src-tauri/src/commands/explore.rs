//! The Explore screen: any KPIs grouped, filtered and bucketed, the tickets behind a
//! number, and the dimensions and values its pickers offer. Queries on the frame alone
//! run after the workspace lock is released, so they do not hold up each other or a
//! reload.

use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::frame::dimension::Dimension;
use deskbench::analytics::query::report::KpiReport;
use deskbench::analytics::views::catalogue::{self, DimensionOption, DimensionValue};
use deskbench::analytics::views::drill::{self, TicketList, TicketListRequest};
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::{self, Frame, KpiQuery, KpiRequest};
use deskbench::charts::{self, ChartKind, ChartSpec, ChartText};

use super::{blocking, with_loaded};
use crate::error::IpcError;
use crate::state::{AppState, Loaded, SharedWorkspace};

/// Far above any real query, low enough that a faulty caller cannot make the engine
/// build a huge predicate or echo megabytes back in an error.
const MAX_FILTERS: usize = 200;
const MAX_KPIS: usize = 64;
const MAX_TEXT: usize = 1_000;

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

/// A report and the chart of one of its KPIs, drawn from the same numbers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KpiChart {
    pub report: KpiReport,
    pub chart: ChartSpec,
}

/// A KPI report and the chart of one KPI in it; the chart's export and data export
/// start from this same spec.
#[tauri::command]
pub async fn kpi_chart(
    period: Option<PeriodPreset>,
    request: KpiRequest,
    chart: ChartRequest,
    state: State<'_, AppState>,
) -> Result<KpiChart, IpcError> {
    let shared = state.loaded.clone();
    blocking(move || report_with_chart(&shared, period.as_ref(), request, chart)).await
}

/// Opens a ticket in its helpdesk in the system browser. The address is built here from
/// the source's stored address, never taken from the web view.
#[tauri::command]
pub async fn open_ticket(
    source_id: i64,
    ticket_id: i64,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let url = frame(&state.loaded)?
        .ticket_url(source_id, ticket_id)
        .ok_or_else(|| IpcError::invalid_input("this ticket has no helpdesk address"))?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|err| IpcError::internal(format!("could not open the browser: {err}")))
}

/// Opens a help-center article in the system browser, if its address is on one of the
/// workspace's helpdesks (the report only offers such addresses).
#[tauri::command]
pub async fn open_article(
    url: String,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let url = helpdesk_page(&state.loaded, url)?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|err| IpcError::internal(format!("could not open the browser: {err}")))
}

fn helpdesk_page(shared: &SharedWorkspace, url: String) -> Result<String, IpcError> {
    check_text(&url)?;
    if frame(shared)?.is_helpdesk_page(&url) {
        Ok(url)
    } else {
        Err(IpcError::invalid_input(
            "this address is not on a connected helpdesk, so it is not opened",
        ))
    }
}

/// One page of the tickets behind a number of a report.
#[tauri::command]
pub async fn ticket_list(
    request: TicketListRequest,
    state: State<'_, AppState>,
) -> Result<TicketList, IpcError> {
    let shared = state.loaded.clone();
    blocking(move || tickets(&shared, &request)).await
}

/// What a report can be grouped and filtered by.
#[tauri::command]
pub async fn explore_dimensions(
    state: State<'_, AppState>,
) -> Result<Vec<DimensionOption>, IpcError> {
    let shared = state.loaded.clone();
    blocking(move || options(&shared)).await
}

/// The values of one dimension, with the key a filter on each takes.
#[tauri::command]
pub async fn dimension_values(
    dimension: String,
    state: State<'_, AppState>,
) -> Result<Vec<DimensionValue>, IpcError> {
    let shared = state.loaded.clone();
    blocking(move || values(&shared, &dimension)).await
}

fn report(
    shared: &SharedWorkspace,
    period: Option<&PeriodPreset>,
    request: KpiRequest,
) -> Result<KpiReport, IpcError> {
    let (frame, query) = resolve(shared, period, request)?;
    Ok(analytics::run(&frame, &query)?)
}

/// Checks and resolves a request against the workspace's today and zone, and hands out
/// the frame to run it on after the lock is released. `period`, when given, sets the
/// range (as on the Overview), replacing `from` and `to`.
pub(super) fn resolve(
    shared: &SharedWorkspace,
    period: Option<&PeriodPreset>,
    mut request: KpiRequest,
) -> Result<(Arc<Frame>, KpiQuery), IpcError> {
    check_query(&request)?;
    with_loaded(shared, |loaded| {
        let (today, tz) = apply_period(loaded, period, &mut request)?;
        Ok((loaded.frame.clone(), request.resolve(today, tz)?))
    })
}

fn report_with_chart(
    shared: &SharedWorkspace,
    period: Option<&PeriodPreset>,
    request: KpiRequest,
    chart: ChartRequest,
) -> Result<KpiChart, IpcError> {
    [&chart.title, &chart.total]
        .into_iter()
        .chain(&chart.subtitle)
        .try_for_each(check_text)?;
    let report = report(shared, period, request)?;
    let text = ChartText {
        title: chart.title,
        subtitle: chart.subtitle,
        total: chart.total,
    };
    let chart = charts::from_report(&report, chart.kpi, chart.kind, text);
    Ok(KpiChart { report, chart })
}

/// Sets the request's range from `period`, if given; returns the workspace's today and
/// zone, which the rest of the request resolves against.
pub(super) fn apply_period(
    loaded: &Loaded,
    period: Option<&PeriodPreset>,
    request: &mut KpiRequest,
) -> Result<(NaiveDate, Tz), IpcError> {
    let tz = loaded.workspace.time_zone()?;
    let today = loaded.workspace.today(deskbench::now())?;
    if let Some(period) = period {
        let range = period.resolve(today, tz)?;
        request.from = Some(range.from.to_string());
        request.to = Some(range.to.to_string());
    }
    Ok((today, tz))
}

/// Runs under the lock: ticket subjects come from the workspace's database.
fn tickets(shared: &SharedWorkspace, request: &TicketListRequest) -> Result<TicketList, IpcError> {
    check_list(request)?;
    with_loaded(shared, |loaded| {
        let tz = loaded.workspace.time_zone()?;
        let today = loaded.workspace.today(deskbench::now())?;
        let list = request.resolve(today, tz)?;
        Ok(drill::ticket_list(
            &loaded.frame,
            loaded.workspace.store(),
            &list,
        )?)
    })
}

fn options(shared: &SharedWorkspace) -> Result<Vec<DimensionOption>, IpcError> {
    Ok(catalogue::dimensions(&*frame(shared)?))
}

fn values(shared: &SharedWorkspace, dimension: &str) -> Result<Vec<DimensionValue>, IpcError> {
    check_text(dimension)?;
    let dimension = Dimension::parse(dimension.trim())?;
    Ok(catalogue::dimension_values(&*frame(shared)?, dimension)?)
}

fn frame(shared: &SharedWorkspace) -> Result<Arc<Frame>, IpcError> {
    with_loaded(shared, |loaded| Ok(loaded.frame.clone()))
}

/// A ticket-list request's sizes (its values are checked when it resolves).
pub(super) fn check_list(request: &TicketListRequest) -> Result<(), IpcError> {
    check_query(&request.query)?;
    let texts = [
        &request.key,
        &request.period,
        &request.sort,
        &request.search,
    ];
    texts.into_iter().flatten().try_for_each(check_text)?;
    check_text(&request.kpi)
}

pub(super) fn check_query(request: &KpiRequest) -> Result<(), IpcError> {
    let too_many = |what: &str, most: usize, given: usize| {
        IpcError::invalid_input(format!("a query takes at most {most} {what}, not {given}"))
    };
    if request.filters.len() > MAX_FILTERS {
        return Err(too_many("filters", MAX_FILTERS, request.filters.len()));
    }
    if request.kpis.len() > MAX_KPIS {
        return Err(too_many("KPIs", MAX_KPIS, request.kpis.len()));
    }
    let options = [
        &request.from,
        &request.to,
        &request.tz,
        &request.every,
        &request.by,
        &request.hours,
    ];
    options
        .into_iter()
        .flatten()
        .chain(&request.filters)
        .chain(&request.kpis)
        .try_for_each(check_text)
}

pub(super) fn check_text(text: impl AsRef<str>) -> Result<(), IpcError> {
    let text = text.as_ref();
    if text.chars().count() <= MAX_TEXT {
        return Ok(());
    }
    let start: String = text.chars().take(40).collect();
    Err(IpcError::invalid_input(format!(
        "{start:?}… is too long: a value in a query has at most {MAX_TEXT} characters"
    )))
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::commands::testing::demo;
    use crate::error::ErrorCode;

    pub(crate) fn refused(result: Result<impl std::fmt::Debug, IpcError>) -> String {
        let err = result.expect_err("the request is refused");
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        err.message
    }

    #[test]
    fn only_helpdesk_addresses_open() {
        let (_dir, shared) = demo();
        // The demo has no helpdesk of its own, so even its articles' addresses stay shut.
        for url in [
            "https://acme-demo.example/hc/en-us/articles/1",
            "javascript:alert(1)",
            "file:///etc/passwd",
        ] {
            let message = refused(helpdesk_page(&shared, url.to_owned()));
            assert!(message.contains("not on a connected helpdesk"), "{message}");
        }
        assert!(refused(helpdesk_page(&shared, "x".repeat(10_000))).contains("too long"));
    }

    #[test]
    fn kpi_report_runs_a_grouped_query_and_refuses_bad_or_oversized_input() {
        let (_dir, shared) = demo();
        let request = KpiRequest {
            by: Some("channel".into()),
            kpis: vec!["tickets_created".into()],
            ..KpiRequest::default()
        };
        let report = report(&shared, None, request.clone()).unwrap();
        assert_eq!(report.by.as_deref(), Some("channel"));
        assert!(!report.groups.unwrap().is_empty());
        let custom = PeriodPreset::Custom {
            from: "2025-01-06".into(),
            to: "2025-01-12".into(),
        };
        let week = super::report(&shared, Some(&custom), request).unwrap();
        assert_eq!(
            (week.range.from.as_str(), week.range.to.as_str()),
            ("2025-01-06", "2025-01-12"),
            "the period sets the range"
        );
        let unknown = KpiRequest {
            kpis: vec!["nps".into()],
            ..KpiRequest::default()
        };
        assert!(refused(super::report(&shared, None, unknown)).contains("valid KPIs"));
        let many = KpiRequest {
            filters: vec!["channel=email".into(); MAX_FILTERS + 1],
            ..KpiRequest::default()
        };
        assert!(refused(super::report(&shared, None, many)).contains("at most 200 filters"));
        let long = KpiRequest {
            filters: vec![format!("tag={}", "x".repeat(MAX_TEXT))],
            ..KpiRequest::default()
        };
        assert!(refused(super::report(&shared, None, long)).contains("too long"));
    }

    #[test]
    fn kpi_chart_draws_the_report_it_returns() {
        let (_dir, shared) = demo();
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
        let KpiChart { report, chart } =
            report_with_chart(&shared, None, request.clone(), ask.clone()).unwrap();
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
        assert!(refused(report_with_chart(&shared, None, request, long)).contains("too long"));
    }

    #[test]
    fn ticket_list_pages_the_tickets_behind_a_number() {
        let (_dir, shared) = demo();
        let request = TicketListRequest {
            kpi: "tickets_created".into(),
            limit: Some(5),
            ..TicketListRequest::default()
        };
        let page = tickets(&shared, &request).unwrap();
        assert!(page.total > 5, "the demo creates tickets every day");
        assert_eq!(page.rows.len(), 5);
        let bad_sort = TicketListRequest {
            sort: Some("colour".into()),
            ..request
        };
        assert!(refused(tickets(&shared, &bad_sort)).contains("sort"));
    }

    #[test]
    fn explore_dimensions_lists_built_in_dimensions_then_custom_fields() {
        let (_dir, shared) = demo();
        let options = options(&shared).unwrap();
        assert_eq!(options[0].name, "channel");
        assert!(options[0].label.is_none());
        assert!(options
            .iter()
            .any(|o| o.name.starts_with("field:") && o.label.is_some()));
    }

    #[test]
    fn dimension_values_counts_every_ticket_and_refuses_unknown_names() {
        let (_dir, shared) = demo();
        let channels = values(&shared, "channel").unwrap();
        let total: u64 = channels.iter().map(|v| v.tickets).sum();
        assert_eq!(total, frame(&shared).unwrap().ticket_count() as u64);
        assert!(refused(values(&shared, "colour")).contains("valid dimensions"));
        assert!(refused(values(&shared, &"x".repeat(MAX_TEXT + 1))).contains("too long"));
    }

    #[test]
    fn commands_wait_for_the_workspace_to_open() {
        let shared: SharedWorkspace = Arc::new(Mutex::new(None));
        let err = values(&shared, "channel").unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
    }
}
