//! Typed reads of what hangs off tickets: tags, custom-field values and definitions,
//! SLA metric events, and the text fields a ticket list shows.

use std::collections::{HashMap, HashSet};

use rusqlite::types::ValueRef;
use rusqlite::{params, params_from_iter};

use super::raw_json::{legacy_text, RawPage};
use super::{Store, StoreError, TicketSelection};

/// A ticket's identity across sources.
pub type TicketKey = (i64, i64);

/// A custom field's definition: title and option names by value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FieldDefinition {
    pub id: i64,
    pub title: String,
    pub field_type: String,
    /// `(value, name)` of drop-down and tagger options.
    pub options: Vec<(String, String)>,
}

/// One SLA instance (ticket, metric, instance) with an SLA applied.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaInstance {
    pub ticket: TicketKey,
    pub metric: String,
    pub instance_id: i64,
    pub first_breach: Option<i64>,
    pub first_fulfill: Option<i64>,
}

/// The text of a ticket a list shows beside the frame's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketText {
    pub ticket: TicketKey,
    pub subject: Option<String>,
    /// The id an imported ticket has in its file (`JSM-123`); None for synced tickets.
    pub file_id: Option<String>,
}

impl Store {
    /// Visits every tag of the selected tickets as (ticket, tag), ordered by ticket, then
    /// tag, without collecting them first.
    pub fn each_ticket_tag(
        &self,
        tickets: TicketSelection,
        mut visit: impl FnMut(TicketKey, &str),
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT source_id, ticket_id, tag FROM ticket_tags WHERE {}
             ORDER BY source_id, ticket_id, tag",
            tickets.condition("ticket_id")
        ))?;
        let mut rows = stmt.query(params_from_iter(tickets.params()))?;
        while let Some(r) = rows.next()? {
            visit(
                (r.get(0)?, r.get(1)?),
                r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?,
            );
        }
        Ok(())
    }

    /// Visits every custom-field value of the selected tickets as (ticket, field id, the
    /// API's JSON text), ordered by ticket, then field.
    pub fn each_field_value(
        &self,
        tickets: TicketSelection,
        mut visit: impl FnMut(TicketKey, i64, &str),
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT source_id, ticket_id, field_id, value FROM ticket_field_values WHERE {}
             ORDER BY source_id, ticket_id, field_id",
            tickets.condition("ticket_id")
        ))?;
        let mut rows = stmt.query(params_from_iter(tickets.params()))?;
        while let Some(r) = rows.next()? {
            visit(
                (r.get(0)?, r.get(1)?),
                r.get(2)?,
                r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?,
            );
        }
        Ok(())
    }

    /// Custom-field definitions by id; options that cannot be read are left out.
    pub fn field_definitions(&self) -> Result<Vec<FieldDefinition>, StoreError> {
        #[derive(serde::Deserialize)]
        struct RawOption {
            value: Option<serde_json::Value>,
            name: Option<String>,
        }
        let mut stmt = self
            .conn()
            .prepare("SELECT id, title, type, options FROM ticket_fields ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            let options: String = r.get(3)?;
            Ok(FieldDefinition {
                id: r.get(0)?,
                title: r.get(1)?,
                field_type: r.get(2)?,
                options: serde_json::from_str::<Vec<RawOption>>(&options)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|o| {
                        let value = match o.value? {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        };
                        Some((value, o.name?))
                    })
                    .collect(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// SLA instances of the selected tickets: one per (ticket, metric, instance) that had
    /// an SLA applied, with its first breach and first fulfilment times, in that order.
    /// Aggregated in SQLite, so millions of events never cross into Rust one by one; read
    /// by the ticket index, so a few tickets' events are found without a scan.
    pub fn sla_instances(&self, tickets: TicketSelection) -> Result<Vec<SlaInstance>, StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT source_id, ticket_id, metric, instance_id,
                min(CASE WHEN type = 'breach' THEN time END),
                min(CASE WHEN type = 'fulfill' THEN time END)
             FROM sla_events INDEXED BY sla_events_ticket WHERE {}
             GROUP BY source_id, ticket_id, metric, instance_id
             HAVING max(type = 'apply_sla') = 1
             ORDER BY source_id, ticket_id, metric, instance_id",
            tickets.condition("ticket_id")
        ))?;
        let rows = stmt.query_map(params_from_iter(tickets.params()), |r| {
            Ok(SlaInstance {
                ticket: (r.get(0)?, r.get(1)?),
                metric: r.get(2)?,
                instance_id: r.get(3)?,
                first_breach: r.get(4)?,
                first_fulfill: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Subjects and file ids of the given tickets (a page of a ticket list), in no
    /// particular order.
    pub fn ticket_texts(&self, tickets: &[TicketKey]) -> Result<Vec<TicketText>, StoreError> {
        let mut out = Vec::with_capacity(tickets.len());
        // Bounded batches keep under SQLite's parameter limit; ids are bound, never spliced.
        for chunk in tickets.chunks(400) {
            let placeholders = vec!["(?, ?)"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT t.source_id, t.id, t.subject, k.key FROM tickets t
                 LEFT JOIN import_keys k
                    ON k.kind = 'ticket' AND k.source_id = t.source_id AND k.id = t.id
                 WHERE (t.source_id, t.id) IN (VALUES {placeholders})"
            );
            let mut stmt = self.conn().prepare(&sql)?;
            let params = chunk.iter().flat_map(|(s, id)| [*s, *id]);
            let rows = stmt.query_map(params_from_iter(params), |r| {
                Ok(TicketText {
                    ticket: (r.get(0)?, r.get(1)?),
                    subject: r.get(2)?,
                    file_id: r.get(3)?,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// Whether any ticket was imported from a file, so lists show text ids.
    pub fn has_file_ids(&self) -> Result<bool, StoreError> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM import_keys WHERE kind = 'ticket')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Tickets whose subject contains `needle` (ignoring case, any script), or whose id or
    /// file id (ignoring case) is `needle`. The text is compared here, in Rust: SQLite's
    /// `LIKE` folds ASCII only.
    pub fn tickets_matching(&self, needle: &str) -> Result<HashSet<TicketKey>, StoreError> {
        let needle = needle.trim().to_lowercase();
        let id: Option<i64> = needle.trim_start_matches('#').parse().ok();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT source_id, id, subject FROM tickets")?;
        let mut rows = stmt.query([])?;
        let mut out = HashSet::new();
        while let Some(row) = rows.next()? {
            let key: TicketKey = (row.get(0)?, row.get(1)?);
            let by_subject = match row.get_ref(2)? {
                ValueRef::Text(text) => String::from_utf8_lossy(text)
                    .to_lowercase()
                    .contains(&needle),
                _ => false,
            };
            if by_subject || id == Some(key.1) {
                out.insert(key);
            }
        }
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT source_id, id, key FROM import_keys WHERE kind = 'ticket'")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let ValueRef::Text(file_id) = row.get_ref(2)? {
                if String::from_utf8_lossy(file_id).to_lowercase() == needle {
                    out.insert((row.get(0)?, row.get(1)?));
                }
            }
        }
        Ok(out)
    }

    /// The stored `updated_at` of those of `ids` that are stored and not tombstones, so a
    /// sync reads again only what changed (and a ticket back from the trash whatever its
    /// time).
    pub fn ticket_versions(
        &self,
        source_id: i64,
        ids: &[i64],
    ) -> Result<HashMap<i64, i64>, StoreError> {
        let ids = serde_json::to_string(ids).unwrap_or_default();
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, updated_at FROM tickets
             WHERE source_id = ?1 AND id IN (SELECT value FROM json_each(?2))
               AND updated_at IS NOT NULL AND status != 'deleted'",
        )?;
        let rows = stmt.query_map(params![source_id, ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The helpdesk's own JSON of a ticket, as last synced; `None` for a ticket that
    /// came from a CSV import or the demo, or is not stored.
    pub fn ticket_raw_json(&self, ticket: TicketKey) -> Result<Option<String>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.raw, p.data, t.raw_index FROM tickets t
             LEFT JOIN raw_pages p ON p.id = t.raw_page
             WHERE t.source_id = ? AND t.id = ?",
        )?;
        let mut rows = stmt.query(params![ticket.0, ticket.1])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        if let Some(text) = legacy_text(row.get_ref(0)?) {
            return Ok(Some(text));
        }
        match (row.get_ref(1)?, row.get::<_, Option<i64>>(2)?) {
            (ValueRef::Blob(frame), Some(index)) => Ok(RawPage::record(frame, index as usize)?),
            _ => Ok(None),
        }
    }
}
