//! The rows of a CSV file, streamed: csv-core parses into buffers this module grows
//! itself, so a cell past `MAX_CELL_BYTES` (or an unclosed quote swallowing the file) is
//! skipped to the end of its row and reported, never held in memory. Each row knows
//! the line it starts on, quoted line breaks included.

use std::io::{self, BufRead};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use csv_core::ReadRecordResult;

use super::encoding::TextEncoding;
use super::error::{BadRow, RowProblem};
use super::{RawRow, MAX_CELL_BYTES, MAX_ROW_BYTES, MAX_ROW_CELLS};

pub(super) struct CsvRows {
    input: Box<dyn BufRead + Send>,
    parser: csv_core::Reader,
    encoding: TextEncoding,
    /// The current row's unescaped cell bytes, and where each cell ends in them.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    finished: bool,
}

/// How far a row got into the buffers, and what was wrong with it so far.
#[derive(Default)]
struct Progress {
    bytes: usize,
    ends: usize,
    quotes: u64,
    problem: Option<RowProblem>,
}

impl CsvRows {
    pub(super) fn new(
        input: Box<dyn BufRead + Send>,
        delimiter: u8,
        encoding: TextEncoding,
    ) -> CsvRows {
        CsvRows {
            input,
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            encoding,
            bytes: vec![0; 4096],
            ends: vec![0; 64],
            finished: false,
        }
    }

    /// The line the next row starts on (or where reading stopped).
    pub(super) fn line(&self) -> u64 {
        self.parser.line()
    }

    pub(super) fn next_row(&mut self) -> Option<Result<RawRow, BadRow>> {
        if self.finished {
            return None;
        }
        match self.read_row() {
            Ok(row) => row,
            Err(e) => {
                self.finished = true;
                let problem = RowProblem::Unreadable(Arc::new(e));
                Some(Err(BadRow {
                    line: self.line(),
                    problem,
                }))
            }
        }
    }

    fn read_row(&mut self) -> io::Result<Option<Result<RawRow, BadRow>>> {
        self.skip_blank_lines()?;
        let line = self.parser.line();
        let mut row = Progress::default();
        // The first cell a call of the parser may have ended, for the length check.
        let mut checked_from = 0;
        loop {
            let input = self.input.fill_buf()?;
            let (result, read) = match row.problem {
                None => {
                    checked_from = row.ends;
                    let (result, read, written, ended) = self.parser.read_record(
                        input,
                        &mut self.bytes[row.bytes..],
                        &mut self.ends[row.ends..],
                    );
                    row.bytes += written;
                    row.ends += ended;
                    (result, read)
                }
                // An oversized row: its rest overwrites the buffers until it ends.
                Some(_) => {
                    let (result, read, _, _) =
                        self.parser
                            .read_record(input, &mut self.bytes, &mut self.ends);
                    (result, read)
                }
            };
            row.quotes += input[..read].iter().filter(|&&b| b == b'"').count() as u64;
            self.input.consume(read);
            if row.problem.is_none() {
                row.problem = self.over_limit(&row, checked_from);
            }
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull if row.problem.is_none() => {
                    let grown = self.bytes.len() * 2;
                    self.bytes.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull if row.problem.is_none() => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => return Ok(Some(self.finish(line, row))),
                ReadRecordResult::End => {
                    self.finished = true;
                    return Ok(None);
                }
            }
        }
    }

    /// Empty lines are no rows; skipping them here lets a row's line be read before it.
    fn skip_blank_lines(&mut self) -> io::Result<()> {
        loop {
            let input = self.input.fill_buf()?;
            let blank = input
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            let breaks = input[..blank].iter().filter(|&&b| b == b'\n').count();
            let whole = blank == input.len();
            self.input.consume(blank);
            self.parser.set_line(self.parser.line() + breaks as u64);
            if !whole || blank == 0 {
                return Ok(());
            }
        }
    }

    /// The limit the row broke, judging the cells from `checked_from` on (the earlier
    /// ones were judged before) and the one still open.
    fn over_limit(&self, row: &Progress, checked_from: usize) -> Option<RowProblem> {
        let start_of = |cell: usize| cell.checked_sub(1).map_or(0, |before| self.ends[before]);
        let too_long = (checked_from..=row.ends).find(|&cell| {
            let end = if cell < row.ends {
                self.ends[cell]
            } else {
                row.bytes
            };
            end - start_of(cell) > MAX_CELL_BYTES
        });
        if let Some(cell) = too_long {
            Some(RowProblem::CellTooLong { column: cell + 1 })
        } else if row.bytes > MAX_ROW_BYTES {
            Some(RowProblem::RowTooLong)
        } else if row.ends > MAX_ROW_CELLS {
            Some(RowProblem::TooManyCells)
        } else {
            None
        }
    }

    fn finish(&mut self, line: u64, row: Progress) -> Result<RawRow, BadRow> {
        if let Some(problem) = row.problem {
            // Give back what the oversized row made the buffers grow to.
            self.bytes = vec![0; 4096];
            self.ends = vec![0; 64];
            return Err(BadRow { line, problem });
        }
        let bytes = &self.bytes[..row.bytes];
        if row.quotes % 2 == 1 && bytes.contains(&b'\n') {
            // A break the quote took at the end of the file is no line of its own.
            let inside = bytes.trim_ascii_end();
            let breaks = inside.iter().filter(|&&b| b == b'\n').count() as u64;
            let problem = RowProblem::BrokenQuotes {
                through_line: line + breaks,
            };
            return Err(BadRow { line, problem });
        }
        let mut cells = Vec::with_capacity(row.ends);
        let mut start = 0;
        for (column, &end) in self.ends[..row.ends].iter().enumerate() {
            let Some(text) = self.encoding.cell_text(&bytes[start..end]) else {
                let problem = RowProblem::InvalidUtf8 { column: column + 1 };
                return Err(BadRow { line, problem });
            };
            cells.push(text);
            start = end;
        }
        Ok(RawRow { line, cells })
    }
}

/// A reader that counts the bytes taken from the file, for progress.
pub(super) struct Counted<R> {
    pub(super) inner: R,
    pub(super) count: Arc<AtomicU64>,
}

impl<R: io::Read> io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8], encoding: TextEncoding) -> Vec<Result<(u64, Vec<String>), String>> {
        let input = Box::new(io::Cursor::new(text.to_vec()));
        let mut reader = CsvRows::new(input, b',', encoding);
        std::iter::from_fn(|| reader.next_row())
            .map(|row| match row {
                Ok(row) => Ok((row.line, row.cells)),
                Err(bad) => Err(bad.to_string()),
            })
            .collect()
    }

    fn ok(line: u64, cells: &[&str]) -> Result<(u64, Vec<String>), String> {
        Ok((line, cells.iter().map(|c| c.to_string()).collect()))
    }

    #[test]
    fn rows_start_on_their_own_line_across_quoted_breaks_and_blank_lines() {
        let text = b"id,text\r\n1,\"two\r\nlines\"\r\n\r\n\n2,x\n3,\"a \"\"q\"\"\"";
        assert_eq!(
            rows(text, TextEncoding::Utf8),
            vec![
                ok(1, &["id", "text"]),
                ok(2, &["1", "two\r\nlines"]),
                ok(6, &["2", "x"]),
                ok(7, &["3", "a \"q\""]),
            ]
        );
    }

    #[test]
    fn rows_keep_their_own_cell_counts() {
        assert_eq!(
            rows(b"a,b,c\n1\n1,2,3,4\n", TextEncoding::Utf8),
            vec![
                ok(1, &["a", "b", "c"]),
                ok(2, &["1"]),
                ok(3, &["1", "2", "3", "4"])
            ]
        );
    }

    #[test]
    fn an_invalid_utf8_row_is_bad_and_the_next_reads() {
        assert_eq!(
            rows(b"a,b\n1,\xFF\n2,ok\n", TextEncoding::Utf8),
            vec![
                ok(1, &["a", "b"]),
                Err("line 2: invalid UTF-8 text in cell 2 (if the file is Windows-1252, choose that encoding)".into()),
                ok(3, &["2", "ok"]),
            ]
        );
    }

    #[test]
    fn windows_1252_cells_decode() {
        assert_eq!(
            rows(b"1,Caf\xE9 \x80\n", TextEncoding::Windows1252),
            vec![ok(1, &["1", "Café €"])]
        );
    }

    #[test]
    fn a_cell_over_the_limit_skips_its_row_only() {
        let mut text = b"1,\"".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_CELL_BYTES + 10));
        text.extend_from_slice(b"\nstill inside\",z\n2,y\n");
        assert_eq!(
            rows(&text, TextEncoding::Utf8),
            vec![
                Err("line 1: cell 2 is longer than 1 MB".into()),
                ok(3, &["2", "y"])
            ]
        );
    }

    #[test]
    fn too_many_cells_skip_their_row() {
        let mut text = vec![b','; MAX_ROW_CELLS + 5];
        text.extend_from_slice(b"\n2,y\n");
        assert_eq!(
            rows(&text, TextEncoding::Utf8),
            vec![
                Err(format!(
                    "line 1: the row has more than {MAX_ROW_CELLS} cells"
                )),
                ok(2, &["2", "y"])
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_with_the_lines_it_swallowed() {
        assert_eq!(
            rows(b"a,b\n1,\"open\n2,x\n3,y\n", TextEncoding::Utf8),
            vec![
                ok(1, &["a", "b"]),
                Err("line 2: broken quotes: a quote opened on this line runs to line 4".into()),
            ]
        );
    }

    #[test]
    fn a_stray_quote_on_one_line_is_read_as_text() {
        assert_eq!(
            rows(b"1,12\" screen\n", TextEncoding::Utf8),
            vec![ok(1, &["1", "12\" screen"])]
        );
    }

    #[test]
    fn an_empty_input_has_no_rows() {
        assert_eq!(rows(b"", TextEncoding::Utf8), vec![]);
        assert_eq!(rows(b"\r\n\n", TextEncoding::Utf8), vec![]);
    }

    #[test]
    fn a_failing_disk_ends_the_file_with_its_error() {
        struct Failing;
        impl io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk gone"))
            }
        }
        let input = Box::new(io::BufReader::new(Failing));
        let mut reader = CsvRows::new(input, b',', TextEncoding::Utf8);
        let bad = reader.next_row().and_then(Result::err).expect("a bad row");
        assert!(bad.problem.ends_file());
        assert_eq!(bad.line, 1);
        assert!(reader.next_row().is_none());
    }
}
