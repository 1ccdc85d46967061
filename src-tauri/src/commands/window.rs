//! The window's chrome follows the page: the native menu speaks the UI's language, and
//! the window theme is the one the user chose, so the menus the platform draws (GTK,
//! Windows) go dark with the page. The page calls these when either differs from a new
//! window's (English, the platform's theme).

use deskbench::charts::{Locale, Theme};
use tauri::{AppHandle, Runtime};

use crate::menu;
use deskbench::app::ipc_error::IpcError;

/// Puts the menu's words in `locale` (a sync command: menus live on the main thread).
#[tauri::command]
pub fn set_menu_language<R: Runtime>(app: AppHandle<R>, locale: Locale) -> Result<(), IpcError> {
    let Some(bar) = app.menu() else {
        return Ok(());
    };
    menu::translate(&bar, locale)
        .map_err(|err| IpcError::internal(format!("the menu could not be translated: {err}")))
}

/// Gives the window (and the menus the platform draws) the theme the user chose, or the
/// platform's again (`None`).
#[tauri::command]
pub fn set_window_theme<R: Runtime>(app: AppHandle<R>, theme: Option<Theme>) {
    app.set_theme(theme.map(|theme| match theme {
        Theme::Light => tauri::Theme::Light,
        Theme::Dark => tauri::Theme::Dark,
    }));
}
