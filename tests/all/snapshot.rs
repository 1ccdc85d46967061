//! The frame snapshot beside the database: loaded when current, rebuilt after any data
//! change, for another database, and when damaged, of another shape or of other row
//! counts, and always giving the same numbers as SQLite.

use deskbench::analytics::frame::snapshot::SNAPSHOT_DIR;
use deskbench::analytics::{run, KpiRequest};
use deskbench::demo::DemoConfig;
use deskbench::store::records::{Named, NamedKind, TicketStatus};
use deskbench::store::DATABASE_FILE;
use deskbench::workspace::Workspace;
use polars::prelude::IntoLazy;

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
    let tickets_file = column_file(dir.path(), "tickets", "status");
    std::fs::write(&tickets_file, b"not arrow").unwrap();
    let repaired = workspace.frame().unwrap();
    assert!(!repaired.from_snapshot);
    assert_eq!(repaired.frame.ticket_count(), after.frame.ticket_count());
    assert!(workspace.frame().unwrap().from_snapshot);
}

/// A demo workspace with its snapshot saved.
fn demo_with_snapshot(seed: u64) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        seed,
        tickets: 1000,
        months: 6,
        now: 1_767_225_600,
    };
    let (workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {}).unwrap();
    let built = workspace.frame().unwrap();
    assert!(!built.from_snapshot && built.save_error.is_none());
    assert!(workspace.frame().unwrap().from_snapshot);
    (dir, workspace)
}

fn sql(dir: &std::path::Path, statement: &str) {
    rusqlite::Connection::open(dir.join(DATABASE_FILE))
        .unwrap()
        .execute_batch(statement)
        .unwrap();
}

fn generation(dir: &std::path::Path) -> String {
    rusqlite::Connection::open(dir.join(DATABASE_FILE))
        .unwrap()
        .query_row(
            "SELECT value FROM settings WHERE key = 'data_generation'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// Loads the frame again after the snapshot was tampered with: it is rebuilt from
/// SQLite, never an error, gives SQLite's numbers, and is saved again.
fn assert_rebuilt(workspace: &Workspace, why: &str) {
    let reloaded = workspace.frame().expect("a bad snapshot is never an error");
    assert!(!reloaded.from_snapshot, "{why}: rebuilt from SQLite");
    assert_eq!(reloaded.save_error, None);
    let from_sqlite = deskbench::analytics::Frame::build(workspace.store()).unwrap();
    assert_eq!(
        every_kpi_by_group(workspace, &reloaded.frame),
        every_kpi_by_group(workspace, &from_sqlite),
        "{why}: the numbers of SQLite"
    );
    assert!(
        workspace.frame().unwrap().from_snapshot,
        "{why}: the rebuilt snapshot is saved and used"
    );
}

#[test]
fn another_database_with_the_same_generation_is_answered_from_its_own_data() {
    let (dir, workspace) = demo_with_snapshot(1);
    let (other_dir, other) = demo_with_snapshot(2);
    drop(workspace);
    drop(other);
    // Same generation, other data: only the database id tells them apart.
    sql(
        other_dir.path(),
        &format!(
            "UPDATE settings SET value = '{}' WHERE key = 'data_generation'; PRAGMA wal_checkpoint(TRUNCATE);",
            generation(dir.path())
        ),
    );
    std::fs::copy(
        other_dir.path().join(DATABASE_FILE),
        dir.path().join(DATABASE_FILE),
    )
    .unwrap();
    let swapped = Workspace::open(dir.path()).unwrap();
    let original = Workspace::open(other_dir.path()).unwrap();
    let expected = every_kpi_by_group(&original, &original.frame().unwrap().frame);
    let loaded = swapped.frame().unwrap();
    assert!(!loaded.from_snapshot, "another database id rebuilds");
    assert_eq!(every_kpi_by_group(&swapped, &loaded.frame), expected);
}

/// The snapshot's file of the column `column` of the table `table`.
fn column_file(dir: &std::path::Path, table: &str, column: &str) -> std::path::PathBuf {
    let prefix = format!("{table}.{column}.");
    std::fs::read_dir(dir.join(SNAPSHOT_DIR))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(".arrow")
        })
        .unwrap_or_else(|| dir.join(SNAPSHOT_DIR).join(format!("{prefix}arrow")))
}

/// Puts `df` in the place of the snapshot's table `name`, each column as an Arrow IPC
/// file written beside the column's file and renamed over it: the frames mapping the old
/// file keep reading it (a file truncated in place under a mapping would end the
/// process).
fn write_table(dir: &std::path::Path, name: &str, df: &mut polars::prelude::DataFrame) {
    use polars::prelude::SerWriter;
    for column in df.columns() {
        let path = column_file(dir, name, column.name());
        let new = path.with_extension("new");
        let mut one = polars::prelude::DataFrame::new(df.height(), vec![column.clone()]).unwrap();
        polars::prelude::IpcWriter::new(std::fs::File::create(&new).unwrap())
            .finish(&mut one)
            .unwrap();
        std::fs::rename(new, path).unwrap();
    }
}

#[test]
fn a_table_of_another_shape_is_rebuilt() {
    let (dir, workspace) = demo_with_snapshot(1);
    let mut wrong = polars::df!("row" => [1i64, 2], "subject" => ["a", "b"]).unwrap();
    write_table(dir.path(), "tickets", &mut wrong);
    assert_rebuilt(&workspace, "wrong columns");

    // The right names with another type.
    let frame = workspace.frame().unwrap().frame;
    let mut retyped = frame
        .ratings
        .clone()
        .lazy()
        .with_column(polars::prelude::col("created_at").cast(polars::prelude::DataType::Float64))
        .collect()
        .unwrap();
    write_table(dir.path(), "ratings", &mut retyped);
    assert_rebuilt(&workspace, "wrong dtype");
}

#[test]
fn rows_or_codes_pointing_outside_the_frame_are_rebuilt() {
    use polars::prelude::lit;
    let (dir, workspace) = demo_with_snapshot(1);
    let frame = workspace.frame().unwrap().frame;
    // Same columns, types and rows, so the same size: only the values are wrong.
    let spoil = |table: &str, stored: &polars::prelude::DataFrame, column: &str| {
        let mut df = stored
            .clone()
            .lazy()
            .with_column(lit(u32::MAX).alias(column))
            .collect()
            .unwrap();
        write_table(dir.path(), table, &mut df);
    };
    spoil("tags", &frame.tags, "row");
    assert_rebuilt(&workspace, "a tag of a ticket past the last");
    spoil("tags", &frame.tags, "code");
    assert_rebuilt(&workspace, "a tag code past the last tag");
    assert!(frame.sla.height() > 0, "the demo has SLA outcomes");
    spoil("sla", &frame.sla, "code");
    assert_rebuilt(&workspace, "an SLA metric code past the last metric");
}

#[test]
fn a_truncated_or_garbage_table_is_rebuilt() {
    let (dir, workspace) = demo_with_snapshot(1);
    let tickets = column_file(dir.path(), "tickets", "id");
    let bytes = std::fs::read(&tickets).unwrap();
    std::fs::write(&tickets, &bytes[..bytes.len() / 2]).unwrap();
    assert_rebuilt(&workspace, "truncated");
    let sla = column_file(dir.path(), "sla", "time");
    let size = std::fs::metadata(&sla).unwrap().len() as usize;
    std::fs::write(&sla, vec![0u8; size]).unwrap();
    assert_rebuilt(&workspace, "garbage");
    std::fs::write(dir.path().join(SNAPSHOT_DIR).join("manifest.bin"), "{").unwrap();
    assert_rebuilt(&workspace, "a damaged manifest");
}

#[test]
fn row_counts_that_differ_from_the_database_or_the_manifest_rebuild() {
    let (dir, workspace) = demo_with_snapshot(1);
    // A change the generation does not record (another program, a restored file).
    sql(
        dir.path(),
        "DELETE FROM satisfaction_ratings WHERE id IN (SELECT id FROM satisfaction_ratings LIMIT 3)",
    );
    assert_rebuilt(&workspace, "fewer rating rows in SQLite");

    // A frame file with the right columns and fewer rows.
    let frame = workspace.frame().unwrap().frame;
    let mut fewer = frame.ratings.head(Some(5));
    write_table(dir.path(), "ratings", &mut fewer);
    assert_rebuilt(&workspace, "fewer rating rows in the snapshot");
}

#[test]
fn concurrent_saves_leave_one_whole_snapshot_and_no_staging_folders() {
    let (dir, workspace) = demo_with_snapshot(1);
    drop(workspace);
    std::fs::remove_dir_all(dir.path().join(SNAPSHOT_DIR)).unwrap();
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                let workspace = Workspace::open(dir.path()).unwrap();
                let loaded = workspace.frame().unwrap();
                assert!(loaded.save_error.is_none(), "{:?}", loaded.save_error);
            });
        }
    });
    let workspace = Workspace::open(dir.path()).unwrap();
    assert!(workspace.frame().unwrap().from_snapshot);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("frame-cache."))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}
