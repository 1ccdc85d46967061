//! An import from rows to the store, inside the caller's one transaction: the header
//! rows resolve the mapping, the first rows decide the date format, then every row is
//! read, written or reported skipped. It takes rows, not a file, so it runs the same on
//! any reader and on rows built in tests; a cancel or an error leaves the caller's
//! transaction to roll back, so a file that fails halfway changes nothing.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono_tz::Tz;

use super::batch::Batch;
use super::dates::{self, DateFormat};
use super::mapping::{self, Mapping, MappingError};
use super::preset::{Preset, ZoneRule};
use super::read::{BadRow, RawRow, RowProblem};
use super::report::{preview_of, ImportCounts, ImportReport, PREVIEW_ROWS, REPORTED_ROWS};
use super::row::{Answer, Record, Rules};
use super::scale::Neutral;
use super::skip::{SkipReason, Skipped};
use super::status::{StatusError, StatusTable};
use crate::store::{StoreError, Writer};

/// Rows read before the date format is decided from their dates.
const SAMPLE_ROWS: usize = 500;

/// Dates looked at to decide the format.
const SAMPLE_DATES: usize = 200;

/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 8_192;

/// How to read a file, as the user chose.
#[derive(Debug, Clone)]
pub struct ImportSettings {
    pub preset: Preset,
    /// `COLUMN=FIELD` lines.
    pub maps: Vec<String>,
    /// `VALUE=STATE` lines.
    pub statuses: Vec<String>,
    pub neutral: Neutral,
    /// strftime codes the dates are written in, instead of detecting them.
    pub date_format: Option<String>,
    /// The zone the dates are in (`--tz`), over what the file or preset says.
    pub zone: Option<Tz>,
    /// The zone of dates that state none: the source's, else the workspace's.
    pub account_zone: Tz,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Mapping(#[from] MappingError),
    #[error(transparent)]
    Status(#[from] StatusError),
    #[error("header line {line} cannot be read: {problem}")]
    Header { line: u64, problem: String },
    #[error("cannot tell the format of dates like {samples}; give it with --date-format, e.g. \"%d/%m/%Y %H:%M\"")]
    DateFormat { samples: String },
    #[error("the import was cancelled; nothing was changed")]
    Cancelled,
    #[error("line {line}: {problem}; nothing was imported")]
    Read { line: u64, problem: RowProblem },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Imports `rows` (header rows first) into the source `source_id` through `w`, telling
/// `progress` the rows read so far now and then.
pub fn import_rows<I>(
    w: &Writer<'_>,
    source_id: i64,
    settings: &ImportSettings,
    mut rows: I,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport, ImportError>
where
    I: Iterator<Item = Result<RawRow, BadRow>>,
{
    let header = read_header(&mut rows, settings.preset.header_rows.max(1))?;
    let mapping = mapping::resolve(&settings.preset, &settings.maps, &header)?;
    let statuses = StatusTable::new(&settings.preset.statuses, &settings.statuses)?;
    let mut sample = Vec::with_capacity(SAMPLE_ROWS);
    for row in rows.by_ref().take(SAMPLE_ROWS) {
        sample.push(row);
    }
    let dates = choose_dates(settings, &mapping, &sample)?;
    let zone = settings
        .zone
        .or(mapping.zone)
        .or((settings.preset.zone == ZoneRule::Utc).then_some(Tz::UTC))
        .unwrap_or(settings.account_zone);
    let columns = columns_of(&mapping);
    let rules = Rules::new(
        &settings.preset,
        mapping,
        statuses,
        settings.neutral,
        dates,
        zone,
    );
    let mut run = Run {
        batch: Batch::new(w, source_id)?,
        preview: Vec::new(),
        skipped: Vec::new(),
        in_footer: false,
        footer: settings.preset.footer,
        skipped_count: 0,
        footer_lines: 0,
        neutral_excluded: 0,
        rows: 0,
    };
    for row in sample.into_iter().chain(rows) {
        if cancel.load(Ordering::Relaxed) {
            return Err(ImportError::Cancelled);
        }
        run.row(&rules, row)?;
        if run.rows.is_multiple_of(PROGRESS_EVERY) {
            progress(run.rows);
        }
    }
    progress(run.rows);
    let (preview, skipped) = (
        std::mem::take(&mut run.preview),
        std::mem::take(&mut run.skipped),
    );
    let counts = run.finish()?;
    Ok(ImportReport {
        kind: rules.mapping.kind,
        date_format: rules.dates.format().clone(),
        zone,
        columns,
        preview,
        counts,
        skipped,
    })
}

/// The rows read so far and what became of them.
struct Run<'w, 'tx> {
    batch: Batch<'w, 'tx>,
    preview: Vec<Vec<(String, String)>>,
    skipped: Vec<Skipped>,
    footer: bool,
    in_footer: bool,
    skipped_count: u64,
    footer_lines: u64,
    neutral_excluded: u64,
    rows: u64,
}

impl Run<'_, '_> {
    fn row(&mut self, rules: &Rules, row: Result<RawRow, BadRow>) -> Result<(), ImportError> {
        if self.in_footer || (self.footer && self.rows > 0 && is_footer(&row)) {
            self.in_footer = true;
            self.footer_lines += 1;
            return Ok(());
        }
        self.rows += 1;
        let row = match row {
            Ok(row) => row,
            Err(bad) => return self.bad_row(bad),
        };
        let record = match rules.read(&row) {
            Ok(record) => record,
            Err(reason) => {
                self.skip(row.line, reason);
                return Ok(());
            }
        };
        if self.preview.len() < PREVIEW_ROWS {
            self.preview.push(preview_of(&record));
        }
        match record {
            Record::Ticket(ticket) => self.batch.add_ticket(*ticket)?,
            Record::Answer(Answer::Rating(rating)) => {
                if !self.batch.add_rating(&rating)? {
                    self.skip(rating.line, SkipReason::Unmatched);
                }
            }
            Record::Answer(Answer::Neutral(key)) => {
                self.neutral_excluded += 1;
                self.batch.remove_rating(key.as_deref())?;
            }
        }
        Ok(())
    }

    /// A row the reader could not read is skipped; a cancel or a file that cannot be read
    /// on ends the import.
    fn bad_row(&mut self, bad: BadRow) -> Result<(), ImportError> {
        match bad.problem {
            RowProblem::Cancelled => Err(ImportError::Cancelled),
            problem if problem.ends_file() => Err(ImportError::Read {
                line: bad.line,
                problem,
            }),
            problem => {
                self.skip(bad.line, SkipReason::Unreadable(problem.to_string()));
                Ok(())
            }
        }
    }

    fn skip(&mut self, line: u64, reason: SkipReason) {
        self.skipped_count += 1;
        if self.skipped.len() < REPORTED_ROWS {
            self.skipped.push(Skipped { line, reason });
        }
    }

    fn finish(self) -> Result<ImportCounts, StoreError> {
        let (rows, skipped, footer_lines, neutral_excluded) = (
            self.rows,
            self.skipped_count,
            self.footer_lines,
            self.neutral_excluded,
        );
        let counts = self.batch.finish()?;
        Ok(ImportCounts {
            rows,
            skipped,
            footer_lines,
            neutral_excluded,
            ..counts
        })
    }
}

/// A line after a report's data: blank, or one cell (its title, the copyright).
fn is_footer(row: &Result<RawRow, BadRow>) -> bool {
    match row {
        Ok(row) => row.cells.iter().filter(|c| !c.trim().is_empty()).count() <= 1,
        Err(_) => false,
    }
}

fn read_header<I>(rows: &mut I, count: usize) -> Result<Vec<RawRow>, ImportError>
where
    I: Iterator<Item = Result<RawRow, BadRow>>,
{
    let mut header = Vec::with_capacity(count);
    for row in rows.by_ref().take(count) {
        match row {
            Ok(row) => header.push(row),
            Err(BadRow {
                problem: RowProblem::Cancelled,
                ..
            }) => return Err(ImportError::Cancelled),
            Err(bad) => {
                return Err(ImportError::Header {
                    line: bad.line,
                    problem: bad.problem.to_string(),
                })
            }
        }
    }
    Ok(header)
}

/// `--date-format`, else the preset's format when it reads every sampled date, else
/// the format the sampled dates that some format reads show.
fn choose_dates(
    settings: &ImportSettings,
    mapping: &Mapping,
    sample: &[Result<RawRow, BadRow>],
) -> Result<DateFormat, ImportError> {
    if let Some(codes) = &settings.date_format {
        return Ok(DateFormat::Strftime(codes.clone()));
    }
    let date_columns: Vec<usize> = mapping
        .fields
        .iter()
        .filter(|(field, _)| field.is_date())
        .flat_map(|(_, cols)| cols.iter().copied())
        .collect();
    let samples: Vec<&str> = sample
        .iter()
        .filter_map(|row| row.as_ref().ok())
        .flat_map(|row| date_columns.iter().filter_map(|c| row.cells.get(*c)))
        .map(|cell| cell.trim())
        .filter(|cell| !cell.is_empty())
        .take(SAMPLE_DATES)
        .collect();
    let hint = settings
        .preset
        .date_format
        .as_ref()
        .map(|codes| DateFormat::Strftime(codes.clone()));
    if let Some(hint) = hint {
        if samples.iter().all(|s| hint.parse(s, Tz::UTC).is_ok()) {
            return Ok(hint);
        }
    }
    if samples.is_empty() {
        return Ok(DateFormat::Iso8601);
    }
    // A value no format reads (`2025-13-45`) is a bad row later, not a reason to
    // refuse the file's format.
    let readable: Vec<&str> = samples
        .iter()
        .copied()
        .filter(|s| !dates::candidates(&[s]).is_empty())
        .collect();
    dates::detect(&readable).ok_or_else(|| ImportError::DateFormat {
        samples: samples
            .iter()
            .take(3)
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

fn columns_of(mapping: &Mapping) -> Vec<(String, Option<String>)> {
    let mut columns: Vec<(String, Option<String>)> =
        mapping.labels.iter().map(|l| (l.clone(), None)).collect();
    for (field, cols) in &mapping.fields {
        for c in cols {
            columns[*c].1 = Some(field.to_string());
        }
    }
    columns
}
