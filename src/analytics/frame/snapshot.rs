//! A columnar snapshot of the frame cache beside the database. Building the frame reads
//! every ticket row, tag, field value and SLA event from SQLite, which takes seconds at a
//! million tickets; the snapshot holds the finished frames as uncompressed Arrow IPC
//! files, one per column, that are memory-mapped, not decoded (see `columnar`), with a
//! small binary manifest: a load costs milliseconds and a query reads only the columns it
//! uses. A save after an update writes only the columns the update changed. The
//! names of users and organizations are tables too, read only when a query shows them.
//! It is keyed by the database's id and data generation (any committed change to the data
//! bumps the generation) and checked against the database's ticket and rating counts, the files' sizes
//! and this engine's columns. A snapshot of an older generation of the same database is
//! updated from the tickets changed since (see `update`); anything else that does not
//! match, or does not read, is rebuilt from SQLite: the snapshot is only a cache.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use polars::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tempfile::TempDir;

use crate::analytics::AnalyticsError;
use crate::store::{FieldDefinition, FrameTableRows, Store, StoreError};

use super::codes::ValueCodes;
use super::columnar::{self, ColumnFile, StoredColumns};
use super::dimension::Labels;
use super::names::Names;
use super::sources::SourceInfo;
use super::update::update;
use super::{cols, Frame, CODE};

/// The snapshot folder inside the workspace folder.
pub const SNAPSHOT_DIR: &str = "frame-cache";
const MANIFEST: &str = "manifest.bin";
/// Prefixes of a save's own staging folder and of the folder it retires, beside
/// `frame-cache/`; unique per save, so concurrent saves never share one.
const STAGING_PREFIX: &str = "frame-cache.new-";
const RETIRED_PREFIX: &str = "frame-cache.old-";
/// Staging folders older than this were left by a crash (a save takes seconds).
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);
/// Bumped whenever the snapshot's layout or meaning changes, so an older snapshot is
/// never read by a newer engine. 5: one mapped Arrow file per column, frames hanging off
/// tickets in ticket order, tags and field values coded. 6: only tickets and ratings
/// counted in the data key. 7: the sources, for the `source` dimension and KPI support.
/// 8: SLA metrics coded.
const FORMAT: u32 = 8;
/// The manifest's first bytes: a file that does not start with them is no manifest.
const MAGIC: &[u8; 8] = b"DSKBFRM\0";
/// The snapshot's tables, in the order of `Manifest::tables`: the five frames, the coded
/// values of tags, custom fields and SLA metrics, and the names of users and organizations.
const TABLES: [&str; 10] = [
    "tickets",
    "ratings",
    "sla",
    "tags",
    "fields",
    "tag_values",
    "field_values",
    "sla_metrics",
    "users",
    "organizations",
];
/// The column of the coded-value tables.
const VALUE: &str = "value";

/// What identifies the data a frame was built from.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct DataKey {
    database_id: String,
    generation: i64,
    table_rows: FrameTableRows,
}

impl DataKey {
    fn of(store: &Store) -> Result<DataKey, StoreError> {
        Ok(DataKey {
            database_id: store.database_id()?,
            generation: store.data_generation()?,
            table_rows: store.frame_table_rows()?,
        })
    }
}

/// One table: its rows and the file of each column, in the engine's column order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StoredTable {
    rows: usize,
    columns: Vec<ColumnFile>,
}

/// What a snapshot was made from, its tables' sizes, and the frame's small
/// non-columnar parts.
#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    engine: String,
    data: DataKey,
    /// In `TABLES` order.
    tables: Vec<StoredTable>,
    groups: HashMap<i64, String>,
    brands: HashMap<i64, String>,
    fields: HashMap<i64, FieldDefinition>,
    ticket_links: HashMap<i64, String>,
    sources: Vec<SourceInfo>,
}

impl Manifest {
    fn encode(&self) -> Result<Vec<u8>, SaveError> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend(FORMAT.to_le_bytes());
        bincode::serde::encode_into_std_write(self, &mut bytes, bincode::config::standard())?;
        Ok(bytes)
    }

    /// The manifest in `bytes` if it is one of this format.
    fn decode(bytes: &[u8]) -> Option<Manifest> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (format, rest) = rest.split_first_chunk::<4>()?;
        if u32::from_le_bytes(*format) != FORMAT {
            return None;
        }
        let (manifest, read): (Manifest, usize) =
            bincode::serde::decode_from_slice(rest, bincode::config::standard()).ok()?;
        (read == rest.len()).then_some(manifest)
    }
}

/// A frame and where it came from.
pub struct LoadedFrame {
    pub frame: Frame,
    /// True when the frame was read from an up-to-date snapshot.
    pub from_snapshot: bool,
    /// True when the frame is an older snapshot updated from the tickets changed since.
    pub updated: bool,
    /// Why a freshly built frame could not be saved as a snapshot (the frame is still
    /// good; the next load will build it again).
    pub save_error: Option<String>,
}

/// The frame of `store`, from the snapshot in `workspace_dir` when it is current, else
/// built from SQLite and saved as the new snapshot.
pub fn load_or_build(store: &Store, workspace_dir: &Path) -> Result<LoadedFrame, AnalyticsError> {
    let (mut loaded, unsaved) = load_or_build_unsaved(store, workspace_dir)?;
    loaded.save_error = unsaved.and_then(|unsaved| unsaved.save(&loaded.frame));
    Ok(loaded)
}

/// A frame built or updated but not yet saved as the snapshot: what its save needs.
pub struct Unsaved {
    workspace_dir: PathBuf,
    key: DataKey,
}

impl Unsaved {
    /// Saves `frame` (the one this came with) as the workspace's snapshot; why it could
    /// not, if it could not (the frame is still good; the next load builds it again).
    pub fn save(self, frame: &Frame) -> Option<String> {
        save(frame, &self.workspace_dir, self.key).err().map(|e| {
            format!(
                "could not save the frame snapshot in {}: {e}",
                self.workspace_dir.join(SNAPSHOT_DIR).display()
            )
        })
    }
}

/// `load_or_build` without the save, so that a caller can answer from the frame first
/// and save it afterwards (a save after an update mostly waits for the disk): the frame,
/// and what its save needs when it was not read from a current snapshot.
pub fn load_or_build_unsaved(
    store: &Store,
    workspace_dir: &Path,
) -> Result<(LoadedFrame, Option<Unsaved>), AnalyticsError> {
    let dir = workspace_dir.join(SNAPSHOT_DIR);
    // One read transaction: the key and the rows it describes are read together, even
    // while another process writes.
    let read = store
        .conn()
        .unchecked_transaction()
        .map_err(StoreError::from)?;
    let key = DataKey::of(store)?;
    let (frame, updated) = match load(&dir, &key) {
        Some((frame, data)) if data == key => {
            let loaded = LoadedFrame {
                frame,
                from_snapshot: true,
                updated: false,
                save_error: None,
            };
            return Ok((loaded, None));
        }
        Some((old, data)) if data.generation < key.generation => {
            // Anything unexpected in the update leaves the frame to a rebuild.
            match update(old, store, data.generation) {
                Ok(Some(frame)) => (frame, true),
                Ok(None) | Err(_) => (Frame::build(store)?, false),
            }
        }
        _ => (Frame::build(store)?, false),
    };
    drop(read);
    let loaded = LoadedFrame {
        frame,
        from_snapshot: false,
        updated,
        save_error: None,
    };
    let unsaved = Unsaved {
        workspace_dir: workspace_dir.to_owned(),
        key,
    };
    Ok((loaded, Some(unsaved)))
}

/// The snapshot in `dir` and the data it was made from, if it was written by this engine
/// from the database `key` names, at its generation or an earlier one, and its tables
/// have this engine's columns, the rows and sizes it recorded, and rows and codes that
/// point inside the frame.
fn load(dir: &Path, key: &DataKey) -> Option<(Frame, DataKey)> {
    let manifest_bytes = std::fs::read(dir.join(MANIFEST)).ok()?;
    let manifest = Manifest::decode(&manifest_bytes)?;
    if manifest.format != FORMAT
        || manifest.engine != env!("CARGO_PKG_VERSION")
        || manifest.data.database_id != key.database_id
        || manifest.data.generation > key.generation
        || manifest.tables.len() != TABLES.len()
    {
        return None;
    }
    let schemas = schemas()?;
    let mut tables = Vec::with_capacity(TABLES.len());
    let mut stored = StoredColumns::default();
    for ((name, table), schema) in TABLES.iter().zip(&manifest.tables).zip(schemas) {
        tables.push(map_table(dir, name, table, schema, &mut stored)?);
    }
    // A save that swapped folders while these files were opened would have changed the
    // manifest: the files all come from one save.
    if std::fs::read(dir.join(MANIFEST)).ok()? != manifest_bytes {
        return None;
    }
    let [tickets, ratings, sla, tags, fields, tag_values, field_values, sla_metrics, users, organizations] =
        <[DataFrame; 10]>::try_from(tables).ok()?;
    let tag_values = value_codes(&tag_values)?;
    let field_values = value_codes(&field_values)?;
    let sla_metrics = value_codes(&sla_metrics)?;
    let coded = |df: &DataFrame, values: &ValueCodes| {
        df.column(CODE)
            .and_then(|c| c.u32().cloned())
            .is_ok_and(|codes| values.is_valid_for(&codes))
    };
    let rows_known = [&ratings, &sla, &tags, &fields]
        .iter()
        .all(|df| rows_within(df, tickets.height()));
    let all_coded =
        coded(&tags, &tag_values) && coded(&fields, &field_values) && coded(&sla, &sla_metrics);
    if !rows_known || !all_coded {
        return None;
    }
    let frame = Frame {
        tickets,
        ratings,
        sla,
        tags,
        fields,
        tag_values,
        field_values,
        sla_metrics,
        labels: Labels {
            groups: manifest.groups,
            users: Names::from_table(users),
            brands: manifest.brands,
            organizations: Names::from_table(organizations),
            fields: manifest.fields,
            sources: manifest.sources,
        },
        ticket_links: manifest.ticket_links,
        codes: Default::default(),
        stored,
    };
    Some((frame, manifest.data))
}

/// The columns of `table` (the table `name`), each mapped from its file if that has the
/// size, type and rows the manifest and `schema` give; notes each file in `stored`.
fn map_table(
    dir: &Path,
    name: &str,
    table: &StoredTable,
    schema: &Schema,
    stored: &mut StoredColumns,
) -> Option<DataFrame> {
    if table.columns.len() != schema.len() {
        return None;
    }
    let files: Vec<(Field, &ColumnFile)> = schema.iter_fields().zip(&table.columns).collect();
    // Each file's checks read it whole: a core each.
    let columns = files
        .par_iter()
        .map(|(field, file)| {
            if !file.is_of(name, &field.name) {
                return None;
            }
            let one = Schema::from_iter([field.clone()]);
            let df = columnar::map(&dir.join(&file.name), file.bytes, &one, table.rows)?;
            df.columns().first().cloned()
        })
        .collect::<Option<Vec<Column>>>()?;
    for (field, file) in files {
        stored.insert(name, &field.name, file.clone());
    }
    DataFrame::new(table.rows, columns).ok()
}

/// Whether every `row` of a related frame is a ticket of the frame.
fn rows_within(df: &DataFrame, tickets: usize) -> bool {
    df.column(cols::ROW)
        .and_then(|c| c.u32().cloned())
        .is_ok_and(|rows| rows.max().is_none_or(|max| (max as usize) < tickets))
}

/// The coded values of a `value` table, if it holds no null.
fn value_codes(table: &DataFrame) -> Option<ValueCodes> {
    let values = table.column(VALUE).ok()?.str().ok()?;
    let values: Option<Vec<String>> = values.iter().map(|v| v.map(str::to_owned)).collect();
    Some(ValueCodes::new(values?))
}

/// The tables of an empty database: this engine's columns and their types, in `TABLES`
/// order.
fn empty_tables() -> Result<Vec<DataFrame>, AnalyticsError> {
    let frame = Frame::build(&Store::open_in_memory()?)?;
    tables(&frame).map_err(AnalyticsError::from)
}

/// The schemas the snapshot's tables must have. They depend only on this engine, so
/// they are derived once per process (from the frame of an empty database), not at every
/// load.
fn schemas() -> Option<&'static [Schema]> {
    static SCHEMAS: OnceLock<Option<Vec<Schema>>> = OnceLock::new();
    SCHEMAS
        .get_or_init(|| {
            let tables = empty_tables().ok()?;
            Some(
                tables
                    .iter()
                    .map(|df| df.schema().as_ref().clone())
                    .collect(),
            )
        })
        .as_deref()
}

/// The frame's tables, in `TABLES` order.
fn tables(frame: &Frame) -> PolarsResult<Vec<DataFrame>> {
    let values = |codes: &ValueCodes| {
        DataFrame::new_infer_height(vec![Column::new(VALUE.into(), codes.values())])
    };
    Ok(vec![
        frame.tickets.clone(),
        frame.ratings.clone(),
        frame.sla.clone(),
        frame.tags.clone(),
        frame.fields.clone(),
        values(&frame.tag_values)?,
        values(&frame.field_values)?,
        values(&frame.sla_metrics)?,
        frame.labels.users.table()?,
        frame.labels.organizations.table()?,
    ])
}

#[derive(Debug, thiserror::Error)]
enum SaveError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Polars(#[from] PolarsError),
    #[error("{0}")]
    Encode(#[from] bincode::error::EncodeError),
}

/// Writes the snapshot into a staging folder of its own and swaps it in, so a reader
/// never sees a half-written snapshot, two saves never mix their files, and a crash
/// leaves at worst a stale snapshot (which is ignored). A column still as it was read
/// from the current snapshot is linked from there, not written again.
fn save(frame: &Frame, workspace_dir: &Path, data: DataKey) -> Result<(), SaveError> {
    remove_abandoned(workspace_dir);
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(workspace_dir)?;
    let current = workspace_dir.join(SNAPSHOT_DIR);
    // Unique to this save, so that a file name always names the same contents.
    let suffix = staging.path().file_name().map(|n| n.to_string_lossy());
    let suffix = suffix.as_deref().unwrap_or_default();
    let stamp = format!(
        "{}-{}",
        data.generation,
        suffix.trim_start_matches(STAGING_PREFIX)
    )
    .replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let tables = tables(frame)?;
    let columns: Vec<(&str, usize, &Column)> = TABLES
        .iter()
        .zip(&tables)
        .flat_map(|(name, df)| df.columns().iter().map(|c| (*name, df.height(), c)))
        .collect();
    // Files are written on every core: a save is mostly copying columns to disk.
    let files = columns
        .par_iter()
        .map(|(name, height, column)| {
            let linked = frame
                .stored
                .get(name, column.name())
                .filter(|file| columnar::link(&current, staging.path(), file));
            if let Some(file) = linked {
                return Ok((file.clone(), None));
            }
            let file_name = ColumnFile::name(name, column.name(), &stamp);
            let one = DataFrame::new(*height, vec![(*column).clone()])?;
            let (bytes, written) = columnar::write(&staging.path().join(&file_name), &one)?;
            let file = ColumnFile {
                name: file_name,
                bytes,
            };
            Ok((file, Some(written)))
        })
        .collect::<Result<Vec<_>, SaveError>>()?;
    let (files, written): (Vec<ColumnFile>, Vec<Option<File>>) = files.into_iter().unzip();
    columnar::flush_all(written.into_iter().flatten().collect())?;
    let mut files = files.into_iter();
    let stored = tables
        .iter()
        .map(|df| StoredTable {
            rows: df.height(),
            columns: files.by_ref().take(df.width()).collect(),
        })
        .collect();
    let manifest = Manifest {
        format: FORMAT,
        engine: env!("CARGO_PKG_VERSION").to_owned(),
        data,
        tables: stored,
        groups: frame.labels.groups.clone(),
        brands: frame.labels.brands.clone(),
        fields: frame.labels.fields.clone(),
        ticket_links: frame.ticket_links.clone(),
        sources: frame.labels.sources.clone(),
    };
    // The manifest goes last: a folder without one is never loaded.
    let mut file = BufWriter::new(File::create(staging.path().join(MANIFEST))?);
    file.write_all(&manifest.encode()?)?;
    file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    swap_in(staging, &workspace_dir.join(SNAPSHOT_DIR), workspace_dir)?;
    Ok(())
}

/// Puts `staging` in the place of `dir`, moving the current snapshot into a folder of
/// its own that is then removed. When another save puts its snapshot there between the
/// two renames, that one stays and this one is dropped: either is a whole snapshot.
fn swap_in(staging: TempDir, dir: &Path, workspace_dir: &Path) -> std::io::Result<()> {
    let retired = tempfile::Builder::new()
        .prefix(RETIRED_PREFIX)
        .tempdir_in(workspace_dir)?;
    match std::fs::rename(dir, retired.path().join(SNAPSHOT_DIR)) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    match std::fs::rename(staging.path(), dir) {
        Ok(()) => {
            // Moved into place: nothing is left at the staging path to remove.
            let _ = staging.keep();
            Ok(())
        }
        Err(_) if dir.join(MANIFEST).is_file() => Ok(()),
        Err(err) => Err(err),
    }
}

/// Removes staging and retired folders that a crashed save left behind.
fn remove_abandoned(workspace_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(workspace_dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(STAGING_PREFIX) || name.starts_with(RETIRED_PREFIX);
        let abandoned = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|at| now.duration_since(at).unwrap_or_default() > ABANDONED_AFTER);
        if ours && abandoned {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
