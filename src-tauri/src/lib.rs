//! Deskbench desktop shell: Tauri wiring over the `deskbench` core. Commands are a few
//! lines each; all analytics and storage live in the core.

mod commands;
mod menu;

/// Starts the desktop app.
pub fn run() {
    // A panic is logged as one line; the command it happened in still fails as before.
    deskbench::crash_report::install();
    let result = tauri::Builder::default()
        .manage(deskbench::app::app_state::AppState::from_env())
        .menu(menu::build)
        .on_menu_event(menu::forward)
        // Used from Rust only (open_ticket, open_article); the web view gets no opener permission.
        .plugin(tauri_plugin_opener::init())
        // Used from Rust only (the export save and import open dialogs); no dialog permission for the web view.
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only (copy a chart as an image); no clipboard permission for the
        // web view.
        .plugin(tauri_plugin_clipboard_manager::init())
        .invoke_handler(tauri::generate_handler![
            commands::overview::generates_demo,
            commands::overview::open_workspace,
            commands::overview::overview,
            commands::explore::kpi_chart,
            commands::explore::ticket_list,
            commands::explore::explore_dimensions,
            commands::explore::dimension_values,
            commands::explore::open_ticket,
            commands::explore::open_article,
            commands::people::people_table,
            commands::operations::backlog,
            commands::operations::flow,
            commands::operations::flow_tickets,
            commands::operations::anomalies,
            commands::operations::theme_anomalies,
            commands::operations::forecast,
            commands::operations::staffing,
            commands::feedback::feedback,
            commands::feedback::feedback_tickets,
            commands::feedback::rename_theme,
            commands::feedback::merge_themes,
            commands::feedback::split_theme,
            commands::feedback::remove_theme_edit,
            commands::sources::list_sources,
            commands::sources::test_connection,
            commands::sources::connect_source,
            commands::sources::confirm_source_host,
            commands::sources::sync_sources,
            commands::sources::cancel_sync,
            commands::sources::sync_history,
            commands::sources::remove_source,
            commands::import::pick_import_file,
            commands::import::import_options,
            commands::import::preview_import,
            commands::import::run_import,
            commands::import::cancel_import,
            commands::data_export::export_data,
            commands::data_export::cancel_export,
            commands::chart_export::export_chart,
            commands::chart_export::copy_chart,
            commands::window::set_menu_language,
            commands::window::set_window_theme,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("error: Deskbench could not start: {err}");
        std::process::exit(1);
    }
}
