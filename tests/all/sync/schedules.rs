//! Zendesk's business-hours schedules against the fake: synced with their holidays, the
//! default one gives the flow report's business minutes (hand-computed across a holiday
//! and a weekend), and a plan without schedules (403) skips the stream with a warning and
//! keeps the stored copy.

use fake_zendesk::{FakeSchedule, FakeZendesk};

use deskbench::analytics::flow::BusinessGap;
use deskbench::analytics::KpiRequest;
use deskbench::app::Session;
use deskbench::sources::zendesk::schedules::snapshot_key;
use deskbench::sources::zendesk::Stream;
use deskbench::store::RunOutcome;

use super::*;

/// 2026-01-01 00:00 UTC, a Thursday: the fake's clock starts here.
const BASE: i64 = 1_767_225_600;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// London, Monday to Friday 9–12 and 13–17; New Year's Day a holiday. A later-created
/// schedule open around the clock is not the default.
fn schedules() -> Vec<FakeSchedule> {
    let office = (1..=5_u32)
        .flat_map(|d| {
            [
                (d * 1440 + 540, d * 1440 + 720),
                (d * 1440 + 780, d * 1440 + 1020),
            ]
        })
        .collect();
    vec![
        FakeSchedule {
            id: 20,
            name: "Always".into(),
            time_zone: "UTC".into(),
            intervals: (0..7_u32).map(|d| (d * 1440, d * 1440 + 1440)).collect(),
            created_at: BASE - 30 * DAY,
            holidays: Vec::new(),
        },
        FakeSchedule {
            id: 10,
            name: "London office".into(),
            time_zone: "London".into(),
            intervals: office,
            created_at: BASE - 400 * DAY,
            holidays: vec![(
                "New Year's Day".into(),
                "2026-01-01".into(),
                "2026-01-01".into(),
            )],
        },
    ]
}

fn empty_account(schedules: Vec<FakeSchedule>, forbidden: &[&str]) -> FakeConfig {
    FakeConfig {
        tickets: 0,
        users: 8,
        organizations: 1,
        schedules,
        forbidden: forbidden.iter().map(|s| s.to_string()).collect(),
        ..FakeConfig::default()
    }
}

/// Moves the fake's clock so that its next mutation happens at `at`.
fn next_change_at(fake: &FakeZendesk, at: i64) {
    // Each mutation adds a minute before it stamps its changes.
    fake.advance_clock(at - 60 - fake.clock());
}

fn flow(dir: &Path) -> deskbench::analytics::flow::report::FlowReport {
    let session = Session::new(dir.to_owned());
    session.open().unwrap();
    let request = KpiRequest {
        from: Some("2026-01-01".into()),
        to: Some("2026-01-10".into()),
        tz: Some("UTC".into()),
        ..KpiRequest::default()
    };
    session.flow(None, request).unwrap().report
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_schedule_gives_business_minutes_across_a_holiday_and_a_weekend() {
    let fake = FakeZendesk::start(empty_account(schedules(), &[])).await;
    // Created Thu 1 Jan 00:01 (a holiday), opened Fri 2 Jan 16:00, solved Mon 5 Jan 10:00.
    let id = fake.add_tickets(1);
    next_change_at(&fake, BASE + DAY + 16 * HOUR);
    fake.update_tickets(&id);
    next_change_at(&fake, BASE + 4 * DAY + 10 * HOUR);
    fake.solve_tickets(&id);

    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let summary = sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);
    assert_eq!(summary.counts.get("schedules"), Some(&2));
    assert_eq!(summary.problems, 0);
    assert_eq!(
        fake.stats().by_path["/api/v2/business_hours/schedules/10/holidays.json"],
        1,
        "each schedule's holidays are read once"
    );
    drop(store);

    let report = flow(dir.path());
    assert_eq!(report.business_null_reason, None);
    let minutes = |status: &str| {
        let row = (report.time_in_status.iter())
            .find(|r| r.status == status)
            .unwrap_or_else(|| panic!("no {status} in {:?}", report.time_in_status));
        (
            row.calendar.median,
            row.business.as_ref().and_then(|b| b.median),
        )
    };
    // New: Thu 00:01 → Fri 16:00 is 39 h 59 min; Thursday is a holiday, Friday 9–12 and
    // 13–16 are 360 business minutes.
    assert_eq!(minutes("new"), (Some(2_399.0), Some(360.0)));
    // Open: Fri 16:00 → Mon 10:00 is 66 h; Friday 16–17 and Monday 9–10 are 120.
    assert_eq!(minutes("open"), (Some(3_960.0), Some(120.0)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_without_schedules_skips_them_and_keeps_the_stored_copy() {
    let dir = tempfile::tempdir().unwrap();
    let with = FakeZendesk::start(empty_account(schedules(), &[])).await;
    with.add_tickets(1);
    let (mut store, source) = store_with_source(dir.path(), &with);
    sync_once(&mut store, source, &client(&with, fast_options()))
        .await
        .unwrap();
    let stored = store.setting(&snapshot_key(source)).unwrap();
    assert!(stored.as_deref().is_some_and(|s| s.contains("New Year")));
    with.stop().await;

    // The same account after a downgrade: 403 on the schedules.
    let without = FakeZendesk::start(empty_account(schedules(), &["schedules"])).await;
    let summary = sync_once(&mut store, source, &client(&without, fast_options()))
        .await
        .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded, "an optional stream");
    let skipped: Vec<Stream> = summary.skipped.iter().map(|(s, _)| *s).collect();
    assert_eq!(skipped, [Stream::Schedules]);
    assert!(
        summary.skipped[0].1.contains("403"),
        "{:?}",
        summary.skipped
    );
    assert_eq!(
        store.setting(&snapshot_key(source)).unwrap(),
        stored,
        "the stored schedules stay"
    );
    let status = store.stream_states(source).unwrap();
    let schedules = status.iter().find(|s| s.stream == "schedules").unwrap();
    assert!(
        schedules
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("403")),
        "{schedules:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_never_given_a_schedule_says_so_in_the_null_reason() {
    let fake = FakeZendesk::start(empty_account(Vec::new(), &["schedules"])).await;
    let id = fake.add_tickets(1);
    next_change_at(&fake, BASE + DAY);
    fake.solve_tickets(&id);
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    sync_once(&mut store, source, &client(&fake, fast_options()))
        .await
        .unwrap();
    drop(store);
    let report = flow(dir.path());
    assert_eq!(report.business_gap, Some(BusinessGap::NoSchedule));
    let reason = report.business_null_reason.unwrap_or_default();
    assert!(
        reason.starts_with("fake: the source has no business-hours schedule"),
        "{reason}"
    );
    let new = &report.time_in_status[0];
    assert_eq!(new.calendar.n, 1);
    assert_eq!(
        new.business, None,
        "no calendar anywhere: no business figures"
    );
}
