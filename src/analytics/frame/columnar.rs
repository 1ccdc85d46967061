//! The snapshot's columns as Arrow IPC files, one file per column, uncompressed so that
//! reading one maps the file into memory instead of decoding it: loading costs a few
//! system calls per column, a query reads from disk only the pages of the columns it
//! touches, and a save after an update writes only the columns that changed (the others
//! are hard links to the files of the snapshot they were read from).

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::{Deserialize, Serialize};

/// One column's file in a snapshot folder. A name is never reused for other contents
/// (it carries the save that wrote it), so a file found by its name is that column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ColumnFile {
    pub name: String,
    pub bytes: u64,
}

impl ColumnFile {
    /// The name of `table`'s `column` written by the save `stamp`.
    pub fn name(table: &str, column: &str, stamp: &str) -> String {
        format!("{table}.{column}.{stamp}.arrow")
    }

    /// Whether the name is one `name` gives for `table`'s `column`, so that a manifest can
    /// only point inside its own folder.
    pub fn is_of(&self, table: &str, column: &str) -> bool {
        let stamp = self
            .name
            .strip_prefix(&format!("{table}.{column}."))
            .and_then(|rest| rest.strip_suffix(".arrow"));
        stamp.is_some_and(|stamp| {
            !stamp.is_empty() && stamp.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
    }
}

/// Which columns of a frame are, unchanged, in which file of the snapshot folder they
/// were read from: a save links those files instead of writing the columns again.
#[derive(Debug, Default, Clone)]
pub(crate) struct StoredColumns(HashMap<(String, String), ColumnFile>);

impl StoredColumns {
    pub fn insert(&mut self, table: &str, column: &str, file: ColumnFile) {
        self.0.insert((table.to_owned(), column.to_owned()), file);
    }

    pub fn get(&self, table: &str, column: &str) -> Option<&ColumnFile> {
        self.0.get(&(table.to_owned(), column.to_owned()))
    }

    /// Only the columns `kept` names, for a frame that replaced the others.
    pub fn retain(&mut self, kept: impl Fn(&str, &str) -> bool) {
        self.0.retain(|(table, column), _| kept(table, column));
    }
}

/// Puts the file `name` of `from` into `to` as a hard link (a copy where the file system
/// has none), if it is still there with `bytes` bytes; false when it is not, and the
/// column must be written instead.
pub(crate) fn link(from: &Path, to: &Path, file: &ColumnFile) -> bool {
    let (source, target) = (from.join(&file.name), to.join(&file.name));
    let sized = |path: &Path| std::fs::metadata(path).is_ok_and(|m| m.len() == file.bytes);
    if !sized(&source) {
        return false;
    }
    let copied = || {
        std::fs::copy(&source, &target).is_ok()
            && File::open(&target).and_then(|f| f.sync_all()).is_ok()
    };
    let placed = (std::fs::hard_link(&source, &target).is_ok() || copied()) && sized(&target);
    if !placed {
        let _ = std::fs::remove_file(&target);
    }
    placed
}

/// Writes `df` to `path` as one uncompressed Arrow IPC file, not yet flushed to disk
/// (see [`flush_all`]); returns its size in bytes and the open file.
pub(crate) fn write(path: &Path, df: &DataFrame) -> PolarsResult<(u64, File)> {
    let mut file = File::create(path)?;
    IpcWriter::new(&mut file)
        .with_compression(None)
        .finish(&mut df.clone())?;
    Ok((file.metadata()?.len(), file))
}

/// Flushes every file to disk, all at once: a flush mostly waits for the disk, and
/// flushes that wait together are written together, so a thread per file takes less
/// time than one flush after another on each core.
pub(crate) fn flush_all(files: Vec<File>) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let flushes: Vec<_> = files
            .into_iter()
            .map(|file| scope.spawn(move || file.sync_all()))
            .collect();
        flushes.into_iter().try_for_each(|flush| {
            flush
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("flushing a snapshot file failed")))
        })
    })
}

/// Maps the table at `path` if the file has `bytes` bytes, reads as `schema` with
/// `rows` rows, and its text columns point only inside their own buffers. `None` for
/// anything else: the caller builds the frame anew.
pub(crate) fn map(path: &Path, bytes: u64, schema: &Schema, rows: usize) -> Option<DataFrame> {
    let file = File::open(path).ok()?;
    if file.metadata().ok()?.len() != bytes {
        return None;
    }
    // SAFETY: the files of a snapshot folder are written once, by `write`, and never
    // changed in place: a new save renames a new folder over the old one, and an old
    // file that is still mapped stays readable after it is unlinked. The file's
    // structure is checked below before any value is read.
    let reader = unsafe { IpcReader::new(file).memory_mapped(Some(PathBuf::from(path))) };
    let df = reader.finish().ok()?;
    let fits = df.schema().as_ref() == schema && df.height() == rows && text_in_bounds(&df);
    fits.then_some(df)
}

/// Whether every text value that does not fit in its 16-byte view lies inside one of
/// its column's buffers, so reading it never leaves the mapped file.
fn text_in_bounds(df: &DataFrame) -> bool {
    df.columns().iter().all(|column| {
        let Ok(text) = column.str() else {
            return true;
        };
        text.downcast_iter().all(|array| {
            let buffers = array.data_buffers();
            array.views().iter().all(|view| {
                view.length <= 12
                    || buffers.get(view.buffer_idx as usize).is_some_and(|buffer| {
                        (view.offset as usize).saturating_add(view.length as usize) <= buffer.len()
                    })
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_file_is_named_for_its_table_and_column_and_stays_in_its_folder() {
        let file = |name: &str| ColumnFile {
            name: name.to_owned(),
            bytes: 1,
        };
        let named = file(&ColumnFile::name("tickets", "status", "12-aB3"));
        assert!(named.is_of("tickets", "status"));
        assert!(!named.is_of("tickets", "id"), "another column");
        assert!(!file("tickets.status..arrow").is_of("tickets", "status"));
        assert!(!file("tickets.status.x/../../y.arrow").is_of("tickets", "status"));
    }

    #[test]
    fn a_column_is_linked_only_while_its_file_is_there_with_its_size() {
        let (from, to) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let df = df!("row" => [0u32, 1, 2]).unwrap();
        let name = ColumnFile::name("tags", "row", "1-a");
        let (bytes, _) = write(&from.path().join(&name), &df).unwrap();
        let file = ColumnFile { name, bytes };
        let other_size = ColumnFile {
            bytes: bytes + 1,
            ..file.clone()
        };
        assert!(!link(from.path(), to.path(), &other_size), "another size");
        assert!(link(from.path(), to.path(), &file));
        let schema = df.schema().as_ref().clone();
        assert_eq!(
            map(&to.path().join(&file.name), bytes, &schema, 3),
            Some(df)
        );
        std::fs::remove_file(from.path().join(&file.name)).unwrap();
        let again = tempfile::tempdir().unwrap();
        assert!(!link(from.path(), again.path(), &file), "gone");
    }

    #[test]
    fn a_table_reads_back_as_written_and_only_with_its_size_shape_and_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.arrow");
        let df = df!(
            "row" => [0u32, 1, 2],
            "text" => [Some("short"), None, Some("a value longer than twelve bytes")],
        )
        .unwrap();
        let (bytes, _) = write(&path, &df).unwrap();
        let schema = df.schema().as_ref().clone();
        assert_eq!(map(&path, bytes, &schema, 3), Some(df.clone()));
        assert_eq!(map(&path, bytes + 1, &schema, 3), None, "another size");
        assert_eq!(map(&path, bytes, &schema, 4), None, "other rows");
        let other = Schema::from_iter([Field::new("row".into(), DataType::UInt32)]);
        assert_eq!(map(&path, bytes, &other, 3), None, "other columns");
        std::fs::write(&path, vec![7u8; bytes as usize]).unwrap();
        assert_eq!(map(&path, bytes, &schema, 3), None, "not Arrow");
    }
}
