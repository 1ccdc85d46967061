//! The table an export writes, whatever the format: named columns of one kind each, and
//! rows of typed cells (null anywhere). A source hands rows over a chunk at a time, so a
//! long ticket list is never held whole.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::ExportError;
use crate::charts::context::{self, ChartContext, ContextLine};
use crate::charts::Locale;

/// Rows per chunk a source hands to a writer: progress and cancel act between chunks.
pub const CHUNK_ROWS: usize = 5_000;

/// What a column holds, which decides its type and number format in each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text; text from customers or helpdesk admins is neutralised where a spreadsheet
    /// would read it as a formula.
    Text,
    /// A whole number that names something (a ticket id): no thousands separator.
    Id,
    /// A count.
    Integer,
    /// Any other number (replies per ticket).
    Number,
    /// 0..1, shown as a percentage.
    Share,
    /// Minutes, shown as a duration in spreadsheets.
    Minutes,
    /// A calendar date.
    Date,
    /// An instant (unix seconds), shown as local time in the zone.
    DateTime(Tz),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
}

impl Column {
    pub fn new(name: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            name: name.into(),
            kind,
        }
    }
}

/// One value. Which variant goes with which column kind: `Text` with `Text`, `Integer`
/// with `Id` and `Integer`, `Number` with `Number`, `Share` and `Minutes`, `Date` with
/// `Date`, `Time` with `DateTime`.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Text(String),
    Integer(i64),
    Number(f64),
    Date(NaiveDate),
    /// Unix seconds.
    Time(i64),
}

impl Cell {
    /// Whether this cell may stand in a column of `kind`.
    pub fn fits(&self, kind: ColumnKind) -> bool {
        use ColumnKind as K;
        match self {
            Cell::Null => true,
            Cell::Text(_) => kind == K::Text,
            Cell::Integer(_) => matches!(kind, K::Id | K::Integer),
            Cell::Number(v) => v.is_finite() && matches!(kind, K::Number | K::Share | K::Minutes),
            Cell::Date(_) => kind == K::Date,
            Cell::Time(_) => matches!(kind, K::DateTime(_)),
        }
    }
}

impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Cell {
        text.map_or(Cell::Null, Cell::Text)
    }
}

impl From<Option<i64>> for Cell {
    fn from(value: Option<i64>) -> Cell {
        value.map_or(Cell::Null, Cell::Integer)
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Cell {
        value.map_or(Cell::Null, Cell::Number)
    }
}

pub type Row = Vec<Cell>;

/// What a table is about (its chart's context), written with it as each format allows:
/// `# ` lines before a CSV's header, a sheet of its own in XLSX, key-value metadata in
/// Parquet. Empty when nothing is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct About {
    /// The XLSX sheet's name in the reader's language.
    pub sheet: &'static str,
    pub lines: Vec<ContextLine>,
}

impl About {
    pub fn of(context: &ChartContext, locale: Locale) -> About {
        About {
            sheet: context::about_sheet(locale),
            lines: context::describe(context, locale),
        }
    }
}

/// Where the rows of an export come from.
pub trait TableSource {
    /// A short name for the table (a spreadsheet's sheet name).
    fn title(&self) -> &str;
    fn columns(&self) -> &[Column];
    /// Rows in the whole table, known before the first is written.
    fn total_rows(&self) -> u64;
    /// The next rows in order; `None` after the last.
    fn next_rows(&mut self) -> Result<Option<Vec<Row>>, ExportError>;
    /// What the table is about, written above or beside it.
    fn about(&self) -> Option<&About> {
        None
    }
}

/// A table held in memory (a chart's data).
#[derive(Debug, Clone)]
pub struct Table {
    title: String,
    columns: Vec<Column>,
    total: u64,
    rows: std::vec::IntoIter<Row>,
    about: Option<About>,
}

impl Table {
    pub fn new(title: impl Into<String>, columns: Vec<Column>, rows: Vec<Row>) -> Table {
        Table {
            title: title.into(),
            columns,
            total: rows.len() as u64,
            rows: rows.into_iter(),
            about: None,
        }
    }

    pub fn with_about(self, about: Option<About>) -> Table {
        Table { about, ..self }
    }
}

impl TableSource for Table {
    fn title(&self) -> &str {
        &self.title
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn total_rows(&self) -> u64 {
        self.total
    }

    fn next_rows(&mut self) -> Result<Option<Vec<Row>>, ExportError> {
        let chunk: Vec<Row> = self.rows.by_ref().take(CHUNK_ROWS).collect();
        Ok((!chunk.is_empty()).then_some(chunk))
    }

    fn about(&self) -> Option<&About> {
        self.about.as_ref()
    }
}
