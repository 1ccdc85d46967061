//! Partial buckets in the KPI contract: a bucket the range cuts, or one that reaches
//! "today", carries `"partial": true` in JSON and 1 in the CSV's `partial` column;
//! whole buckets carry nothing in JSON and 0 in CSV. Berlin, whose clocks went back
//! on Sunday 26 October 2025, checks that buckets are whole local days.

use chrono::NaiveDate;
use serde_json::Value;

use deskbench::analytics::query::report::KpiReport;
use deskbench::analytics::{self, Frame, KpiRequest};
use deskbench::store::records::TicketStatus::*;

use crate::fixtures::*;

/// Tickets around the DST change, as local Berlin times.
fn autumn() -> Helpdesk {
    Helpdesk::new().tickets(&[
        ticket(1, "2025-10-14T12:00:00Z", Open), // Tuesday 14th, before the ranges below
        ticket(2, "2025-10-16T12:00:00Z", Open), // Thursday 16th
        ticket(3, "2025-10-25T22:30:00Z", Open), // 00:30 CEST on Sunday 26th
        ticket(4, "2025-10-26T23:30:00Z", Open), // 00:30 CET on Monday 27th
        ticket(5, "2025-11-11T09:00:00Z", Open), // Tuesday 11 November
    ])
}

/// The report of `request` in Berlin with `today` as the workspace's date.
fn report(helpdesk: &Helpdesk, request: KpiRequest, today: &str) -> KpiReport {
    let frame = Frame::build(&helpdesk.store).expect("frame builds");
    let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").expect("a date");
    let query = request
        .resolve(today, chrono_tz::Europe::Berlin)
        .expect("valid query");
    analytics::run(&frame, &query).expect("query runs")
}

fn request(from: &str, to: &str, every: &str) -> KpiRequest {
    KpiRequest {
        every: Some(every.into()),
        kpis: vec!["tickets_created".into()],
        ..range(from, to)
    }
}

/// Each point's (period, partial as printed, tickets created).
fn points(report: &KpiReport) -> Vec<(String, Option<bool>, i64)> {
    let json = serde_json::to_value(report).expect("serialises");
    json["series"]
        .as_array()
        .expect("a series")
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap_or_default().to_owned(),
                p.get("partial").map(|v| v.as_bool().expect("a boolean")),
                p["kpis"]["tickets_created"]["value"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

fn point(period: &str, partial: Option<bool>, created: i64) -> (String, Option<bool>, i64) {
    (period.to_owned(), partial, created)
}

#[test]
fn a_range_starting_mid_week_makes_its_first_week_partial() {
    let out = report(
        &autumn(),
        request("2025-10-15", "2025-11-02", "week"),
        "2026-01-01",
    );
    assert_eq!(
        points(&out),
        [
            point("2025-10-13", Some(true), 1),
            point("2025-10-20", None, 1),
            point("2025-10-27", None, 1),
        ],
        "the week of 13 October starts on Wednesday 15th; ticket 3 is on the DST Sunday of \
         the week of the 20th, ticket 4 on the Monday after it; whole weeks have no key"
    );
}

#[test]
fn a_range_ending_today_makes_its_last_bucket_partial() {
    let cut = report(
        &autumn(),
        request("2025-11-03", "2025-11-12", "week"),
        "2025-11-12",
    );
    assert_eq!(
        points(&cut),
        [
            point("2025-11-03", None, 0),
            point("2025-11-10", Some(true), 1)
        ],
        "the week of 10 November ends on Wednesday 12th, today"
    );
    let sunday = report(
        &autumn(),
        request("2025-11-03", "2025-11-16", "week"),
        "2025-11-16",
    );
    assert_eq!(
        points(&sunday)[1],
        point("2025-11-10", Some(true), 1),
        "the range holds the whole week, but today (its Sunday) is not over"
    );
    let monday = report(
        &autumn(),
        request("2025-11-03", "2025-11-16", "week"),
        "2025-11-17",
    );
    assert_eq!(
        points(&monday)[1],
        point("2025-11-10", None, 1),
        "on Monday the week is over"
    );
    let month = report(
        &autumn(),
        request("2025-11-01", "2025-11-30", "month"),
        "2025-11-30",
    );
    assert_eq!(
        points(&month),
        [point("2025-11-01", Some(true), 1)],
        "November is in range in full but its last day is today"
    );
}

#[test]
fn whole_weeks_and_months_have_no_partial_bucket() {
    let weeks = report(
        &autumn(),
        request("2025-10-13", "2025-11-09", "week"),
        "2025-11-10",
    );
    assert_eq!(
        points(&weeks),
        [
            point("2025-10-13", None, 2),
            point("2025-10-20", None, 1),
            point("2025-10-27", None, 1),
            point("2025-11-03", None, 0),
        ],
        "four whole weeks, the last ended yesterday"
    );
    let months = report(
        &autumn(),
        request("2025-10-15", "2025-11-30", "month"),
        "2025-12-01",
    );
    assert_eq!(
        points(&months),
        [
            point("2025-10-01", Some(true), 3),
            point("2025-11-01", None, 1)
        ],
        "October from the 15th is cut; November is whole and over"
    );
}

#[test]
fn csv_has_a_partial_column_for_each_bucket() {
    let out = report(
        &autumn(),
        request("2025-10-15", "2025-11-02", "week"),
        "2026-01-01",
    );
    let table = out.table();
    assert_eq!(table.columns, ["period", "partial", "tickets_created"]);
    let cells: Vec<[&str; 2]> = table
        .rows
        .iter()
        .map(|row| [row[0].as_str(), row[1].as_str()])
        .collect();
    assert_eq!(
        cells,
        [
            ["2025-10-15/2025-11-02", ""],
            ["2025-10-13", "1"],
            ["2025-10-20", "0"],
            ["2025-10-27", "0"],
        ],
        "the whole range is no bucket, so its cell is empty"
    );
    let plain = report(&autumn(), range("2025-10-15", "2025-11-02"), "2026-01-01");
    assert!(
        !plain.table().columns.contains(&"partial".to_owned()),
        "no buckets, no column"
    );
    let json: Value = serde_json::to_value(&plain).unwrap();
    assert!(json.get("series").is_none());
}
