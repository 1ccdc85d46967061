fn main() {
    // Declaring the app's commands makes Tauri generate a permission for each, so the
    // capability file can grant exactly these and nothing else.
    let manifest = tauri_build::AppManifest::new().commands(&["open_workspace", "overview"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri configuration is valid");
}
