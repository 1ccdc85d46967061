//! The workspace database: fresh creation, and refusal of files that are not ours or are
//! newer, without changing a byte of them.

use std::fs;

use deskbench::store::{Store, StoreError, DATABASE_FILE, SCHEMA_VERSION};

fn version(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_fresh_workspace_gets_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    drop(store);
    let path = dir.path().join(DATABASE_FILE);
    assert_eq!(version(&path), SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    Store::open(dir.path()).expect("reopening an existing workspace works");
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 5))
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(dir.path())
        .err()
        .expect("a newer schema is refused");
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(err.to_string().contains("newer Deskbench"), "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the refused file is not modified"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let garbage = b"these are meeting notes, not a database\n".repeat(200);
    fs::write(&path, &garbage).unwrap();
    let err = Store::open(dir.path()).err().expect("garbage is refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        garbage,
        "the refused file is not modified"
    );
    assert!(
        !dir.path().join(format!("{DATABASE_FILE}-wal")).exists(),
        "no WAL file is created"
    );
}

#[test]
fn another_applications_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        )
        .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(dir.path())
        .err()
        .expect("a foreign database is refused");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the refused file is not modified"
    );
}
