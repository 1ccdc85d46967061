//! What file imports keep besides the records: the integer id each text key of a file
//! was given (per source and kind), and the log of committed imports with the rows they
//! skipped, which `deskbench status` lists.

use rusqlite::params;
use serde::Serialize;

use super::write_tickets::{bind, pieces};
use super::{Store, StoreError, Writer};

/// A text key of an imported file and the id it is stored under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportKey {
    /// `ticket`, `user`, `group`, `organization`, `field` or `rating`.
    pub kind: String,
    pub key: String,
    pub id: i64,
}

/// One committed import.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportRun {
    pub id: i64,
    pub source: String,
    pub file: String,
    pub imported_at: i64,
    pub counts: serde_json::Value,
}

impl Writer<'_> {
    /// The keys earlier imports gave ids to in this source.
    pub fn import_keys(&self, source_id: i64) -> Result<Vec<ImportKey>, StoreError> {
        let mut stmt = self
            .tx()
            .prepare("SELECT kind, key, id FROM import_keys WHERE source_id = ?1")?;
        let rows = stmt.query_map(params![source_id], |r| {
            Ok(ImportKey {
                kind: r.get(0)?,
                key: r.get(1)?,
                id: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores new keys as (kind, key, id), many rows per statement: an import of a
    /// million tickets adds a million keys.
    pub fn add_import_keys(
        &self,
        source_id: i64,
        keys: &[(&str, &str, i64)],
    ) -> Result<(), StoreError> {
        const ROWS_PER_STATEMENT: usize = 1_024;
        for piece in pieces(keys, ROWS_PER_STATEMENT) {
            let mut insert = self.multi_row_insert(
                "INSERT OR REPLACE INTO import_keys",
                &["source_id", "kind", "key", "id"],
                "",
                piece.len(),
            )?;
            let mut at = 0;
            for (kind, key, id) in piece {
                bind(&mut insert, &mut at, &[&source_id, kind, key, id])?;
            }
            insert.raw_execute()?;
        }
        Ok(())
    }

    /// Solved tickets with their requester's email (lower case) and solve time, for
    /// joining survey responses by email.
    pub fn solved_by_requester_email(
        &self,
        source_id: i64,
    ) -> Result<Vec<(String, i64, i64)>, StoreError> {
        let mut stmt = self.tx().prepare(
            "SELECT lower(u.email), t.solved_at, t.id FROM tickets t
             JOIN users u ON u.source_id = t.source_id AND u.id = t.requester_id
             WHERE t.source_id = ?1 AND t.status IN ('solved', 'closed')
               AND t.solved_at IS NOT NULL AND u.email IS NOT NULL",
        )?;
        let rows = stmt.query_map(params![source_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Logs an import with its counts and skipped rows (line, reason); returns its id.
    pub fn record_import(
        &self,
        source_id: i64,
        file: &str,
        at: i64,
        counts: &serde_json::Value,
        problems: &[(u64, String)],
    ) -> Result<i64, StoreError> {
        self.tx().execute(
            "INSERT INTO import_runs (source_id, file, imported_at, counts) VALUES (?1, ?2, ?3, ?4)",
            params![source_id, file, at, counts.to_string()],
        )?;
        let run = self.tx().last_insert_rowid();
        let mut insert = self.tx().prepare_cached(
            "INSERT INTO import_problems (run_id, line, message) VALUES (?1, ?2, ?3)",
        )?;
        for (line, message) in problems {
            insert.execute(params![run, *line as i64, message])?;
        }
        Ok(run)
    }
}

impl Store {
    /// The latest import, if any.
    pub fn last_import(&self) -> Result<Option<ImportRun>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT r.id, s.name, r.file, r.imported_at, r.counts
             FROM import_runs r JOIN sources s ON s.id = r.source_id
             ORDER BY r.id DESC LIMIT 1",
        )?;
        let mut rows = stmt.query_map([], |r| {
            let counts: String = r.get(4)?;
            Ok(ImportRun {
                id: r.get(0)?,
                source: r.get(1)?,
                file: r.get(2)?,
                imported_at: r.get(3)?,
                counts: serde_json::from_str(&counts).unwrap_or_default(),
            })
        })?;
        Ok(rows.next().transpose()?)
    }

    /// An import's first `limit` skipped rows: (line, reason).
    pub fn import_problems(
        &self,
        run_id: i64,
        limit: u32,
    ) -> Result<Vec<(u64, String)>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT line, message FROM import_problems WHERE run_id = ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![run_id, limit], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
