//! Freshdesk records through the same KPI engine as Zendesk's: tickets, conversations,
//! ratings and SLA due dates converted from the API's JSON, written to a store, and the
//! KPIs compared with values computed by hand.
//!
//! The account's calendar (group 7) is Eastern time, Monday to Friday 08:00–17:00, with
//! New Year's Day and Independence Day off. First replies (created → first response):
//!
//! | ticket | created (local)       | first response (local) | calendar min | business min |
//! |--------|-----------------------|------------------------|--------------|--------------|
//! | 1      | Tue 2024-12-31 16:00  | Thu 2025-01-02 09:00   | 41 h = 2460  | 60 + 0 (holiday) + 60 = 120 |
//! | 2      | Fri 2025-03-07 16:00  | Mon 2025-03-10 10:00 EDT | 65 h = 3900 | 60 + 120 = 180 (DST began Sun) |
//! | 3      | Tue 2025-03-04 10:00  | Tue 12:30              | 150          | 150          |
//! | 4      | Wed 2025-03-05 16:30  | Thu 08:30              | 16 h = 960   | 30 + 30 = 60 |
//! | 5 (outbound) | customer wrote Mon 2025-03-03 11:00 | Mon 11:45 | 45   | 45           |
//!
//! Tickets 6 (spam) and 7 (deleted) are tombstones; 8 is pending, unanswered.
//! Calendar: sorted 45, 150, 960, 2460, 3900 → median 960, mean 1503,
//! p90 = 2460 + 0.6 × 1440 = 3324. Business: 45, 60, 120, 150, 180 → median 120, mean 111,
//! p90 = 150 + 0.6 × 30 = 168.

use serde_json::{json, Value};

use deskbench::sources::freshdesk::account::{Account, AccountLists};
use deskbench::sources::freshdesk::convert;
use deskbench::sources::freshdesk::csat::NeutralRating;
use deskbench::sources::freshdesk::dto::*;
use deskbench::store::records::{SatisfactionRating, SlaEvent, Ticket};

use crate::fixtures::{range, Helpdesk};

fn parse<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("the sample has the API's shape")
}

fn account(neutral: NeutralRating) -> Account {
    let day = json!({"start_time": "8:00 am", "end_time": "5:00 pm"});
    let hours: Vec<BusinessHoursDto> = parse(json!([{
        "id": 1, "name": "US office", "time_zone": "Eastern Time (US & Canada)", "is_default": false,
        "business_hours": {"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day},
        "holiday_list": [["Jan 01", "New Year's Day"], ["Jul 04", "Independence Day"]]
    }]));
    let groups: Vec<GroupDto> = parse(json!([{"id": 7, "name": "Support", "business_hour_id": 1}]));
    let policies: Vec<SlaPolicyDto> = parse(json!([{
        "id": 50, "is_default": true, "active": true, "position": 1,
        "sla_target": {"priority_1": {"respond_within": 3600, "resolve_within": 86400, "business_hours": true}}
    }]));
    let (account, errors) = Account::new(
        AccountLists {
            ticket_fields: &[],
            groups: &groups,
            business_hours: &hours,
            sla_policies: &policies,
        },
        neutral,
    );
    assert!(errors.is_empty(), "{errors:?}");
    account
}

/// (ticket JSON, its conversations).
fn tickets() -> Vec<(Value, Value)> {
    let base = |id: i64, status: i64, created: &str| {
        json!({"id": id, "status": status, "priority": 1, "source": 1, "group_id": 7,
               "created_at": created, "updated_at": created})
    };
    let reply = |id: i64, at: &str| json!({"id": id, "incoming": false, "private": false, "user_id": 6, "created_at": at});
    let mut t1 = base(1, 4, "2024-12-31T21:00:00Z");
    t1["stats"] = json!({"first_responded_at": "2025-01-02T14:00:00Z", "resolved_at": "2025-01-02T15:00:00Z"});
    t1["fr_due_by"] = json!("2025-01-02T13:00:00Z");
    t1["fr_escalated"] = json!(true);
    t1["due_by"] = json!("2025-01-03T21:00:00Z");
    let mut t2 = base(2, 2, "2025-03-07T21:00:00Z");
    t2["stats"] = json!({"first_responded_at": "2025-03-10T14:00:00Z"});
    t2["fr_due_by"] = json!("2025-03-10T13:00:00Z"); // answered an hour late, not flagged
    let mut t3 = base(3, 4, "2025-03-04T15:00:00Z");
    t3["stats"] = json!({"first_responded_at": "2025-03-04T17:30:00Z", "resolved_at": "2025-03-06T15:00:00Z"});
    t3["fr_due_by"] = json!("2025-03-04T18:00:00Z");
    t3["due_by"] = json!("2025-03-05T22:00:00Z");
    t3["is_escalated"] = json!(true);
    let mut t4 = base(4, 2, "2025-03-05T21:30:00Z");
    t4["stats"] = json!({"first_responded_at": "2025-03-06T13:30:00Z"});
    t4["fr_due_by"] = json!("2025-03-06T14:00:00Z");
    let mut t5 = base(5, 5, "2025-03-03T14:00:00Z");
    t5["source"] = json!(10);
    t5["stats"] = json!({"first_responded_at": "2025-03-03T16:45:00Z", "resolved_at": "2025-03-03T18:00:00Z"});
    t5["due_by"] = json!("2025-03-04T22:00:00Z");
    let mut t6 = base(6, 2, "2025-03-04T15:00:00Z");
    t6["spam"] = json!(true);
    t6["stats"] = json!({"first_responded_at": "2025-03-04T15:01:00Z"});
    t6["fr_due_by"] = json!("2025-03-04T14:00:00Z");
    t6["fr_escalated"] = json!(true);
    let mut t7 = base(7, 4, "2025-03-04T15:00:00Z");
    t7["deleted"] = json!(true);
    t7["stats"] = json!({"first_responded_at": "2025-03-04T15:02:00Z", "resolved_at": "2025-03-04T16:00:00Z"});
    let mut t8 = base(8, 3, "2025-03-12T15:00:00Z");
    t8["fr_due_by"] = json!("2025-03-20T13:00:00Z");
    vec![
        (t1, json!([reply(11, "2025-01-02T14:00:00Z")])),
        (t2, json!([reply(21, "2025-03-10T14:00:00Z")])),
        (
            t3,
            json!([
                reply(31, "2025-03-04T17:30:00Z"),
                {"id": 32, "incoming": false, "private": true, "user_id": 6, "created_at": "2025-03-05T10:00:00Z"},
                reply(33, "2025-03-05T15:00:00Z")
            ]),
        ),
        (t4, json!([reply(41, "2025-03-06T13:30:00Z")])),
        (
            t5,
            json!([
                {"id": 51, "incoming": true, "private": false, "user_id": 5, "created_at": "2025-03-03T16:00:00Z"},
                reply(52, "2025-03-03T16:45:00Z")
            ]),
        ),
        (t6, json!([reply(61, "2025-03-04T15:01:00Z")])),
        (t7, json!([])),
        (t8, json!([])),
    ]
}

/// Ratings on the default question: happy, happy, neutral, unhappy, classic neutral (2),
/// and a happy one on the spam ticket.
fn ratings() -> Vec<RatingDto> {
    [(1, 103), (2, 101), (3, 100), (4, -103), (5, 2), (6, 103)]
        .into_iter()
        .map(|(ticket, value)| {
            parse(json!({"id": 100 + ticket, "ticket_id": ticket, "survey_id": 1,
                         "ratings": {"default_question": value}, "created_at": "2025-03-15T12:00:00Z"}))
        })
        .collect()
}

fn helpdesk(neutral: NeutralRating) -> Helpdesk {
    let account = account(neutral);
    let (mut stored, mut events): (Vec<Ticket>, Vec<SlaEvent>) = (Vec::new(), Vec::new());
    for (ticket, thread) in tickets() {
        let thread: Vec<ConversationDto> = parse(thread);
        let converted = convert::ticket(parse(ticket), Some(&thread), &account).expect("converts");
        stored.push(converted.ticket);
        events.extend(converted.sla_events);
    }
    let rated: Vec<SatisfactionRating> = ratings()
        .into_iter()
        .map(|r| convert::rating(r, &account).expect("on a Freshdesk scale"))
        .collect();
    Helpdesk::new()
        .tickets(&stored)
        .ratings(&rated)
        .sla_events(&events)
}

fn winter() -> deskbench::analytics::KpiRequest {
    range("2024-12-01", "2025-03-31")
}

fn stats(v: &Value) -> (Value, Value, Value, Value) {
    (
        v["n"].clone(),
        v["median"].clone(),
        v["mean"].clone(),
        v["p90"].clone(),
    )
}

#[test]
fn first_reply_in_calendar_and_business_minutes_across_a_holiday_and_dst() {
    let desk = helpdesk(NeutralRating::Bad);
    let calendar = desk.kpi(winter());
    let k = &calendar["kpis"];
    assert_eq!(
        k["tickets_created"]["value"],
        json!(6),
        "tickets 1–5 and 8; spam and deleted left out"
    );
    assert_eq!(
        stats(&k["first_reply_time"]),
        (json!(5), json!(960.0), json!(1503.0), json!(3324.0))
    );
    let business = desk.kpi(deskbench::analytics::KpiRequest {
        hours: Some("business".into()),
        ..winter()
    });
    assert_eq!(
        stats(&business["kpis"]["first_reply_time"]),
        (json!(5), json!(120.0), json!(111.0), json!(168.0))
    );
}

#[test]
fn full_resolution_and_touches_of_solved_tickets() {
    // Solved: 1 (Dec 31 16:00 → Jan 2 10:00 EST: 2520 min; business 60 + 120 = 180),
    // 3 (Mar 4 10:00 → Mar 6 10:00: 2880; 420 + 540 + 120 = 1080), 5 (09:00 → 13:00: 240).
    let desk = helpdesk(NeutralRating::Bad);
    let k = &desk.kpi(winter())["kpis"];
    assert_eq!(k["tickets_solved"]["value"], json!(3));
    assert_eq!(k["full_resolution_time"]["median"], json!(2520.0));
    let business = desk.kpi(deskbench::analytics::KpiRequest {
        hours: Some("business".into()),
        ..winter()
    });
    assert_eq!(
        business["kpis"]["full_resolution_time"]["median"],
        json!(240.0)
    );
    // Public agent replies: 1, 2 (the private note does not count), 1.
    assert_eq!(
        k["one_touch_rate"],
        json!({"value": 2.0 / 3.0, "n": 3, "small_sample": true})
    );
    assert_eq!(k["replies_per_solved"]["value"], json!(4.0 / 3.0));
    assert_eq!(
        k["reopen_rate"]["n"],
        json!(0),
        "Freshdesk does not tell reopen counts"
    );
    assert_eq!(k["first_resolution_time"]["n"], json!(0));
}

#[test]
fn csat_counts_neutral_as_bad_or_leaves_it_out() {
    // Happy: tickets 1, 2. Unhappy: 4. Neutral: 3 (100) and 5 (classic 2). The rating on
    // spam ticket 6 is left out with its ticket.
    let as_bad = helpdesk(NeutralRating::Bad).kpi(winter());
    let csat = &as_bad["kpis"]["csat"];
    assert_eq!(
        (&csat["good"], &csat["bad"], &csat["n"]),
        (&json!(2), &json!(3), &json!(5))
    );
    assert_eq!(
        csat["value"],
        json!(0.4),
        "happy ÷ all, as Freshdesk reports it"
    );
    let left_out = helpdesk(NeutralRating::Exclude).kpi(winter());
    let csat = &left_out["kpis"]["csat"];
    assert_eq!(
        (&csat["good"], &csat["bad"], &csat["n"]),
        (&json!(2), &json!(1), &json!(3))
    );
    assert_eq!(csat["value"], json!(2.0 / 3.0));
}

#[test]
fn sla_achievement_reads_due_dates_like_zendesk_metric_events() {
    // First reply: 1 breached (flagged), 2 breached (answered after fr_due_by), 3 and 4
    // in time; 5 (outbound) has no first-response due date; 8 is still running.
    // Resolution: 1 and 5 in time, 3 flagged: 4 of 7 achieved.
    let out = helpdesk(NeutralRating::Bad).kpi(winter());
    let sla = &out["kpis"]["sla_achievement"];
    assert_eq!(sla["n"], json!(7));
    assert_eq!(sla["value"], json!(4.0 / 7.0));
    assert_eq!(
        sla["by_metric"]["first_reply_time"],
        json!({"value": 0.5, "n": 4, "small_sample": true})
    );
    assert_eq!(
        sla["by_metric"]["resolution_time"],
        json!({"value": 2.0 / 3.0, "n": 3, "small_sample": true})
    );
}
