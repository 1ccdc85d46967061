//! The Operations screen: where work gets stuck (the backlog over time by age band, the
//! stuck tickets, the time in status, the handoffs), over the status history, what
//! changed (the anomalies), what is coming (the forecast) and the agents it needs.

use tauri::State;

use deskbench::analytics::anomalies::report::AnomalyReport;
use deskbench::analytics::flow::AgeFrom;
use deskbench::analytics::forecast::ForecastRequest;
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::KpiRequest;
use deskbench::app::flow::{BacklogScreen, FlowScreen};
use deskbench::app::forecast::{ForecastScreen, StaffingScreen, StaffingSettings};

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
