//! Printing results to stdout as JSON, CSV or a readable table. Every result goes
//! through `to_stdout`, which turns a failed write into `StdoutError` (a closed pipe is
//! told apart, for `main` to end quietly); every table and CSV cell goes through
//! `printable`, and CSV text through the export's formula neutralising.

use std::io::{self, Write};

use anyhow::Result;
use comfy_table::{CellAlignment, Table};
use serde::Serialize;

use deskbench::analytics::query::breakdowns::BreakdownsReport;
use deskbench::analytics::query::report::{KpiReport, ReportTable};
use deskbench::export::neutralise;

use crate::args::Format;
use crate::printable::{printable, Tabs};

/// Writing the result to stdout failed.
#[derive(Debug, thiserror::Error)]
#[error("could not write the output")]
pub struct StdoutError(#[source] pub io::Error);

impl StdoutError {
    /// The reader went away (`deskbench kpi | head -1`): it has what it wanted.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Runs `print` on stdout and flushes it. A write that fails, through whatever writer
/// (JSON, CSV, a table), comes back as `StdoutError`.
pub fn to_stdout(print: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut out = Watched {
        inner: io::stdout().lock(),
        failed: None,
    };
    let result = print(&mut out).and_then(|()| Ok(out.flush()?));
    match out.failed.take() {
        Some(err) => Err(StdoutError(err).into()),
        None => result,
    }
}

/// One line of text (helpdesk text sanitised, tabs kept).
pub fn line(text: &str) -> Result<()> {
    to_stdout(|out| Ok(writeln!(out, "{}", printable(text, Tabs::Keep))?))
}

/// A writer that keeps the first error of the one it wraps, so that the error survives
/// the JSON or CSV writer that reports it in its own type.
struct Watched<W> {
    inner: W,
    failed: Option<io::Error>,
}

impl<W: Write> Watched<W> {
    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        result.map_err(|err| {
            let kind = err.kind();
            self.failed.get_or_insert(err);
            io::Error::from(kind)
        })
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// A table whose cells are printable: tabs become spaces, newlines stay (a cell of
/// several lines).
pub fn table<I, S>(header: &[&str], rows: I) -> Table
where
    I: IntoIterator<Item = Vec<S>>,
    S: AsRef<str>,
{
    let mut table = Table::new();
    table.set_header(header);
    for row in rows {
        table.add_row(row.iter().map(|cell| table_cell(cell.as_ref())));
    }
    table
}

fn table_cell(text: &str) -> String {
    printable(text, Tabs::Space).into_owned()
}

/// A CSV field: printable, and text (not a number) that a spreadsheet would run as a
/// formula gets the export's leading apostrophe.
fn csv_field(text: &str) -> String {
    let text = printable(text, Tabs::Keep);
    if text.parse::<f64>().is_ok_and(f64::is_finite) {
        return text.into_owned();
    }
    neutralise(&text).into_owned()
}

pub fn print_report(report: &KpiReport, format: Format) -> Result<()> {
    let heading = format!(
        "{} to {} ({})",
        report.range.from, report.range.to, report.range.tz
    );
    print(report, || report.table(), &heading, format)
}

/// Prints a report of several breakdowns as `print_report` prints one.
pub fn print_breakdowns(report: &BreakdownsReport, format: Format) -> Result<()> {
    let range = &report.total.range;
    let heading = format!("{} to {} ({})", range.from, range.to, range.tz);
    print(report, || report.table(), &heading, format)
}

/// Prints `json` as JSON, or its flattened `table` as CSV or a table under `heading`.
pub fn print<T: Serialize>(
    json: &T,
    table: impl FnOnce() -> ReportTable,
    heading: &str,
    format: Format,
) -> Result<()> {
    to_stdout(|out| {
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, json)?;
                writeln!(out)?;
            }
            Format::Csv => {
                let table = table();
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(table.columns.iter().map(|c| csv_field(c)))?;
                for row in &table.rows {
                    writer.write_record(row.iter().map(|c| csv_field(c)))?;
                }
                writer.flush()?;
            }
            Format::Table => {
                let table = table();
                let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
                let mut printed = self::table(&columns, table.rows);
                for column in printed.column_iter_mut().skip(1) {
                    column.set_cell_alignment(CellAlignment::Right);
                }
                writeln!(out, "{}", printable(heading, Tabs::Space))?;
                writeln!(out, "{printed}")?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_neutralise_formulas_but_keep_numbers() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(csv_field("@SUM(A1)\u{1b}[2J"), "'@SUM(A1)");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(
            csv_field("\u{1b}[0m=1"),
            "'=1",
            "stripping cannot uncover a formula"
        );
        assert_eq!(csv_field("-0.25"), "-0.25");
        assert_eq!(csv_field("+3"), "+3");
        assert_eq!(csv_field("a\tb"), "a\tb");
    }

    #[test]
    fn a_failed_write_is_kept_with_its_kind() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = Watched {
            inner: Full,
            failed: None,
        };
        let err = serde_json::to_writer(&mut out, &[1, 2]).unwrap_err();
        assert!(err.is_io());
        assert_eq!(out.failed.unwrap().kind(), io::ErrorKind::StorageFull);
    }
}
