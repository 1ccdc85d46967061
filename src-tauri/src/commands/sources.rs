//! The Sources screen: connect a helpdesk account, confirm a source's host, sync with live
//! progress and cancel, the sync history, and removing a source.

use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use deskbench::app::sources::{ConnectRequest, ConnectionCheck};
use deskbench::app::sync::{ForwardEvents, SourceSyncResult, SyncProgress, SyncRequest};
use deskbench::store::SyncRun;
use deskbench::workspace::{SourceView, WorkspaceInfo};

use super::{announce, with_session};
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// Checks the address and token without storing anything.
#[tauri::command]
pub async fn test_connection(request: ConnectRequest) -> Result<ConnectionCheck, IpcError> {
    Ok(request.test().await?)
}

/// Checks, adds the source (replacing the demo), stores the token in the keychain and
/// confirms the host.
#[tauri::command]
pub async fn connect_source(
    request: ConnectRequest,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo, IpcError> {
    let checked = request.check().await?;
    let vault = state.vault()?;
    let info = with_session(&state, move |s| s.add_source(checked, &vault)).await?;
    announce(&window, &info);
    Ok(info)
}

#[tauri::command]
pub async fn list_sources(state: State<'_, AppState>) -> Result<Vec<SourceView>, IpcError> {
    let vault = state.vault()?;
    with_session(&state, move |s| s.source_views(&vault)).await
}

/// Records that the user agrees to send the source's token to `base_url`, the address
/// the confirmation dialog showed.
#[tauri::command]
pub async fn confirm_source_host(
    name: String,
    base_url: String,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let vault = state.vault()?;
    with_session(&state, move |s| {
        s.confirm_source_host(&name, &base_url, &vault)
    })
    .await
}

#[tauri::command]
pub async fn sync_history(state: State<'_, AppState>) -> Result<Vec<SyncRun>, IpcError> {
    with_session(&state, |s| s.sync_history(50)).await
}

/// Syncs every helpdesk source, streaming progress; then reloads the frame and tells every
/// screen (`workspace-changed`) to refresh. Refuses, with `unconfirmed_host` and before
/// anything is sent, while a source's host is not confirmed.
#[tauri::command]
pub async fn sync_sources(
    full: bool,
    on_event: Channel<SyncProgress>,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Vec<SourceSyncResult>, IpcError> {
    let (session, vault) = (state.session()?, state.vault()?);
    // A closed window cannot listen any more; the sync goes on regardless.
    let mut to_view = ForwardEvents(move |progress| drop(on_event.send(progress)));
    let results = session
        .sync(&SyncRequest::all(full), &vault, &mut to_view)
        .await?;
    let info = with_session(&state, |s| s.reload()).await?;
    announce(&window, &info);
    Ok(results)
}

/// Cancels the running sync; every page stored so far is kept.
#[tauri::command]
pub fn cancel_sync(state: State<'_, AppState>) {
    if let Ok(session) = state.session() {
        session.cancel_sync();
    }
}

/// Removes a source, its data and its keychain token.
#[tauri::command]
pub async fn remove_source(
    name: String,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo, IpcError> {
    let vault = state.vault()?;
    let info = with_session(&state, move |s| s.remove_source(&name, &vault)).await?;
    announce(&window, &info);
    Ok(info)
}
