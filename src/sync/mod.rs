//! The sync engine: plan where each stream starts, then fetch every stream's pages at
//! once (each under its rate-limit budget) and apply each page with its checkpoint in one
//! transaction, one page at a time through the one store. Rate limits and retries live in
//! the client; this module decides what to fetch, records outcomes, reports progress, and
//! stops cleanly on cancel (every completed page is kept).

mod apply;
mod fetch_ahead;
pub mod freshdesk;
pub mod plan;
pub mod progress;
mod read_ahead;
mod writer;

use std::collections::BTreeMap;

use tokio_util::sync::CancellationToken;

use writer::{Stop, Writer};

use crate::sources::zendesk::{Position, Stream, ZendeskError};
use crate::store::{RunOutcome, Store, StoreError};

pub use apply::apply_page;
pub use fetch_ahead::PageSource;
pub use plan::{plan, PlanOptions};
pub use progress::{BackFill, BudgetKind, SyncEvent, SyncStream, WaitBudget, WaitReason};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("syncing {stream} failed: {source}")]
    Stream {
        stream: &'static str,
        #[source]
        source: ZendeskError,
    },
    #[error(
        "the local database failed during the sync; the sync resumes from the last saved page"
    )]
    Store(#[from] StoreError),
}

impl SyncError {
    /// The Zendesk error behind a stream failure, for callers that branch on it.
    pub fn zendesk(&self) -> Option<&ZendeskError> {
        match self {
            SyncError::Stream { source, .. } => Some(source),
            SyncError::Store(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyncSummary {
    pub run_id: i64,
    pub outcome: RunOutcome,
    /// Records written per stream.
    pub counts: BTreeMap<&'static str, u64>,
    pub problems: u64,
    /// Streams skipped (plan-gated), with the reason.
    pub skipped: Vec<(Stream, String)>,
}

pub struct SyncOptions {
    pub plan: PlanOptions,
    /// The clock, passed in so tests control time.
    pub clock: fn() -> i64,
}

/// Syncs one source. Returns the summary of a finished or cancelled run; a failure is
/// recorded in the run log and returned as an error naming the stream.
pub async fn run<S: PageSource>(
    store: &mut Store,
    source_id: i64,
    client: &S,
    options: &SyncOptions,
    cancel: &CancellationToken,
    on_event: &mut (dyn FnMut(SyncEvent) + Send),
) -> Result<SyncSummary, SyncError> {
    let now = options.clock;
    let run_id = store.begin_run(source_id, now())?;
    let states = store.stream_states(source_id)?;
    let plan = plan::plan(&states, &options.plan, now());
    let mut writer = Writer {
        store,
        source_id,
        run_id,
        now,
        lookback: options.plan.ratings_lookback,
        back_fills: plan::back_fills(&states, &options.plan),
        on_event,
        streams: BTreeMap::new(),
        skipped: Vec::new(),
    };
    let stop = writer.write(client, plan, cancel).await;
    let mut summary = SyncSummary {
        run_id,
        outcome: RunOutcome::Running,
        counts: BTreeMap::new(),
        problems: 0,
        skipped: writer.skipped,
    };
    for (stream, progress) in &writer.streams {
        summary.counts.insert(stream.name(), progress.records);
        summary.problems += progress.problems;
    }
    summary.outcome = match stop {
        Ok(()) => RunOutcome::Succeeded,
        Err(Stop::Cancelled) => RunOutcome::Cancelled,
        Err(Stop::Failed { stream, source }) => {
            let err = SyncError::Stream {
                stream: stream.name(),
                source,
            };
            let message = err.to_string();
            store.finish_stream(source_id, stream.name(), now(), Some(&message))?;
            store.finish_run(
                run_id,
                now(),
                RunOutcome::Failed,
                &counts_json(&summary),
                Some(&message),
            )?;
            return Err(err);
        }
        Err(Stop::Store(err)) => {
            // The failed page was rolled back; record what can be recorded.
            let _ = store.finish_run(
                run_id,
                now(),
                RunOutcome::Failed,
                &counts_json(&summary),
                Some(&err.to_string()),
            );
            return Err(err.into());
        }
    };
    store.finish_run(run_id, now(), summary.outcome, &counts_json(&summary), None)?;
    Ok(summary)
}

/// Pulls one stream from `start` to its end into the store, as `run` does for each
/// stream, without planning or the run log around it; returns the records written.
/// For replaying recorded pages (the ingest benchmark).
pub async fn pull_stream<S: PageSource>(
    store: &mut Store,
    source_id: i64,
    run_id: i64,
    pages: &S,
    stream: Stream,
    start: Position,
    cancel: &CancellationToken,
) -> Result<u64, SyncError> {
    let mut writer = Writer {
        store,
        source_id,
        run_id,
        now: crate::now,
        lookback: 0,
        back_fills: Vec::new(),
        on_event: &mut |_| {},
        streams: BTreeMap::new(),
        skipped: Vec::new(),
    };
    let stop = writer.write(pages, vec![(stream, start)], cancel).await;
    let records = writer.streams.get(&stream).map_or(0, |p| p.records);
    let source = match stop {
        Ok(()) => return Ok(records),
        Err(Stop::Store(err)) => return Err(err.into()),
        Err(Stop::Cancelled) => ZendeskError::Cancelled,
        Err(Stop::Failed { source, .. }) => source,
    };
    Err(SyncError::Stream {
        stream: stream.name(),
        source,
    })
}

/// Where the next run's ratings window starts: a lookback before the newest change seen,
/// never earlier than this window's start, and never past the server's `now`, whatever
/// a record's `updated_at` says (a rating dated in 2099 would otherwise hide every later
/// change).
fn next_window(start_time: i64, newest: Option<i64>, lookback: i64, now: i64) -> Position {
    let newest = newest.map(|t| t.min(now));
    let start_time = newest
        .map_or(start_time, |t| t.saturating_sub(lookback).max(start_time))
        .min(now);
    Position::Window {
        start_time,
        after: None,
    }
}

fn counts_json(summary: &SyncSummary) -> serde_json::Value {
    serde_json::to_value(&summary.counts).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_ratings_window_looks_back_from_the_newest_change_seen() {
        let window = |start_time| Position::Window {
            start_time,
            after: None,
        };
        let now = 50_000;
        assert_eq!(next_window(100, Some(10_000), 1_000, now), window(9_000));
        assert_eq!(
            next_window(100, Some(500), 1_000, now),
            window(100),
            "never earlier than this window"
        );
        assert_eq!(
            next_window(100, None, 1_000, now),
            window(100),
            "no rating seen: same window again"
        );
    }

    #[test]
    fn the_next_ratings_window_never_starts_past_the_servers_now() {
        let window = |start_time| Position::Window {
            start_time,
            after: None,
        };
        let in_2099 = 4_070_908_800;
        assert_eq!(
            next_window(100, Some(in_2099), 1_000, 50_000),
            window(49_000),
            "a rating dated in the future counts as changed now"
        );
        assert_eq!(
            next_window(in_2099, None, 1_000, 50_000),
            window(50_000),
            "a window already past now is pulled back"
        );
        assert_eq!(
            next_window(100, Some(i64::MAX), i64::MAX, 50_000),
            window(100),
            "no overflow on absurd values"
        );
    }
}
