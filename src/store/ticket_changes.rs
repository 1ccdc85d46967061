//! The changed-ticket log: which tickets a committed write touched (their row, ratings,
//! SLA events, tags or field values), stamped with the data generation it made. The
//! analytics frame reads it to re-read only those tickets after a sync. A ticket's entry
//! is written in the same transaction as its data, so the log and the data never
//! disagree.

use std::cell::RefCell;
use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::read_related::TicketKey;
use super::write::{Writer, DATA_GENERATION};
use super::write_tickets::{bind, multi_row_sql, pieces};
use super::{Store, StoreError};

/// The setting holding the generation after which the log is complete (the one the
/// database had when the log was added).
const LOGGED_AFTER: &str = "ticket_changes_after";

/// Which tickets a read of frame data covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketSelection {
    /// Every ticket.
    All,
    /// The tickets changed after this data generation.
    ChangedAfter(i64),
}

impl TicketSelection {
    /// The SQL condition on a table's `source_id` and `ticket_column` that keeps the
    /// selected tickets; its one parameter, if any, is `?1` (see [`Self::params`]).
    pub(super) fn condition(self, ticket_column: &str) -> String {
        match self {
            TicketSelection::All => "1".to_owned(),
            TicketSelection::ChangedAfter(_) => format!(
                "(source_id, {ticket_column}) IN
                    (SELECT source_id, ticket_id FROM ticket_changes WHERE generation > ?1)"
            ),
        }
    }

    /// The parameters `condition` binds.
    pub(super) fn params(self) -> Vec<i64> {
        match self {
            TicketSelection::All => Vec::new(),
            TicketSelection::ChangedAfter(generation) => vec![generation],
        }
    }
}

/// The tickets one write transaction changed, logged when it commits: one by one, or
/// whole sources at once.
#[derive(Default)]
pub(super) struct ChangedTickets {
    tickets: RefCell<BTreeSet<TicketKey>>,
    /// Sources that held no tickets when the transaction began, so every ticket they
    /// hold at commit is one it wrote: logged with one statement, not noted one by one
    /// (a first import of a million tickets).
    whole: RefCell<BTreeSet<i64>>,
}

impl ChangedTickets {
    pub fn insert(&self, ticket: TicketKey) {
        if !self.whole.borrow().contains(&ticket.0) {
            self.tickets.borrow_mut().insert(ticket);
        }
    }

    /// Logs every ticket of `source_id` at commit; only for a source that holds none yet.
    pub fn insert_whole(&self, source_id: i64) {
        self.whole.borrow_mut().insert(source_id);
    }

    /// Logs the tickets at the current generation; call after the generation is bumped.
    /// Many rows a statement: an import of a million tickets logs a million.
    pub fn log(&self, conn: &Connection) -> Result<(), StoreError> {
        const ROWS_PER_STATEMENT: usize = 1_024;
        for source_id in self.whole.borrow().iter() {
            log_source(conn, *source_id)?;
        }
        let tickets: Vec<TicketKey> = self.tickets.borrow().iter().copied().collect();
        if tickets.is_empty() {
            return Ok(());
        }
        let generation: i64 = conn.query_row(
            "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1",
            params![DATA_GENERATION],
            |r| r.get(0),
        )?;
        for piece in pieces(&tickets, ROWS_PER_STATEMENT) {
            let sql = multi_row_sql(
                "INSERT INTO ticket_changes",
                &["source_id", "ticket_id", "generation"],
                "ON CONFLICT (source_id, ticket_id) DO UPDATE SET generation = excluded.generation",
                piece.len(),
            );
            let mut insert = conn.prepare_cached(&sql)?;
            let mut at = 0;
            for (source_id, ticket_id) in piece {
                bind(&mut insert, &mut at, &[source_id, ticket_id, &generation])?;
            }
            insert.raw_execute()?;
        }
        Ok(())
    }
}

/// Logs every ticket of a source at the current generation (before the source and its
/// tickets are removed, or after a transaction wrote each of them); call after the
/// generation is bumped.
pub(super) fn log_source(conn: &Connection, source_id: i64) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO ticket_changes (source_id, ticket_id, generation)
         SELECT source_id, id, (SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?2)
         FROM tickets WHERE source_id = ?1
         ON CONFLICT (source_id, ticket_id) DO UPDATE SET generation = excluded.generation",
        params![source_id, DATA_GENERATION],
    )?;
    Ok(())
}

impl Writer<'_> {
    /// Notes that every ticket `source_id` will hold at commit is changed, with one
    /// statement at commit instead of a note per ticket, when the source holds no
    /// tickets yet (so each it will hold is one this transaction writes); otherwise
    /// tickets are noted one by one as ever.
    pub fn changes_whole_source(&self, source_id: i64) -> Result<(), StoreError> {
        let holds_tickets: bool = self
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM tickets WHERE source_id = ?1)")?
            .query_row(params![source_id], |r| r.get(0))?;
        if !holds_tickets {
            self.changed_tickets.insert_whole(source_id);
        }
        Ok(())
    }

    /// The ticket a stored rating or SLA event (`table`, by its own id) belongs to now, so
    /// a record that moves to another ticket changes both.
    pub(super) fn note_owner_of(
        &self,
        table: Owned,
        source_id: i64,
        id: i64,
    ) -> Result<(), StoreError> {
        let sql = match table {
            Owned::Rating => {
                "SELECT ticket_id FROM satisfaction_ratings WHERE source_id = ?1 AND id = ?2"
            }
            Owned::SlaEvent => "SELECT ticket_id FROM sla_events WHERE source_id = ?1 AND id = ?2",
        };
        let owner: Option<i64> = self
            .tx()
            .prepare_cached(sql)?
            .query_row(params![source_id, id], |r| r.get(0))
            .optional()?;
        if let Some(ticket_id) = owner {
            self.ticket_changed((source_id, ticket_id));
        }
        Ok(())
    }
}

/// Records that belong to a ticket by a `ticket_id` column.
#[derive(Debug, Clone, Copy)]
pub(super) enum Owned {
    Rating,
    SlaEvent,
}

impl Store {
    /// The tickets changed after data generation `generation`, or `None` when the log
    /// does not reach back that far (the database is older than the log).
    pub fn changed_tickets(&self, generation: i64) -> Result<Option<Vec<TicketKey>>, StoreError> {
        let logged_after = self
            .setting(LOGGED_AFTER)?
            .and_then(|v| v.parse::<i64>().ok());
        if logged_after.is_none_or(|after| after > generation) {
            return Ok(None);
        }
        let mut stmt = self.conn().prepare(
            "SELECT source_id, ticket_id FROM ticket_changes WHERE generation > ?1
             ORDER BY source_id, ticket_id",
        )?;
        let rows = stmt.query_map(params![generation], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Some(rows.collect::<Result<_, _>>()?))
    }
}
