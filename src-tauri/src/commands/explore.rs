//! The Explore screen: any KPIs grouped, filtered and bucketed, the tickets behind a
//! number, the dimensions and values its pickers offer, and opening a ticket or article
//! in the system browser.

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use deskbench::analytics::views::catalogue::{DimensionOption, DimensionValue};
use deskbench::analytics::views::drill::{TicketList, TicketListRequest};
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::KpiRequest;
use deskbench::app::explore::{ChartRequest, KpiChart, ValueScope};

use super::with_session;
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// A KPI report and the chart of one KPI in it; the chart's export and data export
/// start from this same spec.
#[tauri::command]
pub async fn kpi_chart(
    period: Option<PeriodPreset>,
    request: KpiRequest,
    chart: ChartRequest,
    state: State<'_, AppState>,
) -> Result<KpiChart, IpcError> {
    with_session(&state, move |s| {
        s.kpi_chart(period.as_ref(), request, chart)
    })
    .await
}

/// Opens a ticket in its helpdesk; the address is built from the source's stored
/// address, never taken from the web view.
#[tauri::command]
pub async fn open_ticket(
    source_id: i64,
    ticket_id: i64,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let url = with_session(&state, move |s| s.ticket_url(source_id, ticket_id)).await?;
    open_in_browser(&app, url)
}

/// Opens a help-center article, if its address is on one of the workspace's helpdesks.
#[tauri::command]
pub async fn open_article(
    url: String,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let url = with_session(&state, move |s| s.helpdesk_page(url)).await?;
    open_in_browser(&app, url)
}

fn open_in_browser(app: &AppHandle, url: String) -> Result<(), IpcError> {
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|err| IpcError::internal(format!("could not open the browser: {err}")))
}

/// One page of the tickets behind a number of a report.
#[tauri::command]
pub async fn ticket_list(
    request: TicketListRequest,
    state: State<'_, AppState>,
) -> Result<TicketList, IpcError> {
    with_session(&state, move |s| s.ticket_list(&request)).await
}

/// What a report can be grouped and filtered by.
#[tauri::command]
pub async fn explore_dimensions(
    state: State<'_, AppState>,
) -> Result<Vec<DimensionOption>, IpcError> {
    with_session(&state, |s| s.dimensions()).await
}

/// The values of one dimension, with the key a filter on each takes; counted in the
/// scope of the report beside the menu when one is given.
#[tauri::command]
pub async fn dimension_values(
    dimension: String,
    scope: Option<ValueScope>,
    state: State<'_, AppState>,
) -> Result<Vec<DimensionValue>, IpcError> {
    with_session(&state, move |s| s.dimension_values(&dimension, scope)).await
}
