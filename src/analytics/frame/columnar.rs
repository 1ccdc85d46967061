//! The snapshot's tables as Arrow IPC files, uncompressed so that reading one maps the
//! file into memory instead of decoding it: loading costs a few system calls per table,
//! and a query reads from disk only the pages of the columns it touches.

use std::fs::File;
use std::path::{Path, PathBuf};

use polars::prelude::*;

/// Writes `df` to `path` as one uncompressed Arrow IPC file; returns its size in bytes.
pub(crate) fn write(path: &Path, df: &DataFrame) -> PolarsResult<u64> {
    let mut file = File::create(path)?;
    IpcWriter::new(&mut file)
        .with_compression(None)
        .finish(&mut df.clone())?;
    file.sync_all()?;
    Ok(file.metadata()?.len())
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
    fn a_table_reads_back_as_written_and_only_with_its_size_shape_and_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.arrow");
        let df = df!(
            "row" => [0u32, 1, 2],
            "text" => [Some("short"), None, Some("a value longer than twelve bytes")],
        )
        .unwrap();
        let bytes = write(&path, &df).unwrap();
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
