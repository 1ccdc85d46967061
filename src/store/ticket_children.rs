//! A ticket's children read again whole (a Freshdesk ticket's conversations and the SLA
//! events derived from its due dates): the ones the source no longer returns are
//! deleted in the transaction that writes the rest, so a removed note or a due date
//! that went away does not stay behind.

use rusqlite::params;

use super::{StoreError, Writer};

impl Writer<'_> {
    /// Deletes the ticket's stored comments whose ids are not in `keep`.
    pub fn delete_other_comments(
        &self,
        source_id: i64,
        ticket_id: i64,
        keep: &[i64],
    ) -> Result<usize, StoreError> {
        let keep = serde_json::to_string(keep).unwrap_or_default();
        Ok(self
            .tx()
            .prepare_cached(
                "DELETE FROM comments WHERE source_id = ?1 AND ticket_id = ?2
                   AND id NOT IN (SELECT value FROM json_each(?3))",
            )?
            .execute(params![source_id, ticket_id, keep])?)
    }

    /// Deletes the ticket's stored SLA events whose ids are not in `keep`.
    pub fn delete_other_sla_events(
        &self,
        source_id: i64,
        ticket_id: i64,
        keep: &[i64],
    ) -> Result<usize, StoreError> {
        let keep = serde_json::to_string(keep).unwrap_or_default();
        let deleted = self
            .tx()
            .prepare_cached(
                "DELETE FROM sla_events WHERE source_id = ?1 AND ticket_id = ?2
                   AND id NOT IN (SELECT value FROM json_each(?3))",
            )?
            .execute(params![source_id, ticket_id, keep])?;
        if deleted > 0 {
            self.ticket_changed((source_id, ticket_id));
        }
        Ok(deleted)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::records::{Comment, NewSource, SlaEvent, SourceKind};
    use crate::store::Store;

    fn comment(id: i64, ticket_id: i64) -> Comment {
        Comment {
            id,
            ticket_id,
            author_id: None,
            public: true,
            body: String::new(),
            created_at: 0,
        }
    }

    fn event(id: i64, ticket_id: i64) -> SlaEvent {
        SlaEvent {
            id,
            ticket_id,
            metric: "reply_time".into(),
            instance_id: 1,
            event_type: "apply_sla".into(),
            time: 0,
            target_minutes: None,
            business_hours: None,
            policy_id: None,
        }
    }

    fn ids(store: &Store, sql: &str) -> Vec<i64> {
        let mut stmt = store.conn().prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn only_the_ticket_s_children_outside_the_kept_ids_go() {
        let mut store = Store::open_in_memory().unwrap();
        let w = store.write().unwrap();
        let source = w
            .add_source(&NewSource {
                kind: SourceKind::Freshdesk,
                name: "fd".into(),
                base_url: None,
                time_zone: None,
                created_at: 0,
            })
            .unwrap();
        for (id, ticket) in [(1, 10), (2, 10), (3, 10), (4, 20)] {
            w.upsert_comment(source, &comment(id, ticket)).unwrap();
            w.upsert_sla_event(source, &event(id, ticket)).unwrap();
        }
        assert_eq!(w.delete_other_comments(source, 10, &[1, 3]).unwrap(), 1);
        assert_eq!(w.delete_other_sla_events(source, 10, &[]).unwrap(), 3);
        w.commit().unwrap();
        assert_eq!(
            ids(&store, "SELECT id FROM comments ORDER BY id"),
            [1, 3, 4],
            "ticket 20's stay"
        );
        assert_eq!(ids(&store, "SELECT id FROM sla_events ORDER BY id"), [4]);
    }
}
