//! Writers and readers of one workspace at once, in one process and across processes:
//! one writer at a time (the workspace lock), readers never wait for it, and a refused
//! writer fails clearly and leaves the other's database intact.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use fake_zendesk::{FakeConfig, FakeZendesk};
use tokio::process::Command;
use tokio_util::sync::CancellationToken;

use deskbench::demo::DemoConfig;
use deskbench::store::DATABASE_FILE;
use deskbench::sync::PlanOptions;
use deskbench::workspace::lock::{Activity, LockError, WorkspaceLock};
use deskbench::workspace::{Workspace, WorkspaceError};

use crate::sync::{add_fake_args, integrity_ok, small_fake};

const TOKEN_VAR: &str = "DESKBENCH_TEST_ZENDESK_TOKEN";

fn deskbench(workspace: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_deskbench"));
    command
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .env(TOKEN_VAR, "secret-token")
        // This test's user: the hosts it confirmed live beside its workspace.
        .env("DESKBENCH_CONFIG_DIR", workspace.join("user-config"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

async fn run(workspace: &Path, args: &[&str]) -> Output {
    deskbench(workspace, args)
        .output()
        .await
        .expect("the CLI runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn is_busy(err: &WorkspaceError) -> bool {
    matches!(err, WorkspaceError::Lock(LockError::Busy { .. }))
}

/// Files a demo run may leave beside the database: none but the lock file.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != DATABASE_FILE && name != "deskbench.lock")
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_demo_processes_into_one_folder_one_succeeds_and_its_database_is_intact() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["demo", "--tickets", "3000", "--until", "2025-06-30"];
    let (first, second) = tokio::join!(run(dir.path(), &args), run(dir.path(), &args));
    let outcomes = [&first, &second];
    let succeeded: Vec<_> = outcomes.iter().filter(|o| o.status.success()).collect();
    assert_eq!(
        succeeded.len(),
        1,
        "exactly one run succeeds: {} / {}",
        stderr(&first),
        stderr(&second)
    );
    let failed = outcomes.iter().find(|o| !o.status.success()).unwrap();
    let message = stderr(failed);
    assert!(
        message.contains("another Deskbench (the app or the command line) is generating the demo in this workspace")
            || message.contains("already has a database"),
        "the other says why: {message}"
    );
    assert_eq!(message.lines().count(), 1, "one line: {message}");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    let db = dir.path().join(DATABASE_FILE);
    integrity_ok(&db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tickets: i64 = conn
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tickets, 3000, "the winner's database is whole");
    let out = run(
        dir.path(),
        &["kpi", "--from", "2025-06-01", "--to", "2025-06-30"],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_second_lock_holder_in_one_process_is_refused_until_the_first_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let held = WorkspaceLock::acquire(dir.path(), Activity::Sync).unwrap();
    let err = WorkspaceLock::acquire(dir.path(), Activity::Sync).unwrap_err();
    assert!(matches!(err, LockError::Busy { .. }), "{err}");

    let config = DemoConfig {
        tickets: 1000,
        now: 1_767_225_600,
        ..DemoConfig::default()
    };
    let err = Workspace::create_demo(dir.path(), &config, &mut |_| {})
        .err()
        .expect("no demo while another writer holds the lock");
    assert!(is_busy(&err), "{err}");
    assert!(
        err.to_string().contains("is syncing this workspace"),
        "{err}"
    );
    assert!(!Workspace::exists(dir.path()), "nothing was created");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    drop(held);
    Workspace::create_demo(dir.path(), &config, &mut |_| {}).expect("free once released");
}

#[test]
fn an_upgrade_waits_for_no_writer_and_leaves_the_old_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    crate::store::downgrade_to_schema_3(dir.path());
    let held = WorkspaceLock::acquire(dir.path(), Activity::Sync).unwrap();
    let err = Workspace::open(dir.path())
        .err()
        .expect("no upgrade under a running sync");
    assert!(is_busy(&err), "{err}");
    let version: i64 = rusqlite::Connection::open(dir.path().join(DATABASE_FILE))
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3, "not upgraded");
    drop(held);
    Workspace::open(dir.path()).expect("upgraded once the sync is over");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_is_refused_while_another_writer_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut workspace = Workspace::open(dir.path()).unwrap();
    let (vault, _) = crate::secrets::vault(dir.path());
    let held = WorkspaceLock::acquire(dir.path(), Activity::Demo).unwrap();
    let err = workspace
        .sync_source(
            "fake",
            None,
            &vault,
            PlanOptions::default(),
            &CancellationToken::new(),
            &mut |_| {},
        )
        .await
        .expect_err("no sync while another writer holds the lock");
    assert!(is_busy(&err), "{err}");
    drop(held);
    let err = workspace
        .sync_source(
            "fake",
            None,
            &vault,
            PlanOptions::default(),
            &CancellationToken::new(),
            &mut |_| {},
        )
        .await
        .expect_err("the source does not exist");
    assert!(
        matches!(err, WorkspaceError::NoSuchSource(_)),
        "past the lock once it is free: {err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_work_during_a_sync_and_a_second_sync_is_refused() {
    let fake = FakeZendesk::start(FakeConfig {
        tickets: 3000,
        page_size: 40,
        latency: Duration::from_millis(40),
        ..small_fake()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &add_fake_args(&fake.url(), TOKEN_VAR)).await;
    assert!(out.status.success(), "{}", stderr(&out));

    let mut sync = deskbench(dir.path(), &["sync", "fake", "--token-env", TOKEN_VAR])
        .spawn()
        .unwrap();
    // Wait until the sync has stored its first tickets, so it is mid-way.
    let db = dir.path().join(DATABASE_FILE);
    let conn = rusqlite::Connection::open(&db).unwrap();
    for _ in 0..400 {
        let tickets: i64 = conn
            .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
            .unwrap();
        if tickets > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }

    let (second, kpi, status) = tokio::join!(
        run(dir.path(), &["sync", "fake", "--token-env", TOKEN_VAR]),
        run(dir.path(), &["kpi", "--format", "json"]),
        run(dir.path(), &["status"]),
    );
    assert!(
        sync.try_wait().unwrap().is_none(),
        "the first sync outlasted the others, so they ran during it"
    );
    let first = sync.wait_with_output().await.unwrap();

    assert!(kpi.status.success(), "kpi during a sync: {}", stderr(&kpi));
    assert!(
        status.status.success(),
        "status during a sync: {}",
        stderr(&status)
    );
    assert!(!second.status.success(), "a second sync waits for no one");
    assert!(
        stderr(&second)
            .contains("another Deskbench (the app or the command line) is syncing this workspace"),
        "{}",
        stderr(&second)
    );
    assert!(first.status.success(), "the first sync: {}", stderr(&first));
    integrity_ok(&db);
    let tickets: i64 = conn
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tickets, 3000, "the first sync stored everything");
}
