//! What an import (or its dry run) tells the user: how the file was read, its first rows
//! as mapped, the counts, and the skipped rows with their lines.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::dates::DateFormat;
use super::preset::FileKind;
use super::row::{Answer, Record, TicketRow};
use super::skip::Skipped;

/// The skipped rows an import keeps with their reason; all are counted.
pub const REPORTED_ROWS: usize = 1_000;

/// The rows a preview shows as mapped.
pub const PREVIEW_ROWS: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// Data rows read (skipped ones included, footer lines not).
    pub rows: u64,
    pub tickets_new: u64,
    pub tickets_updated: u64,
    pub ratings: u64,
    pub ratings_unmatched: u64,
    pub neutral_excluded: u64,
    pub skipped: u64,
    /// Lines after the data (a report's title and copyright), not read as rows.
    pub footer_lines: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub kind: FileKind,
    pub date_format: DateFormat,
    pub zone: chrono_tz::Tz,
    /// Each column's header and the field it maps to.
    pub columns: Vec<(String, Option<String>)>,
    /// The first rows as mapped: (field, value) pairs.
    pub preview: Vec<Vec<(String, String)>>,
    pub counts: ImportCounts,
    /// The first skipped rows (`REPORTED_ROWS` at most), in file order.
    pub skipped: Vec<Skipped>,
}

/// A record's fields as the preview lists them, dates in UTC.
pub fn preview_of(record: &Record) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            out.push((name.to_owned(), value));
        }
    };
    match record {
        Record::Ticket(t) => {
            ticket_preview(t, &mut put);
            if let Some(Answer::Rating(r)) = &t.rating {
                put("score", Some(r.score.as_str().to_owned()));
                put("comment", r.comment.clone());
            }
        }
        Record::Answer(Answer::Rating(r)) => {
            put("ticket_id", r.ticket.clone());
            put("requester_email", r.email.clone());
            put("score", Some(r.score.as_str().to_owned()));
            put("comment", r.comment.clone());
            put("rated_at", Some(utc(r.rated_at)));
        }
        Record::Answer(Answer::Neutral(_)) => put("score", Some("neutral (left out)".to_owned())),
    }
    out
}

fn ticket_preview(t: &TicketRow, put: &mut dyn FnMut(&str, Option<String>)) {
    put("id", Some(t.external_id.clone()));
    put("status", Some(t.status.as_str().to_owned()));
    put("subject", t.subject.clone());
    put("priority", t.priority.clone());
    put("type", t.ticket_type.clone());
    put("channel", t.channel.clone());
    put("group", t.group.clone());
    put("assignee", t.assignee.clone());
    put("requester_email", t.requester_email.clone());
    put("organization", t.organization.clone());
    put("tags", (!t.tags.is_empty()).then(|| t.tags.join(", ")));
    put("created_at", Some(utc(t.created_at)));
    put("first_reply_at", t.first_reply_at.map(utc));
    put("solved_at", t.solved_at.map(utc));
    put("updated_at", t.updated_at.map(utc));
    for (name, value) in &t.fields {
        put(&format!("field:{name}"), Some(value.clone()));
    }
}

fn utc(at: i64) -> String {
    DateTime::<Utc>::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| at.to_string())
}
