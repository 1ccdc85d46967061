//! The demo generator: deterministic, internally consistent, and shaped like a real
//! helpdesk. Reads the written database directly with rusqlite.

use std::collections::BTreeMap;
use std::path::Path;

use deskbench::demo::{self, DemoConfig, DemoError, DemoProgress, DemoSummary};
use deskbench::store::{Store, DATABASE_FILE};
use rstest::rstest;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

mod plausibility;
mod surveys;

/// 2025-06-30T12:00:00Z, a Monday.
pub(crate) const NOW: i64 = 1_751_284_800;
pub(crate) const DAY: i64 = 86_400;

pub(crate) fn config(seed: u64, tickets: usize) -> DemoConfig {
    DemoConfig {
        seed,
        tickets,
        months: 18,
        now: NOW,
    }
}

/// Generates into a fresh workspace folder and returns the summary and progress reports.
pub(crate) fn generate_in(dir: &Path, config: &DemoConfig) -> (DemoSummary, Vec<DemoProgress>) {
    let mut store = Store::open(dir).expect("a fresh temp folder opens as a workspace");
    let mut reports = Vec::new();
    let summary = demo::generate(&mut store, config, &mut |p| reports.push(p))
        .expect("generation into a fresh workspace succeeds");
    (summary, reports)
}

pub(crate) fn open(dir: &Path) -> Connection {
    Connection::open(dir.join(DATABASE_FILE)).expect("the workspace database opens")
}

/// Every table with its primary-key order, so a dump is canonical. The database's random
/// id is the one setting that differs by design between two identical demos.
const TABLES: [(&str, &str); 17] = [
    ("settings WHERE key <> 'database_id'", "key"),
    ("sources", "id"),
    ("tickets", "source_id, id"),
    ("ticket_tags", "source_id, ticket_id, tag"),
    ("ticket_fields", "source_id, id"),
    ("ticket_field_values", "source_id, ticket_id, field_id"),
    ("users", "source_id, id"),
    ("groups", "source_id, id"),
    ("organizations", "source_id, id"),
    ("brands", "source_id, id"),
    ("satisfaction_ratings", "source_id, id"),
    ("sla_events", "source_id, id"),
    ("comments", "source_id, id"),
    ("public_comments", "source_id, ticket_id, at, comment_id"),
    ("articles", "source_id, id"),
    ("sync_state", "source_id, stream"),
    ("sync_runs", "id"),
];

/// FNV-1a over every value of every row, with type tags so NULL, 0 and "" differ.
fn digest(conn: &Connection, table: &str, order: &str) -> (u64, usize) {
    // Table and column names come from the constant list above.
    let mut stmt = conn
        .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
        .expect("every table can be dumped");
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).expect("dump query runs");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut count = 0;
    while let Some(row) = rows.next().expect("dump rows read") {
        count += 1;
        for i in 0..columns {
            match row.get_ref(i).expect("column exists") {
                ValueRef::Null => feed(b"N"),
                ValueRef::Integer(v) => {
                    feed(b"I");
                    feed(&v.to_le_bytes());
                }
                ValueRef::Real(v) => {
                    feed(b"R");
                    feed(&v.to_bits().to_le_bytes());
                }
                ValueRef::Text(t) => {
                    feed(b"T");
                    feed(&(t.len() as u64).to_le_bytes());
                    feed(t);
                }
                ValueRef::Blob(b) => {
                    feed(b"B");
                    feed(&(b.len() as u64).to_le_bytes());
                    feed(b);
                }
            }
        }
    }
    (hash, count)
}

fn digests(dir: &Path) -> BTreeMap<&'static str, (u64, usize)> {
    let conn = open(dir);
    TABLES
        .iter()
        .map(|(t, o)| (*t, digest(&conn, t, o)))
        .collect()
}

#[test]
fn same_config_gives_identical_databases_and_another_seed_differs() {
    let (a, b, c) = (
        tempfile::tempdir(),
        tempfile::tempdir(),
        tempfile::tempdir(),
    );
    let (a, b, c) = (
        a.expect("temp dir"),
        b.expect("temp dir"),
        c.expect("temp dir"),
    );
    generate_in(a.path(), &config(7, 2_000));
    generate_in(b.path(), &config(7, 2_000));
    generate_in(c.path(), &config(8, 2_000));
    let (da, db, dc) = (digests(a.path()), digests(b.path()), digests(c.path()));
    for (table, digest) in &da {
        assert_eq!(
            Some(digest),
            db.get(table),
            "table {table} differs between two runs of one config"
        );
        assert!(digest.1 > 0, "table {table} is empty");
    }
    for table in ["tickets", "satisfaction_ratings", "sla_events", "users"] {
        assert_ne!(
            da[table].0, dc[table].0,
            "seed 8 gave the same {table} as seed 7"
        );
    }
}

#[test]
fn counts_match_the_config_and_the_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = config(11, 2_500);
    let (summary, reports) = generate_in(dir.path(), &cfg);
    let conn = open(dir.path());
    let count = |sql: &str| -> usize {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .expect("count query runs") as usize
    };
    assert_eq!(
        summary.tickets, cfg.tickets,
        "summary counts every ticket, tombstones included"
    );
    assert_eq!(
        count("SELECT count(*) FROM tickets"),
        cfg.tickets,
        "one row per configured ticket"
    );
    let deleted = count("SELECT count(*) FROM tickets WHERE status = 'deleted'");
    assert!(
        (1..=40).contains(&deleted),
        "about 0.5% tombstones, got {deleted}"
    );
    assert_eq!(
        count("SELECT max(id) FROM tickets"),
        cfg.tickets,
        "ticket ids run 1..=N"
    );
    assert_eq!(count("SELECT count(*) FROM users"), summary.users);
    assert_eq!(
        summary.users,
        40 + cfg.tickets / 6,
        "40 agents plus one end user per six tickets"
    );
    assert_eq!(
        count("SELECT count(*) FROM satisfaction_ratings"),
        summary.ratings
    );
    assert_eq!(count("SELECT count(*) FROM sla_events"), summary.sla_events);
    assert_eq!(count("SELECT count(*) FROM articles"), summary.articles);
    assert!(
        (36..=45).contains(&summary.articles),
        "about 40 articles, got {}",
        summary.articles
    );
    assert_eq!(count("SELECT count(*) FROM brands"), 3);
    assert_eq!(count("SELECT count(*) FROM groups"), 6);
    assert_eq!(
        count("SELECT count(*) FROM ticket_fields"),
        3,
        "Product area, Escalated and Contact reason"
    );
    assert!(
        count("SELECT count(*) FROM comments") >= 2_000,
        "newest 2,000 tickets carry comments"
    );
    assert_eq!(
        reports.last().map(|p| p.tickets_written),
        Some(cfg.tickets),
        "final progress is complete"
    );
    assert_eq!(
        count("SELECT count(*) FROM sync_runs WHERE outcome = 'succeeded'"),
        1
    );
    let (kind, tz): (String, String) = conn
        .query_row(
            "SELECT kind, time_zone FROM sources WHERE id = ?1",
            [summary.source_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the demo source exists");
    assert_eq!((kind.as_str(), tz.as_str()), ("demo", "UTC"));
    let seed: String = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'demo_seed'",
            [],
            |r| r.get(0),
        )
        .expect("demo_seed setting is written");
    assert_eq!(seed, "11");
}

#[rstest]
#[case::too_few(DemoConfig { tickets: 10, ..config(1, 0) }, "at least")]
#[case::no_months(DemoConfig { months: 0, ..config(1, 500) }, "months")]
#[case::clock_not_passed(DemoConfig { tickets: 500, ..DemoConfig::default() }, "now")]
fn bad_configs_are_refused_with_a_clear_message(#[case] cfg: DemoConfig, #[case] hint: &str) {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let err = demo::generate(&mut store, &cfg, &mut |_| {}).expect_err("config must be refused");
    assert!(
        err.to_string().contains(hint),
        "message {err} should mention {hint}"
    );
}

#[test]
fn a_second_demo_in_the_same_workspace_is_refused() {
    let mut store = Store::open_in_memory().expect("in-memory store");
    demo::generate(&mut store, &config(1, 200), &mut |_| {}).expect("first demo is written");
    let err =
        demo::generate(&mut store, &config(1, 200), &mut |_| {}).expect_err("second is refused");
    assert!(matches!(err, DemoError::AlreadyGenerated), "got {err}");
}
