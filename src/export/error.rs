//! Errors of data export. File errors name the file (never the whole path); a cancelled
//! export is its own case, so callers can tell it from a failure.

use crate::analytics::AnalyticsError;
use crate::charts::SpecError;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write {file}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
    #[error("{rows} rows do not fit in an Excel sheet (at most {max}); export CSV or Parquet, or narrow the query")]
    TooManyRows { rows: u64, max: u64 },
    #[error("cannot tell the format of {0:?}; end the file name in .csv, .xlsx or .parquet")]
    UnknownFormat(String),
    #[error("column {column:?} got a value of another kind in row {row}")]
    CellKind { column: String, row: u64 },
    #[error("the Excel writer failed")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Analytics(#[from] AnalyticsError),
    #[error(transparent)]
    Spec(#[from] SpecError),
}

impl ExportError {
    /// An I/O error while writing `path`.
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> ExportError {
        ExportError::Io {
            file: file_name(path),
            source,
        }
    }
}

/// The last part of a path, for messages.
pub(crate) fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}
