//! Freshdesk: the client against the fake Freshdesk (`tests/fake-freshdesk`) on
//! 127.0.0.1, and converted records through the KPI engine.

mod cli;
mod client;
mod convert;
mod pacing;
mod progress;
mod sync;

use std::time::Duration;

use fake_freshdesk::{FakeConfig, FakeFreshdesk};
use reqwest::Url;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use deskbench::sources::freshdesk::base_url::BaseUrl;
use deskbench::sources::freshdesk::client::{Client, ClientOptions, Wait};
use deskbench::sources::freshdesk::credentials::ApiKey;
use deskbench::sources::freshdesk::error::FreshdeskError;
use deskbench::sources::freshdesk::pacer::Cost;

/// Every ticket by `updated_at`, three credits a page.
pub const TICKETS: &str =
    "tickets?updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=asc&include=stats";

/// Fast retries and no pacing beyond what the fake asks.
pub fn fast_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        backoff_base: Duration::from_millis(10),
        backoff_cap: Duration::from_millis(100),
        account_limit: 1_000_000,
        ..ClientOptions::default()
    }
}

pub fn client(fake: &FakeFreshdesk, options: ClientOptions) -> Client {
    client_with_key(fake, "fake-api-key", options)
}

pub fn client_with_key(fake: &FakeFreshdesk, key: &str, options: ClientOptions) -> Client {
    Client::new(
        BaseUrl::parse(&fake.url()).unwrap(),
        &ApiKey::new(key),
        options,
    )
    .unwrap()
}

/// Walks a list from `endpoint` by its `Link` headers: every item's id, and every wait.
pub async fn walk(
    client: &Client,
    endpoint: &str,
    cost: Cost,
) -> Result<(Vec<i64>, Vec<Wait>), FreshdeskError> {
    let cancel = CancellationToken::new();
    let mut waits = Vec::new();
    let mut ids = Vec::new();
    let mut url: Option<Url> = Some(client.base().join(endpoint)?);
    while let Some(page_url) = url {
        let page = client
            .get_page::<Value>(&page_url, cost, &cancel, &mut |w| waits.push(w))
            .await?;
        ids.extend(page.items.iter().map(|t| t["id"].as_i64().expect("an id")));
        url = page.next;
    }
    Ok((ids, waits))
}

/// The ids the fake lists by default (not spam, not deleted), by `updated_at`.
pub fn live_ids(fake: &FakeFreshdesk) -> Vec<i64> {
    let mut live: Vec<_> = fake
        .tickets()
        .into_iter()
        .filter(|t| !t.spam && !t.deleted)
        .collect();
    live.sort_by_key(|t| (t.updated_at, t.id));
    live.iter().map(|t| t.id).collect()
}

pub fn small() -> FakeConfig {
    FakeConfig {
        tickets: 250,
        ..FakeConfig::default()
    }
}
