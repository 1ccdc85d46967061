//! Sync speed against DESIGN.md's budgets: ingest (parse + upsert) of recorded ticket
//! pages with metric sets, and a full sync of 100,000 tickets from the fake Zendesk on
//! loopback with no rate limit. Run with `cargo bench --bench sync`
//! (DESKBENCH_BENCH_TICKETS sets the size).

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;

use fake_zendesk::{FakeConfig, FakeZendesk};
use tokio_util::sync::CancellationToken;

use deskbench::sources::zendesk::{
    self, BaseUrl, Client, ClientOptions, Credentials, Position, Stream, Wait, ZendeskError,
};
use deskbench::store::records::{NewSource, SourceKind};
use deskbench::store::Store;
use deskbench::sync::{self, PageSource, PlanOptions, SyncOptions};

fn unlimited() -> ClientOptions {
    ClientOptions {
        incremental_limit: 1_000_000,
        account_limit: 1_000_000,
        timeout: Duration::from_secs(120),
        ..ClientOptions::default()
    }
}

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
    ) -> Result<Bytes, ZendeskError> {
        let page = self.0.iter().find(|(position, _)| position == at);
        page.map(|(_, body)| body.clone())
            .ok_or_else(|| ZendeskError::UnexpectedResponse(format!("no page at {at:?}")))
    }
}

fn store_with_source(dir: &std::path::Path, url: &str) -> anyhow::Result<(Store, i64)> {
    let mut store = Store::open(dir)?;
    let w = store.write()?;
    let id = w.add_source(&NewSource {
        kind: SourceKind::Zendesk,
        name: "bench".into(),
        base_url: Some(url.into()),
        time_zone: None,
        created_at: 0,
    })?;
    w.commit()?;
    Ok((store, id))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let tickets: usize = std::env::var("DESKBENCH_BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let fake = FakeZendesk::start(FakeConfig {
        tickets,
        users: tickets / 10,
        organizations: 500,
        page_size: 1000,
        ..FakeConfig::default()
    })
    .await;
    let credentials = Credentials::ApiToken {
        email: "admin@example.com".into(),
        token: "secret-token".into(),
    };
    let client = Client::new(BaseUrl::parse(&fake.url())?, &credentials, unlimited())?;
    let cancel = CancellationToken::new();

    // Record the ticket pages once, then time only parsing and writing them.
    let mut pages = Vec::new();
    let mut position = Position::StartTime(0);
    loop {
        let url = Stream::Tickets.url(client.base(), &position)?;
        let body = client
            .get_json(&url, Stream::Tickets.bucket(), &cancel, &mut |_| {})
            .await?;
        let next = zendesk::parse(Stream::Tickets, &position, &body)?;
        pages.push((position.clone(), body));
        if next.done {
            break;
        }
        position = next.next;
    }
    let dir = tempfile::tempdir()?;
    let (mut store, source) = store_with_source(dir.path(), &fake.url())?;
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

    let dir = tempfile::tempdir()?;
    let (mut store, source) = store_with_source(dir.path(), &fake.url())?;
    let options = SyncOptions {
        plan: PlanOptions::default(),
        clock: deskbench::now,
    };
    let start = Instant::now();
    let summary = sync::run(&mut store, source, &client, &options, &cancel, &mut |_| {}).await?;
    let took = start.elapsed();
    println!(
        "full sync from the loopback fake, no rate limit   {} tickets ({} records in all) in {:.2} s (budget < 15 s)",
        summary.counts["tickets"],
        summary.counts.values().sum::<u64>(),
        took.as_secs_f64()
    );
    fake.stop().await;
    Ok(())
}
