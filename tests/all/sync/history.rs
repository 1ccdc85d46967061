//! The status history (the ticket events stream) against the fake: stored whole, extended
//! once by later syncs, through faults, back-filled by a workspace synced before it
//! existed; and at every sync its last values are each ticket's stored state.

use std::collections::BTreeMap;

use fake_zendesk::{FakeZendesk, Faults};
use tokio_util::sync::CancellationToken;

use deskbench::analytics::flow::History;
use deskbench::analytics::Frame;
use deskbench::sources::zendesk::Stream;
use deskbench::store::records::{HistoryField, HistoryValue};
use deskbench::store::RunOutcome;
use deskbench::sync::{BackFill, SyncEvent, SyncStream};

use super::*;

/// Each live ticket's status, group, assignee and priority as the history ends, against
/// the ticket as stored: the reconstruction check at "now".
fn assert_history_ends_at_each_tickets_state(store: &Store, db: &Path, context: &str) {
    let mut last: BTreeMap<(i64, HistoryField), Option<HistoryValue>> = BTreeMap::new();
    store
        .each_ticket_event(None, |row| {
            last.insert((row.ticket_id, row.field), row.value);
        })
        .unwrap();
    let value = |id: i64, field: HistoryField| last.get(&(id, field)).cloned().flatten();
    let text = |s: &Option<String>| s.clone().map(HistoryValue::Text);
    let live: Vec<ExpectedTicket> = stored(db)
        .tickets
        .into_iter()
        .filter(|t| t.status != "deleted")
        .collect();
    assert!(!live.is_empty());
    for t in &live {
        let wanted = [
            (HistoryField::Status, text(&Some(t.status.clone()))),
            (HistoryField::Group, t.group_id.map(HistoryValue::Id)),
            (HistoryField::Assignee, t.assignee_id.map(HistoryValue::Id)),
            (HistoryField::Priority, text(&t.priority)),
        ];
        for (field, stored) in wanted {
            assert_eq!(
                value(t.id, field),
                stored,
                "{context}: ticket {}'s last {field:?} in the history is its stored one",
                t.id
            );
        }
    }
}

/// The backlog the history gives at "now", read as `backlog` and `flow` read it (through
/// the history cache beside the database), against the unsolved tickets as stored.
fn assert_history_backlog_now_is_the_stored_one(store: &Store, dir: &Path, context: &str) {
    let frame = Frame::build(store).unwrap();
    let history = History::cached(store, &frame, dir).unwrap();
    let rows = frame.ticket_count() as u32;
    let from_history = (0..rows)
        .filter(|&row| {
            history
                .state_before(row, i64::MAX)
                .is_some_and(|state| state.unsolved())
        })
        .count();
    let stored = stored(&dir.join("deskbench.sqlite"))
        .tickets
        .iter()
        .filter(|t| matches!(t.status.as_str(), "new" | "open" | "pending" | "hold"))
        .count();
    assert!(stored > 0);
    assert_eq!(from_history, stored, "{context}: the backlog now");
}

fn history_rows_of(store: &Store, ticket: i64) -> usize {
    let mut rows = 0;
    store
        .each_ticket_event(None, |row| rows += usize::from(row.ticket_id == ticket))
        .unwrap();
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn syncs_store_the_history_once_and_it_ends_at_each_tickets_state() {
    let fake = FakeZendesk::start(small_fake()).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(&fake, fast_options());
    let summary = sync_once(&mut store, source, &client).await.unwrap();
    assert_eq!(summary.problems, 0, "every event of the fake reads");
    assert_same(&stored(&db), &fake.expected(), "first sync");
    assert!(
        fake.stats().by_path["/api/v2/incremental/ticket_events.json"] > 5,
        "the history came in several pages, each boundary served twice"
    );
    assert_history_ends_at_each_tickets_state(&store, &db, "first sync");
    assert_history_backlog_now_is_the_stored_one(&store, dir.path(), "first sync");

    let expected = fake.expected().tickets;
    let with = |status: &str| -> Vec<i64> {
        expected
            .iter()
            .filter(|t| t.status == status)
            .map(|t| t.id)
            .take(6)
            .collect()
    };
    let (open, solved) = (with("open"), with("solved"));
    let added = fake.add_tickets(8);
    fake.update_tickets(&[open[0], open[1], added[0]]);
    fake.solve_tickets(&[open[2], added[1]]);
    fake.reopen_tickets(&[solved[0], added[1]]);
    fake.delete_tickets(&[open[3], solved[1]]);
    fake.reset_stats();
    let rows_before = history_rows_of(&store, open[3]);
    assert!(rows_before > 0);

    let summary = sync_once(&mut store, source, &client).await.unwrap();
    assert!(summary.counts["ticket_events"] > 0);
    assert_same(&stored(&db), &fake.expected(), "after changes");
    assert!(
        fake.stats().by_path["/api/v2/incremental/ticket_events.json"] <= 2,
        "only the new events are fetched"
    );
    assert_history_ends_at_each_tickets_state(&store, &db, "after changes");
    assert_history_backlog_now_is_the_stored_one(&store, dir.path(), "after changes");
    assert_eq!(
        (
            history_rows_of(&store, open[3]),
            history_rows_of(&store, solved[1])
        ),
        (0, 0),
        "a deleted ticket keeps no history"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_and_server_errors_mid_stream_lose_and_double_nothing() {
    let fake = FakeZendesk::start(small_fake()).await;
    fake.set_faults(Faults {
        server_error_every: Some(4),
        rate_limit_every: Some(7),
        ..Faults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let options = ClientOptions {
        max_tries: 12,
        ..fast_options()
    };
    let mut waits = 0;
    let summary = sync_with(
        &mut store,
        source,
        &client(&fake, options),
        &CancellationToken::new(),
        &mut |e| {
            if matches!(
                e,
                SyncEvent::Waiting {
                    stream: SyncStream::TicketEvents,
                    ..
                }
            ) {
                waits += 1;
            }
        },
    )
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert!(waits > 0, "the history's own requests met 429s and 5xx");
    assert!(fake.stats().rejected_429 > 0);
    assert_same(&stored(&db), &fake.expected(), "through faults");
    assert_history_ends_at_each_tickets_state(&store, &db, "through faults");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_synced_before_the_history_existed_back_fills_it() {
    let fake = FakeZendesk::start(small_fake()).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(&fake, fast_options());
    let before = SyncOptions {
        plan: PlanOptions {
            streams: Stream::ALL
                .into_iter()
                .filter(|s| *s != Stream::TicketEvents)
                .collect(),
            ..PlanOptions::default()
        },
        clock: deskbench::now,
    };
    let cancel = CancellationToken::new();
    sync::run(&mut store, source, &client, &before, &cancel, &mut |_| {})
        .await
        .unwrap();
    assert!(stored(&db).history.is_empty(), "synced without the history");

    let mut started = Vec::new();
    sync_with(&mut store, source, &client, &cancel, &mut |e| {
        if let SyncEvent::StreamStarted { stream, .. } = e {
            started.push(stream);
        }
    })
    .await
    .unwrap();
    assert!(
        started.contains(&SyncStream::TicketEvents),
        "the back-fill reports progress as a stream of its own"
    );
    assert_same(&stored(&db), &fake.expected(), "after the back-fill");
    assert_history_ends_at_each_tickets_state(&store, &db, "after the back-fill");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_comments_are_stored_and_a_workspace_that_read_events_without_them_back_fills_once()
{
    let fake = FakeZendesk::start(small_fake()).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(&fake, fast_options());
    sync_once(&mut store, source, &client).await.unwrap();
    let expected = fake.expected();
    assert!(
        expected.public_comments.len() > 100,
        "the fake's comments are public and private, by requesters and agents"
    );
    assert_same(&stored(&db), &expected, "first sync");

    // The workspace as the previous schema left it: events read without their comments.
    drop(store);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(&format!(
            "DELETE FROM public_comments; PRAGMA user_version = {};",
            deskbench::store::SCHEMA_VERSION - 1
        ))
        .unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let history_before = stored(&db).history;
    assert!(stored(&db).public_comments.is_empty());
    fake.reset_stats();

    let mut started = Vec::new();
    sync_with(
        &mut store,
        source,
        &client,
        &CancellationToken::new(),
        &mut |e| {
            if let SyncEvent::StreamStarted { stream, back_fill } = e {
                started.push((stream, back_fill));
            }
        },
    )
    .await
    .unwrap();
    assert!(
        started.contains(&(SyncStream::TicketEvents, Some(BackFill::CommentEvents))),
        "progress says the events are read again, and why: {started:?}"
    );
    assert!(
        started
            .iter()
            .filter(|(s, _)| *s != SyncStream::TicketEvents)
            .all(|(_, b)| b.is_none()),
        "no other stream starts over"
    );
    assert!(
        fake.stats().by_path["/api/v2/incremental/ticket_events.json"] > 5,
        "the export was read from the start"
    );
    assert_same(&stored(&db), &fake.expected(), "after the back-fill");
    assert_eq!(
        stored(&db).history,
        history_before,
        "the history read again is stored once"
    );

    fake.reset_stats();
    let mut again = Vec::new();
    sync_with(
        &mut store,
        source,
        &client,
        &CancellationToken::new(),
        &mut |e| {
            if let SyncEvent::StreamStarted { back_fill, .. } = e {
                again.push(back_fill);
            }
        },
    )
    .await
    .unwrap();
    assert!(again.iter().all(Option::is_none), "once only");
    assert!(
        fake.stats().by_path["/api/v2/incremental/ticket_events.json"] <= 2,
        "the next sync goes on from where the back-fill ended"
    );
}
