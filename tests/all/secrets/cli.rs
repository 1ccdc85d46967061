//! `deskbench sync` as a process on a workspace it has not seen: it asks before sending a
//! token to an unconfirmed host, fails without a terminal unless `--yes` is given, and
//! never reads a token variable the workspace names.

use std::path::Path;
use std::process::Output;

use fake_zendesk::FakeZendesk;
use tokio::process::Command;

use super::*;
use crate::sync::add_fake_args;

const TOKEN_VAR: &str = "DESKBENCH_TEST_ZENDESK_TOKEN";

/// Runs the CLI with `config` as this user's configuration folder and no terminal.
async fn deskbench(
    workspace: &Path,
    config: &Path,
    envs: &[(&str, &str)],
    args: &[&str],
) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deskbench"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .env(secrets::CONFIG_DIR_ENV, config)
        .envs(envs.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("the CLI runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crafted_workspace_gets_no_token_from_the_cli() {
    let attacker = Attacker::start().await;
    let (ws, config) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    crafted_workspace(ws.path(), "acme", &attacker.url, "AWS_SECRET_ACCESS_KEY");
    let env = [
        ("AWS_SECRET_ACCESS_KEY", VICTIM_TOKEN),
        (TOKEN_VAR, VICTIM_TOKEN),
    ];

    for args in [
        &["sync", "acme"][..],
        &["sync"],
        &["sync", "acme", "--token-env", TOKEN_VAR],
    ] {
        let out = deskbench(ws.path(), config.path(), &env, args).await;
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(&attacker.url), "names the host: {err}");
        assert!(err.contains("--yes"), "says how to go on: {err}");
        assert!(!err.contains(VICTIM_TOKEN), "{err}");
    }
    attacker.assert_untouched(VICTIM_TOKEN).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_computer_asks_again_and_yes_confirms_the_host() {
    let fake = FakeZendesk::start(small_fake()).await;
    let ws = tempfile::tempdir().unwrap();
    let (here, elsewhere) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let env = [(TOKEN_VAR, "secret-token")];
    let url = fake.url();
    let add = add_fake_args(&url, TOKEN_VAR);
    let out = deskbench(ws.path(), here.path(), &env, &add).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--token-env"),
        "the next step names the variable again"
    );

    let sync = ["sync", "fake", "--token-env", TOKEN_VAR];
    let out = deskbench(ws.path(), here.path(), &env, &sync).await;
    assert!(
        out.status.success(),
        "adding confirmed the host: {}",
        stderr(&out)
    );

    // The same workspace folder for another user (another configuration folder).
    fake.reset_stats();
    let out = deskbench(ws.path(), elsewhere.path(), &env, &sync).await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(
        fake.stats().requests,
        0,
        "nothing was sent before confirming"
    );

    let yes = ["sync", "fake", "--token-env", TOKEN_VAR, "--yes"];
    let out = deskbench(ws.path(), elsewhere.path(), &env, &yes).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let out = deskbench(ws.path(), elsewhere.path(), &env, &sync).await;
    assert!(
        out.status.success(),
        "--yes recorded the host: {}",
        stderr(&out)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_variable_is_given_at_each_sync_never_stored() {
    let fake = FakeZendesk::start(small_fake()).await;
    let (ws, config) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let env = [(TOKEN_VAR, "secret-token")];
    let url = fake.url();
    let add = add_fake_args(&url, TOKEN_VAR);
    let out = deskbench(ws.path(), config.path(), &env, &add).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let workspace = Workspace::open(ws.path()).unwrap();
    let settings = &workspace.source("fake").unwrap().settings;
    assert!(
        settings.get("token_env").is_none(),
        "not stored: {settings}"
    );
    assert!(!settings.to_string().contains(TOKEN_VAR), "{settings}");
}
