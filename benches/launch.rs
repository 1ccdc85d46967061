//! Launch to a drawn Overview, as the app goes through it: a fresh process opens the
//! workspace (its database, the frame mapped from its snapshot, the header's facts:
//! `open_workspace`), then computes the Overview of the default period with its charts
//! and serialises it for the web view (`overview`). The web view's own start and drawing
//! are not in it. The workspace is the cached demo of `cli_speed`
//! (`target/bench-workspaces/`); its snapshot is built by a first launch before the
//! timings. Run with `cargo bench --bench launch` (DESKBENCH_BENCH_TICKETS for another
//! size). Each run is a fresh process of this bench, so only the OS page cache is warm;
//! prints the median of five runs against the target.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use deskbench::analytics::views::overview::{OverviewRequest, PeriodPreset};
use deskbench::app::Session;

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

const RUNS: usize = 5;
const TARGET: Duration = Duration::from_millis(1500);
/// Set to a workspace folder, the process is one launch and prints its phases.
const ONE_LAUNCH: &str = "DESKBENCH_BENCH_LAUNCH";

/// The phases of one launch, from the process's first call.
#[derive(Clone, Copy)]
struct Launch {
    opened: Duration,
    overview: Duration,
}

/// One launch in this process: the two calls the app makes before the Overview shows.
fn launch(dir: PathBuf) -> anyhow::Result<Launch> {
    let start = Instant::now();
    let session = Session::new(dir).with_clock(|| common::NOW);
    session.open_or_create_demo()?;
    let opened = start.elapsed();
    let request = OverviewRequest {
        period: PeriodPreset::Last4FullWeeks,
        tz: None,
    };
    let screen = session.overview(&request)?;
    let json = serde_json::to_vec(&screen)?;
    std::hint::black_box(json);
    Ok(Launch {
        opened,
        overview: start.elapsed() - opened,
    })
}

/// One launch in a fresh process of this bench.
fn fresh_launch(dir: &Path) -> anyhow::Result<Launch> {
    let exe = std::env::current_exe()?;
    let output = Command::new(exe).env(ONE_LAUNCH, dir).output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "the launch failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let mut seconds = stdout.split_whitespace().map(str::parse::<f64>);
    match (seconds.next(), seconds.next()) {
        (Some(Ok(opened)), Some(Ok(overview))) => Ok(Launch {
            opened: Duration::from_secs_f64(opened),
            overview: Duration::from_secs_f64(overview),
        }),
        _ => bail!("the launch printed {stdout:?}, not two durations"),
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() -> anyhow::Result<()> {
    if let Some(dir) = std::env::var_os(ONE_LAUNCH) {
        let launch = launch(PathBuf::from(dir)).context("launching")?;
        println!(
            "{} {}",
            launch.opened.as_secs_f64(),
            launch.overview.as_secs_f64()
        );
        return Ok(());
    }
    let tickets = common::tickets();
    let dir = common::workspace(tickets)?;
    let first = fresh_launch(&dir)?;
    println!(
        "first launch (snapshot built or checked): {:.2} s",
        (first.opened + first.overview).as_secs_f64()
    );

    let launches = (0..RUNS)
        .map(|_| fresh_launch(&dir))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let opened = median(launches.iter().map(|l| l.opened).collect());
    let overview = median(launches.iter().map(|l| l.overview).collect());
    let total = median(launches.iter().map(|l| l.opened + l.overview).collect());
    println!("{tickets} tickets, fresh processes, median of {RUNS} runs");
    println!(
        "open_workspace (database, snapshot, header facts) {:>8.3} s",
        opened.as_secs_f64()
    );
    println!(
        "overview (last 4 full weeks, charts, JSON)        {:>8.3} s",
        overview.as_secs_f64()
    );
    let verdict = if total <= TARGET { "" } else { "  over" };
    println!(
        "launch to Overview data                            {:>8.3} s (target {:.1} s){verdict}",
        total.as_secs_f64(),
        TARGET.as_secs_f64()
    );
    Ok(())
}
