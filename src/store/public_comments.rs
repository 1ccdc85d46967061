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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::records::{NewSource, SourceKind, Ticket, TicketMetrics, TicketStatus, User};

    fn comment(comment_id: i64, ticket_id: i64, at: i64, author: i64) -> PublicComment {
        PublicComment {
            comment_id,
            ticket_id,
            at,
            author_id: Some(author),
        }
    }

    fn user(id: i64, role: &str) -> User {
        User {
            id,
            role: role.into(),
            name: format!("user {id}"),
            email: None,
            locale: None,
            time_zone: None,
            organization_id: None,
            created_at: None,
            updated_at: None,
        }
    }

    fn replies(store: &Store) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        store
            .each_agent_reply(|r| out.push((r.ticket_id, r.at)))
            .unwrap();
        out
    }

    #[test]
    fn agents_replies_read_back_once_in_order_and_a_deleted_ticket_keeps_none() {
        let mut store = Store::open_in_memory().unwrap();
        let w = store.write().unwrap();
        let source = w
            .add_source(&NewSource {
                kind: SourceKind::Zendesk,
                name: "acme".into(),
                base_url: None,
                time_zone: None,
                created_at: 0,
            })
            .unwrap();
        for (id, role) in [(1, "agent"), (2, "admin"), (3, "end-user")] {
            w.upsert_user(source, &user(id, role)).unwrap();
        }
        let page = [
            comment(12, 7, 50, 2),
            comment(11, 7, 10, 1),
            comment(13, 7, 20, 3),
            comment(14, 7, 30, 99),
            comment(21, 8, 5, 1),
        ];
        w.insert_public_comments(source, &page).unwrap();
        w.insert_public_comments(source, &page[..2]).unwrap();
        w.commit().unwrap();
        assert_eq!(
            replies(&store),
            [(7, 10), (7, 50), (8, 5)],
            "by ticket and time, once; an end-user's and an unknown author's left out"
        );
        assert_eq!(store.public_comment_counts().unwrap()[&source], 5);

        let tombstone = Ticket {
            id: 8,
            status: TicketStatus::Deleted,
            priority: None,
            ticket_type: None,
            channel: None,
            subject: None,
            description: None,
            requester_id: None,
            submitter_id: None,
            assignee_id: None,
            group_id: None,
            organization_id: None,
            brand_id: None,
            form_id: None,
            created_at: 0,
            updated_at: None,
            solved_at: None,
            metrics: TicketMetrics::default(),
            tags: Vec::new(),
            fields: Vec::new(),
        };
        let w = store.write().unwrap();
        w.upsert_ticket(source, &tombstone).unwrap();
        w.insert_public_comments(source, &[comment(22, 8, 9, 1)])
            .unwrap();
        w.commit().unwrap();
        assert_eq!(replies(&store), [(7, 10), (7, 50)], "ticket 8 is gone");
    }
}
