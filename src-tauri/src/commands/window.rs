//! The window's chrome follows the page: the native menu speaks the UI's language, and
//! the window theme is the page's, so the menus the platform draws (GTK, Windows) go
//! dark with it. The page calls these at start and on every change.

use deskbench::charts::{Locale, Theme};
use tauri::{AppHandle, Runtime};

use crate::error::IpcError;
use crate::menu;

/// Puts the menu's words in `locale` (a sync command: menus live on the main thread).
#[tauri::command]
pub fn set_menu_language<R: Runtime>(app: AppHandle<R>, locale: Locale) -> Result<(), IpcError> {
    let Some(bar) = app.menu() else {
        return Ok(());
    };
    menu::translate(&bar, locale)
        .map_err(|err| IpcError::internal(format!("the menu could not be translated: {err}")))
}

/// Gives the window (and the menus the platform draws) the page's theme.
#[tauri::command]
pub fn set_window_theme<R: Runtime>(app: AppHandle<R>, theme: Theme) {
    app.set_theme(Some(match theme {
        Theme::Light => tauri::Theme::Light,
        Theme::Dark => tauri::Theme::Dark,
    }));
}
