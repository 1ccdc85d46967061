//! A Freshdesk sync against the fake: what it stores is compared with what the fake
//! holds, through faults, cancels, mutations during paging and plan-gated streams.

use std::collections::BTreeSet;
use std::path::Path;

use fake_freshdesk::{Change, FakeConfig, FakeFreshdesk, Faults, Mutation};
use tokio_util::sync::CancellationToken;

use deskbench::store::records::{NewSource, SourceKind};
use deskbench::store::{RunOutcome, Store};
use deskbench::sync::freshdesk::{
    self, FreshdeskSummary, FreshdeskSyncError, FreshdeskSyncOptions,
};
use deskbench::sync::{SyncEvent, SyncStream, WaitReason};

use super::*;

pub(super) fn store_with_source(dir: &Path, fake: &FakeFreshdesk) -> (Store, i64) {
    let mut store = Store::open(dir).unwrap();
    let w = store.write().unwrap();
    let id = w
        .add_source(&NewSource {
            kind: SourceKind::Freshdesk,
            name: "fake".into(),
            base_url: Some(fake.url()),
            time_zone: None,
            created_at: 0,
        })
        .unwrap();
    w.commit().unwrap();
    (store, id)
}

async fn sync_with(
    store: &mut Store,
    source: i64,
    fake: &FakeFreshdesk,
    options: &FreshdeskSyncOptions,
    cancel: &CancellationToken,
    on_event: &mut (dyn FnMut(SyncEvent) + Send),
) -> Result<FreshdeskSummary, FreshdeskSyncError> {
    let client = client(fake, fast_options());
    freshdesk::run(store, source, &client, options, cancel, on_event).await
}

async fn sync_once(
    store: &mut Store,
    source: i64,
    fake: &FakeFreshdesk,
) -> Result<FreshdeskSummary, FreshdeskSyncError> {
    let options = FreshdeskSyncOptions::default();
    sync_with(
        store,
        source,
        fake,
        &options,
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
}

fn db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(deskbench::store::DATABASE_FILE)).unwrap()
}

fn ids(dir: &Path, sql: &str) -> Vec<i64> {
    let conn = db(dir);
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Stored tickets as (id, updated_at, tombstone), by id.
fn stored_tickets(dir: &Path) -> Vec<(i64, i64, bool)> {
    let conn = db(dir);
    let mut stmt = conn
        .prepare("SELECT id, updated_at, status = 'deleted' FROM tickets ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The fake's tickets in the same terms.
fn fake_tickets(fake: &FakeFreshdesk) -> Vec<(i64, i64, bool)> {
    let mut tickets: Vec<_> = fake
        .tickets()
        .into_iter()
        .map(|t| (t.id, t.updated_at, t.spam || t.deleted))
        .collect();
    tickets.sort();
    tickets
}

/// Every item's id in a list the fake serves, read with the plain client.
async fn listed(fake: &FakeFreshdesk, endpoint: &str) -> BTreeSet<i64> {
    let client = client(fake, fast_options());
    walk(&client, endpoint, Cost::CALL)
        .await
        .unwrap()
        .0
        .into_iter()
        .collect()
}

/// Asserts the store holds exactly the fake's tickets, live and tombstones.
fn assert_tickets(dir: &Path, fake: &FakeFreshdesk, context: &str) {
    let stored = stored_tickets(dir);
    let expected = fake_tickets(fake);
    assert_eq!(stored.len(), expected.len(), "{context}: ticket count");
    for (s, e) in stored.iter().zip(&expected) {
        assert_eq!(s, e, "{context}: ticket {}", e.0);
    }
}

/// Asserts the store holds exactly the fake's tickets (live and tombstones), the
/// conversations of its live tickets and its ratings.
pub(super) async fn assert_exact(dir: &Path, fake: &FakeFreshdesk, context: &str) {
    assert_tickets(dir, fake, context);
    let mut conversations = BTreeSet::new();
    for (id, _, tombstone) in fake_tickets(fake) {
        if !tombstone {
            conversations
                .extend(listed(fake, &format!("tickets/{id}/conversations?per_page=100")).await);
        }
    }
    let stored = |sql| ids(dir, sql).into_iter().collect::<BTreeSet<i64>>();
    assert_eq!(
        stored("SELECT id FROM comments"),
        conversations,
        "{context}: conversations"
    );
    assert_eq!(
        stored("SELECT id FROM satisfaction_ratings"),
        listed(
            fake,
            "surveys/satisfaction_ratings?created_since=2000-01-01T00:00:00Z&per_page=100"
        )
        .await,
        "{context}: ratings"
    );
}

#[tokio::test]
async fn a_first_sync_stores_exactly_the_fakes_records() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 150,
        ..FakeConfig::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let summary = sync_once(&mut store, source, &fake).await.unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert_exact(dir.path(), &fake, "first sync").await;
    let archive = store
        .stream_states(source)
        .unwrap()
        .into_iter()
        .find(|s| s.stream == freshdesk::ARCHIVED_STREAM)
        .expect("the archive has a line in the status");
    assert_eq!(
        archive.skipped_reason(),
        Some(freshdesk::ARCHIVE_NOT_LISTED),
        "the status says why archived tickets are missing"
    );

    let stored = |sql| ids(dir.path(), sql).into_iter().collect::<BTreeSet<i64>>();
    let mut users = listed(
        &fake,
        "contacts?_updated_since=2000-01-01T00:00:00Z&per_page=100",
    )
    .await;
    users.extend(listed(&fake, "agents?per_page=100").await);
    assert_eq!(stored("SELECT id FROM users"), users);
    assert_eq!(
        stored("SELECT id FROM groups"),
        listed(&fake, "groups").await
    );
    assert_eq!(
        stored("SELECT id FROM organizations"),
        listed(&fake, "companies?per_page=100").await
    );
    assert_eq!(
        ids(dir.path(), "SELECT count(*) FROM articles"),
        [8],
        "2 categories × 2 folders × 2 published articles"
    );
    fake.stop().await;
}

#[tokio::test]
async fn tickets_updated_during_paging_past_the_300th_page_are_neither_lost_nor_doubled() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 700,
        ..FakeConfig::default()
    })
    .await;
    let live = live_ids(&fake);
    // Tickets already read, about to be read, and far ahead move to the end mid-paging;
    // one goes to the trash and one to spam.
    fake.set_faults(Faults {
        mutations: vec![
            Mutation {
                after_page: 40,
                change: Change::Update(vec![live[5], live[81], live[82], live[400]]),
            },
            Mutation {
                after_page: 200,
                change: Change::Update(vec![live[10], live[399], live[401]]),
            },
            Mutation {
                after_page: 250,
                change: Change::Delete(vec![live[20]]),
            },
            Mutation {
                after_page: 260,
                change: Change::Spam(vec![live[600]]),
            },
        ],
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let options = FreshdeskSyncOptions {
        per_page: 2,
        ..FreshdeskSyncOptions::default()
    };
    let summary = sync_with(
        &mut store,
        source,
        &fake,
        &options,
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    let pages = fake
        .log()
        .iter()
        .filter(|r| r.path == "/api/v2/tickets" && !r.query.contains("filter="))
        .count();
    assert!(pages > 300, "the sync read {pages} pages");
    assert!(
        fake.log().iter().all(|r| r.status != 400),
        "no page past the 300th was asked for"
    );
    assert_tickets(dir.path(), &fake, "after paging under mutations");
    fake.stop().await;
}

#[tokio::test]
async fn spam_and_deleted_tickets_become_tombstones_that_leave_the_kpis() {
    let fake = FakeFreshdesk::start(small()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    sync_once(&mut store, source, &fake).await.unwrap();
    let live = live_ids(&fake);
    fake.delete_tickets(&[live[0]]);
    fake.spam_tickets(&[live[1]]);
    sync_once(&mut store, source, &fake).await.unwrap();
    assert_tickets(dir.path(), &fake, "after deleting and marking spam");
    let tombstones = ids(
        dir.path(),
        "SELECT id FROM tickets WHERE status = 'deleted' ORDER BY id",
    );
    assert!(tombstones.contains(&live[0]) && tombstones.contains(&live[1]));
    assert_eq!(
        ids(
            dir.path(),
            &format!(
                "SELECT count(*) FROM comments WHERE ticket_id IN ({}, {})",
                live[0], live[1]
            )
        ),
        [0],
        "a tombstone keeps no conversation"
    );
    let counted = store.ticket_count().unwrap();
    assert_eq!(
        counted as usize,
        live.len() - 2,
        "the KPIs count live tickets only"
    );
    fake.stop().await;
}

#[tokio::test]
async fn a_conversation_deleted_between_syncs_leaves_the_store() {
    let fake = FakeFreshdesk::start(small()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    sync_once(&mut store, source, &fake).await.unwrap();
    let thread = |id: i64| format!("SELECT id FROM comments WHERE ticket_id = {id} ORDER BY id");
    let ticket = live_ids(&fake)
        .into_iter()
        .find(|&id| ids(dir.path(), &thread(id)).len() >= 2)
        .expect("a ticket with two conversations");
    let before = ids(dir.path(), &thread(ticket));
    fake.delete_last_conversations(&[ticket]);
    sync_once(&mut store, source, &fake).await.unwrap();
    assert_eq!(
        ids(dir.path(), &thread(ticket)),
        before[..before.len() - 1],
        "the note the API no longer returns is deleted, the others stay"
    );
    assert_tickets(dir.path(), &fake, "after a conversation was deleted");
    fake.stop().await;
}

#[tokio::test]
async fn a_sync_stopped_by_faults_resumes_to_exact_data() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 200,
        ..FakeConfig::default()
    })
    .await;
    fake.set_faults(Faults {
        server_error_every: Some(53),
        cut_every: Some(71),
        truncate_every: Some(97),
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(
        &fake,
        ClientOptions {
            max_tries: 1,
            ..fast_options()
        },
    );
    let options = FreshdeskSyncOptions {
        per_page: 10,
        ..FreshdeskSyncOptions::default()
    };
    let (mut failures, mut runs) = (0, 0);
    loop {
        runs += 1;
        assert!(runs < 200, "the sync never finished");
        let result = freshdesk::run(
            &mut store,
            source,
            &client,
            &options,
            &CancellationToken::new(),
            &mut |_| {},
        )
        .await;
        match result {
            Ok(summary) => {
                assert_eq!(summary.outcome, RunOutcome::Succeeded);
                break;
            }
            Err(FreshdeskSyncError::Stream { .. }) => failures += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(
        failures > 1,
        "the faults stopped the sync ({failures} times)"
    );
    assert_tickets(dir.path(), &fake, "after resuming from faults");
    fake.set_faults(Faults::default());
    let conversations: usize = ids(dir.path(), "SELECT count(*) FROM comments")[0] as usize;
    let mut expected = 0;
    for id in live_ids(&fake) {
        expected += listed(&fake, &format!("tickets/{id}/conversations?per_page=100"))
            .await
            .len();
    }
    assert_eq!(conversations, expected, "every conversation once");
    fake.stop().await;
}

#[tokio::test]
async fn a_cancelled_sync_keeps_its_pages_and_the_next_one_finishes() {
    let fake = FakeFreshdesk::start(small()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let options = FreshdeskSyncOptions {
        per_page: 10,
        ..FreshdeskSyncOptions::default()
    };
    let cancel = CancellationToken::new();
    let stop = cancel.clone();
    let summary = sync_with(&mut store, source, &fake, &options, &cancel, &mut |e| {
        if matches!(e, SyncEvent::Page { stream: SyncStream::Tickets, records, .. } if records >= 50) {
            stop.cancel();
        }
    })
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Cancelled);
    let kept = stored_tickets(dir.path()).len();
    assert!(
        (50..fake_tickets(&fake).len()).contains(&kept),
        "{kept} kept"
    );
    let summary = sync_with(
        &mut store,
        source,
        &fake,
        &options,
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert_tickets(dir.path(), &fake, "after the resumed sync");
    fake.stop().await;
}

#[tokio::test]
async fn a_stream_the_plan_lacks_is_skipped_and_the_others_go_on() {
    let fake = FakeFreshdesk::start(small()).await;
    fake.set_faults(Faults {
        require_feature: vec!["satisfaction_ratings".into(), "solutions".into()],
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let summary = sync_once(&mut store, source, &fake).await.unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    let skipped: Vec<&str> = summary.skipped.iter().map(|(s, _)| *s).collect();
    assert_eq!(skipped, ["satisfaction_ratings", "articles"]);
    assert_tickets(dir.path(), &fake, "with two streams skipped");
    let states = store.stream_states(source).unwrap();
    let ratings = states
        .iter()
        .find(|s| s.stream == "satisfaction_ratings")
        .unwrap();
    assert!(
        ratings
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("skipped: "),
        "{ratings:?}"
    );
    fake.stop().await;
}

#[tokio::test]
async fn a_second_sync_reads_only_the_changed_tickets_conversations() {
    let fake = FakeFreshdesk::start(small()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    sync_once(&mut store, source, &fake).await.unwrap();
    let live = live_ids(&fake);
    let changed = [live[3], live[100]];
    fake.update_tickets(&changed);
    fake.reset_stats();
    sync_once(&mut store, source, &fake).await.unwrap();
    let mut read: Vec<String> = fake
        .log()
        .into_iter()
        .filter(|r| r.path.ends_with("/conversations"))
        .map(|r| r.path)
        .collect();
    read.sort();
    let mut expected: Vec<String> = changed
        .iter()
        .map(|id| format!("/api/v2/tickets/{id}/conversations"))
        .collect();
    expected.sort();
    assert_eq!(read, expected);
    assert_tickets(dir.path(), &fake, "after the second sync");
    fake.stop().await;
}

#[tokio::test]
async fn a_later_sync_converts_with_the_stored_account_when_the_plan_drops_its_lists() {
    let fake = FakeFreshdesk::start(small()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    sync_once(&mut store, source, &fake).await.unwrap();
    let business = |id: i64| -> Option<f64> {
        db(dir.path())
            .query_row(
                "SELECT full_resolution_time_business FROM tickets WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    let solved = ids(
        dir.path(),
        "SELECT id FROM tickets WHERE full_resolution_time_business IS NOT NULL ORDER BY id LIMIT 3",
    );
    assert_eq!(solved.len(), 3, "solved tickets have business minutes");
    let before: Vec<_> = solved.iter().map(|id| business(*id)).collect();
    fake.set_faults(Faults {
        require_feature: ["ticket_fields", "groups", "business_hours", "sla_policies"]
            .map(String::from)
            .to_vec(),
        ..Faults::default()
    });
    fake.update_tickets(&solved);
    let summary = sync_once(&mut store, source, &fake).await.unwrap();
    assert_eq!(summary.skipped.len(), 4, "{:?}", summary.skipped);
    assert_tickets(dir.path(), &fake, "after the second sync");
    let after: Vec<_> = solved.iter().map(|id| business(*id)).collect();
    assert_eq!(after, before, "the same calendars as the first sync");
    fake.stop().await;
}

#[tokio::test]
async fn a_rate_limit_wait_is_reported_with_its_length() {
    let fake = FakeFreshdesk::start(small()).await;
    fake.set_faults(Faults {
        rate_limit_burst: Some(3..4),
        retry_after: Some("1".into()),
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let mut waits = Vec::new();
    let summary = sync_with(
        &mut store,
        source,
        &fake,
        &FreshdeskSyncOptions::default(),
        &CancellationToken::new(),
        &mut |e| {
            if let SyncEvent::Waiting {
                stream,
                seconds,
                reason,
                ..
            } = e
            {
                waits.push((stream, seconds, reason));
            }
        },
    )
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    let limited: Vec<_> = waits
        .iter()
        .filter(|(_, _, reason)| *reason == WaitReason::RateLimited)
        .collect();
    assert_eq!(limited.len(), 1, "{waits:?}");
    assert!(limited[0].1 >= 1.0, "{limited:?}");
    assert_tickets(dir.path(), &fake, "after waiting out the 429");
    fake.stop().await;
}

#[tokio::test]
async fn a_tombstone_listed_live_again_is_written_again() {
    let fake = FakeFreshdesk::start(small()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    sync_once(&mut store, source, &fake).await.unwrap();
    // The newest live ticket is listed again by the next run's overlap, unchanged.
    let newest = *live_ids(&fake).last().unwrap();
    db(dir.path())
        .execute(
            "UPDATE tickets SET status = 'deleted' WHERE id = ?1",
            [newest],
        )
        .unwrap();
    sync_once(&mut store, source, &fake).await.unwrap();
    assert_tickets(dir.path(), &fake, "after the ticket came back");
    fake.stop().await;
}

#[tokio::test]
async fn a_plan_without_conversations_stores_the_tickets_without_replies() {
    let fake = FakeFreshdesk::start(small()).await;
    fake.set_faults(Faults {
        require_feature: vec!["conversations".into()],
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let summary = sync_once(&mut store, source, &fake).await.unwrap();
    let skipped: Vec<&str> = summary.skipped.iter().map(|(s, _)| *s).collect();
    assert_eq!(skipped, ["conversations"]);
    assert_tickets(dir.path(), &fake, "without conversations");
    assert_eq!(
        ids(
            dir.path(),
            "SELECT count(*) FROM tickets WHERE replies IS NOT NULL"
        ),
        [0],
        "replies unknown"
    );
    fake.stop().await;
}
