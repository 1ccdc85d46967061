//! The workspace database: fresh creation, and refusal of files that are not ours or are
//! newer, without changing a byte of them.

use std::fs;

use deskbench::store::{Store, StoreError, TicketSelection, DATABASE_FILE, SCHEMA_VERSION};

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
fn each_database_gets_its_own_random_id_that_stays() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let id = Store::open(one.path()).unwrap().database_id().unwrap();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    assert_eq!(
        Store::open(one.path()).unwrap().database_id().unwrap(),
        id,
        "reopening keeps the id"
    );
    assert_ne!(Store::open(two.path()).unwrap().database_id().unwrap(), id);
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

/// A page of tickets is written in a few multi-row statements: each ticket's tags and
/// field values replace its old ones, and a ticket repeated in the page counts as its
/// last version, whatever the page size; so does its JSON, and a stored page of JSON no
/// row points at any more is gone.
#[test]
fn a_page_of_tickets_replaces_each_tickets_row_tags_fields_and_json() {
    use deskbench::store::records::{NewSource, SourceKind, TicketStatus};
    use deskbench::store::RawPage;

    use crate::fixtures::ticket;

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let w = store.write().unwrap();
    let source = w
        .add_source(&NewSource {
            kind: SourceKind::Csv,
            name: "page".into(),
            base_url: None,
            time_zone: None,
            created_at: 0,
        })
        .unwrap();
    let page = |version: &str| -> Vec<_> {
        (1..=600)
            .map(|id| {
                let mut t = ticket(id, "2025-03-01T10:00:00Z", TicketStatus::Open);
                t.tags = vec![format!("{version}_a"), format!("{version}_b")];
                t.fields = vec![(7, serde_json::json!(version))];
                t
            })
            .collect()
    };
    let json = |id: i64, version: &str| format!(r#"{{"id":{id},"v":"{version}"}}"#);
    let raw = |jsons: &[String]| RawPage::compress(jsons.iter().map(String::as_str));
    let old: Vec<String> = (1..=600).map(|id| json(id, "old")).collect();
    w.upsert_tickets(source, &page("old"), raw(&old).as_ref())
        .unwrap();
    let mut second = page("new");
    let mut repeat = second[5].clone();
    repeat.tags = vec!["newest".into()];
    repeat.status = TicketStatus::Solved;
    second.push(repeat);
    let mut new: Vec<String> = (1..=600).map(|id| json(id, "new")).collect();
    new.push(json(6, "newest"));
    w.upsert_tickets(source, &second, raw(&new).as_ref())
        .unwrap();
    w.commit().unwrap();

    assert_eq!(
        store.ticket_raw_json((source, 1)).unwrap(),
        Some(json(1, "new"))
    );
    assert_eq!(
        store.ticket_raw_json((source, 6)).unwrap(),
        Some(json(6, "newest"))
    );
    let raw_pages = || -> Vec<i64> {
        let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
        let mut stmt = conn.prepare("SELECT live FROM raw_pages").unwrap();
        let live = stmt.query_map([], |r| r.get(0)).unwrap();
        live.collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(raw_pages(), vec![600], "the old page is gone");

    let mut tags = Vec::new();
    store
        .each_ticket_tag(TicketSelection::All, |(_, id), tag| {
            tags.push((id, tag.to_owned()))
        })
        .unwrap();
    tags.sort();
    assert_eq!(
        tags.len(),
        599 * 2 + 1,
        "old tags are gone, each ticket once"
    );
    assert!(tags.contains(&(6, "newest".to_owned())));
    assert!(!tags.iter().any(|(_, tag)| tag.starts_with("old")));
    let mut values = Vec::new();
    store
        .each_field_value(TicketSelection::All, |(_, id), field, value| {
            values.push((id, field, value.to_owned()))
        })
        .unwrap();
    assert_eq!(values.len(), 600);
    assert!(values.iter().all(|(_, _, v)| v == "\"new\""));
    let columns = store.ticket_columns(TicketSelection::All).unwrap();
    assert_eq!(columns.id.len(), 600);
    let six = columns.id.iter().position(|id| *id == 6).unwrap();
    assert_eq!(columns.status[six], "solved");

    let w = store.write().unwrap();
    w.upsert_tickets(source, &page("csv"), None).unwrap();
    w.commit().unwrap();
    assert_eq!(store.ticket_raw_json((source, 1)).unwrap(), None);
    assert!(raw_pages().is_empty(), "rows without JSON release it");
}

/// Every file in `dir` but the database itself (temporary names, WAL files).
fn other_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != DATABASE_FILE)
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_database_appears_complete_under_its_name_with_nothing_left_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    assert_eq!(version(&dir.path().join(DATABASE_FILE)), SCHEMA_VERSION);
    assert_eq!(other_files(dir.path()), Vec::<String>::new());

    let err = Store::create_with(dir.path(), |_| Ok::<_, StoreError>(()))
        .err()
        .expect("a database is never created over another");
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err}");
    assert_eq!(
        other_files(dir.path()),
        Vec::<String>::new(),
        "the refused new database is removed"
    );
}

#[test]
fn a_failed_creation_leaves_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::create_with(dir.path(), |store| {
        store.write()?.set_setting("half", "written")?;
        Err::<(), _>(StoreError::NoDatabaseId)
    })
    .err()
    .expect("the fill failed");
    assert!(matches!(err, StoreError::NoDatabaseId), "{err}");
    assert!(!dir.path().join(DATABASE_FILE).exists());
    assert_eq!(other_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_zero_byte_database_is_refused_as_empty_and_left_at_zero_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    fs::write(&path, b"").unwrap();
    let err = Store::open(dir.path())
        .err()
        .expect("an empty file is refused");
    assert!(matches!(err, StoreError::EmptyFile { .. }), "{err}");
    assert!(err.to_string().contains("empty file (0 bytes)"), "{err}");

    let err = deskbench::workspace::Workspace::open(dir.path())
        .err()
        .expect("the workspace refuses it too");
    assert!(err.to_string().contains("empty file (0 bytes)"), "{err}");

    let out = crate::cli::deskbench(dir.path(), &["kpi"]);
    assert!(!out.status.success(), "kpi does not print zeros");
    let stderr = crate::cli::stderr(&out);
    assert!(stderr.contains("is an empty file (0 bytes)"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");

    let out = crate::cli::deskbench(dir.path(), &["demo", "--tickets", "1000"]);
    assert!(!out.status.success(), "the demo does not replace it");
    assert!(
        crate::cli::stderr(&out).contains("empty file"),
        "{}",
        crate::cli::stderr(&out)
    );
    assert_eq!(fs::metadata(&path).unwrap().len(), 0, "still zero bytes");
    assert!(
        !other_files(dir.path()).iter().any(|f| f.contains("sqlite")),
        "no WAL or other database beside it: {:?}",
        other_files(dir.path())
    );
}

#[cfg(unix)]
mod read_only {
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    use deskbench::store::{Store, StoreError, DATABASE_FILE};

    fn set_mode(path: &std::path::Path, mode: u32) {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }

    /// The folder, its database and the database's bytes and modification time.
    fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let path = dir.path().join(DATABASE_FILE);
        (dir, path)
    }

    fn snapshot(path: &std::path::Path) -> (Vec<u8>, std::time::SystemTime) {
        (
            fs::read(path).unwrap(),
            fs::metadata(path).unwrap().modified().unwrap(),
        )
    }

    #[test]
    fn a_read_only_database_file_is_refused_and_left_unchanged() {
        let (dir, path) = workspace();
        set_mode(&path, 0o444);
        let before = snapshot(&path);
        let err = Store::open(dir.path()).err().expect("read-only is refused");
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
        assert!(err.to_string().contains("is read-only"), "{err}");
        let out = crate::cli::deskbench(dir.path(), &["kpi"]);
        assert!(!out.status.success());
        assert!(
            crate::cli::stderr(&out).contains("deskbench.sqlite is read-only"),
            "{}",
            crate::cli::stderr(&out)
        );
        assert_eq!(snapshot(&path), before, "not a byte changed");
        assert!(!dir.path().join(format!("{DATABASE_FILE}-wal")).exists());
        set_mode(&path, 0o644);
    }

    #[test]
    fn a_read_only_folder_is_refused_and_left_unchanged() {
        let (dir, path) = workspace();
        let before = snapshot(&path);
        set_mode(dir.path(), 0o555);
        let err = Store::open(dir.path()).err().expect("read-only is refused");
        set_mode(dir.path(), 0o755);
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("{} is read-only", dir.path().display())),
            "{err}"
        );
        assert_eq!(snapshot(&path), before);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "nothing was added to the folder");
    }
}

/// Back to schema 3, as a database of the previous version (its id comes with 0004).
pub fn downgrade_to_schema_3(dir: &std::path::Path) {
    drop(Store::open(dir).unwrap());
    rusqlite::Connection::open(dir.join(DATABASE_FILE))
        .unwrap()
        .execute_batch("DELETE FROM settings WHERE key = 'database_id'; PRAGMA user_version = 3;")
        .unwrap();
}

#[test]
fn connections_upgrading_one_old_database_at_once_apply_each_migration_once() {
    let dir = tempfile::tempdir().unwrap();
    downgrade_to_schema_3(dir.path());
    let ids: Vec<String> = std::thread::scope(|scope| {
        let opens: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| Store::open(dir.path()).unwrap().database_id().unwrap()))
            .collect();
        opens.into_iter().map(|open| open.join().unwrap()).collect()
    });
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "one upgrade made one id: {ids:?}"
    );
    assert_eq!(version(&dir.path().join(DATABASE_FILE)), SCHEMA_VERSION);
}
