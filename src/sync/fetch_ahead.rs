//! Fetching Zendesk's streams ahead of writing: every stream has its own reader
//! (`read_ahead`), so independent streams page through their rate-limit budgets at the
//! same time, and while one page is written to SQLite the next ones are fetched and
//! parsed on other threads; the one writer takes each stream's pages strictly in order.

use std::future::Future;

use bytes::Bytes;
use serde_json::Value;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use tokio_util::sync::CancellationToken;
use tokio_util::task::AbortOnDropHandle;

use super::read_ahead::{self, PagedList};
use crate::sources::zendesk::schedules;
use crate::sources::zendesk::{
    self, Client, Fetched, Page, Paging, Position, Problem, Records, Stream, Wait, ZendeskError,
};

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
pub type Step<S> = read_ahead::Step<StreamPages<S>>;

/// One stream's pages from a page source.
pub struct StreamPages<S> {
    source: S,
    stream: Stream,
}

impl<S: PageSource> PagedList for StreamPages<S> {
    type Position = Position;
    type Page = Arrived;
    type Wait = Wait;
    type Error = ZendeskError;

    async fn page(
        &self,
        at: &Position,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Arrived, ZendeskError> {
        if self.stream.paging() == Paging::Snapshot {
            return self.snapshot(cancel, on_wait).await;
        }
        let fetched = self.source.fetch(self.stream, at, cancel, on_wait).await?;
        let page = parse(self.stream, at.clone(), fetched.body).await?;
        Ok(Arrived {
            page,
            server_now: fetched.server_now,
        })
    }

    fn after(&self, arrived: &Arrived) -> Option<Position> {
        (!arrived.page.done).then(|| arrived.page.next.clone())
    }
}

impl<S: PageSource> StreamPages<S> {
    /// The schedules, then each one's holidays added to it, as one page: the snapshot is
    /// stored whole or not at all, so a 403 on any request keeps the stored one.
    async fn snapshot(
        &self,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Arrived, ZendeskError> {
        let fetched = (self.source)
            .fetch(self.stream, &Position::Once, cancel, on_wait)
            .await?;
        let mut page = parse(self.stream, Position::Once, fetched.body).await?;
        let Records::Schedules(list) = &mut page.records else {
            return Err(ZendeskError::UnexpectedResponse(
                "the schedules page holds no schedules".into(),
            ));
        };
        for schedule in list.iter_mut() {
            let Some(id) = schedule.get("id").and_then(Value::as_i64) else {
                continue;
            };
            let at = Position::Holidays(id);
            let body = self
                .source
                .fetch(self.stream, &at, cancel, on_wait)
                .await?
                .body;
            let holidays = parse(self.stream, at, body).await?;
            page.problems.extend(holidays.problems);
            if let (Records::Schedules(holidays), Some(object)) =
                (holidays.records, schedule.as_object_mut())
            {
                object.insert("holidays".into(), Value::Array(holidays));
            }
        }
        // A schedule that cannot be counted on is reported; the default's absence shows
        // in the business minutes' null reason.
        for problem in schedules::read_all(list)
            .into_iter()
            .zip(list.iter())
            .filter_map(|(read, raw)| match read.and_then(|s| s.calendar()) {
                Ok(_) => None,
                Err(e) => Some(Problem {
                    record_id: raw.get("id").map_or_else(|| "?".into(), Value::to_string),
                    message: e.to_string(),
                }),
            })
        {
            page.problems.push(problem);
        }
        Ok(Arrived {
            page,
            server_now: fetched.server_now,
        })
    }
}

/// A parsed page and the server's clock when it was answered (unix seconds).
pub struct Arrived {
    pub page: Page,
    pub server_now: Option<i64>,
}

/// The planned streams' pages, fetched and parsed ahead of the writer, each stream's in
/// order. Dropping it stops every fetcher.
pub struct PagesAhead<S: PageSource> {
    steps: UnboundedReceiver<(Stream, Step<S>)>,
    _fetchers: Vec<AbortOnDropHandle<()>>,
}

impl<S: PageSource> PagesAhead<S> {
    pub fn start(
        source: &S,
        plan: Vec<(Stream, Position)>,
        cancel: &CancellationToken,
    ) -> PagesAhead<S> {
        let (tx, steps) = unbounded_channel();
        let fetchers = plan
            .into_iter()
            .map(|(stream, start)| {
                let pages = StreamPages {
                    source: source.clone(),
                    stream,
                };
                let fetcher = read_ahead::read(pages, start, cancel.clone(), stream, tx.clone());
                AbortOnDropHandle::new(tokio::spawn(fetcher))
            })
            .collect();
        PagesAhead {
            steps,
            _fetchers: fetchers,
        }
    }

    /// The next step of any stream; `None` once every fetcher has ended.
    pub async fn next(&mut self) -> Option<(Stream, Step<S>)> {
        self.steps.recv().await
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
