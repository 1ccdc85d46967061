//! Fetching runs ahead of writing: while one page is written to SQLite, the next is
//! fetched and parsed on another thread, so an ingest keeps two cores busy. At most
//! `AHEAD` pages wait in memory, and the writer takes them strictly in order, so
//! checkpoints, cancel and a kill behave as if pages came one at a time.

use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;
use tokio_util::task::AbortOnDropHandle;

use crate::sources::zendesk::{self, Client, Page, Position, Stream, Wait, ZendeskError};

/// Parsed pages that may wait for the writer.
const AHEAD: usize = 2;

/// Where a stream's pages come from: the helpdesk's API, or recorded responses.
pub trait PageSource: Clone + Send + Sync + 'static {
    fn fetch(
        &self,
        stream: Stream,
        at: &Position,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> impl Future<Output = Result<Bytes, ZendeskError>> + Send;
}

impl PageSource for Client {
    async fn fetch(
        &self,
        stream: Stream,
        at: &Position,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Bytes, ZendeskError> {
        let url = stream.url(self.base(), at)?;
        self.get_json(&url, stream.bucket(), cancel, on_wait).await
    }
}

/// What the fetching side hands the writer, in order.
pub enum Step {
    Waiting(Wait),
    /// A parsed page; the permit makes room for another page once this one is dropped.
    Page(Page, OwnedSemaphorePermit),
    Failed(ZendeskError),
}

/// A stream's pages, fetched and parsed ahead of the writer. Dropping it stops the
/// fetching.
pub struct PagesAhead {
    steps: UnboundedReceiver<Step>,
    _fetcher: AbortOnDropHandle<()>,
}

impl PagesAhead {
    pub fn start<S: PageSource>(
        source: S,
        stream: Stream,
        start: Position,
        cancel: CancellationToken,
    ) -> PagesAhead {
        let (tx, steps) = unbounded_channel();
        let fetcher = tokio::spawn(fetch_pages(source, stream, start, cancel, tx));
        PagesAhead {
            steps,
            _fetcher: AbortOnDropHandle::new(fetcher),
        }
    }

    pub async fn next(&mut self) -> Step {
        self.steps.recv().await.unwrap_or_else(|| {
            Step::Failed(ZendeskError::UnexpectedResponse(
                "reading the pages stopped unexpectedly".into(),
            ))
        })
    }
}

async fn fetch_pages<S: PageSource>(
    source: S,
    stream: Stream,
    mut position: Position,
    cancel: CancellationToken,
    tx: UnboundedSender<Step>,
) {
    let room = Arc::new(Semaphore::new(AHEAD));
    loop {
        let Ok(permit) = room.clone().acquire_owned().await else {
            return;
        };
        let waits = tx.clone();
        let mut on_wait = move |wait| {
            // A writer that has gone away no longer needs to hear about waits.
            let _ = waits.send(Step::Waiting(wait));
        };
        let step = match source.fetch(stream, &position, &cancel, &mut on_wait).await {
            Ok(body) => parse(stream, position.clone(), body).await,
            Err(err) => Err(err),
        };
        let (next, stop) = match &step {
            Ok(page) => (page.next.clone(), page.done),
            Err(_) => (position, true),
        };
        let step = step.map_or_else(Step::Failed, |page| Step::Page(page, permit));
        if tx.send(step).is_err() || stop {
            return;
        }
        position = next;
    }
}

/// Parses on the blocking pool, off the thread that writes.
async fn parse(stream: Stream, at: Position, body: Bytes) -> Result<Page, ZendeskError> {
    tokio::task::spawn_blocking(move || zendesk::parse(stream, &at, &body))
        .await
        .unwrap_or_else(|_| {
            Err(ZendeskError::UnexpectedResponse(
                "reading a page failed unexpectedly".into(),
            ))
        })
}
