//! `status`'s record counts (and the app header's ticket count) come from indexes, never
//! from reading ticket rows, and agree with plain counts after a demo, tickets turned
//! into tombstones and a source's removal.

use deskbench::demo::DemoConfig;
use deskbench::store::records::TicketStatus;
use deskbench::store::{StoreCounts, DATABASE_FILE};
use deskbench::workspace::Workspace;

use crate::fixtures::ticket;

/// The counts as plain `WHERE` queries over every row would give them.
fn scanned(dir: &std::path::Path) -> StoreCounts {
    let conn = rusqlite::Connection::open(dir.join(DATABASE_FILE)).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as u64;
    StoreCounts {
        tickets: count("SELECT count(*) FROM tickets WHERE status <> 'deleted'"),
        deleted_tickets: count("SELECT count(*) FROM tickets WHERE status = 'deleted'"),
        users: count("SELECT count(*) FROM users"),
        groups: count("SELECT count(*) FROM groups"),
        organizations: count("SELECT count(*) FROM organizations"),
        brands: count("SELECT count(*) FROM brands"),
        satisfaction_ratings: count("SELECT count(*) FROM satisfaction_ratings"),
        sla_events: count("SELECT count(*) FROM sla_events"),
        comments: count("SELECT count(*) FROM comments"),
        articles: count("SELECT count(*) FROM articles"),
    }
}

#[test]
fn counts_agree_with_row_scans_after_a_demo_tombstones_and_a_source_removal() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        tickets: 500,
        months: 3,
        now: 1_767_225_600,
        ..DemoConfig::default()
    };
    let (mut workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {}).unwrap();
    let demo = workspace.store().counts().unwrap();
    assert_eq!(demo, scanned(dir.path()));
    assert_eq!(workspace.store().ticket_count().unwrap(), demo.tickets);
    assert!(demo.tickets > 0 && demo.users > 0, "{demo:?}");

    let w = workspace.store_mut().write().unwrap();
    for id in [1, 2, 3] {
        w.upsert_ticket(
            1,
            &ticket(id, "2025-12-01T10:00:00Z", TicketStatus::Deleted),
        )
        .unwrap();
    }
    w.commit().unwrap();
    let tombstones = workspace.store().counts().unwrap();
    assert_eq!(tombstones, scanned(dir.path()));
    assert_eq!(
        workspace.store().ticket_count().unwrap(),
        tombstones.tickets
    );
    assert!(tombstones.deleted_tickets >= 3, "{tombstones:?}");

    workspace.store_mut().remove_source(1).unwrap();
    let removed = workspace.store().counts().unwrap();
    assert_eq!(removed, scanned(dir.path()));
    assert_eq!(workspace.store().ticket_count().unwrap(), removed.tickets);
    assert_eq!(
        removed,
        StoreCounts::default(),
        "the demo was the only source"
    );
}

#[test]
fn ticket_counts_read_indexes_only() {
    let dir = tempfile::tempdir().unwrap();
    drop(deskbench::store::Store::open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    for query in [
        "SELECT count(*) FROM tickets WHERE status = 'deleted'",
        "SELECT count(*) FROM tickets",
    ] {
        let plan: String = conn
            .query_row(&format!("EXPLAIN QUERY PLAN {query}"), [], |r| r.get(3))
            .unwrap();
        assert!(plan.contains("COVERING INDEX"), "{query}: {plan}");
    }
}
