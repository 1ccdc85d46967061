//! The frame snapshot beside the database: loaded when current, rebuilt after any data
//! change, ignored when damaged, and always giving the same numbers as SQLite.

use deskbench::analytics::snapshot::SNAPSHOT_DIR;
use deskbench::analytics::{run, KpiRequest};
use deskbench::demo::DemoConfig;
use deskbench::store::records::{Named, NamedKind, TicketStatus};
use deskbench::workspace::Workspace;

use crate::fixtures::ticket;

fn every_kpi_by_group(workspace: &Workspace, frame: &deskbench::analytics::Frame) -> String {
    let query = KpiRequest {
        from: Some("2025-07-01".into()),
        to: Some("2025-12-31".into()),
        by: Some("group".into()),
        every: Some("month".into()),
        ..KpiRequest::default()
    }
    .resolve(
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        workspace.time_zone().unwrap(),
    )
    .unwrap();
    serde_json::to_string(&run(frame, &query).unwrap()).unwrap()
}

#[test]
fn the_snapshot_is_used_while_current_and_rebuilt_after_changes() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        tickets: 2000,
        months: 6,
        now: 1_767_225_600,
        ..DemoConfig::default()
    };
    let (mut workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {}).unwrap();

    let built = workspace.frame().unwrap();
    assert!(!built.from_snapshot);
    assert_eq!(built.save_error, None);
    let loaded = workspace.frame().unwrap();
    assert!(loaded.from_snapshot, "the second load reads the snapshot");
    assert_eq!(
        every_kpi_by_group(&workspace, &loaded.frame),
        every_kpi_by_group(&workspace, &built.frame),
        "the snapshot gives the numbers of SQLite"
    );
    assert_eq!(loaded.frame.labels.groups, built.frame.labels.groups);

    // A new group name is a data change: the next load rebuilds and sees it.
    let source_id = 1;
    let w = workspace.store_mut().write().unwrap();
    w.upsert_named(
        source_id,
        NamedKind::Group,
        &Named {
            id: 987_654,
            name: "Renamed desk".into(),
        },
    )
    .unwrap();
    w.upsert_ticket(
        source_id,
        &ticket(99_999_999, "2025-12-01T10:00:00Z", TicketStatus::Open),
    )
    .unwrap();
    w.commit().unwrap();
    let after = workspace.frame().unwrap();
    assert!(!after.from_snapshot, "a write makes the snapshot stale");
    assert_eq!(after.frame.ticket_count(), built.frame.ticket_count() + 1);
    assert_eq!(
        after.frame.labels.groups.get(&987_654).map(String::as_str),
        Some("Renamed desk")
    );

    // A setting is not data: the snapshot stays current.
    let w = workspace.store_mut().write().unwrap();
    w.set_setting("kpi_targets", "[]").unwrap();
    w.commit().unwrap();
    assert!(workspace.frame().unwrap().from_snapshot);

    // A damaged snapshot is only a cache: it is rebuilt, never an error.
    let tickets_file = dir.path().join(SNAPSHOT_DIR).join("tickets.parquet");
    std::fs::write(&tickets_file, b"not parquet").unwrap();
    let repaired = workspace.frame().unwrap();
    assert!(!repaired.from_snapshot);
    assert_eq!(repaired.frame.ticket_count(), after.frame.ticket_count());
    assert!(workspace.frame().unwrap().from_snapshot);
}
