//! Reading import files: the fixture files of `tests/fixtures/import/read` (one per
//! encoding Excel and helpdesks write), XLSX workbooks written here, the files that are
//! refused with what to do instead, progress and cancel.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use deskbench::sources::csv::read::{
    open, BadRow, FileFormat, FileShape, RawRow, ReadError, ReadOptions, RowProblem, TextEncoding,
};
use rust_xlsxwriter::{Format, Workbook};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/read")
        .join(name)
}

/// The shape and every row of `path` read with `options`, bad rows as their message.
fn read_all(path: &Path, options: &ReadOptions) -> (FileShape, Vec<Result<RawRow, String>>) {
    let cancel = AtomicBool::new(false);
    let (shape, rows) = open(path, options, &cancel).expect("the file opens");
    let rows = rows.map(|row| row.map_err(|bad| bad.to_string())).collect();
    (shape, rows)
}

fn row(line: u64, cells: &[&str]) -> Result<RawRow, String> {
    Ok(RawRow {
        line,
        cells: cells.iter().map(|c| c.to_string()).collect(),
    })
}

#[test]
fn excel_unicode_text_reads_as_utf16_separated_by_tabs() {
    let (shape, rows) = read_all(&fixture("excel_unicode_text.txt"), &ReadOptions::default());
    assert_eq!(shape.format, FileFormat::Csv);
    assert_eq!(shape.encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(shape.delimiter, Some(b'\t'));
    assert_eq!(
        rows,
        vec![
            row(1, &["Conversation ID", "Subject", "Agent", "Created"]),
            row(2, &["7001", "Не работает вход", "Анна", "05.03.2024 14:02"]),
            row(3, &["7002", "로그인 문제", "민준", "06.03.2024 09:15"]),
            row(4, &["7003", "Refund, please", "Ann", "07.03.2024 18:40"]),
        ]
    );
}

#[test]
fn a_semicolon_windows_1252_file_reads_its_accents_and_euro_signs() {
    let (shape, rows) = read_all(
        &fixture("semicolon_windows1252.csv"),
        &ReadOptions::default(),
    );
    assert_eq!(shape.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(shape.delimiter, Some(b';'));
    assert_eq!(
        rows,
        vec![
            row(1, &["Ticket ID", "Subject", "Requester", "Amount"]),
            row(2, &["1", "Café au lait", "Jürgen Müller", "12,50 €"]),
            row(3, &["2", "Ärger; Rückgabe", "Zoë", "0,99 €"]),
        ]
    );
}

#[test]
fn a_utf8_bom_is_no_part_of_the_first_header() {
    let (shape, rows) = read_all(&fixture("utf8_bom.csv"), &ReadOptions::default());
    assert_eq!(shape.encoding, Some(TextEncoding::Utf8Bom));
    assert_eq!(
        shape.encoding.map(|e| e.to_string()).as_deref(),
        Some("UTF-8 with BOM")
    );
    assert_eq!(
        rows,
        vec![
            row(1, &["Ticket ID", "Subject", "Status"]),
            row(2, &["1001", "Привет", "Open"]),
            row(3, &["1002", "naïve café", "Closed"]),
        ]
    );
}

#[test]
fn rows_with_quoted_line_breaks_keep_the_line_they_start_on() {
    let (shape, rows) = read_all(&fixture("quoted_newlines.csv"), &ReadOptions::default());
    assert_eq!(
        (shape.encoding, shape.delimiter),
        (Some(TextEncoding::Utf8), Some(b','))
    );
    assert_eq!(
        rows,
        vec![
            row(1, &["id", "description", "status"]),
            row(2, &["2", "first line\nsecond line", "open"]),
            row(4, &["4", "a \"quoted\" word, and a comma", "solved"]),
            row(6, &["6", "three\n\nlines", "closed"]),
            row(9, &["9", "plain", "open"]),
        ]
    );
}

#[test]
fn options_override_detection() {
    let options = ReadOptions {
        encoding: Some(TextEncoding::Utf8),
        delimiter: Some(b'|'),
        sheet: None,
    };
    let (shape, rows) = read_all(&fixture("utf8_bom.csv"), &options);
    assert_eq!(
        shape.encoding,
        Some(TextEncoding::Utf8Bom),
        "the BOM is still skipped"
    );
    assert_eq!(shape.delimiter, Some(b'|'));
    assert_eq!(rows[0], row(1, &["Ticket ID,Subject,Status"]));
}

#[test]
fn a_utf8_file_with_one_broken_row_reads_the_others() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("broken.csv");
    std::fs::write(&path, b"id,name\n1,Zo\xC3\xAB\n2,bad \xFF byte\n3,ok\n").expect("written");
    let (shape, rows) = read_all(&path, &ReadOptions::default());
    assert_eq!(shape.encoding, Some(TextEncoding::Utf8));
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[2],
        Err("line 3: invalid UTF-8 text in cell 2 (if the file is Windows-1252, choose that encoding)".into())
    );
    assert_eq!(rows[3], row(4, &["3", "ok"]));
}

#[test]
fn an_empty_file_and_a_lone_bom_have_no_rows() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for (name, bytes) in [("empty.csv", &b""[..]), ("bom.csv", &b"\xEF\xBB\xBF"[..])] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        let (shape, rows) = read_all(&path, &ReadOptions::default());
        assert_eq!(shape.format, FileFormat::Csv, "{name}");
        assert!(rows.is_empty(), "{name}: {rows:?}");
    }
}

/// A workbook like a helpdesk's formatted export, saved at `path`.
fn write_workbook(path: &Path) {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let sheet = workbook.add_worksheet();
    sheet.set_name("Tickets").expect("a valid name");
    for (column, header) in ["Case Number", "Id", "Score", "Escalated", "Opened", "Note"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(0, column as u16, *header)
            .expect("written");
    }
    sheet.write_string(1, 0, "00001026").expect("written");
    sheet.write_number(1, 1, 12345678901.0).expect("written");
    sheet.write_number(1, 2, 4.5).expect("written");
    sheet.write_boolean(1, 3, true).expect("written");
    // 2024-03-05 14:02:11 as an Excel serial in the 1900 date system.
    sheet
        .write_number_with_format(1, 4, 45356.0 + 50531.0 / 86400.0, &date)
        .expect("written");
    sheet.write_string(3, 0, "00001027").expect("written");
    sheet.write_number(3, 5, 7.0).expect("written");
    let other = workbook.add_worksheet();
    other.set_name("Ratings").expect("a valid name");
    other.write_string(0, 0, "Score").expect("written");
    other.write_number(1, 0, 5.0).expect("written");
    workbook.save(path).expect("saved");
}

#[test]
fn an_xlsx_sheet_reads_as_the_text_a_csv_export_would_hold() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("cases.data");
    write_workbook(&path);
    let (shape, rows) = read_all(&path, &ReadOptions::default());
    assert_eq!(
        shape.format,
        FileFormat::Xlsx,
        "told by content, not by name"
    );
    assert_eq!(shape.sheet.as_deref(), Some("Tickets"));
    assert_eq!((shape.encoding, shape.delimiter), (None, None));
    assert_eq!(
        rows,
        vec![
            row(
                1,
                &["Case Number", "Id", "Score", "Escalated", "Opened", "Note"]
            ),
            row(
                2,
                &[
                    "00001026",
                    "12345678901",
                    "4.5",
                    "true",
                    "2024-03-05 14:02:11"
                ]
            ),
            row(4, &["00001027", "", "", "", "", "7"]),
        ]
    );
}

#[test]
fn a_named_sheet_reads_and_a_missing_one_lists_the_others() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("cases.xlsx");
    write_workbook(&path);
    let ratings = ReadOptions {
        sheet: Some("Ratings".into()),
        ..ReadOptions::default()
    };
    let (_, rows) = read_all(&path, &ratings);
    assert_eq!(rows, vec![row(1, &["Score"]), row(2, &["5"])]);
    let missing = ReadOptions {
        sheet: Some("Sheet1".into()),
        ..ReadOptions::default()
    };
    let cancel = AtomicBool::new(false);
    let error = open(&path, &missing, &cancel).err().expect("no such sheet");
    assert_eq!(
        error.to_string(),
        "there is no sheet named 'Sheet1' (the workbook has: Tickets, Ratings)"
    );
}

/// `source` saved again at `target` with its workbook in the 1904 date system.
fn with_1904_dates(source: &Path, target: &Path) {
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(source).expect("opens")).expect("a zip");
    let mut copy = zip::ZipWriter::new(std::fs::File::create(target).expect("created"));
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("an entry");
        let name = file.name().expect("a UTF-8 entry name").into_owned();
        let mut text = Vec::new();
        file.read_to_end(&mut text).expect("read");
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8(text).expect("XML text");
            text = xml
                .replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
                .into_bytes();
        }
        copy.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("an entry");
        copy.write_all(&text).expect("written");
    }
    copy.finish().expect("finished");
}

#[test]
fn dates_follow_the_1904_date_system_when_the_workbook_uses_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path_1900 = dir.path().join("1900.xlsx");
    let path_1904 = dir.path().join("1904.xlsx");
    write_workbook(&path_1900);
    with_1904_dates(&path_1900, &path_1904);
    let (_, rows) = read_all(&path_1904, &ReadOptions::default());
    let opened = rows[1].as_ref().map(|r| r.cells[4].clone());
    // The same serial counts from 1904-01-01: four years and a day later.
    assert_eq!(opened.as_deref(), Ok("2028-03-06 14:02:11"));
}

#[test]
fn files_that_are_no_csv_or_xlsx_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "tickets.xls",
            b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
            "export it as CSV",
        ),
        (
            "old.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0",
            "save it as .xlsx or CSV",
        ),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "neither CSV text nor an XLSX"),
    ];
    let cancel = AtomicBool::new(false);
    for (name, bytes, advice) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        let error = open(&path, &ReadOptions::default(), &cancel)
            .err()
            .expect("refused");
        assert!(error.to_string().contains(advice), "{name}: {error}");
    }
    let missing = open(
        &dir.path().join("gone.csv"),
        &ReadOptions::default(),
        &cancel,
    );
    assert!(matches!(missing, Err(ReadError::NotFound { .. })));
    let broken_zip = dir.path().join("broken.xlsx");
    std::fs::write(&broken_zip, b"PK\x03\x04 not really").expect("written");
    let refused = open(&broken_zip, &ReadOptions::default(), &cancel);
    assert!(matches!(refused, Err(ReadError::Workbook { .. })));
    let quote = ReadOptions {
        delimiter: Some(b'"'),
        ..ReadOptions::default()
    };
    let refused = open(&fixture("utf8_bom.csv"), &quote, &cancel);
    assert!(matches!(refused, Err(ReadError::UnusableDelimiter(b'"'))));
}

/// A CSV file of a header and `rows` rows.
fn numbered_rows(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("rows.csv");
    let mut text = String::from("id,subject\n");
    for n in 0..rows {
        text.push_str(&format!("{n},subject {n}\n"));
    }
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn progress_reaches_the_file_size_at_the_end() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = numbered_rows(dir.path(), 50_000);
    let cancel = AtomicBool::new(false);
    let (shape, mut rows) = open(&path, &ReadOptions::default(), &cancel).expect("opens");
    rows.by_ref().take(10).for_each(drop);
    let early = rows.bytes_read();
    assert!(
        early < shape.total_bytes,
        "{early} of {}",
        shape.total_bytes
    );
    assert_eq!(rows.by_ref().count(), 50_001 - 10);
    assert_eq!(rows.bytes_read(), shape.total_bytes);
}

/// Reads rows until `stop_after`, then raises the flag; returns how many rows were read
/// and the last item's problem.
fn cancel_after(path: &Path, stop_after: usize) -> (usize, Option<RowProblem>) {
    let cancel = AtomicBool::new(false);
    let (_, rows) = open(path, &ReadOptions::default(), &cancel).expect("opens");
    let mut read = 0;
    let mut last = None;
    for row in rows {
        match row {
            Ok(_) => read += 1,
            Err(BadRow { problem, .. }) => last = Some(problem),
        }
        if read == stop_after {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    (read, last)
}

#[test]
fn a_cancel_ends_the_rows_with_a_problem_that_ends_the_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let csv = numbered_rows(dir.path(), 10_000);
    let (read, last) = cancel_after(&csv, 1500);
    assert!(
        (1500..=3000).contains(&read),
        "stopped within a check: {read}"
    );
    assert!(matches!(&last, Some(RowProblem::Cancelled)), "{last:?}");
    assert!(last.is_some_and(|p| p.ends_file()));

    let xlsx = dir.path().join("many.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for n in 0..5000u32 {
        sheet.write_number(n, 0, f64::from(n)).expect("written");
    }
    workbook.save(&xlsx).expect("saved");
    let (read, last) = cancel_after(&xlsx, 1500);
    assert!(
        (1500..=3000).contains(&read),
        "stopped within a check: {read}"
    );
    assert!(matches!(last, Some(RowProblem::Cancelled)), "{last:?}");
}

#[test]
fn a_cancel_before_reading_stops_at_once() {
    let cancel = AtomicBool::new(true);
    // A BOM names the encoding: opening reads no further than the head.
    let (_, mut rows) =
        open(&fixture("utf8_bom.csv"), &ReadOptions::default(), &cancel).expect("opens");
    let first = rows.next().and_then(Result::err).expect("a cancel");
    assert!(matches!(first.problem, RowProblem::Cancelled));
    assert_eq!(first.line, 1);
    assert!(rows.next().is_none());
    // Without one, the scan for the encoding stops.
    let scanned = open(
        &fixture("quoted_newlines.csv"),
        &ReadOptions::default(),
        &cancel,
    );
    assert!(matches!(scanned, Err(ReadError::Cancelled)));
}
