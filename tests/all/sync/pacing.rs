//! Pacing against the fake with Zendesk's real budgets and minute, on tokio's paused
//! clock (the fake's windows and the client's run on the same virtual minutes): a first
//! sync takes no longer than the budgets force, never exceeds either, and adapts to the
//! High Volume add-on's 30 exports per minute, measured without waiting for it.

use std::time::Duration;

use tokio::time::Instant;

use fake_zendesk::{FakeConfig, FakeZendesk, Faults, Stats};

use deskbench::sources::zendesk::{ClientOptions, ZendeskError};
use deskbench::store::RunOutcome;

use super::*;

/// Zendesk's window. Virtual: processing a page takes none of it.
const WINDOW: Duration = Duration::from_secs(60);
const ACCOUNT_LIMIT: u32 = 700;

/// Enough pages that the exports' budget takes several windows, with metric events (about
/// 560 pages) under the account's: 81 ticket, 8 user and 2 organization pages of 50
/// records make 91 export requests, one past a multiple of both 10 and 30, so the last
/// window holds a single request and the floor is the time the budget forces.
fn realistic(incremental_limit: u32) -> FakeConfig {
    FakeConfig {
        tickets: 4_050,
        users: 400,
        organizations: 60,
        page_size: 50,
        account_limit: ACCOUNT_LIMIT,
        incremental_limit,
        window: WINDOW,
        ..FakeConfig::default()
    }
}

/// The least time `requests` need under `limit` per sliding `window`: every `limit`
/// requests after the first batch wait a whole window.
fn floor(requests: u64, limit: u32, window: Duration) -> Duration {
    let batches = requests.div_ceil(u64::from(limit)).saturating_sub(1);
    window * batches as u32
}

/// Syncs everything once and returns the wall time and what the fake counted.
async fn first_sync(incremental_limit: u32) -> (Duration, Stats) {
    let fake = FakeZendesk::start(realistic(incremental_limit)).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    // Zendesk's defaults on the scaled window: the account's limit comes from X-Rate-Limit.
    let options = ClientOptions {
        rate_window: WINDOW,
        incremental_limit,
        // Virtual time jumps while a page is parsed; no request may time out meanwhile.
        timeout: Duration::from_secs(24 * 3600),
        ..ClientOptions::default()
    };
    let client = client(&fake, options);
    let start = Instant::now();
    let summary = sync_once(&mut store, source, &client).await.unwrap();
    let took = start.elapsed();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert_same(
        &stored(&dir.path().join("deskbench.sqlite")),
        &fake.expected(),
        "paced first sync",
    );
    let stats = fake.stats();
    fake.stop().await;
    (took, stats)
}

/// Asserts the sync stayed within both budgets and took at most 1.1× their floor.
fn assert_at_the_budgets_speed(took: Duration, stats: &Stats, incremental_limit: u32) {
    assert_eq!(stats.rejected_429, 0, "pacing avoided every 429: {stats:?}");
    assert!(
        stats.max_incremental_in_window <= incremental_limit
            && stats.max_account_in_window <= ACCOUNT_LIMIT,
        "no window above either budget: {stats:?}"
    );
    let floor = floor(stats.incremental_requests, incremental_limit, WINDOW).max(floor(
        stats.account_requests,
        ACCOUNT_LIMIT,
        WINDOW,
    ));
    assert!(
        floor >= WINDOW * 3,
        "the floor ({floor:?}) must dominate processing for the bound to mean anything"
    );
    assert!(
        took.as_secs_f64() <= floor.as_secs_f64() * 1.1,
        "took {took:?}, the budgets allow {floor:?} ({} export and {} account requests)",
        stats.incremental_requests,
        stats.account_requests
    );
}

#[tokio::test(start_paused = true)]
async fn a_first_sync_takes_only_the_time_the_budgets_force() {
    let (took, stats) = first_sync(10).await;
    assert_at_the_budgets_speed(took, &stats, 10);
    let exports: u64 = [
        "/api/v2/incremental/tickets/cursor.json",
        "/api/v2/incremental/ticket_events.json",
        "/api/v2/incremental/users/cursor.json",
        "/api/v2/incremental/organizations.json",
    ]
    .iter()
    .map(|path| stats.by_path.get(*path).copied().unwrap_or(0))
    .sum();
    assert_eq!(
        stats.incremental_requests, exports,
        "the four incremental exports (ticket events too) share one budget, and metric events \
         and the other streams page under the account's: {stats:?}"
    );

    // The High Volume add-on: 30 exports per minute, and the sync follows.
    let (faster, stats) = first_sync(30).await;
    assert_at_the_budgets_speed(faster, &stats, 30);
    assert!(
        faster < took,
        "{faster:?} with 30/min, {took:?} with 10/min"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurd_retry_after_stops_the_sync_with_one_clear_line() {
    let fake = FakeZendesk::start(small_fake()).await;
    fake.set_faults(Faults {
        rate_limit_every: Some(1),
        retry_after: Some("1e20".into()),
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let err = sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap_err();
    assert!(
        matches!(err.zendesk(), Some(ZendeskError::WaitTooLong { .. })),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("Zendesk asked to wait more than a year before the next request")
            && message.contains("resumes from the last saved page"),
        "{message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");
    let runs = store.runs(Some(source), 1).unwrap();
    assert_eq!(runs[0].outcome, RunOutcome::Failed, "the run log says so");
    assert_eq!(runs[0].error.as_deref(), Some(message.as_str()));
}
