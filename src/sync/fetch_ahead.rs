//! Fetching runs ahead of writing: every stream has its own fetcher, so independent
//! streams page through their rate-limit budgets at the same time, and while one page is
//! written to SQLite the next ones are fetched and parsed on other threads. Per stream at
//! most `AHEAD` pages wait in memory, and the one writer takes each stream's pages
//! strictly in order, so checkpoints, cancel and a kill behave as if pages came one at a
//! time.

use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;
use tokio_util::task::AbortOnDropHandle;

use crate::sources::zendesk::{self, Client, Fetched, Page, Position, Stream, Wait, ZendeskError};

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
    ) -> impl Future<Output = Result<Fetched, ZendeskError>> + Send;
}

impl PageSource for Client {
    async fn fetch(
        &self,
        stream: Stream,
        at: &Position,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Fetched, ZendeskError> {
        let url = stream.url(self.base(), at)?;
        self.get_json(&url, stream.bucket(), cancel, on_wait).await
    }
}

/// What a stream's fetcher hands the writer, in order.
pub enum Step {
    Waiting(Wait),
    /// A parsed page; the permit makes room for another page once this one is dropped.
    Page(Arrived, OwnedSemaphorePermit),
    Failed(ZendeskError),
}

/// A parsed page and the server's clock when it was answered (unix seconds).
pub struct Arrived {
    pub page: Page,
    pub server_now: Option<i64>,
}

/// The planned streams' pages, fetched and parsed ahead of the writer, each stream's in
/// order. Dropping it stops every fetcher.
pub struct PagesAhead {
    steps: UnboundedReceiver<(Stream, Step)>,
    _fetchers: Vec<AbortOnDropHandle<()>>,
}

impl PagesAhead {
    pub fn start<S: PageSource>(
        source: &S,
        plan: Vec<(Stream, Position)>,
        cancel: &CancellationToken,
    ) -> PagesAhead {
        let (tx, steps) = unbounded_channel();
        let fetchers = plan
            .into_iter()
            .map(|(stream, start)| {
                let fetcher =
                    fetch_pages(source.clone(), stream, start, cancel.clone(), tx.clone());
                AbortOnDropHandle::new(tokio::spawn(fetcher))
            })
            .collect();
        PagesAhead {
            steps,
            _fetchers: fetchers,
        }
    }

    /// The next step of any stream; `None` once every fetcher has ended.
    pub async fn next(&mut self) -> Option<(Stream, Step)> {
        self.steps.recv().await
    }
}

async fn fetch_pages<S: PageSource>(
    source: S,
    stream: Stream,
    mut position: Position,
    cancel: CancellationToken,
    tx: UnboundedSender<(Stream, Step)>,
) {
    let room = Arc::new(Semaphore::new(AHEAD));
    loop {
        let Ok(permit) = room.clone().acquire_owned().await else {
            return;
        };
        let waits = tx.clone();
        let mut on_wait = move |wait| {
            // A writer that has gone away no longer needs to hear about waits.
            let _ = waits.send((stream, Step::Waiting(wait)));
        };
        let step = match source.fetch(stream, &position, &cancel, &mut on_wait).await {
            Ok(fetched) => parse(stream, position.clone(), fetched.body)
                .await
                .map(|page| Arrived {
                    page,
                    server_now: fetched.server_now,
                }),
            Err(err) => Err(err),
        };
        let (next, stop) = match &step {
            Ok(arrived) => (arrived.page.next.clone(), arrived.page.done),
            Err(_) => (position, true),
        };
        let step = step.map_or_else(Step::Failed, |arrived| Step::Page(arrived, permit));
        if tx.send((stream, step)).is_err() || stop {
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
