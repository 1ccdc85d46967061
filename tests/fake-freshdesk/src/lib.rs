//! A fake Freshdesk API v2 for Deskbench's sync tests.
//!
//! It serves a deterministic dataset (tickets with stats, conversations, contacts,
//! companies, agents, groups, ticket fields, products, business hours with holidays, SLA
//! policies, surveys and satisfaction ratings, solution articles) on `127.0.0.1` with the
//! real API's paths, parameters, paging and JSON shapes (the shared `freshdesk-api.md`
//! reference), enforces its rate limits and credits, injects faults on demand, changes
//! tickets between pages, and logs every request.
//!
//! ```no_run
//! # async fn demo() {
//! use fake_freshdesk::{FakeConfig, FakeFreshdesk};
//! let fake = FakeFreshdesk::start(FakeConfig { tickets: 50, ..FakeConfig::default() }).await;
//! let base = fake.url(); // http://127.0.0.1:PORT, paths start /api/v2/
//! // … sync against `base` with the API key "fake-api-key" …
//! assert_eq!(fake.tickets().len(), 50);
//! fake.stop().await;
//! # }
//! ```

mod config;
mod dataset;
mod faults;
mod handlers;
mod json;
mod limits;
mod query;
mod report;
mod server;

#[cfg(test)]
mod fake_freshdesk_tests;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{FakeConfig, Plan};
pub use fake_zendesk::{iso, parse_iso, BASE};
pub use faults::{Change, Faults, Mutation};
pub use report::{ExpectedTicket, Logged, Stats};

use server::App;

/// A running fake account. Dropping it aborts the server; [`FakeFreshdesk::stop`] shuts
/// it down gracefully.
pub struct FakeFreshdesk {
    app: Arc<App>,
    url: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl FakeFreshdesk {
    /// Generates the dataset and serves it on an ephemeral port of 127.0.0.1.
    pub async fn start(config: FakeConfig) -> FakeFreshdesk {
        FakeFreshdesk::start_on_port(config, 0)
            .await
            .expect("bind 127.0.0.1 on an ephemeral port")
    }

    /// Like [`FakeFreshdesk::start`] on a chosen port of 127.0.0.1 (0 = ephemeral).
    pub async fn start_on_port(config: FakeConfig, port: u16) -> std::io::Result<FakeFreshdesk> {
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
        Ok(FakeFreshdesk {
            app,
            url,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT`; the API lives under `/api/v2/`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// Replaces the fault switches and mutation hooks, and restarts their counts.
    pub fn set_faults(&self, faults: Faults) {
        self.app.set_faults(faults);
    }

    /// Every request since start (or the last [`FakeFreshdesk::reset_stats`]), in order.
    pub fn log(&self) -> Vec<Logged> {
        self.app.log()
    }

    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    /// Clears the log and the counters (the rate windows keep running).
    pub fn reset_stats(&self) {
        self.app.reset_stats();
    }

    /// Every ticket as it stands, spam and deleted ones included, by id.
    pub fn tickets(&self) -> Vec<ExpectedTicket> {
        self.app.read().expected()
    }

    /// The logical "now" (Unix seconds): [`BASE`], +60 s per mutation.
    pub fn clock(&self) -> i64 {
        self.app.read().clock
    }

    /// The tickets' priority steps up and their `updated_at` moves to now (the clock
    /// advances 60 s first). Unknown ids are ignored; so are the mutations below.
    pub fn update_tickets(&self, ids: &[i64]) {
        self.app.write().update_tickets(ids);
    }

    /// Each ticket's last conversation is deleted and its `updated_at` moves to now.
    pub fn delete_last_conversations(&self, ids: &[i64]) {
        self.app.write().delete_last_conversations(ids);
    }

    /// The tickets go to the trash (`filter=deleted` lists them).
    pub fn delete_tickets(&self, ids: &[i64]) {
        self.app.write().delete_tickets(ids);
    }

    /// The tickets are marked spam (`filter=spam` lists them).
    pub fn spam_tickets(&self, ids: &[i64]) {
        self.app.write().spam_tickets(ids);
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

impl Drop for FakeFreshdesk {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
