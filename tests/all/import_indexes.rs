//! A large import into an empty source sets the secondary indexes of the tables it fills
//! aside and builds them again before it commits: after it they are there, as their
//! migrations define them and agreeing with the rows; after a cancel they were never gone.

use std::sync::atomic::{AtomicBool, Ordering};

use deskbench::sources::csv::import::{import_rows, ImportError, ImportSettings};
use deskbench::sources::csv::preset::Preset;
use deskbench::sources::csv::read::{BadRow, RawRow};
use deskbench::sources::csv::scale::Neutral;
use deskbench::store::Store;

use crate::import_rows::{query, store_with_csv_source};

/// More rows than an import writes through the indexes before setting them aside.
const ROWS: usize = 14_000;

const MAPS: &[&str] = &[
    "Key=id",
    "State=status",
    "Opened=created_at",
    "Team=group",
    "Customer=requester_email",
    "Labels=tags",
];

fn settings() -> ImportSettings {
    let preset = Preset::built_in()
        .into_iter()
        .find(|p| p.name == "generic")
        .expect("the generic preset");
    ImportSettings {
        preset,
        maps: MAPS.iter().map(|m| m.to_string()).collect(),
        statuses: Vec::new(),
        neutral: Neutral::Bad,
        date_format: Some("%Y-%m-%d %H:%M".into()),
        zone: None,
        account_zone: chrono_tz::Tz::UTC,
    }
}

/// A header and `ROWS` tickets, with their teams, customers and labels.
fn file() -> Vec<Result<RawRow, BadRow>> {
    let header = ["Key", "State", "Opened", "Team", "Customer", "Labels"];
    let mut rows = vec![header.map(String::from).to_vec()];
    for i in 0..ROWS {
        rows.push(vec![
            format!("T-{i}"),
            if i % 3 == 0 { "Open" } else { "Solved" }.to_owned(),
            format!("2025-03-{:02} {:02}:00", 1 + i % 28, i % 24),
            format!("Team {}", i % 7),
            format!("customer{}@example.com", i % 500),
            format!("tag{},tag{}", i % 5, i % 9),
        ]);
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, cells)| {
            Ok(RawRow {
                line: i as u64 + 1,
                cells,
            })
        })
        .collect()
}

/// Imports the file, cancelling once `rows_before_cancel` rows were handed over.
fn import(store: &mut Store, source: i64, rows_before_cancel: usize) -> Result<u64, ImportError> {
    let cancel = AtomicBool::new(false);
    let mut handed = 0;
    let rows = file().into_iter().inspect(|_| {
        handed += 1;
        if handed > rows_before_cancel {
            cancel.store(true, Ordering::Relaxed);
        }
    });
    let w = store.bulk_write().expect("a transaction");
    let report = import_rows(&w, source, &settings(), rows, &cancel, &mut |_| {})?;
    w.commit().expect("committed");
    Ok(report.counts.tickets_new)
}

fn indexes(store: &Store) -> Vec<String> {
    query(
        store,
        "SELECT name || ' ' || coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' ORDER BY name",
    )
}

#[test]
fn a_large_first_import_ends_with_every_index_as_its_migration_defines_it() {
    let (_dir, mut store, source) = store_with_csv_source();
    let migrated = indexes(&store);
    assert!(
        migrated.iter().any(|i| i.starts_with("tickets_created ")),
        "the migrations index tickets by creation: {migrated:?}"
    );
    assert_eq!(
        import(&mut store, source, usize::MAX).expect("imported"),
        ROWS as u64
    );
    assert_eq!(
        indexes(&store),
        migrated,
        "the same indexes, defined the same way"
    );
    assert_eq!(
        query(&store, "PRAGMA integrity_check"),
        ["ok"],
        "every index holds exactly the rows of its table"
    );
    assert_eq!(
        query(
            &store,
            "SELECT count(*) FROM tickets INDEXED BY tickets_created WHERE created_at > 0"
        ),
        [ROWS.to_string()],
        "the rebuilt index finds every imported ticket"
    );
    assert_eq!(
        import(&mut store, source, usize::MAX).expect("imported again"),
        0
    );
    assert_eq!(indexes(&store), migrated, "an import again keeps them too");
    assert_eq!(query(&store, "PRAGMA integrity_check"), ["ok"]);
}

#[test]
fn a_large_first_import_cancelled_after_the_indexes_were_set_aside_leaves_them_in_place() {
    let (_dir, mut store, source) = store_with_csv_source();
    let migrated = indexes(&store);
    let err = import(&mut store, source, ROWS - 1_000).expect_err("cancelled");
    assert!(matches!(err, ImportError::Cancelled), "{err}");
    assert_eq!(
        indexes(&store),
        migrated,
        "the rollback brings the indexes back"
    );
    assert_eq!(query(&store, "SELECT count(*) FROM tickets"), ["0"]);
    assert_eq!(query(&store, "PRAGMA integrity_check"), ["ok"]);
}
