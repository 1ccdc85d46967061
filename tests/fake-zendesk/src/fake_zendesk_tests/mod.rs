//! End-to-end tests of the fake over real sockets. Run with
//! `cargo test --workspace fake_zendesk`.

mod http;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use serde_json::Value;

use self::http::{basic, get, request, Resp};
use crate::{parse_iso, FakeConfig, FakeZendesk, Faults, MetricSetsForm};

fn small() -> FakeConfig {
    FakeConfig {
        tickets: 250,
        users: 40,
        organizations: 23,
        page_size: 50,
        ..FakeConfig::default()
    }
}

fn auth(fake_config: &FakeConfig) -> String {
    basic(&fake_config.email, &fake_config.token)
}

/// GET with the default API-token credentials.
async fn fetch(fake: &FakeZendesk, path: &str) -> Resp {
    let cfg = FakeConfig::default();
    get(&fake.url(), path, Some(&auth(&cfg))).await
}

/// Path and query of an absolute URL the fake returned.
fn local(fake: &FakeZendesk, url: &str) -> String {
    url.strip_prefix(&fake.url())
        .unwrap_or_else(|| panic!("{url} is not on {}", fake.url()))
        .to_string()
}

fn ids_of(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v["id"].as_i64().expect("numeric id"))
        .collect()
}

/// Walks the cursor export from `first` (`start_time=…&…`); later requests send
/// `cursor=…` plus the non-start_time parameters of `first`, as a client must (the
/// fake's `after_url` carries only the cursor). Returns every page body.
async fn walk_cursor(fake: &FakeZendesk, endpoint: &str, first: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut path = format!("{endpoint}?{first}");
    let keep: String = first
        .split('&')
        .filter(|p| !p.starts_with("start_time="))
        .map(|p| format!("&{p}"))
        .collect();
    loop {
        let resp = fetch(fake, &path).await;
        assert_eq!(resp.status, 200, "{path}");
        let body = resp.json();
        let end = body["end_of_stream"].as_bool().expect("end_of_stream");
        let cursor = body["after_cursor"]
            .as_str()
            .expect("after_cursor")
            .to_string();
        pages.push(body);
        if end {
            return pages;
        }
        path = format!(
            "{endpoint}?cursor={}{keep}",
            crate::pagination::enc(&cursor)
        );
        assert!(pages.len() < 10_000, "runaway export");
    }
}

/// Walks a time-based export from `start_time=0` following `next_page`.
async fn walk_time(fake: &FakeZendesk, path: &str, key: &str) -> (Vec<i64>, usize) {
    let mut ids = Vec::new();
    let mut pages = 0;
    let mut next = format!("{path}?start_time=0");
    loop {
        let body = fetch(fake, &next).await.json();
        pages += 1;
        assert_eq!(
            body["count"].as_u64().unwrap() as usize,
            body[key].as_array().unwrap().len()
        );
        ids.extend(ids_of(&body[key]));
        if body["end_of_stream"].as_bool().unwrap() {
            return (ids, pages);
        }
        let page_ids = ids_of(&body[key]);
        assert!(!page_ids.is_empty());
        next = local(fake, body["next_page"].as_str().unwrap());
        assert!(
            next.ends_with(&format!("start_time={}", body["end_time"])),
            "{next}"
        );
        assert!(pages < 1_000, "time-based export does not advance");
    }
}

#[tokio::test]
async fn fake_zendesk_auth_is_required() {
    let cfg = FakeConfig {
        oauth_token: Some("oauth-abc".into()),
        ..small()
    };
    let fake = FakeZendesk::start(cfg.clone()).await;
    let url = fake.url();
    for bad in [
        None,
        Some(basic(&cfg.email, "wrong")),
        Some(basic("other@example.com", &cfg.token)),
        Some("Bearer nope".to_string()),
        Some(format!("Basic {}", "not base64!")),
    ] {
        let resp = get(&url, "/api/v2/users/me.json", bad.as_deref()).await;
        assert_eq!(resp.status, 401, "{bad:?}");
        assert_eq!(resp.json()["error"], "Couldn't authenticate you");
        assert!(resp.header("x-rate-limit").is_some());
    }
    let me = get(&url, "/api/v2/users/me.json", Some(&auth(&cfg))).await;
    assert_eq!(me.status, 200);
    let user = &me.json()["user"];
    assert_eq!(
        (user["email"].as_str(), user["role"].as_str()),
        (Some("admin@example.com"), Some("admin"))
    );
    let oauth = get(&url, "/api/v2/users/me", Some("Bearer oauth-abc")).await;
    assert_eq!(oauth.status, 200);
    assert_eq!(fake.stats().rejected_429, 0);
    fake.stop().await;

    // Without a configured OAuth token every Bearer is refused.
    let fake = FakeZendesk::start(small()).await;
    let resp = get(
        &fake.url(),
        "/api/v2/users/me.json",
        Some("Bearer oauth-abc"),
    )
    .await;
    assert_eq!(resp.status, 401);
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_cursor_export_visits_every_ticket_once() {
    let fake = FakeZendesk::start(small()).await;
    let endpoint = "/api/v2/incremental/tickets/cursor.json";
    let pages = walk_cursor(&fake, endpoint, "start_time=0&include=metric_sets").await;
    let expected = fake.expected();
    assert_eq!(pages.len(), 5, "250 tickets at 50 per page");
    let mut seen = Vec::new();
    let mut last_pos = (i64::MIN, i64::MIN);
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page["end_of_stream"], i == pages.len() - 1);
        assert!(page["before_cursor"].is_null());
        let metric_sets: BTreeMap<i64, &Value> = page["metric_sets"]
            .as_array()
            .map(|sets| {
                sets.iter()
                    .map(|m| (m["ticket_id"].as_i64().unwrap(), m))
                    .collect()
            })
            .unwrap_or_default();
        for t in page["tickets"].as_array().unwrap() {
            let id = t["id"].as_i64().unwrap();
            let pos = (t["generated_timestamp"].as_i64().unwrap(), id);
            assert!(pos > last_pos, "export order");
            last_pos = pos;
            seen.push(id);
            let want = expected.ticket(id).unwrap();
            assert_eq!(t["status"].as_str().unwrap(), want.status);
            assert_eq!(
                parse_iso(t["updated_at"].as_str().unwrap()),
                Some(want.updated_at)
            );
            assert!(
                want.updated_at <= pos.0,
                "updated_at <= generated_timestamp"
            );
            if want.is_deleted() {
                assert!(t.get("metric_set").is_none() && !metric_sets.contains_key(&id));
                assert!(t.get("priority").is_none(), "tombstones are minimal");
                continue;
            }
            assert_eq!(t["custom_fields"], t["fields"]);
            let ms = t
                .get("metric_set")
                .or(metric_sets.get(&id).copied())
                .expect("metric set");
            assert_eq!(ms["ticket_id"], id);
            assert_eq!(
                ms["reply_time_in_minutes"]["calendar"].as_i64(),
                want.reply_time_calendar
            );
            assert_eq!(
                ms["full_resolution_time_in_minutes"]["calendar"].as_i64(),
                want.full_resolution_time_calendar
            );
            assert_eq!(ms["replies"].as_i64(), want.replies);
            assert_eq!(t["priority"].as_str().map(String::from), want.priority);
            let tags: Vec<String> = serde_json::from_value(t["tags"].clone()).unwrap();
            assert_eq!(tags, want.tags);
        }
    }
    let unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no ticket twice");
    let all: Vec<i64> = expected.tickets.iter().map(|t| t.id).collect();
    assert_eq!(unique.into_iter().collect::<Vec<_>>(), all);
    assert!(
        expected.tickets.iter().any(|t| t.is_deleted()),
        "dataset has tombstones"
    );

    // after_url works as given (percent-encoded cursor), and per_page is honoured/capped.
    let first = fetch(&fake, &format!("{endpoint}?start_time=0&per_page=7"))
        .await
        .json();
    assert_eq!(first["tickets"].as_array().unwrap().len(), 7);
    let next = fetch(&fake, &local(&fake, first["after_url"].as_str().unwrap()))
        .await
        .json();
    assert_eq!(
        next["tickets"].as_array().unwrap().len(),
        50,
        "after_url keeps only the cursor"
    );
    let capped = fetch(&fake, &format!("{endpoint}?start_time=0&per_page=1000"))
        .await
        .json();
    assert_eq!(capped["tickets"].as_array().unwrap().len(), 50);
    let undeleted = walk_cursor(&fake, endpoint, "start_time=0&exclude_deleted=true").await;
    let n: usize = undeleted
        .iter()
        .map(|p| p["tickets"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        n,
        expected.tickets.iter().filter(|t| !t.is_deleted()).count()
    );
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_changes_after_end_of_stream_show_up_on_next_poll() {
    let fake = FakeZendesk::start(small()).await;
    let endpoint = "/api/v2/incremental/tickets/cursor.json";
    let pages = walk_cursor(&fake, endpoint, "start_time=0").await;
    let cursor = pages.last().unwrap()["after_cursor"]
        .as_str()
        .unwrap()
        .to_string();
    let poll = format!("{endpoint}?cursor={}", crate::pagination::enc(&cursor));

    // Nothing new: an empty page at end of stream with the same position.
    let idle = fetch(&fake, &poll).await.json();
    assert_eq!(idle["tickets"].as_array().unwrap().len(), 0);
    assert_eq!(idle["end_of_stream"], true);
    assert_eq!(idle["after_cursor"].as_str(), Some(cursor.as_str()));

    let before = fake.expected();
    let open: Vec<i64> = before
        .tickets
        .iter()
        .filter(|t| matches!(t.status.as_str(), "open" | "new" | "pending"))
        .map(|t| t.id)
        .take(3)
        .collect();
    let added = fake.add_tickets(2);
    fake.update_tickets(&[open[0]]);
    fake.solve_tickets(&[open[1]]);
    fake.delete_tickets(&[open[2]]);
    fake.rate_ticket(open[1], false);
    assert_eq!(fake.clock(), crate::BASE + 5 * 60);

    let body = fetch(&fake, &format!("{poll}&include=metric_sets"))
        .await
        .json();
    assert_eq!(body["end_of_stream"], true);
    let ids = ids_of(&body["tickets"]);
    let mut want = vec![added[0], added[1], open[0], open[1], open[2]];
    want.sort_unstable();
    let got: BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(got.into_iter().collect::<Vec<_>>(), want);
    assert_eq!(ids.len(), 5, "each change once, at its latest position");
    let after = fake.expected();
    for t in body["tickets"].as_array().unwrap() {
        let id = t["id"].as_i64().unwrap();
        assert!(t["generated_timestamp"].as_i64().unwrap() > crate::BASE);
        assert_eq!(
            t["status"].as_str().unwrap(),
            after.ticket(id).unwrap().status
        );
    }
    let solved = after.ticket(open[1]).unwrap();
    assert_eq!(solved.status, "solved");
    assert!(solved.full_resolution_time_calendar.is_some());
    assert!(after.ratings.iter().any(|r| r.1 == open[1] && r.2 == "bad"));
    assert!(after.ticket(open[2]).unwrap().is_deleted());
    assert_eq!(after.tickets.len(), before.tickets.len() + 2);

    // The same poll again returns the same changes (the cursor is a position).
    let again = fetch(&fake, &poll).await.json();
    assert_eq!(ids_of(&again["tickets"]).len(), 5);
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_metric_set_forms() {
    for form in [
        MetricSetsForm::PerTicket,
        MetricSetsForm::TopLevel,
        MetricSetsForm::Alternate,
    ] {
        let fake = FakeZendesk::start(FakeConfig {
            metric_sets: form,
            ..small()
        })
        .await;
        let pages = walk_cursor(
            &fake,
            "/api/v2/incremental/tickets/cursor.json",
            "start_time=0&include=metric_sets",
        )
        .await;
        let shapes: Vec<(bool, bool)> = pages
            .iter()
            .map(|p| {
                let per_ticket = p["tickets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t.get("metric_set").is_some());
                (per_ticket, p.get("metric_sets").is_some())
            })
            .collect();
        match form {
            MetricSetsForm::PerTicket => assert!(shapes.iter().all(|s| *s == (true, false))),
            MetricSetsForm::TopLevel => assert!(shapes.iter().all(|s| *s == (false, true))),
            MetricSetsForm::Alternate => {
                assert_eq!(&shapes[..3], &[(true, false), (false, true), (true, false)])
            }
        }
        // Without the include there are no metrics at all.
        let plain = fetch(
            &fake,
            "/api/v2/incremental/tickets/cursor.json?start_time=0",
        )
        .await
        .json();
        assert!(plain.get("metric_sets").is_none());
        assert!(plain["tickets"][0].get("metric_set").is_none());
        fake.stop().await;
    }
}

#[tokio::test]
async fn fake_zendesk_rejects_bad_parameters() {
    let fake = FakeZendesk::start(small()).await;
    let future = crate::time::wall_now().max(crate::BASE) + 3_600;
    for path in [
        format!("/api/v2/incremental/tickets/cursor.json?start_time={future}"),
        "/api/v2/incremental/tickets/cursor.json?start_time=-5".to_string(),
        "/api/v2/incremental/tickets/cursor.json".to_string(),
        "/api/v2/incremental/tickets/cursor.json?cursor=bm9wZQ%3D%3D".to_string(),
        "/api/v2/incremental/users/cursor.json?start_time=abc".to_string(),
        "/api/v2/incremental/organizations.json?start_time=-1".to_string(),
        "/api/v2/incremental/ticket_metric_events.json".to_string(),
        format!("/api/v2/help_center/incremental/articles.json?start_time={future}"),
        "/api/v2/groups.json?page[size]=0".to_string(),
    ] {
        let resp = fetch(&fake, &path).await;
        assert_eq!(resp.status, 400, "{path}");
        assert_eq!(resp.json()["error"], "InvalidValue", "{path}");
    }
    for (method, path) in [
        ("GET", "/api/v2/tickets.json"),
        ("GET", "/api/v2/incremental/tickets.json"),
        ("POST", "/api/v2/groups.json"),
    ] {
        let resp = request(method, &fake.url(), path, Some(&auth(&small()))).await;
        assert_eq!(resp.status, 404, "{method} {path}");
        assert_eq!(resp.json()["error"], "InvalidEndpoint");
    }
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_users_and_organizations() {
    let fake = FakeZendesk::start(FakeConfig {
        page_size: 5,
        ..small()
    })
    .await;
    let expected = fake.expected();

    let pages = walk_cursor(
        &fake,
        "/api/v2/incremental/users/cursor.json",
        "start_time=0",
    )
    .await;
    let mut users: Vec<i64> = pages.iter().flat_map(|p| ids_of(&p["users"])).collect();
    let n = users.len();
    users.sort_unstable();
    users.dedup();
    assert_eq!(users.len(), n);
    assert_eq!(users, expected.users);
    let roles: BTreeSet<String> = pages
        .iter()
        .flat_map(|p| p["users"].as_array().unwrap().clone())
        .map(|u| u["role"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(roles.len(), 3, "{roles:?}");

    // Time-based: every page repeats at least its boundary item on the next page.
    let (orgs, pages) = walk_time(
        &fake,
        "/api/v2/incremental/organizations.json",
        "organizations",
    )
    .await;
    assert!(
        orgs.len() > expected.organizations.len(),
        "duplicates at page boundaries"
    );
    assert!(pages > 5);
    let unique: BTreeSet<i64> = orgs.into_iter().collect();
    assert_eq!(
        unique.into_iter().collect::<Vec<_>>(),
        expected.organizations
    );

    let settings = fetch(&fake, "/api/v2/account/settings.json").await.json();
    let loc = &settings["settings"]["localization"];
    assert_eq!(loc["iana_time_zone"], "Europe/Berlin");
    assert_eq!(loc["time_zone"], "Berlin");
    assert_eq!(expected.time_zone, "Europe/Berlin");
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_lists_groups_brands_fields() {
    let fake = FakeZendesk::start(small()).await;
    let expected = fake.expected();

    // Cursor pagination, following links.next until has_more is false.
    let mut groups = Vec::new();
    let mut path = "/api/v2/groups.json?page[size]=2".to_string();
    loop {
        let body = fetch(&fake, &path).await.json();
        groups.extend(ids_of(&body["groups"]));
        if !body["meta"]["has_more"].as_bool().unwrap() {
            break;
        }
        path = local(&fake, body["links"]["next"].as_str().unwrap());
    }
    assert_eq!(groups, expected.groups);
    assert_eq!(groups.len(), 5);

    // Offset fallback without page[size].
    let offset = fetch(&fake, "/api/v2/brands.json").await.json();
    assert_eq!(ids_of(&offset["brands"]), expected.brands);
    assert_eq!(offset["count"], 3);
    assert!(offset["next_page"].is_null());

    let fields = fetch(&fake, "/api/v2/ticket_fields.json?page[size]=100")
        .await
        .json();
    let fields = fields["ticket_fields"].as_array().unwrap();
    assert_eq!(
        ids_of(&Value::Array(fields.clone())),
        expected.ticket_fields
    );
    let dropdown = fields
        .iter()
        .find(|f| f["type"] == "tagger")
        .expect("dropdown");
    let options = dropdown["custom_field_options"].as_array().unwrap();
    assert!(options
        .iter()
        .all(|o| o["name"].is_string() && o["value"].is_string()));
    let checkbox = fields
        .iter()
        .find(|f| f["type"] == "checkbox")
        .expect("checkbox");
    let ticket = fetch(
        &fake,
        "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=50",
    )
    .await
    .json();
    let t = ticket["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["status"] != "deleted")
        .unwrap()
        .clone();
    let field_ids: Vec<i64> = t["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        field_ids,
        vec![
            dropdown["id"].as_i64().unwrap(),
            checkbox["id"].as_i64().unwrap()
        ]
    );
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_ratings_events_articles() {
    let fake = FakeZendesk::start(FakeConfig {
        page_size: 20,
        ..small()
    })
    .await;
    let expected = fake.expected();

    let fake_ref = &fake;
    let walk_ratings = move |first: String| {
        let fake = fake_ref;
        async move {
            let mut out = Vec::new();
            let mut path = first;
            loop {
                let body = fetch(fake, &path).await.json();
                for r in body["satisfaction_ratings"].as_array().unwrap() {
                    out.push((
                        r["id"].as_i64().unwrap(),
                        r["ticket_id"].as_i64().unwrap(),
                        r["score"].as_str().unwrap().to_string(),
                    ));
                }
                if !body["meta"]["has_more"].as_bool().unwrap() {
                    return out;
                }
                path = local(fake, body["links"]["next"].as_str().unwrap());
            }
        }
    };
    let ratings =
        walk_ratings("/api/v2/satisfaction_ratings.json?start_time=0&page[size]=100".into()).await;
    assert_eq!(ratings, expected.ratings);
    assert!(!ratings.is_empty());
    let solved = expected
        .tickets
        .iter()
        .find(|t| t.status == "solved" && !ratings.iter().any(|r| r.1 == t.id))
        .unwrap()
        .id;
    fake.rate_ticket(solved, true);
    let since = fake.clock();
    let new = walk_ratings(format!(
        "/api/v2/satisfaction_ratings.json?start_time={since}&page[size]=10"
    ))
    .await;
    assert_eq!(new.len(), 1);
    assert_eq!((new[0].1, new[0].2.as_str()), (solved, "good"));
    let good = fetch(
        &fake,
        "/api/v2/satisfaction_ratings.json?score=bad&page[size]=100",
    )
    .await
    .json();
    assert!(good["satisfaction_ratings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["score"] == "bad"));

    // Metric events, time-based: dedupe, drop deleted ones.
    let mut path = "/api/v2/incremental/ticket_metric_events.json?start_time=0".to_string();
    let mut live = BTreeSet::new();
    let mut deleted = BTreeSet::new();
    let mut types = BTreeSet::new();
    loop {
        let body = fetch(&fake, &path).await.json();
        for e in body["ticket_metric_events"].as_array().unwrap() {
            let id = e["id"].as_i64().unwrap();
            types.insert(e["type"].as_str().unwrap().to_string());
            if e["type"] == "apply_sla" {
                assert!(e["sla"]["target"].is_u64() && e["sla"]["policy"]["title"].is_string());
            }
            if e.get("deleted") == Some(&Value::Bool(true)) {
                deleted.insert(id);
            } else {
                live.insert(id);
            }
        }
        if body["end_of_stream"] == true {
            break;
        }
        path = local(&fake, body["next_page"].as_str().unwrap());
    }
    assert_eq!(
        live.into_iter().collect::<Vec<_>>(),
        fake.expected().metric_events
    );
    assert!(!deleted.is_empty());
    for t in [
        "apply_sla",
        "activate",
        "fulfill",
        "breach",
        "update_status",
    ] {
        assert!(types.contains(t), "{t}");
    }
    // Cursor pagination of the same endpoint.
    let cbp = fetch(
        &fake,
        "/api/v2/incremental/ticket_metric_events.json?start_time=0&page[size]=7",
    )
    .await
    .json();
    assert_eq!(cbp["ticket_metric_events"].as_array().unwrap().len(), 7);
    assert_eq!(cbp["meta"]["has_more"], true);

    let (articles, _) = walk_time(
        &fake,
        "/api/v2/help_center/incremental/articles.json",
        "articles",
    )
    .await;
    let unique: BTreeSet<i64> = articles.into_iter().collect();
    assert_eq!(unique.into_iter().collect::<Vec<_>>(), expected.articles);
    let page = fetch(
        &fake,
        "/api/v2/help_center/incremental/articles.json?start_time=0",
    )
    .await
    .json();
    let locales: BTreeSet<&str> = page["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["locale"].as_str().unwrap())
        .collect();
    assert_eq!(locales, BTreeSet::from(["en-us", "ko", "ru"]));
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_rate_limits() {
    let fake = FakeZendesk::start(FakeConfig {
        account_limit: 3,
        window: Duration::from_millis(1_500),
        retry_after_secs: 2,
        ..small()
    })
    .await;
    for remaining in ["2", "1", "0"] {
        let resp = fetch(&fake, "/api/v2/groups.json").await;
        assert_eq!(resp.status, 200);
        assert_eq!(resp.header("x-rate-limit"), Some("3"));
        assert_eq!(resp.header("x-rate-limit-remaining"), Some(remaining));
    }
    let limited = fetch(&fake, "/api/v2/groups.json").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("2"));
    assert_eq!(limited.json()["error"], "TooManyRequests");
    let stats = fake.stats();
    assert_eq!(
        (
            stats.rejected_429,
            stats.max_account_in_window,
            stats.requests
        ),
        (1, 3, 4)
    );
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    assert_eq!(fetch(&fake, "/api/v2/groups.json").await.status, 200);
    assert_eq!(fake.stats().max_account_in_window, 3);
    fake.stop().await;

    // The Incremental Exports' bucket is separate and smaller.
    let fake = FakeZendesk::start(FakeConfig {
        incremental_limit: 2,
        ..small()
    })
    .await;
    let export = "/api/v2/incremental/tickets/cursor.json?start_time=0";
    assert_eq!(fetch(&fake, export).await.status, 200);
    assert_eq!(
        fetch(&fake, "/api/v2/incremental/organizations.json?start_time=0")
            .await
            .status,
        200
    );
    assert_eq!(fetch(&fake, export).await.status, 429);
    assert_eq!(fetch(&fake, "/api/v2/groups.json").await.status, 200);
    let stats = fake.stats();
    assert_eq!(
        (stats.max_incremental_in_window, stats.max_account_in_window),
        (2, 3)
    );
    assert_eq!(
        stats.by_path.get("/api/v2/incremental/tickets/cursor.json"),
        Some(&2)
    );
    fake.reset_stats();
    assert_eq!(fake.stats().requests, 0);
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_metric_events_and_articles_count_only_account_wide() {
    let fake = FakeZendesk::start(FakeConfig {
        incremental_limit: 1,
        ..small()
    })
    .await;
    let export = "/api/v2/incremental/users/cursor.json?start_time=0";
    assert_eq!(fetch(&fake, export).await.status, 200);
    for path in [
        "/api/v2/incremental/ticket_metric_events.json?start_time=0",
        "/api/v2/help_center/incremental/articles.json?start_time=0",
        "/api/v2/incremental/ticket_metric_events?start_time=0",
    ] {
        assert_eq!(
            fetch(&fake, path).await.status,
            200,
            "{path} is not an Incremental Exports endpoint"
        );
    }
    assert_eq!(fetch(&fake, export).await.status, 429);
    let stats = fake.stats();
    assert_eq!(
        (stats.account_requests, stats.incremental_requests),
        (4, 1),
        "accepted requests per bucket"
    );
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_retry_after_and_date_can_be_chosen() {
    let fake = FakeZendesk::start(small()).await;
    fake.set_faults(Faults {
        rate_limit_every: Some(1),
        retry_after: Some("1e20".into()),
        ..Faults::default()
    });
    let resp = fetch(&fake, "/api/v2/groups.json").await;
    assert_eq!(resp.status, 429);
    assert_eq!(resp.header("retry-after"), Some("1e20"));
    assert_eq!(
        resp.header("date"),
        Some(crate::http_date(fake.clock()).as_str()),
        "the server's Date is the fake's logical clock"
    );
    assert_eq!(
        crate::http_date(crate::BASE),
        "Thu, 01 Jan 2026 00:00:00 GMT"
    );
    assert_eq!(crate::http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");

    // A rating dated in 2099 is served as such.
    fake.set_faults(Faults::default());
    let rated = fake.expected().ratings[0].1;
    let in_2099 = 4_070_908_800;
    fake.stamp_rating(rated, in_2099);
    let page = fetch(
        &fake,
        &format!(
            "/api/v2/satisfaction_ratings.json?start_time={}",
            in_2099 - 1
        ),
    )
    .await
    .json();
    let ratings = page["satisfaction_ratings"].as_array().unwrap();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0]["ticket_id"], rated);
    assert_eq!(ratings[0]["updated_at"], "2099-01-01T00:00:00Z");
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_delivery_faults() {
    let fake = FakeZendesk::start(small()).await;
    let path = "/api/v2/incremental/tickets/cursor.json?start_time=0";

    fake.set_faults(Faults {
        server_error_every: Some(2),
        ..Faults::default()
    });
    let statuses: Vec<u16> = [
        fetch(&fake, path).await,
        fetch(&fake, path).await,
        fetch(&fake, path).await,
        fetch(&fake, path).await,
    ]
    .iter()
    .map(|r| r.status)
    .collect();
    assert_eq!(statuses, vec![200, 500, 200, 503]);

    fake.set_faults(Faults {
        timeout_every: Some(1),
        slow: Duration::from_millis(300),
        ..Faults::default()
    });
    let started = Instant::now();
    let slow = fetch(&fake, path).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(slow.status, 200);
    slow.json();

    fake.set_faults(Faults {
        cut_every: Some(1),
        ..Faults::default()
    });
    let cut = fetch(&fake, path).await;
    assert_eq!(cut.status, 200);
    assert!(!cut.complete, "the body never ends");
    assert!(!cut.body.is_empty());
    assert!(serde_json::from_slice::<Value>(&cut.body).is_err());

    fake.set_faults(Faults {
        truncate_every: Some(1),
        ..Faults::default()
    });
    let truncated = fetch(&fake, path).await;
    assert_eq!(truncated.status, 200);
    assert!(truncated.complete, "valid HTTP");
    assert!(
        serde_json::from_slice::<Value>(&truncated.body).is_err(),
        "invalid JSON"
    );

    let before = fake.stats();
    fake.set_faults(Faults {
        rate_limit_every: Some(2),
        ..Faults::default()
    });
    assert_eq!(fetch(&fake, path).await.status, 200);
    let limited = fetch(&fake, path).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("1"));
    assert_eq!(fake.stats().rejected_429, before.rejected_429 + 1);

    fake.set_faults(Faults::default());
    let clean = fetch(&fake, path).await;
    assert_eq!(clean.status, 200);
    clean.json();
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_shape_faults() {
    let fake = FakeZendesk::start(small()).await;
    let path =
        "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=10&include=metric_sets";

    fake.set_faults(Faults {
        unknown_fields: true,
        ..Faults::default()
    });
    let body = fetch(&fake, path).await.json();
    assert!(body.get("x_fake_future_field").is_some());
    assert!(body["tickets"][0].get("x_fake_future_field").is_some());
    let groups = fetch(&fake, "/api/v2/groups.json?page[size]=5")
        .await
        .json();
    assert!(groups["groups"][0].get("x_fake_flag").is_some());
    assert!(groups["meta"].get("x_fake_flag").is_some());

    fake.set_faults(Faults {
        nulls: true,
        ..Faults::default()
    });
    let body = fetch(&fake, path).await.json();
    for t in body["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["status"] != "deleted")
    {
        assert!(t["priority"].is_null() && t["group_id"].is_null() && t["assignee_id"].is_null());
        assert!(t["custom_fields"][0]["value"].is_null());
        let ms = t.get("metric_set").or_else(|| {
            body["metric_sets"]
                .as_array()
                .and_then(|s| s.iter().find(|m| m["ticket_id"] == t["id"]))
        });
        assert!(ms.unwrap()["reply_time_in_minutes"]["calendar"].is_null());
    }
    let expected = fake.expected();
    assert!(
        expected.tickets.iter().any(|t| t.priority.is_some()),
        "Expected keeps the true data"
    );
    assert!(expected
        .with_nulls()
        .tickets
        .iter()
        .all(|t| t.priority.is_none()));

    fake.set_faults(Faults {
        malformed_every: Some(3),
        ..Faults::default()
    });
    let body = fetch(&fake, path).await.json();
    let tickets = body["tickets"].as_array().unwrap();
    let bad: Vec<i64> = tickets
        .iter()
        .filter(|t| {
            !t["status"].is_string() || parse_iso(t["created_at"].as_str().unwrap_or("")).is_none()
        })
        .map(|t| {
            t["id"]
                .as_i64()
                .expect("malformed tickets keep a numeric id")
        })
        .collect();
    let positions: Vec<i64> = [2, 5, 8]
        .iter()
        .map(|&i| tickets[i]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(bad, positions);
    let mut sorted = bad.clone();
    sorted.sort_unstable();
    assert_eq!(fake.stats().malformed_ids, sorted);
    fake.stop().await;
}

#[tokio::test]
async fn fake_zendesk_forbidden_streams() {
    let fake = FakeZendesk::start(FakeConfig {
        forbidden: vec![
            "satisfaction_ratings".into(),
            "ticket_metric_events".into(),
            "articles".into(),
        ],
        ..small()
    })
    .await;
    for path in [
        "/api/v2/satisfaction_ratings.json?page[size]=10",
        "/api/v2/incremental/ticket_metric_events.json?start_time=0",
        "/api/v2/help_center/incremental/articles.json?start_time=0",
    ] {
        let resp = fetch(&fake, path).await;
        assert_eq!(resp.status, 403, "{path}");
        assert_eq!(resp.json()["error"], "Forbidden");
        assert_eq!(
            resp.json()["description"],
            "You do not have access to this page."
        );
    }
    assert_eq!(
        fetch(
            &fake,
            "/api/v2/incremental/tickets/cursor.json?start_time=0"
        )
        .await
        .status,
        200
    );
    fake.stop().await;

    // A non-admin token: every incremental export and ratings are 403; articles are fine.
    let fake = FakeZendesk::start(FakeConfig {
        admin: false,
        ..small()
    })
    .await;
    let me = fetch(&fake, "/api/v2/users/me.json").await.json();
    assert_eq!(me["user"]["role"], "agent");
    for path in [
        "/api/v2/incremental/tickets/cursor.json?start_time=0",
        "/api/v2/incremental/users/cursor.json?start_time=0",
        "/api/v2/incremental/organizations.json?start_time=0",
        "/api/v2/incremental/ticket_metric_events.json?start_time=0",
        "/api/v2/satisfaction_ratings.json",
    ] {
        assert_eq!(fetch(&fake, path).await.status, 403, "{path}");
    }
    assert_eq!(
        fetch(
            &fake,
            "/api/v2/help_center/incremental/articles.json?start_time=0"
        )
        .await
        .status,
        200
    );
    assert_eq!(fetch(&fake, "/api/v2/groups.json").await.status, 200);
    fake.stop().await;
}
