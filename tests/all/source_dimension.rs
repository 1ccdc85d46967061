//! A workspace with a Zendesk, a Freshdesk and an imported source side by side: every
//! KPI by source, filters by source name, and the KPIs a source cannot support left out
//! with their reason, never counted as zero. Figures are hand-computed from the tickets
//! below.

use deskbench::analytics::views::drill::{ticket_list, TicketListRequest};
use deskbench::analytics::{self, Frame, KpiRequest};
use deskbench::store::records::*;
use deskbench::store::Store;
use serde_json::{json, Value};

use crate::fixtures::{minutes, range, rating, solved, ticket};

const SUPPORT: &str = "Support";
const DESK: &str = "Desk";
const JIRA: &str = "Jira export";

/// A ticket created on day `created` of March 2025 (solved the day after when
/// `solved`), with its first reply minutes, replies and reopens.
fn march(
    id: i64,
    created: u32,
    solved_too: bool,
    reply: Option<f64>,
    counts: (i64, i64),
) -> Ticket {
    let at = |day: u32| format!("2025-03-{day:02}T10:00:00Z");
    let mut t = match solved_too {
        true => solved(id, &at(created), &at(created + 1)),
        false => ticket(id, &at(created), TicketStatus::Open),
    };
    t.metrics.reply_time = minutes(reply, None);
    t.metrics.replies = Some(counts.0);
    t.metrics.reopens = Some(counts.1);
    t
}

/// Support (Zendesk): three tickets, two solved (one reopened), first replies 30, 90
/// and 60 minutes. Desk (Freshdesk): two solved tickets with first replies of 10 and 20
/// minutes and reopen counts of 0 that Freshdesk could never have given, so they must
/// not count. Jira export (a file without a first-reply column): one solved ticket.
/// One rating each on Support (bad) and Desk (good).
fn workspace() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let w = store.write().unwrap();
    let source = |kind, name: &str| {
        w.add_source(&NewSource {
            kind,
            name: name.to_owned(),
            base_url: None,
            time_zone: None,
            created_at: 0,
        })
        .unwrap()
    };
    let (support, desk, jira) = (
        source(SourceKind::Zendesk, SUPPORT),
        source(SourceKind::Freshdesk, DESK),
        source(SourceKind::Csv, JIRA),
    );
    for t in [
        march(1, 3, true, Some(30.0), (2, 1)),
        march(2, 5, true, Some(90.0), (1, 0)),
        march(3, 7, false, Some(60.0), (1, 0)),
    ] {
        w.upsert_ticket(support, &t).unwrap();
    }
    // The same ids as Support's: ids are per source.
    for t in [
        march(1, 3, true, Some(10.0), (1, 0)),
        march(2, 10, true, Some(20.0), (3, 0)),
    ] {
        w.upsert_ticket(desk, &t).unwrap();
    }
    let mut imported = march(1, 12, true, None, (0, 0));
    imported.metrics.replies = None;
    imported.metrics.reopens = None;
    imported.metrics.full_resolution_time = minutes(Some(1440.0), None);
    w.upsert_ticket(jira, &imported).unwrap();
    w.upsert_rating(
        support,
        &rating(1, 2, RatingScore::Bad, "2025-03-08T10:00:00Z"),
    )
    .unwrap();
    w.upsert_rating(
        desk,
        &rating(1, 1, RatingScore::Good, "2025-03-08T10:00:00Z"),
    )
    .unwrap();
    w.commit().unwrap();
    store
}

fn kpi(store: &Store, request: KpiRequest) -> Result<Value, String> {
    let frame = Frame::build(store).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let query = request
        .resolve(today, chrono_tz::Tz::UTC)
        .map_err(|e| e.to_string())?;
    let report = analytics::run(&frame, &query).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(report).unwrap())
}

fn march_request(kpis: &[&str]) -> KpiRequest {
    KpiRequest {
        kpis: kpis.iter().map(|k| (*k).to_owned()).collect(),
        ..range("2025-03-01", "2025-03-31")
    }
}

fn group<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == key)
        .unwrap_or_else(|| panic!("a group {key}: {report}"))
}

#[test]
fn every_kpi_breaks_down_by_source_name_with_ratings_following_their_ticket() {
    let store = workspace();
    let report = kpi(
        &store,
        KpiRequest {
            by: Some("source".into()),
            ..march_request(&[
                "tickets_created",
                "tickets_solved",
                "one_touch_rate",
                "csat",
            ])
        },
    )
    .unwrap();
    let keys: Vec<&Value> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["key"])
        .collect();
    assert_eq!(keys, [SUPPORT, DESK, JIRA], "most tickets created first");
    let support = group(&report, SUPPORT);
    assert_eq!(
        support["label"], SUPPORT,
        "a source is labelled with its name"
    );
    assert_eq!(support["kpis"]["tickets_created"]["value"], 3);
    assert_eq!(support["kpis"]["tickets_solved"]["value"], 2);
    assert_eq!(
        support["kpis"]["one_touch_rate"]["value"], 0.5,
        "1 and 2 replies"
    );
    assert_eq!(support["kpis"]["csat"]["bad"], 1);
    let desk = group(&report, DESK);
    assert_eq!(desk["kpis"]["tickets_created"]["value"], 2);
    assert_eq!(
        desk["kpis"]["one_touch_rate"]["value"], 0.5,
        "1 and 3 replies"
    );
    assert_eq!(
        desk["kpis"]["csat"]["good"], 1,
        "Desk's ticket 1, not Support's"
    );
    assert_eq!(support["kpis"]["csat"]["good"], 0);
    let one_touch = &report["kpis"]["one_touch_rate"];
    assert_eq!(one_touch["value"], 0.5);
    assert_eq!(
        one_touch["n"], 4,
        "Jira's import has no replies, so it is left out"
    );
    assert_eq!(one_touch["left_out"][0]["source"], JIRA);
    assert_eq!(one_touch["left_out"][0]["code"], "not_in_file_imports");
}

#[test]
fn a_source_filter_takes_the_name_and_refuses_an_unknown_one() {
    let store = workspace();
    let desk = kpi(
        &store,
        KpiRequest {
            filters: vec![format!("source={DESK}")],
            ..march_request(&["tickets_created", "first_reply_time"])
        },
    )
    .unwrap();
    assert_eq!(desk["filters"], json!({"source": [DESK]}));
    assert_eq!(desk["kpis"]["tickets_created"]["value"], 2);
    assert_eq!(desk["kpis"]["first_reply_time"]["median"], 15.0);
    let err = kpi(
        &store,
        KpiRequest {
            filters: vec!["source=Zendesk".into()],
            ..march_request(&[])
        },
    )
    .unwrap_err();
    assert_eq!(
        err,
        "no source is named \"Zendesk\"; this workspace's sources: \"Support\", \"Desk\", \"Jira export\""
    );
}

#[test]
fn reopen_rate_on_freshdesk_data_is_null_with_freshdesk_s_reason() {
    let store = workspace();
    let report = kpi(
        &store,
        KpiRequest {
            filters: vec![format!("source={DESK}")],
            ..march_request(&["reopen_rate"])
        },
    )
    .unwrap();
    let reopens = &report["kpis"]["reopen_rate"];
    assert_eq!(reopens["value"], Value::Null);
    assert_eq!(reopens["n"], 0, "the stored zeros are not counted");
    assert_eq!(reopens["null_reason"]["code"], "not_in_freshdesk_api");
    assert_eq!(
        reopens["null_reason"]["reason"],
        "Freshdesk tells only when a ticket was last reopened, not how many times"
    );
    assert_eq!(reopens["left_out"][0]["source"], DESK);
}

#[test]
fn a_mixed_reopen_rate_counts_only_the_zendesk_tickets_and_names_the_others() {
    let store = workspace();
    let report = kpi(
        &store,
        KpiRequest {
            by: Some("source".into()),
            ..march_request(&["reopen_rate", "first_reply_time"])
        },
    )
    .unwrap();
    let reopens = &report["kpis"]["reopen_rate"];
    assert_eq!(
        (reopens["value"].as_f64(), reopens["n"].as_u64()),
        (Some(0.5), Some(2)),
        "Support's two solved tickets, one reopened; Desk's zeros would make it 1/4"
    );
    assert_eq!(reopens.get("null_reason"), None, "the value exists");
    let left: Vec<(&Value, &Value)> = reopens["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (&l["source"], &l["code"]))
        .collect();
    assert_eq!(
        left,
        [
            (&json!(DESK), &json!("not_in_freshdesk_api")),
            (&json!(JIRA), &json!("not_in_file_imports"))
        ]
    );
    let support = &group(&report, SUPPORT)["kpis"];
    assert_eq!(
        support["reopen_rate"],
        json!({"value": 0.5, "n": 2, "small_sample": true}),
        "a Zendesk group prints as the contract shows it"
    );
    let jira = &group(&report, JIRA)["kpis"]["first_reply_time"];
    assert_eq!(jira["n"], 0);
    assert_eq!(jira["null_reason"]["code"], "column_not_imported");
    let first_reply = &report["kpis"]["first_reply_time"];
    assert_eq!(
        (first_reply["n"].as_u64(), first_reply["median"].as_f64()),
        (Some(5), Some(30.0)),
        "10, 20, 30, 60, 90"
    );
    assert_eq!(first_reply["left_out"][0]["source"], JIRA);
}

#[test]
fn imports_have_no_business_minutes_and_say_so() {
    let store = workspace();
    let report = kpi(
        &store,
        KpiRequest {
            filters: vec![format!("source={JIRA}")],
            hours: Some("business".into()),
            ..march_request(&["full_resolution_time"])
        },
    )
    .unwrap();
    let full = &report["kpis"]["full_resolution_time"];
    assert_eq!(full["n"], 0);
    assert_eq!(full["null_reason"]["code"], "not_in_file_imports");
}

#[test]
fn the_tickets_behind_a_value_are_those_it_counts_and_a_source_group_lists_its_own() {
    let store = workspace();
    let frame = Frame::build(&store).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let listed = |key: Option<&str>| {
        let request = TicketListRequest {
            query: KpiRequest {
                by: key.map(|_| "source".to_owned()),
                ..march_request(&[])
            },
            kpi: "reopen_rate".into(),
            key: key.map(str::to_owned),
            ..TicketListRequest::default()
        };
        let query = request.resolve(today, chrono_tz::Tz::UTC).unwrap();
        let list = ticket_list(&frame, &store, &query).unwrap();
        let mut rows: Vec<(i64, i64)> = list.rows.iter().map(|r| (r.source_id, r.id)).collect();
        rows.sort_unstable();
        rows
    };
    assert_eq!(
        listed(None),
        [(1, 1), (1, 2)],
        "Support's two solved tickets, as n = 2 counts; not Desk's stored zeros"
    );
    assert_eq!(listed(Some(SUPPORT)), [(1, 1), (1, 2)]);
    assert!(listed(Some(DESK)).is_empty(), "Desk gives no reopen rate");
}
