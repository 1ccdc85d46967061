//! Typed upserts inside one transaction. A record with an id already stored replaces it
//! (the latest synced version wins); a ticket's tags and field values are replaced whole.

use std::cell::Cell;

use rusqlite::{params, Connection, Transaction};

use super::bulk_indexes::SetAside;
use super::records::*;
use super::ticket_changes::{ChangedTickets, Owned};
use super::write_tickets::{bind, pieces};
use super::{StoreError, TicketKey};

/// A write transaction. Dropping it without `commit` rolls everything back.
pub struct Writer<'a> {
    pub(super) tx: Transaction<'a>,
    /// Whether anything the analytics frame reads was written (see `bump_generation`).
    changed_data: Cell<bool>,
    /// The tickets whose frame rows this transaction changes, logged on commit.
    pub(super) changed_tickets: ChangedTickets,
    /// Secondary indexes dropped for a bulk load, built again on commit.
    pub(super) set_aside: SetAside,
}

/// The settings key of the data generation: a counter that grows with every committed
/// change to what the analytics frame reads, so a frame snapshot knows when it is stale.
pub(super) const DATA_GENERATION: &str = "data_generation";

/// Adds one to the data generation, inside the caller's transaction.
pub(super) fn bump_generation(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        params![DATA_GENERATION],
    )?;
    Ok(())
}

impl<'a> Writer<'a> {
    pub(super) fn new(tx: Transaction<'a>) -> Writer<'a> {
        Writer {
            tx,
            changed_data: Cell::new(false),
            changed_tickets: ChangedTickets::default(),
            set_aside: SetAside::default(),
        }
    }

    pub(super) fn tx(&self) -> &Transaction<'a> {
        &self.tx
    }

    /// Notes that this transaction changes data the frame is built from.
    pub(super) fn data_changed(&self) {
        self.changed_data.set(true);
    }

    /// Notes that this transaction changes a ticket's frame rows: its own row, ratings,
    /// SLA events, tags or field values.
    pub(super) fn ticket_changed(&self, ticket: TicketKey) {
        self.data_changed();
        self.changed_tickets.insert(ticket);
    }

    pub fn commit(self) -> Result<(), StoreError> {
        if self.changed_data.get() {
            bump_generation(&self.tx)?;
            self.changed_tickets.log(&self.tx)?;
        }
        self.set_aside.restore(&self.tx)?;
        Ok(self.tx.commit()?)
    }

    pub fn add_source(&self, source: &NewSource) -> Result<i64, StoreError> {
        self.data_changed();
        self.tx.execute(
            "INSERT INTO sources (kind, name, base_url, time_zone, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                source.kind.as_str(),
                source.name,
                source.base_url,
                source.time_zone,
                source.created_at
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn upsert_ticket_field(&self, source_id: i64, f: &TicketField) -> Result<(), StoreError> {
        self.data_changed();
        let options: Vec<serde_json::Value> = f
            .options
            .iter()
            .map(|(value, name)| serde_json::json!({ "value": value, "name": name }))
            .collect();
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO ticket_fields (source_id, id, title, type, options, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                source_id,
                f.id,
                f.title,
                f.field_type,
                serde_json::Value::Array(options).to_string(),
                f.active
            ])?;
        Ok(())
    }

    pub fn upsert_user(&self, source_id: i64, u: &User) -> Result<(), StoreError> {
        self.upsert_users(source_id, std::slice::from_ref(u))
    }

    /// Writes many users, a few hundred a statement (an import names a hundred thousand
    /// customers); each replaces the stored one with its id.
    pub fn upsert_users(&self, source_id: i64, users: &[User]) -> Result<(), StoreError> {
        const ROWS_PER_STATEMENT: usize = 256;
        const COLUMNS: [&str; 10] = [
            "source_id",
            "id",
            "role",
            "name",
            "email",
            "locale",
            "time_zone",
            "organization_id",
            "created_at",
            "updated_at",
        ];
        if users.is_empty() {
            return Ok(());
        }
        self.data_changed();
        for chunk in pieces(users, ROWS_PER_STATEMENT) {
            let mut insert =
                self.multi_row_insert("INSERT OR REPLACE INTO users", &COLUMNS, "", chunk.len())?;
            let mut at = 0;
            for u in chunk {
                bind(
                    &mut insert,
                    &mut at,
                    &[
                        &source_id,
                        &u.id,
                        &u.role,
                        &u.name,
                        &u.email,
                        &u.locale,
                        &u.time_zone,
                        &u.organization_id,
                        &u.created_at,
                        &u.updated_at,
                    ],
                )?;
            }
            insert.raw_execute()?;
        }
        Ok(())
    }

    pub fn upsert_named(
        &self,
        source_id: i64,
        kind: NamedKind,
        n: &Named,
    ) -> Result<(), StoreError> {
        self.data_changed();
        // The table name comes from this fixed match, never from data.
        let sql = match kind {
            NamedKind::Group => {
                "INSERT OR REPLACE INTO groups (source_id, id, name) VALUES (?1, ?2, ?3)"
            }
            NamedKind::Organization => {
                "INSERT OR REPLACE INTO organizations (source_id, id, name) VALUES (?1, ?2, ?3)"
            }
            NamedKind::Brand => {
                "INSERT OR REPLACE INTO brands (source_id, id, name) VALUES (?1, ?2, ?3)"
            }
        };
        self.tx
            .prepare_cached(sql)?
            .execute(params![source_id, n.id, n.name])?;
        Ok(())
    }

    pub fn upsert_rating(&self, source_id: i64, r: &SatisfactionRating) -> Result<(), StoreError> {
        self.note_owner_of(Owned::Rating, source_id, r.id)?;
        self.ticket_changed((source_id, r.ticket_id));
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO satisfaction_ratings (source_id, id, ticket_id, score,
                    comment, reason, assignee_id, group_id, requester_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                source_id,
                r.id,
                r.ticket_id,
                r.score.as_str(),
                r.comment,
                r.reason,
                r.assignee_id,
                r.group_id,
                r.requester_id,
                r.created_at,
                r.updated_at
            ])?;
        Ok(())
    }

    pub fn delete_rating(&self, source_id: i64, id: i64) -> Result<(), StoreError> {
        self.note_owner_of(Owned::Rating, source_id, id)?;
        self.tx
            .prepare_cached("DELETE FROM satisfaction_ratings WHERE source_id = ?1 AND id = ?2")?
            .execute(params![source_id, id])?;
        Ok(())
    }

    pub fn upsert_sla_event(&self, source_id: i64, e: &SlaEvent) -> Result<(), StoreError> {
        self.note_owner_of(Owned::SlaEvent, source_id, e.id)?;
        self.ticket_changed((source_id, e.ticket_id));
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO sla_events (source_id, id, ticket_id, metric, instance_id,
                    type, time, target_minutes, business_hours, policy_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                source_id,
                e.id,
                e.ticket_id,
                e.metric,
                e.instance_id,
                e.event_type,
                e.time,
                e.target_minutes,
                e.business_hours,
                e.policy_id
            ])?;
        Ok(())
    }

    pub fn upsert_comment(&self, source_id: i64, c: &Comment) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO comments (source_id, id, ticket_id, author_id, public,
                    body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                source_id,
                c.id,
                c.ticket_id,
                c.author_id,
                c.public,
                c.body,
                c.created_at
            ])?;
        Ok(())
    }

    pub fn upsert_article(&self, source_id: i64, a: &Article) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO articles (source_id, id, title, body, locale, section_id,
                    vote_sum, vote_count, html_url, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                source_id,
                a.id,
                a.title,
                a.body,
                a.locale,
                a.section_id,
                a.vote_sum,
                a.vote_count,
                a.html_url,
                a.created_at,
                a.updated_at
            ])?;
        Ok(())
    }

    /// Records a finished sync (or demo generation) in the run log and the stream state.
    pub fn record_success(
        &self,
        source_id: i64,
        stream: &str,
        started_at: i64,
        finished_at: i64,
        counts: &serde_json::Value,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO sync_runs (source_id, started_at, finished_at, outcome, counts)
             VALUES (?1, ?2, ?3, 'succeeded', ?4)",
            params![source_id, started_at, finished_at, counts.to_string()],
        )?;
        self.tx.execute(
            "INSERT INTO sync_state (source_id, stream, last_attempt_at, last_success_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (source_id, stream) DO UPDATE SET
                last_attempt_at = excluded.last_attempt_at,
                last_success_at = excluded.last_success_at,
                last_error = NULL",
            params![source_id, stream, started_at, finished_at],
        )?;
        Ok(())
    }
}
