//! The Operations screen: where work gets stuck (the backlog over time by age band, the
//! stuck tickets, the time in status, the handoffs), over the status history, and what
//! changed (the anomalies).

use tauri::State;

use deskbench::analytics::anomalies::report::AnomalyReport;
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::KpiRequest;
use deskbench::app::flow::{BacklogScreen, FlowScreen};

use super::with_session;
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// The backlog at each bucket's end of `period` (by `request.by` as tickets had it then)
/// and the tickets unsolved with no change for `stuck_days`.
#[tauri::command]
pub async fn backlog(
    period: PeriodPreset,
    request: KpiRequest,
    stuck_days: u32,
    state: State<'_, AppState>,
) -> Result<BacklogScreen, IpcError> {
    with_session(&state, move |s| {
        s.backlog(Some(&period), request, stuck_days)
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
