//! The IPC commands, grouped by screen. Each is a few lines over one core function;
//! blocking work (SQLite, polars) runs on blocking threads.

pub mod overview;
pub mod sources;

use crate::error::IpcError;

/// Runs blocking work off the async runtime's threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|err| IpcError::internal(format!("background work failed: {err}")))?
}
