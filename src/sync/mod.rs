//! The sync engine: plan where each stream starts, then fetch page after page and apply
//! each page with its checkpoint in one transaction. Rate limits and retries live in the
//! client; this module decides what to fetch, records outcomes, reports progress, and
//! stops cleanly on cancel (every completed page is kept).

mod apply;
mod fetch_ahead;
pub mod plan;
pub mod progress;

use std::collections::BTreeMap;
use std::time::Instant;

use tokio_util::sync::CancellationToken;

use fetch_ahead::{PagesAhead, Step};

use crate::sources::zendesk::{Position, Stream, Wait, ZendeskError};
use crate::store::{RunOutcome, Store, StoreError};

pub use apply::apply_page;
pub use fetch_ahead::PageSource;
pub use plan::{plan, PlanOptions};
pub use progress::{SyncEvent, WaitReason};

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
    let mut summary = SyncSummary {
        run_id,
        outcome: RunOutcome::Running,
        counts: BTreeMap::new(),
        problems: 0,
        skipped: Vec::new(),
    };
    let plan = plan::plan(&store.stream_states(source_id)?, &options.plan);
    for (stream, start) in plan {
        on_event(SyncEvent::StreamStarted { stream });
        let mut progress = StreamProgress::new(stream);
        let result = sync_stream(
            store,
            source_id,
            run_id,
            client,
            stream,
            start,
            now,
            options.plan.ratings_lookback,
            cancel,
            &mut progress,
            on_event,
        )
        .await;
        summary.counts.insert(stream.name(), progress.records);
        summary.problems += progress.problems;
        match result {
            Ok(()) => {
                store.finish_stream(source_id, stream.name(), now(), None)?;
                on_event(SyncEvent::StreamFinished {
                    stream,
                    records: progress.records,
                });
            }
            Err(StreamError::Zendesk(ZendeskError::Cancelled)) => {
                summary.outcome = RunOutcome::Cancelled;
                store.finish_run(
                    run_id,
                    now(),
                    RunOutcome::Cancelled,
                    &counts_json(&summary),
                    None,
                )?;
                return Ok(summary);
            }
            Err(StreamError::Zendesk(err @ ZendeskError::Forbidden { .. }))
                if stream.optional() =>
            {
                let reason = err.to_string();
                store.finish_stream(
                    source_id,
                    stream.name(),
                    now(),
                    Some(&format!("skipped: {reason}")),
                )?;
                on_event(SyncEvent::StreamSkipped {
                    stream,
                    reason: reason.clone(),
                });
                summary.skipped.push((stream, reason));
            }
            Err(StreamError::Zendesk(source)) => {
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
            Err(StreamError::Store(err)) => {
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
        }
    }
    summary.outcome = RunOutcome::Succeeded;
    store.finish_run(
        run_id,
        now(),
        RunOutcome::Succeeded,
        &counts_json(&summary),
        None,
    )?;
    Ok(summary)
}

enum StreamError {
    Zendesk(ZendeskError),
    Store(StoreError),
}

impl From<ZendeskError> for StreamError {
    fn from(e: ZendeskError) -> StreamError {
        StreamError::Zendesk(e)
    }
}

impl From<StoreError> for StreamError {
    fn from(e: StoreError) -> StreamError {
        StreamError::Store(e)
    }
}

/// Running totals of one stream and what an ETA needs.
struct StreamProgress {
    stream: Stream,
    records: u64,
    pages: u64,
    problems: u64,
    started: Instant,
    first_reached: Option<i64>,
    /// The latest time any page of this run reached.
    max_reached: Option<i64>,
}

impl StreamProgress {
    fn new(stream: Stream) -> StreamProgress {
        StreamProgress {
            stream,
            records: 0,
            pages: 0,
            problems: 0,
            started: Instant::now(),
            first_reached: None,
            max_reached: None,
        }
    }

    /// Time-ordered streams move from their start towards now; the share of that way
    /// already covered, at the speed so far, gives the time left.
    fn eta(&mut self, reached: Option<i64>, now: i64) -> Option<f64> {
        let reached = reached?;
        let first = *self.first_reached.get_or_insert(reached);
        let (done, total) = ((reached - first) as f64, (now - first) as f64);
        if done <= 0.0 || total <= 0.0 {
            return None;
        }
        let share = (done / total).min(1.0);
        Some(self.started.elapsed().as_secs_f64() * (1.0 - share) / share)
    }
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
    let mut progress = StreamProgress::new(stream);
    let ignore = &mut |_| {};
    let result = sync_stream(
        store,
        source_id,
        run_id,
        pages,
        stream,
        start,
        crate::now,
        0,
        cancel,
        &mut progress,
        ignore,
    )
    .await;
    match result {
        Ok(()) => Ok(progress.records),
        Err(StreamError::Zendesk(source)) => Err(SyncError::Stream {
            stream: stream.name(),
            source,
        }),
        Err(StreamError::Store(err)) => Err(err.into()),
    }
}

#[allow(clippy::too_many_arguments)]
async fn sync_stream<S: PageSource>(
    store: &mut Store,
    source_id: i64,
    run_id: i64,
    client: &S,
    stream: Stream,
    start: Position,
    now: fn() -> i64,
    lookback: i64,
    cancel: &CancellationToken,
    progress: &mut StreamProgress,
    on_event: &mut (dyn FnMut(SyncEvent) + Send),
) -> Result<(), StreamError> {
    let mut pages = PagesAhead::start(client.clone(), stream, start, cancel.clone());
    loop {
        let mut page = match pages.next().await {
            Step::Waiting(wait) => {
                on_event(waiting(stream, wait));
                continue;
            }
            Step::Failed(err) => return Err(err.into()),
            Step::Page(page, _room) => page,
        };
        if cancel.is_cancelled() {
            return Err(ZendeskError::Cancelled.into());
        }
        progress.max_reached = progress.max_reached.max(page.reached);
        if let (true, Position::Window { start_time, .. }) = (page.done, &page.next) {
            page.next = next_window(*start_time, progress.max_reached, lookback);
        }
        apply_page(store, source_id, run_id, stream, &page, now())?;
        progress.records += page.records.len() as u64;
        progress.pages += 1;
        progress.problems += page.problems.len() as u64;
        let eta_seconds = if page.done {
            Some(0.0)
        } else {
            progress.eta(page.reached, now())
        };
        on_event(SyncEvent::Page {
            stream: progress.stream,
            records: progress.records,
            pages: progress.pages,
            problems: progress.problems,
            eta_seconds,
        });
        if page.done {
            return Ok(());
        }
    }
}

/// Where the next run's ratings window starts: a lookback before the newest change seen,
/// never earlier than this window's start.
fn next_window(start_time: i64, newest: Option<i64>, lookback: i64) -> Position {
    let start_time = newest.map_or(start_time, |t| (t - lookback).max(start_time));
    Position::Window {
        start_time,
        after: None,
    }
}

fn waiting(stream: Stream, wait: Wait) -> SyncEvent {
    let (seconds, reason, detail) = match wait {
        Wait::Pacing(d) => (d.as_secs_f64(), WaitReason::Pacing, None),
        Wait::RateLimited(d) => (d.as_secs_f64(), WaitReason::RateLimited, None),
        Wait::Retrying {
            after,
            attempt,
            reason,
        } => (
            after.as_secs_f64(),
            WaitReason::Retry,
            Some(format!("try {attempt}: {reason}")),
        ),
    };
    SyncEvent::Waiting {
        stream,
        seconds,
        reason,
        detail,
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
        assert_eq!(next_window(100, Some(10_000), 1_000), window(9_000));
        assert_eq!(
            next_window(100, Some(500), 1_000),
            window(100),
            "never earlier than this window"
        );
        assert_eq!(
            next_window(100, None, 1_000),
            window(100),
            "no rating seen: same window again"
        );
    }
}
