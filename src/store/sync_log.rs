//! What the sync engine keeps between pages and runs: each stream's checkpoint, the run
//! log, and the records a run had to skip.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::ticket_changes::{self, Owned};
use super::{Store, StoreError, Writer};

/// A stream's checkpoint and last outcome (`sync_state`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StreamState {
    pub stream: String,
    pub cursor: Option<String>,
    #[ts(type = "number | null")]
    pub start_time: Option<i64>,
    #[ts(type = "number | null")]
    pub last_attempt_at: Option<i64>,
    #[ts(type = "number | null")]
    pub last_success_at: Option<i64>,
    pub last_error: Option<String>,
}

/// How a stream the account does not offer is noted in `last_error`, so its status reads
/// as skipped rather than failed.
const SKIPPED: &str = "skipped: ";

/// The `last_error` note of a stream skipped for `reason`.
pub fn skipped_note(reason: &str) -> String {
    format!("{SKIPPED}{reason}")
}

impl StreamState {
    /// Why the stream was skipped on its last attempt, if it was.
    pub fn skipped_reason(&self) -> Option<&str> {
        self.last_error.as_deref()?.strip_prefix(SKIPPED)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

impl RunOutcome {
    fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Running => "running",
            RunOutcome::Succeeded => "succeeded",
            RunOutcome::Failed => "failed",
            RunOutcome::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> RunOutcome {
        match s {
            "succeeded" => RunOutcome::Succeeded,
            "cancelled" => RunOutcome::Cancelled,
            "running" => RunOutcome::Running,
            _ => RunOutcome::Failed,
        }
    }
}

/// One entry of the sync history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncRun {
    #[ts(type = "number")]
    pub id: i64,
    pub source: String,
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number | null")]
    pub finished_at: Option<i64>,
    pub outcome: RunOutcome,
    /// Records written per stream.
    #[ts(type = "Record<string, number>")]
    pub counts: serde_json::Value,
    pub error: Option<String>,
    /// Records skipped because they could not be read.
    #[ts(type = "number")]
    pub problems: u64,
}

impl Store {
    pub fn stream_states(&self, source_id: i64) -> Result<Vec<StreamState>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT stream, cursor, start_time, last_attempt_at, last_success_at, last_error
             FROM sync_state WHERE source_id = ?1 ORDER BY stream",
        )?;
        let rows = stmt.query_map(params![source_id], |r| {
            Ok(StreamState {
                stream: r.get(0)?,
                cursor: r.get(1)?,
                start_time: r.get(2)?,
                last_attempt_at: r.get(3)?,
                last_success_at: r.get(4)?,
                last_error: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn begin_run(&mut self, source_id: i64, started_at: i64) -> Result<i64, StoreError> {
        self.conn().execute(
            "INSERT INTO sync_runs (source_id, started_at, outcome) VALUES (?1, ?2, 'running')",
            params![source_id, started_at],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    pub fn finish_run(
        &mut self,
        run_id: i64,
        finished_at: i64,
        outcome: RunOutcome,
        counts: &serde_json::Value,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_runs SET finished_at = ?2, outcome = ?3, counts = ?4, error = ?5 WHERE id = ?1",
            params![run_id, finished_at, outcome.as_str(), counts.to_string(), error],
        )?;
        Ok(())
    }

    /// Marks a stream's run as done (`error` None) or failed.
    pub fn finish_stream(
        &mut self,
        source_id: i64,
        stream: &str,
        at: i64,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO sync_state (source_id, stream, last_attempt_at, last_success_at, last_error)
             VALUES (?1, ?2, ?3, CASE WHEN ?4 IS NULL THEN ?3 END, ?4)
             ON CONFLICT (source_id, stream) DO UPDATE SET
                last_attempt_at = excluded.last_attempt_at,
                last_success_at = coalesce(excluded.last_success_at, sync_state.last_success_at),
                last_error = excluded.last_error",
            params![source_id, stream, at, error],
        )?;
        Ok(())
    }

    /// The newest runs first, of one source or all.
    pub fn runs(&self, source_id: Option<i64>, limit: u32) -> Result<Vec<SyncRun>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT r.id, s.name, r.started_at, r.finished_at, r.outcome, r.counts, r.error,
                (SELECT count(*) FROM sync_problems p WHERE p.run_id = r.id)
             FROM sync_runs r JOIN sources s ON s.id = r.source_id
             WHERE ?1 IS NULL OR r.source_id = ?1
             ORDER BY r.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![source_id, limit], |r| {
            let counts: String = r.get(5)?;
            Ok(SyncRun {
                id: r.get(0)?,
                source: r.get(1)?,
                started_at: r.get(2)?,
                finished_at: r.get(3)?,
                outcome: RunOutcome::parse(&r.get::<_, String>(4)?),
                counts: serde_json::from_str(&counts).unwrap_or_default(),
                error: r.get(6)?,
                problems: r.get::<_, i64>(7)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The skipped records of a run: (stream, record id, why).
    pub fn run_problems(&self, run_id: i64) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT stream, record_id, message FROM sync_problems WHERE run_id = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map(params![run_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn source_id_by_name(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM sources WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Deletes a source and everything synced from it (cascading), in one transaction.
    pub fn remove_source(&mut self, source_id: i64) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        super::write::bump_generation(&tx)?;
        ticket_changes::log_source(&tx, source_id)?;
        // Tags and field values cascade from tickets; the rest from the source.
        tx.execute(
            "DELETE FROM tickets WHERE source_id = ?1",
            params![source_id],
        )?;
        tx.execute("DELETE FROM sources WHERE id = ?1", params![source_id])?;
        tx.commit()?;
        Ok(())
    }
}

impl Writer<'_> {
    /// Stores where a stream resumes; in the same transaction as the page it follows.
    pub fn save_position(
        &self,
        source_id: i64,
        stream: &str,
        cursor: Option<&str>,
        start_time: Option<i64>,
        at: i64,
    ) -> Result<(), StoreError> {
        self.tx().execute(
            "INSERT INTO sync_state (source_id, stream, cursor, start_time, last_attempt_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (source_id, stream) DO UPDATE SET
                cursor = excluded.cursor, start_time = excluded.start_time,
                last_attempt_at = excluded.last_attempt_at",
            params![source_id, stream, cursor, start_time, at],
        )?;
        Ok(())
    }

    pub fn record_problem(
        &self,
        run_id: i64,
        stream: &str,
        record_id: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.tx()
            .prepare_cached("INSERT INTO sync_problems (run_id, stream, record_id, message) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![run_id, stream, record_id, message])?;
        Ok(())
    }

    pub fn delete_sla_event(&self, source_id: i64, id: i64) -> Result<(), StoreError> {
        self.note_owner_of(Owned::SlaEvent, source_id, id)?;
        self.data_changed();
        self.tx()
            .prepare_cached("DELETE FROM sla_events WHERE source_id = ?1 AND id = ?2")?
            .execute(params![source_id, id])?;
        Ok(())
    }

    pub fn set_source_time_zone(&self, source_id: i64, time_zone: &str) -> Result<(), StoreError> {
        self.tx().execute(
            "UPDATE sources SET time_zone = ?2 WHERE id = ?1",
            params![source_id, time_zone],
        )?;
        Ok(())
    }

    /// The source's non-secret settings (email, auth kind, request limit).
    pub fn set_source_settings(
        &self,
        source_id: i64,
        settings: &serde_json::Value,
    ) -> Result<(), StoreError> {
        self.tx().execute(
            "UPDATE sources SET settings = ?2 WHERE id = ?1",
            params![source_id, settings.to_string()],
        )?;
        Ok(())
    }
}
