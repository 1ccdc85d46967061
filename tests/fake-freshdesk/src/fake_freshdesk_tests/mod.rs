//! End-to-end tests of the fake over real sockets (`cargo test -p fake-freshdesk`).

use std::collections::BTreeSet;
use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::{Change, FakeConfig, FakeFreshdesk, Faults, Mutation, Plan, BASE};

const KEY: &str = "fake-api-key";

struct Answer {
    status: u16,
    headers: HeaderMap,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("{} is not JSON ({e}): {}", self.status, self.text))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `rel="next"` URL of the `Link` header.
    fn next(&self) -> Option<String> {
        let link = self.header("link")?;
        let url = link.strip_prefix('<')?.split_once(">; rel=\"next\"")?.0;
        Some(url.to_string())
    }
}

async fn get_with(url: &str, key: Option<&str>) -> Result<Answer, reqwest::Error> {
    let mut request = reqwest::Client::new().get(url);
    if let Some(key) = key {
        request = request.basic_auth(key, Some("X"));
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await?;
    Ok(Answer {
        status,
        headers,
        text,
    })
}

/// GET `/api/v2/{path}` with the right key.
async fn get(fake: &FakeFreshdesk, path: &str) -> Answer {
    get_with(&format!("{}/api/v2/{path}", fake.url()), Some(KEY))
        .await
        .expect("the fake answers")
}

fn ids(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v["id"].as_i64().expect("a numeric id"))
        .collect()
}

/// Every page from `path` on, following `Link`; the ids in order.
async fn walk(fake: &FakeFreshdesk, path: &str) -> (Vec<i64>, usize) {
    let mut answer = get(fake, path).await;
    let (mut all, mut pages) = (Vec::new(), 0);
    loop {
        assert_eq!(answer.status, 200, "{}", answer.text);
        all.extend(ids(&answer.json()));
        pages += 1;
        let Some(next) = answer.next() else {
            return (all, pages);
        };
        assert!(next.starts_with(&fake.url()), "{next} stays on the fake");
        answer = get_with(&next, Some(KEY)).await.expect("next page");
    }
}

const ALL: &str = "tickets?updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=asc";

#[tokio::test]
async fn a_wrong_or_missing_key_is_refused_as_freshdesk_does() {
    let fake = FakeFreshdesk::start(FakeConfig::default()).await;
    let url = format!("{}/api/v2/agents", fake.url());
    for key in [Some("wrong"), None] {
        let answer = get_with(&url, key).await.unwrap();
        assert_eq!(answer.status, 401);
        assert_eq!(answer.json()["code"], "invalid_credentials");
    }
    assert_eq!(
        get_with(&url, Some(KEY)).await.unwrap().status,
        200,
        "any password"
    );
}

#[tokio::test]
async fn the_tickets_list_pages_by_link_until_the_last_row() {
    let fake = FakeFreshdesk::start(FakeConfig::default()).await;
    let (listed, pages) = walk(&fake, &format!("{ALL}&per_page=100&include=stats")).await;
    let expected: Vec<i64> = {
        let mut live: Vec<_> = fake
            .tickets()
            .into_iter()
            .filter(|t| !t.spam && !t.deleted)
            .collect();
        live.sort_by_key(|t| (t.updated_at, t.id));
        live.iter().map(|t| t.id).collect()
    };
    assert_eq!(
        listed, expected,
        "every live ticket once, by updated_at ascending"
    );
    assert_eq!(pages, expected.len().div_ceil(100));

    // Exactly one full page: no Link, since no further row exists.
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 95,
        ..FakeConfig::default()
    })
    .await;
    let n = fake
        .tickets()
        .iter()
        .filter(|t| !t.spam && !t.deleted)
        .count();
    let first = get(&fake, &format!("{ALL}&per_page={n}")).await;
    assert_eq!(ids(&first.json()).len(), n);
    assert_eq!(first.next(), None);
    let short = get(&fake, &format!("{ALL}&per_page={}", n - 1)).await;
    assert!(short.next().is_some_and(|l| l.contains("page=2")));
    let default = get(&fake, ALL).await;
    assert_eq!(ids(&default.json()).len(), 30, "30 per page by default");
}

#[tokio::test]
async fn updated_since_includes_its_own_second() {
    let fake = FakeFreshdesk::start(FakeConfig::default()).await;
    let t = fake
        .tickets()
        .into_iter()
        .find(|t| !t.spam && !t.deleted)
        .unwrap();
    let since = crate::iso(t.updated_at);
    let path =
        format!("tickets?updated_since={since}&order_by=updated_at&order_type=asc&per_page=1");
    let first = get(&fake, &path).await.json();
    assert_eq!(
        first[0]["updated_at"],
        since.as_str(),
        "updated_at >= value"
    );
    let later = crate::iso(t.updated_at + 1);
    let path = format!("tickets?updated_since={later}&per_page=100");
    let (after, _) = walk(&fake, &path).await;
    assert!(!after.contains(&t.id));
}

#[tokio::test]
async fn page_301_gets_the_exact_400_and_page_300_does_not() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 20,
        ..FakeConfig::default()
    })
    .await;
    let answer = get(&fake, &format!("{ALL}&per_page=1&page=301")).await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.text,
        r#"{"description":"Validation failed","errors":[{"field":"page","message":"You cannot access tickets beyond the 300th page. Please provide a smaller page number.","code":"invalid_value"}]}"#
    );
    let answer = get(&fake, &format!("{ALL}&per_page=1&page=300")).await;
    assert_eq!((answer.status, answer.text.as_str()), (200, "[]"));
    assert_eq!(
        get(&fake, &format!("{ALL}&per_page=101")).await.status,
        400,
        "per_page ≤ 100"
    );
}

#[tokio::test]
async fn the_page_ceiling_is_reached_with_a_link_to_page_301() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 400,
        ..FakeConfig::default()
    })
    .await;
    let answer = get(&fake, &format!("{ALL}&per_page=1&page=300")).await;
    assert_eq!(ids(&answer.json()).len(), 1);
    assert!(
        answer.next().is_some_and(|l| l.contains("page=301")),
        "the server reads one row more and links on; the next page is refused"
    );
}

#[tokio::test]
async fn spam_deleted_and_the_default_window_select_as_freshdesk_does() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 3_000,
        ..FakeConfig::default()
    })
    .await;
    let tickets = fake.tickets();
    let select = |f: fn(&crate::ExpectedTicket) -> bool| -> BTreeSet<i64> {
        tickets.iter().filter(|t| f(t)).map(|t| t.id).collect()
    };
    let (spam, _) = walk(&fake, "tickets?filter=spam&per_page=100").await;
    assert_eq!(
        spam.into_iter().collect::<BTreeSet<_>>(),
        select(|t| t.spam && !t.deleted)
    );
    let (deleted, _) = walk(&fake, "tickets?filter=deleted&per_page=100").await;
    let deleted: BTreeSet<i64> = deleted.into_iter().collect();
    assert!(!deleted.is_empty());
    assert_eq!(deleted, select(|t| t.deleted));
    let one = get(&fake, "tickets?filter=deleted&per_page=1").await.json();
    assert_eq!(one[0]["deleted"], true);

    let (recent, _) = walk(&fake, "tickets?per_page=100").await;
    let all = get(&fake, &format!("{ALL}&per_page=100&include=stats"))
        .await
        .json();
    let window_start = BASE - 30 * 86_400;
    assert!(
        !recent.is_empty() && recent.len() < tickets.len() / 6,
        "only the last 30 days"
    );
    let (_, pages) = walk(&fake, "tickets?per_page=100").await;
    assert!(pages >= 1);
    for t in all.as_array().unwrap() {
        let created = crate::parse_iso(t["created_at"].as_str().unwrap()).unwrap();
        assert_eq!(
            recent.contains(&t["id"].as_i64().unwrap()),
            created > window_start
        );
    }
    assert_eq!(get(&fake, "tickets?filter=watching").await.status, 400);
}

#[tokio::test]
async fn a_ticket_has_its_stats_and_conversations_agree_with_them() {
    let fake = FakeFreshdesk::start(FakeConfig::default()).await;
    let page = get(
        &fake,
        &format!("{ALL}&per_page=100&include=stats,requester,description"),
    )
    .await;
    assert_eq!(
        page.header("x-ratelimit-used-currentrequest"),
        Some("7"),
        "1 + 2 per include"
    );
    let tickets = page.json();
    let with_reply = tickets
        .as_array()
        .unwrap()
        .iter()
        .find(|t| !t["stats"]["first_responded_at"].is_null() && t["status"] == 5)
        .expect("a closed ticket with a reply");
    for key in ["resolved_at", "closed_at", "status_updated_at"] {
        assert!(with_reply["stats"][key].is_string(), "{key}: {with_reply}");
    }
    assert!(with_reply["requester"]["email"].is_string());
    assert!(with_reply["description_text"].is_string());
    let id = with_reply["id"].as_i64().unwrap();
    let conversations = get(&fake, &format!("tickets/{id}/conversations?per_page=1")).await;
    let first = &conversations.json()[0];
    assert_eq!(
        (&first["incoming"], &first["private"], &first["created_at"]),
        (
            &Value::Bool(false),
            &Value::Bool(false),
            &with_reply["stats"]["first_responded_at"]
        ),
        "the first public agent reply is the first response"
    );
    assert_eq!(get(&fake, "tickets/999999/conversations").await.status, 404);
    let custom = get(&fake, "ticket_fields").await.json();
    let status = custom
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "status")
        .unwrap();
    assert_eq!(status["choices"]["6"][0], "Waiting on Third Party");
}

#[tokio::test]
async fn the_other_streams_have_their_shapes_and_filters() {
    let fake = FakeFreshdesk::start(FakeConfig::default()).await;
    let list = get(&fake, "business_hours").await.json();
    assert_eq!(list[0]["time_zone"], "Eastern Time (US & Canada)");
    assert!(
        list[0].get("holiday_list").is_none(),
        "only the single GET has holidays"
    );
    let id = list[1]["id"].as_i64().unwrap();
    let one = get(&fake, &format!("business_hours/{id}")).await.json();
    assert_eq!(
        (&one["time_zone"], &one["is_default"]),
        (&Value::from("Seoul"), &Value::Bool(false))
    );
    assert_eq!(one["holiday_list"][0][0], "Jan 01");
    let groups = get(&fake, "groups").await.json();
    assert!(groups[0]["business_hour_id"].is_i64() && groups[3]["business_hour_id"].is_null());

    let (all_contacts, _) = walk(&fake, "contacts?per_page=100").await;
    let (recent, _) = walk(
        &fake,
        "contacts?_updated_since=2025-06-01T00:00:00Z&per_page=100",
    )
    .await;
    assert!(recent.len() < all_contacts.len() && !recent.is_empty());

    let (all_ratings, _) = walk(
        &fake,
        "surveys/satisfaction_ratings?created_since=2000-01-01&per_page=100",
    )
    .await;
    let (last_month, _) = walk(&fake, "surveys/satisfaction_ratings?per_page=100").await;
    assert!(
        last_month.len() < all_ratings.len(),
        "without created_since, the last month only"
    );
    let ratings = get(
        &fake,
        "surveys/satisfaction_ratings?created_since=2000-01-01&per_page=100",
    )
    .await
    .json();
    let values: BTreeSet<i64> = ratings
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ratings"]["default_question"].as_i64().unwrap())
        .collect();
    assert!(
        values.contains(&102) && values.contains(&-101),
        "seven-point values: {values:?}"
    );

    let categories = get(&fake, "solutions/categories").await.json();
    let c = categories[0]["id"].as_i64().unwrap();
    let folders = get(&fake, &format!("solutions/categories/{c}/folders"))
        .await
        .json();
    let f = folders[0]["id"].as_i64().unwrap();
    let articles = get(&fake, &format!("solutions/folders/{f}/articles"))
        .await
        .json();
    assert_eq!(articles.as_array().unwrap().len(), 3);
    assert_eq!(get(&fake, "solutions/folders/1/articles").await.status, 404);
    for path in ["companies", "agents", "products", "sla_policies", "surveys"] {
        assert!(
            !get(&fake, path).await.json().as_array().unwrap().is_empty(),
            "{path}"
        );
    }
}

#[tokio::test]
async fn classic_ratings_can_come_in_their_stored_encoding() {
    let config = FakeConfig {
        classic_stored_values: true,
        ..FakeConfig::default()
    };
    let fake = FakeFreshdesk::start(config).await;
    let classic = crate::dataset::ids::SURVEY + 1;
    let ratings = get(
        &fake,
        "surveys/satisfaction_ratings?created_since=2000-01-01&per_page=100",
    )
    .await
    .json();
    let values: BTreeSet<i64> = ratings
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["survey_id"] == classic)
        .map(|r| r["ratings"]["default_question"].as_i64().unwrap())
        .collect();
    assert_eq!(values, BTreeSet::from([1, 2, 3]));
}

#[tokio::test]
async fn the_tickets_list_has_its_own_limit_and_credits_count_per_include() {
    let config = FakeConfig::default().with_plan(Plan::Growth, Duration::from_secs(60));
    let fake = FakeFreshdesk::start(config).await;
    for _ in 0..20 {
        let answer = get(&fake, &format!("{ALL}&include=stats")).await;
        assert_eq!(answer.status, 200);
    }
    let answer = get(&fake, &format!("{ALL}&include=stats")).await;
    assert_eq!(answer.status, 429, "Growth: 20 list requests a minute");
    let wait: u64 = answer.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    let agents = get(&fake, "agents").await;
    assert_eq!(agents.status, 200, "other endpoints still answer");
    assert_eq!(agents.header("x-ratelimit-total"), Some("200"));
    assert_eq!(
        agents.header("x-ratelimit-remaining"),
        Some("139"),
        "200 − 20×3 − 1"
    );
    let stats = fake.stats();
    assert_eq!(
        (
            stats.credits,
            stats.tickets_list_requests,
            stats.rejected_429
        ),
        (61, 20, 1)
    );
    let log = fake.log();
    assert_eq!(log.len(), 22);
    assert_eq!((log[0].status, log[0].credits), (200, 3));
    assert_eq!((log[20].status, log[20].credits), (429, 0));
    assert!(log[0].query.contains("include=stats"));
}

#[tokio::test]
async fn the_account_limit_answers_429_with_its_headers_or_the_legacy_hourly_body() {
    let config = FakeConfig {
        account_limit: 3,
        ..FakeConfig::default()
    };
    let fake = FakeFreshdesk::start(config).await;
    for _ in 0..3 {
        assert_eq!(get(&fake, "groups").await.status, 200);
    }
    let answer = get(&fake, "groups").await;
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("x-ratelimit-remaining"), Some("0"));

    let hourly = FakeConfig {
        account_limit: 1,
        hourly: true,
        window: Duration::from_secs(3_600),
        ..FakeConfig::default()
    };
    let fake = FakeFreshdesk::start(hourly).await;
    get(&fake, "groups").await;
    let answer = get(&fake, "groups").await;
    assert_eq!(answer.status, 429);
    assert_eq!(
        answer.json()["message"],
        "You have exceeded the limit of requests per hour"
    );
    assert!(
        answer.header("x-ratelimit-total").is_none(),
        "no rate headers on the legacy 429"
    );
    let wait: u64 = answer.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 3_000, "the rest of the hour: {wait}");
}

#[tokio::test]
async fn each_fault_comes_on_demand() {
    let fake = FakeFreshdesk::start(FakeConfig::default()).await;
    fake.set_faults(Faults {
        server_error_every: Some(1),
        ..Faults::default()
    });
    assert_eq!(get(&fake, "agents").await.status, 500);
    let proxy = get(&fake, "agents").await;
    assert_eq!(proxy.status, 503);
    assert!(proxy.text.starts_with("<html>"));

    fake.set_faults(Faults {
        rate_limit_burst: Some(2..4),
        retry_after: Some("7".into()),
        ..Faults::default()
    });
    let statuses: Vec<u16> = [
        get(&fake, "agents").await,
        get(&fake, "agents").await,
        get(&fake, "agents").await,
        get(&fake, "agents").await,
    ]
    .iter()
    .map(|a| a.status)
    .collect();
    assert_eq!(statuses, [200, 429, 429, 200]);

    fake.set_faults(Faults {
        access_denied_every: Some(2),
        ..Faults::default()
    });
    assert_eq!(get(&fake, "agents").await.status, 200);
    let denied = get(&fake, "agents").await;
    assert_eq!(
        (denied.status, denied.json()["code"].as_str()),
        (403, Some("access_denied"))
    );
    assert_eq!(get(&fake, "agents").await.status, 200, "a retry succeeds");

    fake.set_faults(Faults {
        require_feature: vec!["surveys".into(), "satisfaction_ratings".into()],
        ..Faults::default()
    });
    let gated = get(&fake, "surveys/satisfaction_ratings").await;
    assert_eq!(
        (gated.status, gated.json()["code"].as_str()),
        (403, Some("require_feature"))
    );
    assert_eq!(get(&fake, "surveys").await.status, 403);
    assert_eq!(get(&fake, "agents").await.status, 200);

    fake.set_faults(Faults {
        truncate_every: Some(1),
        ..Faults::default()
    });
    let truncated = get(&fake, "agents").await;
    assert_eq!(truncated.status, 200);
    assert!(
        serde_json::from_str::<Value>(&truncated.text).is_err(),
        "half a JSON body"
    );

    fake.set_faults(Faults {
        cut_every: Some(1),
        ..Faults::default()
    });
    let cut = get_with(&format!("{}/api/v2/agents", fake.url()), Some(KEY)).await;
    assert!(cut.is_err(), "the connection drops mid-body");

    fake.set_faults(Faults {
        timeout_every: Some(1),
        slow: Duration::from_millis(300),
        ..Faults::default()
    });
    let slow = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let timed_out = slow
        .get(format!("{}/api/v2/agents", fake.url()))
        .basic_auth(KEY, Some("X"))
        .send()
        .await;
    assert!(timed_out.is_err_and(|e| e.is_timeout()));
}

#[tokio::test]
async fn a_ticket_updated_between_pages_moves_to_the_end_of_the_list() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 60,
        ..FakeConfig::default()
    })
    .await;
    let first = get(&fake, &format!("{ALL}&per_page=10")).await.json();
    let moved = ids(&first)[0];
    let gone = ids(&first)[1];
    fake.reset_stats();
    fake.set_faults(Faults {
        mutations: vec![
            Mutation {
                after_page: 1,
                change: Change::Update(vec![moved]),
            },
            Mutation {
                after_page: 2,
                change: Change::Delete(vec![gone]),
            },
            Mutation {
                after_page: 2,
                change: Change::Spam(vec![moved]),
            },
        ],
        ..Faults::default()
    });
    let before = fake.clock();
    get(&fake, &format!("{ALL}&per_page=10")).await;
    let after_one = get(&fake, &format!("{ALL}&per_page=100")).await.json();
    let listed = ids(&after_one);
    assert_eq!(
        listed.last(),
        Some(&moved),
        "its updated_at is now the newest"
    );
    assert_eq!(
        after_one[listed.len() - 1]["updated_at"],
        crate::iso(before + 60)
    );
    assert!(!listed[..listed.len() - 1].contains(&moved));
    let after_two = ids(&get(&fake, &format!("{ALL}&per_page=100")).await.json());
    assert!(!after_two.contains(&gone) && !after_two.contains(&moved));
    let deleted = ids(&get(&fake, "tickets?filter=deleted").await.json());
    assert!(deleted.contains(&gone));
    let spam = ids(&get(&fake, "tickets?filter=spam").await.json());
    assert!(spam.contains(&moved));
}

#[tokio::test]
async fn the_dataset_is_deterministic_and_scales_to_fifty_thousand_tickets() {
    let a = FakeFreshdesk::start(FakeConfig {
        tickets: 50_000,
        ..FakeConfig::default()
    })
    .await;
    let b = FakeFreshdesk::start(FakeConfig {
        tickets: 50_000,
        ..FakeConfig::default()
    })
    .await;
    assert_eq!(a.tickets(), b.tickets());
    let tickets = a.tickets();
    assert!(tickets.iter().all(|t| t.updated_at < BASE));
    assert!(tickets.iter().any(|t| t.status == 6), "a custom status");
    let page = get(&a, &format!("{ALL}&per_page=100&page=300&include=stats")).await;
    assert_eq!(ids(&page.json()).len(), 100);
}
