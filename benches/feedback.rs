//! Speed of the whole feedback run (DESIGN.md: "feedback themes over 200,000 comments
//! < 5 s") on a demo workspace whose year of ticket texts and rating comments adds up to
//! about 200,000 texts, with the peak memory. Run with `cargo bench --bench feedback`
//! (DESKBENCH_BENCH_TICKETS sets the demo's size).

use std::time::Instant;

use chrono_tz::Tz;
use deskbench::analytics::query::range::parse_date;
use deskbench::analytics::Frame;
use deskbench::demo::DemoConfig;
use deskbench::feedback::{self, FeedbackRequest};
use deskbench::workspace::Workspace;

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

fn main() -> anyhow::Result<()> {
    let tickets: usize = std::env::var("DESKBENCH_BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200_000);
    let dir = tempfile::tempdir()?;
    // A fixed "now" keeps the data set identical between runs.
    let now = 1_767_225_600; // 2026-01-01T00:00:00Z
    let config = DemoConfig {
        tickets,
        now,
        ..DemoConfig::default()
    };
    let (workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {})?;
    let frame = Frame::build(workspace.store())?;
    let today = parse_date("2026-01-01")?;
    let mut runs = Vec::new();
    for (source, from) in [
        ("all", "2025-01-01"),
        ("csat", "2025-01-01"),
        ("tickets", "2025-10-01"),
    ] {
        let query = FeedbackRequest {
            from: Some(from.into()),
            to: Some("2025-12-31".into()),
            source: Some(source.into()),
            ..FeedbackRequest::default()
        }
        .resolve(today, Tz::UTC)?;
        let start = Instant::now();
        let report = feedback::run(workspace.store(), &frame, &query)?;
        let took = start.elapsed();
        runs.push(format!(
            "feedback --source {source:<7} {from}..2025-12-31: {:>7} texts (+ previous period), {:>3} themes  {:>8.0} ms   (budget < 5 s at 200,000)",
            report.comments.total,
            report.themes.len(),
            took.as_secs_f64() * 1000.0
        ));
    }
    for line in runs {
        println!("{line}");
    }
    if let Some(mib) = common::peak_rss_mib() {
        println!("peak memory (demo of {tickets} tickets, frame and runs): {mib:.0} MiB");
    }
    Ok(())
}
