//! Speed and memory of reading import files: a 1,000,000-row, 15-column ticket export
//! (about 200 MB of CSV with quoted cells, commas and line breaks inside them) read to
//! the last row, its dates parsed, and a 100,000-row XLSX sheet. The whole import's
//! budget is ≥ 200,000 rows/s in < 500 MB; reading should take well under half of it.
//! Run with `cargo bench --bench import_read` (DESKBENCH_BENCH_ROWS for another size).

use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono_tz::Tz;
use deskbench::sources::csv::dates::DateFormat;
use deskbench::sources::csv::read::{open, ReadOptions};

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

const STATUSES: [&str; 5] = [
    "Open",
    "Pending",
    "Resolved",
    "Closed",
    "Waiting on Customer",
];
const GROUPS: [&str; 4] = ["Billing", "Technical support", "Onboarding", "Escalations"];
const SUBJECTS: [&str; 4] = [
    "Cannot log in after the update",
    "Refund for order, please",
    "Не приходит письмо с кодом",
    "결제 오류가 발생했습니다",
];

/// A timestamp `n` minutes into 2024, as Freshdesk writes it.
fn stamp(minutes: u64) -> String {
    let (days, rest) = (minutes / 1440 % 365, minutes % 1440);
    let (month, day) = (days / 28 % 12 + 1, days % 28 + 1);
    format!(
        "2024-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rest / 60,
        rest % 60,
        minutes % 60
    )
}

/// One ticket export row of 15 cells, about 200 bytes.
fn ticket_row(n: u64) -> String {
    let pick =
        |list: &[&'static str], salt: u64| list[((n * 7 + salt) % list.len() as u64) as usize];
    let description = if n.is_multiple_of(10) {
        format!(
            "\"Hello,\nthe \"\"{}\"\" screen shows error {}.\"",
            pick(&GROUPS, 1),
            n % 997
        )
    } else {
        format!("\"Customer writes about case {n}, see the attachment.\"")
    };
    let created = n % 500_000;
    [
        (1_000_000 + n).to_string(),
        format!("\"{}\"", pick(&SUBJECTS, 0)),
        description,
        pick(&STATUSES, 2).to_owned(),
        ["Low", "Medium", "High", "Urgent"][(n % 4) as usize].to_owned(),
        ["Email", "Portal", "Phone", "Chat"][(n % 3) as usize].to_owned(),
        "Question".to_owned(),
        format!("Agent {}", n % 120),
        pick(&GROUPS, 3).to_owned(),
        stamp(created),
        stamp(created + 35),
        stamp(created + 600),
        format!("customer{}@example.com", n % 50_000),
        "\"billing,refund\"".to_owned(),
        ["Awesome", "Just Okay", "Not Good", ""][(n % 4) as usize].to_owned(),
    ]
    .join(",")
}

fn write_csv(path: &Path, rows: u64) -> anyhow::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Group,Created time,\
         Resolved time,Closed time,Email,Tags,Survey results"
    )?;
    for n in 0..rows {
        writeln!(out, "{}", ticket_row(n))?;
    }
    out.flush()?;
    Ok(())
}

/// Reads every row of `path`; returns (rows, bad rows, cells).
fn read_all(path: &Path) -> anyhow::Result<(u64, u64, u64)> {
    let cancel = AtomicBool::new(false);
    let (_, rows) = open(path, &ReadOptions::default(), &cancel)?;
    let (mut good, mut bad, mut cells) = (0, 0, 0);
    for row in rows {
        match row {
            Ok(row) => {
                good += 1;
                cells += row.cells.len() as u64;
            }
            Err(_) => bad += 1,
        }
    }
    Ok((good, bad, cells))
}

fn report_read(what: &str, rows: u64, bad: u64, seconds: f64, bytes: u64) {
    println!(
        "{what:<44} {:>8.2} s {:>10.0} rows/s {:>7.0} MB/s   ({rows} rows, {bad} bad)",
        seconds,
        rows as f64 / seconds,
        bytes as f64 / seconds / 1e6
    );
}

fn main() -> anyhow::Result<()> {
    let rows: u64 = std::env::var("DESKBENCH_BENCH_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let csv = dir.path().join("tickets.csv");

    let start = Instant::now();
    write_csv(&csv, rows)?;
    let size = std::fs::metadata(&csv)?.len();
    println!(
        "{:<44} {:>8.2} s   ({:.0} MB)",
        format!("writing the {rows}-row CSV"),
        start.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );

    for pass in ["first", "second"] {
        let start = Instant::now();
        let (good, bad, cells) = read_all(&csv)?;
        report_read(
            &format!("CSV read, every row ({pass} pass)"),
            good,
            bad,
            start.elapsed().as_secs_f64(),
            size,
        );
        anyhow::ensure!(
            good == rows + 1 && bad == 0 && cells == 15 * (rows + 1),
            "every row read whole"
        );
    }
    if let Some(mib) = common::peak_rss_mib() {
        println!(
            "{:<44} {mib:>8.0} MiB (budget < 500 MB for the whole import)",
            "peak memory after the CSV"
        );
    }

    let format = DateFormat::Strftime("%Y-%m-%d %H:%M:%S".into());
    let texts: Vec<String> = (0..rows).map(stamp).collect();
    let start = Instant::now();
    let mut sum = 0i64;
    for text in &texts {
        sum = sum.wrapping_add(format.parse(text, Tz::Europe__Berlin)?);
    }
    std::hint::black_box(sum);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{:<44} {:>8.2} s {:>10.0} dates/s",
        format!("{rows} dates parsed in Europe/Berlin"),
        seconds,
        rows as f64 / seconds
    );
    drop(texts);

    let sheet_rows = (rows / 10).max(1);
    let xlsx = dir.path().join("tickets.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    for n in 0..sheet_rows {
        let row = u32::try_from(n)?;
        sheet.write_number(row, 0, (1_000_000 + n) as f64)?;
        for column in 1..15u16 {
            sheet.write_string(row, column, format!("cell {column} of {n}"))?;
        }
    }
    workbook.save(&xlsx)?;
    let size = std::fs::metadata(&xlsx)?.len();
    let start = Instant::now();
    let (good, bad, _) = read_all(&xlsx)?;
    report_read(
        "XLSX read, every row",
        good,
        bad,
        start.elapsed().as_secs_f64(),
        size,
    );
    anyhow::ensure!(good == sheet_rows, "every sheet row read");
    if let Some(mib) = common::peak_rss_mib() {
        println!("{:<44} {mib:>8.0} MiB", "peak memory at the end");
    }
    Ok(())
}
