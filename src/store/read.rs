//! Typed reads: the columns the analytics frame is built from, names for labels, and the
//! workspace summary.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, OptionalExtension};

use super::records::{NamedKind, Source, SourceKind};
use super::{Store, StoreError, TicketSelection};

/// The setting holding the database's random id.
const DATABASE_ID: &str = "database_id";

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the database holds an unknown source kind {0:?}")]
    UnknownSourceKind(String),
}

/// Non-deleted tickets as columns, in one pass over the table.
#[derive(Debug, Default, Clone)]
pub struct TicketColumns {
    pub source_id: Vec<i64>,
    pub id: Vec<i64>,
    pub status: Vec<String>,
    pub priority: Vec<Option<String>>,
    pub ticket_type: Vec<Option<String>>,
    pub channel: Vec<Option<String>>,
    pub requester_id: Vec<Option<i64>>,
    pub assignee_id: Vec<Option<i64>>,
    pub group_id: Vec<Option<i64>>,
    pub organization_id: Vec<Option<i64>>,
    pub brand_id: Vec<Option<i64>>,
    pub created_at: Vec<i64>,
    pub solved_at: Vec<Option<i64>>,
    /// Metric columns by their store name (`reply_time_calendar`, …), same row order.
    pub minutes: Vec<(&'static str, Vec<Option<f64>>)>,
    pub replies: Vec<Option<i64>>,
    pub reopens: Vec<Option<i64>>,
}

/// The duration metric columns of `tickets`, calendar and business halves.
pub const MINUTE_COLUMNS: [&str; 12] = [
    "reply_time_calendar",
    "reply_time_business",
    "first_resolution_time_calendar",
    "first_resolution_time_business",
    "full_resolution_time_calendar",
    "full_resolution_time_business",
    "requester_wait_time_calendar",
    "requester_wait_time_business",
    "agent_wait_time_calendar",
    "agent_wait_time_business",
    "on_hold_time_calendar",
    "on_hold_time_business",
];

/// Satisfaction ratings as columns.
#[derive(Debug, Default, Clone)]
pub struct RatingColumns {
    pub source_id: Vec<i64>,
    pub ticket_id: Vec<i64>,
    pub score: Vec<String>,
    pub created_at: Vec<i64>,
    pub updated_at: Vec<i64>,
}

/// Row counts of the main tables, for `status` and the app header.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoreCounts {
    pub tickets: u64,
    pub deleted_tickets: u64,
    pub users: u64,
    pub groups: u64,
    pub organizations: u64,
    pub brands: u64,
    pub satisfaction_ratings: u64,
    pub sla_events: u64,
    pub comments: u64,
    pub articles: u64,
}

/// Rows of the tickets and ratings tables, each a plain `count(*)` over an index (under
/// 10 ms together at a million tickets): the frame snapshot records them to tell when
/// another program added or removed tickets or ratings although the generation did not
/// change. A heuristic, as any count is (an edit in place keeps it): the tables of tags
/// and SLA events, hanging off tickets and four times as long, are left out, since
/// counting them cost every command line call 30 ms more.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FrameTableRows {
    pub tickets: i64,
    pub satisfaction_ratings: i64,
}

impl Store {
    pub fn frame_table_rows(&self) -> Result<FrameTableRows, StoreError> {
        // Each count passes once over an index of up to a million entries: a small cache
        // makes it about twice as quick.
        self.with_cache_kib(2_048, |conn| {
            conn.query_row(
                "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM satisfaction_ratings)",
                [],
                |r| {
                    Ok(FrameTableRows {
                        tickets: r.get(0)?,
                        satisfaction_ratings: r.get(1)?,
                    })
                },
            )
        })
    }

    /// The selected non-deleted tickets, ordered by (source_id, id).
    pub fn ticket_columns(&self, tickets: TicketSelection) -> Result<TicketColumns, StoreError> {
        let metric_list = MINUTE_COLUMNS.join(", ");
        // The column list is the constant above and the condition a constant of the
        // selection; no data reaches this SQL.
        let sql = format!(
            "SELECT source_id, id, status, priority, type, channel, requester_id, assignee_id,
                group_id, organization_id, brand_id, created_at, solved_at, replies, reopens,
                {metric_list}
             FROM tickets WHERE status <> 'deleted' AND {}
             ORDER BY source_id, id",
            tickets.condition("id")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(tickets.params()))?;
        let mut c = TicketColumns {
            minutes: MINUTE_COLUMNS
                .iter()
                .map(|name| (*name, Vec::new()))
                .collect(),
            ..TicketColumns::default()
        };
        while let Some(row) = rows.next()? {
            c.source_id.push(row.get(0)?);
            c.id.push(row.get(1)?);
            c.status.push(row.get(2)?);
            c.priority.push(row.get(3)?);
            c.ticket_type.push(row.get(4)?);
            c.channel.push(row.get(5)?);
            c.requester_id.push(row.get(6)?);
            c.assignee_id.push(row.get(7)?);
            c.group_id.push(row.get(8)?);
            c.organization_id.push(row.get(9)?);
            c.brand_id.push(row.get(10)?);
            c.created_at.push(row.get(11)?);
            c.solved_at.push(row.get(12)?);
            c.replies.push(row.get(13)?);
            c.reopens.push(row.get(14)?);
            for (i, (_, values)) in c.minutes.iter_mut().enumerate() {
                values.push(row.get(15 + i)?);
            }
        }
        Ok(c)
    }

    /// The ratings of the selected tickets, ordered by ticket, then rating id. Read by
    /// the ticket index, so a few tickets' ratings are found without a scan.
    pub fn rating_columns(&self, tickets: TicketSelection) -> Result<RatingColumns, StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT source_id, ticket_id, score, created_at, updated_at
             FROM satisfaction_ratings INDEXED BY satisfaction_ratings_ticket WHERE {}
             ORDER BY source_id, ticket_id, id",
            tickets.condition("ticket_id")
        ))?;
        let mut rows = stmt.query(params_from_iter(tickets.params()))?;
        let mut c = RatingColumns::default();
        while let Some(row) = rows.next()? {
            c.source_id.push(row.get(0)?);
            c.ticket_id.push(row.get(1)?);
            c.score.push(row.get(2)?);
            c.created_at.push(row.get(3)?);
            c.updated_at.push(row.get(4)?);
        }
        Ok(c)
    }

    /// Display names by id for groups, organizations or brands.
    pub fn names(&self, kind: NamedKind) -> Result<HashMap<i64, String>, StoreError> {
        let sql = match kind {
            NamedKind::Group => "SELECT id, name FROM groups",
            NamedKind::Organization => "SELECT id, name FROM organizations",
            NamedKind::Brand => "SELECT id, name FROM brands",
        };
        self.id_names(sql)
    }

    /// Display names of users by id.
    pub fn user_names(&self) -> Result<HashMap<i64, String>, StoreError> {
        self.id_names("SELECT id, name FROM users")
    }

    fn id_names(&self, sql: &str) -> Result<HashMap<i64, String>, StoreError> {
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The data generation: it changes whenever data the analytics frame reads changes.
    pub fn data_generation(&self) -> Result<i64, StoreError> {
        Ok(self
            .setting(super::write::DATA_GENERATION)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// The random id made with this database (see migration 0004): it tells workspace
    /// databases apart where their contents or counters might agree.
    pub fn database_id(&self) -> Result<String, StoreError> {
        self.setting(DATABASE_ID)?.ok_or(StoreError::NoDatabaseId)
    }

    pub fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM settings WHERE key = ?1", params![key])?;
        Ok(())
    }

    pub fn sources(&self) -> Result<Vec<Source>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT s.id, s.kind, s.name, s.base_url, s.time_zone,
                (SELECT max(last_success_at) FROM sync_state st WHERE st.source_id = s.id), s.settings
             FROM sources s ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut sources = Vec::new();
        for row in rows {
            let (id, kind, name, base_url, time_zone, last_success_at, settings) = row?;
            let kind = SourceKind::parse(&kind).ok_or(ReadError::UnknownSourceKind(kind))?;
            sources.push(Source {
                id,
                kind,
                name,
                base_url,
                time_zone,
                settings: serde_json::from_str(&settings).unwrap_or_default(),
                last_success_at,
            });
        }
        Ok(sources)
    }

    /// Each table's rows from SQLite's cheap paths: `count(*)` walks a table's smallest
    /// index (its primary key's, a few bytes a row), and deleted tickets have a partial
    /// index of their own, so no ticket row is read.
    pub fn counts(&self) -> Result<StoreCounts, StoreError> {
        let (tickets, deleted_tickets) = self.ticket_counts()?;
        Ok(StoreCounts {
            tickets,
            deleted_tickets,
            users: self.count("SELECT count(*) FROM users")?,
            groups: self.count("SELECT count(*) FROM groups")?,
            organizations: self.count("SELECT count(*) FROM organizations")?,
            brands: self.count("SELECT count(*) FROM brands")?,
            satisfaction_ratings: self.count("SELECT count(*) FROM satisfaction_ratings")?,
            sla_events: self.count("SELECT count(*) FROM sla_events")?,
            comments: self.count("SELECT count(*) FROM comments")?,
            articles: self.count("SELECT count(*) FROM articles")?,
        })
    }

    /// The tickets that are not deleted, from the ticket indexes alone: what the app's
    /// header shows at every start, without counting every other table as `counts` does.
    pub fn ticket_count(&self) -> Result<u64, StoreError> {
        Ok(self.ticket_counts()?.0)
    }

    /// Tickets not deleted, and deleted ones.
    fn ticket_counts(&self) -> Result<(u64, u64), StoreError> {
        let deleted = self.count("SELECT count(*) FROM tickets WHERE status = 'deleted'")?;
        let all = self.count("SELECT count(*) FROM tickets")?;
        Ok((all.saturating_sub(deleted), deleted))
    }

    fn count(&self, sql: &str) -> Result<u64, StoreError> {
        Ok(self.conn().query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
    }
}
