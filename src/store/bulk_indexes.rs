//! A bulk load into an empty source writes its rows without the secondary indexes of
//! the tables it fills, and builds them again from the finished rows, one sort each,
//! before the transaction commits: a million rows inserted one by one into an index
//! ordered by anything but their arrival cost more than the sort. The indexes are
//! dropped and re-created inside the write transaction, so a rollback (a cancel, a bad
//! file) brings them back with everything else, and a commit always has them.
//! Nothing the load itself reads looks rows up by these indexes.

use std::cell::RefCell;

use rusqlite::Connection;

use super::write::Writer;
use super::StoreError;

/// The tables a bulk load fills whose secondary indexes are set aside.
const TABLES: [&str; 3] = ["tickets", "ticket_changes", "import_keys"];

/// The `CREATE INDEX` statements of the indexes set aside, to run before commit.
#[derive(Default)]
pub(super) struct SetAside(RefCell<Vec<String>>);

impl SetAside {
    /// Builds every index set aside again, as its migration defined it.
    pub fn restore(&self, conn: &Connection) -> Result<(), StoreError> {
        for sql in self.0.borrow_mut().drain(..) {
            conn.execute_batch(&sql)?;
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Drops the secondary indexes of the tables a bulk load fills, until `commit`
    /// builds them again. Only for a load into a source with no stored rows: a load
    /// that updates stored rows looks them up, and one of a few rows is quicker through
    /// the indexes than with all of them rebuilt.
    pub fn set_indexes_aside(&self) -> Result<(), StoreError> {
        let indexes: Vec<(String, String)> = self
            .tx()
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND sql IS NOT NULL
                   AND tbl_name IN (SELECT value FROM json_each(?1))
                 ORDER BY name",
            )?
            .query_map([serde_json::json!(TABLES).to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        for (name, sql) in indexes {
            // The name comes from the schema, not from data; quoted as an identifier.
            self.tx()
                .execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            self.set_aside.0.borrow_mut().push(sql);
        }
        Ok(())
    }

    /// The rows re-creating the indexes would sort: those the tickets table holds now.
    pub fn rows_to_reindex(&self) -> Result<u64, StoreError> {
        let rows: i64 = self
            .tx()
            .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
        Ok(rows.unsigned_abs())
    }
}
