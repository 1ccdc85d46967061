//! Printing reports to stdout as JSON, CSV or a readable table.

use std::io::Write;

use anyhow::Result;
use comfy_table::{CellAlignment, Table};

use deskbench::analytics::report::KpiReport;

use crate::args::Format;

pub fn print_report(report: &KpiReport, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, report)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let table = report.table();
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(&table.columns)?;
            for row in &table.rows {
                writer.write_record(row)?;
            }
            writer.flush()?;
        }
        Format::Table => {
            let table = report.table();
            let mut printed = Table::new();
            printed.set_header(&table.columns);
            for row in &table.rows {
                printed.add_row(row);
            }
            for column in printed.column_iter_mut().skip(1) {
                column.set_cell_alignment(CellAlignment::Right);
            }
            writeln!(
                out,
                "{} to {} ({})",
                report.range.from, report.range.to, report.range.tz
            )?;
            writeln!(out, "{printed}")?;
        }
    }
    Ok(())
}
