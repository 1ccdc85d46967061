//! Syncing one Freshdesk account: the account's lists first (what converting a ticket
//! needs, and the names), then contacts, the three tickets lists with their
//! conversations, ratings and articles. Every page is written with its checkpoint in one
//! transaction, so a cancel, a fault or a kill resumes from the last saved page. A stream
//! the plan lacks (`403 require_feature`) is skipped and the others go on.

mod account;
mod lists;
mod progress;
mod since;
mod threads;
mod ticket_pages;
mod tickets;

pub use tickets::{ARCHIVED_STREAM, ARCHIVE_NOT_LISTED};

use std::collections::BTreeMap;

use tokio_util::sync::CancellationToken;

use reqwest::Url;
use serde::Deserialize;
use serde_json::Value;

use crate::sources::freshdesk::client::{Client, Fetched};
use crate::sources::freshdesk::csat::NeutralRating;
use crate::sources::freshdesk::error::FreshdeskError;
use crate::sources::freshdesk::pacer::Cost;
use crate::sources::freshdesk::streams::PAGE_SIZE;
use crate::store::{skipped_note, RunOutcome, Store, StoreError, StreamState};
use crate::sync::SyncEvent;

#[derive(Debug, thiserror::Error)]
pub enum FreshdeskSyncError {
    #[error("syncing {stream} failed: {source}")]
    Stream {
        stream: &'static str,
        #[source]
        source: FreshdeskError,
    },
    #[error(
        "the local database failed during the sync; the sync resumes from the last saved page"
    )]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone)]
pub struct FreshdeskSyncOptions {
    /// Read every stream from `start_time` again (stored data is kept and updated).
    pub full: bool,
    /// Where streams that were never synced start (unix seconds; 0 = everything).
    pub start_time: i64,
    /// Ratings are re-read this far back: they change after they are created and the
    /// API filters them by creation only.
    pub ratings_lookback: i64,
    /// Rows per list page (Freshdesk's most by default; tests page in smaller steps).
    pub per_page: u32,
    pub neutral: NeutralRating,
    /// The clock, passed in so tests control time.
    pub clock: fn() -> i64,
}

impl Default for FreshdeskSyncOptions {
    fn default() -> FreshdeskSyncOptions {
        FreshdeskSyncOptions {
            full: false,
            start_time: 0,
            ratings_lookback: 14 * 86_400,
            per_page: PAGE_SIZE,
            neutral: NeutralRating::default(),
            clock: crate::now,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FreshdeskSummary {
    pub run_id: i64,
    pub outcome: RunOutcome,
    /// Records written per stream.
    pub counts: BTreeMap<&'static str, u64>,
    pub problems: u64,
    /// Streams skipped, with the reason.
    pub skipped: Vec<(&'static str, String)>,
}

/// One run's shared state: where to write, what to report, and the totals.
struct Run<'a> {
    store: &'a mut Store,
    client: &'a Client,
    source_id: i64,
    run_id: i64,
    options: &'a FreshdeskSyncOptions,
    cancel: &'a CancellationToken,
    on_event: &'a mut (dyn FnMut(SyncEvent) + Send),
    progress: progress::Progress,
    summary: FreshdeskSummary,
}

/// How a stream ended early.
enum Stop {
    Freshdesk(FreshdeskError),
    Store(StoreError),
}

impl From<FreshdeskError> for Stop {
    fn from(e: FreshdeskError) -> Stop {
        Stop::Freshdesk(e)
    }
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Stop {
        Stop::Store(e)
    }
}

impl From<FreshdeskSyncError> for Stop {
    fn from(e: FreshdeskSyncError) -> Stop {
        match e {
            FreshdeskSyncError::Store(e) => Stop::Store(e),
            FreshdeskSyncError::Stream { source, .. } => Stop::Freshdesk(source),
        }
    }
}

impl Run<'_> {
    fn now(&self) -> i64 {
        (self.options.clock)()
    }

    /// Counts a stored page and reports it.
    fn stored(&mut self, stream: &'static str, records: usize, problems: usize) {
        let total = self.summary.counts.entry(stream).or_default();
        *total += records as u64;
        let records = *total;
        self.summary.problems += problems as u64;
        self.report_page(stream, records, problems);
    }

    /// GETs one page, reporting the client's waits; stops first when cancelled.
    async fn get(
        &mut self,
        stream: &'static str,
        url: &Url,
        cost: Cost,
    ) -> Result<Fetched, FreshdeskError> {
        if self.cancel.is_cancelled() {
            return Err(FreshdeskError::Cancelled);
        }
        let (client, cancel) = (self.client, self.cancel);
        let mut on_wait = |wait| self.report(stream, |s| SyncEvent::waiting(s, wait));
        client.get_json(url, cost, cancel, &mut on_wait).await
    }

    /// Every item of a list, following its `Link` headers from `url`.
    async fn read_all(
        &mut self,
        stream: &'static str,
        url: Url,
    ) -> Result<Vec<Value>, FreshdeskError> {
        let mut items = Vec::new();
        let mut next = Some(url);
        while let Some(url) = next {
            let fetched = self.get(stream, &url, Cost::CALL).await?;
            items.extend(json_list::<Value>(&fetched.body, &url)?);
            next = fetched.next;
        }
        Ok(items)
    }

    /// Where a stream stopped last, unless the run reads everything again.
    fn checkpoint(&self, stream: &str) -> Result<Option<StreamState>, StoreError> {
        if self.options.full {
            return Ok(None);
        }
        Ok(self
            .store
            .stream_states(self.source_id)?
            .into_iter()
            .find(|s| s.stream == stream))
    }

    /// Records how a stream ended: finished, skipped (plan-gated), or stopping the run.
    fn ended(
        &mut self,
        stream: &'static str,
        result: Result<(), Stop>,
    ) -> Result<(), FreshdeskSyncError> {
        let now = self.now();
        match result {
            Ok(()) => {
                self.store
                    .finish_stream(self.source_id, stream, now, None)?;
                let records = self.summary.counts.get(stream).copied().unwrap_or(0);
                self.report(stream, |stream| SyncEvent::StreamFinished {
                    stream,
                    records,
                });
                Ok(())
            }
            Err(Stop::Freshdesk(err @ FreshdeskError::FeatureUnavailable { .. })) => {
                let reason = err.to_string();
                let note = skipped_note(&reason);
                self.store
                    .finish_stream(self.source_id, stream, now, Some(&note))?;
                let skipped = reason.clone();
                self.report(stream, |stream| SyncEvent::StreamSkipped {
                    stream,
                    reason: skipped,
                });
                self.summary.skipped.push((stream, reason));
                Ok(())
            }
            Err(Stop::Freshdesk(source)) => Err(FreshdeskSyncError::Stream { stream, source }),
            Err(Stop::Store(err)) => Err(err.into()),
        }
    }
}

/// Syncs one Freshdesk source. Returns the summary of a finished or cancelled run; a
/// failure is recorded in the run log and returned as an error naming the stream.
pub async fn run(
    store: &mut Store,
    source_id: i64,
    client: &Client,
    options: &FreshdeskSyncOptions,
    cancel: &CancellationToken,
    on_event: &mut (dyn FnMut(SyncEvent) + Send),
) -> Result<FreshdeskSummary, FreshdeskSyncError> {
    let run_id = store.begin_run(source_id, (options.clock)())?;
    let mut run = Run {
        store,
        client,
        source_id,
        run_id,
        options,
        cancel,
        on_event,
        progress: progress::Progress::default(),
        summary: FreshdeskSummary {
            run_id,
            outcome: RunOutcome::Running,
            counts: BTreeMap::new(),
            problems: 0,
            skipped: Vec::new(),
        },
    };
    let result = all_streams(&mut run).await;
    let now = run.now();
    let counts = serde_json::to_value(&run.summary.counts).unwrap_or_default();
    let mut summary = run.summary;
    let failure = match result {
        Ok(()) => {
            summary.outcome = RunOutcome::Succeeded;
            None
        }
        Err(FreshdeskSyncError::Stream {
            source: FreshdeskError::Cancelled,
            ..
        }) => {
            summary.outcome = RunOutcome::Cancelled;
            None
        }
        Err(err) => Some(err),
    };
    let Some(err) = failure else {
        store.finish_run(run_id, now, summary.outcome, &counts, None)?;
        return Ok(summary);
    };
    let message = err.to_string();
    if let FreshdeskSyncError::Stream { stream, .. } = &err {
        store.finish_stream(source_id, stream, now, Some(&message))?;
    }
    // After a database failure the run log may not be writable either.
    let _ = store.finish_run(run_id, now, RunOutcome::Failed, &counts, Some(&message));
    Err(err)
}

async fn all_streams(run: &mut Run<'_>) -> Result<(), FreshdeskSyncError> {
    let account = account::refresh(run).await?;
    lists::refresh(run).await?;
    since::pull_contacts(run).await?;
    tickets::pull(run, &account).await?;
    since::pull_ratings(run, &account).await?;
    lists::articles(run).await
}

/// A page's JSON array, each item as `T`.
fn json_list<'a, T: Deserialize<'a>>(body: &'a [u8], url: &Url) -> Result<Vec<T>, FreshdeskError> {
    serde_json::from_slice(body).map_err(|e| {
        FreshdeskError::UnexpectedResponse(format!("{} is not a list ({e})", url.path()))
    })
}
