//! The CLI's output on a demo workspace stays byte for byte what `tests/golden/cli` holds:
//! a refactoring of the engine, the application layer or the CLI must not change one
//! number, key or space of `kpi`, `tickets`, `people`, `feedback`, `backlog`, `flow`,
//! `anomalies`, `forecast` or `staffing`.
//!
//! A second workspace of imported files covers what only such sources print: the
//! sources a KPI leaves out and why a value is null.
//!
//! After a change that is meant to change the output, regenerate the files with
//! `UPDATE_GOLDEN=1 cargo test --test all cli_golden` and review their diff.

use std::path::{Path, PathBuf};

use crate::cli::{demo_workspace, deskbench, stderr};

/// Each case: its golden file's name and the CLI's arguments after `--workspace`.
const CASES: &[(&str, &[&str])] = &[
    (
        "kpi-weekly-by-channel",
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
    ),
    (
        "kpi-by-group-business-hours",
        &[
            "kpi",
            "--from",
            "2025-04-01",
            "--to",
            "2025-06-30",
            "--tz",
            "America/New_York",
            "--by",
            "group",
            "--hours",
            "business",
        ],
    ),
    (
        "kpi-monthly-by-tag-top5-email",
        &[
            "kpi",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--tz",
            "UTC",
            "--every",
            "month",
            "--by",
            "tag",
            "--top",
            "5",
            "--where",
            "channel=email",
        ],
    ),
    (
        "kpi-by-assignee-high-or-urgent",
        &[
            "kpi",
            "--from",
            "2025-03-01",
            "--to",
            "2025-06-30",
            "--tz",
            "Asia/Seoul",
            "--by",
            "assignee",
            "--where",
            "priority=high",
            "--where",
            "priority=urgent",
        ],
    ),
    (
        "kpi-daily-csv",
        &[
            "kpi",
            "--from",
            "2025-06-01",
            "--to",
            "2025-06-14",
            "--tz",
            "UTC",
            "--every",
            "day",
            "--kpi",
            "tickets_created",
            "--kpi",
            "first_reply_time",
            "--format",
            "csv",
        ],
    ),
    (
        "tickets-first-reply-email",
        &[
            "tickets",
            "--of",
            "first_reply_time",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--tz",
            "UTC",
            "--by",
            "channel",
            "--key",
            "email",
            "--sort",
            "-first_reply_time",
            "--limit",
            "40",
        ],
    ),
    (
        "tickets-created-one-week",
        &[
            "tickets",
            "--of",
            "tickets_created",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--tz",
            "Europe/Moscow",
            "--every",
            "week",
            "--period",
            "2025-02-03",
            "--offset",
            "5",
            "--limit",
            "30",
        ],
    ),
    (
        "people-assignees",
        &[
            "people",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--tz",
            "UTC",
            "--format",
            "json",
        ],
    ),
    (
        "people-groups-business-email",
        &[
            "people",
            "--from",
            "2025-04-01",
            "--to",
            "2025-06-30",
            "--tz",
            "Europe/Moscow",
            "--by",
            "group",
            "--hours",
            "business",
            "--where",
            "channel=email",
            "--format",
            "json",
        ],
    ),
    (
        "feedback-all",
        &[
            "feedback",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--tz",
            "UTC",
        ],
    ),
    (
        "feedback-korean-csat",
        &[
            "feedback",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--tz",
            "Asia/Seoul",
            "--lang",
            "ko",
            "--source",
            "csat",
        ],
    ),
    (
        "backlog-weekly-by-group-json",
        &[
            "backlog",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "Europe/Berlin",
            "--every",
            "week",
            "--by",
            "group",
            "--format",
            "json",
        ],
    ),
    (
        "backlog-weekly-since-reply-csv",
        &[
            "backlog",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "Europe/Berlin",
            "--every",
            "week",
            "--age-from",
            "last-reply",
            "--format",
            "csv",
        ],
    ),
    (
        "flow-by-group-table",
        &[
            "flow",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "UTC",
            "--by",
            "group",
        ],
    ),
    (
        "flow-handoffs-table",
        &[
            "flow",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "UTC",
            "--handoffs",
        ],
    ),
    (
        "anomalies-json",
        &[
            "anomalies",
            "--from",
            "2025-04-01",
            "--to",
            "2025-06-30",
            "--tz",
            "UTC",
            "--format",
            "json",
        ],
    ),
    (
        "forecast-by-channel-json",
        &[
            "forecast",
            "--until",
            "2025-06-30",
            "--tz",
            "UTC",
            "--horizon-weeks",
            "2",
            "--by",
            "channel",
            "--format",
            "json",
        ],
    ),
    (
        "staffing-what-if",
        &[
            "staffing",
            "--arrivals-per-hour",
            "200",
            "--aht",
            "180",
            "--target",
            "80/20",
            "--shrinkage",
            "0.3",
            "--max-occupancy",
            "0.85",
        ],
    ),
];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cli")
}

/// The cases of a workspace of two imported files: a Jira export without a first-reply
/// column and a Freshdesk CSV with one, so KPIs by source show the sources a value
/// leaves out and the reason a value is null: in the JSON, as a dash with a note under
/// the table, and as a reason column in CSV.
const IMPORT_CASES: &[(&str, &[&str])] = &[
    (
        "kpi-by-source-imports",
        &[
            "kpi",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "UTC",
            "--by",
            "source",
            "--kpi",
            "tickets_created",
            "--kpi",
            "first_reply_time",
            "--kpi",
            "reopen_rate",
        ],
    ),
    (
        "kpi-by-source-imports-table",
        &[
            "kpi",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "UTC",
            "--by",
            "source",
            "--kpi",
            "tickets_created",
            "--kpi",
            "first_reply_time",
            "--kpi",
            "reopen_rate",
            "--format",
            "table",
        ],
    ),
    (
        "kpi-by-source-imports-csv",
        &[
            "kpi",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "UTC",
            "--by",
            "source",
            "--kpi",
            "tickets_created",
            "--kpi",
            "first_reply_time",
            "--kpi",
            "reopen_rate",
            "--format",
            "csv",
        ],
    ),
    (
        "people-imports-table",
        &[
            "people",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--tz",
            "UTC",
            "--format",
            "table",
        ],
    ),
];

/// Runs `cases` on the workspace `ws` and compares (or with `UPDATE_GOLDEN`, writes)
/// their golden files.
fn check_cases(ws: &Path, cases: &[(&str, &[&str])]) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut changed = Vec::new();
    for (name, args) in cases {
        let out = deskbench(ws, args);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let path = golden_dir().join(format!("{name}.out"));
        if update {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
            continue;
        }
        let golden = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
        if golden != out.stdout {
            changed.push(*name);
        }
    }
    assert!(
        changed.is_empty(),
        "the output of {changed:?} differs from tests/golden/cli"
    );
}

#[test]
fn cli_output_on_the_demo_workspace_is_byte_identical_to_the_golden_files() {
    let ws = demo_workspace();
    check_cases(ws.path(), CASES);
}

#[test]
fn cli_output_on_imported_sources_is_byte_identical_to_the_golden_files() {
    let ws = tempfile::tempdir().unwrap();
    for (file, preset, source) in [
        ("jira.csv", "jira", "Jira export"),
        ("freshdesk.csv", "freshdesk", "Freshdesk export"),
    ] {
        let file = format!(
            "{}/tests/fixtures/import/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let args = [
            "import", &file, "--preset", preset, "--source", source, "--tz", "UTC",
        ];
        let out = deskbench(ws.path(), &args);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
    }
    check_cases(ws.path(), IMPORT_CASES);

    let out_file = ws.path().join("reopen.csv");
    let out_path = out_file.to_str().unwrap();
    let args = [
        "export",
        "kpi",
        "--kpi",
        "reopen_rate",
        "--by",
        "source",
        "--from",
        "2025-03-01",
        "--to",
        "2025-03-31",
        "--tz",
        "UTC",
        "--out",
        out_path,
    ];
    let out = deskbench(ws.path(), &args);
    assert!(out.status.success(), "export kpi: {}", stderr(&out));
    let csv = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        csv.contains("null_reason") && csv.contains("imported files carry no count of reopens"),
        "the exported file says why reopen_rate is empty: {csv}"
    );
}
