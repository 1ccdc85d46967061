//! Sync speed against DESIGN.md's budgets: ingest (parse + upsert) of recorded ticket
//! pages with metric sets, and first syncs of 20,000 and 100,000 tickets from the fake
//! Zendesk on loopback under Zendesk's real budgets (account 700 per minute, Incremental
//! Exports 10 per minute) and with none (budget: 100,000 in < 15 s). The budgets run on a
//! scaled window (DESKBENCH_BENCH_WINDOW_MS, default 3,000 ms standing for a minute); each
//! line gives the measured time, the requests per budget, their floor, and the time it
//! stands for with real minutes. Run with
//! `cargo bench --bench sync` (DESKBENCH_BENCH_TICKETS sets the size of the ingest).

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;

use fake_zendesk::{FakeConfig, FakeZendesk};
use tokio_util::sync::CancellationToken;

use deskbench::sources::zendesk::{
    self, BaseUrl, Client, ClientOptions, Credentials, Fetched, Position, Stream, Wait,
    ZendeskError,
};
use deskbench::sync::{self, PageSource, PlanOptions, SyncOptions};

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

fn unlimited() -> ClientOptions {
    ClientOptions {
        incremental_limit: 1_000_000,
        account_limit: 1_000_000,
        timeout: Duration::from_secs(120),
        ..ClientOptions::default()
    }
}

/// Zendesk's budgets per window: the Enterprise plan's account limit and the Incremental
/// Exports' own.
const ACCOUNT_LIMIT: u32 = 700;
const INCREMENTAL_LIMIT: u32 = 10;
const MINUTE: Duration = Duration::from_secs(60);

/// Ticket pages recorded from the fake, served again by their position.
#[derive(Clone)]
struct Recorded(Arc<Vec<(Position, Bytes)>>);

impl PageSource for Recorded {
    async fn fetch(
        &self,
        _stream: Stream,
        at: &Position,
        _cancel: &CancellationToken,
        _on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Fetched, ZendeskError> {
        let page = self.0.iter().find(|(position, _)| position == at);
        page.map(|(_, body)| Fetched {
            body: body.clone(),
            server_now: None,
        })
        .ok_or_else(|| ZendeskError::UnexpectedResponse(format!("no page at {at:?}")))
    }
}

/// The fake account of a benchmark: 1,000 records a page as the exports serve them.
fn account(tickets: usize) -> FakeConfig {
    FakeConfig {
        tickets,
        users: tickets / 10,
        organizations: 500,
        page_size: 1000,
        ..FakeConfig::default()
    }
}

fn credentials() -> Credentials {
    Credentials::ApiToken {
        email: "admin@example.com".into(),
        token: "secret-token".into(),
    }
}

/// The least time `requests` need under `limit` per sliding `window`.
fn floor(requests: u64, limit: u32, window: Duration) -> Duration {
    window * requests.div_ceil(u64::from(limit)).saturating_sub(1) as u32
}

/// A first sync from a fresh fake, with Zendesk's budgets on a `window` standing for a
/// minute, or without any; prints one line.
async fn first_sync(tickets: usize, limits: Option<Duration>) -> anyhow::Result<()> {
    let fake = FakeZendesk::start(match limits {
        Some(window) => FakeConfig {
            account_limit: ACCOUNT_LIMIT,
            incremental_limit: INCREMENTAL_LIMIT,
            window,
            ..account(tickets)
        },
        None => account(tickets),
    })
    .await;
    let options = match limits {
        Some(window) => ClientOptions {
            rate_window: window,
            timeout: Duration::from_secs(120),
            ..ClientOptions::default()
        },
        None => unlimited(),
    };
    let client = Client::new(BaseUrl::parse(&fake.url())?, &credentials(), options)?;
    let dir = tempfile::tempdir()?;
    let (mut store, source) = common::store_with_source(dir.path(), &fake.url())?;
    let options = SyncOptions {
        plan: PlanOptions::default(),
        clock: deskbench::now,
    };
    let cancel = CancellationToken::new();
    let start = Instant::now();
    sync::run(&mut store, source, &client, &options, &cancel, &mut |_| {}).await?;
    let took = start.elapsed();
    let stats = fake.stats();
    fake.stop().await;
    let requests = format!(
        "{} requests ({} to the Incremental Exports), {} 429s",
        stats.account_requests, stats.incremental_requests, stats.rejected_429
    );
    let Some(window) = limits else {
        println!(
            "first sync of {tickets:>7} tickets, no rate limit         {:7.2} s; {requests}",
            took.as_secs_f64()
        );
        return Ok(());
    };
    let floor = floor(stats.incremental_requests, INCREMENTAL_LIMIT, window).max(floor(
        stats.account_requests,
        ACCOUNT_LIMIT,
        window,
    ));
    // The waits scale with the window, the work does not.
    let windows = floor.as_secs_f64() / window.as_secs_f64();
    let real = took.as_secs_f64() + windows * (MINUTE - window).as_secs_f64();
    println!(
        "first sync of {tickets:>7} tickets, Zendesk's budgets      {:7.2} s with {} ms windows \
         (floor {:.2} s = {windows:.0} windows, x{:.2}); with real minutes about {:.1} min; {requests}",
        took.as_secs_f64(),
        window.as_millis(),
        floor.as_secs_f64(),
        took.as_secs_f64() / floor.as_secs_f64().max(f64::EPSILON),
        real / 60.0,
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let tickets: usize = std::env::var("DESKBENCH_BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let window = std::env::var("DESKBENCH_BENCH_WINDOW_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(3), Duration::from_millis);
    let fake = FakeZendesk::start(account(tickets)).await;
    let client = Client::new(BaseUrl::parse(&fake.url())?, &credentials(), unlimited())?;
    let cancel = CancellationToken::new();

    // Record the ticket pages once, then time only parsing and writing them.
    let mut pages = Vec::new();
    let mut position = Position::StartTime(0);
    loop {
        let url = Stream::Tickets.url(client.base(), &position)?;
        let body = client
            .get_json(&url, Stream::Tickets.bucket(), &cancel, &mut |_| {})
            .await?
            .body;
        let next = zendesk::parse(Stream::Tickets, &position, &body)?;
        pages.push((position.clone(), body));
        if next.done {
            break;
        }
        position = next.next;
    }
    let dir = tempfile::tempdir()?;
    let (mut store, source) = common::store_with_source(dir.path(), &fake.url())?;
    let run = store.begin_run(source, 0)?;
    let recorded = Recorded(Arc::new(pages));
    let start = Instant::now();
    let ingested = sync::pull_stream(
        &mut store,
        source,
        run,
        &recorded,
        Stream::Tickets,
        Position::StartTime(0),
        &cancel,
    )
    .await?;
    let took = start.elapsed();
    println!(
        "ingest of recorded ticket pages (parse + upsert)   {ingested} tickets in {:.2} s = {:.0} tickets/s (budget >= 50,000/s)",
        took.as_secs_f64(),
        ingested as f64 / took.as_secs_f64()
    );

    fake.stop().await;

    // A full first sync of 100,000 tickets with no rate limit has a budget of 15 s.
    for tickets in [20_000, 100_000] {
        first_sync(tickets, Some(window)).await?;
        first_sync(tickets, None).await?;
    }
    Ok(())
}
