//! An import's outcome as the Import dialog shows it: how the file was read, its first
//! rows as mapped in a table, the counts, and the skipped rows grouped by reason with
//! their first lines. Reasons travel as codes with their subject, so the page words
//! them in the user's language; the core's English line comes along as an example.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::import::ImportOutcome;
use crate::sources::csv::preset::FileKind;
use crate::sources::csv::read::{FileFormat, FileShape};
use crate::sources::csv::report::ImportCounts;
use crate::sources::csv::skip::{shortened, SkipReason, Skipped};

/// The lines of a skip group the dialog lists.
const LINES_SHOWN: usize = 5;

/// A file status and the state it maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusChoice {
    pub value: String,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportView {
    pub file: FileView,
    pub source: String,
    pub new_source: bool,
    pub survey: bool,
    pub dry_run: bool,
    pub date_format: String,
    pub zone: String,
    /// Each column's header and the field it maps to (`None`: not imported).
    pub columns: Vec<(String, Option<String>)>,
    /// The fields the preview rows show, in order.
    pub preview_fields: Vec<String>,
    /// The first rows as mapped, one cell per preview field ("" where a row has none).
    pub preview: Vec<Vec<String>>,
    pub counts: CountsView,
    pub skipped: Vec<SkipGroup>,
    /// Statuses the file has and no table maps, for the dialog's status table.
    pub unknown_statuses: Vec<String>,
    pub saved_preset: Option<String>,
    /// Why the columns cannot be read as chosen (a required field unmapped): the view
    /// then has only the file's headers, for the user to map.
    pub problem: Option<String>,
}

/// How the file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileView {
    /// `csv` or `xlsx`.
    pub format: String,
    pub encoding: Option<String>,
    /// `,`, `;` or `tab`.
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CountsView {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub tickets_new: u64,
    #[ts(type = "number")]
    pub tickets_updated: u64,
    #[ts(type = "number")]
    pub ratings: u64,
    #[ts(type = "number")]
    pub ratings_unmatched: u64,
    #[ts(type = "number")]
    pub neutral_excluded: u64,
    #[ts(type = "number")]
    pub skipped: u64,
    /// Skipped rows beyond those kept with their reason: counted, not grouped.
    #[ts(type = "number")]
    pub skipped_unlisted: u64,
    #[ts(type = "number")]
    pub footer_lines: u64,
}

/// Why rows were skipped, as a code the page words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SkipCode {
    Unreadable,
    CellCount,
    MissingId,
    Missing,
    BadDate,
    UnknownStatus,
    BadScore,
    NotKept,
    Unmatched,
}

/// Rows skipped for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkipGroup {
    pub code: SkipCode,
    /// The field, status value or column the reason is about.
    pub subject: Option<String>,
    #[ts(type = "number")]
    pub count: u64,
    /// The first lines, in file order.
    #[ts(type = "number[]")]
    pub lines: Vec<u64>,
    /// The first row's reason in the core's words.
    pub example: String,
}

impl ImportView {
    pub fn of(outcome: &ImportOutcome) -> ImportView {
        let report = &outcome.report;
        let skipped = groups(&report.skipped);
        let preview_fields = preview_fields(&report.preview);
        let preview = (report.preview.iter())
            .map(|row| {
                let cell = |field: &String| row.iter().find(|(f, _)| f == field);
                (preview_fields.iter())
                    .map(|field| cell(field).map(|(_, v)| v.clone()).unwrap_or_default())
                    .collect()
            })
            .collect();
        ImportView {
            file: FileView::of(&outcome.shape),
            source: outcome.source.clone(),
            new_source: outcome.new_source,
            survey: outcome.kind == FileKind::Survey,
            dry_run: outcome.dry_run,
            date_format: report.date_format.to_string(),
            zone: report.zone.name().to_owned(),
            columns: report.columns.clone(),
            unknown_statuses: (skipped.iter())
                .filter(|g| g.code == SkipCode::UnknownStatus)
                .filter_map(|g| g.subject.clone())
                .collect(),
            preview_fields,
            preview,
            counts: counts(&report.counts, report.skipped.len()),
            skipped,
            saved_preset: (outcome.saved_preset.as_ref())
                .and_then(|p| p.file_stem())
                .map(|s| s.to_string_lossy().into_owned()),
            problem: None,
        }
    }

    /// A file whose columns do not map as chosen: its headers, unmapped, and why.
    pub fn unmapped(shape: &FileShape, headers: Vec<String>, problem: String) -> ImportView {
        ImportView {
            file: FileView::of(shape),
            source: String::new(),
            new_source: false,
            survey: false,
            dry_run: true,
            date_format: String::new(),
            zone: String::new(),
            columns: headers.into_iter().map(|h| (h, None)).collect(),
            preview_fields: Vec::new(),
            preview: Vec::new(),
            counts: counts(&ImportCounts::default(), 0),
            skipped: Vec::new(),
            unknown_statuses: Vec::new(),
            saved_preset: None,
            problem: Some(problem),
        }
    }
}

impl FileView {
    fn of(shape: &FileShape) -> FileView {
        FileView {
            format: match shape.format {
                FileFormat::Csv => "csv",
                FileFormat::Xlsx => "xlsx",
            }
            .to_owned(),
            encoding: shape.encoding.map(|e| e.to_string()),
            delimiter: shape.delimiter.map(|d| match d {
                b'\t' => "tab".to_owned(),
                other => char::from(other).to_string(),
            }),
            sheet: shape.sheet.clone(),
        }
    }
}

fn counts(counts: &ImportCounts, listed: usize) -> CountsView {
    CountsView {
        rows: counts.rows,
        tickets_new: counts.tickets_new,
        tickets_updated: counts.tickets_updated,
        ratings: counts.ratings,
        ratings_unmatched: counts.ratings_unmatched,
        neutral_excluded: counts.neutral_excluded,
        skipped: counts.skipped,
        skipped_unlisted: counts.skipped.saturating_sub(listed as u64),
        footer_lines: counts.footer_lines,
    }
}

/// The fields of the preview rows, in the order they first appear.
fn preview_fields(rows: &[Vec<(String, String)>]) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for (field, _) in rows.iter().flatten() {
        if !fields.contains(field) {
            fields.push(field.clone());
        }
    }
    fields
}

/// The skipped rows grouped by code and subject, in the order each first appears.
fn groups(skipped: &[Skipped]) -> Vec<SkipGroup> {
    let mut out: Vec<SkipGroup> = Vec::new();
    let mut index: HashMap<(SkipCode, Option<String>), usize> = HashMap::new();
    for row in skipped {
        let key = code_of(&row.reason);
        let at = *index.entry(key.clone()).or_insert_with(|| {
            out.push(SkipGroup {
                code: key.0,
                subject: key.1,
                count: 0,
                lines: Vec::new(),
                example: row.reason.to_string(),
            });
            out.len() - 1
        });
        let group = &mut out[at];
        group.count += 1;
        if group.lines.len() < LINES_SHOWN {
            group.lines.push(row.line);
        }
    }
    out
}

fn code_of(reason: &SkipReason) -> (SkipCode, Option<String>) {
    match reason {
        SkipReason::Unreadable(_) => (SkipCode::Unreadable, None),
        SkipReason::CellCount { .. } => (SkipCode::CellCount, None),
        SkipReason::MissingId => (SkipCode::MissingId, None),
        SkipReason::Missing(field) => (SkipCode::Missing, Some(field.to_string())),
        SkipReason::BadDate { field, .. } => (SkipCode::BadDate, Some(field.to_string())),
        SkipReason::UnknownStatus(value) => (SkipCode::UnknownStatus, Some(shortened(value))),
        SkipReason::BadScore(_) => (SkipCode::BadScore, None),
        SkipReason::NotKept { column, .. } => (SkipCode::NotKept, Some(column.clone())),
        SkipReason::Unmatched => (SkipCode::Unmatched, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::csv::field::Field;

    fn skipped(line: u64, reason: SkipReason) -> Skipped {
        Skipped { line, reason }
    }

    #[test]
    fn skipped_rows_group_by_reason_and_subject_with_their_first_lines() {
        let mut rows = vec![
            skipped(3, SkipReason::UnknownStatus("Parked".into())),
            skipped(4, SkipReason::MissingId),
        ];
        for line in 5..12 {
            rows.push(skipped(
                line,
                SkipReason::BadDate {
                    field: Field::CreatedAt,
                    value: "soon".into(),
                    problem: "not a date".into(),
                },
            ));
        }
        rows.push(skipped(20, SkipReason::UnknownStatus("Frozen".into())));
        rows.push(skipped(21, SkipReason::UnknownStatus("Parked".into())));
        let groups = groups(&rows);
        let summary: Vec<_> = (groups.iter())
            .map(|g| (g.code, g.subject.as_deref(), g.count, g.lines.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                (SkipCode::UnknownStatus, Some("Parked"), 2, vec![3, 21]),
                (SkipCode::MissingId, None, 1, vec![4]),
                (
                    SkipCode::BadDate,
                    Some("created_at"),
                    7,
                    vec![5, 6, 7, 8, 9]
                ),
                (SkipCode::UnknownStatus, Some("Frozen"), 1, vec![20]),
            ],
            "one group per reason and subject, at most five lines each"
        );
        assert!(groups[2].example.contains("soon"), "{}", groups[2].example);
    }

    #[test]
    fn preview_rows_line_up_under_the_fields_any_row_has() {
        let rows = vec![
            vec![("id".to_owned(), "A-1".to_owned())],
            vec![
                ("id".to_owned(), "A-2".to_owned()),
                ("subject".to_owned(), "Refund".to_owned()),
            ],
        ];
        assert_eq!(preview_fields(&rows), ["id", "subject"]);
    }
}
