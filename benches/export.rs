//! Data export speed: every ticket of a 100,000-ticket demo workspace (the list of
//! `tickets_created` over its whole history) written as CSV, XLSX and Parquet, from the
//! list's query to the renamed file. Run with `cargo bench --bench export`
//! (DESKBENCH_BENCH_TICKETS sets the size). Prints one line per format and the peak memory.

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use deskbench::analytics::views::drill::TicketListRequest;
use deskbench::analytics::KpiRequest;
use deskbench::demo::DemoConfig;
use deskbench::export::{self, ExportFormat, TableSource, TicketTable};
use deskbench::workspace::Workspace;

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

fn main() -> anyhow::Result<()> {
    let tickets: usize = std::env::var("DESKBENCH_BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    // A fixed "now" keeps the data set identical between runs.
    let now = 1_767_225_600; // 2026-01-01T00:00:00Z
    let config = DemoConfig {
        tickets,
        now,
        ..DemoConfig::default()
    };
    let (workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {})?;
    let frame = workspace.frame()?.frame;
    let request = TicketListRequest {
        query: KpiRequest {
            from: Some("2020-01-01".into()),
            to: Some("2025-12-31".into()),
            ..KpiRequest::default()
        },
        kpi: "tickets_created".into(),
        ..TicketListRequest::default()
    };
    let list = request.resolve(workspace.today(now)?, workspace.time_zone()?)?;

    let start = Instant::now();
    let table = TicketTable::new(&frame, workspace.store(), &list)?;
    let rows = table.total_rows();
    report("the list's query alone", start.elapsed(), rows, None);
    let start = Instant::now();
    let mut table = TicketTable::new(&frame, workspace.store(), &list)?;
    while let Some(chunk) = table.next_rows()? {
        std::hint::black_box(chunk);
    }
    report(
        "the query and every row, no file",
        start.elapsed(),
        rows,
        None,
    );

    for format in ExportFormat::ALL {
        let out = dir.path().join(format!("tickets.{}", format.extension()));
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let mut table = TicketTable::new(&frame, workspace.store(), &list)?;
            let done = export::export(
                &mut table,
                format,
                &out,
                &AtomicBool::new(false),
                &mut |_| {},
            )?;
            times.push(start.elapsed());
            bytes = done.bytes;
        }
        times.sort();
        let what = format!("{rows} tickets to {}", format.extension().to_uppercase());
        report(&what, times[1], rows, Some(bytes));
    }
    if let Some(mib) = common::peak_rss_mib() {
        println!("{:<40} {mib:>10.0} MiB", "peak memory");
    }
    Ok(())
}

/// One line: the median time, rows per second and the file's size.
fn report(what: &str, took: Duration, rows: u64, bytes: Option<u64>) {
    let seconds = took.as_secs_f64();
    let size = bytes
        .map(|b| format!(", {:.1} MB", b as f64 / 1e6))
        .unwrap_or_default();
    println!(
        "{what:<40} {:>10.1} ms   ({:.0} rows/s{size})",
        seconds * 1000.0,
        rows as f64 / seconds
    );
}
