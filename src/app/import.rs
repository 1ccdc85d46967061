//! Importing a helpdesk's or survey tool's export file into a `csv` source, and its dry
//! run: the preview the import dialog shows (the file as read, the first rows as
//! mapped, what would be imported and what skipped, and why). An import is one
//! transaction: cancelled or failed, it leaves the workspace as it was.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono_tz::Tz;

use super::{AppError, Session};
use crate::sources::csv::import::{import_rows, ImportError, ImportSettings};
use crate::sources::csv::preset::{FileKind, Preset, PresetError};
use crate::sources::csv::read::{
    self, BadRow, FileShape, RawRow, ReadError, ReadOptions, RowReader,
};
use crate::sources::csv::report::ImportReport;
use crate::sources::csv::scale::Neutral;
use crate::store::records::{NewSource, Source, SourceKind};
use crate::store::Writer;
use crate::workspace::lock::{Activity, WorkspaceLock};
use crate::workspace::{Workspace, WorkspaceError};

/// What the user asked to import, and how.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    pub file: PathBuf,
    /// A built-in preset's name or one saved in the workspace; `generic` when None.
    pub preset: Option<String>,
    /// `COLUMN=FIELD` lines.
    pub maps: Vec<String>,
    /// The source to import into: for tickets, created when new (default: the preset's
    /// name and the file's stem); for survey responses, the tickets' source.
    pub source: Option<String>,
    /// The IANA zone of the file's dates.
    pub tz: Option<String>,
    /// strftime codes of the file's dates.
    pub date_format: Option<String>,
    /// `VALUE=STATE` lines.
    pub statuses: Vec<String>,
    pub neutral: Neutral,
    /// Read and check everything, write nothing.
    pub dry_run: bool,
    /// Save the mapping used as a preset of this name.
    pub save_preset: Option<String>,
}

/// How far an import has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
}

/// What an import (or its dry run) did.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    pub source: String,
    /// Whether the import made the source (or would, in a dry run).
    pub new_source: bool,
    pub kind: FileKind,
    pub shape: FileShape,
    pub report: ImportReport,
    pub dry_run: bool,
    /// Where the mapping was saved as a preset, if asked.
    pub saved_preset: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error(transparent)]
    Preset(#[from] PresetError),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{0:?} is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)")]
    BadZone(String),
    #[error("source {0:?} is not a file-import source; pick another name with --source")]
    NotCsv(String),
    #[error("survey responses join the tickets of a source: name it with --source ({0})")]
    WhichSource(String),
}

impl Session {
    /// Imports a file (or, with `dry_run`, only reads and checks it), telling `progress`
    /// how far it has read. Reload the session afterwards to see the new data.
    pub fn import_file(
        &self,
        request: &ImportRequest,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportOutcome, AppError> {
        let preset = Preset::find(request.preset.as_deref().unwrap_or("generic"), &self.dir)
            .map_err(ImportFailure::from)?;
        let zone = request.tz.as_deref().map(parse_zone).transpose()?;
        let (shape, reader) = read::open(&request.file, &ReadOptions::default(), cancel)
            .map_err(ImportFailure::from)?;
        let mut workspace = self.own_connection()?;
        let _lock = match request.dry_run {
            true => None,
            false => Some(
                WorkspaceLock::acquire(&self.dir, Activity::Import)
                    .map_err(WorkspaceError::from)?,
            ),
        };
        let target = target_source(&workspace, request, &preset)?;
        let account_zone = match target
            .existing
            .as_ref()
            .and_then(|s| s.time_zone.as_deref())
        {
            Some(name) => parse_zone(name)?,
            None => workspace.time_zone()?,
        };
        let settings = ImportSettings {
            maps: request.maps.clone(),
            statuses: request.statuses.clone(),
            neutral: request.neutral,
            date_format: request.date_format.clone(),
            zone,
            account_zone,
            preset,
        };
        let now = self.now();
        let w = workspace.store_mut().bulk_write()?;
        let source_id = match &target.existing {
            Some(source) => source.id,
            None => w.add_source(&NewSource {
                kind: SourceKind::Csv,
                name: target.name.clone(),
                base_url: None,
                time_zone: request.tz.clone(),
                created_at: now,
            })?,
        };
        let bytes = Cell::new(0);
        let rows = Tracked {
            reader,
            bytes: &bytes,
        };
        let total_bytes = shape.total_bytes;
        let mut tell = |rows| {
            progress(ImportProgress {
                rows,
                bytes_read: bytes.get(),
                total_bytes,
            })
        };
        let report = import_rows(&w, source_id, &settings, rows, cancel, &mut tell)
            .map_err(ImportFailure::from)?;
        if !request.dry_run {
            record(&w, source_id, &request.file, now, &report)?;
            w.commit()?;
            workspace.remove_demo()?;
        }
        let saved_preset = match &request.save_preset {
            Some(name) => Some(saved(&settings, &report, &self.dir, name)?),
            None => None,
        };
        Ok(ImportOutcome {
            source: target.name,
            new_source: target.existing.is_none(),
            kind: report.kind,
            shape,
            report,
            dry_run: request.dry_run,
            saved_preset,
        })
    }
}

/// Logs the import with its counts and skipped rows, in its transaction.
fn record(
    w: &Writer<'_>,
    source_id: i64,
    file: &Path,
    now: i64,
    report: &ImportReport,
) -> Result<(), AppError> {
    let problems: Vec<(u64, String)> = report
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.to_string()))
        .collect();
    // Counts are plain integers: they always serialise.
    let counts = serde_json::to_value(&report.counts).unwrap_or_default();
    w.record_import(source_id, &file_name(file), now, &counts, &problems)?;
    Ok(())
}

/// The source an import writes to, and whether it exists.
struct Target {
    name: String,
    existing: Option<Source>,
}

fn target_source(
    workspace: &Workspace,
    request: &ImportRequest,
    preset: &Preset,
) -> Result<Target, AppError> {
    let sources = workspace.store().sources()?;
    let name = match (&request.source, preset.kind) {
        (Some(name), _) => name.clone(),
        (None, FileKind::Tickets) => default_name(&preset.name, &request.file),
        (None, FileKind::Survey) => {
            let csv: Vec<&Source> = sources
                .iter()
                .filter(|s| s.kind == SourceKind::Csv)
                .collect();
            match csv.as_slice() {
                [only] => only.name.clone(),
                _ => {
                    let names: Vec<&str> = csv.iter().map(|s| s.name.as_str()).collect();
                    let known = if names.is_empty() {
                        "import the tickets first".to_owned()
                    } else {
                        names.join(", ")
                    };
                    return Err(ImportFailure::WhichSource(known).into());
                }
            }
        }
    };
    let existing = sources.into_iter().find(|s| s.name == name);
    match &existing {
        Some(source) if source.kind != SourceKind::Csv => Err(ImportFailure::NotCsv(name).into()),
        None if preset.kind == FileKind::Survey => Err(WorkspaceError::NoSuchSource(name).into()),
        _ => Ok(Target { name, existing }),
    }
}

/// `jira-export` for `jira` and `export.csv`.
fn default_name(preset: &str, file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{preset}-{stem}")
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parse_zone(name: &str) -> Result<Tz, AppError> {
    name.trim()
        .parse()
        .map_err(|_| ImportFailure::BadZone(name.to_owned()).into())
}

/// Saves the import's mapping as the preset `name`: the preset it started from, its
/// columns as this file names them, the user's statuses and the date format used.
fn saved(
    settings: &ImportSettings,
    report: &ImportReport,
    dir: &Path,
    name: &str,
) -> Result<PathBuf, AppError> {
    let mut preset = settings.preset.clone();
    preset.kind = report.kind;
    preset.columns.clear();
    for (label, field) in &report.columns {
        if let Some(field) = field {
            preset
                .columns
                .entry(field.clone())
                .or_default()
                .push(label.clone());
        }
    }
    for line in &settings.statuses {
        if let Some((value, state)) = line.rsplit_once('=') {
            preset
                .statuses
                .insert(value.trim().to_owned(), state.trim().to_owned());
        }
    }
    if let crate::sources::csv::dates::DateFormat::Strftime(codes) = &report.date_format {
        preset.date_format = Some(codes.clone());
    }
    preset.custom_fields = None;
    Ok(preset.save(dir, name).map_err(ImportFailure::from)?)
}

/// The reader's rows, noting how many bytes it has read for the progress.
struct Tracked<'a, 'c> {
    reader: RowReader<'c>,
    bytes: &'a Cell<u64>,
}

impl Iterator for Tracked<'_, '_> {
    type Item = Result<RawRow, BadRow>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = self.reader.next();
        self.bytes.set(self.reader.bytes_read());
        row
    }
}
