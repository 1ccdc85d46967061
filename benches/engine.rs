//! Speed of the core at scale, against DESIGN.md's budgets: generating the 1,000,000-ticket
//! demo workspace, building the frame cache from SQLite, loading it from its snapshot,
//! updating it after a sync that changed 1% of the tickets, the
//! Overview call, one KPI by one dimension by week, the Agents & groups table, Explore's
//! first chart and the first page of a 100,000-ticket list. Run
//! with `cargo bench --bench engine` (set DESKBENCH_BENCH_TICKETS for another size).
//! Prints one line per measurement and the peak memory.

use std::time::Instant;

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::frame::dimension::Dimension;
use deskbench::analytics::views::catalogue;
use deskbench::analytics::views::drill::{ticket_list, TicketListRequest};
use deskbench::analytics::views::overview::{overview, OverviewRequest, PeriodPreset};
use deskbench::analytics::views::people::{people_table, PeopleBy};
use deskbench::analytics::{run, Frame, KpiQuery, KpiRequest};
use deskbench::charts::{self, ChartKind, ChartText};
use deskbench::demo::DemoConfig;
use deskbench::store::records::{Ticket, TicketMetrics, TicketStatus};
use deskbench::store::TicketSelection;
use deskbench::workspace::Workspace;

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

fn main() -> anyhow::Result<()> {
    let tickets: usize = std::env::var("DESKBENCH_BENCH_TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    // A fixed "now" keeps the data set identical between runs.
    let now = 1_767_225_600; // 2026-01-01T00:00:00Z
    let config = DemoConfig {
        tickets,
        now,
        ..DemoConfig::default()
    };

    let start = Instant::now();
    let (mut workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {})?;
    common::report(
        &format!("demo generation, {tickets} tickets"),
        start.elapsed(),
        "none",
    );

    let start = Instant::now();
    let frame = Frame::build(workspace.store())?;
    common::report("frame build from SQLite (cold)", start.elapsed(), "< 2 s");
    drop(frame);
    let frame_again = common::median_of(3, || {
        Frame::build(workspace.store()).expect("the frame builds");
    });
    common::report(
        "frame build from SQLite (warm page cache)",
        frame_again,
        "< 2 s",
    );

    // Each frame is dropped at once: the peak below is that of one loaded workspace.
    let start = Instant::now();
    let saved = workspace.frame()?;
    let took = start.elapsed();
    assert!(!saved.from_snapshot && saved.save_error.is_none());
    drop(saved);
    common::report("frame build from SQLite + snapshot save", took, "none");
    let from_snapshot = common::median_of(3, || {
        let loaded = workspace.frame().expect("the snapshot loads");
        assert!(loaded.from_snapshot);
    });
    common::report("frame load from the snapshot", from_snapshot, "< 2 s");

    // As the app and the command line do: the frame first, its snapshot saved after.
    let changed = sync_one_percent(&mut workspace)?;
    let start = Instant::now();
    let (updated, unsaved) = workspace.frame_unsaved()?;
    let took = start.elapsed();
    assert!(updated.updated);
    common::report(
        &format!("frame update after a sync of {changed} tickets"),
        took,
        "< 1 s",
    );
    let start = Instant::now();
    let save_error = unsaved.and_then(|unsaved| unsaved.save(&updated.frame));
    let took = start.elapsed();
    assert!(save_error.is_none());
    drop(updated);
    common::report("its snapshot save, after the frame is in use", took, "none");
    let frame = workspace.frame()?.frame;

    let today = workspace.today(now)?;
    let tz = workspace.time_zone()?;
    let request = OverviewRequest {
        period: PeriodPreset::Last90Days,
        tz: None,
    };
    let took = common::median_of(9, || overview(&frame, &request, today, tz, &[]));
    common::report(
        "Overview (18 KPIs x 2 periods, weekly trend)",
        took,
        "< 150 ms",
    );

    let by_week = KpiRequest {
        from: Some("2025-01-01".into()),
        to: Some("2025-12-31".into()),
        by: Some("assignee".into()),
        every: Some("week".into()),
        kpis: vec!["first_reply_time".into()],
        ..KpiRequest::default()
    }
    .resolve(today, tz)?;
    let took = common::median_of(9, || run(&frame, &by_week));
    common::report(
        "first_reply_time by assignee by week, 1 year",
        took,
        "< 50 ms",
    );

    let by_tag = KpiRequest {
        by: Some("tag".into()),
        kpis: vec!["tickets_created".into(), "csat".into()],
        ..by_week_request()
    }
    .resolve(today, tz)?;
    let took = common::median_of(9, || run(&frame, &by_tag));
    common::report("tickets_created and csat by tag, 1 year", took, "none");

    let all_by_group = KpiRequest {
        by: Some("group".into()),
        every: Some("month".into()),
        ..by_week_request()
    }
    .resolve(today, tz)?;
    let took = common::median_of(5, || run(&frame, &all_by_group));
    common::report("all KPIs by group by month, 1 year", took, "none");

    let last_90_days = KpiQuery::new(PeriodPreset::Last90Days.resolve(today, tz)?);
    for (by, name) in [(PeopleBy::Assignee, "agents"), (PeopleBy::Group, "groups")] {
        let took = common::median_of(9, || people_table(&frame, &last_90_days, by));
        common::report(
            &format!("Agents & groups table, {name}, 90 days"),
            took,
            "< 300 ms",
        );
    }

    // Opening Explore: its dimension pickers, then its default chart (tickets created by
    // channel over the last 30 days) as the spec the web view draws.
    let explore = KpiRequest {
        by: Some("channel".into()),
        kpis: vec!["tickets_created".into()],
        ..KpiRequest::default()
    }
    .resolve(today, tz)?;
    let took = common::median_of(9, || {
        let dimensions = catalogue::dimensions(&frame);
        let report = run(&frame, &explore).expect("the report runs");
        let chart = charts::from_report(
            &report,
            KpiId::TicketsCreated,
            ChartKind::Bar,
            ChartText::default(),
        );
        (dimensions, chart)
    });
    common::report(
        "Explore's first chart (dimensions + kpi_chart)",
        took,
        "none",
    );

    // A filter menu beside that chart: agents counted over its 30 days, one channel chosen.
    let scoped = KpiRequest {
        filters: vec!["channel=email".into()],
        ..KpiRequest::default()
    }
    .resolve(today, tz)?;
    let took = common::median_of(9, || {
        catalogue::dimension_values_in(&frame, Dimension::Assignee, &scoped)
            .expect("the values count")
    });
    common::report(
        "filter menu values: assignees over 30 days, email",
        took,
        "none",
    );

    // The first page of a ticket list behind a number of about 100,000 tickets.
    let list = TicketListRequest {
        query: KpiRequest {
            from: Some("2025-10-01".into()),
            to: Some("2025-11-30".into()),
            ..KpiRequest::default()
        },
        kpi: "tickets_created".into(),
        limit: Some(200),
        ..TicketListRequest::default()
    }
    .resolve(today, tz)?;
    let first = ticket_list(&frame, workspace.store(), &list)?;
    let took = common::median_of(9, || ticket_list(&frame, workspace.store(), &list));
    common::report(
        &format!("ticket list of {} tickets, first page", first.total),
        took,
        "none",
    );

    if let Some(mib) = common::peak_rss_mib() {
        println!("{:<48} {mib:>10.0} MiB (budget < 1.5 GB)", "peak memory");
    }
    Ok(())
}

/// Writes 1% of the tickets again, solved into another group with a new tag, a page of
/// 1,000 per transaction as a sync stores them; returns how many.
fn sync_one_percent(workspace: &mut Workspace) -> anyhow::Result<usize> {
    let source = workspace.store().sources()?[0].id;
    let c = workspace.store().ticket_columns(TicketSelection::All)?;
    let tickets: Vec<Ticket> = (0..c.id.len())
        .step_by(100)
        .map(|i| Ticket {
            id: c.id[i],
            status: TicketStatus::Solved,
            priority: c.priority[i].clone(),
            ticket_type: c.ticket_type[i].clone(),
            channel: c.channel[i].clone(),
            subject: None,
            description: None,
            requester_id: c.requester_id[i],
            submitter_id: c.requester_id[i],
            assignee_id: c.assignee_id[i],
            group_id: c.group_id[i].map(|g| g + 1),
            organization_id: c.organization_id[i],
            brand_id: c.brand_id[i],
            form_id: None,
            created_at: c.created_at[i],
            updated_at: Some(c.created_at[i] + 86_400),
            solved_at: Some(c.created_at[i] + 86_400),
            metrics: TicketMetrics::default(),
            tags: vec!["resynced".to_owned()],
            fields: Vec::new(),
        })
        .collect();
    for page in tickets.chunks(1_000) {
        let w = workspace.store_mut().write()?;
        w.upsert_tickets(source, page, None)?;
        w.commit()?;
    }
    Ok(tickets.len())
}

fn by_week_request() -> KpiRequest {
    KpiRequest {
        from: Some("2025-01-01".into()),
        to: Some("2025-12-31".into()),
        ..KpiRequest::default()
    }
}
