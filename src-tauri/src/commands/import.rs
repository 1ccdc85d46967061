//! The Import dialog: pick a CSV or XLSX file (the system's open dialog, or the file
//! `DESKBENCH_IMPORT_FILE` names), preview it as mapped, import it with progress and
//! cancel. The session keeps the picked file, so the page never names a path.

use tauri::ipc::Channel;
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use deskbench::app::import::ImportProgress;
use deskbench::app::import_dialog::{
    scripted_file, ImportChoice, ImportOptions, PickedFile, FILE_TYPES,
};
use deskbench::app::import_view::ImportView;

use super::{announce, blocking, with_session};
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// Asks for the file to import; `None` when the user dismisses the dialog.
#[tauri::command]
pub async fn pick_import_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<PickedFile>, IpcError> {
    let session = state.session()?;
    blocking(move || {
        let dialog = app.dialog().file().add_filter("CSV, XLSX", &FILE_TYPES);
        let file = scripted_file().or_else(|| dialog.blocking_pick_file()?.into_path().ok());
        Ok(file.map(|f| session.pick_import_file(f)).transpose()?)
    })
    .await
}

/// The presets (built-in, then the workspace's), fields and states the dialog offers.
#[tauri::command]
pub async fn import_options(state: State<'_, AppState>) -> Result<ImportOptions, IpcError> {
    with_session(&state, |s| Ok(s.import_options())).await
}

/// Reads the picked file as chosen and writes nothing, streaming progress.
#[tauri::command]
pub async fn preview_import(
    choice: ImportChoice,
    on_progress: Channel<ImportProgress>,
    state: State<'_, AppState>,
) -> Result<ImportView, IpcError> {
    // A closed window cannot listen any more; the preview goes on regardless.
    let mut tell = move |p| drop(on_progress.send(p));
    with_session(&state, move |s| s.preview_import(&choice, &mut tell)).await
}

/// Imports the picked file in one transaction, then tells every screen to refresh.
#[tauri::command]
pub async fn run_import(
    choice: ImportChoice,
    on_progress: Channel<ImportProgress>,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<ImportView, IpcError> {
    let mut tell = move |p| drop(on_progress.send(p));
    let (view, info) = with_session(&state, move |s| s.import_picked(&choice, &mut tell)).await?;
    announce(&window, &info);
    Ok(view)
}

/// Stops the running preview or import; an import then changes nothing.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    if let Ok(session) = state.session() {
        session.cancel_import();
    }
}
