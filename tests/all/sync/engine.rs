//! The engine against the fake: first sync, incremental sync, faults, rate limits,
//! malformed records, plan-gated streams and cancel.

use std::time::Duration;

use fake_zendesk::{FakeConfig, FakeZendesk, Faults};
use tokio_util::sync::CancellationToken;

use deskbench::sources::zendesk::{ClientOptions, Stream, ZendeskError};
use deskbench::store::RunOutcome;
use deskbench::sync::{SyncEvent, SyncStream};

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_stores_exactly_the_accounts_records() {
    let fake = FakeZendesk::start(small_fake()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let summary = sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert_eq!(summary.problems, 0);
    let db = dir.path().join("deskbench.sqlite");
    assert_same(&stored(&db), &fake.expected(), "first sync");
    assert!(
        fake.stats().by_path["/api/v2/incremental/tickets/cursor.json"] > 5,
        "tickets came in several pages"
    );
    // The helpdesk's own JSON of each ticket is kept (compressed) and reads back whole.
    for expected in fake.expected().tickets.iter().take(20) {
        let json = store
            .ticket_raw_json((source, expected.id))
            .unwrap()
            .expect("a synced ticket keeps its JSON");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["id"], expected.id);
        assert_eq!(value["status"], expected.status.as_str());
        assert_eq!(value["tags"], serde_json::json!(expected.tags));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incremental_sync_fetches_only_changes_and_applies_deletions() {
    let fake = FakeZendesk::start(small_fake()).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(&fake, fast_options());
    sync_once(&mut store, source, &client).await.unwrap();

    let open: Vec<i64> = fake
        .expected()
        .tickets
        .iter()
        .filter(|t| t.status == "open")
        .map(|t| t.id)
        .take(6)
        .collect();
    let solved: Vec<i64> = fake
        .expected()
        .tickets
        .iter()
        .filter(|t| t.status == "solved")
        .map(|t| t.id)
        .take(4)
        .collect();
    fake.add_tickets(25);
    fake.update_tickets(&open[..2]);
    fake.solve_tickets(&open[2..4]);
    fake.reopen_tickets(&solved[..2]);
    fake.delete_tickets(&[open[4], solved[2]]);
    fake.rate_ticket(solved[3], false);
    fake.reset_stats();

    sync_once(&mut store, source, &client).await.unwrap();
    assert_same(&stored(&db), &fake.expected(), "after changes");
    let ticket_pages = fake.stats().by_path["/api/v2/incremental/tickets/cursor.json"];
    assert!(
        ticket_pages <= 2,
        "only the changes are fetched, not all 600 tickets again ({ticket_pages} pages)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_on_the_wire_change_nothing_in_the_result() {
    let fake = FakeZendesk::start(small_fake()).await;
    fake.set_faults(Faults {
        server_error_every: Some(5),
        cut_every: Some(7),
        truncate_every: Some(9),
        rate_limit_every: Some(11),
        timeout_every: Some(13),
        slow: Duration::from_secs(8),
        unknown_fields: true,
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    // Almost half the requests meet a fault. The streams' requests interleave, so one
    // request's retries land on scattered fault counts: enough tries that none gives up.
    let options = ClientOptions {
        timeout: Duration::from_secs(2),
        max_tries: 16,
        ..fast_options()
    };
    let mut retries = 0;
    let summary = sync_with(
        &mut store,
        source,
        &client(&fake, options),
        &CancellationToken::new(),
        &mut |e| {
            if matches!(e, SyncEvent::Waiting { .. }) {
                retries += 1;
            }
        },
    )
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert!(
        retries > 10,
        "the faults were hit and retried ({retries} waits)"
    );
    assert_same(
        &stored(&dir.path().join("deskbench.sqlite")),
        &fake.expected(),
        "with faults",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn null_fields_are_stored_as_nulls() {
    let fake = FakeZendesk::start(small_fake()).await;
    fake.set_faults(Faults {
        nulls: true,
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap();
    assert_same(
        &stored(&dir.path().join("deskbench.sqlite")),
        &fake.expected().with_nulls(),
        "with nulls",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_never_exceeds_the_accounts_rate_limits() {
    let window = Duration::from_secs(2);
    let config = FakeConfig {
        account_limit: 12,
        incremental_limit: 4,
        window,
        ..small_fake()
    };
    let fake = FakeZendesk::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    // The client learns the account limit from X-Rate-Limit; the incremental limit is
    // Zendesk's documented one, here scaled to the fake's window.
    let options = ClientOptions {
        rate_window: window,
        incremental_limit: 4,
        ..fast_options()
    };
    sync_once(&mut store, source, &client(&fake, options))
        .await
        .unwrap();
    let stats = fake.stats();
    assert_eq!(
        stats.rejected_429, 0,
        "pacing kept every request under the limits"
    );
    assert!(stats.max_incremental_in_window <= 4, "{stats:?}");
    assert!(stats.max_account_in_window <= 12, "{stats:?}");
    assert_same(
        &stored(&dir.path().join("deskbench.sqlite")),
        &fake.expected(),
        "paced sync",
    );
}

// On tokio's paused clock the fake's window and the client's waits run on the same
// clock, so the limit is hit whatever the machine's load.
#[tokio::test(start_paused = true)]
async fn a_429_is_waited_out_with_retry_after() {
    let config = FakeConfig {
        incremental_limit: 8,
        window: Duration::from_secs(1),
        retry_after_secs: 1,
        ..small_fake()
    };
    let fake = FakeZendesk::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    // This client does not know the limit, so it runs into it and must obey the 429s.
    sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap();
    assert!(fake.stats().rejected_429 > 0, "the limit was hit");
    assert_same(
        &stored(&dir.path().join("deskbench.sqlite")),
        &fake.expected(),
        "after 429s",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_records_are_reported_and_skipped_with_their_ids() {
    let fake = FakeZendesk::start(small_fake()).await;
    fake.set_faults(Faults {
        malformed_every: Some(17),
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let summary = sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap();
    let malformed = fake.stats().malformed_ids;
    assert!(!malformed.is_empty());
    assert_eq!(summary.problems, malformed.len() as u64);
    let logged: Vec<i64> = store
        .run_problems(summary.run_id)
        .unwrap()
        .iter()
        .map(|(_, id, _)| id.parse().unwrap())
        .collect();
    let mut logged_sorted = logged.clone();
    logged_sorted.sort();
    assert_eq!(
        logged_sorted, malformed,
        "every skipped ticket id is in the sync log"
    );
    let stored_ids: Vec<i64> = stored(&dir.path().join("deskbench.sqlite"))
        .tickets
        .iter()
        .map(|t| t.id)
        .collect();
    let expected_ids: Vec<i64> = fake
        .expected()
        .tickets
        .iter()
        .map(|t| t.id)
        .filter(|id| !malformed.contains(id))
        .collect();
    assert_eq!(stored_ids, expected_ids, "the rest of each page was stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_gated_stream_is_skipped_and_the_rest_goes_on() {
    let config = FakeConfig {
        forbidden: vec!["satisfaction_ratings".into()],
        ..small_fake()
    };
    let fake = FakeZendesk::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let summary = sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert_eq!(summary.skipped.len(), 1);
    assert_eq!(summary.skipped[0].0, Stream::SatisfactionRatings);
    let got = stored(&dir.path().join("deskbench.sqlite"));
    assert!(got.ratings.is_empty());
    assert_eq!(
        got.tickets,
        fake.expected().tickets,
        "tickets synced regardless"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_stop_the_sync_with_a_clear_error() {
    let config = FakeConfig {
        token: "the-real-token".into(),
        ..small_fake()
    };
    let fake = FakeZendesk::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let err = sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap_err();
    assert!(
        matches!(err.zendesk(), Some(ZendeskError::Unauthorized)),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("check the email and the API token"),
        "{err}"
    );
    assert!(
        !err.to_string().contains("secret-token"),
        "the token is never in an error"
    );
    assert!(stored(&dir.path().join("deskbench.sqlite"))
        .tickets
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_keeps_every_completed_page_and_the_next_sync_resumes() {
    let config = FakeConfig {
        latency: Duration::from_millis(30),
        ..small_fake()
    };
    let fake = FakeZendesk::start(config).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(&fake, fast_options());
    let cancel = CancellationToken::new();
    let mut ticket_pages = 0;
    let summary = sync_with(&mut store, source, &client, &cancel, &mut |e| {
        if let SyncEvent::Page {
            stream: SyncStream::Tickets,
            ..
        } = e
        {
            ticket_pages += 1;
            if ticket_pages == 3 {
                cancel.cancel();
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Cancelled);
    let kept = stored(&db).tickets.len();
    assert_eq!(kept, 150, "three pages of 50 tickets were kept");
    fake.reset_stats();
    sync_once(&mut store, source, &client).await.unwrap();
    assert_same(&stored(&db), &fake.expected(), "after resuming");
    let pages = fake.stats().by_path["/api/v2/incremental/tickets/cursor.json"];
    assert_eq!(
        pages, 9,
        "of 12 pages, the resumed sync fetched only the 9 not yet stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rating_dated_in_2099_does_not_hide_later_rating_changes() {
    let fake = FakeZendesk::start(small_fake()).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(&fake, fast_options());
    sync_once(&mut store, source, &client).await.unwrap();

    let ratings = fake.expected().ratings;
    let (future, later) = (ratings[0].1, ratings[1].1);
    fake.stamp_rating(future, 4_070_908_800); // 2099-01-01
    sync_once(&mut store, source, &client).await.unwrap();

    fake.rate_ticket(later, ratings[1].2 != "good");
    sync_once(&mut store, source, &client).await.unwrap();
    assert_same(
        &stored(&db),
        &fake.expected(),
        "the change after the rating from 2099 was fetched",
    );
}
