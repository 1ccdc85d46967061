//! Printing results to stdout as JSON, CSV or a readable table.

use std::io::Write;

use anyhow::Result;
use comfy_table::{CellAlignment, Table};
use serde::Serialize;

use deskbench::analytics::report::{KpiReport, ReportTable};

use crate::args::Format;

pub fn print_report(report: &KpiReport, format: Format) -> Result<()> {
    let heading = format!(
        "{} to {} ({})",
        report.range.from, report.range.to, report.range.tz
    );
    print(report, || report.table(), &heading, format)
}

/// Prints `json` as JSON, or its flattened `table` as CSV or a table under `heading`.
pub fn print<T: Serialize>(
    json: &T,
    table: impl FnOnce() -> ReportTable,
    heading: &str,
    format: Format,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, json)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let table = table();
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(&table.columns)?;
            for row in &table.rows {
                writer.write_record(row)?;
            }
            writer.flush()?;
        }
        Format::Table => {
            let table = table();
            let mut printed = Table::new();
            printed.set_header(&table.columns);
            for row in &table.rows {
                printed.add_row(row);
            }
            for column in printed.column_iter_mut().skip(1) {
                column.set_cell_alignment(CellAlignment::Right);
            }
            writeln!(out, "{heading}")?;
            writeln!(out, "{printed}")?;
        }
    }
    Ok(())
}
