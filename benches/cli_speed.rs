//! Speed of the command line as a user meets it: fresh processes of the release
//! `deskbench` binary on a 1,000,000-ticket demo workspace, each loading the frame from
//! its snapshot. The workspace is made once and kept in `target/bench-workspaces/` (made
//! again when missing); its snapshot is built by one `kpi` call before the timings. Run
//! with `cargo bench --bench cli_speed` (set DESKBENCH_BENCH_TICKETS for another size).
//! Prints the median of five runs of each command against its target.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::bail;

// The launch bench uses the rest of it.
#[allow(dead_code)]
mod common;

const RUNS: usize = 5;
/// A 30-day range ending at the demo's last day.
const RANGE: [&str; 4] = ["--from", "2025-12-02", "--to", "2025-12-31"];

/// One timed workload: the calls it makes, one fresh process each, and its target.
struct Workload {
    name: &'static str,
    calls: Vec<Vec<&'static str>>,
    target: Duration,
}

fn kpi(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = vec!["kpi"];
    args.extend(RANGE);
    args.extend(extra);
    args
}

fn workloads() -> Vec<Workload> {
    let ms = Duration::from_millis;
    vec![
        Workload {
            name: "kpi --kpi tickets_created",
            calls: vec![kpi(&["--kpi", "tickets_created"])],
            target: ms(100),
        },
        Workload {
            name: "Overview: --every week, --by channel, --by group",
            calls: vec![
                kpi(&["--every", "week"]),
                kpi(&["--by", "channel"]),
                kpi(&["--by", "group"]),
            ],
            target: ms(500),
        },
        Workload {
            name: "status",
            calls: vec![vec!["status"]],
            target: ms(200),
        },
        Workload {
            name: "kpi --by tag",
            calls: vec![kpi(&["--by", "tag"])],
            target: ms(150),
        },
    ]
}

/// Runs `deskbench --workspace DIR ARGS` to its end; a failure is an error with stderr.
fn deskbench(workspace: &Path, args: &[&str]) -> anyhow::Result<()> {
    let output = Command::new(env!("CARGO_BIN_EXE_deskbench"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()?;
    if !output.status.success() {
        bail!(
            "deskbench {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// The median wall time of `RUNS` runs of all of a workload's calls in a row.
fn median(workspace: &Path, workload: &Workload) -> anyhow::Result<Duration> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        for call in &workload.calls {
            deskbench(workspace, call)?;
        }
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[RUNS / 2])
}

fn main() -> anyhow::Result<()> {
    let tickets = common::tickets();
    let dir = common::workspace(tickets)?;

    // Builds (or checks) the frame snapshot, so every timed call loads it.
    let start = Instant::now();
    deskbench(&dir, &kpi(&["--kpi", "tickets_created"]))?;
    println!(
        "first kpi call (snapshot built or checked): {:.2} s",
        start.elapsed().as_secs_f64()
    );

    println!("{tickets} tickets, fresh processes, median of {RUNS} runs");
    println!("{:<50} {:>10} {:>10}", "workload", "median", "target");
    for workload in workloads() {
        let took = median(&dir, &workload)?;
        let verdict = if took <= workload.target {
            ""
        } else {
            "  over"
        };
        println!(
            "{:<50} {:>8.3} s {:>8.3} s{verdict}",
            workload.name,
            took.as_secs_f64(),
            workload.target.as_secs_f64()
        );
    }
    Ok(())
}
