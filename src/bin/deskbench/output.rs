//! Printing results to stdout as JSON, CSV or a readable table. Every result goes
//! through `to_stdout`, which turns a failed write into `StdoutError` (a closed pipe is
//! told apart, for `main` to end quietly); every table and CSV cell goes through
//! `printable`, and CSV text through the export's formula neutralising.

use std::io::{self, Write};

use anyhow::Result;
use comfy_table::{CellAlignment, Table};
use serde::Serialize;

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::query::breakdowns::BreakdownsReport;
use deskbench::analytics::query::report::{GroupReport, KpiMap, KpiReport, ReportTable};
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
    let groups = report.groups.iter().flatten();
    let notes = left_out_notes(values_of(report, report.by.is_some(), groups));
    print_with(report, || report.table(), &heading, format, notes)
}

/// Prints a report of several breakdowns as `print_report` prints one.
pub fn print_breakdowns(report: &BreakdownsReport, format: Format) -> Result<()> {
    let range = &report.total.range;
    let heading = format!("{} to {} ({})", range.from, range.to, range.tz);
    let groups = report.groups.0.iter().flat_map(|(_, groups)| groups);
    let notes = left_out_notes(values_of(&report.total, true, groups));
    print_with(report, || report.table(), &heading, format, notes)
}

/// Prints `json` as JSON, or its flattened `table` as CSV or a table under `heading`.
pub fn print<T: Serialize>(
    json: &T,
    table: impl FnOnce() -> ReportTable,
    heading: &str,
    format: Format,
) -> Result<()> {
    print_with(json, table, heading, format, Vec::new())
}

/// `print`, with `notes` under a printed table after those of its null values.
fn print_with<T: Serialize>(
    json: &T,
    table: impl FnOnce() -> ReportTable,
    heading: &str,
    format: Format,
    notes: Vec<String>,
) -> Result<()> {
    to_stdout(|out| {
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, json)?;
                writeln!(out)?;
            }
            Format::Csv => {
                let table = with_reason_columns(table());
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(table.columns.iter().map(|c| csv_field(c)))?;
                for row in &table.rows {
                    writer.write_record(row.iter().map(|c| csv_field(c)))?;
                }
                writer.flush()?;
            }
            Format::Table => {
                let mut table = table();
                let null_notes = dash_null_cells(&mut table);
                let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
                let mut printed = self::table(&columns, table.rows);
                for column in printed.column_iter_mut().skip(1) {
                    column.set_cell_alignment(CellAlignment::Right);
                }
                writeln!(out, "{}", printable(heading, Tabs::Space))?;
                writeln!(out, "{printed}")?;
                for note in null_notes.iter().chain(&notes) {
                    writeln!(out, "{}", printable(note, Tabs::Space))?;
                }
            }
        }
        Ok(())
    })
}

/// The values of a report with the label of the row they print on (`(all)` for the
/// total of a `grouped` report, none for an ungrouped one): the whole range's and each
/// bucket's, the total first, then each of `groups`.
fn values_of<'a>(
    report: &'a KpiReport,
    grouped: bool,
    groups: impl Iterator<Item = &'a GroupReport>,
) -> Vec<(Option<&'a str>, &'a KpiMap)> {
    let total = grouped.then_some("(all)");
    let mut values = vec![(total, &report.kpis)];
    values.extend(report.series.iter().flatten().map(|p| (total, &p.kpis)));
    for group in groups {
        let label = Some(group.label.as_str());
        values.push((label, &group.kpis));
        values.extend(group.series.iter().flatten().map(|p| (label, &p.kpis)));
    }
    values
}

/// The lines under a table that name the sources a value leaves out (they cannot
/// support its KPI) and why, as the JSON's `left_out` does: one per subject, source and
/// reason (a value's buckets share them). A null value's reason says it instead.
fn left_out_notes(values: Vec<(Option<&str>, &KpiMap)>) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for (label, kpis) in values {
        for (kpi, value) in &kpis.0 {
            // A value every source left out is null, and its reason is noted already.
            let support = value.support().filter(|s| s.null_reason.is_none());
            for out in support.map(|s| s.left_out.as_slice()).unwrap_or_default() {
                let subject = match label {
                    Some(label) => format!("{label} · {}", kpi.name()),
                    None => kpi.name().to_owned(),
                };
                let note = format!("{subject} leaves out {}: {}", out.source, out.reason);
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }
    notes
}

/// Marks the empty cells of each value null for a reason with a dash; returns the lines
/// under the table that say why, one per subject and reason (a group's buckets share
/// its reason).
fn dash_null_cells(table: &mut ReportTable) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for cell in &table.null_cells {
        let row = table.rows.get_mut(cell.row).into_iter().flatten();
        let cells = row.skip(cell.columns.start).take(cell.columns.len());
        for text in cells.filter(|text| text.is_empty()) {
            "—".clone_into(text);
        }
        let note = format!("— {}: {}", cell.subject, cell.reason);
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes
}

/// `table` with a `<kpi>_null_reason` column at the end for each KPI that has a value
/// null for a reason, holding the reason on those rows, so a spreadsheet keeps the why
/// beside the empty cells. A table without such values is unchanged.
fn with_reason_columns(mut table: ReportTable) -> ReportTable {
    let mut kpis: Vec<(usize, KpiId)> = Vec::new();
    for cell in &table.null_cells {
        if !kpis.iter().any(|(_, k)| *k == cell.kpi) {
            kpis.push((cell.columns.start, cell.kpi));
        }
    }
    // In the order of the KPIs' own columns.
    kpis.sort_unstable();
    let first = table.columns.len();
    let names = kpis
        .iter()
        .map(|(_, k)| format!("{}_null_reason", k.name()));
    table.columns.extend(names);
    for row in &mut table.rows {
        row.resize(table.columns.len(), String::new());
    }
    for cell in &table.null_cells {
        let at = first
            + kpis
                .iter()
                .position(|(_, k)| *k == cell.kpi)
                .unwrap_or_default();
        if let Some(text) = table.rows.get_mut(cell.row).and_then(|r| r.get_mut(at)) {
            cell.reason.clone_into(text);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use deskbench::analytics::engine::support::GapCode;
    use deskbench::analytics::engine::value::{KpiValue, LeftOut, NullReason, RateValue};
    use deskbench::analytics::query::report::NullCell;

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

    /// A by-source table whose reopen rate is null for a reason on two rows (a group and
    /// its bucket, one reason) and whose first reply time (n, median) is on one.
    fn reasoned() -> ReportTable {
        let cell = |row, columns, kpi, subject: &str, reason: &str| NullCell {
            row,
            columns,
            kpi,
            subject: subject.to_owned(),
            reason: reason.to_owned(),
        };
        let no_reopens = "imported files carry no count of reopens";
        let (reply, reopen) = (KpiId::FirstReplyTime, KpiId::ReopenRate);
        let columns = ["label", "frt_n", "frt_median", "reopen_rate"];
        let row = |cells: [&str; 4]| cells.map(str::to_owned).into();
        ReportTable {
            columns: columns.map(str::to_owned).into(),
            rows: vec![
                row(["Zendesk", "1", "30", "0.5"]),
                row(["Jira", "0", "", ""]),
                row(["Jira", "1", "12", ""]),
            ],
            null_cells: vec![
                cell(
                    1,
                    1..3,
                    reply,
                    "Jira · first_reply_time",
                    "no first reply column",
                ),
                cell(1, 3..4, reopen, "Jira · reopen_rate", no_reopens),
                cell(2, 3..4, reopen, "Jira · reopen_rate", no_reopens),
            ],
        }
    }

    #[test]
    fn a_value_null_for_a_reason_is_dashed_with_one_note_per_reason() {
        let mut table = reasoned();
        let notes = dash_null_cells(&mut table);
        assert_eq!(table.rows[1], ["Jira", "0", "—", "—"], "its n stays");
        assert_eq!(table.rows[2], ["Jira", "1", "12", "—"]);
        assert_eq!(
            notes,
            [
                "— Jira · first_reply_time: no first reply column",
                "— Jira · reopen_rate: imported files carry no count of reopens"
            ]
        );
    }

    #[test]
    fn csv_gains_a_reason_column_for_each_kpi_with_a_reasoned_null() {
        let table = with_reason_columns(reasoned());
        assert_eq!(
            table.columns[4..],
            ["first_reply_time_null_reason", "reopen_rate_null_reason"]
        );
        assert_eq!(table.rows[0][4..], ["", ""]);
        assert_eq!(
            table.rows[1][4..],
            [
                "no first reply column",
                "imported files carry no count of reopens"
            ]
        );
        let no_reopens = ["", "imported files carry no count of reopens"];
        assert_eq!(table.rows[2][4..], no_reopens);
        let plain = ReportTable {
            null_cells: Vec::new(),
            ..reasoned()
        };
        assert_eq!(
            with_reason_columns(plain.clone()),
            plain,
            "no reasons, no change"
        );
    }

    #[test]
    fn each_source_a_value_leaves_out_is_one_note_under_its_subject() {
        let rate = |left_out: &[&str]| {
            let mut value = RateValue::share(1, 2);
            value.support.left_out = left_out
                .iter()
                .map(|source| LeftOut {
                    source: (*source).to_owned(),
                    code: GapCode::NotInFileImports,
                    reason: "imported files carry no count of reopens".to_owned(),
                })
                .collect();
            KpiMap(vec![(KpiId::ReopenRate, KpiValue::Rate(value))])
        };
        let (total, bucket, zendesk) = (rate(&["Jira"]), rate(&["Jira"]), rate(&[]));
        let both = rate(&["Jira", "Freshdesk"]);
        let mut null = rate(&["Jira"]);
        if let KpiValue::Rate(value) = &mut null.0[0].1 {
            value.support.null_reason = Some(NullReason {
                code: GapCode::NotInFileImports,
                reason: "imported files carry no count of reopens".to_owned(),
            });
        }
        let values = vec![
            (Some("(all)"), &total),
            (Some("(all)"), &bucket),
            (Some("Zendesk"), &zendesk),
            (Some("Agent A"), &both),
            (Some("Jira"), &null),
        ];
        assert_eq!(
            left_out_notes(values),
            [
                "(all) · reopen_rate leaves out Jira: imported files carry no count of reopens",
                "Agent A · reopen_rate leaves out Jira: imported files carry no count of reopens",
                "Agent A · reopen_rate leaves out Freshdesk: imported files carry no count of reopens",
            ],
            "a bucket repeats its total's note; a value leaving nothing out has none, nor a \
             null one, whose reason is noted"
        );
        assert_eq!(
            left_out_notes(vec![(None, &total)]),
            ["reopen_rate leaves out Jira: imported files carry no count of reopens"]
        );
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
