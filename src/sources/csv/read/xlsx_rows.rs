//! The rows of one XLSX worksheet, streamed cell by cell by calamine on a thread of
//! their own (its cell reader borrows the workbook, which the thread owns), each row
//! turned into text the way a CSV cell would read: dates as `YYYY-MM-DD HH:MM:SS`,
//! whole numbers without `.0`, booleans as `true`/`false`. Dropping the rows stops
//! the thread at its next row.

use std::fs::File;
use std::io::BufReader;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

use calamine::{DataRef, ExcelDateTime, Xlsx};

use super::error::{BadRow, RowProblem};
use super::{RawRow, MAX_CELL_BYTES, MAX_ROW_BYTES, MAX_ROW_CELLS};

pub(super) type Workbook = Xlsx<BufReader<File>>;

/// Rows read ahead of the caller.
const AHEAD: usize = 1024;

enum Sent {
    Row(Result<RawRow, BadRow>),
    Done,
}

pub(super) struct XlsxRows {
    rows: Receiver<Sent>,
    /// The sheet's last row number, once the thread knows it; for progress.
    last_row: Arc<AtomicU64>,
    line: u64,
    finished: bool,
}

impl XlsxRows {
    pub(super) fn start(workbook: Workbook, sheet: String) -> XlsxRows {
        let (sender, rows) = sync_channel(AHEAD);
        let last_row = Arc::new(AtomicU64::new(0));
        let told = Arc::clone(&last_row);
        std::thread::spawn(move || send_rows(workbook, &sheet, &sender, &told));
        XlsxRows {
            rows,
            last_row,
            line: 0,
            finished: false,
        }
    }

    /// The row number after the last row returned.
    pub(super) fn line(&self) -> u64 {
        self.line + 1
    }

    /// The share of the sheet's rows returned so far.
    pub(super) fn share_read(&self) -> f64 {
        match self.last_row.load(Ordering::Relaxed) {
            0 => 0.0,
            last => (self.line.min(last)) as f64 / last as f64,
        }
    }

    pub(super) fn next_row(&mut self) -> Option<Result<RawRow, BadRow>> {
        if self.finished {
            return None;
        }
        match self.rows.recv() {
            Ok(Sent::Row(row)) => {
                match &row {
                    Ok(row) => self.line = row.line,
                    Err(bad) => {
                        self.line = bad.line;
                        self.finished = bad.problem.ends_file();
                    }
                }
                Some(row)
            }
            Ok(Sent::Done) => {
                self.finished = true;
                None
            }
            // The thread ended without saying it was done: it failed.
            Err(_) => {
                self.finished = true;
                let problem = RowProblem::SheetStopped;
                Some(Err(BadRow {
                    line: self.line(),
                    problem,
                }))
            }
        }
    }
}

/// Reads the sheet and sends its rows until the end, a broken sheet or a gone receiver.
fn send_rows(mut workbook: Workbook, sheet: &str, rows: &SyncSender<Sent>, last_row: &AtomicU64) {
    let send = |row| rows.send(Sent::Row(row)).is_ok();
    let broken = |line, e| {
        let problem = RowProblem::BrokenSheet(Arc::new(e));
        send(Err(BadRow { line, problem }));
    };
    let mut cells = match workbook.worksheet_cells_reader(sheet) {
        Ok(cells) => cells,
        Err(e) => return broken(1, e),
    };
    let dimensions = cells.dimensions();
    last_row.store(u64::from(dimensions.end.0) + 1, Ordering::Relaxed);
    let mut row = RowText::new(dimensions.start.1);
    loop {
        match cells.next_cell() {
            Ok(Some(cell)) => {
                let (at, column) = cell.get_position();
                let line = u64::from(at) + 1;
                if line != row.line {
                    if let Some(done) = row.take() {
                        if !send(done) {
                            return;
                        }
                    }
                    row.line = line;
                }
                row.put(column, cell.get_value());
            }
            Ok(None) => break,
            Err(e) => return broken(row.line.max(1), e),
        }
    }
    if let Some(done) = row.take() {
        if !send(done) {
            return;
        }
    }
    // The receiver may be gone; nothing is left to tell it.
    let _ = rows.send(Sent::Done);
}

/// The row being gathered from its cells.
struct RowText {
    line: u64,
    first_column: u32,
    cells: Vec<String>,
    bytes: usize,
    problem: Option<RowProblem>,
}

impl RowText {
    fn new(first_column: u32) -> RowText {
        RowText {
            line: 0,
            first_column,
            cells: Vec::new(),
            bytes: 0,
            problem: None,
        }
    }

    fn put(&mut self, column: u32, value: &DataRef<'_>) {
        if self.problem.is_some() {
            return;
        }
        let at = column.saturating_sub(self.first_column) as usize;
        let text = cell_text(value);
        self.bytes += text.len();
        self.problem = if at >= MAX_ROW_CELLS {
            Some(RowProblem::TooManyCells)
        } else if text.len() > MAX_CELL_BYTES {
            Some(RowProblem::CellTooLong { column: at + 1 })
        } else if self.bytes > MAX_ROW_BYTES {
            Some(RowProblem::RowTooLong)
        } else {
            None
        };
        if self.problem.is_some() {
            return;
        }
        if at < self.cells.len() {
            self.cells[at] = text;
        } else {
            self.cells.resize(at, String::new());
            self.cells.push(text);
        }
    }

    /// The gathered row (none for a row of empty cells), leaving this one empty.
    fn take(&mut self) -> Option<Result<RawRow, BadRow>> {
        let mut cells = std::mem::take(&mut self.cells);
        self.bytes = 0;
        if let Some(problem) = self.problem.take() {
            return Some(Err(BadRow {
                line: self.line,
                problem,
            }));
        }
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        (!cells.is_empty()).then_some(Ok(RawRow {
            line: self.line,
            cells,
        }))
    }
}

/// A cell as the text a CSV export of the sheet would hold.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(x) => number_text(*x),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(when) if when.is_duration() => duration_text(when),
        DataRef::DateTime(when) => date_text(when),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// Whole numbers print as integers: ids and counts must not read `1026.0`.
fn number_text(x: f64) -> String {
    // Below 2^53 every whole f64 is exactly an i64.
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        (x as i64).to_string()
    } else {
        x.to_string()
    }
}

fn date_text(when: &ExcelDateTime) -> String {
    // calamine applies the workbook's 1900 or 1904 date system.
    let (year, month, day, hour, minute, second, _) = when.to_ymd_hms_milli();
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
}

/// A duration cell (`[h]:mm:ss`) as hours:minutes:seconds.
fn duration_text(when: &ExcelDateTime) -> String {
    let seconds = (when.as_f64() * 86_400.0).round();
    let sign = if seconds < 0.0 { "-" } else { "" };
    // Saturates for durations past i64 seconds, which no sheet holds.
    let seconds = seconds.abs() as i64;
    format!(
        "{sign}{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn cells_read_as_a_csv_export_would_hold_them() {
        assert_eq!(cell_text(&DataRef::Float(1026.0)), "1026");
        assert_eq!(cell_text(&DataRef::Float(-3.0)), "-3");
        assert_eq!(cell_text(&DataRef::Float(2.5)), "2.5");
        assert_eq!(cell_text(&DataRef::Float(1e300)), 1e300.to_string());
        assert_eq!(cell_text(&DataRef::Int(12345678901)), "12345678901");
        assert_eq!(cell_text(&DataRef::Bool(true)), "true");
        assert_eq!(cell_text(&DataRef::SharedString("ok")), "ok");
        assert_eq!(cell_text(&DataRef::Empty), "");
    }

    #[test]
    fn dates_read_in_either_date_system() {
        let in_1900 = ExcelDateTime::new(45356.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            cell_text(&DataRef::DateTime(in_1900)),
            "2024-03-05 12:00:00"
        );
        let in_1904 = ExcelDateTime::new(43894.5, ExcelDateTimeType::DateTime, true);
        assert_eq!(
            cell_text(&DataRef::DateTime(in_1904)),
            "2024-03-05 12:00:00"
        );
    }

    #[test]
    fn durations_read_as_hours_minutes_seconds() {
        let day_and_a_half = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&DataRef::DateTime(day_and_a_half)), "36:00:00");
        let negative = ExcelDateTime::new(-0.25, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&DataRef::DateTime(negative)), "-6:00:00");
    }

    #[test]
    fn gaps_fill_with_empty_cells_and_empty_rows_vanish() {
        let mut row = RowText::new(0);
        row.line = 3;
        row.put(2, &DataRef::Int(7));
        row.put(4, &DataRef::Empty);
        let taken = row.take().and_then(Result::ok).expect("a row");
        assert_eq!(
            (taken.line, taken.cells),
            (3, vec!["".into(), "".into(), "7".into()])
        );
        row.put(1, &DataRef::Empty);
        assert!(row.take().is_none(), "a row of empty cells is no row");
    }

    #[test]
    fn a_row_past_the_column_limit_is_bad() {
        let mut row = RowText::new(0);
        row.line = 2;
        row.put(MAX_ROW_CELLS as u32, &DataRef::Int(1));
        let bad = row.take().and_then(Result::err).expect("a bad row");
        assert_eq!(bad.line, 2);
        assert!(matches!(bad.problem, RowProblem::TooManyCells));
    }
}
