//! Tickets are written a page at a time: a handful of multi-row statements per page
//! instead of six or seven statements per ticket (its row, its tags and custom-field
//! values cleared and re-inserted), which is most of what an ingest costs.

use rusqlite::types::Type;
use rusqlite::{params, CachedStatement, Statement, ToSql};

use super::raw_json::RawPage;
use super::read::MINUTE_COLUMNS;
use super::records::{Ticket, TicketStatus};
use super::write::Writer;
use super::StoreError;

/// The written columns, in `bind_ticket`'s order: identity and attributes, the duration
/// metrics, then counts and where the ticket's JSON is kept. The pre-compression `raw`
/// column is left out, so a rewritten row drops it.
fn ticket_columns() -> Vec<&'static str> {
    let head = [
        "source_id",
        "id",
        "status",
        "priority",
        "type",
        "channel",
        "subject",
        "description",
        "requester_id",
        "submitter_id",
        "assignee_id",
        "group_id",
        "organization_id",
        "brand_id",
        "form_id",
        "created_at",
        "updated_at",
        "solved_at",
    ];
    let tail = [
        "replies",
        "reopens",
        "assignee_stations",
        "group_stations",
        "raw_page",
        "raw_index",
    ];
    [&head[..], &MINUTE_COLUMNS[..], &tail[..]].concat()
}

/// Rows per multi-row statement: well under SQLite's 32,766 bound parameters.
const ROWS_PER_STATEMENT: usize = 256;

impl Writer<'_> {
    pub fn upsert_ticket(&self, source_id: i64, ticket: &Ticket) -> Result<(), StoreError> {
        self.upsert_tickets(source_id, std::slice::from_ref(ticket), None)
    }

    /// Writes tickets whole: each row replaces the stored one, and each ticket's tags and
    /// custom-field values replace its old ones. A deleted ticket stays as a tombstone
    /// without its ratings, metric events and comments. `raw`, when given, holds the
    /// tickets' JSON in the same order.
    pub fn upsert_tickets(
        &self,
        source_id: i64,
        tickets: &[Ticket],
        raw: Option<&RawPage>,
    ) -> Result<(), StoreError> {
        self.write_tickets(source_id, tickets, raw, Stored::Maybe)
    }

    /// Writes tickets with ids the source has never stored (a file import's new ones), as
    /// `upsert_tickets` would, without first looking for their stored rows, pages, tags
    /// and field values: three index searches a ticket.
    pub fn insert_new_tickets(&self, source_id: i64, tickets: &[Ticket]) -> Result<(), StoreError> {
        self.write_tickets(source_id, tickets, None, Stored::Never)
    }

    fn write_tickets(
        &self,
        source_id: i64,
        tickets: &[Ticket],
        raw: Option<&RawPage>,
        stored: Stored,
    ) -> Result<(), StoreError> {
        if tickets.is_empty() {
            return Ok(());
        }
        let kept = last_of_each(tickets);
        for (_, t) in &kept {
            self.ticket_changed((source_id, t.id));
        }
        // A JSON array of the integer ids, bound as one parameter.
        let ids = match stored {
            Stored::Maybe => Some(format!(
                "[{}]",
                kept.iter()
                    .map(|(_, t)| t.id.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            Stored::Never => None,
        };
        if let Some(ids) = &ids {
            self.clear_stored(source_id, ids)?;
        }
        let raw_page = match raw {
            Some(page) if page.len() == tickets.len() => {
                Some(self.insert_raw_page(source_id, page, kept.len())?)
            }
            _ => None,
        };
        let columns = ticket_columns();
        let replace_stored = replace_stored(&columns);
        for chunk in pieces(&kept, ROWS_PER_STATEMENT) {
            let mut insert = self.multi_row_insert(
                "INSERT INTO tickets",
                &columns,
                &replace_stored,
                chunk.len(),
            )?;
            let mut at = 0;
            for (index, t) in chunk {
                let raw_at = raw_page.map(|page| (page, *index as i64));
                bind_ticket(&mut insert, &mut at, source_id, t, raw_at)?;
            }
            insert.raw_execute()?;
        }
        let tickets: Vec<&Ticket> = kept.into_iter().map(|(_, t)| t).collect();
        let mut tags: Vec<(i64, &str)> = tickets
            .iter()
            .flat_map(|t| t.tags.iter().map(|tag| (t.id, tag.as_str())))
            .collect();
        if let Some(ids) = &ids {
            tags = self.tags_not_stored(source_id, ids, tags)?;
        }
        for chunk in pieces(&tags, ROWS_PER_STATEMENT * 4) {
            let mut insert = self.multi_row_insert(
                "INSERT OR IGNORE INTO ticket_tags",
                &["source_id", "ticket_id", "tag"],
                "",
                chunk.len(),
            )?;
            let mut at = 0;
            for (ticket_id, tag) in chunk {
                bind(&mut insert, &mut at, &[&source_id, ticket_id, tag])?;
            }
            insert.raw_execute()?;
        }
        let values: Vec<(i64, i64, String)> = tickets
            .iter()
            .flat_map(|t| {
                t.fields
                    .iter()
                    .map(|(field_id, value)| (t.id, *field_id, value.to_string()))
            })
            .collect();
        for chunk in pieces(&values, ROWS_PER_STATEMENT * 4) {
            let mut insert = self.multi_row_insert(
                "INSERT OR REPLACE INTO ticket_field_values",
                &["source_id", "ticket_id", "field_id", "value"],
                "",
                chunk.len(),
            )?;
            let mut at = 0;
            for (ticket_id, field_id, value) in chunk {
                bind(
                    &mut insert,
                    &mut at,
                    &[&source_id, ticket_id, field_id, value],
                )?;
            }
            insert.raw_execute()?;
        }
        for t in tickets.iter().filter(|t| t.status == TicketStatus::Deleted) {
            self.drop_ticket_children(source_id, t.id)?;
        }
        Ok(())
    }

    /// Before stored tickets (`ids`, a JSON array) are written again: their rows stop
    /// pointing at their stored pages, and their field values go (the new ones replace
    /// them). Their tags are compared instead, by `tags_not_stored`.
    fn clear_stored(&self, source_id: i64, ids: &str) -> Result<(), StoreError> {
        self.release_raw_pages(source_id, ids)?;
        self.tx()
            .prepare_cached(
                "DELETE FROM ticket_field_values
                 WHERE source_id = ?1 AND ticket_id IN (SELECT value FROM json_each(?2))",
            )?
            .execute(params![source_id, ids])?;
        Ok(())
    }

    /// The `tags` (ticket, tag) of the tickets `ids` (a JSON array) that are not stored
    /// yet; a stored tag of theirs that `tags` lacks is deleted. A ticket written again
    /// mostly keeps its tags, and reading them costs less than deleting every one and
    /// inserting it again. Both lists are walked side by side in key order.
    fn tags_not_stored<'t>(
        &self,
        source_id: i64,
        ids: &str,
        mut tags: Vec<(i64, &'t str)>,
    ) -> Result<Vec<(i64, &'t str)>, StoreError> {
        tags.sort_unstable();
        tags.dedup();
        let mut select = self.tx().prepare_cached(
            "SELECT ticket_id, tag FROM ticket_tags
             WHERE source_id = ?1 AND ticket_id IN (SELECT value FROM json_each(?2))
             ORDER BY ticket_id, tag",
        )?;
        let mut stored = select.query(params![source_id, ids])?;
        let mut new = Vec::new();
        let mut gone: Vec<(i64, String)> = Vec::new();
        let mut next = tags.into_iter().peekable();
        while let Some(row) = stored.next()? {
            let tag = row.get_ref(1)?.as_str().map_err(|err| {
                rusqlite::Error::FromSqlConversionFailure(1, Type::Text, Box::new(err))
            })?;
            let key: (i64, &str) = (row.get(0)?, tag);
            while let Some(tag) = next.next_if(|tag| *tag < key) {
                new.push(tag);
            }
            if next.next_if(|tag| *tag == key).is_none() {
                gone.push((key.0, key.1.to_owned()));
            }
        }
        new.extend(next);
        let mut delete = self.tx().prepare_cached(
            "DELETE FROM ticket_tags WHERE source_id = ?1 AND ticket_id = ?2 AND tag = ?3",
        )?;
        for (ticket_id, tag) in gone {
            delete.execute(params![source_id, ticket_id, tag])?;
        }
        Ok(new)
    }

    fn insert_raw_page(
        &self,
        source_id: i64,
        page: &RawPage,
        live: usize,
    ) -> Result<i64, StoreError> {
        self.tx()
            .prepare_cached("INSERT INTO raw_pages (source_id, live, data) VALUES (?, ?, ?)")?
            .execute(params![source_id, live as i64, page.frame()])?;
        Ok(self.tx().last_insert_rowid())
    }

    /// The rows about to be replaced stop pointing at their stored pages; a page no row
    /// points at any more is deleted.
    fn release_raw_pages(&self, source_id: i64, ids: &str) -> Result<(), StoreError> {
        let released: Vec<(i64, i64)> = self
            .tx()
            .prepare_cached(
                "SELECT raw_page, count(*) FROM tickets
                 WHERE source_id = ?1 AND id IN (SELECT value FROM json_each(?2))
                   AND raw_page IS NOT NULL
                 GROUP BY raw_page",
            )?
            .query_map(params![source_id, ids], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (page, rows) in released {
            self.tx()
                .prepare_cached("UPDATE raw_pages SET live = live - ?2 WHERE id = ?1")?
                .execute(params![page, rows])?;
            self.tx()
                .prepare_cached("DELETE FROM raw_pages WHERE id = ?1 AND live <= 0")?
                .execute(params![page])?;
        }
        Ok(())
    }

    /// `{verb} (columns) VALUES (?, …), … {tail}` for `rows` rows, from the statement
    /// cache; only placeholders vary, never data. Cut rows with `pieces`, so the shapes
    /// are few.
    pub(super) fn multi_row_insert(
        &self,
        verb: &str,
        columns: &[&str],
        tail: &str,
        rows: usize,
    ) -> Result<CachedStatement<'_>, StoreError> {
        Ok(self
            .tx()
            .prepare_cached(&multi_row_sql(verb, columns, tail, rows))?)
    }

    /// A deleted ticket's ratings, metric events and comments are gone from the helpdesk,
    /// so they go here too, and so do its status history and its public comments' times.
    fn drop_ticket_children(&self, source_id: i64, ticket_id: i64) -> Result<(), StoreError> {
        for sql in [
            "DELETE FROM satisfaction_ratings WHERE source_id = ?1 AND ticket_id = ?2",
            "DELETE FROM sla_events WHERE source_id = ?1 AND ticket_id = ?2",
            "DELETE FROM comments WHERE source_id = ?1 AND ticket_id = ?2",
        ] {
            self.tx()
                .prepare_cached(sql)?
                .execute(params![source_id, ticket_id])?;
        }
        self.delete_ticket_events(source_id, ticket_id)?;
        self.delete_public_comments(source_id, ticket_id)
    }
}

/// The clause that makes a ticket row already stored take every written column, in
/// place: a REPLACE would delete the row first, and with it (by cascade) its tags and
/// field values, and move it in every index. `raw` is cleared as a replaced row had it.
fn replace_stored(columns: &[&str]) -> String {
    let set: Vec<String> = columns
        .iter()
        .filter(|c| !matches!(**c, "source_id" | "id"))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "ON CONFLICT (source_id, id) DO UPDATE SET {}, raw = NULL",
        set.join(", ")
    )
}

/// Whether tickets being written may be stored already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stored {
    Maybe,
    Never,
}

/// `{verb} (columns) VALUES (?, …), … {tail}` for `rows` rows.
pub(super) fn multi_row_sql(verb: &str, columns: &[&str], tail: &str, rows: usize) -> String {
    let row = format!("({})", vec!["?"; columns.len()].join(","));
    format!(
        "{verb} ({}) VALUES {} {tail}",
        columns.join(", "),
        vec![row.as_str(); rows].join(",")
    )
}

/// `items` in pieces of `full`, the rest in pieces of falling powers of two: a handful
/// of statement shapes, each parsed once and cached, where the rest in one piece would
/// be a statement of a new shape to parse at almost every page.
pub(super) fn pieces<T>(items: &[T], full: usize) -> impl Iterator<Item = &[T]> {
    let mut rest = items;
    std::iter::from_fn(move || {
        let n = match rest.len() {
            0 => return None,
            len if len >= full => full,
            len => 1 << len.ilog2(),
        };
        let (piece, tail) = rest.split_at(n);
        rest = tail;
        Some(piece)
    })
}

/// Each ticket once, as its last version in the page (an export page may repeat a
/// ticket updated during it), with its place in the page.
fn last_of_each(tickets: &[Ticket]) -> Vec<(usize, &Ticket)> {
    let mut seen = std::collections::HashSet::with_capacity(tickets.len());
    let mut latest: Vec<(usize, &Ticket)> = tickets
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, t)| seen.insert(t.id))
        .collect();
    latest.reverse();
    latest
}

/// Binds `values` to the next parameters of `stmt` (1-based; `at` counts those bound).
pub(super) fn bind(
    stmt: &mut Statement<'_>,
    at: &mut usize,
    values: &[&dyn ToSql],
) -> Result<(), StoreError> {
    for value in values {
        *at += 1;
        stmt.raw_bind_parameter(*at, value)?;
    }
    Ok(())
}

fn bind_ticket(
    stmt: &mut Statement<'_>,
    at: &mut usize,
    source_id: i64,
    t: &Ticket,
    raw_at: Option<(i64, i64)>,
) -> Result<(), StoreError> {
    let m = &t.metrics;
    bind(
        stmt,
        at,
        &[
            &source_id,
            &t.id,
            &t.status.as_str(),
            &t.priority,
            &t.ticket_type,
            &t.channel,
            &t.subject,
            &t.description,
            &t.requester_id,
            &t.submitter_id,
            &t.assignee_id,
            &t.group_id,
            &t.organization_id,
            &t.brand_id,
            &t.form_id,
            &t.created_at,
            &t.updated_at,
            &t.solved_at,
            &m.reply_time.calendar,
            &m.reply_time.business,
            &m.first_resolution_time.calendar,
            &m.first_resolution_time.business,
            &m.full_resolution_time.calendar,
            &m.full_resolution_time.business,
            &m.requester_wait_time.calendar,
            &m.requester_wait_time.business,
            &m.agent_wait_time.calendar,
            &m.agent_wait_time.business,
            &m.on_hold_time.calendar,
            &m.on_hold_time.business,
            &m.replies,
            &m.reopens,
            &m.assignee_stations,
            &m.group_stations,
            &raw_at.map(|(page, _)| page),
            &raw_at.map(|(_, index)| index),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn rows_are_cut_in_full_pieces_then_falling_powers_of_two() {
        let rows: Vec<u32> = (0..1_000).collect();
        let sizes: Vec<usize> = pieces(&rows, 256).map(<[u32]>::len).collect();
        assert_eq!(
            sizes,
            [256, 256, 256, 128, 64, 32, 8],
            "232 = 128 + 64 + 32 + 8"
        );
        let joined: Vec<u32> = pieces(&rows, 256).flatten().copied().collect();
        assert_eq!(joined, rows, "every row once, in order");
        assert_eq!(pieces(&rows[..0], 256).count(), 0);
    }
}
