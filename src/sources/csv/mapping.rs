//! Which column holds which field: the header rows read against the user's `--map`
//! lines first, then the preset's aliases and custom-field form. Columns are keyed by
//! position, so a repeated header (Jira's `Labels`) gathers into a list; a zone the
//! file states (`Created at (America/New_York)`, Qualtrics' third row) is noted.

use chrono_tz::Tz;

use super::field::{header_key, Field, UnknownField};
use super::preset::{FileKind, Preset, PresetError};
use super::read::RawRow;

/// The FIELD of a `--map "COLUMN=-"` line: the column is not imported, whatever the
/// preset would read from it.
pub const NOT_IMPORTED: &str = "-";

/// The columns a file's fields are read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub kind: FileKind,
    /// Each mapped field and its columns (several only for a list field).
    pub fields: Vec<(Field, Vec<usize>)>,
    /// Each column's header as shown to the user.
    pub labels: Vec<String>,
    /// Each column's names as compared (see `header_key`).
    names: Vec<Vec<String>>,
    /// The zone the header rows state, if any.
    pub zone: Option<Tz>,
}

#[derive(Debug, thiserror::Error)]
pub enum MappingError {
    #[error("{0:?} is not a column mapping; write COLUMN=FIELD, e.g. \"Issue key=id\"")]
    NoEquals(String),
    #[error(transparent)]
    Field(#[from] UnknownField),
    #[error("the file has no column {column:?}; its columns are {columns}")]
    NoColumn { column: String, columns: String },
    #[error("the file has no column for {field}; map one with --map \"COLUMN={field}\" (its columns are {columns})")]
    Missing { field: Field, columns: String },
    #[error("a survey file needs its responses' ticket: map ticket_id or requester_email with --map (its columns are {columns})")]
    NoTicketLink { columns: String },
    #[error("the file ends before its {0} header row(s)")]
    NoHeader(usize),
    #[error(transparent)]
    Preset(#[from] PresetError),
}

/// One column's names: the first header row (a blank cell continues the one before, as
/// SurveyMonkey writes a question over its answers), the second, and both together.
struct Column {
    label: String,
    keys: Vec<String>,
}

/// Resolves the columns of `header` (the preset's header rows) for `preset` with the
/// user's `maps` ("COLUMN=FIELD") on top.
pub fn resolve(
    preset: &Preset,
    maps: &[String],
    header: &[RawRow],
) -> Result<Mapping, MappingError> {
    if header.len() < preset.header_rows.max(1) {
        return Err(MappingError::NoHeader(preset.header_rows));
    }
    let (columns, zone) = read_columns(header);
    let listing = || listing(&columns);
    let mut taken = vec![false; columns.len()];
    let mut fields: Vec<(Field, Vec<usize>)> = Vec::new();
    let mut add = |field: Field, found: Vec<usize>, taken: &mut Vec<bool>| {
        for &i in &found {
            taken[i] = true;
        }
        match fields.iter_mut().find(|(f, _)| *f == field) {
            Some((_, cols)) if field.is_list() => cols.extend(found),
            Some(_) => {}
            None => fields.push((field, found)),
        }
    };
    for line in maps {
        let (column, field) = line
            .rsplit_once('=')
            .ok_or_else(|| MappingError::NoEquals(line.clone()))?;
        let left_out = field.trim() == NOT_IMPORTED;
        let field: Option<Field> = match left_out {
            true => None,
            false => Some(field.parse()?),
        };
        // A column left out is every column of that name (a repeated header's too).
        let list = field.as_ref().is_none_or(Field::is_list);
        let found = matching(&columns, column, &taken, list);
        if found.is_empty() {
            return Err(MappingError::NoColumn {
                column: column.trim().to_owned(),
                columns: listing(),
            });
        }
        match field {
            Some(field) => add(field, found, &mut taken),
            // Taken, so neither the preset's aliases nor its custom fields read it.
            None => found.iter().for_each(|&i| taken[i] = true),
        }
    }
    for (field, aliases) in preset.fields()? {
        for alias in aliases {
            let found = matching(&columns, alias, &taken, field.is_list());
            if !found.is_empty() {
                add(field.clone(), found, &mut taken);
                if !field.is_list() {
                    break;
                }
            }
        }
    }
    if let Some(form) = &preset.custom_fields {
        for (i, column) in columns.iter().enumerate() {
            if let (false, Some(name)) = (taken[i], custom_name(form, &column.label)) {
                add(Field::Custom(name), vec![i], &mut taken);
            }
        }
    }
    let kind = kind_of(preset, &fields);
    check_required(kind, &fields, &listing)?;
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    let (labels, names) = columns.into_iter().map(|c| (c.label, c.keys)).unzip();
    Ok(Mapping {
        kind,
        fields,
        labels,
        names,
        zone,
    })
}

impl Mapping {
    /// The column of a single-valued field.
    pub fn column(&self, field: &Field) -> Option<usize> {
        self.columns(field).first().copied()
    }

    /// The first column named `name` (any of its header rows).
    pub fn position(&self, name: &str) -> Option<usize> {
        let key = header_key(name);
        self.names.iter().position(|keys| keys.contains(&key))
    }

    pub fn columns(&self, field: &Field) -> &[usize] {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map_or(&[], |(_, cols)| cols.as_slice())
    }
}

/// A generic file is a survey when it maps a response's fields and no ticket's.
fn kind_of(preset: &Preset, fields: &[(Field, Vec<usize>)]) -> FileKind {
    let has = |field: Field| fields.iter().any(|(f, _)| *f == field);
    if preset.name != "generic" {
        return preset.kind;
    }
    if (has(Field::TicketId) || has(Field::RatedAt)) && !has(Field::CreatedAt) {
        FileKind::Survey
    } else {
        FileKind::Tickets
    }
}

fn check_required(
    kind: FileKind,
    fields: &[(Field, Vec<usize>)],
    listing: &dyn Fn() -> String,
) -> Result<(), MappingError> {
    let has = |field: &Field| fields.iter().any(|(f, _)| f == field);
    let required: &[Field] = match kind {
        FileKind::Tickets => &[Field::Id, Field::CreatedAt],
        FileKind::Survey => &[Field::Score, Field::RatedAt],
    };
    if let Some(field) = required.iter().find(|f| !has(f)) {
        return Err(MappingError::Missing {
            field: field.clone(),
            columns: listing(),
        });
    }
    if kind == FileKind::Survey && !has(&Field::TicketId) && !has(&Field::RequesterEmail) {
        return Err(MappingError::NoTicketLink { columns: listing() });
    }
    Ok(())
}

/// The columns named `name` not yet taken: all of them for a list field, else the first.
fn matching(columns: &[Column], name: &str, taken: &[bool], list: bool) -> Vec<usize> {
    let key = header_key(name);
    let mut found = columns
        .iter()
        .enumerate()
        .filter(|(i, c)| !taken[*i] && c.keys.contains(&key))
        .map(|(i, _)| i);
    if list {
        found.collect()
    } else {
        found.next().into_iter().collect()
    }
}

/// `Region` from `Custom field (Region)` for the form `Custom field ({})`.
fn custom_name(form: &str, header: &str) -> Option<String> {
    let (before, after) = form.split_once("{}")?;
    let name = header.strip_prefix(before)?.strip_suffix(after)?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

fn read_columns(header: &[RawRow]) -> (Vec<Column>, Option<Tz>) {
    let width = header.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let cell = |row: usize, i: usize| -> &str {
        header
            .get(row)
            .and_then(|r| r.cells.get(i))
            .map_or("", |c| c.trim_start_matches('\u{feff}').trim())
    };
    let mut zone = None;
    let mut columns = Vec::with_capacity(width);
    let mut above = String::new();
    for i in 0..width {
        let (first, stated) = strip_zone(cell(0, i));
        zone = zone.or(stated);
        if !first.is_empty() || header.len() < 2 {
            above = first.to_owned();
        }
        let second = if header.len() >= 2 { cell(1, i) } else { "" };
        for row in 1..header.len() {
            zone = zone.or_else(|| json_zone(cell(row, i)));
        }
        let second = if second.starts_with('{') { "" } else { second };
        let mut keys = vec![header_key(&above)];
        let label = if second.is_empty() {
            above.clone()
        } else {
            keys.push(header_key(second));
            keys.push(header_key(&format!("{above} {second}")));
            let label = format!("{above} / {second}");
            keys.push(header_key(&label));
            label
        };
        columns.push(Column { label, keys });
    }
    (columns, zone)
}

/// `("Created at", Some(America/New_York))` from `Created at (America/New_York)`.
fn strip_zone(header: &str) -> (&str, Option<Tz>) {
    let stated = header
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .and_then(|(before, zone)| Some((before.trim_end(), zone.trim().parse::<Tz>().ok()?)));
    match stated {
        Some((before, zone)) => (before, Some(zone)),
        None => (header, None),
    }
}

/// The zone of a Qualtrics import-id cell: `{"ImportId":"startDate","timeZone":"…"}`.
fn json_zone(cell: &str) -> Option<Tz> {
    if !cell.starts_with('{') {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(cell).ok()?;
    value.get("timeZone")?.as_str()?.parse().ok()
}

/// The first columns, for messages: "Ticket ID, Subject, … (40 in all)".
fn listing(columns: &[Column]) -> String {
    const SHOWN: usize = 25;
    let names: Vec<&str> = columns
        .iter()
        .take(SHOWN)
        .map(|c| c.label.as_str())
        .collect();
    let mut text = names.join(", ");
    if columns.len() > SHOWN {
        text += &format!(", … ({} in all)", columns.len());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u64, cells: &[&str]) -> RawRow {
        RawRow {
            line,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn preset(name: &str) -> Preset {
        Preset::built_in()
            .into_iter()
            .find(|p| p.name == name)
            .expect("a built-in preset")
    }

    /// A Jira export's header: a repeated `Labels` and a custom field.
    fn jira_header() -> RawRow {
        row(
            1,
            &[
                "Summary",
                "Issue key",
                "Created",
                "Labels",
                "Labels",
                "Custom field (Region)",
            ],
        )
    }

    #[test]
    fn repeated_headers_gather_and_custom_columns_become_fields() {
        let header = jira_header();
        let m = resolve(&preset("jira"), &[], &[header]).expect("mapped");
        assert_eq!(m.column(&Field::Id), Some(1));
        assert_eq!(m.columns(&Field::Tags), [3, 4]);
        assert_eq!(m.column(&Field::Custom("Region".into())), Some(5));
    }

    #[test]
    fn a_column_left_out_is_read_by_neither_the_preset_nor_its_custom_fields() {
        let header = jira_header();
        let maps = [
            "Summary=-".to_owned(),
            "Labels = -".to_owned(),
            "Custom field (Region)=-".to_owned(),
        ];
        let m = resolve(&preset("jira"), &maps, std::slice::from_ref(&header)).expect("mapped");
        assert_eq!(m.column(&Field::Subject), None);
        assert_eq!(m.columns(&Field::Tags), [] as [usize; 0]);
        assert_eq!(m.column(&Field::Custom("Region".into())), None);
        assert_eq!(
            m.column(&Field::Id),
            Some(1),
            "the other columns as the preset maps them"
        );
        let missing = resolve(&preset("jira"), &["Issue key=-".to_owned()], &[header]);
        assert!(matches!(
            missing,
            Err(MappingError::Missing {
                field: Field::Id,
                ..
            })
        ));
    }

    #[test]
    fn user_maps_win_and_unknown_columns_are_named() {
        let header = row(1, &["Ref", "Opened", "Issue key"]);
        let maps = ["ref=id".to_owned(), "Opened=created_at".to_owned()];
        let m = resolve(&preset("jira"), &maps, std::slice::from_ref(&header)).expect("mapped");
        assert_eq!(m.column(&Field::Id), Some(0));
        assert_eq!(m.column(&Field::CreatedAt), Some(1));
        let err = resolve(&preset("generic"), &["Nope=id".into()], &[header]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file has no column \"Nope\"; its columns are Ref, Opened, Issue key"
        );
    }

    #[test]
    fn a_file_without_ids_or_dates_says_what_to_map() {
        let header = row(1, &["Key", "When"]);
        let err = resolve(&preset("generic"), &["Key=id".into()], &[header]).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "the file has no column for created_at; map one with --map \"COLUMN=created_at\""
            ),
            "{err}"
        );
    }

    #[test]
    fn zones_stated_in_headers_are_read_and_stripped() {
        let header = row(
            1,
            &[
                "Conversation ID",
                "Conversation created at (America/New_York)",
            ],
        );
        let m = resolve(&preset("intercom"), &[], &[header]).expect("mapped");
        assert_eq!(m.zone, Some(chrono_tz::America::New_York));
        assert_eq!(m.column(&Field::CreatedAt), Some(1));
    }

    #[test]
    fn three_header_rows_match_ids_or_labels_and_read_the_zone() {
        let rows = [
            row(1, &["ResponseId", "RecordedDate", "Q1", "ticket_id"]),
            row(
                2,
                &[
                    "Response ID",
                    "Recorded Date",
                    "How satisfied were you?",
                    "ticket_id",
                ],
            ),
            row(
                3,
                &[
                    r#"{"ImportId":"_recordId"}"#,
                    r#"{"ImportId":"recordedDate","timeZone":"America/Denver"}"#,
                    r#"{"ImportId":"QID1"}"#,
                    r#"{"ImportId":"ticket_id"}"#,
                ],
            ),
        ];
        let m = resolve(
            &preset("qualtrics"),
            &["How satisfied were you?=score".into()],
            &rows,
        )
        .expect("mapped");
        assert_eq!(m.kind, FileKind::Survey);
        assert_eq!(m.column(&Field::Score), Some(2));
        assert_eq!(m.column(&Field::RatedAt), Some(1));
        assert_eq!(m.zone, Some(chrono_tz::America::Denver));
    }

    #[test]
    fn a_blank_first_row_cell_continues_the_question_before() {
        let rows = [
            row(
                1,
                &["Respondent ID", "End Date", "Rate us", "", "Custom Data 1"],
            ),
            row(2, &["", "", "Response", "Other (please specify)", ""]),
        ];
        let m = resolve(
            &preset("surveymonkey"),
            &["Rate us / Response=score".into()],
            &rows,
        )
        .expect("mapped");
        assert_eq!(m.column(&Field::Score), Some(2));
        assert_eq!(m.labels[3], "Rate us / Other (please specify)");
        assert_eq!(m.column(&Field::TicketId), Some(4));
    }
}
