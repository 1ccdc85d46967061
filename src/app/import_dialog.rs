//! The app's Import dialog over `Session::import_file`: the file the user picked (kept by
//! the session, so the page never names a path it could read), the presets and fields
//! to choose from, a preview (the dry run) and the import itself, one at a time and
//! cancellable. `DESKBENCH_IMPORT_FILE` stands in for the open dialog in scripted and
//! headless runs, as `DESKBENCH_EXPORT_DIR` does for the save dialog.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::import::{ImportFailure, ImportOutcome, ImportProgress, ImportRequest};
use super::import_view::{ImportView, StatusChoice};
use super::running::Running;
use super::{chain, AppError, Session};
use crate::sources::csv::field::Field;
use crate::sources::csv::import::ImportError;
use crate::sources::csv::mapping::NOT_IMPORTED;
use crate::sources::csv::preset::{FileKind, Preset};
use crate::sources::csv::read::{self, ReadOptions};
use crate::sources::csv::scale::Neutral;
use crate::workspace::WorkspaceInfo;

/// The file name extensions the open dialog lists.
pub const FILE_TYPES: [&str; 4] = ["csv", "tsv", "txt", "xlsx"];

/// The variable that names the file to import instead of asking with a dialog.
const SCRIPTED_FILE: &str = "DESKBENCH_IMPORT_FILE";

/// The file a scripted run imports instead of asking: `DESKBENCH_IMPORT_FILE`, if set.
pub fn scripted_file() -> Option<PathBuf> {
    std::env::var_os(SCRIPTED_FILE).map(PathBuf::from)
}

/// The dialog's file and its running job.
#[derive(Default)]
pub(super) struct ImportDialog {
    file: Mutex<Option<PathBuf>>,
    running: Running<Arc<AtomicBool>>,
}

/// The file the dialog will read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PickedFile {
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What the dialog offers: the presets (built-in first, then the workspace's own), the
/// fields a column can map to and the states a status can map to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportOptions {
    pub presets: Vec<PresetOption>,
    /// The fixed field names; a column may also map to `field:NAME`, a custom field.
    pub fields: Vec<String>,
    pub states: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PresetOption {
    pub name: String,
    pub title: String,
    pub note: Option<String>,
    pub survey: bool,
    pub built_in: bool,
    /// The preset's status table, for the dialog to show and edit.
    pub statuses: Vec<StatusChoice>,
}

/// A column the user mapped by hand.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ColumnChoice {
    pub column: String,
    /// A field name, or blank: the column is not imported (even one the preset maps).
    pub field: String,
}

/// How the user asks to read the picked file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct ImportChoice {
    /// A preset's name; generic when `None`.
    pub preset: Option<String>,
    pub columns: Vec<ColumnChoice>,
    pub statuses: Vec<StatusChoice>,
    pub source: Option<String>,
    pub tz: Option<String>,
    pub date_format: Option<String>,
    /// Whether neutral ratings are left out instead of counting as bad.
    pub exclude_neutral: bool,
    /// Save the mapping as a preset of this name when importing.
    pub save_preset: Option<String>,
}

impl ImportChoice {
    /// The request for `file`; blank text means "not given".
    fn request(&self, file: PathBuf, dry_run: bool) -> ImportRequest {
        let given = |text: &Option<String>| {
            text.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        ImportRequest {
            file,
            preset: given(&self.preset),
            // A blank field leaves the column out, even one the preset maps.
            maps: (self.columns.iter())
                .map(|c| match c.field.trim() {
                    "" => format!("{}={NOT_IMPORTED}", c.column),
                    field => format!("{}={field}", c.column),
                })
                .collect(),
            source: given(&self.source),
            tz: given(&self.tz),
            date_format: given(&self.date_format),
            statuses: (self.statuses.iter())
                .map(|s| format!("{}={}", s.value, s.state))
                .collect(),
            neutral: match self.exclude_neutral {
                true => Neutral::Exclude,
                false => Neutral::Bad,
            },
            dry_run,
            save_preset: if dry_run {
                None
            } else {
                given(&self.save_preset)
            },
        }
    }
}

impl Session {
    /// Makes `file` the one the dialog reads.
    pub fn pick_import_file(&self, file: PathBuf) -> Result<PickedFile, AppError> {
        let meta = std::fs::metadata(&file).map_err(|source| AppError::ImportFile {
            name: file_name(&file),
            source,
        })?;
        let picked = PickedFile {
            name: file_name(&file),
            bytes: meta.len(),
        };
        *self
            .import
            .file
            .lock()
            .map_err(|_| AppError::Poisoned("import"))? = Some(file);
        Ok(picked)
    }

    /// The presets, fields and states the dialog offers. A saved preset that does not
    /// read (the workspace folder is not trusted) is left out.
    pub fn import_options(&self) -> ImportOptions {
        let option = |preset: Preset, built_in| PresetOption {
            survey: preset.kind == FileKind::Survey,
            statuses: (preset.statuses.iter())
                .map(|(value, state)| StatusChoice {
                    value: value.clone(),
                    state: state.clone(),
                })
                .collect(),
            name: preset.name,
            title: preset.title,
            note: preset.note,
            built_in,
        };
        let built_in = Preset::built_in().into_iter().map(|p| option(p, true));
        let saved = (Preset::saved(&self.dir).into_iter())
            .flatten()
            .map(|p| option(p, false));
        ImportOptions {
            presets: built_in.chain(saved).collect(),
            fields: Field::names().into_iter().map(str::to_owned).collect(),
            states: ["new", "open", "pending", "hold", "solved", "closed"]
                .map(str::to_owned)
                .to_vec(),
        }
    }

    /// Reads the picked file as `choice` says and writes nothing: the preview.
    pub fn preview_import(
        &self,
        choice: &ImportChoice,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportView, AppError> {
        match self.run_picked(choice, true, progress) {
            Ok(outcome) => Ok(ImportView::of(&outcome)),
            Err(AppError::Import(ImportFailure::Import(ImportError::Mapping(err)))) => {
                self.headers_only(&chain(&err))
            }
            Err(err) => Err(err),
        }
    }

    /// Imports the picked file in one transaction, then reloads the workspace.
    pub fn import_picked(
        &self,
        choice: &ImportChoice,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<(ImportView, WorkspaceInfo), AppError> {
        let outcome = self.run_picked(choice, false, progress)?;
        Ok((ImportView::of(&outcome), self.reload()?))
    }

    /// Stops the running preview or import; an import then changes nothing.
    pub fn cancel_import(&self) {
        if let Some(cancel) = self.import.running.current() {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    /// The picked file's first row as its headers, for a mapping that does not read yet.
    fn headers_only(&self, problem: &str) -> Result<ImportView, AppError> {
        let file = self.picked()?;
        let never = AtomicBool::new(false);
        let (shape, mut rows) =
            read::open(&file, &ReadOptions::default(), &never).map_err(ImportFailure::from)?;
        let headers = match rows.next() {
            Some(Ok(row)) => row.cells,
            _ => Vec::new(),
        };
        Ok(ImportView::unmapped(&shape, headers, problem.to_owned()))
    }

    fn picked(&self) -> Result<PathBuf, AppError> {
        (self.import.file.lock())
            .map_err(|_| AppError::Poisoned("import"))?
            .clone()
            .ok_or(AppError::NoImportFile)
    }

    fn run_picked(
        &self,
        choice: &ImportChoice,
        dry_run: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportOutcome, AppError> {
        let file = self.picked()?;
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = (self.import.running).claim(cancel.clone(), AppError::ImportRunning)?;
        self.import_file(&choice.request(file, dry_run), &cancel, progress)
    }
}

fn file_name(file: &std::path::Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_becomes_the_lines_of_a_request_and_blank_text_is_not_given() {
        let choice = ImportChoice {
            preset: Some("jira".into()),
            columns: vec![
                ColumnChoice {
                    column: "Ref = no".into(),
                    field: "id".into(),
                },
                ColumnChoice {
                    column: "Notes".into(),
                    field: " ".into(),
                },
            ],
            statuses: vec![StatusChoice {
                value: "Waiting".into(),
                state: "pending".into(),
            }],
            source: Some("  ".into()),
            tz: Some("Europe/Berlin".into()),
            exclude_neutral: true,
            save_preset: Some("ours".into()),
            ..ImportChoice::default()
        };
        let dry = choice.request(PathBuf::from("a.csv"), true);
        assert_eq!(
            dry.maps,
            ["Ref = no=id", "Notes=-"],
            "a blank field leaves its column out"
        );
        assert_eq!(dry.statuses, ["Waiting=pending"]);
        assert_eq!(
            (dry.source, dry.tz.as_deref()),
            (None, Some("Europe/Berlin"))
        );
        assert_eq!(dry.neutral, Neutral::Exclude);
        assert_eq!(dry.save_preset, None, "a preview saves nothing");
        let real = choice.request(PathBuf::from("a.csv"), false);
        assert_eq!(real.save_preset.as_deref(), Some("ours"));
    }
}
