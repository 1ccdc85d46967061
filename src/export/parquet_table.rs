//! Writes a typed table as Parquet, a batch of rows at a time, for data export. Callers
//! hand over plain Rust columns; polars stays inside this module. Row groups are
//! gathered to a useful size before they are written, whatever the batch size.

use std::io::Write;

use polars::io::parquet::write::{BatchedWriter, KeyValueMetadata};
use polars::prelude::*;

use crate::analytics::AnalyticsError;

/// Rows per Parquet row group: large enough for fast scans, small enough to stream.
const ROW_GROUP_ROWS: usize = 65_536;

/// The type a column has in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParquetType {
    Text,
    /// Signed 64-bit integers.
    Int,
    /// 64-bit floats.
    Float,
    /// Calendar dates.
    Date,
    /// Instants in milliseconds, annotated with the IANA zone they are shown in.
    Datetime {
        tz: String,
    },
}

/// One column's values of a batch; the variant goes with the column's `ParquetType`.
#[derive(Debug, Clone, PartialEq)]
pub enum ParquetValues {
    Text(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    /// Days since 1970-01-01.
    Date(Vec<Option<i32>>),
    /// Unix seconds.
    Datetime(Vec<Option<i64>>),
}

/// A Parquet file being written.
pub struct ParquetTable<W: Write> {
    writer: BatchedWriter<W>,
    columns: Vec<(PlSmallStr, ParquetType)>,
    pending: Option<DataFrame>,
}

impl<W: Write> ParquetTable<W> {
    /// Starts a file of these columns (names must be unique) in `out`, with `metadata` as
    /// the file's key-value metadata.
    pub fn create(
        out: W,
        columns: &[(String, ParquetType)],
        metadata: Vec<(String, String)>,
    ) -> Result<Self, AnalyticsError> {
        let columns: Vec<(PlSmallStr, ParquetType)> = columns
            .iter()
            .map(|(name, kind)| (PlSmallStr::from(name.as_str()), kind.clone()))
            .collect();
        let mut schema = Schema::with_capacity(columns.len());
        for (name, kind) in &columns {
            if schema.insert(name.clone(), dtype(kind)?).is_some() {
                return Err(PolarsError::Duplicate(format!("column {name:?}").into()).into());
            }
        }
        // Snappy: read by every Parquet reader, Power BI and Tableau included.
        let metadata = (!metadata.is_empty()).then(|| KeyValueMetadata::from_static(metadata));
        let writer = ParquetWriter::new(out)
            .with_compression(ParquetCompression::Snappy)
            .with_key_value_metadata(metadata)
            .batched(&schema)?;
        Ok(ParquetTable {
            writer,
            columns,
            pending: None,
        })
    }

    /// Adds rows: one `ParquetValues` per column, in the columns' order, all as long.
    pub fn write(&mut self, values: Vec<ParquetValues>) -> Result<(), AnalyticsError> {
        if values.len() != self.columns.len() {
            return Err(PolarsError::ShapeMismatch(
                format!(
                    "{} columns given for a table of {}",
                    values.len(),
                    self.columns.len()
                )
                .into(),
            )
            .into());
        }
        let columns = self
            .columns
            .iter()
            .zip(values)
            .map(|((name, kind), values)| column(name.clone(), kind, values))
            .collect::<Result<Vec<_>, _>>()?;
        let batch = DataFrame::new_infer_height(columns)?;
        let pending = match self.pending.take() {
            Some(mut pending) => {
                pending.vstack_mut_owned(batch)?;
                pending
            }
            None => batch,
        };
        if pending.height() >= ROW_GROUP_ROWS {
            self.flush(pending)?;
        } else {
            self.pending = Some(pending);
        }
        Ok(())
    }

    /// Writes what is left and the footer; returns the file's size in bytes.
    pub fn finish(mut self) -> Result<u64, AnalyticsError> {
        if let Some(pending) = self.pending.take() {
            self.flush(pending)?;
        }
        Ok(self.writer.finish()?)
    }

    fn flush(&mut self, mut rows: DataFrame) -> Result<(), AnalyticsError> {
        // One chunk per column makes one row group.
        rows.rechunk_mut();
        Ok(self.writer.write_batch(&rows)?)
    }
}

fn dtype(kind: &ParquetType) -> Result<DataType, PolarsError> {
    Ok(match kind {
        ParquetType::Text => DataType::String,
        ParquetType::Int => DataType::Int64,
        ParquetType::Float => DataType::Float64,
        ParquetType::Date => DataType::Date,
        ParquetType::Datetime { tz } => DataType::Datetime(
            TimeUnit::Milliseconds,
            TimeZone::opt_try_new(Some(tz.as_str()))?,
        ),
    })
}

fn column(name: PlSmallStr, kind: &ParquetType, values: ParquetValues) -> PolarsResult<Column> {
    let mismatch =
        || polars_err!(SchemaMismatch: "the values given for column {name:?} are not of its type");
    let physical = match (kind, values) {
        (ParquetType::Text, ParquetValues::Text(v)) => Column::new(name.clone(), v),
        (ParquetType::Int, ParquetValues::Int(v)) => Column::new(name.clone(), v),
        (ParquetType::Float, ParquetValues::Float(v)) => Column::new(name.clone(), v),
        (ParquetType::Date, ParquetValues::Date(v)) => Column::new(name.clone(), v),
        (ParquetType::Datetime { .. }, ParquetValues::Datetime(v)) => {
            let millis: Vec<Option<i64>> = v
                .into_iter()
                .map(|s| s.and_then(|s| s.checked_mul(1000)))
                .collect();
            Column::new(name.clone(), millis)
        }
        _ => return Err(mismatch()),
    };
    physical.cast(&dtype(kind)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_columns_read_back_with_their_types() {
        let mut bytes = Vec::new();
        let columns = [
            ("id".to_owned(), ParquetType::Int),
            ("day".to_owned(), ParquetType::Date),
            (
                "at".to_owned(),
                ParquetType::Datetime {
                    tz: "Europe/Moscow".into(),
                },
            ),
        ];
        let mut table = ParquetTable::create(&mut bytes, &columns, Vec::new()).unwrap();
        table
            .write(vec![
                ParquetValues::Int(vec![Some(1), None]),
                ParquetValues::Date(vec![Some(0), Some(1)]),
                ParquetValues::Datetime(vec![Some(86_400), None]),
            ])
            .unwrap();
        table.finish().unwrap();
        let df = ParquetReader::new(std::io::Cursor::new(bytes))
            .finish()
            .unwrap();
        assert_eq!(df.height(), 2);
        assert_eq!(df.column("day").unwrap().dtype(), &DataType::Date);
        assert!(matches!(
            df.column("at").unwrap().dtype(),
            DataType::Datetime(TimeUnit::Milliseconds, Some(tz)) if tz.as_str() == "Europe/Moscow"
        ));
    }

    #[test]
    fn values_of_another_type_are_refused() {
        let columns = [("id".to_owned(), ParquetType::Int)];
        let mut table = ParquetTable::create(Vec::new(), &columns, Vec::new()).unwrap();
        let wrong = vec![ParquetValues::Text(vec![Some("x".into())])];
        assert!(table.write(wrong).is_err());
        let dup = [
            ("a".to_owned(), ParquetType::Int),
            ("a".to_owned(), ParquetType::Int),
        ];
        assert!(ParquetTable::create(Vec::new(), &dup, Vec::new()).is_err());
    }
}
