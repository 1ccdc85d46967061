//! Flow KPIs over hand-made histories: the backlog at each bucket's end (across a DST
//! change, a ticket reopened twice, one moved between three groups, a deleted ticket),
//! the time in status by the group holding the ticket (in business minutes on the
//! source's schedule: pending over a weekend, open across a holiday and a DST change),
//! and the handoffs.

use chrono::NaiveDate;
use chrono_tz::Tz;
use deskbench::analytics::flow::report::{backlog_report, flow_report, BacklogReport, FlowReport};
use deskbench::analytics::flow::{AgeFrom, BusinessGap, History, Replies, SourceCalendars};
use deskbench::analytics::{Frame, KpiRequest};
use deskbench::store::records::*;

use crate::fixtures::{range, solved, ticket, ts, Helpdesk};

const NOW: &str = "2026-01-01T00:00:00Z";

fn text(event_id: i64, ticket_id: i64, at: &str, field: HistoryField, value: &str) -> FieldChange {
    FieldChange {
        event_id,
        ticket_id,
        at: ts(at),
        field,
        previous: None,
        value: Some(HistoryValue::Text(value.to_owned())),
        updater_id: None,
    }
}

fn status(event_id: i64, ticket_id: i64, at: &str, value: &str) -> FieldChange {
    text(event_id, ticket_id, at, HistoryField::Status, value)
}

fn group(event_id: i64, ticket_id: i64, at: &str, id: i64) -> FieldChange {
    FieldChange {
        value: Some(HistoryValue::Id(id)),
        ..text(event_id, ticket_id, at, HistoryField::Group, "")
    }
}

/// T1 moves through groups 10, 20 and 30 and is solved; T2 is reopened twice and stays
/// open; T3 is deleted.
fn helpdesk() -> Helpdesk {
    let mut t1 = solved(1, "2025-03-01T09:00:00Z", "2025-03-04T12:00:00Z");
    t1.group_id = Some(30);
    let mut t2 = ticket(2, "2025-03-01T08:00:00Z", TicketStatus::Open);
    t2.group_id = Some(10);
    let t3 = ticket(3, "2025-03-01T08:00:00Z", TicketStatus::Deleted);
    Helpdesk::new()
        .tickets(&[t1, t2, t3])
        .named(NamedKind::Group, 10, "Billing")
        .named(NamedKind::Group, 20, "Tier 2")
        .named(NamedKind::Group, 30, "Engineering")
        .history(&[
            status(1, 1, "2025-03-01T09:00:00Z", "new"),
            group(1, 1, "2025-03-01T09:00:00Z", 10),
            status(2, 1, "2025-03-01T10:00:00Z", "open"),
            group(3, 1, "2025-03-02T12:00:00Z", 20),
            group(4, 1, "2025-03-03T12:00:00Z", 30),
            status(5, 1, "2025-03-04T12:00:00Z", "solved"),
            status(11, 2, "2025-03-01T08:00:00Z", "open"),
            group(11, 2, "2025-03-01T08:00:00Z", 10),
            status(12, 2, "2025-03-01T20:00:00Z", "solved"),
            status(13, 2, "2025-03-02T09:00:00Z", "open"),
            status(14, 2, "2025-03-02T20:00:00Z", "solved"),
            status(15, 2, "2025-03-03T09:00:00Z", "open"),
            status(21, 3, "2025-03-01T08:00:00Z", "open"),
        ])
}

fn run<T>(
    desk: &Helpdesk,
    request: KpiRequest,
    tz: Tz,
    report: impl Fn(&Frame, &History, &deskbench::analytics::KpiQuery) -> T,
) -> T {
    let frame = Frame::build(&desk.store).expect("frame builds");
    let history = History::read(&desk.store, &frame).expect("history reads");
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let query = request.resolve(today, tz).expect("valid query");
    report(&frame, &history, &query)
}

fn backlog(desk: &Helpdesk, request: KpiRequest, tz: Tz) -> BacklogReport {
    run(desk, request, tz, |f, h, q| {
        backlog_report(f, h, None, q, ts(NOW), 7).expect("report runs")
    })
}

fn flow(desk: &Helpdesk, request: KpiRequest) -> FlowReport {
    let calendars = SourceCalendars::read(&desk.store).expect("calendars read");
    run(desk, request, Tz::UTC, |f, h, q| {
        flow_report(f, h, q, ts(NOW), &calendars).expect("report runs")
    })
}

fn daily(from: &str, to: &str, by: Option<&str>) -> KpiRequest {
    KpiRequest {
        every: Some("day".to_owned()),
        by: by.map(str::to_owned),
        ..range(from, to)
    }
}

#[test]
fn the_backlog_at_each_day_end_follows_reopens_and_leaves_out_the_deleted_ticket() {
    let report = backlog(
        &helpdesk(),
        daily("2025-03-01", "2025-03-04", None),
        Tz::UTC,
    );
    let totals: Vec<u64> = report.series.iter().map(|p| p.total).collect();
    // T1 from its creation to its solve; T2 only in its last open spell; T3 never.
    assert_eq!(totals, [1, 1, 2, 1]);
    let bands: Vec<&[u64]> = report.series.iter().map(|p| &p.by_age[..]).collect();
    assert_eq!(bands[0], [1, 0, 0, 0, 0], "T1 is 15 hours old");
    assert_eq!(bands[2], [0, 2, 0, 0, 0], "39 and 64 hours");
    assert_eq!(report.without_history, 0);
    assert!(report.null_reason.is_none());
}

#[test]
fn a_moved_ticket_counts_under_the_group_that_held_it_at_each_day_end() {
    let report = backlog(
        &helpdesk(),
        daily("2025-03-01", "2025-03-03", Some("group")),
        Tz::UTC,
    );
    let by_group: Vec<(String, Vec<u64>)> = (report.groups.iter())
        .map(|g| (g.label.clone(), g.series.iter().map(|p| p.total).collect()))
        .collect();
    assert_eq!(
        by_group,
        [
            ("Billing".to_owned(), vec![1, 0, 1]),
            ("Tier 2".to_owned(), vec![0, 1, 0]),
            ("Engineering".to_owned(), vec![0, 0, 1]),
        ]
    );
}

#[test]
fn day_ends_are_local_so_a_dst_day_counts_at_its_own_midnight() {
    let mut t = solved(5, "2025-03-29T22:30:00Z", "2025-03-30T22:30:00Z");
    t.group_id = Some(10);
    let desk = Helpdesk::new().tickets(&[t]).history(&[
        status(1, 5, "2025-03-29T22:30:00Z", "open"),
        status(2, 5, "2025-03-30T22:30:00Z", "solved"),
    ]);
    // Berlin: the 30th is 23 hours long and ends at 22:00 UTC, before the solve.
    let berlin = Tz::Europe__Berlin;
    let local = backlog(&desk, daily("2025-03-29", "2025-03-31", None), berlin);
    assert_eq!(
        local.series.iter().map(|p| p.total).collect::<Vec<_>>(),
        [1, 1, 0]
    );
    let utc = backlog(&desk, daily("2025-03-29", "2025-03-31", None), Tz::UTC);
    assert_eq!(
        utc.series.iter().map(|p| p.total).collect::<Vec<_>>(),
        [1, 0, 0]
    );
    let time = run(
        &desk,
        range("2025-03-29", "2025-03-31"),
        berlin,
        |f, h, q| flow_report(f, h, q, ts(NOW), &SourceCalendars::default()).expect("report runs"),
    );
    assert_eq!(time.time_in_status[0].calendar.median, Some(1440.0));
}

#[test]
fn the_history_backlog_now_equals_the_current_unsolved_count() {
    let desk = helpdesk();
    let report = backlog(&desk, range("2025-03-01", "2026-01-05"), Tz::UTC);
    let point = &report.series[0];
    assert!(point.partial, "the range ends after now");
    let kpi = desk.kpi(KpiRequest {
        kpis: vec!["tickets_unsolved".to_owned()],
        ..range("2025-03-01", "2026-01-05")
    });
    assert_eq!(kpi["kpis"]["tickets_unsolved"]["value"], point.total);
}

#[test]
fn time_in_status_belongs_to_the_group_holding_the_ticket() {
    let report = flow(
        &helpdesk(),
        KpiRequest {
            by: Some("group".to_owned()),
            ..range("2025-03-01", "2025-03-05")
        },
    );
    let rows: Vec<(&str, &str, u64, Option<f64>)> = (report.time_in_status.iter())
        .map(|t| {
            (
                t.label.as_str(),
                t.status.as_str(),
                t.calendar.n,
                t.calendar.median,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Billing", "new", 1, Some(60.0)),
            // T1 26 hours; T2 12 + 11 + 63 hours up to the range's end.
            ("Billing", "open", 2, Some((1560.0 + 5160.0) / 2.0)),
            ("Tier 2", "open", 1, Some(1440.0)),
            ("Engineering", "open", 1, Some(1440.0)),
        ]
    );
}

#[test]
fn handoffs_count_the_transfers_of_tickets_solved_in_the_range() {
    let report = flow(&helpdesk(), range("2025-03-01", "2025-03-05"));
    let h = &report.handoffs;
    assert_eq!(
        (h.n, h.mean_group_changes, h.two_or_more_groups),
        (1, Some(2.0), Some(1.0))
    );
    let pairs: Vec<(&str, &str, u64)> = (h.transfers.iter())
        .map(|t| (t.from_label.as_str(), t.to_label.as_str(), t.count))
        .collect();
    assert_eq!(
        pairs,
        [("Billing", "Tier 2", 1), ("Tier 2", "Engineering", 1)]
    );
}

#[test]
fn a_range_with_no_events_counts_nothing_and_no_history_gives_a_reason() {
    let quiet = backlog(
        &helpdesk(),
        daily("2025-01-01", "2025-01-02", None),
        Tz::UTC,
    );
    assert_eq!(
        quiet.series.iter().map(|p| p.total).collect::<Vec<_>>(),
        [0, 0]
    );
    assert!(flow(&helpdesk(), range("2025-01-01", "2025-01-02"))
        .time_in_status
        .is_empty());

    let bare = Helpdesk::new().tickets(&[ticket(9, "2025-03-01T08:00:00Z", TicketStatus::Open)]);
    let report = backlog(&bare, daily("2025-03-01", "2025-03-02", None), Tz::UTC);
    assert!(report.series.is_empty(), "no zeros that mean unknown");
    assert_eq!(report.without_history, 1);
    assert!(report
        .null_reason
        .is_some_and(|r| r.contains("no status history")));
}

#[test]
fn tickets_unchanged_for_days_are_listed_as_stuck() {
    let report = backlog(&helpdesk(), range("2025-03-01", "2025-03-20"), Tz::UTC);
    // T2's last change was on 3 March; the range ends on the 21st.
    assert_eq!(report.stuck_count, 1);
    assert_eq!(
        (report.stuck[0].id, report.stuck[0].days_unchanged),
        (2, 17.6)
    );
    assert_eq!(report.stuck[0].group, "Billing");
}

/// Berlin, Monday to Friday 9–12 and 13–17, closed on Tuesday 1 April 2025; stored as a
/// Zendesk sync stores it, with a later-created schedule that is not the default.
fn berlin_schedule() -> serde_json::Value {
    let intervals: Vec<serde_json::Value> = (1..=5)
        .flat_map(|d: i64| {
            [
                serde_json::json!({"start_time": d * 1440 + 540, "end_time": d * 1440 + 720}),
                serde_json::json!({"start_time": d * 1440 + 780, "end_time": d * 1440 + 1020}),
            ]
        })
        .collect();
    serde_json::json!([
        {"id": 2, "name": "Night desk", "time_zone": "UTC", "created_at": "2025-02-01T00:00:00Z",
         "intervals": [{"start_time": 0, "end_time": 1440}], "holidays": []},
        {"id": 1, "name": "Berlin", "time_zone": "Berlin", "created_at": "2024-01-01T00:00:00Z",
         "intervals": intervals,
         "holidays": [{"id": 5, "name": "Closed", "start_date": "2025-04-01", "end_date": "2025-04-01"}]}
    ])
}

/// Pending from Friday 28 March 15:00 CET to Monday 31 March 10:00 CEST (the clocks went
/// forward on the Sunday), open until Wednesday 2 April 11:00 CEST across the holiday.
fn weekend_desk() -> Helpdesk {
    Helpdesk::new()
        .tickets(&[solved(7, "2025-03-28T14:00:00Z", "2025-04-02T09:00:00Z")])
        .history(&[
            status(1, 7, "2025-03-28T14:00:00Z", "pending"),
            status(2, 7, "2025-03-31T08:00:00Z", "open"),
            status(3, 7, "2025-04-02T09:00:00Z", "solved"),
        ])
}

fn minutes(report: &FlowReport, status: &str) -> (Option<f64>, Option<f64>) {
    let row = (report.time_in_status.iter())
        .find(|r| r.status == status)
        .unwrap_or_else(|| panic!("no {status} in {:?}", report.time_in_status));
    (
        row.calendar.median,
        row.business.as_ref().and_then(|b| b.median),
    )
}

#[test]
fn business_minutes_run_on_the_default_schedule_over_a_weekend_and_a_holiday() {
    let desk = weekend_desk().schedules(berlin_schedule());
    let report = flow(&desk, range("2025-03-27", "2025-04-05"));
    assert_eq!(report.business_null_reason, None);
    // Pending: 66 real hours; Friday 15–17 and Monday 9–10 are open.
    assert_eq!(minutes(&report, "pending"), (Some(3_960.0), Some(180.0)));
    // Open: Monday 10–12 and 13–17 (360), Tuesday closed, Wednesday 9–11 (120); 49 hours.
    assert_eq!(minutes(&report, "open"), (Some(2_940.0), Some(480.0)));
}

#[test]
fn without_a_schedule_business_minutes_are_null_with_the_reason() {
    let report = flow(&weekend_desk(), range("2025-03-27", "2025-04-05"));
    assert_eq!(minutes(&report, "pending"), (Some(3_960.0), None));
    assert_eq!(report.business_gap, Some(BusinessGap::NoSchedule));
    assert!(
        (report.business_null_reason.as_deref())
            .is_some_and(|r| r.starts_with("fixture: the source has no business-hours schedule")),
        "{:?}",
        report.business_null_reason
    );
    let unreadable = serde_json::json!([{"id": 1, "time_zone": "Atlantis", "intervals": []}]);
    let report = flow(
        &weekend_desk().schedules(unreadable),
        range("2025-03-27", "2025-04-05"),
    );
    assert_eq!(report.business_gap, Some(BusinessGap::UnreadableSchedule));
}

fn comment(comment_id: i64, ticket_id: i64, at: &str, author: i64) -> PublicComment {
    PublicComment {
        comment_id,
        ticket_id,
        at: ts(at),
        author_id: Some(author),
    }
}

/// T11 is open throughout, replied to by agent 100 on 1 March at 10:00 and exactly at
/// 3 March 00:00 (a bucket end: it counts from the next one), then answered by its
/// requester (an end-user's public comment) and noted privately; T12 is new with only its
/// requester's public comment and an admin's private note; T13 is replied to by admin
/// 101 and solved on 3 March; T14, replied to, is deleted. The private notes come as the
/// ticket events export gives them: not at all, so none is stored.
fn replied_helpdesk() -> Helpdesk {
    let mut t13 = solved(13, "2025-03-01T07:00:00Z", "2025-03-03T12:00:00Z");
    t13.assignee_id = Some(101);
    Helpdesk::new()
        .tickets(&[
            ticket(11, "2025-03-01T08:00:00Z", TicketStatus::Open),
            ticket(12, "2025-03-01T09:00:00Z", TicketStatus::New),
            t13,
            ticket(14, "2025-03-01T08:00:00Z", TicketStatus::Deleted),
        ])
        .user(100, "agent", "Ana")
        .user(101, "admin", "Boris")
        .user(200, "end-user", "Customer")
        .history(&[
            status(1, 11, "2025-03-01T08:00:00Z", "open"),
            status(2, 12, "2025-03-01T09:00:00Z", "new"),
            status(3, 13, "2025-03-01T07:00:00Z", "open"),
            status(4, 13, "2025-03-03T12:00:00Z", "solved"),
            status(5, 14, "2025-03-01T08:00:00Z", "open"),
        ])
        .public_comments(&[
            comment(1, 11, "2025-03-01T10:00:00Z", 100),
            comment(2, 11, "2025-03-03T00:00:00Z", 100),
            comment(3, 11, "2025-03-03T12:00:00Z", 200),
            comment(4, 12, "2025-03-01T09:00:00Z", 200),
            comment(5, 13, "2025-03-01T20:00:00Z", 101),
            comment(6, 14, "2025-03-01T09:00:00Z", 100),
        ])
}

fn since_reply(desk: &Helpdesk, request: KpiRequest) -> BacklogReport {
    let frame = Frame::build(&desk.store).expect("frame builds");
    let history = History::read(&desk.store, &frame).expect("history reads");
    let replies = Replies::read(&desk.store, &frame).expect("replies read");
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let query = request.resolve(today, Tz::UTC).expect("valid query");
    backlog_report(&frame, &history, Some(&replies), &query, ts(NOW), 7).expect("report runs")
}

#[test]
fn the_backlog_by_age_since_the_last_public_agent_reply_counts_agents_replies_only() {
    let desk = replied_helpdesk();
    let report = since_reply(&desk, daily("2025-03-01", "2025-03-04", None));
    assert_eq!(report.age_from, AgeFrom::LastReply);
    assert_eq!(
        report.bands,
        ["<1d", "1-3d", "3-7d", "7-30d", ">30d", "no reply"]
    );
    let bands: Vec<&[u64]> = report.series.iter().map(|p| &p.by_age[..]).collect();
    assert_eq!(
        bands,
        [
            // T11 and T13 replied to 14 and 4 hours before; T12 never.
            &[2, 0, 0, 0, 0, 1][..],
            // The reply at midnight is not before it: T11's last is 38 hours old.
            &[0, 2, 0, 0, 0, 1][..],
            // T13 solved; T11's last reply 24 hours old, the requester's answer not one.
            &[0, 1, 0, 0, 0, 1][..],
            &[0, 1, 0, 0, 0, 1][..],
        ]
    );
    let created = backlog(&desk, daily("2025-03-01", "2025-03-04", None), Tz::UTC);
    assert_eq!(created.age_from, AgeFrom::Created);
    assert_eq!(created.bands.len(), 5);
    for (a, b) in created.series.iter().zip(&report.series) {
        assert_eq!(
            a.total, b.total,
            "the same backlog; T14 (deleted) in neither"
        );
        assert_eq!(b.by_age.iter().sum::<u64>(), b.total, "the bands add up");
    }
    assert_eq!(
        report.series.iter().map(|p| p.total).collect::<Vec<_>>(),
        [3, 3, 2, 2]
    );
}

#[test]
fn the_backlog_since_the_last_reply_by_group_and_over_a_range_without_events() {
    let desk = replied_helpdesk();
    let empty = since_reply(&desk, daily("2025-02-01", "2025-02-03", None));
    assert!(empty
        .series
        .iter()
        .all(|p| p.total == 0 && p.by_age == [0; 6]));
    assert_eq!(empty.series.len(), 3, "a zero for each day, not a gap");
    let by_status = since_reply(&desk, daily("2025-03-01", "2025-03-01", Some("status")));
    let rows: Vec<(Option<String>, Vec<u64>)> = (by_status.groups.iter())
        .map(|g| (g.key.clone(), g.series[0].by_age.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("new".to_owned()), vec![0, 0, 0, 0, 0, 1]),
            (Some("open".to_owned()), vec![2, 0, 0, 0, 0, 0]),
        ]
    );
}
