//! Opening the workspace and the Overview screen.

use std::sync::Arc;

use serde::Serialize;
use tauri::{Manager, State, WebviewWindow};
use ts_rs::TS;

use deskbench::analytics::views::overview::{
    overview as compute_overview, Overview, OverviewRequest,
};
use deskbench::charts::{overview_charts, OverviewCharts};
use deskbench::demo::DemoConfig;
use deskbench::workspace::{Workspace, WorkspaceInfo};

use super::{blocking, with_loaded};
use crate::error::IpcError;
use crate::state::{AppState, Loaded, SharedWorkspace};

/// Opens the workspace, creating the demo helpdesk on first start, and builds the frame.
#[tauri::command]
pub async fn open_workspace(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo, IpcError> {
    let dir = state.dir()?;
    let loaded = state.loaded.clone();
    let info = blocking(move || {
        if !Workspace::exists(&dir) {
            let config = DemoConfig {
                now: deskbench::now(),
                ..DemoConfig::default()
            };
            Workspace::create_demo(&dir, &config, &mut |_| {})?;
        }
        load(&dir, &loaded)
    })
    .await?;
    set_title(&window, &info);
    Ok(info)
}

/// (Re)opens the workspace in `dir` and rebuilds its frame cache: at start, after a
/// sync, after a source was connected or removed.
pub fn load(dir: &std::path::Path, loaded: &SharedWorkspace) -> Result<WorkspaceInfo, IpcError> {
    let workspace = Workspace::open(dir)?;
    // A snapshot that could not be saved only costs the next start a rebuild.
    let frame = Arc::new(workspace.frame().map_err(IpcError::from)?.frame);
    let info = workspace.info(deskbench::now())?;
    *loaded
        .lock()
        .map_err(|_| IpcError::internal("the workspace lock is poisoned"))? =
        Some(Loaded { workspace, frame });
    Ok(info)
}

/// The window title says when the data is the demo's.
pub fn set_title(window: &WebviewWindow, info: &WorkspaceInfo) {
    let title = if info.is_demo {
        "Deskbench — Demo workspace"
    } else {
        "Deskbench"
    };
    // A failed title change is cosmetic.
    let _ = window
        .app_handle()
        .get_webview_window("main")
        .map(|w| w.set_title(title));
}

/// The Overview screen: its cards and the charts drawn from the same numbers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OverviewScreen {
    #[serde(flatten)]
    pub overview: Overview,
    pub charts: OverviewCharts,
}

/// The Overview screen's KPIs and charts for a period.
#[tauri::command]
pub async fn overview(
    request: OverviewRequest,
    state: State<'_, AppState>,
) -> Result<OverviewScreen, IpcError> {
    let loaded = state.loaded.clone();
    blocking(move || {
        with_loaded(&loaded, |loaded| {
            let today = loaded.workspace.today(deskbench::now())?;
            let tz = loaded.workspace.time_zone()?;
            let targets = deskbench::analytics::targets::load(loaded.workspace.store())?;
            let overview = compute_overview(&loaded.frame, &request, today, tz, &targets)?;
            Ok(OverviewScreen {
                charts: overview_charts(&overview),
                overview,
            })
        })
    })
    .await
}
