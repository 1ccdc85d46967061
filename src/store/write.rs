//! Typed upserts inside one transaction. A record with an id already stored replaces it
//! (the latest synced version wins); a ticket's tags and field values are replaced whole.

use rusqlite::{params, Transaction};

use super::records::*;
use super::StoreError;

/// A write transaction. Dropping it without `commit` rolls everything back.
pub struct Writer<'a> {
    tx: Transaction<'a>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(tx: Transaction<'a>) -> Writer<'a> {
        Writer { tx }
    }

    pub(super) fn tx(&self) -> &Transaction<'a> {
        &self.tx
    }

    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }

    pub fn add_source(&self, source: &NewSource) -> Result<i64, StoreError> {
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

    pub fn upsert_ticket(&self, source_id: i64, t: &Ticket) -> Result<(), StoreError> {
        let m = &t.metrics;
        let mut stmt = self.tx.prepare_cached(
            "INSERT OR REPLACE INTO tickets (source_id, id, status, priority, type, channel,
                subject, description, requester_id, submitter_id, assignee_id, group_id,
                organization_id, brand_id, form_id, created_at, updated_at, solved_at,
                reply_time_calendar, reply_time_business,
                first_resolution_time_calendar, first_resolution_time_business,
                full_resolution_time_calendar, full_resolution_time_business,
                requester_wait_time_calendar, requester_wait_time_business,
                agent_wait_time_calendar, agent_wait_time_business,
                on_hold_time_calendar, on_hold_time_business,
                replies, reopens, assignee_stations, group_stations, raw)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31,
                ?32, ?33, ?34, ?35)",
        )?;
        stmt.execute(params![
            source_id,
            t.id,
            t.status.as_str(),
            t.priority,
            t.ticket_type,
            t.channel,
            t.subject,
            t.description,
            t.requester_id,
            t.submitter_id,
            t.assignee_id,
            t.group_id,
            t.organization_id,
            t.brand_id,
            t.form_id,
            t.created_at,
            t.updated_at,
            t.solved_at,
            m.reply_time.calendar,
            m.reply_time.business,
            m.first_resolution_time.calendar,
            m.first_resolution_time.business,
            m.full_resolution_time.calendar,
            m.full_resolution_time.business,
            m.requester_wait_time.calendar,
            m.requester_wait_time.business,
            m.agent_wait_time.calendar,
            m.agent_wait_time.business,
            m.on_hold_time.calendar,
            m.on_hold_time.business,
            m.replies,
            m.reopens,
            m.assignee_stations,
            m.group_stations,
            t.raw,
        ])?;
        self.replace_tags(source_id, t.id, &t.tags)?;
        self.replace_field_values(source_id, t.id, &t.fields)?;
        if t.status == TicketStatus::Deleted {
            self.drop_ticket_children(source_id, t.id)?;
        }
        Ok(())
    }

    /// A deleted ticket keeps its row as a tombstone; its ratings, metric events and
    /// comments are gone from the helpdesk, so they go here too.
    fn drop_ticket_children(&self, source_id: i64, ticket_id: i64) -> Result<(), StoreError> {
        for sql in [
            "DELETE FROM satisfaction_ratings WHERE source_id = ?1 AND ticket_id = ?2",
            "DELETE FROM sla_events WHERE source_id = ?1 AND ticket_id = ?2",
            "DELETE FROM comments WHERE source_id = ?1 AND ticket_id = ?2",
        ] {
            self.tx
                .prepare_cached(sql)?
                .execute(params![source_id, ticket_id])?;
        }
        Ok(())
    }

    fn replace_tags(
        &self,
        source_id: i64,
        ticket_id: i64,
        tags: &[String],
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("DELETE FROM ticket_tags WHERE source_id = ?1 AND ticket_id = ?2")?
            .execute(params![source_id, ticket_id])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO ticket_tags (source_id, ticket_id, tag) VALUES (?1, ?2, ?3)",
        )?;
        for tag in tags {
            insert.execute(params![source_id, ticket_id, tag])?;
        }
        Ok(())
    }

    fn replace_field_values(
        &self,
        source_id: i64,
        ticket_id: i64,
        fields: &[(i64, serde_json::Value)],
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "DELETE FROM ticket_field_values WHERE source_id = ?1 AND ticket_id = ?2",
            )?
            .execute(params![source_id, ticket_id])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT OR REPLACE INTO ticket_field_values (source_id, ticket_id, field_id, value)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (field_id, value) in fields {
            insert.execute(params![source_id, ticket_id, field_id, value.to_string()])?;
        }
        Ok(())
    }

    pub fn upsert_ticket_field(&self, source_id: i64, f: &TicketField) -> Result<(), StoreError> {
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
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO users (source_id, id, role, name, email, locale,
                    time_zone, organization_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                source_id,
                u.id,
                u.role,
                u.name,
                u.email,
                u.locale,
                u.time_zone,
                u.organization_id,
                u.created_at,
                u.updated_at
            ])?;
        Ok(())
    }

    pub fn upsert_named(
        &self,
        source_id: i64,
        kind: NamedKind,
        n: &Named,
    ) -> Result<(), StoreError> {
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

    pub fn upsert_sla_event(&self, source_id: i64, e: &SlaEvent) -> Result<(), StoreError> {
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
