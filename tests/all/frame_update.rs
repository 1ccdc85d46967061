//! The frame updated from the tickets a write changed: the store logs which tickets each
//! commit touched, and a frame updated from those gives the frame and the numbers a
//! rebuild from SQLite gives.

use deskbench::analytics::frame::snapshot::SNAPSHOT_DIR;
use deskbench::analytics::{load_or_build, run, Frame, KpiRequest};
use deskbench::store::records::{
    Named, NamedKind, NewSource, RatingScore, SourceKind, TicketField, TicketStatus,
};
use deskbench::store::{Store, TicketKey, TicketSelection, DATABASE_FILE};
use deskbench::workspace::Workspace;
use fake_zendesk::FakeZendesk;
use proptest::prelude::*;

use super::proptest_pages::config;
use super::sync::{client, fast_options, small_fake, store_with_source, sync_once};
use crate::fixtures::{rating, sla, ticket, Helpdesk};

const SOURCE: i64 = 1;

fn changed_after(hd: &Helpdesk, generation: i64) -> Vec<i64> {
    let changed: Vec<TicketKey> = hd
        .store
        .changed_tickets(generation)
        .unwrap()
        .expect("the log reaches back to any generation of a new database");
    changed.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn each_commit_logs_the_tickets_it_changed_at_the_generation_it_made() {
    let hd = Helpdesk::new().tickets(&[
        ticket(1, "2025-03-01T10:00:00Z", TicketStatus::Open),
        ticket(2, "2025-03-01T10:00:00Z", TicketStatus::Open),
        ticket(3, "2025-03-01T10:00:00Z", TicketStatus::Open),
    ]);
    let before = hd.store.data_generation().unwrap();
    assert_eq!(changed_after(&hd, 0), [1, 2, 3]);
    assert!(
        changed_after(&hd, before).is_empty(),
        "nothing changed since"
    );

    let hd = hd
        .tickets(&[ticket(2, "2025-03-01T10:00:00Z", TicketStatus::Solved)])
        .ratings(&[rating(70, 3, RatingScore::Good, "2025-03-02T10:00:00Z")])
        .sla_events(&[sla(
            80,
            4,
            "reply_time",
            1,
            "apply_sla",
            "2025-03-01T10:00:00Z",
        )]);
    assert_eq!(
        changed_after(&hd, before),
        [2, 3, 4],
        "a ticket row, a rating and an SLA event (of a ticket not synced yet) each change their ticket"
    );
    let labels_only = hd.store.data_generation().unwrap();
    let hd = hd.named(deskbench::store::records::NamedKind::Group, 5, "Billing");
    assert!(
        changed_after(&hd, labels_only).is_empty(),
        "a group name changes no ticket's rows"
    );
}

#[test]
fn a_rating_or_sla_event_that_moves_changes_both_tickets() {
    let hd = Helpdesk::new()
        .tickets(&[
            ticket(1, "2025-03-01T10:00:00Z", TicketStatus::Solved),
            ticket(2, "2025-03-01T10:00:00Z", TicketStatus::Solved),
        ])
        .ratings(&[rating(70, 1, RatingScore::Good, "2025-03-02T10:00:00Z")])
        .sla_events(&[sla(
            80,
            1,
            "reply_time",
            1,
            "apply_sla",
            "2025-03-01T10:00:00Z",
        )]);
    let before = hd.store.data_generation().unwrap();
    let hd = hd.ratings(&[rating(70, 2, RatingScore::Bad, "2025-03-03T10:00:00Z")]);
    assert_eq!(
        changed_after(&hd, before),
        [1, 2],
        "the rating left ticket 1"
    );

    let before = hd.store.data_generation().unwrap();
    let hd = hd.sla_events(&[sla(
        80,
        2,
        "reply_time",
        1,
        "apply_sla",
        "2025-03-01T10:00:00Z",
    )]);
    assert_eq!(
        changed_after(&hd, before),
        [1, 2],
        "the event left ticket 1"
    );
}

#[test]
fn deleting_an_sla_event_or_removing_a_source_changes_their_tickets() {
    let mut hd = Helpdesk::new()
        .tickets(&[
            ticket(1, "2025-03-01T10:00:00Z", TicketStatus::Open),
            ticket(2, "2025-03-01T10:00:00Z", TicketStatus::Open),
        ])
        .sla_events(&[sla(
            80,
            2,
            "reply_time",
            1,
            "apply_sla",
            "2025-03-01T10:00:00Z",
        )]);
    let before = hd.store.data_generation().unwrap();
    let w = hd.store.write().unwrap();
    w.delete_sla_event(SOURCE, 80).unwrap();
    w.commit().unwrap();
    assert_eq!(changed_after(&hd, before), [2]);

    let before = hd.store.data_generation().unwrap();
    hd.store.remove_source(SOURCE).unwrap();
    assert_eq!(changed_after(&hd, before), [1, 2]);
}

#[test]
fn a_generation_from_before_the_log_existed_is_not_covered() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    // As a database migrated to the log at generation 5 records it.
    rusqlite::Connection::open(dir.path().join(DATABASE_FILE))
        .unwrap()
        .execute(
            "UPDATE settings SET value = '5' WHERE key = 'ticket_changes_after'",
            [],
        )
        .unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.changed_tickets(4).unwrap(),
        None,
        "changes 5 and before were never logged"
    );
    assert_eq!(store.changed_tickets(5).unwrap(), Some(vec![]));
}

#[test]
fn reads_of_changed_tickets_return_only_their_rows() {
    let mut open = ticket(1, "2025-03-01T10:00:00Z", TicketStatus::Open);
    open.tags = vec!["vip".into(), "billing".into()];
    open.fields = vec![(900, serde_json::json!("gold"))];
    let hd = Helpdesk::new().tickets(&[
        open.clone(),
        ticket(2, "2025-03-01T10:00:00Z", TicketStatus::Open),
    ]);
    let before = hd.store.data_generation().unwrap();
    let hd = hd
        .tickets(&[
            open,
            ticket(3, "2025-03-01T10:00:00Z", TicketStatus::Deleted),
        ])
        .ratings(&[rating(70, 1, RatingScore::Good, "2025-03-02T10:00:00Z")])
        .sla_events(&[sla(
            80,
            1,
            "reply_time",
            1,
            "apply_sla",
            "2025-03-01T10:00:00Z",
        )]);
    let changed = TicketSelection::ChangedAfter(before);
    let columns = hd.store.ticket_columns(changed).unwrap();
    assert_eq!(columns.id, [1], "ticket 2 is unchanged, ticket 3 deleted");
    assert_eq!(hd.store.rating_columns(changed).unwrap().ticket_id, [1]);
    assert_eq!(hd.store.sla_instances(changed).unwrap().len(), 1);
    let mut tags = Vec::new();
    hd.store
        .each_ticket_tag(changed, |(_, id), tag| tags.push((id, tag.to_owned())))
        .unwrap();
    assert_eq!(tags, [(1, "billing".to_owned()), (1, "vip".to_owned())]);
    let mut fields = Vec::new();
    hd.store
        .each_field_value(changed, |(_, id), field, _| fields.push((id, field)))
        .unwrap();
    assert_eq!(fields, [(1, 900)]);
    let unchanged = TicketSelection::ChangedAfter(hd.store.data_generation().unwrap());
    assert!(hd.store.ticket_columns(unchanged).unwrap().id.is_empty());
}

/// One write of the random sequences: each commit is a few of these.
#[derive(Debug, Clone)]
enum Write {
    Ticket {
        id: i64,
        status: TicketStatus,
        group: Option<i64>,
        channel: &'static str,
        tags: Vec<&'static str>,
        field: Option<&'static str>,
        day: u32,
    },
    Rating {
        id: i64,
        ticket: i64,
        good: bool,
    },
    SlaEvent {
        id: i64,
        ticket: i64,
        kind: &'static str,
    },
    DropSlaEvent(i64),
    GroupName(i64),
    RemoveSecondSource,
}

fn write() -> impl Strategy<Value = Write> {
    let status = proptest::sample::select(vec![
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::Pending,
        TicketStatus::Solved,
        TicketStatus::Closed,
        TicketStatus::Deleted,
    ]);
    let channel = proptest::sample::select(vec!["email", "web", "chat", "voice", "api"]);
    let tags = proptest::sample::subsequence(vec!["billing", "vip", "bug", "refund"], 0..=3);
    let field = proptest::option::of(proptest::sample::select(vec!["gold", "silver", "new"]));
    let ticket = (
        1..40i64,
        status,
        proptest::option::of(1..5i64),
        channel,
        tags,
        field,
        1..28u32,
    )
        .prop_map(
            |(id, status, group, channel, tags, field, day)| Write::Ticket {
                id,
                status,
                group,
                channel,
                tags,
                field,
                day,
            },
        );
    prop_oneof![
        6 => ticket,
        2 => (1..20i64, 1..40i64, any::<bool>())
            .prop_map(|(id, ticket, good)| Write::Rating { id, ticket, good }),
        2 => (1..30i64, 1..40i64, proptest::sample::select(vec!["apply_sla", "breach", "fulfill"]))
            .prop_map(|(id, ticket, kind)| Write::SlaEvent { id, ticket, kind }),
        1 => (1..30i64).prop_map(Write::DropSlaEvent),
        1 => (1..6i64).prop_map(Write::GroupName),
        1 => Just(Write::RemoveSecondSource),
    ]
}

fn apply(workspace: &mut Workspace, writes: &[Write]) {
    let second = workspace.store().source_id_by_name("second").unwrap();
    if writes
        .iter()
        .any(|w| matches!(w, Write::RemoveSecondSource))
    {
        if let Some(second) = second {
            workspace.store_mut().remove_source(second).unwrap();
        }
    }
    let w = workspace.store_mut().write().unwrap();
    for write in writes {
        match write {
            Write::Ticket {
                id,
                status,
                group,
                channel,
                tags,
                field,
                day,
            } => {
                let mut t = ticket(*id, &format!("2025-03-{day:02}T10:00:00Z"), *status);
                if status.is_solved() {
                    t.solved_at = Some(t.created_at + 3600 * i64::from(*day));
                }
                t.group_id = *group;
                t.channel = Some((*channel).to_owned());
                t.tags = tags.iter().map(|tag| (*tag).to_owned()).collect();
                t.fields = field
                    .iter()
                    .map(|value| (FIELD, serde_json::json!(value)))
                    .collect();
                w.upsert_ticket(SOURCE, &t).unwrap();
            }
            Write::Rating { id, ticket, good } => {
                let score = if *good {
                    RatingScore::Good
                } else {
                    RatingScore::Bad
                };
                w.upsert_rating(SOURCE, &rating(*id, *ticket, score, "2025-03-20T10:00:00Z"))
                    .unwrap();
            }
            Write::SlaEvent { id, ticket, kind } => {
                let at = "2025-03-10T10:00:00Z";
                w.upsert_sla_event(SOURCE, &sla(*id, *ticket, "reply_time", 1, kind, at))
                    .unwrap();
            }
            Write::DropSlaEvent(id) => w.delete_sla_event(SOURCE, *id).unwrap(),
            Write::GroupName(id) => w
                .upsert_named(
                    SOURCE,
                    NamedKind::Group,
                    &Named {
                        id: *id,
                        name: format!("Desk {id}"),
                    },
                )
                .unwrap(),
            Write::RemoveSecondSource => {}
        }
    }
    w.commit().unwrap();
}

const FIELD: i64 = 900;

/// A workspace with a few tickets in two sources (a demo and a Freshdesk one), a custom
/// field and its snapshot.
fn small_workspace(dir: &std::path::Path) -> Workspace {
    let mut workspace = Workspace::open(dir).unwrap();
    let w = workspace.store_mut().write().unwrap();
    // Two kinds of source, so the `source` dimension and the KPIs the second cannot
    // support (reopens) are compared too.
    for (name, kind) in [
        ("first", SourceKind::Demo),
        ("second", SourceKind::Freshdesk),
    ] {
        w.add_source(&NewSource {
            kind,
            name: name.to_owned(),
            base_url: None,
            time_zone: None,
            created_at: 0,
        })
        .unwrap();
    }
    w.upsert_ticket_field(
        SOURCE,
        &TicketField {
            id: FIELD,
            title: "Plan".to_owned(),
            field_type: "tagger".to_owned(),
            options: vec![],
            active: true,
        },
    )
    .unwrap();
    for id in [2, 5, 9, 14, 20, 33] {
        let mut t = ticket(id, "2025-03-03T10:00:00Z", TicketStatus::Open);
        t.tags = vec!["vip".to_owned()];
        w.upsert_ticket(SOURCE, &t).unwrap();
    }
    for id in [1, 7] {
        w.upsert_ticket(2, &ticket(id, "2025-03-04T10:00:00Z", TicketStatus::New))
            .unwrap();
    }
    w.commit().unwrap();
    let built = workspace.frame().unwrap();
    assert!(!built.updated && built.save_error.is_none());
    workspace
}

/// The same frame, column for column, row for row, with the same labels and links.
fn assert_same_frame(updated: &Frame, rebuilt: &Frame, why: &str) {
    let frames = [
        ("tickets", &updated.tickets, &rebuilt.tickets),
        ("ratings", &updated.ratings, &rebuilt.ratings),
        ("sla", &updated.sla, &rebuilt.sla),
        ("tags", &updated.tags, &rebuilt.tags),
        ("fields", &updated.fields, &rebuilt.fields),
    ];
    for (name, updated, rebuilt) in frames {
        assert!(
            updated.equals_missing(rebuilt),
            "{why}: the updated {name} frame is the rebuilt one\nupdated {updated}\nrebuilt {rebuilt}"
        );
    }
    let labels = |frame: &Frame| {
        let l = &frame.labels;
        serde_json::json!([
            l.groups,
            l.brands,
            l.users.map(),
            l.organizations.map(),
            l.fields,
            l.sources
        ])
    };
    assert_eq!(labels(updated), labels(rebuilt), "{why}: labels");
    assert_eq!(updated.ticket_links, rebuilt.ticket_links, "{why}: links");
}

/// A KPI of each population (tickets created, solved and unsolved, ratings, SLA
/// outcomes) and one a source cannot support, by each kind of dimension, week by week,
/// as JSON.
fn kpis(workspace: &Workspace, frame: &Frame) -> Vec<String> {
    let kpis = [
        "tickets_created",
        "tickets_solved",
        "tickets_unsolved",
        "reopen_rate",
        "csat",
        "sla_achievement",
    ];
    ["group", "tag", "field:900", "source"]
        .into_iter()
        .map(|by| {
            let query = KpiRequest {
                from: Some("2025-03-01".into()),
                to: Some("2025-04-30".into()),
                by: Some(by.into()),
                every: Some("week".into()),
                kpis: kpis.map(str::to_owned).to_vec(),
                ..KpiRequest::default()
            }
            .resolve(
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                workspace.time_zone().unwrap(),
            )
            .unwrap();
            serde_json::to_string(&run(frame, &query).unwrap()).unwrap()
        })
        .collect()
}

/// After each commit the frame is the last snapshot updated, and equals a rebuild.
fn check_updates(commits: &[Vec<Write>]) {
    let dir = tempfile::tempdir().unwrap();
    let mut workspace = small_workspace(dir.path());
    for (n, writes) in commits.iter().enumerate() {
        apply(&mut workspace, writes);
        let loaded = workspace.frame().unwrap();
        let why = format!("after commit {n} ({writes:?})");
        // A commit that changed nothing (a source removed twice) leaves the snapshot
        // current, so it is read as it is.
        assert!(
            loaded.updated || loaded.from_snapshot,
            "{why}: the snapshot was updated, not rebuilt"
        );
        assert_eq!(loaded.save_error, None);
        let rebuilt = Frame::build(workspace.store()).unwrap();
        assert_same_frame(&loaded.frame, &rebuilt, &why);
        assert_eq!(
            kpis(&workspace, &loaded.frame),
            kpis(&workspace, &rebuilt),
            "{why}: the numbers of a rebuild"
        );
    }
}

#[test]
fn a_commit_that_changes_nothing_leaves_the_snapshot_current() {
    check_updates(&[
        vec![Write::RemoveSecondSource],
        vec![Write::RemoveSecondSource],
    ]);
}

/// The snapshot's column files by table and column (`tickets.status`), each with the
/// name of its file.
fn column_files(dir: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    std::fs::read_dir(dir.join(SNAPSHOT_DIR))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".arrow"))
        .map(|name| {
            let column = name.splitn(3, '.').take(2).collect::<Vec<_>>().join(".");
            (column, name)
        })
        .collect()
}

#[test]
fn the_save_after_an_update_writes_only_the_columns_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut workspace = small_workspace(dir.path());
    let before = column_files(dir.path());
    // Ticket 9 solved, on the day it was created, with its tag: its creation, ids and
    // ratings stay as they were.
    apply(
        &mut workspace,
        &[Write::Ticket {
            id: 9,
            status: TicketStatus::Solved,
            group: None,
            channel: "email",
            tags: vec!["vip"],
            field: None,
            day: 3,
        }],
    );
    let loaded = workspace.frame().unwrap();
    assert!(loaded.updated && loaded.save_error.is_none());
    let after = column_files(dir.path());
    assert_eq!(
        before.len(),
        after.len(),
        "one file per column, before and after"
    );
    for same in [
        "tickets.created_at",
        "tickets.id",
        "tickets.row",
        "ratings.score",
        "sla.code",
        "tags.code",
    ] {
        assert_eq!(
            before[same], after[same],
            "{same} is linked, not written again"
        );
    }
    for changed in ["tickets.status", "tickets.solved_now"] {
        assert_ne!(before[changed], after[changed], "{changed} is written anew");
    }
    let rebuilt = Frame::build(workspace.store()).unwrap();
    assert_same_frame(&workspace.frame().unwrap().frame, &rebuilt, "read back");
}

proptest! {
    #![proptest_config(config(10))]

    #[test]
    fn proptest_an_updated_frame_is_the_rebuilt_frame(
        commits in proptest::collection::vec(proptest::collection::vec(write(), 1..8), 1..4)
    ) {
        check_updates(&commits);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_that_changes_some_tickets_updates_the_frame_to_the_rebuilt_one() {
    let fake = FakeZendesk::start(small_fake()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let client = client(&fake, fast_options());
    sync_once(&mut store, source, &client).await.unwrap();
    let first = load_or_build(&store, dir.path()).unwrap();
    assert!(!first.updated, "no snapshot yet: built");

    let ids: Vec<i64> = fake.expected().tickets.iter().map(|t| t.id).collect();
    fake.add_tickets(12);
    fake.update_tickets(&ids[..5]);
    fake.solve_tickets(&ids[5..8]);
    fake.reopen_tickets(&ids[8..10]);
    fake.delete_tickets(&[ids[10], ids[11]]);
    fake.rate_ticket(ids[12], false);
    sync_once(&mut store, source, &client).await.unwrap();

    let loaded = load_or_build(&store, dir.path()).unwrap();
    assert!(
        loaded.updated,
        "the snapshot was updated from the changed tickets"
    );
    assert_eq!(loaded.save_error, None);
    let rebuilt = Frame::build(&store).unwrap();
    assert_same_frame(&loaded.frame, &rebuilt, "after the second sync");
    assert_eq!(
        loaded.frame.ticket_count(),
        first.frame.ticket_count() + 12 - 2,
        "new tickets in, deleted ones out"
    );
    let again = load_or_build(&store, dir.path()).unwrap();
    assert!(
        again.from_snapshot,
        "the updated frame was saved as the snapshot"
    );
}
