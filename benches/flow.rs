//! Speed of the flow KPIs at scale, against issue budgets: reading the status history
//! of the 1,000,000-ticket demo (from SQLite and from its cache), the backlog by group at each day's end over 18 months
//! (budget 300 ms warm), the time in status by assignee over 18 months (300 ms), and
//! storing history rows as the ticket events stream does (rows per second). Run with
//! `cargo bench --bench flow` (DESKBENCH_BENCH_TICKETS for another size). The cached
//! bench workspace must come from a demo that writes history: remove an older one.

use std::time::{Duration, Instant};

use deskbench::analytics::flow::report::{backlog_report, flow_report};
use deskbench::analytics::flow::{History, SourceCalendars, HISTORY_CACHE};
use deskbench::analytics::KpiRequest;
use deskbench::store::records::{FieldChange, HistoryField, HistoryValue};
use deskbench::workspace::Workspace;

#[allow(dead_code)]
mod common;

/// 18 months to the demo's "now", as a request.
fn eighteen_months(every: Option<&str>, by: &str) -> KpiRequest {
    KpiRequest {
        from: Some("2024-07-01".to_owned()),
        to: Some("2025-12-31".to_owned()),
        tz: Some("UTC".to_owned()),
        every: every.map(str::to_owned),
        by: Some(by.to_owned()),
        ..KpiRequest::default()
    }
}

fn main() -> anyhow::Result<()> {
    let tickets = common::tickets();
    let workspace = Workspace::open(&common::workspace(tickets)?)?;
    let frame = workspace.frame()?.frame;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let calendars = SourceCalendars::read(workspace.store())?;

    let start = Instant::now();
    let history = History::read(workspace.store(), &frame)?;
    common::report(
        "read the status history from SQLite",
        start.elapsed(),
        "none",
    );
    // The cache beside the database: made once, then what every later call reads.
    let cache = workspace.dir().join(HISTORY_CACHE);
    let _ = std::fs::remove_file(&cache);
    let start = Instant::now();
    History::cached(workspace.store(), &frame, workspace.dir())?;
    common::report(
        "read the history and write its cache",
        start.elapsed(),
        "none",
    );
    let took = common::median_of(5, || {
        History::cached(workspace.store(), &frame, workspace.dir())
    });
    common::report("read the history from its cache", took, "none");
    let rows = (0..frame.ticket_count() as u32)
        .filter(|&r| history.has(r))
        .count();
    println!("{rows} of {} tickets have history", frame.ticket_count());

    let backlog = eighteen_months(Some("day"), "group").resolve(today, chrono_tz::UTC)?;
    let took = common::median_of(5, || {
        backlog_report(&frame, &history, None, &backlog, common::NOW, 7)
    });
    common::report("backlog by group by day, 18 months (warm)", took, "300 ms");

    let flow = eighteen_months(None, "assignee").resolve(today, chrono_tz::UTC)?;
    let took = common::median_of(5, || {
        flow_report(&frame, &history, &flow, common::NOW, &calendars)
    });
    common::report(
        "time in status and handoffs by assignee, 18 months",
        took,
        "300 ms",
    );

    let (rows, took) = ingest()?;
    println!(
        "{:<52} {:>10.0} rows/s ({rows} rows in {:.2} s, pages of 1,000 events)",
        "store history rows",
        rows as f64 / took.as_secs_f64(),
        took.as_secs_f64()
    );
    if let Some(peak) = common::peak_rss_mib() {
        println!("peak memory {peak:.0} MiB");
    }
    Ok(())
}

/// Stores 200,000 events of two changed fields each in pages of 1,000 events, one
/// transaction a page, as the sync does; returns the rows stored and the time.
fn ingest() -> anyhow::Result<(usize, Duration)> {
    let dir = tempfile::tempdir()?;
    let (mut store, source) = common::store_with_source(dir.path(), "https://bench.zendesk.com")?;
    let change = |event: i64, field, value| FieldChange {
        event_id: event,
        ticket_id: event / 4,
        at: 1_700_000_000 + event * 60,
        field,
        previous: None,
        value: Some(value),
        updater_id: Some(7),
    };
    let start = Instant::now();
    let mut rows = 0;
    for page in 0..200 {
        let changes: Vec<FieldChange> = (page * 1000..(page + 1) * 1000)
            .flat_map(|event| {
                [
                    change(
                        event,
                        HistoryField::Status,
                        HistoryValue::Text("open".into()),
                    ),
                    change(event, HistoryField::Group, HistoryValue::Id(event % 12)),
                ]
            })
            .collect();
        let writer = store.write()?;
        writer.insert_ticket_events(source, &changes)?;
        writer.commit()?;
        rows += changes.len();
    }
    Ok((rows, start.elapsed()))
}
