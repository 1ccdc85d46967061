//! A columnar snapshot of the frame cache beside the database. Building the frame reads
//! every ticket row, tag, field value and SLA event from SQLite, which takes seconds at a
//! million tickets; the snapshot holds the finished frames as Parquet files and loads in a
//! fraction of that. It is keyed by the store's data generation, so any committed change
//! to the data (a sync page, an import, a removed source) makes it stale, and the next
//! load rebuilds it from SQLite.

use std::fs::File;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

use super::frame::{Frame, Labels};
use super::AnalyticsError;

/// The snapshot folder inside the workspace folder.
pub const SNAPSHOT_DIR: &str = "frame-cache";
const MANIFEST: &str = "manifest.json";
/// Bumped whenever the frame's columns or their meaning change, so an older snapshot
/// is never read by a newer engine.
const FORMAT: u32 = 1;

/// What a snapshot was made from, and the frame's non-columnar parts.
#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    engine: String,
    generation: i64,
    labels: Labels,
    ticket_links: Vec<(i64, String)>,
}

/// A frame and where it came from.
pub struct LoadedFrame {
    pub frame: Frame,
    /// True when the frame was read from an up-to-date snapshot.
    pub from_snapshot: bool,
    /// Why a freshly built frame could not be saved as a snapshot (the frame is still
    /// good; the next load will build it again).
    pub save_error: Option<String>,
}

/// The frame of `store`, from the snapshot in `workspace_dir` when it is current, else
/// built from SQLite and saved as the new snapshot.
pub fn load_or_build(store: &Store, workspace_dir: &Path) -> Result<LoadedFrame, AnalyticsError> {
    let dir = workspace_dir.join(SNAPSHOT_DIR);
    // One read transaction: the generation and the rows it describes are read together,
    // even while another process writes.
    let read = store
        .conn()
        .unchecked_transaction()
        .map_err(StoreError::from)?;
    let generation = store.data_generation()?;
    if let Some(frame) = load(&dir, generation) {
        return Ok(LoadedFrame {
            frame,
            from_snapshot: true,
            save_error: None,
        });
    }
    let frame = Frame::build(store)?;
    drop(read);
    let save_error = save(&frame, &dir, generation).err().map(|e| {
        format!(
            "could not save the frame snapshot in {}: {e}",
            dir.display()
        )
    });
    Ok(LoadedFrame {
        frame,
        from_snapshot: false,
        save_error,
    })
}

/// The snapshot in `dir` if it exists, was written by this engine and is of
/// `generation`. Anything unreadable counts as no snapshot: it is only a cache.
fn load(dir: &Path, generation: i64) -> Option<Frame> {
    let manifest: Manifest = serde_json::from_reader(std::io::BufReader::new(
        File::open(dir.join(MANIFEST)).ok()?,
    ))
    .ok()?;
    if manifest.format != FORMAT
        || manifest.engine != env!("CARGO_PKG_VERSION")
        || manifest.generation != generation
    {
        return None;
    }
    let read = |name: &str| -> Option<DataFrame> {
        let file = File::open(dir.join(format!("{name}.parquet"))).ok()?;
        ParquetReader::new(file).finish().ok()
    };
    Some(Frame {
        tickets: read("tickets")?,
        ratings: read("ratings")?,
        sla: read("sla")?,
        tags: read("tags")?,
        fields: read("fields")?,
        labels: manifest.labels,
        ticket_links: manifest.ticket_links.into_iter().collect(),
        codes: Default::default(),
    })
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

/// Writes the snapshot into a fresh folder and swaps it in, so a reader never sees a
/// half-written snapshot and a crash leaves at worst a stale one (which is ignored).
fn save(frame: &Frame, dir: &Path, generation: i64) -> Result<(), SaveError> {
    let staging = sibling(dir, "new");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)?;
    let frames = [
        ("tickets", &frame.tickets),
        ("ratings", &frame.ratings),
        ("sla", &frame.sla),
        ("tags", &frame.tags),
        ("fields", &frame.fields),
    ];
    for (name, df) in frames {
        let file = File::create(staging.join(format!("{name}.parquet")))?;
        // LZ4 decodes fastest of the codecs Parquet offers; loading speed is the point.
        ParquetWriter::new(file)
            .with_compression(ParquetCompression::Lz4Raw)
            .finish(&mut df.clone())?;
    }
    let manifest = Manifest {
        format: FORMAT,
        engine: env!("CARGO_PKG_VERSION").to_owned(),
        generation,
        labels: frame.labels.clone(),
        ticket_links: frame
            .ticket_links
            .iter()
            .map(|(id, link)| (*id, link.clone()))
            .collect(),
    };
    // The manifest goes last: a staging folder without one is never loaded.
    serde_json::to_writer(File::create(staging.join(MANIFEST))?, &manifest)?;
    let old = sibling(dir, "old");
    let _ = std::fs::remove_dir_all(&old);
    if dir.exists() {
        std::fs::rename(dir, &old)?;
    }
    std::fs::rename(&staging, dir)?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// `frame-cache.{suffix}` beside `dir`.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_owned();
    name.push(format!(".{suffix}"));
    dir.with_file_name(name)
}
