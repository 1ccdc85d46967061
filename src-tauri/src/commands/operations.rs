//! The Operations screen: where work gets stuck (the backlog over time by age band, the
//! stuck tickets, the time in status, the handoffs, and the tickets behind each of their
//! figures), over the status history, what
//! changed (the anomalies), what is coming (the forecast) and the agents it needs.

use tauri::State;

use deskbench::analytics::anomalies::report::AnomalyReport;
use deskbench::analytics::flow::tickets::FlowTickets;
use deskbench::analytics::flow::AgeFrom;
use deskbench::analytics::forecast::ForecastRequest;
use deskbench::analytics::views::drill::TicketList;
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::KpiRequest;
use deskbench::app::flow::{flow_list_order, BacklogScreen, FlowScreen};
use deskbench::app::forecast::{ForecastScreen, StaffingScreen, StaffingSettings};
use deskbench::feedback::anomalies::ThemeAnomalyReport;

use super::with_session;
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// The backlog at each bucket's end of `period` (by `request.by` as tickets had it then)
/// by age band, each ticket's age counted as `age_from` says, and the tickets unsolved
/// with no change for `stuck_days`.
#[tauri::command]
pub async fn backlog(
    period: PeriodPreset,
    request: KpiRequest,
    stuck_days: u32,
    age_from: AgeFrom,
    state: State<'_, AppState>,
) -> Result<BacklogScreen, IpcError> {
    with_session(&state, move |s| {
        s.backlog(Some(&period), request, stuck_days, age_from)
    })
    .await
}

/// The time in status of `period` by group or assignee (`request.by`), and the handoffs
/// of the tickets solved in it.
#[tauri::command]
pub async fn flow(
    period: PeriodPreset,
    request: KpiRequest,
    state: State<'_, AppState>,
) -> Result<FlowScreen, IpcError> {
    with_session(&state, move |s| s.flow(Some(&period), request)).await
}

/// One page of the tickets behind a figure of `backlog` or `flow` for the same `period`
/// and `request`: a backlog bar, a time-in-status row or a transfer pair, sorted,
/// searched and paged as Explore's ticket lists are.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn flow_tickets(
    period: PeriodPreset,
    request: KpiRequest,
    what: FlowTickets,
    sort: Option<String>,
    offset: usize,
    limit: Option<usize>,
    search: Option<String>,
    state: State<'_, AppState>,
) -> Result<TicketList, IpcError> {
    with_session(&state, move |s| {
        let order = flow_list_order(&what, sort.as_deref(), offset, limit, search.as_deref())?;
        s.flow_tickets(Some(&period), request, &what, &order)
    })
    .await
}

/// The days (or weeks) of `period` where volume or a KPI, in total and per group of
/// `request.by`, moved beyond its pattern.
#[tauri::command]
pub async fn anomalies(
    period: PeriodPreset,
    request: KpiRequest,
    state: State<'_, AppState>,
) -> Result<AnomalyReport, IpcError> {
    with_session(&state, move |s| s.anomalies(Some(&period), request)).await
}

/// The feedback themes whose share moved in the days (or weeks) of `period`; a feedback
/// analysis, so asked for after `anomalies`.
#[tauri::command]
pub async fn theme_anomalies(
    period: PeriodPreset,
    request: KpiRequest,
    state: State<'_, AppState>,
) -> Result<ThemeAnomalyReport, IpcError> {
    with_session(&state, move |s| s.theme_anomalies(Some(&period), request)).await
}

/// The arrivals forecast `request` asks for, with its backtest and chart.
#[tauri::command]
pub async fn forecast(
    request: ForecastRequest,
    state: State<'_, AppState>,
) -> Result<ForecastScreen, IpcError> {
    with_session(&state, move |s| s.forecast(&request)).await
}

/// The agents each hour of the week needs under `settings`, from the hourly forecast
/// of `request`.
#[tauri::command]
pub async fn staffing(
    request: ForecastRequest,
    settings: StaffingSettings,
    state: State<'_, AppState>,
) -> Result<StaffingScreen, IpcError> {
    with_session(&state, move |s| s.staffing(&request, &settings.inputs()?)).await
}
