//! Customer-written text for feedback analysis: rating comments, ticket subjects and first
//! messages, and help-center articles. Text is read as bytes and decoded leniently: a
//! stored string with invalid UTF-8 loses only the bad bytes, never the row.

use rusqlite::params;
use rusqlite::types::ValueRef;

use super::read_related::TicketKey;
use super::{Store, StoreError};

/// A comment left with a good or bad satisfaction rating.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingComment {
    pub ticket: TicketKey,
    pub good: bool,
    pub comment: String,
    /// When it was rated (`updated_at`), unix seconds.
    pub at: i64,
}

/// A ticket's subject and description.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketWords {
    pub ticket: TicketKey,
    pub subject: String,
    pub description: String,
    pub created_at: i64,
}

/// A help-center article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleText {
    pub id: i64,
    pub title: String,
    /// As synced: HTML from a help center, plain text from the demo.
    pub body: String,
    pub locale: Option<String>,
    pub url: Option<String>,
}

/// Text of a column, lossy on invalid UTF-8; empty for NULL or a non-text value.
fn lossy(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        _ => String::new(),
    }
}

impl Store {
    /// Comments (not blank) of good and bad ratings rated in `[start, end)`.
    pub fn rating_comments(&self, start: i64, end: i64) -> Result<Vec<RatingComment>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT source_id, ticket_id, score, comment, updated_at FROM satisfaction_ratings
             WHERE score IN ('good', 'bad') AND comment IS NOT NULL AND trim(comment) <> ''
               AND updated_at >= ?1 AND updated_at < ?2
             ORDER BY source_id, ticket_id, id",
        )?;
        let mut rows = stmt.query(params![start, end])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(RatingComment {
                ticket: (row.get(0)?, row.get(1)?),
                good: lossy(row.get_ref(2)?) == "good",
                comment: lossy(row.get_ref(3)?),
                at: row.get(4)?,
            });
        }
        Ok(out)
    }

    /// Subjects and descriptions of tickets created in `[start, end)`, deleted ones
    /// included (the frame decides which tickets count).
    pub fn ticket_words(&self, start: i64, end: i64) -> Result<Vec<TicketWords>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT source_id, id, subject, description, created_at FROM tickets
             WHERE created_at >= ?1 AND created_at < ?2
             ORDER BY source_id, id",
        )?;
        let mut rows = stmt.query(params![start, end])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(TicketWords {
                ticket: (row.get(0)?, row.get(1)?),
                subject: lossy(row.get_ref(2)?),
                description: lossy(row.get_ref(3)?),
                created_at: row.get(4)?,
            });
        }
        Ok(out)
    }

    /// Every synced help-center article.
    pub fn articles(&self) -> Result<Vec<ArticleText>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, body, locale, html_url FROM articles ORDER BY source_id, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(ArticleText {
                id: row.get(0)?,
                title: lossy(row.get_ref(1)?),
                body: lossy(row.get_ref(2)?),
                locale: row.get(3)?,
                url: row.get(4)?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_in_stored_text_is_read_leniently() {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'csv', 's', 0);
                 INSERT INTO satisfaction_ratings (source_id, id, ticket_id, score, comment,
                     created_at, updated_at)
                 VALUES (1, 1, 7, 'bad', CAST(X'736C6F77FF21' AS TEXT), 10, 10),
                        (1, 2, 8, 'good', '', 10, 10),
                        (1, 3, 9, 'offered', 'x', 10, 10);
                 INSERT INTO tickets (source_id, id, status, subject, description, created_at)
                 VALUES (1, 7, 'solved', CAST(X'C3' AS TEXT), NULL, 5);",
            )
            .unwrap();
        let comments = store.rating_comments(0, 100).unwrap();
        assert_eq!(comments.len(), 1, "empty and unrated comments are skipped");
        assert_eq!(comments[0].comment, "slow\u{FFFD}!");
        assert!(!comments[0].good);
        let words = store.ticket_words(0, 100).unwrap();
        assert_eq!(words[0].subject, "\u{FFFD}");
        assert_eq!(words[0].description, "");
    }
}
