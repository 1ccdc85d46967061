//! Mapping presets: how one tool's export reads, as data (`assets/import-presets/*.toml`,
//! compiled in). A user's own mapping is saved in the same format in the workspace's
//! `presets/` folder and used by name like a built-in one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::field::{Field, UnknownField};
use super::scale::Scale;

/// The presets that ship with Deskbench, by file.
const BUILT_IN: &[&str] = &[
    include_str!("../../../assets/import-presets/generic.toml"),
    include_str!("../../../assets/import-presets/jira.toml"),
    include_str!("../../../assets/import-presets/servicenow.toml"),
    include_str!("../../../assets/import-presets/zoho.toml"),
    include_str!("../../../assets/import-presets/intercom.toml"),
    include_str!("../../../assets/import-presets/hubspot.toml"),
    include_str!("../../../assets/import-presets/salesforce.toml"),
    include_str!("../../../assets/import-presets/helpscout.toml"),
    include_str!("../../../assets/import-presets/freshdesk.toml"),
    include_str!("../../../assets/import-presets/surveymonkey.toml"),
    include_str!("../../../assets/import-presets/qualtrics.toml"),
    include_str!("../../../assets/import-presets/typeform.toml"),
];

/// The folder of a workspace that holds its saved presets.
pub const PRESET_FOLDER: &str = "presets";

/// What a file's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// One ticket per row (it may carry the ticket's rating too).
    Tickets,
    /// One survey response per row, joined to a ticket.
    Survey,
}

/// Which zone a file's dates are in when the file does not say (Intercom's headers and
/// Qualtrics' third header row do) and `--tz` is not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneRule {
    /// The exporting user's zone: the source's, else the workspace's.
    #[default]
    Account,
    Utc,
}

/// Rows are imported only when `column` holds one of `values` (Qualtrics: finished,
/// real responses); a file without the column keeps every row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeepRule {
    pub column: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub name: String,
    pub title: String,
    /// What the user should know, e.g. headers not yet confirmed on a real file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub kind: FileKind,
    /// Header rows before the data (SurveyMonkey 2, Qualtrics 3).
    #[serde(default = "one")]
    pub header_rows: usize,
    #[serde(default)]
    pub zone: ZoneRule,
    /// A strftime format tried before detecting one from the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    /// Whether lines after the data (a one-cell line: report title, copyright) end it.
    #[serde(default)]
    pub footer: bool,
    /// What separates several values in one cell of a list field (tags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_separator: Option<String>,
    /// A header form whose `{}` names a custom field, e.g. `Custom field ({})`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<String>,
    /// Field name → the headers that hold it, tried in order.
    #[serde(default)]
    pub columns: BTreeMap<String, Vec<String>>,
    /// The tool's status → new, open, pending, hold, solved or closed.
    #[serde(default)]
    pub statuses: BTreeMap<String, String>,
    /// The tool's priority → low, normal, high or urgent; others are kept as written.
    #[serde(default)]
    pub priorities: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    #[serde(default)]
    pub keep: Vec<KeepRule>,
}

fn one() -> usize {
    1
}

#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    #[error("no preset named {name:?}; the presets are {known}")]
    Unknown { name: String, known: String },
    #[error("preset {name:?} cannot be read: {message}")]
    Unreadable { name: String, message: String },
    #[error("preset {name:?} maps an unknown field")]
    BadField {
        name: String,
        #[source]
        source: UnknownField,
    },
    #[error("{0:?} is not a preset name: use letters, digits, '-' and '_' (at most 40)")]
    BadName(String),
    #[error("{0:?} is the name of a built-in preset; save yours under another name")]
    BuiltInName(String),
    #[error("cannot save the preset to {path}")]
    Save {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Preset {
    /// Reads a preset's TOML text and checks its field names.
    pub fn parse(name: &str, text: &str) -> Result<Preset, PresetError> {
        let preset: Preset = toml::from_str(text).map_err(|err| PresetError::Unreadable {
            name: name.to_owned(),
            message: err.message().to_owned(),
        })?;
        preset.fields()?;
        Ok(preset)
    }

    /// The built-in presets, in the order the help lists them.
    pub fn built_in() -> Vec<Preset> {
        BUILT_IN
            .iter()
            // A built-in preset is read in a unit test; a broken one fails there.
            .filter_map(|text| Preset::parse("built-in", text).ok())
            .collect()
    }

    /// The preset `name`: a built-in one, else one saved in the workspace `dir`.
    pub fn find(name: &str, dir: &Path) -> Result<Preset, PresetError> {
        if let Some(preset) = Preset::built_in().into_iter().find(|p| p.name == name) {
            return Ok(preset);
        }
        check_name(name)?;
        let path = saved_path(dir, name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Preset::parse(name, &text),
            Err(_) => Err(PresetError::Unknown {
                name: name.to_owned(),
                known: Preset::built_in()
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// The presets saved in the workspace `dir`, by file name, each read and checked (the
    /// folder is not trusted): one that does not read is an error of its own, and a file
    /// named like a built-in preset is not one (the built-in one wins).
    pub fn saved(dir: &Path) -> Vec<Result<Preset, PresetError>> {
        let Ok(entries) = std::fs::read_dir(dir.join(PRESET_FOLDER)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".toml").map(str::to_owned)
            })
            .filter(|name| check_name(name).is_ok() && !is_built_in(name))
            .collect();
        names.sort();
        (names.into_iter())
            .map(|name| {
                let preset = Preset::find(&name, dir)?;
                Ok(Preset { name, ..preset })
            })
            .collect()
    }

    /// The columns as (field, aliases), fields checked.
    pub fn fields(&self) -> Result<Vec<(Field, &[String])>, PresetError> {
        self.columns
            .iter()
            .map(|(field, aliases)| {
                let field = field.parse().map_err(|source| PresetError::BadField {
                    name: self.name.clone(),
                    source,
                })?;
                Ok((field, aliases.as_slice()))
            })
            .collect()
    }

    /// Saves this preset under `name` in the workspace `dir`, replacing an older one.
    pub fn save(&self, dir: &Path, name: &str) -> Result<PathBuf, PresetError> {
        check_name(name)?;
        if is_built_in(name) {
            return Err(PresetError::BuiltInName(name.to_owned()));
        }
        let preset = Preset {
            name: name.to_owned(),
            ..self.clone()
        };
        let text = toml::to_string_pretty(&preset).map_err(|err| PresetError::Unreadable {
            name: name.to_owned(),
            message: err.to_string(),
        })?;
        let path = saved_path(dir, name);
        let save_err = |source| PresetError::Save {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir.join(PRESET_FOLDER)).map_err(save_err)?;
        std::fs::write(&path, text).map_err(save_err)?;
        Ok(path)
    }
}

fn is_built_in(name: &str) -> bool {
    Preset::built_in().iter().any(|p| p.name == name)
}

fn saved_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(PRESET_FOLDER).join(format!("{name}.toml"))
}

/// A saved preset's name becomes a file name, so it holds no path.
fn check_name(name: &str) -> Result<(), PresetError> {
    let fine = !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if fine {
        Ok(())
    } else {
        Err(PresetError::BadName(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_preset_reads_and_names_known_fields() {
        for text in BUILT_IN {
            let preset = Preset::parse("built-in", text).expect("a built-in preset reads");
            let fields = preset.fields().expect("known fields");
            let generic = preset.name == "generic";
            assert_eq!(
                fields.is_empty(),
                generic,
                "{}: only generic maps nothing",
                preset.name
            );
        }
        assert_eq!(Preset::built_in().len(), BUILT_IN.len());
    }

    #[test]
    fn a_saved_preset_is_found_by_name_and_built_in_names_are_kept() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let jira = Preset::find("jira", dir.path()).expect("built in");
        jira.save(dir.path(), "our-jira").expect("saved");
        let ours = Preset::find("our-jira", dir.path()).expect("found again");
        assert_eq!(
            ours,
            Preset {
                name: "our-jira".into(),
                ..jira.clone()
            }
        );
        assert!(matches!(
            jira.save(dir.path(), "jira"),
            Err(PresetError::BuiltInName(_))
        ));
        assert!(matches!(
            jira.save(dir.path(), "../x"),
            Err(PresetError::BadName(_))
        ));
        std::fs::write(dir.path().join("presets/broken.toml"), "name = 3").expect("written");
        std::fs::write(dir.path().join("presets/jira.toml"), "").expect("written");
        let saved = Preset::saved(dir.path());
        assert_eq!(saved.len(), 2, "broken and our-jira; jira is built in");
        assert!(saved[0].is_err(), "a broken file is an error of its own");
        assert_eq!(
            saved[1].as_ref().map(|p| p.name.as_str()).ok(),
            Some("our-jira")
        );
        let err = Preset::find("nope", dir.path()).unwrap_err().to_string();
        assert!(err.contains("jira") && err.contains("typeform"), "{err}");
    }
}
