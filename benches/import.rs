//! Speed of file import: a generic CSV of 1,000,000 tickets (ten mapped columns) read,
//! mapped and written to a new workspace in one transaction, then imported again as a
//! newer export that updates every ticket. Target: at least 200,000 rows/s and a peak
//! memory under 500 MB. Run with `cargo bench --bench import` (set
//! DESKBENCH_BENCH_ROWS for another size). Prints one line per measurement, with the CPU
//! seconds it took.

use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use deskbench::app::import::ImportRequest;
use deskbench::app::Session;

/// The allocator the `deskbench` binary uses, so the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

const MAPS: &[&str] = &[
    "Key=id",
    "State=status",
    "Opened=created_at",
    "Replied=first_reply_at",
    "Done=solved_at",
    "Team=group",
    "Agent=assignee",
    "Customer=requester_email",
    "Labels=tags",
    "Subject=subject",
];

/// Writes `rows` tickets: 20 teams, 200 agents, 100,000 customers, one or two labels.
fn write_csv(path: &std::path::Path, rows: usize) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "Key,State,Opened,Replied,Done,Team,Agent,Customer,Labels,Subject"
    )?;
    for i in 0..rows {
        let day = 1 + i % 28;
        let hour = i % 24;
        let solved = i % 3 != 0;
        let (state, done) = if solved {
            ("Solved", format!("2025-03-{:02} {:02}:45", day, hour))
        } else {
            ("Open", String::new())
        };
        writeln!(
            out,
            "T-{i},{state},2025-03-{day:02} {hour:02}:00,2025-03-{day:02} {hour:02}:20,{done},Team {},Agent {},customer{}@example.com,\"tag{},tag{}\",Printer {i} does not print",
            i % 20,
            i % 200,
            i % 100_000,
            i % 7,
            i % 11,
        )?;
    }
    out.flush()
}

/// The CPU time of this process so far (user and system, every thread), from Linux's
/// `/proc/self/stat` in its fixed 100 ticks a second: on a busy machine it changes
/// less than the elapsed time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    // utime and stime: fields 14 and 15 of the line, the state being field 3.
    Some((ticks(11)? + ticks(12)?) as f64 / 100.0)
}

fn main() -> anyhow::Result<()> {
    let rows: usize = std::env::var("DESKBENCH_BENCH_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("tickets.csv");
    write_csv(&file, rows)?;
    let size_mib = std::fs::metadata(&file)?.len() as f64 / (1024.0 * 1024.0);
    println!("generic CSV of {rows} tickets: {size_mib:.0} MiB");
    let workspace = dir.path().join("workspace");
    let session = Session::new(workspace);
    session.open()?;
    let request = ImportRequest {
        file,
        maps: MAPS.iter().map(|m| m.to_string()).collect(),
        tz: Some("UTC".into()),
        ..ImportRequest::default()
    };
    for what in [
        "import into a new workspace",
        "import again (every ticket updated)",
    ] {
        let (start, cpu) = (Instant::now(), cpu_seconds());
        let outcome = session.import_file(&request, &AtomicBool::new(false), &mut |_| {})?;
        let took = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(cpu).map(|(end, start)| end - start);
        let counts = &outcome.report.counts;
        assert_eq!(
            counts.tickets_new + counts.tickets_updated,
            rows as u64,
            "every row is imported"
        );
        println!(
            "{what:<40} {:>8.2} s   {:>9.0} rows/s   (target ≥ 200,000 rows/s)   CPU {}",
            took,
            rows as f64 / took,
            cpu.map_or("unknown".to_owned(), |s| format!("{s:.2} s")),
        );
    }
    if let Some(peak) = common::peak_rss_mib() {
        println!("peak memory {peak:>38.0} MiB   (target < 500 MB)");
    }
    Ok(())
}
