//! `deskbench source add` and `deskbench sync` as processes: bad credentials and
//! addresses change nothing, and a sync killed at random points ends exactly right.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use fake_zendesk::{FakeConfig, FakeZendesk};
use tokio::process::Command;

use super::*;

const TOKEN_VAR: &str = "DESKBENCH_TEST_ZENDESK_TOKEN";

/// This user's configuration folder (confirmed hosts) for a test workspace.
fn config_dir(workspace: &Path) -> std::path::PathBuf {
    workspace.join("user-config")
}

async fn deskbench(workspace: &Path, token: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deskbench"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .env(TOKEN_VAR, token)
        .env(deskbench::secrets::CONFIG_DIR_ENV, config_dir(workspace))
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("the CLI runs")
}

async fn add_fake(workspace: &Path, url: &str, token: &str) -> Output {
    deskbench(workspace, token, &super::add_fake_args(url, TOKEN_VAR)).await
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn no_sources(workspace: &Path) -> bool {
    let db = workspace.join("deskbench.sqlite");
    if !db.exists() {
        return true;
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM sources", [], |r| r.get::<_, i64>(0))
        .unwrap()
        == 0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_credentials_roles_and_addresses_are_refused_and_change_nothing() {
    let fake = FakeZendesk::start(small_fake()).await;
    let agent = FakeZendesk::start(FakeConfig {
        admin: false,
        ..small_fake()
    })
    .await;
    let ws = tempfile::tempdir().unwrap();

    let out = add_fake(ws.path(), &fake.url(), "wrong-token").await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("check the email and the API token"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("wrong-token"),
        "the token is never printed"
    );

    let out = add_fake(ws.path(), &agent.url(), "secret-token").await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("need an admin"), "{}", stderr(&out));

    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = add_fake(
        ws.path(),
        &format!("http://127.0.0.1:{closed}"),
        "secret-token",
    )
    .await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("could not connect"),
        "{}",
        stderr(&out)
    );

    let out = add_fake(ws.path(), "http://support.example.com", "secret-token").await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("needs https://"), "{}", stderr(&out));

    assert!(no_sources(ws.path()), "nothing was added");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_at_random_points_resumes_to_exactly_the_accounts_records() {
    let config = FakeConfig {
        tickets: 1500,
        page_size: 40,
        latency: Duration::from_millis(8),
        ..small_fake()
    };
    let fake = FakeZendesk::start(config).await;
    let ws = tempfile::tempdir().unwrap();
    let db = ws.path().join("deskbench.sqlite");
    let out = add_fake(ws.path(), &fake.url(), "secret-token").await;
    assert!(out.status.success(), "{}", stderr(&out));

    // Kill times spread over a sync that takes a few seconds.
    let sync = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_deskbench"));
        command
            .arg("--workspace")
            .arg(ws.path())
            .args(["sync", "fake", "--token-env", TOKEN_VAR])
            .env(TOKEN_VAR, "secret-token")
            .env(deskbench::secrets::CONFIG_DIR_ENV, config_dir(ws.path()));
        command
    };
    let times = (0x9E37_79B9_7F4A_7C15, 40, 700);
    kill_repeatedly(24, times, sync, &db, |kills| {
        if kills % 6 == 5 {
            fake.add_tickets(5);
        }
    })
    .await;
    let out = deskbench(
        ws.path(),
        "secret-token",
        &["sync", "fake", "--token-env", TOKEN_VAR],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    integrity_ok(&db);
    assert_same(
        &stored(&db),
        &fake.expected(),
        "after 24 kills and a final sync",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_lists_each_sources_status_history_with_its_checkpoint() {
    let fake = FakeZendesk::start(small_fake()).await;
    let ws = tempfile::tempdir().unwrap();
    let out = add_fake(ws.path(), &fake.url(), "secret-token").await;
    assert!(out.status.success(), "{}", stderr(&out));
    let sync = ["sync", "fake", "--token-env", TOKEN_VAR];
    let out = deskbench(ws.path(), "secret-token", &sync).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let out = deskbench(ws.path(), "secret-token", &["status", "--format", "json"]).await;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let history = &json["status_history"][0];
    assert_eq!(history["source"], "fake");
    assert_eq!(
        history["events"].as_u64(),
        Some(fake.expected().history.len() as u64)
    );
    assert!(history["from"].as_i64().is_some(), "{history}");
    let out = deskbench(ws.path(), "secret-token", &["status"]).await;
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("ticket_events"),
        "the stream's checkpoint row: {table}"
    );
    assert!(table.contains("Status history"), "{table}");
}
