//! Deskbench desktop shell: Tauri wiring over the `deskbench` core. Commands are a few
//! lines each; all analytics and storage live in the core.

pub mod bindings;
mod commands;
mod error;
mod menu;
mod state;

pub use error::{ErrorCode, IpcError};

/// Starts the desktop app.
pub fn run() {
    let result = tauri::Builder::default()
        .manage(state::AppState::from_env())
        .menu(menu::build)
        .on_menu_event(menu::forward)
        .invoke_handler(tauri::generate_handler![
            commands::open_workspace,
            commands::overview
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("error: Deskbench could not start: {err}");
        std::process::exit(1);
    }
}
