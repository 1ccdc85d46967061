//! The status history: each ticket's changes of status, group, assignee and priority, as
//! written by the ticket events stream (and the demo), and read back ticket by ticket in
//! time order for the flow KPIs. A deleted ticket keeps no history: its rows go when its
//! tombstone is written, and rows that arrive after it are never stored.

use std::collections::HashMap;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, ToSql};

use super::records::{FieldChange, HistoryField, HistoryValue};
use super::write::Writer;
use super::{Store, StoreError};

/// One row of the history as the flow KPIs read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    pub source_id: i64,
    pub ticket_id: i64,
    pub at: i64,
    pub field: HistoryField,
    /// The field's value from `at` on; `None` when it was unset.
    pub value: Option<HistoryValue>,
}

impl ToSql for HistoryValue {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            HistoryValue::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            HistoryValue::Id(id) => ToSqlOutput::Borrowed(ValueRef::Integer(*id)),
        })
    }
}

/// A stored value back: text for a status or priority, an integer for an id.
fn history_value(value: ValueRef<'_>) -> Option<HistoryValue> {
    match value {
        ValueRef::Integer(id) => Some(HistoryValue::Id(id)),
        ValueRef::Text(text) => Some(HistoryValue::Text(
            String::from_utf8_lossy(text).into_owned(),
        )),
        _ => None,
    }
}

impl Writer<'_> {
    /// Stores a page of history. A change seen before (a page boundary served twice) is
    /// kept once; a change of a ticket stored as deleted is left out.
    pub fn insert_ticket_events(
        &self,
        source_id: i64,
        changes: &[FieldChange],
    ) -> Result<(), StoreError> {
        // The history is read with the frame (and cached by the data generation).
        self.data_changed();
        let mut insert = self.tx().prepare_cached(
            "INSERT OR IGNORE INTO ticket_events
                (source_id, ticket_id, at, event_id, field, previous, value, updater_id)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
             WHERE NOT EXISTS
                (SELECT 1 FROM tickets WHERE source_id = ?1 AND id = ?2 AND status = 'deleted')",
        )?;
        for c in changes {
            insert.execute(params![
                source_id,
                c.ticket_id,
                c.at,
                c.event_id,
                c.field.as_str(),
                c.previous,
                c.value,
                c.updater_id
            ])?;
        }
        Ok(())
    }

    /// A deleted ticket's history goes with it.
    pub(super) fn delete_ticket_events(
        &self,
        source_id: i64,
        ticket_id: i64,
    ) -> Result<(), StoreError> {
        self.data_changed();
        self.tx()
            .prepare_cached("DELETE FROM ticket_events WHERE source_id = ?1 AND ticket_id = ?2")?
            .execute(params![source_id, ticket_id])?;
        Ok(())
    }
}

impl Store {
    /// Calls `visit` with every history row of one source (or of all), ordered by
    /// source, ticket, time and event: each ticket's changes arrive together and in
    /// order. One pass over the table in its stored order, nothing collected, so millions
    /// of rows cost their reading only. Rows of a field this version does not know are
    /// skipped.
    pub fn each_ticket_event(
        &self,
        source_id: Option<i64>,
        mut visit: impl FnMut(HistoryRow),
    ) -> Result<(), StoreError> {
        // One source is a range of the key; all of them, the whole table.
        let sql = match source_id {
            Some(_) => {
                "SELECT source_id, ticket_id, at, field, value FROM ticket_events
                 WHERE source_id = ?1 ORDER BY source_id, ticket_id, at, event_id, field"
            }
            None => {
                "SELECT source_id, ticket_id, at, field, value FROM ticket_events
                 ORDER BY source_id, ticket_id, at, event_id, field"
            }
        };
        let mut select = self.conn().prepare_cached(sql)?;
        let mut rows = match source_id {
            Some(id) => select.query(params![id])?,
            None => select.query([])?,
        };
        while let Some(row) = rows.next()? {
            let Some(field) = HistoryField::parse(row.get_ref(3)?.as_str().unwrap_or_default())
            else {
                continue;
            };
            visit(HistoryRow {
                source_id: row.get(0)?,
                ticket_id: row.get(1)?,
                at: row.get(2)?,
                field,
                value: history_value(row.get_ref(4)?),
            });
        }
        Ok(())
    }

    /// History rows per source id (sources without any are left out).
    pub fn ticket_event_counts(&self) -> Result<HashMap<i64, u64>, StoreError> {
        let mut select = self
            .conn()
            .prepare_cached("SELECT source_id, count(*) FROM ticket_events GROUP BY source_id")?;
        let counts = select
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<Result<_, _>>()?;
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::records::{NewSource, SourceKind, Ticket, TicketMetrics, TicketStatus};

    fn store_with_source() -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let w = store.write().unwrap();
        let id = w
            .add_source(&NewSource {
                kind: SourceKind::Zendesk,
                name: "acme".into(),
                base_url: None,
                time_zone: None,
                created_at: 0,
            })
            .unwrap();
        w.commit().unwrap();
        (store, id)
    }

    fn status(event_id: i64, ticket_id: i64, at: i64, value: &str) -> FieldChange {
        FieldChange {
            event_id,
            ticket_id,
            at,
            field: HistoryField::Status,
            previous: None,
            value: Some(HistoryValue::Text(value.into())),
            updater_id: Some(-1),
        }
    }

    fn read(
        store: &Store,
        source: Option<i64>,
    ) -> Vec<(i64, i64, HistoryField, Option<HistoryValue>)> {
        let mut rows = Vec::new();
        store
            .each_ticket_event(source, |r| rows.push((r.ticket_id, r.at, r.field, r.value)))
            .unwrap();
        rows
    }

    #[test]
    fn history_reads_back_per_ticket_in_time_order_and_once() {
        let (mut store, source) = store_with_source();
        let group = FieldChange {
            field: HistoryField::Group,
            value: Some(HistoryValue::Id(360_000_000_001)),
            ..status(3, 2, 50, "")
        };
        let page = [status(2, 1, 90, "solved"), group, status(1, 1, 10, "new")];
        let w = store.write().unwrap();
        w.insert_ticket_events(source, &page).unwrap();
        w.insert_ticket_events(source, &page[..1]).unwrap();
        w.commit().unwrap();
        let text = |s: &str| Some(HistoryValue::Text(s.into()));
        assert_eq!(
            read(&store, Some(source)),
            [
                (1, 10, HistoryField::Status, text("new")),
                (1, 90, HistoryField::Status, text("solved")),
                (
                    2,
                    50,
                    HistoryField::Group,
                    Some(HistoryValue::Id(360_000_000_001))
                ),
            ],
            "ordered by ticket then time; a repeated event is stored once; ids stay integers"
        );
        assert_eq!(read(&store, Some(source + 1)), []);
        assert_eq!(store.ticket_event_counts().unwrap()[&source], 3);
    }

    #[test]
    fn storing_history_is_a_change_of_data() {
        let (mut store, source) = store_with_source();
        let before = store.data_generation().unwrap();
        let w = store.write().unwrap();
        w.insert_ticket_events(source, &[status(1, 7, 10, "new")])
            .unwrap();
        w.commit().unwrap();
        assert!(
            store.data_generation().unwrap() > before,
            "what is cached by the generation (the history) is read again"
        );
    }

    #[test]
    fn a_deleted_ticket_keeps_no_history() {
        let (mut store, source) = store_with_source();
        let w = store.write().unwrap();
        w.insert_ticket_events(source, &[status(1, 7, 10, "new"), status(2, 8, 10, "new")])
            .unwrap();
        w.commit().unwrap();
        let tombstone = Ticket {
            id: 7,
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
        w.insert_ticket_events(source, &[status(3, 7, 20, "open")])
            .unwrap();
        w.commit().unwrap();
        let tickets: Vec<i64> = read(&store, None).into_iter().map(|r| r.0).collect();
        assert_eq!(
            tickets,
            [8],
            "the tombstone removed ticket 7's rows, and later ones were not stored"
        );
    }
}
