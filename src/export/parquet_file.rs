//! Parquet with typed columns: text as strings, ids and counts as Int64, numbers, shares
//! and minutes as Float64, dates as Date, local times as Datetime (milliseconds, with the
//! zone). The table's context goes into the file's key-value metadata. The file itself
//! is written by `parquet_table`, the polars side.

use std::fs::File;

use chrono::NaiveDate;

use crate::analytics::AnalyticsError;

use super::parquet_table::{ParquetTable, ParquetType, ParquetValues};
use super::table::{About, Cell, Column, ColumnKind, Row};

/// The context is the file's key-value metadata under these keys (`deskbench.period`,
/// `deskbench.filters`, …), in the export's language, beside the schema polars and Arrow
/// write there themselves.
pub const METADATA_PREFIX: &str = "deskbench.";

pub(crate) struct ParquetFile<'f> {
    table: ParquetTable<&'f File>,
    kinds: Vec<ColumnKind>,
}

impl<'f> ParquetFile<'f> {
    pub(crate) fn create(
        file: &'f File,
        columns: &[Column],
        about: Option<&About>,
    ) -> Result<Self, AnalyticsError> {
        let schema: Vec<(String, ParquetType)> = columns
            .iter()
            .map(|c| (c.name.clone(), type_of(c.kind)))
            .collect();
        let metadata = about
            .iter()
            .flat_map(|a| &a.lines)
            .map(|line| (format!("{METADATA_PREFIX}{}", line.key), line.value.clone()))
            .collect();
        Ok(ParquetFile {
            table: ParquetTable::create(file, &schema, metadata)?,
            kinds: columns.iter().map(|c| c.kind).collect(),
        })
    }

    pub(crate) fn write(&mut self, rows: &[Row]) -> Result<(), AnalyticsError> {
        let values = self
            .kinds
            .iter()
            .enumerate()
            .map(|(i, kind)| values_of(rows, i, *kind))
            .collect();
        self.table.write(values)
    }

    pub(crate) fn finish(self) -> Result<u64, AnalyticsError> {
        self.table.finish()
    }
}

fn type_of(kind: ColumnKind) -> ParquetType {
    match kind {
        ColumnKind::Text => ParquetType::Text,
        ColumnKind::Id | ColumnKind::Integer => ParquetType::Int,
        ColumnKind::Number | ColumnKind::Share | ColumnKind::Minutes => ParquetType::Float,
        ColumnKind::Date => ParquetType::Date,
        ColumnKind::DateTime(tz) => ParquetType::Datetime {
            tz: tz.name().to_owned(),
        },
    }
}

/// Column `i` of `rows`; cells were checked against their column's kind.
fn values_of(rows: &[Row], i: usize, kind: ColumnKind) -> ParquetValues {
    let cells = rows.iter().map(|row| row.get(i).unwrap_or(&Cell::Null));
    match type_of(kind) {
        ParquetType::Text => ParquetValues::Text(
            cells
                .map(|c| match c {
                    Cell::Text(t) => Some(t.clone()),
                    _ => None,
                })
                .collect(),
        ),
        ParquetType::Int => ParquetValues::Int(
            cells
                .map(|c| match c {
                    Cell::Integer(v) => Some(*v),
                    _ => None,
                })
                .collect(),
        ),
        ParquetType::Float => ParquetValues::Float(
            cells
                .map(|c| match c {
                    Cell::Number(v) => Some(*v),
                    _ => None,
                })
                .collect(),
        ),
        ParquetType::Date => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            ParquetValues::Date(
                cells
                    .map(|c| match c {
                        Cell::Date(d) => i32::try_from((*d - epoch).num_days()).ok(),
                        _ => None,
                    })
                    .collect(),
            )
        }
        ParquetType::Datetime { .. } => ParquetValues::Datetime(
            cells
                .map(|c| match c {
                    Cell::Time(t) => Some(*t),
                    _ => None,
                })
                .collect(),
        ),
    }
}
