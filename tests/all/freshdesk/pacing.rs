//! Pacing against the fake with Freshdesk's real per-minute budgets, on tokio's paused
//! clock: the fake's windows and the client's run on the same virtual minutes, so a
//! first sync is measured in the time the limits force, without waiting for it.

use std::time::Duration;

use fake_freshdesk::{FakeConfig, FakeFreshdesk, Plan};
use tokio::time::Instant;

use super::*;

const MINUTE: Duration = Duration::from_secs(60);

/// The least time `requests` need under `limit` per sliding window: every `limit`
/// requests after the first batch wait a whole window.
fn floor(requests: u64, limit: u64) -> Duration {
    MINUTE * requests.div_ceil(limit).saturating_sub(1) as u32
}

/// Walks every ticket with `include=stats` on a Growth account (200 credits and 20
/// tickets-list requests a minute) `streams` times at once, the client sized by the
/// server's headers and the plan table; returns the virtual time it took.
async fn first_sync(tickets: usize, streams: usize) -> (Duration, FakeFreshdesk) {
    let config = FakeConfig {
        tickets,
        ..FakeConfig::default()
    }
    .with_plan(Plan::Growth, MINUTE);
    let fake = FakeFreshdesk::start(config).await;
    let options = ClientOptions {
        timeout: Duration::from_secs(24 * 3600),
        ..ClientOptions::default()
    };
    let client = client(&fake, options);
    let start = Instant::now();
    let walkers: Vec<_> = (0..streams)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                walk(
                    &client,
                    &format!("{TICKETS}&per_page=10"),
                    Cost::tickets_list(1),
                )
                .await
            })
        })
        .collect();
    for walker in walkers {
        let (ids, waits) = walker.await.unwrap().unwrap();
        assert_eq!(ids, live_ids(&fake));
        assert!(
            !waits.iter().any(|w| matches!(w, Wait::RateLimited(_))),
            "no 429 to wait for: {waits:?}"
        );
    }
    (start.elapsed(), fake)
}

#[tokio::test(start_paused = true)]
async fn a_first_sync_takes_the_time_the_tickets_list_limit_forces_and_no_more() {
    let (took, fake) = first_sync(500, 1).await;
    let stats = fake.stats();
    assert_eq!(stats.rejected_429, 0, "{stats:?}");
    assert!(stats.max_tickets_list_in_window <= 20, "{stats:?}");
    let pages = stats.tickets_list_requests;
    assert!(pages > 40, "enough pages for the limit to bind: {pages}");
    let floor = floor(pages, 20);
    assert!(
        took >= floor && took <= floor + Duration::from_secs(1),
        "{pages} pages took {took:?}; 20 a minute allow {floor:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn concurrent_streams_share_the_accounts_budgets() {
    let (took, fake) = first_sync(200, 3).await;
    let stats = fake.stats();
    assert_eq!(stats.rejected_429, 0, "{stats:?}");
    assert!(
        stats.max_tickets_list_in_window <= 20 && stats.max_credits_in_window <= 200,
        "{stats:?}"
    );
    let floor = floor(stats.tickets_list_requests, 20);
    assert!(
        took >= floor && took <= floor + Duration::from_secs(1),
        "{} pages took {took:?}; the budget allows {floor:?}",
        stats.tickets_list_requests
    );
}

/// A legacy hourly account reports its hourly total as if per minute; its 429 asks for
/// the rest of the hour, which the client waits out (reported, on the paused clock).
#[tokio::test(start_paused = true)]
async fn a_legacy_hourly_account_is_waited_out_to_the_next_hour() {
    let config = FakeConfig {
        tickets: 50,
        account_limit: 3,
        hourly: true,
        window: Duration::from_secs(3_600),
        ..FakeConfig::default()
    };
    let fake = FakeFreshdesk::start(config).await;
    let client = client(&fake, ClientOptions::default());
    let start = Instant::now();
    for _ in 0..4 {
        let (ids, waits) = walk(&client, "groups", Cost::CALL).await.unwrap();
        assert!(!ids.is_empty());
        if let Some(Wait::RateLimited(wait)) =
            waits.iter().find(|w| matches!(w, Wait::RateLimited(_)))
        {
            assert!(
                *wait > Duration::from_secs(3_000),
                "the rest of the hour: {wait:?}"
            );
        }
    }
    assert!(
        start.elapsed() >= Duration::from_secs(3_600),
        "{:?}",
        start.elapsed()
    );
    let statuses: Vec<u16> = fake.log().iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [200, 200, 200, 429, 200],
        "one 429, then the next hour"
    );
}
