fn main() {
    // Declaring the app's commands makes Tauri generate a permission for each, so the
    // capability file can grant exactly these and nothing else.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "generates_demo",
        "open_workspace",
        "overview",
        "kpi_chart",
        "ticket_list",
        "explore_dimensions",
        "dimension_values",
        "open_ticket",
        "open_article",
        "people_table",
        "feedback",
        "feedback_tickets",
        "rename_theme",
        "merge_themes",
        "split_theme",
        "remove_theme_edit",
        "list_sources",
        "test_connection",
        "connect_source",
        "confirm_source_host",
        "sync_sources",
        "cancel_sync",
        "sync_history",
        "remove_source",
        "pick_import_file",
        "import_options",
        "preview_import",
        "run_import",
        "cancel_import",
        "export_data",
        "cancel_export",
        "export_chart",
        "copy_chart",
        "set_menu_language",
        "set_window_theme",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri configuration is valid");
}
