//! Sync against the fake Zendesk (`tests/fake-zendesk`) on 127.0.0.1: what a sync stores
//! is compared with what the fake says a correct sync must hold.

mod cli;
mod engine;
mod history;
mod pacing;
mod schedules;

use std::path::Path;
use std::time::Duration;

use fake_zendesk::{Expected, ExpectedTicket, FakeConfig, FakeZendesk};
use tokio_util::sync::CancellationToken;

use deskbench::sources::zendesk::{BaseUrl, Client, ClientOptions, Credentials};
use deskbench::store::records::{NewSource, SourceKind};
use deskbench::store::Store;
use deskbench::sync::{self, PlanOptions, SyncError, SyncEvent, SyncOptions, SyncSummary};

/// A fake with small pages, so every stream pages several times.
pub fn small_fake() -> FakeConfig {
    FakeConfig {
        tickets: 600,
        users: 150,
        organizations: 40,
        page_size: 50,
        ..FakeConfig::default()
    }
}

/// Client options for tests: fast retries and no pacing beyond what the fake asks.
/// `deskbench source add` arguments for the fake at `url`, its token in `token_var`, and no
/// pacing worth the name.
pub fn add_fake_args<'a>(url: &'a str, token_var: &'a str) -> [&'a str; 13] {
    [
        "source",
        "add",
        "zendesk",
        "--name",
        "fake",
        "--url",
        url,
        "--email",
        "admin@example.com",
        "--token-env",
        token_var,
        "--incremental-limit",
        "100000",
    ]
}

pub fn fast_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        backoff_base: Duration::from_millis(20),
        backoff_cap: Duration::from_millis(200),
        incremental_limit: 1_000_000,
        account_limit: 1_000_000,
        ..ClientOptions::default()
    }
}

pub fn client(fake: &FakeZendesk, options: ClientOptions) -> Client {
    let credentials = Credentials::ApiToken {
        email: "admin@example.com".into(),
        token: "secret-token".into(),
    };
    Client::new(BaseUrl::parse(&fake.url()).unwrap(), &credentials, options).unwrap()
}

/// A workspace database in `dir` with one Zendesk source pointing at the fake.
pub fn store_with_source(dir: &Path, fake: &FakeZendesk) -> (Store, i64) {
    let mut store = Store::open(dir).unwrap();
    let w = store.write().unwrap();
    let id = w
        .add_source(&NewSource {
            kind: SourceKind::Zendesk,
            name: "fake".into(),
            base_url: Some(fake.url()),
            time_zone: None,
            created_at: 0,
        })
        .unwrap();
    w.commit().unwrap();
    (store, id)
}

pub async fn sync_once(
    store: &mut Store,
    source: i64,
    client: &Client,
) -> Result<SyncSummary, SyncError> {
    sync_with(
        store,
        source,
        client,
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
}

pub async fn sync_with(
    store: &mut Store,
    source: i64,
    client: &Client,
    cancel: &CancellationToken,
    on_event: &mut (dyn FnMut(SyncEvent) + Send),
) -> Result<SyncSummary, SyncError> {
    let options = SyncOptions {
        plan: PlanOptions::default(),
        clock: deskbench::now,
    };
    sync::run(store, source, client, &options, cancel, on_event).await
}

/// What the workspace database holds, in the fake's terms.
pub fn stored(db: &Path) -> Expected {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ids = |sql: &str| -> Vec<i64> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut stmt = conn
        .prepare(
            "SELECT id, status, updated_at, priority, group_id, assignee_id, reply_time_calendar,
                full_resolution_time_calendar, replies, reopens,
                (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM ticket_tags g
                    WHERE g.source_id = t.source_id AND g.ticket_id = t.id ORDER BY tag))
             FROM tickets t ORDER BY id",
        )
        .unwrap();
    let tickets = stmt
        .query_map([], |r| {
            let tags: Option<String> = r.get(10)?;
            Ok(ExpectedTicket {
                id: r.get(0)?,
                status: r.get(1)?,
                updated_at: r.get::<_, Option<i64>>(2)?.unwrap_or_default(),
                priority: r.get(3)?,
                group_id: r.get(4)?,
                assignee_id: r.get(5)?,
                tags: tags
                    .map(|t| t.split(' ').map(str::to_owned).collect())
                    .unwrap_or_default(),
                reply_time_calendar: r.get::<_, Option<f64>>(6)?.map(|v| v as i64),
                full_resolution_time_calendar: r.get::<_, Option<f64>>(7)?.map(|v| v as i64),
                replies: r.get(8)?,
                reopens: r.get(9)?,
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut stmt = conn
        .prepare("SELECT id, ticket_id, score FROM satisfaction_ratings ORDER BY id")
        .unwrap();
    let ratings = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let time_zone: String = conn
        .query_row(
            "SELECT coalesce(max(time_zone), '') FROM sources",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT event_id, ticket_id, field FROM ticket_events")
        .unwrap();
    let mut history: Vec<(i64, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    history.sort_unstable();
    let mut stmt = conn
        .prepare("SELECT comment_id, ticket_id, author_id FROM public_comments")
        .unwrap();
    let mut public_comments: Vec<(i64, i64, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    public_comments.sort_unstable();
    Expected {
        tickets,
        users: ids("SELECT id FROM users ORDER BY id"),
        organizations: ids("SELECT id FROM organizations ORDER BY id"),
        groups: ids("SELECT id FROM groups ORDER BY id"),
        brands: ids("SELECT id FROM brands ORDER BY id"),
        ticket_fields: ids("SELECT id FROM ticket_fields ORDER BY id"),
        ratings,
        metric_events: ids("SELECT id FROM sla_events ORDER BY id"),
        articles: ids("SELECT id FROM articles ORDER BY id"),
        history,
        public_comments,
        time_zone,
    }
}

/// Asserts the store holds exactly what the fake expects, naming the first difference.
pub fn assert_same(actual: &Expected, expected: &Expected, context: &str) {
    assert_eq!(
        actual.tickets.len(),
        expected.tickets.len(),
        "{context}: ticket count"
    );
    for (a, e) in actual.tickets.iter().zip(&expected.tickets) {
        assert_eq!(a, e, "{context}: ticket {}", e.id);
    }
    let ids = [
        ("users", &actual.users, &expected.users),
        (
            "organizations",
            &actual.organizations,
            &expected.organizations,
        ),
        ("groups", &actual.groups, &expected.groups),
        ("brands", &actual.brands, &expected.brands),
        (
            "ticket fields",
            &actual.ticket_fields,
            &expected.ticket_fields,
        ),
        (
            "metric events",
            &actual.metric_events,
            &expected.metric_events,
        ),
        ("articles", &actual.articles, &expected.articles),
    ];
    for (what, a, e) in ids {
        let extra: Vec<&i64> = a.iter().filter(|id| !e.contains(id)).take(5).collect();
        let missing: Vec<&i64> = e.iter().filter(|id| !a.contains(id)).take(5).collect();
        assert!(
            extra.is_empty() && missing.is_empty(),
            "{context}: {what}: extra {extra:?}, missing {missing:?}"
        );
    }
    let extra: Vec<_> = actual
        .ratings
        .iter()
        .filter(|r| !expected.ratings.contains(r))
        .take(5)
        .collect();
    let missing: Vec<_> = expected
        .ratings
        .iter()
        .filter(|r| !actual.ratings.contains(r))
        .take(5)
        .collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "{context}: ratings: extra {extra:?}, missing {missing:?}"
    );
    let extra: Vec<_> = actual
        .history
        .iter()
        .filter(|h| expected.history.binary_search(h).is_err())
        .take(5)
        .collect();
    let missing: Vec<_> = expected
        .history
        .iter()
        .filter(|h| actual.history.binary_search(h).is_err())
        .take(5)
        .collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "{context}: status history: extra {extra:?}, missing {missing:?}"
    );
    let extra: Vec<_> = (actual.public_comments.iter())
        .filter(|c| expected.public_comments.binary_search(c).is_err())
        .take(5)
        .collect();
    let missing: Vec<_> = (expected.public_comments.iter())
        .filter(|c| actual.public_comments.binary_search(c).is_err())
        .take(5)
        .collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "{context}: public comments: extra {extra:?}, missing {missing:?}"
    );
    assert_eq!(actual.time_zone, expected.time_zone, "{context}: time zone");
}

/// Runs `sync` again and again, each time killed (SIGKILL, no chance to clean up) after a
/// pause drawn from a fixed sequence seeded by `seed` (`first_ms` plus up to `spread_ms`),
/// until it has been killed `kills` times; after every run the database at `db` must pass
/// its integrity check, and `between` is told the kills so far (to change the account
/// while syncs keep dying).
pub async fn kill_repeatedly(
    kills: usize,
    (seed, first_ms, spread_ms): (u64, u64, u64),
    sync: impl Fn() -> tokio::process::Command,
    db: &Path,
    mut between: impl FnMut(usize),
) {
    let mut state = seed;
    let mut killed = 0;
    while killed < kills {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let after = Duration::from_millis(first_ms + (state >> 33) % spread_ms);
        let mut child = sync()
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        tokio::time::sleep(after).await;
        if child.try_wait().unwrap().is_none() {
            child.start_kill().unwrap();
            killed += 1;
        }
        child.wait().await.unwrap();
        integrity_ok(db);
        between(killed);
    }
}

pub fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}
