//! Public comments: when each was added to a ticket and by whom, as written by the ticket
//! events stream (asked with its comments) and the demo, and read back ticket by ticket
//! in time order for the backlog's age since the last public agent reply. A deleted
//! ticket keeps none, as it keeps no status history: its rows go when its tombstone is
//! written, and rows that arrive after it are never stored.

use rusqlite::params;

use super::records::PublicComment;
use super::write::Writer;
use super::{Store, StoreError};

/// A public reply by an agent, as the flow KPIs read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentReply {
    pub source_id: i64,
    pub ticket_id: i64,
    pub at: i64,
}

impl Writer<'_> {
    /// Stores a page of public comments. A comment seen before (a page boundary served
    /// twice, or a back-fill re-reading the export) is kept once; a comment of a ticket
    /// stored as deleted is left out.
    pub fn insert_public_comments(
        &self,
        source_id: i64,
        comments: &[PublicComment],
    ) -> Result<(), StoreError> {
        let mut insert = self.tx().prepare_cached(
            "INSERT OR IGNORE INTO public_comments (source_id, ticket_id, at, comment_id, author_id)
             SELECT ?1, ?2, ?3, ?4, ?5
             WHERE NOT EXISTS
                (SELECT 1 FROM tickets WHERE source_id = ?1 AND id = ?2 AND status = 'deleted')",
        )?;
        for c in comments {
            insert.execute(params![
                source_id,
                c.ticket_id,
                c.at,
                c.comment_id,
                c.author_id
            ])?;
        }
        Ok(())
    }

    /// A deleted ticket's comments go with it.
    pub(super) fn delete_public_comments(
        &self,
        source_id: i64,
        ticket_id: i64,
    ) -> Result<(), StoreError> {
        self.tx()
            .prepare_cached("DELETE FROM public_comments WHERE source_id = ?1 AND ticket_id = ?2")?
            .execute(params![source_id, ticket_id])?;
        Ok(())
    }
}

impl Store {
    /// Calls `visit` with every public comment whose author is an agent or an admin (by
    /// the role the users table holds for them now), ordered by source, ticket and time.
    /// End-users' comments and comments of authors the users table does not know are
    /// left out: a reply is only counted when it is known to be an agent's.
    pub fn each_agent_reply(&self, mut visit: impl FnMut(AgentReply)) -> Result<(), StoreError> {
        let mut select = self.conn().prepare_cached(
            "SELECT c.source_id, c.ticket_id, c.at FROM public_comments c
               JOIN users u ON u.source_id = c.source_id AND u.id = c.author_id
              WHERE u.role IN ('agent', 'admin')
              ORDER BY c.source_id, c.ticket_id, c.at, c.comment_id",
        )?;
        let mut rows = select.query([])?;
        while let Some(row) = rows.next()? {
            visit(AgentReply {
                source_id: row.get(0)?,
                ticket_id: row.get(1)?,
                at: row.get(2)?,
            });
        }
        Ok(())
    }

    /// Public comments per source id (sources without any are left out).
    pub fn public_comment_counts(&self) -> Result<std::collections::HashMap<i64, u64>, StoreError> {
        let mut select = self
            .conn()
            .prepare_cached("SELECT source_id, count(*) FROM public_comments GROUP BY source_id")?;
        let counts = select
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<Result<_, _>>()?;
        Ok(counts)
    }
}
