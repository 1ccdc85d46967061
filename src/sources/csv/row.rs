//! One data row read by the mapping's rules: a ticket (with its rating, when the ticket
//! file carries one), a survey response, or the reason it is skipped. Ids stay text.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::date_reader::DateReader;
use super::dates::DateFormat;
use super::field::{header_key, Field};
use super::mapping::Mapping;
use super::preset::{FileKind, Preset};
use super::read::RawRow;
use super::scale::{Grade, Neutral, Scale};
use super::skip::SkipReason;
use super::status::StatusTable;
use crate::store::records::{RatingScore, TicketStatus};

/// A ticket row, its names not yet resolved to ids.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRow {
    pub line: u64,
    pub external_id: String,
    pub status: TicketStatus,
    pub priority: Option<String>,
    pub ticket_type: Option<String>,
    pub channel: Option<String>,
    pub subject: Option<String>,
    pub description: Option<String>,
    pub group: Option<String>,
    pub assignee: Option<String>,
    pub requester_email: Option<String>,
    pub organization: Option<String>,
    pub tags: Vec<String>,
    pub created_at: i64,
    pub first_reply_at: Option<i64>,
    pub solved_at: Option<i64>,
    pub updated_at: Option<i64>,
    /// Custom columns: (field name, value).
    pub fields: Vec<(String, String)>,
    /// The ticket's rating, from a ticket file with a score column.
    pub rating: Option<Answer>,
}

/// A survey answer as read: a rating to keep, or a neutral one left out by choice
/// (`--neutral exclude`) with the key an earlier import may have kept it under, so that
/// one is removed.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Rating(RatingRow),
    Neutral(Option<String>),
}

/// A rating, to be joined to its ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    pub line: u64,
    /// What keeps the rating one across imports: the response's id, or the ticket's.
    pub key: String,
    pub ticket: Option<String>,
    pub email: Option<String>,
    pub score: RatingScore,
    pub comment: Option<String>,
    pub rated_at: i64,
}

/// What a data row is.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Ticket(Box<TicketRow>),
    /// A survey file's row.
    Answer(Answer),
}

/// Everything a row is read with.
pub struct Rules {
    pub mapping: Mapping,
    pub dates: DateReader,
    pub zone: Tz,
    statuses: StatusTable,
    priorities: HashMap<String, String>,
    scale: Scale,
    neutral: Neutral,
    list_separator: Option<String>,
    /// (column, its header, the values kept).
    keep: Vec<(usize, String, Vec<String>)>,
    custom: Vec<(String, usize)>,
}

impl Rules {
    pub fn new(
        preset: &Preset,
        mapping: Mapping,
        statuses: StatusTable,
        neutral: Neutral,
        dates: DateFormat,
        zone: Tz,
    ) -> Rules {
        let keep = preset
            .keep
            .iter()
            .filter_map(|rule| {
                let column = mapping.position(&rule.column)?;
                let values = rule.values.iter().map(|v| header_key(v)).collect();
                Some((column, rule.column.clone(), values))
            })
            .collect();
        let custom = mapping
            .fields
            .iter()
            .filter_map(|(field, cols)| match field {
                Field::Custom(name) => Some((name.clone(), *cols.first()?)),
                _ => None,
            })
            .collect();
        Rules {
            priorities: preset
                .priorities
                .iter()
                .map(|(from, to)| (header_key(from), to.clone()))
                .collect(),
            scale: preset.scale.clone().unwrap_or_default(),
            list_separator: preset.list_separator.clone(),
            statuses,
            neutral,
            keep,
            custom,
            mapping,
            dates: DateReader::new(dates),
            zone,
        }
    }

    /// Reads one data row.
    pub fn read(&self, row: &RawRow) -> Result<Record, SkipReason> {
        let width = self.mapping.labels.len();
        let extra = row.cells.iter().skip(width).any(|c| !c.trim().is_empty());
        if row.cells.len() < width || extra {
            return Err(SkipReason::CellCount {
                found: row.cells.len(),
                expected: width,
            });
        }
        for (column, header, values) in &self.keep {
            let value = cell(row, Some(*column)).unwrap_or("");
            if !values.contains(&header_key(value)) {
                return Err(SkipReason::NotKept {
                    column: header.clone(),
                    value: value.to_owned(),
                });
            }
        }
        match self.mapping.kind {
            FileKind::Tickets => self.ticket(row),
            FileKind::Survey => Ok(Record::Answer(self.rating(row, None)?)),
        }
    }

    fn ticket(&self, row: &RawRow) -> Result<Record, SkipReason> {
        let text = |field: Field| self.text(row, &field);
        let external_id = text(Field::Id).ok_or(SkipReason::MissingId)?;
        let created_at = self
            .date(row, Field::CreatedAt)?
            .ok_or(SkipReason::Missing(Field::CreatedAt))?;
        // Resolved is preferred to closed (imports.md §4).
        let resolved = self.date(row, Field::SolvedAt)?;
        let closed = self.date(row, Field::ClosedAt)?;
        let solved_at = resolved.or(closed);
        let status = match text(Field::Status) {
            Some(value) => self
                .statuses
                .state(&value)
                .ok_or(SkipReason::UnknownStatus(value))?,
            None if closed.is_some() && resolved.is_none() => TicketStatus::Closed,
            None if solved_at.is_some() => TicketStatus::Solved,
            None => TicketStatus::Open,
        };
        let updated_at = self.date(row, Field::UpdatedAt)?;
        let has_score = self.text(row, &Field::Score).is_some();
        let rating = if has_score {
            let rated_at = updated_at.or(solved_at).unwrap_or(created_at);
            let key = format!("ticket:{external_id}");
            Some(self.rating(row, Some((key, &external_id, rated_at)))?)
        } else {
            None
        };
        Ok(Record::Ticket(Box::new(TicketRow {
            line: row.line,
            status,
            priority: text(Field::Priority).map(|p| self.priority(p)),
            ticket_type: text(Field::Type),
            channel: text(Field::Channel),
            subject: text(Field::Subject),
            description: text(Field::Description),
            group: text(Field::Group),
            assignee: text(Field::Assignee),
            requester_email: text(Field::RequesterEmail),
            organization: text(Field::Organization),
            tags: self.tags(row),
            created_at,
            first_reply_at: self.date(row, Field::FirstReplyAt)?,
            solved_at,
            updated_at,
            fields: self
                .custom
                .iter()
                .filter_map(|(name, col)| Some((name.clone(), cell(row, Some(*col))?.to_owned())))
                .collect(),
            rating,
            external_id,
        })))
    }

    /// A survey row's rating, or a ticket row's own (`own`: its key, ticket id and the
    /// time to use when the file has no rating time).
    fn rating(&self, row: &RawRow, own: Option<(String, &str, i64)>) -> Result<Answer, SkipReason> {
        let raw = self
            .text(row, &Field::Score)
            .ok_or(SkipReason::Missing(Field::Score))?;
        let score = match self.scale.grade(&raw).map_err(SkipReason::BadScore)? {
            Grade::Good => RatingScore::Good,
            Grade::Bad => RatingScore::Bad,
            Grade::Neutral if self.neutral == Neutral::Bad => RatingScore::Bad,
            Grade::Neutral => {
                // Without a time a survey row has no key, and no earlier import kept it.
                let key = match own {
                    Some((key, _, _)) => Some(key),
                    None => match self.date(row, Field::RatedAt) {
                        Ok(Some(rated_at)) => Some(self.survey_key(row, rated_at, &raw)),
                        _ => self.text(row, &Field::Id),
                    },
                };
                return Ok(Answer::Neutral(key));
            }
        };
        let comment = self.text(row, &Field::Comment);
        let rated_at = self.date(row, Field::RatedAt)?;
        let rating = match own {
            Some((key, ticket, fallback)) => RatingRow {
                line: row.line,
                key,
                ticket: Some(ticket.to_owned()),
                email: None,
                score,
                comment,
                rated_at: rated_at.unwrap_or(fallback),
            },
            None => {
                let rated_at = rated_at.ok_or(SkipReason::Missing(Field::RatedAt))?;
                RatingRow {
                    line: row.line,
                    key: self.survey_key(row, rated_at, &raw),
                    ticket: self.text(row, &Field::TicketId),
                    email: self.text(row, &Field::RequesterEmail),
                    score,
                    comment,
                    rated_at,
                }
            }
        };
        Ok(Answer::Rating(rating))
    }

    /// What keeps a survey response one across imports: its id, else its ticket, time
    /// and score as written.
    fn survey_key(&self, row: &RawRow, rated_at: i64, raw: &str) -> String {
        self.text(row, &Field::Id).unwrap_or_else(|| {
            let ticket = self.text(row, &Field::TicketId).unwrap_or_default();
            format!("{ticket}|{rated_at}|{raw}")
        })
    }

    /// A trimmed, non-empty cell of a single-valued field.
    fn text(&self, row: &RawRow, field: &Field) -> Option<String> {
        cell(row, self.mapping.column(field)).map(str::to_owned)
    }

    fn date(&self, row: &RawRow, field: Field) -> Result<Option<i64>, SkipReason> {
        let Some(value) = cell(row, self.mapping.column(&field)) else {
            return Ok(None);
        };
        self.dates
            .parse(value, self.zone)
            .map(Some)
            .map_err(|problem| SkipReason::BadDate {
                field,
                value: value.to_owned(),
                problem: problem.to_string(),
            })
    }

    /// Every tag of the row's tag columns, each cell split by the preset's separator.
    fn tags(&self, row: &RawRow) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for value in self
            .mapping
            .columns(&Field::Tags)
            .iter()
            .filter_map(|col| cell(row, Some(*col)))
        {
            let parts: Vec<&str> = match &self.list_separator {
                Some(sep) => value.split(sep.as_str()).collect(),
                None => vec![value],
            };
            for tag in parts.into_iter().map(str::trim).filter(|t| !t.is_empty()) {
                if !tags.iter().any(|t| t == tag) {
                    tags.push(tag.to_owned());
                }
            }
        }
        tags
    }

    /// The preset's word for a priority (`Medium` → `normal`), else the value in lower case.
    fn priority(&self, value: String) -> String {
        let key = header_key(&value);
        self.priorities.get(&key).cloned().unwrap_or(key)
    }
}

fn cell(row: &RawRow, column: Option<usize>) -> Option<&str> {
    let value = row.cells.get(column?)?.trim();
    (!value.is_empty()).then_some(value)
}
