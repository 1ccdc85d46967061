//! Reading an import file into rows of text: CSV in any of the encodings helpdesks
//! and Excel write, with its delimiter sniffed, or the first (or a named) sheet of an
//! XLSX workbook. Rows stream in bounded memory with the line they start on; a row that
//! cannot be read is a `BadRow` and the next one reads. What the cells mean is the
//! mapping's business, not this module's.

mod csv_rows;
mod delimiter;
mod encoding;
mod error;
mod xlsx_rows;

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use calamine::Reader;
use serde::{Deserialize, Serialize};

pub use encoding::TextEncoding;
pub use error::{BadRow, ReadError, RowProblem};

use csv_rows::{Counted, CsvRows};
use xlsx_rows::{Workbook, XlsxRows};

/// The longest cell read; a longer one makes its row a `BadRow`.
pub const MAX_CELL_BYTES: usize = 1 << 20;
/// The longest row read, all cells together.
pub const MAX_ROW_BYTES: usize = 16 << 20;
/// The most cells a row may have (Excel's column limit).
pub const MAX_ROW_CELLS: usize = 16_384;

/// How many rows pass between two looks at the cancel flag.
const CANCEL_EVERY: u32 = 1024;
/// How much of the start of a file is read to tell its format and delimiter.
const HEAD_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Csv,
    Xlsx,
}

/// What the caller knows better than detection; `None` everywhere detects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<u8>,
    /// The worksheet of an XLSX file; the first one when `None`.
    pub sheet: Option<String>,
}

/// How the file was read, to show the user what was detected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileShape {
    pub format: FileFormat,
    /// `None` for XLSX.
    pub encoding: Option<TextEncoding>,
    /// `None` for XLSX.
    pub delimiter: Option<u8>,
    /// `None` for CSV.
    pub sheet: Option<String>,
    pub total_bytes: u64,
}

/// One row of cells as text, with the line (CSV) or row number (XLSX) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// The rows of an open file. Every row is `Ok` or a `BadRow`; a cancel or a disk error
/// ends the rows with a `BadRow` whose problem `ends_file`.
pub struct RowReader<'c> {
    rows: Rows,
    cancel: &'c AtomicBool,
    until_cancel_check: u32,
    cancelled: bool,
}

enum Rows {
    Csv {
        // Boxed: the parser's tables make it ten times the size of the XLSX rows.
        rows: Box<CsvRows>,
        bytes_read: Arc<AtomicU64>,
    },
    Xlsx {
        rows: XlsxRows,
        total_bytes: u64,
    },
}

impl RowReader<'_> {
    /// How far into the file reading got, in bytes of `FileShape::total_bytes`; for XLSX
    /// the share of rows read, scaled to the file's size.
    pub fn bytes_read(&self) -> u64 {
        match &self.rows {
            Rows::Csv { bytes_read, .. } => bytes_read.load(Ordering::Relaxed),
            Rows::Xlsx { rows, total_bytes } => (rows.share_read() * *total_bytes as f64) as u64,
        }
    }

    fn line(&self) -> u64 {
        match &self.rows {
            Rows::Csv { rows, .. } => rows.line(),
            Rows::Xlsx { rows, .. } => rows.line(),
        }
    }
}

impl Iterator for RowReader<'_> {
    type Item = Result<RawRow, BadRow>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.cancelled {
            return None;
        }
        if self.until_cancel_check == 0 {
            self.until_cancel_check = CANCEL_EVERY;
            if self.cancel.load(Ordering::Relaxed) {
                self.cancelled = true;
                let line = self.line();
                let problem = RowProblem::Cancelled;
                return Some(Err(BadRow { line, problem }));
            }
        }
        self.until_cancel_check -= 1;
        match &mut self.rows {
            Rows::Csv { rows, .. } => rows.next_row(),
            Rows::Xlsx { rows, .. } => rows.next_row(),
        }
    }
}

/// Opens `path` as CSV or XLSX (told by its content, not its name) and returns how it
/// is read and its rows. `cancel` is looked at while detecting and every
/// `CANCEL_EVERY` rows.
pub fn open<'c>(
    path: &Path,
    options: &ReadOptions,
    cancel: &'c AtomicBool,
) -> Result<(FileShape, RowReader<'c>), ReadError> {
    let unreadable = |source| ReadError::io(path, source);
    let mut file = File::open(path).map_err(unreadable)?;
    let total_bytes = file.metadata().map_err(unreadable)?.len();
    let head = read_head(&mut file).map_err(unreadable)?;
    let (shape, rows) = match kind_of(&head, options.encoding, path)? {
        FileFormat::Xlsx => open_xlsx(path, options, total_bytes)?,
        FileFormat::Csv => {
            let encoding = match options.encoding.or_else(|| TextEncoding::from_bom(&head)) {
                Some(encoding) => encoding,
                None => sniff_encoding(&mut file, cancel, path)?,
            };
            let delimiter = delimiter_of(&head, encoding, options.delimiter)?;
            open_csv(file, &head, encoding, delimiter, total_bytes).map_err(unreadable)?
        }
    };
    let reader = RowReader {
        rows,
        cancel,
        until_cancel_check: 0,
        cancelled: false,
    };
    Ok((shape, reader))
}

fn read_head(file: &mut File) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// CSV or XLSX by the file's first bytes; other spreadsheet and binary files are
/// refused with what to do instead.
fn kind_of(
    head: &[u8],
    encoding: Option<TextEncoding>,
    path: &Path,
) -> Result<FileFormat, ReadError> {
    let path = path.to_owned();
    let utf16 = matches!(
        encoding.or_else(|| TextEncoding::from_bom(head)),
        Some(TextEncoding::Utf16Le | TextEncoding::Utf16Be)
    );
    if head.starts_with(b"PK\x03\x04") {
        Ok(FileFormat::Xlsx)
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Err(ReadError::OldExcel { path })
    } else if is_spreadsheet_xml(head) {
        Err(ReadError::SpreadsheetXml { path })
    } else if !utf16 && head.contains(&0) {
        Err(ReadError::NotTabular { path })
    } else {
        Ok(FileFormat::Csv)
    }
}

fn is_spreadsheet_xml(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    text.starts_with("<?xml") && text.contains("urn:schemas-microsoft-com:office:spreadsheet")
}

/// UTF-8 or Windows-1252, from the file's first non-ASCII bytes.
fn sniff_encoding(
    file: &mut File,
    cancel: &AtomicBool,
    path: &Path,
) -> Result<TextEncoding, ReadError> {
    let scan = |file: &mut File| {
        file.seek(SeekFrom::Start(0))?;
        encoding::sniff_8bit(file, || !cancel.load(Ordering::Relaxed))
    };
    scan(file)
        .map_err(|source| ReadError::io(path, source))?
        .ok_or(ReadError::Cancelled)
}

/// The delimiter asked for, if it can separate cells, else the one sniffed from the head.
fn delimiter_of(head: &[u8], encoding: TextEncoding, asked: Option<u8>) -> Result<u8, ReadError> {
    match asked {
        Some(d) if d.is_ascii() && !matches!(d, b'"' | b'\n' | b'\r') => Ok(d),
        Some(d) => Err(ReadError::UnusableDelimiter(d)),
        None => {
            let sample = encoding.sample_as_utf8(&head[encoding.bom_len(head)..]);
            let fallback = match encoding {
                TextEncoding::Utf16Le | TextEncoding::Utf16Be => b'\t',
                _ => b',',
            };
            Ok(delimiter::sniff(&sample).unwrap_or(fallback))
        }
    }
}

fn open_csv(
    mut file: File,
    head: &[u8],
    encoding: TextEncoding,
    delimiter: u8,
    total_bytes: u64,
) -> io::Result<(FileShape, Rows)> {
    let bom = encoding.bom_len(head);
    let encoding = match (encoding, bom) {
        (TextEncoding::Utf8, 3) => TextEncoding::Utf8Bom,
        (encoding, _) => encoding,
    };
    file.seek(SeekFrom::Start(bom as u64))?;
    let bytes_read = Arc::new(AtomicU64::new(bom as u64));
    let counted = Counted {
        inner: file,
        count: Arc::clone(&bytes_read),
    };
    let rows = Box::new(CsvRows::new(encoding.stream(counted), delimiter, encoding));
    let shape = FileShape {
        format: FileFormat::Csv,
        encoding: Some(encoding),
        delimiter: Some(delimiter),
        sheet: None,
        total_bytes,
    };
    Ok((shape, Rows::Csv { rows, bytes_read }))
}

fn open_xlsx(
    path: &Path,
    options: &ReadOptions,
    total_bytes: u64,
) -> Result<(FileShape, Rows), ReadError> {
    let workbook: Workbook =
        calamine::open_workbook(path).map_err(|source| ReadError::Workbook {
            path: path.to_owned(),
            source,
        })?;
    let names = workbook.sheet_names();
    let sheet = match &options.sheet {
        Some(wanted) => names
            .iter()
            .find(|name| *name == wanted)
            .cloned()
            .ok_or_else(|| ReadError::SheetNotFound {
                sheet: wanted.clone(),
                available: names.join(", "),
            })?,
        None => names.first().cloned().ok_or_else(|| ReadError::NoSheet {
            path: path.to_owned(),
        })?,
    };
    let shape = FileShape {
        format: FileFormat::Xlsx,
        encoding: None,
        delimiter: None,
        sheet: Some(sheet.clone()),
        total_bytes,
    };
    let rows = XlsxRows::start(workbook, sheet);
    Ok((shape, Rows::Xlsx { rows, total_bytes }))
}
