//! The frame updated from the tickets a write changed: the store logs which tickets each
//! commit touched, and a frame updated from those gives the frame and the numbers a
//! rebuild from SQLite gives.

use deskbench::store::records::{RatingScore, TicketStatus};
use deskbench::store::{Store, TicketKey, TicketSelection, DATABASE_FILE};

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
