//! The texts of a query: rating comments and ticket texts in a period, of tickets that
//! pass the filters, prepared (language, clean-up, words) on every core.

use polars::prelude::*;
use rayon::prelude::*;

use crate::analytics::frame::{cols, Frame};
use crate::analytics::query::range::DateRange;
use crate::store::{Store, TicketKey};

use super::report::{FeedbackSource, TextKind};
use super::text::{prepare, prepare_text, Prepared};
use super::FeedbackError;

/// One analysed text.
#[derive(Debug, Clone)]
pub struct Doc {
    pub ticket: TicketKey,
    /// The ticket's row in the frame.
    pub row: u32,
    pub kind: TextKind,
    /// Rated (comments) or created (tickets), unix seconds.
    pub at: i64,
    /// A rating comment's own rating: `Some(true)` good.
    pub rating: Option<bool>,
    pub prepared: Prepared,
}

/// Which frame rows pass the filters, and how to find a ticket's row.
pub struct Rows {
    keys: Vec<TicketKey>,
    allowed: Vec<bool>,
}

impl Rows {
    pub fn new(frame: &Frame, allowed_rows: &[u32]) -> Result<Rows, FeedbackError> {
        let source = frame.tickets.column("source_id")?.i64()?;
        let id = frame.tickets.column("id")?.i64()?;
        let keys: Vec<TicketKey> = source
            .iter()
            .zip(id.iter())
            .map(|(s, i)| (s.unwrap_or_default(), i.unwrap_or_default()))
            .collect();
        let mut allowed = vec![false; keys.len()];
        for &row in allowed_rows {
            if let Some(a) = allowed.get_mut(row as usize) {
                *a = true;
            }
        }
        Ok(Rows { keys, allowed })
    }

    /// The row of an allowed ticket: frame rows are ordered by (source_id, id).
    pub fn allowed_row(&self, ticket: TicketKey) -> Option<u32> {
        let row = self.keys.binary_search(&ticket).ok()?;
        self.allowed[row].then_some(row as u32)
    }
}

/// Rows of the tickets that pass the filters.
pub fn filtered_rows(
    frame: &Frame,
    filters: &crate::analytics::query::filter::Filters,
) -> Result<Vec<u32>, FeedbackError> {
    let mut plan = frame.tickets.clone().lazy();
    if let Some(predicate) = filters.predicate(frame)? {
        plan = plan.filter(predicate);
    }
    let df = plan.select([col(cols::ROW)]).collect()?;
    Ok(df.column(cols::ROW)?.u32()?.into_no_null_iter().collect())
}

/// A ticket's text: the subject, then the first message.
fn ticket_text(subject: &str, description: &str) -> String {
    match (subject.trim().is_empty(), description.trim().is_empty()) {
        (true, _) => description.to_owned(),
        (false, true) => subject.to_owned(),
        (false, false) => format!("{subject}\n\n{description}"),
    }
}

/// How far texts are prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Language, cleaned text and words.
    Words,
    /// Language and cleaned text only (near-duplicate grouping).
    Text,
}

/// Every text of `source` in `range` whose ticket passes the filters, prepared.
pub fn load(
    store: &Store,
    rows: &Rows,
    range: &DateRange,
    source: FeedbackSource,
    depth: Depth,
) -> Result<Vec<Doc>, FeedbackError> {
    let (start, end) = (range.start(), range.end());
    let mut raw: Vec<(TicketKey, u32, TextKind, i64, Option<bool>, String)> = Vec::new();
    if source.includes_csat() {
        for c in store.rating_comments(start, end)? {
            if let Some(row) = rows.allowed_row(c.ticket) {
                raw.push((c.ticket, row, TextKind::Csat, c.at, Some(c.good), c.comment));
            }
        }
    }
    if source.includes_tickets() {
        for t in store.ticket_words(start, end)? {
            if let Some(row) = rows.allowed_row(t.ticket) {
                let text = ticket_text(&t.subject, &t.description);
                raw.push((t.ticket, row, TextKind::Ticket, t.created_at, None, text));
            }
        }
    }
    Ok(raw
        .into_par_iter()
        .map(|(ticket, row, kind, at, rating, text)| Doc {
            ticket,
            row,
            kind,
            at,
            rating,
            prepared: match depth {
                Depth::Words => prepare(&text),
                Depth::Text => prepare_text(&text),
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_text_is_its_subject_then_its_message() {
        assert_eq!(ticket_text("Refund", "Please"), "Refund\n\nPlease");
        assert_eq!(ticket_text("", "Please"), "Please");
        assert_eq!(ticket_text("Refund", "  "), "Refund");
    }
}
