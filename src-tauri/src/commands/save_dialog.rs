//! Where an export goes: the system's save dialog, opened in the folder of the previous
//! export. `DESKBENCH_EXPORT_DIR` skips the dialog and saves there under the suggested
//! name (scripted and headless use; the end-to-end tests use it).

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcError;

/// A file type offered in the dialog.
pub struct FileKind {
    /// Shown in the dialog's type list, e.g. "PNG image".
    pub label: &'static str,
    pub extension: &'static str,
}

/// Asks where to save `suggested` (a file name without folder); `None` when the user
/// cancels. Blocks until the dialog closes: call on a blocking thread.
pub fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    suggested: &str,
    kind: &FileKind,
) -> Result<Option<PathBuf>, IpcError> {
    let name = file_name(suggested, kind.extension);
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
        .add_filter(kind.label, &[kind.extension]);
    if let Some(folder) = remembered.as_deref().and_then(read_last_folder) {
        dialog = dialog.set_directory(folder);
    }
    let Some(chosen) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(|err| {
        IpcError::invalid_input(format!("that location cannot be saved to: {err}"))
    })?;
    let path = with_extension(path, kind.extension);
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

/// A safe file name: no path separators or control characters, no dots or dashes at
/// either end (`../..` is no name), at most 120 characters, with the extension.
fn file_name(suggested: &str, extension: &str) -> String {
    let cleaned: String = suggested
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(120)
        .collect();
    let stem = cleaned.trim().trim_matches('.');
    // Nothing but dots and separators ("../..") names nothing.
    let stem = if stem.chars().any(char::is_alphanumeric) {
        stem
    } else {
        "deskbench"
    };
    format!("{stem}.{extension}")
}

/// Adds the extension when the user typed a name without it.
fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    let has_it = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has_it {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names_become_safe_file_names() {
        assert_eq!(
            file_name("First reply / week", "png"),
            "First reply - week.png"
        );
        assert_eq!(file_name("../..", "csv"), "deskbench.csv");
        assert_eq!(file_name("Время ответа", "svg"), "Время ответа.svg");
        assert_eq!(file_name(&"x".repeat(500), "csv").len(), 124);
    }

    #[test]
    fn a_missing_extension_is_added_once() {
        assert_eq!(
            with_extension("a/b".into(), "png"),
            PathBuf::from("a/b.png")
        );
        assert_eq!(
            with_extension("a/b.PNG".into(), "png"),
            PathBuf::from("a/b.PNG")
        );
        assert_eq!(
            with_extension("a/b.v2".into(), "csv"),
            PathBuf::from("a/b.v2.csv")
        );
    }
}
