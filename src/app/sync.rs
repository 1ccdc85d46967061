//! Syncing a workspace's sources one after the other, with progress and cancel: the one
//! loop behind the app's Sync button and `deskbench sync`.

use serde::Serialize;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{chain, AppError, Session};
use crate::secrets::Vault;
use crate::store::records::SourceKind;
use crate::store::{RunOutcome, SyncRun};
use crate::sync::freshdesk::FreshdeskSummary;
use crate::sync::{PlanOptions, SyncEvent, SyncSummary};
use crate::workspace::WorkspaceError;

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

/// Which sources to sync and how.
#[derive(Debug, Clone, Default)]
pub struct SyncRequest {
    /// The sources to sync in turn; every Zendesk and Freshdesk source when empty.
    pub sources: Vec<String>,
    /// Read every stream from the beginning again.
    pub full: bool,
    /// The environment variable holding the token (or API key), for sources that keep
    /// none.
    pub token_env: Option<String>,
    /// Stop at the first source that fails, with its error, instead of going on with
    /// the next and reporting the failure in its result.
    pub stop_at_error: bool,
}

impl SyncRequest {
    /// Every Zendesk and Freshdesk source, each going on after another failed, as the app
    /// syncs.
    pub fn all(full: bool) -> SyncRequest {
        SyncRequest {
            full,
            ..SyncRequest::default()
        }
    }
}

/// Hears how a sync goes: each source's start, its events and its result.
pub trait SyncObserver: Send {
    fn started(&mut self, _source: &str) {}
    fn event(&mut self, source: &str, event: SyncEvent);
    fn finished(&mut self, _result: &SourceSyncResult) {}
}

/// Hands each event, with its source, to a function: a front end that only shows
/// progress (the app's channel to its web view).
pub struct ForwardEvents<F>(pub F);

impl<F: FnMut(SyncProgress) + Send> SyncObserver for ForwardEvents<F> {
    fn event(&mut self, source: &str, event: SyncEvent) {
        let source = source.to_owned();
        (self.0)(SyncProgress { source, event });
    }
}

impl Session {
    /// The sources a sync covers: the one named, or every Zendesk and Freshdesk source.
    pub fn sources_to_sync(&self, name: Option<&str>) -> Result<Vec<String>, AppError> {
        self.with_open(|open| match name {
            Some(name) => Ok(vec![open.workspace.source(name)?.name]),
            None => Ok(open.workspace.syncable_sources()?),
        })
    }

    /// Syncs the request's sources in turn; a cancel keeps every page stored so far and
    /// ends the run. Refuses before anything is sent while a source's host is not
    /// confirmed, and while another sync runs. Reload the session afterwards to see the
    /// new data.
    pub async fn sync(
        &self,
        request: &SyncRequest,
        vault: &Vault,
        observer: &mut dyn SyncObserver,
    ) -> Result<Vec<SourceSyncResult>, AppError> {
        let cancel = CancellationToken::new();
        let _running = self.syncing.claim(cancel.clone(), AppError::SyncRunning)?;
        // A connection of its own: queries keep reading the workspace meanwhile.
        let mut workspace = self.own_connection()?;
        let sources = match request.sources.as_slice() {
            [] => workspace.syncable_sources()?,
            named => named.to_vec(),
        };
        workspace.require_confirmed_hosts(&sources, vault)?;
        let mut results = Vec::new();
        for source in &sources {
            observer.started(source);
            let token_env = request.token_env.as_deref();
            let (result, failure) = match workspace.source(source)?.kind {
                SourceKind::Freshdesk => {
                    let mut send = |event| observer.event(source, event);
                    let ended = workspace
                        .sync_freshdesk_source(
                            source,
                            token_env,
                            vault,
                            request.full,
                            &cancel,
                            &mut send,
                        )
                        .await;
                    (SourceSyncResult::of_freshdesk(source, &ended), ended.err())
                }
                _ => {
                    let plan = PlanOptions {
                        full: request.full,
                        ..PlanOptions::default()
                    };
                    let mut send = |event| observer.event(source, event);
                    let ended = workspace
                        .sync_source(source, token_env, vault, plan, &cancel, &mut send)
                        .await;
                    (SourceSyncResult::of(source, &ended), ended.err())
                }
            };
            observer.finished(&result);
            match failure {
                Some(err) if request.stop_at_error => return Err(err.into()),
                _ if result.outcome == RunOutcome::Cancelled => {
                    results.push(result);
                    break;
                }
                _ => results.push(result),
            }
        }
        Ok(results)
    }

    /// Cancels the running sync, if any; every page stored so far is kept.
    pub fn cancel_sync(&self) {
        if let Some(cancel) = self.syncing.current() {
            cancel.cancel();
        }
    }

    /// The latest sync runs, newest first.
    pub fn sync_history(&self, limit: u32) -> Result<Vec<SyncRun>, AppError> {
        Ok(self.own_connection()?.store().runs(None, limit)?)
    }
}

impl SourceSyncResult {
    fn of(source: &str, ended: &Result<SyncSummary, WorkspaceError>) -> SourceSyncResult {
        match ended {
            Ok(summary) => SourceSyncResult {
                source: source.to_owned(),
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
            Err(err) => SourceSyncResult::failed(source, err),
        }
    }

    fn of_freshdesk(
        source: &str,
        ended: &Result<FreshdeskSummary, WorkspaceError>,
    ) -> SourceSyncResult {
        match ended {
            Ok(summary) => SourceSyncResult {
                source: source.to_owned(),
                outcome: summary.outcome,
                records: summary.counts.values().sum(),
                problems: summary.problems,
                skipped: summary
                    .skipped
                    .iter()
                    .map(|(s, why)| format!("{s}: {why}"))
                    .collect(),
                error: None,
            },
            Err(err) => SourceSyncResult::failed(source, err),
        }
    }

    fn failed(source: &str, err: &WorkspaceError) -> SourceSyncResult {
        SourceSyncResult {
            source: source.to_owned(),
            outcome: RunOutcome::Failed,
            records: 0,
            problems: 0,
            skipped: Vec::new(),
            error: Some(chain(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::SyncStream;

    #[test]
    fn forwarded_events_carry_their_source() {
        let mut heard = Vec::new();
        let mut forward = ForwardEvents(|p: SyncProgress| heard.push(p.source));
        let stream = SyncStream::Tickets;
        let started = SyncEvent::StreamStarted {
            stream,
            back_fill: None,
        };
        forward.event("acme", started.clone());
        forward.event("beta", started);
        assert_eq!(heard, ["acme", "beta"]);
    }
}
