//! Where an export goes: the system's save dialog, opened in the folder of the previous
//! export. `DESKBENCH_EXPORT_DIR` skips the dialog and saves there under the suggested
//! name (scripted and headless use; the end-to-end tests use it).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use deskbench::app::export_folder::{scripted_path, LastFolder};
use deskbench::app::save_name::{file_name, with_extension, FileType};

use deskbench::app::ipc_error::IpcError;

/// Asks where to save `suggested` (a file name without folder); `None` when the user
/// cancels. Blocks until the dialog closes: call on a blocking thread.
pub fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    suggested: &str,
    kind: impl FileType,
) -> Result<Option<PathBuf>, IpcError> {
    let name = file_name(suggested, kind.extension());
    if let Some(path) = scripted_path(&name) {
        return Ok(Some(path));
    }
    let last = app
        .path()
        .app_config_dir()
        .ok()
        .map(|d| LastFolder::in_config(&d));
    let mut dialog = app
        .dialog()
        .file()
        .set_file_name(&name)
        .add_filter(kind.label(), &[kind.extension()]);
    if let Some(folder) = last.as_ref().and_then(LastFolder::read) {
        dialog = dialog.set_directory(folder);
    }
    let Some(chosen) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(|err| {
        IpcError::invalid_input(format!("that location cannot be saved to: {err}"))
    })?;
    let path = with_extension(path, kind.extension());
    if let Some(last) = last {
        last.remember(&path);
    }
    Ok(Some(path))
}
