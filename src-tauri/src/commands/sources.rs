//! The Sources screen: connect a Zendesk account, confirm a source's host, sync with live
//! progress and cancel, the sync history, and removing a source.

use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{Emitter, State, WebviewWindow};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use deskbench::secrets::Secret;
use deskbench::store::{RunOutcome, SyncRun};
use deskbench::sync::{PlanOptions, SyncEvent};
use deskbench::workspace::{
    check_zendesk, parse_address, SourceView, Workspace, WorkspaceInfo, ZendeskAuth,
    ZendeskSettings,
};

use super::blocking;
use super::overview::{load, set_title};
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

/// What the connect form sends. The token crosses IPC once, inward, and goes to the OS
/// keychain; it is never sent back.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConnectRequest {
    pub name: String,
    /// A subdomain (`acme`), a host or a URL.
    pub address: String,
    pub email: Option<String>,
    pub token: String,
    pub auth: ZendeskAuth,
}

/// Who the token belongs to, for "Test connection".
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConnectionCheck {
    pub base_url: String,
    pub user: String,
    pub role: String,
}

/// A progress event of one source's sync.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncProgress {
    pub source: String,
    pub event: SyncEvent,
}

/// How one source's sync ended.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SourceSyncResult {
    pub source: String,
    pub outcome: RunOutcome,
    #[ts(type = "number")]
    pub records: u64,
    #[ts(type = "number")]
    pub problems: u64,
    /// Streams the account does not offer, with the reason.
    pub skipped: Vec<String>,
    /// Why the sync failed, in plain words.
    pub error: Option<String>,
}

fn settings_of(request: &ConnectRequest) -> ZendeskSettings {
    ZendeskSettings {
        email: request.email.clone().filter(|e| !e.trim().is_empty()),
        auth: request.auth,
        incremental_limit: None,
    }
}

fn validate(request: &ConnectRequest) -> Result<(), IpcError> {
    let invalid = |message: &str| IpcError {
        code: ErrorCode::InvalidInput,
        message: message.to_owned(),
    };
    if request.name.trim().is_empty() {
        return Err(invalid("give the source a name"));
    }
    if request.auth == ZendeskAuth::ApiToken
        && request.email.as_deref().is_none_or(|e| !e.contains('@'))
    {
        return Err(invalid(
            "enter the email of the admin whose API token this is",
        ));
    }
    Ok(())
}

/// Checks the address and token without storing anything.
#[tauri::command]
pub async fn test_connection(request: ConnectRequest) -> Result<ConnectionCheck, IpcError> {
    validate(&request)?;
    let base = parse_address(&request.address)?;
    let token = Secret::new(request.token.clone())
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, &e))?;
    let me = check_zendesk(
        &base,
        &settings_of(&request),
        &token,
        &CancellationToken::new(),
    )
    .await?;
    Ok(ConnectionCheck {
        base_url: base.as_str().to_owned(),
        user: me.name,
        role: me.role,
    })
}

/// Checks, adds the source (replacing the demo), stores the token in the keychain and
/// confirms the host.
#[tauri::command]
pub async fn connect_source(
    request: ConnectRequest,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo, IpcError> {
    validate(&request)?;
    let base = parse_address(&request.address)?;
    let settings = settings_of(&request);
    let token = Secret::new(request.token.clone())
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, &e))?;
    check_zendesk(&base, &settings, &token, &CancellationToken::new()).await?;
    let (dir, loaded, vault) = (state.dir()?, state.loaded.clone(), state.vault()?);
    let name = request.name.trim().to_owned();
    let info = blocking(move || {
        Workspace::open(&dir)?.add_zendesk_source(
            &name,
            &base,
            &settings,
            Some(&token),
            &vault,
            deskbench::now(),
        )?;
        load(&dir, &loaded)
    })
    .await?;
    set_title(&window, &info);
    let _ = window.emit("workspace-changed", &info);
    Ok(info)
}

#[tauri::command]
pub async fn list_sources(state: State<'_, AppState>) -> Result<Vec<SourceView>, IpcError> {
    let (dir, vault) = (state.dir()?, state.vault()?);
    blocking(move || Ok(Workspace::open(&dir)?.source_views(&vault)?)).await
}

/// Records that the user agrees to send the source's token to `base_url`, the address
/// the confirmation dialog showed.
#[tauri::command]
pub async fn confirm_source_host(
    name: String,
    base_url: String,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let (dir, vault) = (state.dir()?, state.vault()?);
    blocking(move || Ok(Workspace::open(&dir)?.confirm_source_host(&name, &base_url, &vault)?))
        .await
}

#[tauri::command]
pub async fn sync_history(state: State<'_, AppState>) -> Result<Vec<SyncRun>, IpcError> {
    let dir = state.dir()?;
    blocking(move || Ok(Workspace::open(&dir)?.store().runs(None, 50)?)).await
}

/// Syncs every Zendesk source, streaming progress; then reloads the frame and tells every
/// screen (`workspace-changed`) to refresh. Refuses, with `unconfirmed_host` and before
/// anything is sent, while a source's host is not confirmed.
#[tauri::command]
pub async fn sync_sources(
    full: bool,
    on_event: Channel<SyncProgress>,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Vec<SourceSyncResult>, IpcError> {
    let cancel = CancellationToken::new();
    {
        let mut running = state
            .sync
            .lock()
            .map_err(|_| IpcError::internal("the sync lock is poisoned"))?;
        if running.is_some() {
            return Err(IpcError {
                code: ErrorCode::InvalidInput,
                message: "a sync is already running".into(),
            });
        }
        *running = Some(cancel.clone());
    }
    let result = run_syncs(full, &on_event, &cancel, &state).await;
    if let Ok(mut running) = state.sync.lock() {
        *running = None;
    }
    let results = result?;
    let (dir, loaded) = (state.dir()?, state.loaded.clone());
    let info = blocking(move || load(&dir, &loaded)).await?;
    set_title(&window, &info);
    let _ = window.emit("workspace-changed", &info);
    Ok(results)
}

async fn run_syncs(
    full: bool,
    on_event: &Channel<SyncProgress>,
    cancel: &CancellationToken,
    state: &AppState,
) -> Result<Vec<SourceSyncResult>, IpcError> {
    // Its own connection: queries keep reading the workspace meanwhile (WAL).
    let mut workspace = Workspace::open(&state.dir()?)?;
    let vault = state.vault()?;
    let sources = workspace.syncable_sources()?;
    workspace.require_confirmed_hosts(&sources, &vault)?;
    let mut results = Vec::new();
    for source in sources {
        let plan = PlanOptions {
            full,
            ..PlanOptions::default()
        };
        let mut send = |event| {
            // A closed window cannot listen any more; the sync goes on regardless.
            let _ = on_event.send(SyncProgress {
                source: source.clone(),
                event,
            });
        };
        let result = workspace
            .sync_source(&source, None, &vault, plan, cancel, &mut send)
            .await;
        let entry = match result {
            Ok(summary) => SourceSyncResult {
                source: source.clone(),
                outcome: summary.outcome,
                records: summary.counts.values().sum(),
                problems: summary.problems,
                skipped: summary
                    .skipped
                    .iter()
                    .map(|(s, why)| format!("{}: {why}", s.name()))
                    .collect(),
                error: None,
            },
            Err(err) => SourceSyncResult {
                source: source.clone(),
                outcome: RunOutcome::Failed,
                records: 0,
                problems: 0,
                skipped: Vec::new(),
                error: Some(IpcError::from(err).message),
            },
        };
        let cancelled = entry.outcome == RunOutcome::Cancelled;
        results.push(entry);
        if cancelled {
            break;
        }
    }
    Ok(results)
}

/// Cancels the running sync; every page stored so far is kept.
#[tauri::command]
pub fn cancel_sync(state: State<'_, AppState>) {
    if let Ok(running) = state.sync.lock() {
        if let Some(cancel) = running.as_ref() {
            cancel.cancel();
        }
    }
}

/// Removes a source, its data and its keychain token.
#[tauri::command]
pub async fn remove_source(
    name: String,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo, IpcError> {
    let (dir, loaded, vault) = (state.dir()?, state.loaded.clone(), state.vault()?);
    let info = blocking(move || {
        Workspace::open(&dir)?.remove_source(&name, &vault)?;
        load(&dir, &loaded)
    })
    .await?;
    set_title(&window, &info);
    let _ = window.emit("workspace-changed", &info);
    Ok(info)
}
