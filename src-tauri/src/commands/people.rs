//! The Agents & groups screen: the coaching table of every agent or group over a period.

use tauri::State;

use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::views::people::PeopleTable;
use deskbench::analytics::KpiRequest;

use super::with_session;
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// One row per agent (`by = "assignee"`) or group (`"group"`) with the team medians and
/// weekly trends. `request` carries the filters, hours and zone; the table sets its own
/// grouping, buckets and KPIs.
#[tauri::command]
pub async fn people_table(
    period: PeriodPreset,
    request: KpiRequest,
    by: String,
    state: State<'_, AppState>,
) -> Result<PeopleTable, IpcError> {
    with_session(&state, move |s| s.people_table(Some(&period), request, &by)).await
}
