//! Every KPI against hand-computed fixtures (see kpi-definitions.md): the common rules,
//! time zones, buckets, groups, filters and output formats.

use serde_json::{json, Value};

use deskbench::analytics::KpiRequest;
use deskbench::store::records::{RatingScore::*, TicketStatus::*};

use crate::fixtures::*;

/// March 2025 in UTC. Each ticket's comment says which populations it belongs to.
fn march() -> Helpdesk {
    let mut t1 = solved(1, "2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z"); // created+solved in range
    t1.metrics.reply_time = minutes(Some(30.0), Some(20.0));
    t1.metrics.full_resolution_time = minutes(Some(1440.0), Some(540.0));
    let mut t2 = ticket(2, "2025-03-05T09:00:00Z", Open); // created in range, unsolved now
    t2.channel = Some("web".into());
    t2.metrics.reply_time = minutes(Some(90.0), Some(90.0));
    let mut t3 = solved(3, "2025-03-10T12:00:00Z", "2025-04-02T12:00:00Z"); // solved after range
    t3.channel = Some("web".into());
    t3.metrics.full_resolution_time = minutes(Some(33120.0), None);
    let mut t4 = solved(4, "2025-02-20T08:00:00Z", "2025-03-03T08:00:00Z"); // solved in range only
    t4.channel = Some("chat".into());
    t4.metrics.reply_time = minutes(Some(60.0), None);
    t4.metrics.full_resolution_time = minutes(Some(15840.0), None);
    let mut t5 = ticket(5, "2025-03-15T08:00:00Z", Deleted); // excluded from everything
    t5.metrics.reply_time = minutes(Some(5.0), Some(5.0));
    let mut t6 = ticket(6, "2025-03-20T08:00:00Z", Closed); // closed without solved_at
    t6.channel = None;
    let t7 = ticket(7, "2025-02-10T08:00:00Z", Pending); // unsolved, created before range
    let t8 = ticket(8, "2025-04-05T00:00:00Z", New); // after the range
    Helpdesk::new()
        .tickets(&[t1, t2, t3, t4, t5, t6, t7, t8])
        .ratings(&[
            rating(1, 1, Good, "2025-03-03T00:00:00Z"),
            rating(2, 4, Bad, "2025-03-04T00:00:00Z"),
            rating(3, 2, Offered, "2025-03-06T00:00:00Z"),
            rating(4, 5, Good, "2025-03-16T00:00:00Z"), // deleted ticket
            rating(5, 999, Good, "2025-03-16T00:00:00Z"), // unknown ticket
            rating(6, 3, Good, "2025-02-28T23:30:00Z"), // 1 March in Berlin, February in UTC
        ])
}

#[test]
fn every_kpi_matches_hand_computed_values() {
    let out = march().kpi(range("2025-03-01", "2025-03-31"));
    let empty_minutes = json!({"unit": "minutes", "n": 0, "mean": null, "median": null, "p90": null, "small_sample": false});
    let empty_rate = json!({"value": null, "n": 0, "small_sample": false});
    assert_eq!(
        out["kpis"],
        json!({
            "tickets_created": {"value": 4},
            "tickets_solved": {"value": 2},
            "tickets_unsolved": {"value": 2},
            "backlog": {"value": 4, "method": "current_status"},
            "resolution_rate": {"value": 0.75, "n": 4, "small_sample": true},
            "first_reply_time": {"unit": "minutes", "n": 2, "mean": 60.0, "median": 60.0, "p90": 84.0, "small_sample": true},
            "first_resolution_time": empty_minutes,
            "full_resolution_time": {"unit": "minutes", "n": 2, "mean": 8640.0, "median": 8640.0, "p90": 14400.0, "small_sample": true},
            "requester_wait_time": empty_minutes,
            "agent_wait_time": empty_minutes,
            "on_hold_time": empty_minutes,
            "replies_per_solved": empty_rate,
            "one_touch_rate": empty_rate,
            "zero_touch_rate": empty_rate,
            "reopen_rate": empty_rate,
            "csat": {"value": 0.5, "n": 2, "good": 1, "bad": 1,
                     "ci_low": 0.09453120463920084, "ci_high": 0.9054687953607992, "small_sample": true},
            "csat_response_rate": {"value": 2.0 / 3.0, "n": 3, "small_sample": true},
            "sla_achievement": {"value": null, "n": 0, "small_sample": false, "by_metric": {}}
        }),
        "created 1,2,3,6 (now solved or closed: 1,3,6); solved 1,4; unsolved 2,7; backlog on 1 April 2,3 (solved in April),6 (closed without solved_at),7; replies 30,90; resolutions 1440,15840; rating 1 good, 2 bad (Wilson as computed by Python with z = 1.959964); offered in March: 1,2,3"
    );
    assert_eq!(
        out["range"],
        json!({"from": "2025-03-01", "to": "2025-03-31", "tz": "UTC"})
    );
    assert_eq!(out["hours"], "calendar");
    assert_eq!(out["filters"], json!({}));
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["range", "hours", "filters", "kpis"],
        "by/groups/every/series only when asked"
    );
}

#[test]
fn business_hours_leave_out_tickets_whose_business_value_is_null() {
    let out = march().kpi(KpiRequest {
        hours: Some("business".into()),
        ..range("2025-03-01", "2025-03-31")
    });
    assert_eq!(out["hours"], "business");
    assert_eq!(
        out["kpis"]["first_reply_time"],
        json!({"unit": "minutes", "n": 2, "mean": 55.0, "median": 55.0, "p90": 83.0, "small_sample": true})
    );
    assert_eq!(
        out["kpis"]["full_resolution_time"],
        json!({"unit": "minutes", "n": 1, "mean": 540.0, "median": 540.0, "p90": 540.0, "small_sample": true})
    );
}

#[test]
fn an_empty_range_gives_zero_counts_and_null_statistics() {
    let out = march().kpi(range("2024-01-01", "2024-01-31"));
    assert_eq!(
        out["kpis"],
        json!({
            "tickets_created": {"value": 0},
            "tickets_solved": {"value": 0},
            "tickets_unsolved": {"value": 0},
            "backlog": {"value": 0, "method": "current_status"},
            "resolution_rate": {"value": null, "n": 0, "small_sample": false},
            "first_reply_time": {"unit": "minutes", "n": 0, "mean": null, "median": null, "p90": null, "small_sample": false},
            "first_resolution_time": {"unit": "minutes", "n": 0, "mean": null, "median": null, "p90": null, "small_sample": false},
            "full_resolution_time": {"unit": "minutes", "n": 0, "mean": null, "median": null, "p90": null, "small_sample": false},
            "requester_wait_time": {"unit": "minutes", "n": 0, "mean": null, "median": null, "p90": null, "small_sample": false},
            "agent_wait_time": {"unit": "minutes", "n": 0, "mean": null, "median": null, "p90": null, "small_sample": false},
            "on_hold_time": {"unit": "minutes", "n": 0, "mean": null, "median": null, "p90": null, "small_sample": false},
            "replies_per_solved": {"value": null, "n": 0, "small_sample": false},
            "one_touch_rate": {"value": null, "n": 0, "small_sample": false},
            "zero_touch_rate": {"value": null, "n": 0, "small_sample": false},
            "reopen_rate": {"value": null, "n": 0, "small_sample": false},
            "csat": {"value": null, "n": 0, "good": 0, "bad": 0, "ci_low": null, "ci_high": null, "small_sample": false},
            "csat_response_rate": {"value": null, "n": 0, "small_sample": false},
            "sla_achievement": {"value": null, "n": 0, "small_sample": false, "by_metric": {}}
        })
    );
}

#[test]
fn ratings_are_placed_by_the_time_zone_of_the_query() {
    let berlin = march().kpi(KpiRequest {
        tz: Some("Europe/Berlin".into()),
        kpis: vec!["csat".into()],
        ..range("2025-03-01", "2025-03-31")
    });
    assert_eq!(
        berlin["kpis"]["csat"]["good"], 2,
        "rating 6 is rated on 1 March local time"
    );
    assert_eq!(berlin["range"]["tz"], "Europe/Berlin");
}

#[test]
fn weekly_series_has_every_iso_week_clipped_to_the_range() {
    let out = march().kpi(KpiRequest {
        every: Some("week".into()),
        kpis: vec!["tickets_created".into(), "tickets_unsolved".into()],
        ..range("2025-03-01", "2025-03-31")
    });
    assert_eq!(out["every"], "week");
    let series = out["series"].as_array().unwrap();
    let periods: Vec<&str> = series
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        periods,
        [
            "2025-02-24",
            "2025-03-03",
            "2025-03-10",
            "2025-03-17",
            "2025-03-24",
            "2025-03-31"
        ]
    );
    let created: Vec<i64> = series
        .iter()
        .map(|p| p["kpis"]["tickets_created"]["value"].as_i64().unwrap())
        .collect();
    assert_eq!(
        created,
        [1, 1, 1, 1, 0, 0],
        "empty weeks are present with 0"
    );
    let unsolved: Vec<i64> = series
        .iter()
        .map(|p| p["kpis"]["tickets_unsolved"]["value"].as_i64().unwrap())
        .collect();
    assert_eq!(
        unsolved,
        [1, 2, 2, 2, 2, 2],
        "ticket 7 exists from the start, ticket 2 from 5 March"
    );
}

#[test]
fn daily_buckets_follow_dst_in_berlin_and_new_york() {
    let days = |hd: &Helpdesk, tz: &str, from: &str, to: &str| -> Vec<i64> {
        let out = hd.kpi(KpiRequest {
            tz: Some(tz.into()),
            every: Some("day".into()),
            kpis: vec!["tickets_created".into()],
            ..range(from, to)
        });
        out["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["kpis"]["tickets_created"]["value"].as_i64().unwrap())
            .collect()
    };
    let berlin = Helpdesk::new().tickets(&[
        ticket(1, "2025-03-29T22:59:00Z", Open), // 29 Mar 23:59 CET
        ticket(2, "2025-03-29T23:30:00Z", Open), // 30 Mar 00:30 CET
        ticket(3, "2025-03-30T22:30:00Z", Open), // 31 Mar 00:30 CEST
    ]);
    assert_eq!(
        days(&berlin, "Europe/Berlin", "2025-03-29", "2025-03-31"),
        [1, 1, 1]
    );
    assert_eq!(days(&berlin, "UTC", "2025-03-29", "2025-03-31"), [2, 1, 0]);
    let new_york = Helpdesk::new().tickets(&[
        ticket(1, "2025-11-02T03:59:00Z", Open), // 1 Nov 23:59 EDT
        ticket(2, "2025-11-02T04:30:00Z", Open), // 2 Nov 00:30 EDT
        ticket(3, "2025-11-03T04:30:00Z", Open), // 2 Nov 23:30 EST: the 25-hour day
    ]);
    assert_eq!(
        days(&new_york, "America/New_York", "2025-11-01", "2025-11-03"),
        [1, 2, 0]
    );
}

#[test]
fn groups_are_every_value_on_the_tickets_ordered_by_tickets_created() {
    let out = march().kpi(KpiRequest {
        by: Some("channel".into()),
        kpis: vec!["tickets_solved".into()],
        ..range("2025-03-01", "2025-03-31")
    });
    let groups = out["groups"].as_array().unwrap();
    let keys: Vec<&Value> = groups.iter().map(|g| &g["key"]).collect();
    assert_eq!(
        keys,
        [&json!("web"), &json!("email"), &Value::Null, &json!("chat")],
        "created 2, 1, 1 (null after email), 0"
    );
    assert_eq!(groups[2]["label"], "(none)");
    assert_eq!(groups[0]["label"], "Web form");
    assert_eq!(
        groups[3]["kpis"],
        json!({"tickets_solved": {"value": 1}}),
        "chat created nothing but solved ticket 4"
    );
    assert!(groups[0].get("series").is_none());
}

#[test]
fn group_labels_are_names_and_each_group_has_its_series() {
    let mut a = ticket(1, "2025-03-03T10:00:00Z", Open);
    a.group_id = Some(360_001);
    let mut b = ticket(2, "2025-03-04T10:00:00Z", Open);
    b.group_id = Some(360_002);
    let hd = Helpdesk::new().tickets(&[a, b]).named(
        deskbench::store::records::NamedKind::Group,
        360_001,
        "Billing",
    );
    let out = hd.kpi(KpiRequest {
        by: Some("group".into()),
        every: Some("month".into()),
        kpis: vec!["tickets_created".into()],
        ..range("2025-03-01", "2025-03-31")
    });
    let groups = out["groups"].as_array().unwrap();
    assert_eq!(
        (&groups[0]["key"], &groups[0]["label"]),
        (&json!("360001"), &json!("Billing"))
    );
    assert_eq!(
        groups[1]["label"], "360002",
        "an unknown group shows its id"
    );
    assert_eq!(groups[0]["series"][0]["period"], "2025-03-01");
    assert!(
        out["series"].is_array(),
        "the ungrouped series is present with --by and --every"
    );
}

#[test]
fn filters_or_within_a_dimension_and_and_across() {
    let hd = march();
    let web_or_chat = hd.kpi(KpiRequest {
        filters: vec!["channel=web".into(), "channel=chat".into()],
        ..range("2025-03-01", "2025-03-31")
    });
    assert_eq!(web_or_chat["kpis"]["tickets_created"]["value"], 2);
    assert_eq!(web_or_chat["kpis"]["tickets_solved"]["value"], 1);
    assert_eq!(web_or_chat["filters"], json!({"channel": ["web", "chat"]}));
    let none = hd.kpi(KpiRequest {
        filters: vec!["channel=null".into()],
        ..range("2025-03-01", "2025-03-31")
    });
    assert_eq!(
        none["kpis"]["tickets_created"]["value"], 1,
        "ticket 6 has no channel"
    );
    let and = hd.kpi(KpiRequest {
        filters: vec!["channel=web".into(), "status=open".into()],
        ..range("2025-03-01", "2025-03-31")
    });
    assert_eq!(and["kpis"]["tickets_created"]["value"], 1);
}

#[test]
fn csv_rows_carry_the_json_numbers() {
    let hd = march();
    let request = KpiRequest {
        by: Some("channel".into()),
        every: Some("week".into()),
        ..range("2025-03-01", "2025-03-31")
    };
    let frame = deskbench::analytics::Frame::build(&hd.store).unwrap();
    let query = request
        .resolve(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            chrono_tz::Tz::UTC,
        )
        .unwrap();
    let report = deskbench::analytics::run(&frame, &query).unwrap();
    let table = report.table();
    let col = |name: &str| table.columns.iter().position(|c| c == name).unwrap();
    let web_total = table
        .rows
        .iter()
        .find(|r| r[0] == "web" && r[2] == "2025-03-01/2025-03-31")
        .unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        web_total[col("tickets_created")],
        json["groups"][0]["kpis"]["tickets_created"]["value"].to_string()
    );
    let all = &table.rows[0];
    assert_eq!(all[col("first_reply_time_p90")], "84");
    assert_eq!(
        all[col("csat_ci_low")],
        json["kpis"]["csat"]["ci_low"].to_string()
    );
    assert_eq!(
        table.rows.len(),
        5 * (1 + 6),
        "total + 4 channels, each the range and 6 weeks"
    );
}
