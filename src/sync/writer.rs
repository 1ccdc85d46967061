//! The one writer of a sync: it takes the parsed pages of every stream as they arrive
//! (fetched concurrently, see `fetch_ahead`) and applies each with its checkpoint in one
//! transaction, one page at a time through the one store; it records how each stream
//! ended. A stream's pages are applied in their order, so a kill resumes each stream
//! exactly from its checkpoint.

use std::collections::BTreeMap;

use tokio_util::sync::CancellationToken;

use super::fetch_ahead::{Arrived, PageSource, PagesAhead, Step};
use super::progress::{BackFill, Eta};
use super::{apply_page, next_window, SyncEvent};
use crate::sources::zendesk::{Position, Stream, ZendeskError};
use crate::store::{skipped_note, Store, StoreError};

/// Why writing stopped before every stream ended.
pub(super) enum Stop {
    Cancelled,
    Failed {
        stream: Stream,
        source: ZendeskError,
    },
    Store(StoreError),
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Stop {
        Stop::Store(e)
    }
}

pub(super) struct Writer<'a> {
    pub store: &'a mut Store,
    pub source_id: i64,
    pub run_id: i64,
    pub now: fn() -> i64,
    /// Ratings are re-read this far before the newest rating change seen.
    pub lookback: i64,
    /// The planned streams that start over to back-fill, for progress to say so.
    pub back_fills: Vec<(Stream, BackFill)>,
    pub on_event: &'a mut (dyn FnMut(SyncEvent) + Send),
    /// Every planned stream's totals so far.
    pub streams: BTreeMap<Stream, StreamProgress>,
    /// Streams skipped (plan-gated), with the reason, in the order they ended.
    pub skipped: Vec<(Stream, String)>,
}

impl Writer<'_> {
    /// Writes the planned streams until every one has ended, or one stops the sync.
    pub async fn write<S: PageSource>(
        &mut self,
        client: &S,
        plan: Vec<(Stream, Position)>,
        cancel: &CancellationToken,
    ) -> Result<(), Stop> {
        for (stream, _) in &plan {
            let back_fill = (self.back_fills.iter())
                .find(|(s, _)| s == stream)
                .map(|(_, why)| *why);
            (self.on_event)(SyncEvent::StreamStarted {
                stream: (*stream).into(),
                back_fill,
            });
            self.streams.insert(*stream, StreamProgress::new());
        }
        let mut open: Vec<Stream> = plan.iter().map(|(s, _)| *s).collect();
        let mut pages = PagesAhead::start(client, plan, cancel);
        while let Some(&first_open) = open.first() {
            let Some((stream, step)) = pages.next().await else {
                return Err(Stop::Failed {
                    stream: first_open,
                    source: ZendeskError::UnexpectedResponse(
                        "reading the pages stopped unexpectedly".into(),
                    ),
                });
            };
            let ended = match step {
                Step::<S>::Waiting(wait) => {
                    (self.on_event)(SyncEvent::waiting(stream.into(), wait));
                    false
                }
                Step::Failed(err) => self.failed(stream, err)?,
                Step::Page(arrived, _room) => {
                    if cancel.is_cancelled() {
                        return Err(Stop::Cancelled);
                    }
                    self.page(stream, arrived)?
                }
            };
            if ended {
                open.retain(|s| *s != stream);
            }
        }
        Ok(())
    }

    /// Applies one page; true when it was the stream's last.
    fn page(&mut self, stream: Stream, arrived: Arrived) -> Result<bool, Stop> {
        let now = (self.now)();
        let Some(progress) = self.streams.get_mut(&stream) else {
            return Ok(true);
        };
        let mut page = arrived.page;
        progress.max_reached = progress.max_reached.max(page.reached);
        if let (true, Position::Window { start_time, .. }) = (page.done, &page.next) {
            let server_now = arrived.server_now.unwrap_or(now);
            page.next = next_window(*start_time, progress.max_reached, self.lookback, server_now);
        }
        apply_page(self.store, self.source_id, self.run_id, stream, &page, now)?;
        progress.records += page.records.len() as u64;
        progress.pages += 1;
        progress.problems += page.problems.len() as u64;
        let eta_seconds = if page.done {
            Some(0.0)
        } else {
            progress.eta.left(page.reached, now)
        };
        let records = progress.records;
        (self.on_event)(SyncEvent::Page {
            stream: stream.into(),
            records,
            pages: progress.pages,
            problems: progress.problems,
            eta_seconds,
        });
        if page.done {
            self.store
                .finish_stream(self.source_id, stream.name(), (self.now)(), None)?;
            (self.on_event)(SyncEvent::StreamFinished {
                stream: stream.into(),
                records,
            });
        }
        Ok(page.done)
    }

    /// A stream's fetcher failed: a plan-gated stream is skipped (true: it ended); any
    /// other failure stops the sync.
    fn failed(&mut self, stream: Stream, err: ZendeskError) -> Result<bool, Stop> {
        match err {
            ZendeskError::Cancelled => Err(Stop::Cancelled),
            err @ ZendeskError::Forbidden { .. } if stream.optional() => {
                let reason = err.to_string();
                self.store.finish_stream(
                    self.source_id,
                    stream.name(),
                    (self.now)(),
                    Some(&skipped_note(&reason)),
                )?;
                (self.on_event)(SyncEvent::StreamSkipped {
                    stream: stream.into(),
                    reason: reason.clone(),
                });
                self.skipped.push((stream, reason));
                Ok(true)
            }
            source => Err(Stop::Failed { stream, source }),
        }
    }
}

/// Running totals of one stream and what an ETA needs.
pub(super) struct StreamProgress {
    pub records: u64,
    pub pages: u64,
    pub problems: u64,
    eta: Eta,
    /// The latest time any page of this run reached.
    max_reached: Option<i64>,
}

impl StreamProgress {
    fn new() -> StreamProgress {
        StreamProgress {
            records: 0,
            pages: 0,
            problems: 0,
            eta: Eta::new(),
            max_reached: None,
        }
    }
}
