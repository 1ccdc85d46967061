//! The IPC commands, grouped by screen. Each is a few lines over one core function;
//! blocking work (SQLite, polars) runs on blocking threads.

pub mod chart_export;
pub mod data_export;
pub mod explore;
pub mod feedback;
pub mod overview;
pub mod people;
pub mod save_dialog;
pub mod sources;

use crate::error::IpcError;
use crate::state::{Loaded, SharedWorkspace};

/// Runs blocking work off the async runtime's threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|err| IpcError::internal(format!("background work failed: {err}")))?
}

/// Runs `work` on the open workspace, holding its lock meanwhile: call on a blocking
/// thread, and keep slow work that needs only the frame outside.
fn with_loaded<T>(
    shared: &SharedWorkspace,
    work: impl FnOnce(&Loaded) -> Result<T, IpcError>,
) -> Result<T, IpcError> {
    let guard = shared
        .lock()
        .map_err(|_| IpcError::internal("the workspace lock is poisoned"))?;
    let loaded = guard
        .as_ref()
        .ok_or_else(|| IpcError::internal("the workspace is not open yet"))?;
    work(loaded)
}

#[cfg(test)]
pub(crate) mod testing {
    use std::sync::{Arc, Mutex};

    use deskbench::demo::DemoConfig;
    use deskbench::workspace::Workspace;

    use super::overview::load;
    use crate::state::SharedWorkspace;

    /// A small demo workspace, opened as the app opens it.
    pub(crate) fn demo() -> (tempfile::TempDir, SharedWorkspace) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let config = DemoConfig {
            tickets: 300,
            months: 3,
            now: deskbench::now(),
            ..DemoConfig::default()
        };
        Workspace::create_demo(dir.path(), &config, &mut |_| {}).expect("the demo is written");
        let shared: SharedWorkspace = Arc::new(Mutex::new(None));
        load(dir.path(), &shared).expect("the workspace opens");
        (dir, shared)
    }
}
