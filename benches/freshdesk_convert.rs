//! Freshdesk conversion speed against DESIGN.md's ingest budget (≥ 50,000 tickets/s for
//! parse + upsert): ticket pages of 100 as the API sends them (`include=stats`, due
//! dates), parsed and converted with first reply and full resolution in business minutes
//! on an Eastern-time calendar with holidays. Tickets are spread over two years, so the
//! spans cross weekends, holidays and DST changes. Run with
//! `cargo bench --bench freshdesk_convert` (DESKBENCH_BENCH_TICKETS sets the count).

use std::time::Instant;

use serde_json::json;

use deskbench::sources::freshdesk::account::{Account, AccountLists};
use deskbench::sources::freshdesk::business_hours::business_minutes;
use deskbench::sources::freshdesk::convert;
use deskbench::sources::freshdesk::csat::NeutralRating;
use deskbench::sources::freshdesk::dto::{BusinessHoursDto, GroupDto, TicketDto};

const START: i64 = 1_704_067_200; // 2024-01-01T00:00:00Z

fn iso(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn account() -> Account {
    let day = json!({"start_time": "8:00 am", "end_time": "5:00 pm"});
    let hours: BusinessHoursDto = serde_json::from_value(json!({
        "id": 1, "time_zone": "Eastern Time (US & Canada)", "is_default": true,
        "business_hours": {"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day},
        "holiday_list": [["Jan 01", "New Year's Day"], ["Jul 04", "Independence Day"], ["Dec 25", "Christmas"]]
    }))
    .expect("calendar sample");
    let groups: Vec<GroupDto> =
        serde_json::from_value(json!([{"id": 7, "business_hour_id": 1}])).expect("groups sample");
    let lists = AccountLists {
        groups: &groups,
        business_hours: std::slice::from_ref(&hours),
        ..AccountLists::default()
    };
    Account::new(lists, NeutralRating::Bad).0
}

/// Pages of 100 tickets as JSON bytes; ticket i is created about every 10 minutes, first
/// answered within 0–5 days and resolved within 0–10.
fn pages(count: i64) -> Vec<Vec<u8>> {
    let ticket = |i: i64| {
        let created = START + i * 631 % (2 * 365 * 86_400);
        let replied = created + (i * 7_919) % (5 * 86_400);
        let resolved = replied + (i * 104_729) % (5 * 86_400);
        json!({
            "id": i + 1, "status": 4, "priority": 1 + i % 4, "source": 1 + i % 3, "group_id": 7,
            "requester_id": 1000 + i % 5000, "responder_id": 1 + i % 40, "tags": ["billing"],
            "custom_fields": {"cf_plan": "gold"}, "spam": false, "fr_escalated": i % 9 == 0,
            "is_escalated": false, "fr_due_by": iso(created + 86_400), "due_by": iso(created + 3 * 86_400),
            "created_at": iso(created), "updated_at": iso(resolved),
            "stats": {"first_responded_at": iso(replied), "resolved_at": iso(resolved)}
        })
    };
    (0..count)
        .collect::<Vec<_>>()
        .chunks(100)
        .map(|ids| serde_json::to_vec(&ids.iter().map(|&i| ticket(i)).collect::<Vec<_>>()))
        .collect::<Result<_, _>>()
        .expect("pages serialise")
}

fn main() {
    let count: i64 = std::env::var("DESKBENCH_BENCH_TICKETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let account = account();
    let pages = pages(count);

    let started = Instant::now();
    let mut converted = 0_usize;
    for page in &pages {
        let tickets: Vec<TicketDto> = serde_json::from_slice(page).expect("a page parses");
        for t in tickets {
            let c = convert::ticket(t, None, &account).expect("a ticket converts");
            converted += usize::from(c.ticket.metrics.reply_time.business.is_some());
        }
    }
    let took = started.elapsed().as_secs_f64();
    println!(
        "parse + convert {converted} tickets (business minutes for first reply and resolution): {:.3} s, {:.0} tickets/s",
        took,
        converted as f64 / took
    );

    let calendar = account.calendars.for_group(Some(7)).expect("the calendar");
    let started = Instant::now();
    let mut total = 0.0;
    for i in 0..count {
        let from = START + i * 631 % (2 * 365 * 86_400);
        total += business_minutes(calendar, from, from + 30 * 86_400);
    }
    let took = started.elapsed().as_secs_f64();
    println!(
        "business minutes of {count} 30-day spans: {:.3} s, {:.2} µs per span ({total:.0} minutes)",
        took,
        took * 1e6 / count as f64
    );
}
