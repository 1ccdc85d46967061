//! The KPIs over solved tickets, backlog, SLA, tags and custom fields against
//! hand-computed fixtures; the ticket list behind a number; a property test on the demo
//! data; and the one-line errors for bad queries.

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use deskbench::analytics::engine::kpi::Hours;
use deskbench::analytics::views::drill::{ticket_list, tickets_of, ListOrder, TicketListRequest};
use deskbench::analytics::{run, Frame, KpiRequest};
use deskbench::demo::{self, DemoConfig};
use deskbench::store::records::TicketStatus::*;
use deskbench::store::Store;

use crate::fixtures::*;

/// April 2025 in UTC. Solved in April: a1, a2, a3 (closed), a5; a4 is open again after a
/// solve; a6 is deleted.
fn april() -> Helpdesk {
    let mut a1 = solved(1, "2025-04-01T10:00:00Z", "2025-04-03T10:00:00Z");
    a1.metrics.replies = Some(1);
    a1.metrics.reopens = Some(0);
    a1.metrics.first_resolution_time = minutes(Some(120.0), Some(60.0));
    a1.metrics.full_resolution_time = minutes(Some(2880.0), Some(900.0));
    a1.metrics.requester_wait_time = minutes(Some(100.0), Some(50.0));
    a1.metrics.agent_wait_time = minutes(Some(20.0), Some(10.0));
    a1.metrics.on_hold_time = minutes(Some(0.0), Some(0.0));
    a1.tags = vec!["billing".into(), "vip".into()];
    a1.fields = vec![(900, json!("gold")), (901, json!(["x", "y"]))];
    a1.group_id = Some(10);
    let mut a2 = solved(2, "2025-04-02T08:00:00Z", "2025-04-10T08:00:00Z");
    a2.metrics.replies = Some(3);
    a2.metrics.reopens = Some(2);
    a2.metrics.first_resolution_time = minutes(Some(60.0), None);
    a2.metrics.requester_wait_time = minutes(Some(200.0), None);
    a2.metrics.agent_wait_time = minutes(Some(40.0), None);
    a2.metrics.on_hold_time = minutes(Some(30.0), None);
    a2.tags = vec!["billing".into()];
    a2.fields = vec![(900, json!("silver"))];
    let mut a3 = solved(3, "2025-04-05T08:00:00Z", "2025-04-06T08:00:00Z");
    a3.status = Closed;
    a3.metrics.replies = Some(0);
    a3.metrics.first_resolution_time = minutes(Some(5.0), Some(5.0));
    a3.fields = vec![(901, json!([]))];
    let mut a4 = ticket(4, "2025-04-07T09:00:00Z", Open);
    a4.solved_at = Some(ts("2025-04-08T09:00:00Z")); // solved once, reopened since
    a4.metrics.reopens = Some(1);
    a4.tags = vec!["vip".into()];
    let mut a5 = solved(5, "2025-03-25T08:00:00Z", "2025-04-20T08:00:00Z");
    a5.metrics.reopens = Some(0);
    a5.tags = vec!["billing".into()];
    let mut a6 = ticket(6, "2025-04-09T08:00:00Z", Deleted);
    a6.metrics.replies = Some(1);
    Helpdesk::new()
        .tickets(&[a1, a2, a3, a4, a5, a6])
        .field(
            900,
            "Plan",
            &[("gold", "Gold plan"), ("silver", "Silver plan")],
        )
        .field(901, "Features", &[])
        .sla_events(&[
            // a1 first reply: breached, then fulfilled: breached.
            sla(1, 1, "reply_time", 1, "apply_sla", "2025-04-01T10:00:00Z"),
            sla(2, 1, "reply_time", 1, "breach", "2025-04-01T11:00:00Z"),
            sla(3, 1, "reply_time", 1, "fulfill", "2025-04-01T12:00:00Z"),
            // a1 requester wait: fulfilled only: achieved.
            sla(
                4,
                1,
                "requester_wait_time",
                1,
                "apply_sla",
                "2025-04-01T10:00:00Z",
            ),
            sla(
                5,
                1,
                "requester_wait_time",
                1,
                "fulfill",
                "2025-04-02T10:00:00Z",
            ),
            // a2 first reply achieved; its second reply (next reply) breached.
            sla(6, 2, "reply_time", 1, "apply_sla", "2025-04-02T08:00:00Z"),
            sla(7, 2, "reply_time", 1, "fulfill", "2025-04-02T09:00:00Z"),
            sla(8, 2, "reply_time", 2, "apply_sla", "2025-04-04T08:00:00Z"),
            sla(9, 2, "reply_time", 2, "breach", "2025-04-05T08:00:00Z"),
            // a3: still active; and a fulfil without an SLA applied is no instance.
            sla(
                10,
                3,
                "agent_work_time",
                1,
                "apply_sla",
                "2025-04-05T08:00:00Z",
            ),
            sla(11, 3, "reply_time", 1, "fulfill", "2025-04-05T09:00:00Z"),
            // a5: breached in March, outside the range.
            sla(
                12,
                5,
                "resolution_time",
                1,
                "apply_sla",
                "2025-03-25T08:00:00Z",
            ),
            sla(
                13,
                5,
                "resolution_time",
                1,
                "breach",
                "2025-03-30T08:00:00Z",
            ),
            // a6 is deleted; 999 is unknown.
            sla(14, 6, "reply_time", 1, "apply_sla", "2025-04-09T08:00:00Z"),
            sla(15, 6, "reply_time", 1, "fulfill", "2025-04-09T09:00:00Z"),
            sla(
                16,
                999,
                "reply_time",
                1,
                "apply_sla",
                "2025-04-09T08:00:00Z",
            ),
            sla(17, 999, "reply_time", 1, "breach", "2025-04-09T09:00:00Z"),
        ])
}

fn april_range() -> KpiRequest {
    range("2025-04-01", "2025-04-30")
}

fn kpis(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| k.to_string()).collect()
}

#[test]
fn solved_ticket_kpis_match_hand_computed_values() {
    let out = april().kpi(april_range());
    let k = &out["kpis"];
    assert_eq!(k["tickets_solved"], json!({"value": 4}), "a1, a2, a3, a5");
    assert_eq!(
        k["first_resolution_time"],
        json!({"unit": "minutes", "n": 3, "mean": 61.666666666666664, "median": 60.0, "p90": 108.0, "small_sample": true}),
        "5, 60, 120"
    );
    assert_eq!(
        k["requester_wait_time"],
        json!({"unit": "minutes", "n": 2, "mean": 150.0, "median": 150.0, "p90": 190.0, "small_sample": true})
    );
    assert_eq!(
        k["agent_wait_time"],
        json!({"unit": "minutes", "n": 2, "mean": 30.0, "median": 30.0, "p90": 38.0, "small_sample": true})
    );
    assert_eq!(
        k["on_hold_time"],
        json!({"unit": "minutes", "n": 2, "mean": 15.0, "median": 15.0, "p90": 27.0, "small_sample": true})
    );
    assert_eq!(
        k["replies_per_solved"],
        json!({"value": 4.0 / 3.0, "n": 3, "small_sample": true}),
        "1 + 3 + 0 over three tickets with replies; a5 has none"
    );
    assert_eq!(
        k["one_touch_rate"],
        json!({"value": 1.0 / 3.0, "n": 3, "small_sample": true})
    );
    assert_eq!(
        k["zero_touch_rate"],
        json!({"value": 1.0 / 3.0, "n": 3, "small_sample": true})
    );
    assert_eq!(
        k["reopen_rate"],
        json!({"value": 1.0 / 3.0, "n": 3, "small_sample": true}),
        "a2 reopened; a1 and a5 not; a3 unknown; a4 is not solved"
    );
    assert_eq!(
        k["resolution_rate"],
        json!({"value": 0.75, "n": 4, "small_sample": true}),
        "created a1-a4, now solved or closed a1-a3"
    );
    assert_eq!(
        k["backlog"],
        json!({"value": 1, "method": "current_status"}),
        "a4 (reopened) on 1 May"
    );
}

#[test]
fn business_hours_apply_to_every_duration_kpi() {
    let out = april().kpi(KpiRequest {
        hours: Some("business".into()),
        kpis: kpis(&["first_resolution_time", "requester_wait_time"]),
        ..april_range()
    });
    assert_eq!(
        out["kpis"]["first_resolution_time"],
        json!({"unit": "minutes", "n": 2, "mean": 32.5, "median": 32.5, "p90": 54.5, "small_sample": true}),
        "a2's business value is null: 5 and 60"
    );
    assert_eq!(out["kpis"]["requester_wait_time"]["n"], 1);
}

#[test]
fn backlog_and_unsolved_are_taken_at_each_bucket_end() {
    let out = april().kpi(KpiRequest {
        every: Some("week".into()),
        kpis: kpis(&["tickets_unsolved", "backlog"]),
        ..april_range()
    });
    let series = out["series"].as_array().unwrap();
    let at = |kpi: &str| -> Vec<Value> {
        series
            .iter()
            .map(|p| p["kpis"][kpi]["value"].clone())
            .collect()
    };
    assert_eq!(
        series
            .iter()
            .map(|p| p["period"].clone())
            .collect::<Vec<_>>(),
        [
            "2025-03-31",
            "2025-04-07",
            "2025-04-14",
            "2025-04-21",
            "2025-04-28"
        ]
    );
    assert_eq!(
        at("backlog"),
        [2, 2, 1, 1, 1],
        "7 Apr: a2, a5; 14 Apr: a4 (reopened: open from its creation on), a5; then a4"
    );
    assert_eq!(at("tickets_unsolved"), [0, 1, 1, 1, 1]);
}

#[test]
fn sla_instances_are_breached_achieved_or_still_active() {
    let out = april().kpi(KpiRequest {
        kpis: kpis(&["sla_achievement"]),
        ..april_range()
    });
    assert_eq!(
        out["kpis"]["sla_achievement"],
        json!({"value": 0.5, "n": 4, "small_sample": true, "by_metric": {
            "first_reply_time": {"value": 0.5, "n": 2, "small_sample": true},
            "next_reply_time": {"value": 0.0, "n": 1, "small_sample": true},
            "requester_wait_time": {"value": 1.0, "n": 1, "small_sample": true}
        }}),
        "a1 reply breached then fulfilled (breached), a1 wait fulfilled, a2 first reply fulfilled, a2 second reply breached; active, un-applied, March, deleted and unknown left out"
    );
    let march = april().kpi(KpiRequest {
        kpis: kpis(&["sla_achievement"]),
        ..range("2025-03-01", "2025-03-31")
    });
    assert_eq!(
        march["kpis"]["sla_achievement"],
        json!({"value": 0.0, "n": 1, "small_sample": true, "by_metric": {"resolution_time": {"value": 0.0, "n": 1, "small_sample": true}}})
    );
}

fn group_values(out: &Value, kpi: &str) -> Vec<(Value, Value, Value)> {
    out["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].clone(),
                g["label"].clone(),
                g["kpis"][kpi]["value"].clone(),
            )
        })
        .collect()
}

#[test]
fn tags_are_multi_valued_in_groups_and_filters() {
    let hd = april();
    let by_tag = hd.kpi(KpiRequest {
        by: Some("tag".into()),
        kpis: kpis(&["tickets_created", "tickets_solved"]),
        ..april_range()
    });
    assert_eq!(
        group_values(&by_tag, "tickets_created"),
        [
            (json!("billing"), json!("billing"), json!(2)),
            (json!("vip"), json!("vip"), json!(2)),
            (Value::Null, json!("(none)"), json!(1)),
        ],
        "a1 counts under billing and vip; a3 has no tag"
    );
    assert_eq!(
        group_values(&by_tag, "tickets_solved"),
        [
            (json!("billing"), json!("billing"), json!(3)),
            (json!("vip"), json!("vip"), json!(1)),
            (Value::Null, json!("(none)"), json!(1)),
        ]
    );
    let created = |filters: &[&str]| {
        hd.kpi(KpiRequest {
            filters: kpis(filters),
            kpis: kpis(&["tickets_created"]),
            ..april_range()
        })["kpis"]["tickets_created"]["value"]
            .clone()
    };
    assert_eq!(created(&["tag=vip"]), 2);
    assert_eq!(created(&["tag=vip", "tag=billing"]), 3, "OR within tags");
    assert_eq!(created(&["tag=null"]), 1, "a3 only");
    assert_eq!(created(&["tag=vip", "channel=email"]), 2);
    assert_eq!(created(&["tag=nothing-has-this"]), 0);
}

#[test]
fn custom_fields_group_by_option_names_and_lists_are_multi_valued() {
    let hd = april();
    let plan = hd.kpi(KpiRequest {
        by: Some("field:900".into()),
        kpis: kpis(&["tickets_created"]),
        ..april_range()
    });
    assert_eq!(
        group_values(&plan, "tickets_created"),
        [
            (Value::Null, json!("(none)"), json!(2)),
            (json!("gold"), json!("Gold plan"), json!(1)),
            (json!("silver"), json!("Silver plan"), json!(1)),
        ]
    );
    let features = hd.kpi(KpiRequest {
        by: Some("field:901".into()),
        kpis: kpis(&["tickets_created"]),
        ..april_range()
    });
    assert_eq!(
        group_values(&features, "tickets_created"),
        [
            (Value::Null, json!("(none)"), json!(3)),
            (json!("x"), json!("x"), json!(1)),
            (json!("y"), json!("y"), json!(1)),
        ],
        "a1 has [x, y]; a3's [] is no value"
    );
    let gold = hd.kpi(KpiRequest {
        filters: kpis(&["field:900=gold"]),
        kpis: kpis(&["tickets_created"]),
        ..april_range()
    });
    assert_eq!(gold["filters"], json!({"field:900": ["gold"]}));
    assert_eq!(gold["kpis"]["tickets_created"]["value"], 1);
}

#[test]
fn bad_queries_get_one_line_errors_listing_what_is_valid() {
    let hd = april();
    let err = |request: KpiRequest| {
        let message = hd.kpi_error(request);
        assert!(!message.contains('\n'), "{message}");
        message
    };
    let unknown_field = err(KpiRequest {
        by: Some("field:999".into()),
        ..april_range()
    });
    assert!(
        unknown_field.contains("field:999")
            && unknown_field.contains("field:900 (Plan), field:901 (Features)"),
        "{unknown_field}"
    );
    let filtered = err(KpiRequest {
        filters: kpis(&["field:999=a"]),
        ..april_range()
    });
    assert!(filtered.contains("field:900 (Plan)"), "{filtered}");
    let kpi = err(KpiRequest {
        kpis: kpis(&["nps"]),
        ..april_range()
    });
    assert!(
        kpi.contains("backlog") && kpi.contains("sla_achievement"),
        "{kpi}"
    );
    let dim = err(KpiRequest {
        by: Some("colour".into()),
        ..april_range()
    });
    assert!(dim.contains("tag, field:<id>"), "{dim}");
    let reversed = err(range("2025-04-30", "2025-04-01"));
    assert!(reversed.contains("after"), "{reversed}");
    let tz = err(KpiRequest {
        tz: Some("Mars/Olympus".into()),
        ..april_range()
    });
    assert!(tz.contains("IANA"), "{tz}");
}

fn list(hd: &Helpdesk, request: TicketListRequest) -> (u64, Vec<i64>) {
    let frame = Frame::build(&hd.store).unwrap();
    let query = request
        .resolve(
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            chrono_tz::Tz::UTC,
        )
        .unwrap();
    let page = ticket_list(&frame, &hd.store, &query).unwrap();
    (page.total, page.rows.iter().map(|r| r.id).collect())
}

#[test]
fn the_ticket_list_holds_exactly_the_tickets_behind_a_number() {
    let hd = april();
    let request = |kpi: &str| TicketListRequest {
        query: april_range(),
        kpi: kpi.into(),
        ..TicketListRequest::default()
    };
    assert_eq!(
        list(&hd, request("first_resolution_time")),
        (3, vec![3, 2, 1]),
        "the n of the KPI, newest first"
    );
    assert_eq!(list(&hd, request("backlog")), (1, vec![4]));
    assert_eq!(list(&hd, request("sla_achievement")), (2, vec![2, 1]));
    let sorted = TicketListRequest {
        sort: Some("replies".into()),
        limit: Some(2),
        offset: 1,
        ..request("tickets_solved")
    };
    assert_eq!(
        list(&hd, sorted),
        (4, vec![1, 2]),
        "0 (a3), 1 (a1), 3 (a2), null (a5) last; the second page of two starts at a1"
    );
    let vip = TicketListRequest {
        query: KpiRequest {
            by: Some("tag".into()),
            ..april_range()
        },
        key: Some("vip".into()),
        ..request("tickets_created")
    };
    assert_eq!(list(&hd, vip), (2, vec![4, 1]));
    let untagged = TicketListRequest {
        query: KpiRequest {
            by: Some("tag".into()),
            ..april_range()
        },
        key: Some("null".into()),
        ..request("tickets_created")
    };
    assert_eq!(list(&hd, untagged), (1, vec![3]));
    let week = TicketListRequest {
        query: KpiRequest {
            every: Some("week".into()),
            ..april_range()
        },
        period: Some("2025-04-07".into()),
        ..request("tickets_created")
    };
    assert_eq!(list(&hd, week), (1, vec![4]));
}

#[test]
fn ticket_list_rows_carry_labels_and_no_link_without_a_helpdesk() {
    let hd = april().named(
        deskbench::store::records::NamedKind::Group,
        10,
        "Billing team",
    );
    let frame = Frame::build(&hd.store).unwrap();
    let query = TicketListRequest {
        query: april_range(),
        kpi: "tickets_created".into(),
        sort: Some("id".into()),
        limit: Some(1),
        ..TicketListRequest::default()
    }
    .resolve(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        chrono_tz::Tz::UTC,
    )
    .unwrap();
    let page = ticket_list(&frame, &hd.store, &query).unwrap();
    let row = &page.rows[0];
    assert_eq!(
        (row.id, row.group.as_deref(), row.url.as_deref()),
        (1, Some("Billing team"), None)
    );
    let bad = TicketListRequest {
        sort: Some("colour".into()),
        ..TicketListRequest::default()
    }
    .resolve(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        chrono_tz::Tz::UTC,
    )
    .unwrap_err()
    .to_string();
    assert!(bad.contains("created_at"), "{bad}");
}

/// For random filters on demo data: the groups of `--by` add up to the total (tags
/// excepted: a ticket has several), and every bucket's flows add up to the range's.
#[test]
fn groups_and_buckets_add_up_for_random_queries() {
    let mut store = Store::open_in_memory().unwrap();
    let config = DemoConfig {
        tickets: 3000,
        months: 6,
        now: 1_767_225_600,
        ..DemoConfig::default()
    };
    demo::generate(&mut store, &config, &mut |_| {}).unwrap();
    let frame = Frame::build(&store).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let dims = [
        "channel",
        "status",
        "priority",
        "type",
        "group",
        "assignee",
        "brand",
        "organization",
    ];
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    // Values to filter on, read from a grouped run.
    let values = |dim: &str| -> Vec<String> {
        let query = KpiRequest {
            from: Some("2025-07-01".into()),
            to: Some("2025-12-31".into()),
            by: Some(dim.into()),
            kpis: vec!["tickets_created".into()],
            ..KpiRequest::default()
        }
        .resolve(today, chrono_tz::Tz::UTC)
        .unwrap();
        let report = serde_json::to_value(run(&frame, &query).unwrap()).unwrap();
        report["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["key"].as_str().unwrap_or("null").to_owned())
            .collect()
    };
    for case in 0..24 {
        let mut filters = Vec::new();
        for _ in 0..rng.gen_range(0..3) {
            let dim = dims[rng.gen_range(0..dims.len())];
            let options = values(dim);
            let value = &options[rng.gen_range(0..options.len())];
            filters.push(format!("{dim}={value}"));
        }
        let by = dims[rng.gen_range(0..dims.len())];
        let every = ["day", "week", "month"][rng.gen_range(0..3)];
        let from_day = rng.gen_range(1..28);
        let query = KpiRequest {
            from: Some(format!("2025-08-{from_day:02}")),
            to: Some("2025-11-30".into()),
            tz: Some(["UTC", "Europe/Berlin", "America/New_York", "Asia/Seoul"][case % 4].into()),
            by: Some(by.into()),
            every: Some(every.into()),
            filters: filters.clone(),
            kpis: vec!["tickets_created".into(), "tickets_solved".into()],
            ..KpiRequest::default()
        }
        .resolve(today, chrono_tz::Tz::UTC)
        .unwrap();
        let report = serde_json::to_value(run(&frame, &query).unwrap()).unwrap();
        let value = |v: &Value, kpi: &str| v["kpis"][kpi]["value"].as_u64().unwrap();
        let context = format!("case {case}: --by {by} --every {every} {filters:?}");
        for kpi in ["tickets_created", "tickets_solved"] {
            let total = value(&report, kpi);
            let groups: u64 = report["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| value(g, kpi))
                .sum();
            assert_eq!(groups, total, "{kpi} over groups, {context}");
            let buckets: u64 = report["series"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| value(p, kpi))
                .sum();
            assert_eq!(buckets, total, "{kpi} over buckets, {context}");
        }
    }
    // Tags: every tagged ticket counts once per tag, so the groups cover the total.
    let query = KpiRequest {
        from: Some("2025-08-01".into()),
        to: Some("2025-11-30".into()),
        by: Some("tag".into()),
        kpis: vec!["tickets_created".into()],
        ..KpiRequest::default()
    }
    .resolve(today, chrono_tz::Tz::UTC)
    .unwrap();
    let report = serde_json::to_value(run(&frame, &query).unwrap()).unwrap();
    let total = report["kpis"]["tickets_created"]["value"].as_u64().unwrap();
    let groups: u64 = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["kpis"]["tickets_created"]["value"].as_u64().unwrap())
        .sum();
    assert!(groups >= total, "{groups} >= {total}");
}

#[test]
fn csv_carries_the_sla_metrics_of_the_json() {
    let hd = april();
    let frame = Frame::build(&hd.store).unwrap();
    let query = KpiRequest {
        kpis: kpis(&["sla_achievement", "backlog", "one_touch_rate"]),
        ..april_range()
    }
    .resolve(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        chrono_tz::Tz::UTC,
    )
    .unwrap();
    let report = run(&frame, &query).unwrap();
    let table = report.table();
    assert_eq!(
        table.columns,
        [
            "period",
            "backlog",
            "one_touch_rate",
            "one_touch_rate_n",
            "one_touch_rate_small_sample",
            "sla_achievement",
            "sla_achievement_n",
            "sla_achievement_small_sample",
            "sla_achievement_first_reply_time",
            "sla_achievement_first_reply_time_n",
            "sla_achievement_first_reply_time_small_sample",
            "sla_achievement_next_reply_time",
            "sla_achievement_next_reply_time_n",
            "sla_achievement_next_reply_time_small_sample",
            "sla_achievement_requester_wait_time",
            "sla_achievement_requester_wait_time_n",
            "sla_achievement_requester_wait_time_small_sample",
        ]
    );
    assert_eq!(
        table.rows[0],
        [
            "2025-04-01/2025-04-30",
            "1",
            "0.3333333333333333",
            "3",
            "1",
            "0.5",
            "4",
            "1",
            "0.5",
            "2",
            "1",
            "0",
            "1",
            "1",
            "1",
            "1",
            "1"
        ],
        "every value here rests on fewer than 30 records, so each is flagged small"
    );
}

#[test]
fn ticket_lists_search_subjects_in_any_script_and_ids() {
    let subjects = ["Оплата не прошла", "Refund please", "환불 요청"];
    let tickets: Vec<_> = subjects
        .iter()
        .enumerate()
        .map(|(i, subject)| {
            let mut t = ticket(i as i64 + 1, "2025-04-02T10:00:00Z", Open);
            t.subject = Some((*subject).to_owned());
            t
        })
        .collect();
    let hd = Helpdesk::new().tickets(&tickets);
    let frame = Frame::build(&hd.store).unwrap();
    let ids = |search: &str| {
        let query = TicketListRequest {
            query: april_range(),
            kpi: "tickets_created".into(),
            sort: Some("id".into()),
            search: Some(search.into()),
            ..TicketListRequest::default()
        }
        .resolve(
            NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            chrono_tz::Tz::UTC,
        )
        .unwrap();
        let list = ticket_list(&frame, &hd.store, &query).unwrap();
        assert_eq!(list.total as usize, list.rows.len());
        list.rows.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    assert_eq!(ids("ОПЛАТА"), [1], "Cyrillic case is folded");
    assert_eq!(ids("refund"), [2]);
    assert_eq!(ids("환불"), [3]);
    assert_eq!(ids("#2"), [2], "an id matches too");
    assert_eq!(ids("  "), [1, 2, 3], "a blank search lists everything");
    assert_eq!(ids("<script>"), Vec::<i64>::new());
}

#[test]
fn given_tickets_list_sorted_searched_and_paged_like_a_number() {
    let mut tickets = april_tickets_with_subjects();
    tickets[1].subject = Some("Refund twice".into());
    let hd = Helpdesk::new().tickets(&tickets);
    let frame = Frame::build(&hd.store).unwrap();
    let all = TicketListRequest {
        query: april_range(),
        kpi: "tickets_created".into(),
        ..TicketListRequest::default()
    }
    .resolve(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        chrono_tz::Tz::UTC,
    )
    .unwrap();
    let source = ticket_list(&frame, &hd.store, &all).unwrap().rows[0].source_id;
    // A ticket twice and one the frame does not hold: each listed once, the stranger not.
    let keys = [
        (source, 1),
        (source, 3),
        (source, 2),
        (source, 3),
        (source, 999),
    ];
    let ids = |sort: Option<&str>, offset: usize, limit: Option<usize>, search: Option<&str>| {
        let order = ListOrder::parse(sort, offset, limit, search).unwrap();
        let list = tickets_of(&frame, &hd.store, &keys, Hours::Calendar, &order).unwrap();
        (
            list.total,
            list.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        )
    };
    assert_eq!(ids(None, 0, None, None), (3, vec![3, 2, 1]), "newest first");
    assert_eq!(
        ids(Some("id"), 1, Some(1), None),
        (3, vec![2]),
        "the second page of one"
    );
    assert_eq!(ids(Some("-id"), 0, None, Some("refund")), (1, vec![2]));
    assert_eq!(
        ids(None, 0, None, Some("#1")),
        (1, vec![1]),
        "an id matches too"
    );
    assert!(ListOrder::parse(Some("colour"), 0, None, None).is_err());
}

/// Three tickets created on 1, 2 and 3 April.
fn april_tickets_with_subjects() -> Vec<deskbench::store::records::Ticket> {
    (1..=3)
        .map(|i| {
            let mut t = ticket(i, &format!("2025-04-0{i}T10:00:00Z"), Open);
            t.subject = Some(format!("Subject {i}"));
            t
        })
        .collect()
}
