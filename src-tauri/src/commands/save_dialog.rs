//! Where an export goes: the system's save dialog, opened in the folder of the previous
//! export. `DESKBENCH_EXPORT_DIR` skips the dialog and saves there under the suggested
//! name (scripted and headless use; the end-to-end tests use it).

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use deskbench::app::save_name::{file_name, with_extension, FileType};

use crate::error::IpcError;

/// Asks where to save `suggested` (a file name without folder); `None` when the user
/// cancels. Blocks until the dialog closes: call on a blocking thread.
pub fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    suggested: &str,
    kind: impl FileType,
) -> Result<Option<PathBuf>, IpcError> {
    let name = file_name(suggested, kind.extension());
    if let Some(dir) = std::env::var_os("DESKBENCH_EXPORT_DIR") {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let remembered = app
        .path()
        .app_config_dir()
        .ok()
        .map(|d| d.join(LAST_FOLDER_FILE));
    let mut dialog = app
        .dialog()
        .file()
        .set_file_name(&name)
        .add_filter(kind.label(), &[kind.extension()]);
    if let Some(folder) = remembered.as_deref().and_then(read_last_folder) {
        dialog = dialog.set_directory(folder);
    }
    let Some(chosen) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(|err| {
        IpcError::invalid_input(format!("that location cannot be saved to: {err}"))
    })?;
    let path = with_extension(path, kind.extension());
    if let (Some(file), Some(folder)) = (remembered, path.parent()) {
        // Remembering the folder is a convenience; an export never fails over it.
        let _ = std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))
            .and_then(|()| std::fs::write(&file, folder.to_string_lossy().as_bytes()));
    }
    Ok(Some(path))
}

const LAST_FOLDER_FILE: &str = "last-export-folder";

fn read_last_folder(file: &Path) -> Option<PathBuf> {
    let folder = PathBuf::from(std::fs::read_to_string(file).ok()?.trim());
    folder.is_dir().then_some(folder)
}
