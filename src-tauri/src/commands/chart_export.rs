//! Chart export: a chart the web view shows, saved as PNG or SVG where the user chooses,
//! or put on the clipboard as an image. The core renders the very spec the view drew,
//! on a blocking thread.

use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;

use deskbench::app::image::{self, ImageFormat};
use deskbench::app::limits::check_text;
use deskbench::app::AppError;
use deskbench::charts::{ChartSpec, RenderOptions};

use super::blocking;
use super::save_dialog::ask_save_path;
use deskbench::app::ipc_error::IpcError;

/// Renders the chart and saves it where the user chooses (the folder of the previous
/// export first); the saved path, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_chart<R: Runtime>(
    spec: ChartSpec,
    options: RenderOptions,
    format: ImageFormat,
    suggested_name: String,
    app: AppHandle<R>,
) -> Result<Option<String>, IpcError> {
    check_text(&suggested_name)?;
    blocking(move || {
        let bytes = image::render(&spec, &options, format)?;
        let Some(path) = ask_save_path(&app, &suggested_name, format)? else {
            return Ok(None);
        };
        deskbench::export::write_file(&path, &bytes).map_err(AppError::from)?;
        Ok(Some(path.to_string_lossy().into_owned()))
    })
    .await
}

/// Renders the chart as a PNG-quality bitmap and puts it on the clipboard as an image.
#[tauri::command]
pub async fn copy_chart<R: Runtime>(
    spec: ChartSpec,
    options: RenderOptions,
    app: AppHandle<R>,
) -> Result<(), IpcError> {
    blocking(move || {
        let bitmap = image::bitmap(&spec, &options)?;
        let image = tauri::image::Image::new(&bitmap.rgba, bitmap.width, bitmap.height);
        app.clipboard()
            .write_image(&image)
            .map_err(|err| IpcError::internal(format!("could not copy the chart: {err}")))
    })
    .await
}
