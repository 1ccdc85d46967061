//! The `deskbench` binary: bad input gets one clear line on stderr, a non-zero exit, and
//! changes nothing; good input prints the contract's JSON.

use std::path::Path;
use std::process::{Command, Output};

pub fn deskbench(workspace: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deskbench"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .output()
        .expect("the CLI runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A small demo workspace shared by the tests of this module.
pub fn demo_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = deskbench(
        dir.path(),
        &[
            "demo",
            "--tickets",
            "1500",
            "--seed",
            "3",
            "--until",
            "2025-06-30",
        ],
    );
    assert!(out.status.success(), "demo: {}", stderr(&out));
    dir
}

#[test]
fn kpi_prints_the_contract_json_for_a_demo_workspace() {
    let ws = demo_workspace();
    let out = deskbench(
        ws.path(),
        &[
            "kpi",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--tz",
            "Europe/Moscow",
            "--every",
            "week",
            "--by",
            "channel",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["range"]["tz"], "Europe/Moscow");
    assert_eq!(
        json["series"][0]["period"], "2024-12-30",
        "the first ISO week starts on Monday 30 December"
    );
    assert!(
        json["kpis"]["tickets_created"]["value"].as_u64().unwrap() > 0,
        "the demo has tickets in Q1"
    );
    let sum: u64 = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["kpis"]["tickets_created"]["value"].as_u64().unwrap())
        .sum();
    assert_eq!(
        sum,
        json["kpis"]["tickets_created"]["value"].as_u64().unwrap(),
        "channels add up to the total"
    );
}

#[test]
fn bad_input_is_one_clear_line_and_a_failure_exit() {
    let ws = demo_workspace();
    let db = ws.path().join("deskbench.sqlite");
    let before = std::fs::read(&db).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["kpi", "--from", "2025-02-30", "--to", "2025-03-01"],
            "invalid date \"2025-02-30\"",
        ),
        (&["kpi", "--tz", "Mars/Olympus"], "unknown time zone"),
        (&["kpi", "--by", "colour"], "valid dimensions: channel"),
        (&["kpi", "--kpi", "nps"], "valid KPIs: tickets_created"),
        (
            &["kpi", "--from", "2025-03-01", "--to", "2025-02-01"],
            "is after --to",
        ),
        (&["kpi", "--from", "2025-03-01"], "go together"),
    ];
    for (args, expected) in cases {
        let out = deskbench(ws.path(), args);
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{args:?}: one line, got {err}"
        );
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "bad queries change nothing"
    );
}

#[test]
fn a_foreign_file_as_the_database_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deskbench.sqlite");
    std::fs::write(&db, "not a database at all\n".repeat(100)).unwrap();
    let out = deskbench(dir.path(), &["status"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is not a Deskbench workspace database"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "not a database at all\n".repeat(100)
    );
    let out = deskbench(dir.path(), &["demo", "--tickets", "1000"]);
    assert!(
        !out.status.success(),
        "demo does not overwrite a foreign file"
    );
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "not a database at all\n".repeat(100)
    );
}

#[test]
fn commands_on_a_missing_workspace_say_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = deskbench(&dir.path().join("nowhere"), &["kpi"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("deskbench --workspace"),
        "{}",
        stderr(&out)
    );
    assert!(
        !dir.path().join("nowhere").exists(),
        "nothing is created by a failed kpi"
    );
}

#[test]
fn tickets_lists_the_population_behind_a_kpi_value() {
    let ws = demo_workspace();
    let query = [
        "--from",
        "2025-05-01",
        "--to",
        "2025-05-31",
        "--by",
        "channel",
    ];
    let kpi = deskbench(
        ws.path(),
        &[&["kpi", "--kpi", "tickets_solved"][..], &query[..]].concat(),
    );
    assert!(kpi.status.success(), "{}", stderr(&kpi));
    let kpi: serde_json::Value = serde_json::from_slice(&kpi.stdout).unwrap();
    let group = &kpi["groups"][0];
    let key = group["key"].as_str().unwrap();
    let list = deskbench(
        ws.path(),
        &[
            &[
                "tickets",
                "--of",
                "tickets_solved",
                "--key",
                key,
                "--limit",
                "5",
            ][..],
            &query[..],
        ]
        .concat(),
    );
    assert!(list.status.success(), "{}", stderr(&list));
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list["total"], group["kpis"]["tickets_solved"]["value"]);
    assert_eq!(list["rows"].as_array().unwrap().len(), 5);
    let bad = deskbench(
        ws.path(),
        &["tickets", "--of", "tickets_solved", "--sort", "mood"],
    );
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("created_at"), "{}", stderr(&bad));
}

#[test]
fn targets_are_set_listed_and_refused_when_impossible() {
    let ws = demo_workspace();
    assert!(deskbench(ws.path(), &["target", "set", "csat", "0.9"])
        .status
        .success());
    let list = deskbench(ws.path(), &["target", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(
        list,
        serde_json::json!([{"kpi": "csat", "goal": "at_least", "value": 0.9}])
    );
    let bad = deskbench(ws.path(), &["target", "set", "csat", "90"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("0.9 = 90%"), "{}", stderr(&bad));
}

#[test]
fn people_prints_the_team_median_then_each_agent_and_refuses_other_rows() {
    let ws = demo_workspace();
    let range = ["--from", "2025-04-01", "--to", "2025-06-30"];
    let out = deskbench(
        ws.path(),
        &[&["people", "--format", "csv"][..], &range].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("key,label,created,tickets_solved,first_reply_time,"));
    assert!(lines[1].starts_with(",(team median),,"), "{}", lines[1]);
    assert!(lines.len() > 5, "the demo has dozens of agents");
    let groups = deskbench(
        ws.path(),
        &[&["people", "--by", "group", "--format", "json"][..], &range].concat(),
    );
    assert!(groups.status.success(), "{}", stderr(&groups));
    let json: serde_json::Value = serde_json::from_slice(&groups.stdout).unwrap();
    assert_eq!(json["by"], "group");
    assert_eq!(json["columns"][0]["kpi"], "tickets_solved");
    let bad = deskbench(ws.path(), &["people", "--by", "channel"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("valid: assignee, group"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn chart_writes_an_svg_or_png_of_one_kpi_named_in_the_chosen_language() {
    let ws = demo_workspace();
    let out = tempfile::tempdir().unwrap();
    let svg = out.path().join("created.svg");
    let run = deskbench(
        ws.path(),
        &[
            "chart",
            "--kpi",
            "tickets_created",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--by",
            "channel",
            "--out",
            svg.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("Tickets created"),
        "the title is the KPI's name"
    );
    assert!(
        text.contains("Jan 1 – Mar 31, 2025"),
        "the subtitle is the range, with its year"
    );

    let png = out.path().join("csat.png");
    let run = deskbench(
        ws.path(),
        &[
            "chart",
            "--kpi",
            "csat",
            "--every",
            "week",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--lang",
            "ru",
            "--theme",
            "dark",
            "--scale",
            "2",
            "--width",
            "800",
            "--height",
            "450",
            "--out",
            png.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    assert_eq!(width, 1600, "the IHDR width is 800 × 2");
}

#[test]
fn chart_refuses_an_unknown_file_type_or_size_before_writing() {
    let ws = demo_workspace();
    let out = tempfile::tempdir().unwrap();
    let txt = out.path().join("chart.txt");
    let run = deskbench(
        ws.path(),
        &["chart", "--kpi", "csat", "--out", txt.to_str().unwrap()],
    );
    assert!(!run.status.success());
    assert!(stderr(&run).contains(".png or .svg"), "{}", stderr(&run));
    let png = out.path().join("chart.png");
    let run = deskbench(
        ws.path(),
        &[
            "chart",
            "--kpi",
            "csat",
            "--width",
            "99999",
            "--out",
            png.to_str().unwrap(),
        ],
    );
    assert!(stderr(&run).contains("320 to 4096"), "{}", stderr(&run));
    assert!(!png.exists() && !txt.exists(), "nothing is written");
}
