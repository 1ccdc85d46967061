//! CSV for Excel, Power BI and Tableau: UTF-8 with a byte-order mark (so Excel reads the
//! encoding right), RFC 4180 quoting and CRLF line ends, ISO dates, local times as
//! `YYYY-MM-DD HH:MM:SS`, plain numbers (minutes as minutes, shares as 0..1). Text that a
//! spreadsheet would run as a formula gets a leading apostrophe. The table's context comes
//! first, as `# Label: value` lines (see `COMMENT`).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};

use chrono::TimeZone;

use super::table::{About, Cell, Column, ColumnKind, Row};

/// Starts the lines of the context above the header. pandas (`comment="#"`), polars
/// (`comment_prefix="#"`), R (`comment.char="#"`) and DuckDB (`comment='#'`) skip them
/// with one standard option and read the table as it is; a person opening the file in a
/// spreadsheet reads them first, above the header, which is where the period and filters
/// matter. A trailing note instead would reach every reader as a ragged last row, and a
/// second file could be lost on the way.
pub const COMMENT: char = '#';

pub(crate) struct CsvFile<'f> {
    writer: csv::Writer<BufWriter<&'f File>>,
    kinds: Vec<ColumnKind>,
}

impl<'f> CsvFile<'f> {
    pub(crate) fn create(
        file: &'f File,
        columns: &[Column],
        about: Option<&About>,
    ) -> std::io::Result<CsvFile<'f>> {
        let mut out = BufWriter::with_capacity(1 << 16, file);
        out.write_all("\u{feff}".as_bytes())?;
        for line in about.iter().flat_map(|a| &a.lines) {
            write!(
                out,
                "{COMMENT} {}: {}\r\n",
                line.label,
                one_line(&line.value)
            )?;
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        writer.write_record(columns.iter().map(|c| neutralise(&c.name).into_owned()))?;
        Ok(CsvFile {
            writer,
            kinds: columns.iter().map(|c| c.kind).collect(),
        })
    }

    pub(crate) fn write(&mut self, rows: &[Row]) -> std::io::Result<()> {
        let mut record = csv::StringRecord::with_capacity(256, self.kinds.len());
        for row in rows {
            record.clear();
            for (cell, kind) in row.iter().zip(&self.kinds) {
                record.push_field(&text_of(cell, *kind));
            }
            self.writer.write_record(&record)?;
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> std::io::Result<()> {
        let mut out = self
            .writer
            .into_inner()
            .map_err(|err| std::io::Error::other(err.to_string()))?;
        out.flush()
    }
}

/// A context value on one line (the values are names and dates; line breaks would end
/// the comment early).
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn text_of(cell: &Cell, kind: ColumnKind) -> Cow<'_, str> {
    match cell {
        Cell::Null => Cow::Borrowed(""),
        Cell::Text(text) => neutralise(text),
        Cell::Integer(v) => Cow::Owned(v.to_string()),
        Cell::Number(v) => Cow::Owned(v.to_string()),
        Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        Cell::Time(t) => match kind {
            ColumnKind::DateTime(tz) => tz
                .timestamp_opt(*t, 0)
                .single()
                .map(|local| Cow::Owned(local.format("%Y-%m-%d %H:%M:%S").to_string()))
                .unwrap_or(Cow::Borrowed("")),
            _ => Cow::Owned(t.to_string()),
        },
    }
}

/// Text starting like a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading
/// apostrophe, so a spreadsheet shows it instead of running it.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a spreadsheet could read `text` as a formula.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised_and_other_text_kept() {
        for risky in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"] {
            assert_eq!(neutralise(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["Refund", "a=b", " =1", "", "Возврат", "환불"] {
            assert_eq!(neutralise(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn times_are_local_to_the_column_zone_and_numbers_plain() {
        let moscow = ColumnKind::DateTime(chrono_tz::Europe::Moscow);
        assert_eq!(text_of(&Cell::Time(0), moscow), "1970-01-01 03:00:00");
        assert_eq!(text_of(&Cell::Number(93.5), ColumnKind::Minutes), "93.5");
        assert_eq!(text_of(&Cell::Number(60.0), ColumnKind::Minutes), "60");
        assert_eq!(text_of(&Cell::Integer(-3), ColumnKind::Integer), "-3");
        assert_eq!(text_of(&Cell::Null, ColumnKind::Text), "");
    }
}
