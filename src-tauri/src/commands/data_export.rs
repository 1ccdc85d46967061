//! Data export from any screen (a chart's data, every ticket of a list, a table of the
//! Feedback screen's report) as CSV, XLSX or Parquet, to a path the user picks. Progress
//! streams over a channel; `cancel_export` stops it and leaves no file.

use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use deskbench::app::export::{ExportDone, ExportSource};
use deskbench::app::limits::check_text;
use deskbench::export::{ExportFormat, ExportProgress};

use super::blocking;
use super::save_dialog::ask_save_path;
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// Asks where to save, then writes the export there. `None` when the user dismisses the
/// dialog or cancels the export; either way nothing is written.
#[tauri::command]
pub async fn export_data(
    what: ExportSource,
    format: ExportFormat,
    suggested_name: String,
    on_progress: Channel<ExportProgress>,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ExportDone>, IpcError> {
    check_text(&suggested_name)?;
    let session = state.session()?;
    blocking(move || {
        let choose = || ask_save_path(&app, &suggested_name, format);
        // A closed window cannot listen any more; the export goes on regardless.
        session.export(what, format, choose, &mut |p| drop(on_progress.send(p)))
    })
    .await
}

/// Stops the running export; its file is not written and an older one stays as it was.
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    if let Ok(session) = state.session() {
        session.cancel_export();
    }
}
