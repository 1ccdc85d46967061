//! `deskbench source add freshdesk`, `deskbench sync` and `deskbench status` as
//! processes against the fake Freshdesk, and a sync killed at random points.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use fake_freshdesk::{FakeConfig, FakeFreshdesk};
use tokio::process::Command;

const KEY_VAR: &str = "DESKBENCH_TEST_FRESHDESK_KEY";

async fn deskbench(workspace: &Path, key: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deskbench"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .env(KEY_VAR, key)
        .env(
            deskbench::secrets::CONFIG_DIR_ENV,
            workspace.join("user-config"),
        )
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("the CLI runs")
}

/// `deskbench source add freshdesk` for the fake, named `fd`, its key in `KEY_VAR`.
fn add_args(url: &str) -> Vec<&str> {
    vec![
        "source",
        "add",
        "freshdesk",
        "--name",
        "fd",
        "--url",
        url,
        "--key-env",
        KEY_VAR,
    ]
}

const SYNC: [&str; 5] = ["sync", "fd", "--token-env", KEY_VAR, "--yes"];

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_freshdesk_source_is_added_synced_and_shown() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 60,
        ..FakeConfig::default()
    })
    .await;
    let ws = tempfile::tempdir().unwrap();
    let url = fake.url();
    let add = add_args(&url);

    let out = deskbench(ws.path(), "wrong-key", &add).await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Your API Key"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("wrong-key"),
        "the key is never printed"
    );

    let out = deskbench(ws.path(), "fake-api-key", &add).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let out = deskbench(ws.path(), "fake-api-key", &SYNC).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("fd: synced"), "{}", stderr(&out));

    let out = deskbench(ws.path(), "", &["status"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout);
    for stream in [
        "tickets",
        "spam_tickets",
        "deleted_tickets",
        "conversations",
    ] {
        assert!(shown.contains(stream), "{stream} in:\n{shown}");
    }
    let db = rusqlite::Connection::open(ws.path().join("deskbench.sqlite")).unwrap();
    let live: i64 = db
        .query_row(
            "SELECT count(*) FROM tickets WHERE status != 'deleted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(live as usize, super::live_ids(&fake).len());
    let settings: String = db
        .query_row("SELECT group_concat(settings) FROM sources", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!settings.contains("fake-api-key"), "no key in SQLite");
    fake.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_at_random_points_resumes_to_exactly_the_accounts_records() {
    let fake = FakeFreshdesk::start(FakeConfig {
        tickets: 600,
        latency: Duration::from_millis(5),
        ..FakeConfig::default()
    })
    .await;
    let ws = tempfile::tempdir().unwrap();
    let db = ws.path().join(deskbench::store::DATABASE_FILE);
    let out = deskbench(ws.path(), "fake-api-key", &add_args(&fake.url())).await;
    assert!(out.status.success(), "{}", stderr(&out));

    // Kill times spread over a sync that takes a few seconds.
    let sync = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_deskbench"));
        command
            .arg("--workspace")
            .arg(ws.path())
            .args(SYNC)
            .env(KEY_VAR, "fake-api-key")
            .env(
                deskbench::secrets::CONFIG_DIR_ENV,
                ws.path().join("user-config"),
            );
        command
    };
    let times = (0x2545_F491_4F6C_DD1D, 30, 900);
    crate::sync::kill_repeatedly(20, times, sync, &db, |kills| {
        if kills % 5 == 4 {
            let id = fake.tickets()[kills * 7].id;
            fake.update_tickets(&[id, id + 1]);
        }
    })
    .await;
    let out = deskbench(ws.path(), "fake-api-key", &SYNC).await;
    assert!(out.status.success(), "{}", stderr(&out));
    crate::sync::integrity_ok(&db);
    super::sync::assert_exact(ws.path(), &fake, "after 20 kills and a final sync").await;
    fake.stop().await;
}
