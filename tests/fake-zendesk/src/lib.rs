//! A fake Zendesk Support API for Deskbench's sync tests and benchmarks.
//!
//! It serves a deterministic dataset (tickets with metric sets, users, organizations,
//! groups, brands, ticket fields, satisfaction ratings, ticket metric events, ticket
//! events, Help Center articles) on `127.0.0.1` with the real API's paths, parameters, pagination and
//! JSON shapes (the shared `zendesk-api.md` reference), enforces rate limits like Zendesk, and
//! injects faults on demand. A test syncs against it and compares the result with
//! [`FakeZendesk::expected`].
//!
//! ```no_run
//! # async fn demo() {
//! use fake_zendesk::{FakeConfig, FakeZendesk};
//! let fake = FakeZendesk::start(FakeConfig { tickets: 500, ..FakeConfig::default() }).await;
//! let base = fake.url(); // http://127.0.0.1:PORT
//! // … run the sync against `base` with admin@example.com / secret-token …
//! let expected = fake.expected();
//! assert_eq!(expected.tickets.len(), 500);
//! fake.stop().await;
//! # }
//! ```
//!
//! Where the reference is uncertain the fake takes the stricter reading (a client that
//! passes against it also copes with the other one); the crate's README lists each
//! decision.

mod config;
mod dataset;
mod faults;
mod history;
mod json;
mod limits;
mod pagination;
mod report;
mod server;
mod time;

#[cfg(test)]
mod fake_zendesk_tests;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{FakeConfig, FakeSchedule, MetricSetsForm};
pub use faults::Faults;
pub use report::{Expected, ExpectedTicket, Stats};
/// Delivery faults the fake Freshdesk reuses: half a body then a dropped connection, and
/// a complete answer with half its JSON.
pub use server::{cut, truncate};
pub use time::{http_date, iso, parse_iso, BASE};

use server::App;

/// A running fake account. Dropping it aborts the server; [`FakeZendesk::stop`] shuts it
/// down gracefully.
pub struct FakeZendesk {
    app: Arc<App>,
    url: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl FakeZendesk {
    /// Generates the dataset and serves it on an ephemeral port of 127.0.0.1.
    pub async fn start(config: FakeConfig) -> FakeZendesk {
        FakeZendesk::start_on_port(config, 0)
            .await
            .expect("bind 127.0.0.1 on an ephemeral port")
    }

    /// Like [`FakeZendesk::start`] on a chosen port of 127.0.0.1 (0 = ephemeral).
    pub async fn start_on_port(config: FakeConfig, port: u16) -> std::io::Result<FakeZendesk> {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let data = dataset::Dataset::generate(&config);
        let app = Arc::new(App::new(config, url.clone(), data));
        let router = server::router(app.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(FakeZendesk {
            app,
            url,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT`, the base URL to give the client (paths start `/api/v2/`).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// Replaces the fault switches and restarts their request count.
    pub fn set_faults(&self, faults: Faults) {
        self.app.set_faults(faults);
    }

    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    /// Clears counters, maxima and malformed ids (the rate windows keep running).
    pub fn reset_stats(&self) {
        self.app.reset_stats();
    }

    /// What a correct, complete sync must have stored now (independent of faults).
    pub fn expected(&self) -> Expected {
        self.app.read().expected(&self.app.config.time_zone)
    }

    /// The fake's logical "now" (Unix seconds): starts at [`BASE`], +60 s per mutation.
    pub fn clock(&self) -> i64 {
        self.app.read().clock
    }

    /// Moves the logical clock forward by `seconds` without changing anything, so the
    /// next mutation happens that much later (a weekend passing, say).
    pub fn advance_clock(&self, seconds: i64) {
        self.app.write().clock += seconds.max(0);
    }

    /// Creates `n` new tickets (status `new`) and returns their ids. Like every mutation
    /// below, advances the logical clock by 60 s and stamps all changes of the call
    /// with it, so they sort after every earlier cursor position.
    pub fn add_tickets(&self, n: usize) -> Vec<i64> {
        self.app.write().add_tickets(n)
    }

    /// Priority steps up, the ticket is (re)assigned, the `escalated` tag toggles, a
    /// `new` ticket becomes `open`; `updated_at` moves. Deleted/unknown ids are ignored.
    pub fn update_tickets(&self, ids: &[i64]) {
        self.app.write().update_tickets(ids);
    }

    /// Status `solved` (an unassigned ticket gets an agent first) with reply, resolution
    /// and `solved_at` metrics filled. Already solved or closed tickets are left alone.
    pub fn solve_tickets(&self, ids: &[i64]) {
        self.app.write().solve_tickets(ids);
    }

    /// `solved` → `open`, `reopens += 1`, `solved_at` and full resolution cleared.
    /// Tickets that are not `solved` (e.g. `closed`) are left alone.
    pub fn reopen_tickets(&self, ids: &[i64]) {
        self.app.write().reopen_tickets(ids);
    }

    /// Status `deleted`: the export serves a tombstone; rating and metric events go.
    pub fn delete_tickets(&self, ids: &[i64]) {
        self.app.write().delete_tickets(ids);
    }

    /// A new satisfaction rating for the ticket, or a changed score on its existing
    /// one; the rating's and the ticket's `updated_at` move.
    pub fn rate_ticket(&self, id: i64, good: bool) {
        self.app.write().rate_ticket(id, good);
    }

    /// Sets the `updated_at` of the ticket's rating to `at`, however far in the future,
    /// without moving the logical clock (a record from a server with a wrong clock).
    pub fn stamp_rating(&self, ticket_id: i64, at: i64) {
        self.app.write().stamp_rating(ticket_id, at);
    }

    /// Stops accepting connections and waits (up to 5 s) for open requests to finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }
}

impl Drop for FakeZendesk {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
