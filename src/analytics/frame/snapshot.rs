//! A columnar snapshot of the frame cache beside the database. Building the frame reads
//! every ticket row, tag, field value and SLA event from SQLite, which takes seconds at a
//! million tickets; the snapshot holds the finished frames as Parquet files and loads in a
//! fraction of that. It is keyed by the database's id and data generation (any committed
//! change to the data bumps the generation) and checked against the database's row
//! counts and this engine's columns. A snapshot of an older generation of the same
//! database is updated from the tickets changed since (see `update`); anything else that
//! does not match, or does not read, is rebuilt from SQLite: the snapshot is only a cache.

use std::fs::File;
use std::path::Path;
use std::time::{Duration, SystemTime};

use polars::prelude::*;
use serde::{Deserialize, Serialize};
use tempfile::TempDir;

use crate::analytics::AnalyticsError;
use crate::store::{FrameTableRows, Store, StoreError};

use super::dimension::Labels;
use super::update::update;
use super::Frame;

/// The snapshot folder inside the workspace folder.
pub const SNAPSHOT_DIR: &str = "frame-cache";
const MANIFEST: &str = "manifest.json";
/// Prefixes of a save's own staging folder and of the folder it retires, beside
/// `frame-cache/`; unique per save, so concurrent saves never share one.
const STAGING_PREFIX: &str = "frame-cache.new-";
const RETIRED_PREFIX: &str = "frame-cache.old-";
/// Staging folders older than this were left by a crash (a save takes seconds).
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);
/// Bumped whenever the snapshot's layout or meaning changes, so an older snapshot is
/// never read by a newer engine. 3: frames hanging off tickets are in ticket order.
const FORMAT: u32 = 3;
/// The frames' Parquet files, in the order of `Manifest::frame_rows`.
const FRAMES: [&str; 5] = ["tickets", "ratings", "sla", "tags", "fields"];

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

/// What a snapshot was made from, and the frame's non-columnar parts.
#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    engine: String,
    data: DataKey,
    /// Each frame's rows, in `FRAMES` order.
    frame_rows: Vec<usize>,
    labels: Labels,
    ticket_links: Vec<(i64, String)>,
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
            return Ok(LoadedFrame {
                frame,
                from_snapshot: true,
                updated: false,
                save_error: None,
            })
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
    let save_error = save(&frame, workspace_dir, key).err().map(|e| {
        format!(
            "could not save the frame snapshot in {}: {e}",
            dir.display()
        )
    });
    Ok(LoadedFrame {
        frame,
        from_snapshot: false,
        updated,
        save_error,
    })
}

/// The snapshot in `dir` and the data it was made from, if it was written by this engine
/// from the database `key` names, at its generation or an earlier one, and its frames
/// have this engine's columns and the rows it recorded.
fn load(dir: &Path, key: &DataKey) -> Option<(Frame, DataKey)> {
    let manifest_bytes = std::fs::read(dir.join(MANIFEST)).ok()?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes).ok()?;
    if manifest.format != FORMAT
        || manifest.engine != env!("CARGO_PKG_VERSION")
        || manifest.data.database_id != key.database_id
        || manifest.data.generation > key.generation
        || manifest.frame_rows.len() != FRAMES.len()
    {
        return None;
    }
    let expected = empty_frames().ok()?;
    let mut frames = Vec::with_capacity(FRAMES.len());
    for ((name, rows), empty) in FRAMES.iter().zip(&manifest.frame_rows).zip(&expected) {
        let file = File::open(dir.join(format!("{name}.parquet"))).ok()?;
        let df = ParquetReader::new(file).finish().ok()?;
        if df.schema() != empty.schema() || df.height() != *rows {
            return None;
        }
        frames.push(df);
    }
    // A save that swapped folders while these files were read would have changed the
    // manifest: the files all come from one save.
    if std::fs::read(dir.join(MANIFEST)).ok()? != manifest_bytes {
        return None;
    }
    let [tickets, ratings, sla, tags, fields] = <[DataFrame; 5]>::try_from(frames).ok()?;
    let frame = Frame {
        tickets,
        ratings,
        sla,
        tags,
        fields,
        labels: manifest.labels,
        ticket_links: manifest.ticket_links.into_iter().collect(),
        codes: Default::default(),
    };
    Some((frame, manifest.data))
}

/// The frames of an empty database: this engine's columns and their types.
fn empty_frames() -> Result<[DataFrame; 5], AnalyticsError> {
    let frame = Frame::build(&Store::open_in_memory()?)?;
    Ok([
        frame.tickets,
        frame.ratings,
        frame.sla,
        frame.tags,
        frame.fields,
    ])
}

#[derive(Debug, thiserror::Error)]
enum SaveError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Polars(#[from] PolarsError),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

/// Writes the snapshot into a staging folder of its own and swaps it in, so a reader
/// never sees a half-written snapshot, two saves never mix their files, and a crash
/// leaves at worst a stale snapshot (which is ignored).
fn save(frame: &Frame, workspace_dir: &Path, data: DataKey) -> Result<(), SaveError> {
    remove_abandoned(workspace_dir);
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(workspace_dir)?;
    let frames = [
        &frame.tickets,
        &frame.ratings,
        &frame.sla,
        &frame.tags,
        &frame.fields,
    ];
    for (name, df) in FRAMES.iter().zip(frames) {
        let file = File::create(staging.path().join(format!("{name}.parquet")))?;
        // LZ4 decodes fastest of the codecs Parquet offers; loading speed is the point.
        ParquetWriter::new(file)
            .with_compression(ParquetCompression::Lz4Raw)
            .finish(&mut df.clone())?;
    }
    let manifest = Manifest {
        format: FORMAT,
        engine: env!("CARGO_PKG_VERSION").to_owned(),
        data,
        frame_rows: frames.iter().map(|df| df.height()).collect(),
        labels: frame.labels.clone(),
        ticket_links: frame
            .ticket_links
            .iter()
            .map(|(id, link)| (*id, link.clone()))
            .collect(),
    };
    // The manifest goes last: a folder without one is never loaded.
    serde_json::to_writer(File::create(staging.path().join(MANIFEST))?, &manifest)?;
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
