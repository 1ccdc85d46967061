//! Data export: the data of any chart, a whole ticket list or a feedback table, as CSV, XLSX or Parquet for
//! Excel, Power BI and Tableau. Sources turn into a small typed table (`table`) with what
//! it is about (the chart's context); the writers stream it a chunk at a time, report
//! progress, stop when cancelled, and only replace the target file once the new one is
//! complete. Parquet goes through
//! `parquet_table`, the one place here that uses polars.

mod csv_file;
mod error;
mod feedback;
mod from_chart;
mod parquet_file;
mod parquet_table;
mod part_file;
pub mod table;
mod tickets;
mod xlsx_file;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use csv_file::neutralise;
pub use error::ExportError;
pub use feedback::{feedback_table, FeedbackTable};
pub use from_chart::chart_table;
pub use part_file::write_file;
pub use table::{About, Cell, Column, ColumnKind, Row, Table, TableSource};
pub use tickets::TicketTable;
pub use xlsx_file::MAX_ROWS as XLSX_MAX_ROWS;

use csv_file::CsvFile;
use parquet_file::ParquetFile;
use part_file::PartFile;
use xlsx_file::XlsxFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Parquet,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] =
        [ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Parquet];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Parquet => "parquet",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn of_path(path: &Path) -> Result<ExportFormat, ExportError> {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(extension))
            .ok_or_else(|| ExportError::UnknownFormat(error::file_name(path)))
    }
}

/// How far an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ExportProgress {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// A finished export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub rows: u64,
    pub bytes: u64,
}

/// Writes `source` to `path` as `format`. `progress` hears after every chunk; setting
/// `cancel` stops the export at the next chunk with `ExportError::Cancelled`. Until the
/// export succeeds, `path` is untouched; on any error no file is left behind.
pub fn export(
    source: &mut dyn TableSource,
    format: ExportFormat,
    path: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<Exported, ExportError> {
    let total = source.total_rows();
    if format == ExportFormat::Xlsx && total > XLSX_MAX_ROWS {
        return Err(ExportError::TooManyRows {
            rows: total,
            max: XLSX_MAX_ROWS,
        });
    }
    let part = PartFile::create(path)?;
    let columns = source.columns().to_vec();
    let mut sink = Sink::create(format, &part, source.title(), &columns, source.about())?;
    let mut rows = 0u64;
    progress(ExportProgress { rows, total });
    while let Some(chunk) = next_rows(source, cancel)? {
        check_kinds(&chunk, &columns, rows)?;
        rows += chunk.len() as u64;
        if format == ExportFormat::Xlsx && rows > XLSX_MAX_ROWS {
            return Err(ExportError::TooManyRows {
                rows,
                max: XLSX_MAX_ROWS,
            });
        }
        sink.write(&chunk, &part)?;
        progress(ExportProgress { rows, total });
    }
    sink.finish(&part)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(ExportError::Cancelled);
    }
    let bytes = part
        .file()
        .metadata()
        .map_err(|err| ExportError::io(part.target(), err))?
        .len();
    part.commit()?;
    Ok(Exported { rows, bytes })
}

fn next_rows(
    source: &mut dyn TableSource,
    cancel: &AtomicBool,
) -> Result<Option<Vec<Row>>, ExportError> {
    if cancel.load(Ordering::Relaxed) {
        return Err(ExportError::Cancelled);
    }
    source.next_rows()
}

/// Every cell fits its column: a writer relies on it.
fn check_kinds(chunk: &[Row], columns: &[Column], first_row: u64) -> Result<(), ExportError> {
    for (i, row) in chunk.iter().enumerate() {
        let row_number = first_row + i as u64 + 1;
        if row.len() != columns.len() {
            return Err(ExportError::CellKind {
                column: columns.last().map(|c| c.name.clone()).unwrap_or_default(),
                row: row_number,
            });
        }
        if let Some(column) = columns
            .iter()
            .zip(row)
            .find_map(|(column, cell)| (!cell.fits(column.kind)).then_some(column))
        {
            return Err(ExportError::CellKind {
                column: column.name.clone(),
                row: row_number,
            });
        }
    }
    Ok(())
}

/// The writer of one format (boxed: each is large, and there is one per export).
enum Sink<'f> {
    Csv(Box<CsvFile<'f>>),
    Xlsx(Box<XlsxFile>),
    Parquet(Box<ParquetFile<'f>>),
}

impl<'f> Sink<'f> {
    fn create(
        format: ExportFormat,
        part: &'f PartFile,
        title: &str,
        columns: &[Column],
        about: Option<&About>,
    ) -> Result<Sink<'f>, ExportError> {
        let io = |err| ExportError::io(part.target(), err);
        let file = part.file();
        Ok(match format {
            ExportFormat::Csv => {
                Sink::Csv(Box::new(CsvFile::create(file, columns, about).map_err(io)?))
            }
            ExportFormat::Xlsx => Sink::Xlsx(Box::new(XlsxFile::create(title, columns, about)?)),
            ExportFormat::Parquet => {
                Sink::Parquet(Box::new(ParquetFile::create(file, columns, about)?))
            }
        })
    }

    fn write(&mut self, rows: &[Row], part: &PartFile) -> Result<(), ExportError> {
        match self {
            Sink::Csv(csv) => csv
                .write(rows)
                .map_err(|err| ExportError::io(part.target(), err)),
            Sink::Xlsx(xlsx) => Ok(xlsx.write(rows)?),
            Sink::Parquet(parquet) => Ok(parquet.write(rows)?),
        }
    }

    fn finish(self, part: &PartFile) -> Result<(), ExportError> {
        match self {
            Sink::Csv(csv) => csv
                .finish()
                .map_err(|err| ExportError::io(part.target(), err)),
            Sink::Xlsx(xlsx) => Ok(xlsx.finish(part.file())?),
            Sink::Parquet(parquet) => parquet.finish().map(drop).map_err(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_extension() {
        let of = |name: &str| ExportFormat::of_path(Path::new(name));
        assert_eq!(of("a/b.CSV").unwrap(), ExportFormat::Csv);
        assert_eq!(of("b.xlsx").unwrap(), ExportFormat::Xlsx);
        assert_eq!(of("b.parquet").unwrap(), ExportFormat::Parquet);
        assert!(matches!(of("b.xls"), Err(ExportError::UnknownFormat(n)) if n == "b.xls"));
        assert!(of("b").is_err());
    }
}
