//! What the benches share: one cached demo workspace per size, so the 1,000,000-ticket
//! one is generated once for all of them, and the peak memory they report.

use std::path::{Path, PathBuf};

use anyhow::Context;
use deskbench::demo::DemoConfig;
use deskbench::store::records::{NewSource, SourceKind};
use deskbench::store::Store;
use deskbench::workspace::Workspace;

/// Peak resident memory of this process (Linux), in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The demo's fixed "now" (2026-01-01T00:00:00Z) keeps the data identical between runs.
pub const NOW: i64 = 1_767_225_600;

/// The size to time: `DESKBENCH_BENCH_TICKETS`, else 1,000,000 tickets.
pub fn tickets() -> usize {
    std::env::var("DESKBENCH_BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

/// The cached workspace of `tickets` demo tickets in `target/bench-workspaces/`,
/// generated when missing.
pub fn workspace(tickets: usize) -> anyhow::Result<PathBuf> {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let dir = target
        .join("bench-workspaces")
        .join(format!("cli-{tickets}"));
    if !Workspace::exists(&dir) {
        eprintln!(
            "generating a {tickets}-ticket demo workspace in {}",
            dir.display()
        );
        let config = DemoConfig {
            tickets,
            now: NOW,
            ..DemoConfig::default()
        };
        Workspace::create_demo(&dir, &config, &mut |_| {})
            .with_context(|| format!("generating the demo workspace in {}", dir.display()))?;
    }
    Ok(dir)
}

/// A store in `dir` with one Zendesk source at `url`, and the source's id.
pub fn store_with_source(dir: &std::path::Path, url: &str) -> anyhow::Result<(Store, i64)> {
    let mut store = Store::open(dir)?;
    let w = store.write()?;
    let id = w.add_source(&NewSource {
        kind: SourceKind::Zendesk,
        name: "bench".into(),
        base_url: Some(url.into()),
        time_zone: None,
        created_at: 0,
    })?;
    w.commit()?;
    Ok((store, id))
}
