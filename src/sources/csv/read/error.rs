//! What can go wrong reading an import file: a whole file that cannot be read
//! (`ReadError`), and one row that cannot (`BadRow`), which never stops the rows after it
//! unless its problem `ends_file` (a cancel, a disk error).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use thiserror::Error;

use super::{MAX_CELL_BYTES, MAX_ROW_BYTES, MAX_ROW_CELLS};

/// The whole file cannot be read; nothing of it was imported.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("there is no file at {}", path.display())]
    NotFound { path: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV and import that", path.display())]
    OldExcel { path: PathBuf },
    #[error("{} is an Excel 2003 XML spreadsheet (what Freshdesk's \"Excel\" export writes): export it as CSV and import that", path.display())]
    SpreadsheetXml { path: PathBuf },
    #[error("{} is neither CSV text nor an XLSX workbook", path.display())]
    NotTabular { path: PathBuf },
    #[error("{} is not a readable XLSX workbook: {source}", path.display())]
    Workbook {
        path: PathBuf,
        #[source]
        source: calamine::XlsxError,
    },
    #[error("{} has no worksheet", path.display())]
    NoSheet { path: PathBuf },
    #[error("there is no sheet named '{sheet}' (the workbook has: {available})")]
    SheetNotFound { sheet: String, available: String },
    #[error("'{}' cannot separate cells: choose a comma, semicolon, tab or another ASCII sign", char::from(*.0).escape_default())]
    UnusableDelimiter(u8),
    #[error("the import was cancelled")]
    Cancelled,
}

impl ReadError {
    /// The error for an I/O failure on `path`: a missing file says so plainly.
    pub(super) fn io(path: &Path, source: std::io::Error) -> ReadError {
        let path = path.to_owned();
        match source.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound { path },
            _ => ReadError::Unreadable { path, source },
        }
    }
}

/// Why one row was not read. `Cancelled`, `Unreadable`, `BrokenSheet` and `SheetStopped`
/// end the file (see `ends_file`); every other problem skips only its row.
#[derive(Debug, Clone, Error)]
pub enum RowProblem {
    #[error("broken quotes: a quote opened on this line runs to line {through_line}")]
    BrokenQuotes { through_line: u64 },
    #[error("cell {column} is longer than {} MB", MAX_CELL_BYTES >> 20)]
    CellTooLong { column: usize },
    #[error("the row is longer than {} MB", MAX_ROW_BYTES >> 20)]
    RowTooLong,
    #[error("the row has more than {MAX_ROW_CELLS} cells")]
    TooManyCells,
    #[error(
        "invalid UTF-8 text in cell {column} (if the file is Windows-1252, choose that encoding)"
    )]
    InvalidUtf8 { column: usize },
    #[error("the import was cancelled")]
    Cancelled,
    #[error("the file could not be read on from here: {0}")]
    Unreadable(#[source] Arc<std::io::Error>),
    #[error("the sheet could not be read on from here: {0}")]
    BrokenSheet(#[source] Arc<calamine::XlsxError>),
    #[error("the sheet reader stopped unexpectedly here")]
    SheetStopped,
}

impl RowProblem {
    /// True when no row follows this one: the file was cancelled or could not be read on.
    pub fn ends_file(&self) -> bool {
        matches!(
            self,
            RowProblem::Cancelled
                | RowProblem::Unreadable(_)
                | RowProblem::BrokenSheet(_)
                | RowProblem::SheetStopped
        )
    }
}

/// A row that was not read, with the line (CSV) or row number (XLSX) where it starts.
#[derive(Debug, Clone, Error)]
#[error("line {line}: {problem}")]
pub struct BadRow {
    pub line: u64,
    pub problem: RowProblem,
}
