//! The IPC commands, grouped by screen. Each translates its arguments into one call of
//! the session and the result or error back; blocking work (SQLite, polars) runs on
//! blocking threads.

pub mod chart_export;
pub mod data_export;
pub mod explore;
pub mod feedback;
pub mod import;
pub mod operations;
pub mod overview;
pub mod people;
pub mod save_dialog;
pub mod sources;
pub mod window;

use deskbench::app::{AppError, Session};
use deskbench::workspace::WorkspaceInfo;
use tauri::{Emitter, Manager, WebviewWindow};

use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// Runs blocking work off the async runtime's threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|err| IpcError::internal(format!("background work failed: {err}")))?
}

/// Runs `work` with the session on a blocking thread.
async fn with_session<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Session) -> Result<T, AppError> + Send + 'static,
) -> Result<T, IpcError> {
    let session = state.session()?;
    blocking(move || Ok(work(&session)?)).await
}

/// The window title says when the data is the demo's.
fn set_title(window: &WebviewWindow, info: &WorkspaceInfo) {
    // A failed title change is cosmetic.
    let _ = window
        .app_handle()
        .get_webview_window("main")
        .map(|w| w.set_title(info.window_title()));
}

/// After the data changed: the title, and every screen told to refresh.
fn announce(window: &WebviewWindow, info: &WorkspaceInfo) {
    set_title(window, info);
    // A closed window cannot listen any more.
    let _ = window.emit("workspace-changed", info);
}
