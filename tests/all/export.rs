//! Data export: each format read back by an independent reader (the `csv` crate,
//! calamine, polars) with the right values and types; customer text never runs as a
//! formula; a ticket export holds the whole list; a cancelled or failed export leaves no
//! file and an older file untouched.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use polars::prelude::{DataType, ParquetReader, SerReader, TimeUnit};
use rstest::rstest;

use deskbench::analytics::views::drill::ListOrder;
use deskbench::analytics::views::drill::{ticket_list, TicketListRequest};
use deskbench::analytics::Frame;
use deskbench::charts::spec::Band;
use deskbench::charts::{ChartKind, ChartSeries, ChartSpec, Locale, Unit, XAxis, XKind};
use deskbench::demo::DemoConfig;
use deskbench::export::{
    self, chart_table, feedback_table, Cell, Column, ColumnKind, ExportError, ExportFormat,
    FeedbackTable, Row, Table, TableSource, TicketTable,
};
use deskbench::feedback::{self, FeedbackRequest};
use deskbench::store::records::{NamedKind, TicketStatus};
use deskbench::workspace::Workspace;

use crate::cli::{demo_workspace, deskbench, stderr};
use crate::fixtures::{minutes, range, solved, ticket, Helpdesk};

const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";
const MULTILINE: &str = "Can't log in, \"again\"\nsecond line";
const HEADERS: [&str; 14] = [
    "id",
    "subject",
    "status",
    "priority",
    "channel",
    "group",
    "assignee",
    "created_at",
    "solved_at",
    "first_reply_minutes",
    "full_resolution_minutes",
    "replies",
    "reopens",
    "url",
];

/// Three January tickets: a solved one whose subject is a formula, an open one with
/// quotes and a line break, one starting with `+` in Russian and Korean.
fn helpdesk() -> Helpdesk {
    let mut first = solved(1, "2025-01-06T09:30:00Z", "2025-01-06T12:00:00Z");
    first.subject = Some(FORMULA.into());
    first.group_id = Some(10);
    first.metrics.reply_time = minutes(Some(90.0), Some(60.0));
    first.metrics.full_resolution_time = minutes(Some(150.0), Some(100.0));
    first.metrics.replies = Some(2);
    let mut second = ticket(2, "2025-01-07T10:00:00Z", TicketStatus::Open);
    second.subject = Some(MULTILINE.into());
    let mut third = ticket(3, "2025-01-08T08:00:00Z", TicketStatus::New);
    third.subject = Some("+1 Возврат 환불".into());
    Helpdesk::new()
        .named(NamedKind::Group, 10, "Tier 1")
        .tickets(&[first, second, third])
}

/// Exports the fixture's January tickets (Moscow time, by id) to `path`.
fn export_tickets(path: &Path) -> export::Exported {
    let desk = helpdesk();
    let frame = Frame::build(&desk.store).unwrap();
    let request = TicketListRequest {
        query: deskbench::analytics::KpiRequest {
            tz: Some("Europe/Moscow".into()),
            ..range("2025-01-01", "2025-01-31")
        },
        kpi: "tickets_created".into(),
        sort: Some("id".into()),
        ..TicketListRequest::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let list = request.resolve(today, chrono_tz::UTC).unwrap();
    let mut table = TicketTable::new(&frame, &desk.store, &list).unwrap();
    let format = ExportFormat::of_path(path).unwrap();
    export::export(
        &mut table,
        format,
        path,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap()
}

/// A weekly CSAT chart: dates on the axis, shares with sample sizes and a band.
fn csat_chart() -> ChartSpec {
    ChartSpec {
        kind: ChartKind::Line,
        title: "CSAT by week".into(),
        subtitle: None,
        context: None,
        x: XAxis {
            kind: XKind::Date,
            labels: vec!["2025-01-06".into(), "2025-01-13".into()],
            ..XAxis::default()
        },
        unit: Unit::Share,
        series: vec![ChartSeries {
            name: "All tickets".into(),
            values: vec![Some(0.9), None],
            samples: Some(vec![Some(40), Some(0)]),
            small_sample: None,
            band: Some(Band {
                low: vec![Some(0.77), None],
                high: vec![Some(0.96), None],
            }),
            group: None,
            dashed: false,
            null_reasons: None,
        }],
        value_labels: false,
    }
}

fn export_chart(path: &Path) -> export::Exported {
    let mut table = chart_table(&csat_chart(), Locale::En).unwrap();
    let format = ExportFormat::of_path(path).unwrap();
    export::export(
        &mut table,
        format,
        path,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap()
}

/// The entries of a folder, by name.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn csv_starts_with_a_bom_and_reads_back_with_local_times_and_neutralised_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tickets.csv");
    assert_eq!(export_tickets(&path).rows, 3);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the BOM for UTF-8"
    );
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap(), HEADERS.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let first: Vec<&str> = rows[0].iter().collect();
    assert_eq!(
        first,
        [
            "1",
            &format!("'{FORMULA}"),
            "solved",
            "",
            "email",
            "Tier 1",
            "",
            "2025-01-06 12:30:00",
            "2025-01-06 15:00:00",
            "90",
            "150",
            "2",
            "",
            ""
        ],
        "times are Moscow's (UTC+3), the formula gets an apostrophe"
    );
    assert_eq!(&rows[1][1], MULTILINE, "quotes and line breaks round-trip");
    assert_eq!(&rows[1][8], "", "an open ticket has no solved time");
    assert_eq!(&rows[2][1], "'+1 Возврат 환불");
}

#[test]
fn xlsx_has_string_text_real_dates_durations_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tickets.xlsx");
    export_tickets(&path);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Tickets"]);
    let sheet = book.worksheet_range("Tickets").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, HEADERS);
    assert_eq!(sheet.get((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(
        sheet.get((1, 1)),
        Some(&Data::String(FORMULA.into())),
        "the formula is kept as plain text in a string cell"
    );
    let formulas = book.worksheet_formula("Tickets").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula cells"
    );
    match sheet.get((1, 7)) {
        Some(Data::DateTime(at)) => {
            assert!(at.is_datetime());
            // 2025-01-06 is Excel day 45,663; 12:30 in Moscow.
            assert!((at.as_f64() - (45_663.0 + 12.5 / 24.0)).abs() < 1e-9);
        }
        other => panic!("created_at is a date-time cell, got {other:?}"),
    }
    match sheet.get((1, 9)) {
        Some(Data::DateTime(reply)) => {
            assert!(reply.is_duration(), "[h]:mm is a duration");
            assert!((reply.as_f64() - 90.0 / 1440.0).abs() < 1e-12);
        }
        other => panic!("first_reply_minutes is a duration cell, got {other:?}"),
    }
    assert_eq!(sheet.get((1, 11)), Some(&Data::Float(2.0)));
    assert!(matches!(sheet.get((2, 8)), None | Some(Data::Empty)));

    let styles = zip_entry(&path, "xl/styles.xml");
    for format in ["[h]:mm", "yyyy-mm-dd hh:mm", "#,##0"] {
        assert!(
            styles.contains(&format!("formatCode=\"{format}\"")),
            "{format}"
        );
    }
    assert!(styles.contains("<b/>"), "the header is bold");
    let xml = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("<autoFilter ref=\"A1:N4\"/>"),
        "filter over header and rows"
    );
    assert!(xml.contains("ySplit=\"1\""), "the header row is frozen");
    assert!(xml.contains("<cols>"), "columns have widths");
}

#[test]
fn a_chart_in_xlsx_has_real_dates_and_percentages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("csat.xlsx");
    assert_eq!(export_chart(&path).rows, 2);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["CSAT by week"]);
    let sheet = book.worksheet_range("CSAT by week").unwrap();
    match sheet.get((1, 0)) {
        Some(Data::DateTime(day)) => assert_eq!(day.as_f64(), 45_663.0),
        other => panic!("the period is a date cell, got {other:?}"),
    }
    assert_eq!(sheet.get((1, 1)), Some(&Data::Float(0.9)));
    assert_eq!(sheet.get((1, 2)), Some(&Data::Float(40.0)));
    assert!(matches!(sheet.get((2, 1)), None | Some(Data::Empty)));
    let styles = zip_entry(&path, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""));
    assert!(styles.contains("formatCode=\"yyyy-mm-dd\""));
}

#[test]
fn parquet_reads_back_with_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tickets.parquet");
    export_tickets(&path);
    let df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height(), 3);
    let dtype = |name: &str| df.column(name).unwrap().dtype().clone();
    assert_eq!(dtype("id"), DataType::Int64);
    assert_eq!(dtype("subject"), DataType::String);
    assert_eq!(dtype("first_reply_minutes"), DataType::Float64);
    assert_eq!(dtype("replies"), DataType::Int64);
    match dtype("created_at") {
        DataType::Datetime(TimeUnit::Milliseconds, Some(tz)) => {
            assert_eq!(tz.as_str(), "Europe/Moscow")
        }
        other => panic!("created_at is a zoned datetime, got {other:?}"),
    }
    let ids: Vec<Option<i64>> = df.column("id").unwrap().i64().unwrap().iter().collect();
    assert_eq!(ids, [Some(1), Some(2), Some(3)]);
    let subject = df.column("subject").unwrap().str().unwrap().get(0);
    assert_eq!(subject, Some(FORMULA), "Parquet keeps the text as it is");
    let created = df
        .column("created_at")
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap();
    let at = created.i64().unwrap().get(0);
    assert_eq!(at, Some(crate::fixtures::ts("2025-01-06T09:30:00Z") * 1000));
    let reply = df
        .column("first_reply_minutes")
        .unwrap()
        .f64()
        .unwrap()
        .get(0);
    assert_eq!(reply, Some(90.0));

    let chart = dir.path().join("csat.parquet");
    export_chart(&chart);
    let df = ParquetReader::new(std::fs::File::open(&chart).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.column("period").unwrap().dtype(), &DataType::Date);
    assert_eq!(
        df.column("All tickets").unwrap().dtype(),
        &DataType::Float64
    );
    assert_eq!(
        df.column("All tickets n").unwrap().dtype(),
        &DataType::Int64
    );
    let low = df
        .column("All tickets ci_low")
        .unwrap()
        .f64()
        .unwrap()
        .get(0);
    assert_eq!(low, Some(0.77));
}

#[test]
fn a_ticket_export_of_the_demo_holds_the_whole_list_in_its_order() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        tickets: 2000,
        months: 6,
        now: 1_767_225_600,
        ..DemoConfig::default()
    };
    let (workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {}).unwrap();
    let frame = workspace.frame().unwrap().frame;
    let request = TicketListRequest {
        query: range("2025-07-01", "2025-12-31"),
        kpi: "tickets_solved".into(),
        sort: Some("-first_reply_time".into()),
        limit: Some(10_000),
        ..TicketListRequest::default()
    };
    let today = workspace.today(config.now).unwrap();
    let list = request
        .resolve(today, workspace.time_zone().unwrap())
        .unwrap();
    let listed = ticket_list(&frame, workspace.store(), &list).unwrap();
    assert!(listed.total > 100, "the demo solves tickets every week");

    let out = dir.path().join("solved.csv");
    let mut table = TicketTable::new(&frame, workspace.store(), &list).unwrap();
    assert_eq!(table.total_rows(), listed.total);
    let mut seen = Vec::new();
    let done = export::export(
        &mut table,
        ExportFormat::Csv,
        &out,
        &AtomicBool::new(false),
        &mut |p| seen.push(p),
    )
    .unwrap();
    assert_eq!(
        done.rows, listed.total,
        "every ticket of the list, not a page"
    );
    assert_eq!(
        seen.last().map(|p| (p.rows, p.total)),
        Some((listed.total, listed.total))
    );
    let bytes = std::fs::read(&out).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let ids: Vec<i64> = reader
        .records()
        .map(|r| r.unwrap()[0].parse().unwrap())
        .collect();
    let listed_ids: Vec<i64> = listed.rows.iter().map(|r| r.id).collect();
    assert_eq!(ids, listed_ids, "the list's rows in the list's order");
}

#[test]
fn feedback_tables_and_a_theme_s_tickets_export_as_the_report_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        tickets: 2000,
        months: 6,
        now: 1_767_225_600,
        ..DemoConfig::default()
    };
    let (workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {}).unwrap();
    let frame = workspace.frame().unwrap().frame;
    let tz = workspace.time_zone().unwrap();
    let query = FeedbackRequest {
        from: Some("2025-10-01".into()),
        to: Some("2025-12-31".into()),
        ..FeedbackRequest::default()
    }
    .resolve(workspace.today(config.now).unwrap(), tz)
    .unwrap();
    let report = feedback::run(workspace.store(), &frame, &query).unwrap();
    assert!(
        !report.themes.is_empty(),
        "the demo's customers write about things"
    );
    let never = AtomicBool::new(false);
    let lengths = [
        (FeedbackTable::Themes, report.themes.len()),
        (FeedbackTable::Emerging, report.emerging.len()),
        (FeedbackTable::Drivers, report.drivers.effects.len()),
        (FeedbackTable::Duplicates, report.duplicates.len()),
        (FeedbackTable::KbGaps, report.kb_gaps.len()),
        (
            FeedbackTable::SentimentModels,
            report.sentiment.models.len(),
        ),
    ];
    for (which, len) in lengths {
        // XLSX checks every cell against its column's kind, as every writer does.
        let out = dir.path().join(format!("{which:?}.xlsx"));
        let mut table = feedback_table(&report, which, tz);
        let done = export::export(&mut table, ExportFormat::Xlsx, &out, &never, &mut |_| {})
            .unwrap_or_else(|err| panic!("{which:?}: {err}"));
        assert_eq!(done.rows as usize, len, "{which:?}: one row per item");
    }
    let out = dir.path().join("themes.csv");
    let mut themes = feedback_table(&report, FeedbackTable::Themes, tz);
    export::export(&mut themes, ExportFormat::Csv, &out, &never, &mut |_| {}).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[2], "theme");
    let tickets_at = headers.iter().position(|h| h == "tickets").unwrap();
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(
        (&first[0], first[tickets_at].parse::<u64>().unwrap()),
        (report.themes[0].id.as_str(), report.themes[0].count)
    );

    let theme = &report.themes[0];
    let order = ListOrder::parse(Some("id"), 0, None, None).unwrap();
    let mut tickets =
        TicketTable::of_tickets(&frame, workspace.store(), &theme.tickets, &order, tz).unwrap();
    assert_eq!(
        tickets.total_rows(),
        theme.count,
        "every ticket of the theme, each once"
    );
    let out = dir.path().join("theme.csv");
    let done = export::export(&mut tickets, ExportFormat::Csv, &out, &never, &mut |_| {}).unwrap();
    assert_eq!(done.rows, theme.count);
}

/// A two-column table of `rows` rows.
fn numbers(rows: usize) -> Table {
    let columns = vec![
        Column::new("n", ColumnKind::Integer),
        Column::new("note", ColumnKind::Text),
    ];
    let rows = (0..rows)
        .map(|i| vec![Cell::Integer(i as i64), Cell::Text(format!("row {i}"))])
        .collect();
    Table::new("Numbers", columns, rows)
}

#[rstest]
#[case::csv("out.csv")]
#[case::xlsx("out.xlsx")]
#[case::parquet("out.parquet")]
fn a_cancelled_export_leaves_no_file_and_the_old_one_untouched(#[case] name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, b"the previous export").unwrap();
    let cancel = AtomicBool::new(false);
    let mut table = numbers(12_000);
    let format = ExportFormat::of_path(&path).unwrap();
    let result = export::export(&mut table, format, &path, &cancel, &mut |p| {
        if p.rows >= 5_000 {
            cancel.store(true, Ordering::Relaxed);
        }
    });
    assert!(matches!(result, Err(ExportError::Cancelled)), "{result:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"the previous export");
    assert_eq!(listing(dir.path()), [name], "no temporary file is left");

    let done = export::export(
        &mut numbers(12_000),
        format,
        &path,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(done.rows, 12_000);
    assert_ne!(
        std::fs::read(&path).unwrap(),
        b"the previous export",
        "replaced when done"
    );
    assert_eq!(listing(dir.path()), [name]);
}

/// Claims a size and fails after its first chunk, or holds nothing at all.
struct Faulty {
    columns: Vec<Column>,
    total: u64,
    served: bool,
}

impl TableSource for Faulty {
    fn title(&self) -> &str {
        "Faulty"
    }
    fn columns(&self) -> &[Column] {
        &self.columns
    }
    fn total_rows(&self) -> u64 {
        self.total
    }
    fn next_rows(&mut self) -> Result<Option<Vec<Row>>, ExportError> {
        if self.served {
            let gone = std::io::Error::other("the database went away");
            return Err(ExportError::Io {
                file: "deskbench.sqlite".into(),
                source: gone,
            });
        }
        self.served = true;
        Ok(Some(vec![vec![Cell::Integer(1)]]))
    }
}

fn faulty(total: u64) -> Faulty {
    Faulty {
        columns: vec![Column::new("n", ColumnKind::Integer)],
        total,
        served: false,
    }
}

#[test]
fn a_failed_export_leaves_no_file_and_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let never = AtomicBool::new(false);
    let result = export::export(
        &mut faulty(10),
        ExportFormat::Csv,
        &path,
        &never,
        &mut |_| {},
    );
    assert!(matches!(result, Err(ExportError::Io { .. })));
    assert!(listing(dir.path()).is_empty(), "nothing is left behind");

    let missing = dir.path().join("no such folder").join("out.csv");
    let err = export::export(
        &mut numbers(1),
        ExportFormat::Csv,
        &missing,
        &never,
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "could not write out.csv");
}

#[test]
fn xlsx_refuses_more_rows_than_a_sheet_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    let never = AtomicBool::new(false);
    let too_many = export::XLSX_MAX_ROWS + 1;
    let err = export::export(
        &mut faulty(too_many),
        ExportFormat::Xlsx,
        &path,
        &never,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(
        matches!(err, ExportError::TooManyRows { rows, max: 1_048_575 } if rows == too_many),
        "{err}"
    );
    assert!(err.to_string().contains("export CSV or Parquet"));
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn cli_export_tickets_writes_the_whole_list_as_csv() {
    let ws = demo_workspace();
    let query = [
        "--of",
        "tickets_created",
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-31",
    ];
    let listed = deskbench(
        ws.path(),
        &[&["tickets"], &query[..], &["--limit", "1"]].concat(),
    );
    assert!(listed.status.success(), "{}", stderr(&listed));
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let total = json["total"].as_u64().unwrap();

    let out = ws.path().join("x.csv");
    let out_arg = out.to_string_lossy().into_owned();
    let args = [&["export", "tickets"], &query[..], &["--out", &out_arg]].concat();
    let run = deskbench(ws.path(), &args);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("Wrote {total} rows")),
        "{}",
        stderr(&run)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(
        bytes[3..]
            .starts_with("# KPI: Tickets created\r\n# Period: Jan 1 – Mar 31, 2025".as_bytes()),
        "the list's context comes first"
    );
    let rows = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(&bytes[3..])
        .records()
        .count() as u64;
    assert_eq!(rows, total, "as many rows as `deskbench tickets` counts");

    let chart = ws.path().join("csat.xlsx").to_string_lossy().into_owned();
    let kpi = [
        "export", "kpi", "--kpi", "csat", "--every", "week", "--out", &chart,
    ];
    let run = deskbench(ws.path(), &kpi);
    assert!(run.status.success(), "{}", stderr(&run));

    let bad = deskbench(
        ws.path(),
        &["export", "kpi", "--kpi", "csat", "--out", "x.txt"],
    );
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains(".csv, .xlsx or .parquet"),
        "{}",
        stderr(&bad)
    );
}
