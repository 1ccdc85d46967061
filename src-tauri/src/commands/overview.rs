//! Opening the workspace and the Overview screen.

use tauri::{State, WebviewWindow};

use deskbench::analytics::views::overview::OverviewRequest;
use deskbench::app::overview::OverviewScreen;
use deskbench::workspace::{Workspace, WorkspaceInfo};

use super::{set_title, with_session};
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// Whether opening the workspace will first generate the demo helpdesk (the first start
/// in this folder), so the page says "Preparing the demo workspace" only then.
#[tauri::command]
pub async fn generates_demo(state: State<'_, AppState>) -> Result<bool, IpcError> {
    let session = state.session()?;
    Ok(!Workspace::exists(session.dir()))
}

/// Opens the workspace, creating the demo helpdesk on first start, and builds the frame.
#[tauri::command]
pub async fn open_workspace(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo, IpcError> {
    let info = with_session(&state, |session| session.open_or_create_demo()).await?;
    set_title(&window, &info);
    Ok(info)
}

/// The Overview screen's KPIs and charts for a period.
#[tauri::command]
pub async fn overview(
    request: OverviewRequest,
    state: State<'_, AppState>,
) -> Result<OverviewScreen, IpcError> {
    with_session(&state, move |session| session.overview(&request)).await
}
