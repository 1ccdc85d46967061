//! Context travels with the chart: a demo chart filtered by channel and agent states its
//! period with the year, zone, hours, filters by name, n and data-as-of under its title
//! in SVG (in each language), and the same lines come back from its CSV, XLSX and Parquet
//! data and from a ticket list's export; the CLI's `chart` names its filters too.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use polars::prelude::{ParquetReader, SerReader};

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::views::drill::TicketListRequest;
use deskbench::analytics::KpiRequest;
use deskbench::app::explore::{ChartRequest, KpiChart};
use deskbench::app::export::ExportSource;
use deskbench::app::image::{self, ImageFormat};
use deskbench::app::{AppError, Session};
use deskbench::charts::{ChartKind, ChartSpec, Locale, RenderOptions};
use deskbench::export::ExportFormat;

use crate::cli::{demo_workspace, deskbench, stderr};

/// The demo's busiest agent: their key and name.
fn agent(session: &Session) -> (String, String) {
    let agents = session.dimension_values("assignee", None).unwrap();
    let agent = agents.into_iter().find(|a| a.key.is_some()).unwrap();
    (agent.key.unwrap(), agent.label)
}

fn request(agent: &str) -> KpiRequest {
    KpiRequest {
        from: Some("2025-03-03".into()),
        to: Some("2025-03-30".into()),
        every: Some("week".into()),
        kpis: vec!["tickets_solved".into()],
        filters: vec!["channel=email".into(), format!("assignee={agent}")],
        ..KpiRequest::default()
    }
}

fn solved_chart(session: &Session, agent: &str) -> KpiChart {
    let ask = ChartRequest {
        kpi: KpiId::TicketsSolved,
        kind: ChartKind::Line,
        title: "Tickets solved".into(),
        subtitle: None,
        total: "All tickets".into(),
    };
    session.kpi_chart(None, request(agent), ask).unwrap()
}

fn open(ws: &Path) -> Session {
    let session = Session::new(ws.to_owned());
    session.reload().unwrap();
    session
}

fn svg(spec: &ChartSpec, locale: Locale) -> String {
    let options = RenderOptions {
        locale,
        ..RenderOptions::default()
    };
    String::from_utf8(image::render(spec, &options, ImageFormat::Svg).unwrap()).unwrap()
}

#[test]
fn an_exported_chart_states_its_context_under_a_title_naming_the_agent() {
    let ws = demo_workspace();
    let session = open(ws.path());
    let (key, name) = agent(&session);
    let KpiChart { report, chart } = solved_chart(&session, &key);
    let solved = report.kpis.get(KpiId::TicketsSolved).unwrap().sample_size();
    assert_eq!(chart.title, format!("Tickets solved — {name}"));
    let text = svg(&chart, Locale::En);
    assert!(
        text.contains(&format!("Tickets solved — {name}")),
        "the title"
    );
    for part in [
        "Mar 3 – Mar 30, 2025",
        "UTC",
        "Calendar hours",
        "Channel: Email;",
        &format!("Assignee: {name}"),
        &format!("n = {solved}"),
        "Data as of",
    ] {
        assert!(text.contains(part), "the subtitle holds {part:?}");
    }
    assert!(!text.contains("channel=email"), "names, never codes");
    let ko = svg(&chart, Locale::Ko);
    assert!(ko.contains("2025년 3월 3일 – 3월 30일") && ko.contains("채널: Email"));
    let ru = svg(&chart, Locale::Ru);
    assert!(ru.contains("3 мар. – 30 мар. 2025 г.") && ru.contains("Канал: Email"));
}

/// Exports `what` to `dir/name`, the path chosen at once.
fn export(session: &Session, what: ExportSource, dir: &Path, name: &str) -> std::path::PathBuf {
    let out = dir.join(name);
    let format = ExportFormat::of_path(&out).unwrap();
    let to = || Ok::<_, AppError>(Some(out.clone()));
    let done = session.export(what, format, to, &mut |_| {}).unwrap();
    assert!(done.is_some(), "not cancelled");
    out
}

#[test]
fn chart_data_files_carry_the_same_context_and_still_read_as_tables() {
    let ws = demo_workspace();
    let session = open(ws.path());
    let (key, name) = agent(&session);
    let chart = solved_chart(&session, &key).chart;
    let what = || ExportSource::Chart {
        spec: Box::new(chart.clone()),
        locale: Some(Locale::En),
    };
    let out = tempfile::tempdir().unwrap();
    let assignee = format!("Channel: Email; Assignee: {name}");

    let csv_path = export(&session, what(), out.path(), "solved.csv");
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    assert!(text.starts_with("# KPI: Tickets solved\r\n# Period: Mar 3 – Mar 30, 2025\r\n"));
    assert!(
        text.contains(&format!("# Filters: {assignee}\r\n")),
        "{text}"
    );
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        &header[0], "period",
        "a reader skipping `#` lines gets the table"
    );
    assert_eq!(reader.records().count(), chart.x.labels.len());

    let xlsx_path = export(&session, what(), out.path(), "solved.xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx_path).unwrap();
    let sheets = book.sheet_names();
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    assert_eq!(sheets[1], "About");
    let data = book.worksheet_range(&sheets[0]).unwrap();
    assert_eq!(data.get((0, 0)), Some(&Data::String("period".into())));
    let about = book.worksheet_range("About").unwrap();
    let line = |label: &str| {
        about
            .rows()
            .find(|row| row[0] == Data::String(label.into()))
            .map(|row| row[1].to_string())
    };
    assert_eq!(line("Filters"), Some(assignee.clone()));
    assert_eq!(line("Time zone").as_deref(), Some("UTC"));

    let parquet_path = export(&session, what(), out.path(), "solved.parquet");
    let mut reader = ParquetReader::new(std::fs::File::open(&parquet_path).unwrap());
    let metadata = reader.get_metadata().unwrap().clone();
    let pairs = metadata.key_value_metadata().clone().unwrap_or_default();
    let value = |key: &str| {
        let found = pairs.iter().find(|kv| kv.key == key);
        found.and_then(|kv| kv.value.clone())
    };
    assert_eq!(value("deskbench.filters"), Some(assignee));
    assert_eq!(
        value("deskbench.period").as_deref(),
        Some("Mar 3 – Mar 30, 2025")
    );
    assert_eq!(value("deskbench.hours").as_deref(), Some("Calendar hours"));
    assert_eq!(reader.finish().unwrap().height(), chart.x.labels.len());
}

#[test]
fn a_ticket_list_export_states_its_period_filters_and_count_in_the_reader_s_language() {
    let ws = demo_workspace();
    let session = open(ws.path());
    let (key, name) = agent(&session);
    let list = TicketListRequest {
        query: request(&key),
        kpi: "tickets_solved".into(),
        ..TicketListRequest::default()
    };
    let what = ExportSource::Tickets {
        period: None,
        request: Box::new(list),
        locale: Some(Locale::Ru),
    };
    let out = tempfile::tempdir().unwrap();
    let path = export(&session, what, out.path(), "tickets.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("# Показатель: Решено обращений\r\n"),
        "{text}"
    );
    assert!(text.contains("# Период: 3 мар. – 30 мар. 2025 г.\r\n"));
    assert!(text.contains(&format!("# Фильтры: Канал: Email; Исполнитель: {name}\r\n")));
    let rows = text
        .lines()
        .filter(|l| !l.starts_with(['#', '\u{feff}']))
        .count();
    let n = format!("# Размер выборки (n): {}\r\n", rows - 1);
    assert!(text.contains(&n), "n is the list's tickets: {text}");
}

#[test]
fn the_cli_chart_subtitle_names_its_filters() {
    let ws = demo_workspace();
    let out = tempfile::tempdir().unwrap();
    let svg = out.path().join("solved.svg");
    let run = deskbench(
        ws.path(),
        &[
            "chart",
            "--kpi",
            "tickets_solved",
            "--from",
            "2025-03-03",
            "--to",
            "2025-03-30",
            "--where",
            "channel=email",
            "--where",
            "priority=urgent",
            "--out",
            svg.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("Channel: Email; Priority: Urgent"),
        "names: {text}"
    );
    assert!(!text.contains("channel=email"), "no raw codes");
    assert!(
        text.contains("Mar 3 – Mar 30, 2025"),
        "the period with its year"
    );
}
