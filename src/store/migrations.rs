//! Versioned schema migrations. Each runs in one transaction together with the version
//! bump, so a failing migration leaves the database exactly as it was.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{StoreError, APPLICATION_ID};

/// The migrations in order; the schema version is their count.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_sync_problems.sql"),
    include_str!("migrations/0003_raw_pages.sql"),
    include_str!("migrations/0004_database_id.sql"),
    include_str!("migrations/0005_ticket_changes.sql"),
    include_str!("migrations/0006_deleted_tickets.sql"),
    include_str!("migrations/0007_theme_names.sql"),
    include_str!("migrations/0008_theme_edits.sql"),
    include_str!("migrations/0009_import.sql"),
    include_str!("migrations/0010_import_ticket_ids.sql"),
    include_str!("migrations/0011_ticket_events.sql"),
    include_str!("migrations/0012_public_comments.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn run(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    run_list(conn, path, MIGRATIONS)
}

/// Applies the missing migrations. Each runs in an immediate transaction that reads the
/// version again, so two processes opening an old database at once apply each
/// migration exactly once (the workspace's write lock also keeps a sync out meanwhile).
fn run_list(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<(), StoreError> {
    let known = migrations.len() as i64;
    let newer = |found| StoreError::NewerSchema {
        path: path.to_owned(),
        found,
        known,
    };
    // A current database is only read: opening it never waits for a writer.
    let found = user_version(conn)?;
    if found >= known {
        return if found > known {
            Err(newer(found))
        } else {
            Ok(())
        };
    }
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Migration {
                version: found + 1,
                source,
            })?;
        let found = user_version(&tx)?;
        if found >= known {
            return if found > known {
                Err(newer(found))
            } else {
                Ok(())
            };
        }
        let version = found + 1;
        let fail = |source| StoreError::Migration { version, source };
        // A negative version (never written by Deskbench) has no migration to apply.
        let Some(sql) = usize::try_from(found).ok().and_then(|i| migrations.get(i)) else {
            return Ok(());
        };
        tx.execute_batch(sql).map_err(fail)?;
        // Pragmas take no parameters; both values are integers this code controls.
        tx.execute_batch(&format!(
            "PRAGMA user_version = {version}; PRAGMA application_id = {APPLICATION_ID};"
        ))
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
}

fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_failing_migration_leaves_nothing_behind() {
        let mut conn = Connection::open_in_memory().unwrap();
        let path = Path::new(":memory:");
        run_list(&mut conn, path, &["CREATE TABLE a (x INTEGER);"]).unwrap();
        let broken = [
            "CREATE TABLE a (x INTEGER);",
            "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);",
        ];
        let err = run_list(&mut conn, path, &broken).unwrap_err();
        assert!(matches!(err, StoreError::Migration { version: 2, .. }));
        assert_eq!(
            version(&conn),
            1,
            "the version bump is rolled back with the migration"
        );
        let b_exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(b_exists, 0, "the half-applied table is rolled back");
    }

    #[test]
    fn migrations_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        let path = Path::new(":memory:");
        run(&mut conn, path).unwrap();
        run(&mut conn, path).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
    }
}
