//! The `deskbench` binary at its edges: dates at the ends of the calendar, queries too
//! big to compute, offsets past the end, helpdesk text full of escape sequences and
//! formulas, and a stdout that is full or closed. Each ends in one clear line (or, for
//! a closed pipe, quietly), never a panic.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::cli::{demo_workspace, deskbench, stderr};

/// One line on stderr, a failure exit, and no panic report.
fn assert_one_line_error(out: &Output, args: &[&str], expected: &str) {
    let err = stderr(out);
    assert!(!out.status.success(), "{args:?} must fail");
    assert!(err.contains(expected), "{args:?}: {err}");
    assert!(!err.contains("internal error"), "{args:?} panicked: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{args:?}: one line, got {err}"
    );
}

#[test]
fn dates_at_the_ends_of_the_calendar_are_refused_with_the_supported_range() {
    let ws = demo_workspace();
    let cases: [(&[&str], &str); 7] = [
        (
            &["kpi", "--from", "2025-01-01", "--to=+262142-12-31"],
            "the end date +262142-12-31 is after 2100-12-31, the latest supported date",
        ),
        (
            &["kpi", "--from=-262143-01-01", "--to", "2025-01-01"],
            "the start date -262143-01-01 is before 1970-01-01, the earliest supported date",
        ),
        (
            &[
                "kpi",
                "--from",
                "0025-01-01",
                "--to",
                "2025-01-01",
                "--every",
                "day",
                "--by",
                "assignee",
            ],
            "the start date 0025-01-01 is before 1970-01-01, the earliest supported date",
        ),
        (
            &["people", "--from", "1969-12-31", "--to", "2025-01-01"],
            "before 1970-01-01",
        ),
        (
            &["feedback", "--from", "2025-01-01", "--to", "2101-01-01"],
            "after 2100-12-31",
        ),
        (
            &[
                "tickets",
                "--of",
                "tickets_created",
                "--every",
                "day",
                "--period=+262142-12-31",
            ],
            "the period +262142-12-31 is after 2100-12-31",
        ),
        (
            &[
                "chart",
                "--kpi",
                "csat",
                "--from=-262143-01-01",
                "--to",
                "2025-01-01",
                "--out",
                "x.png",
            ],
            "before 1970-01-01",
        ),
    ];
    for (args, expected) in cases {
        assert_one_line_error(&deskbench(ws.path(), args), args, expected);
    }
    let edges = [
        "kpi",
        "--from",
        "1970-01-01",
        "--to",
        "2100-12-31",
        "--every",
        "month",
    ];
    let out = deskbench(ws.path(), &edges);
    assert!(
        out.status.success(),
        "the whole supported range works: {}",
        stderr(&out)
    );
}

#[test]
fn the_demo_refuses_a_last_day_outside_its_range() {
    for until in ["+262142-12-31", "1999-12-31", "2101-01-01"] {
        let dir = tempfile::tempdir().unwrap();
        let args = ["demo", "--tickets", "100", "--until", until];
        let out = deskbench(dir.path(), &args);
        assert_one_line_error(&out, &args, "is outside 2001-01-01 to 2100-12-31");
    }
}

#[test]
fn a_query_too_big_to_compute_names_a_smaller_one_and_offsets_never_wrap() {
    let ws = demo_workspace();
    let args = [
        "kpi",
        "--from",
        "1970-01-01",
        "--to",
        "2100-12-31",
        "--every",
        "day",
        "--by",
        "requester",
    ];
    let out = deskbench(ws.path(), &args);
    assert_one_line_error(&out, &args, "47,847 days × ");
    let err = stderr(&out);
    assert!(
        err.contains("requesters is") && err.contains("million cells"),
        "{err}"
    );
    assert!(
        err.contains("more than the 250,000 one query may compute"),
        "{err}"
    );
    assert!(
        err.contains("weekly or monthly buckets, a shorter range"),
        "{err}"
    );

    let list = [
        "tickets",
        "--of",
        "tickets_created",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
    ];
    for offset in ["18446744073709551615", "9223372036854775808", "1000000"] {
        for format in ["json", "table", "csv"] {
            let args = [&list[..], &["--offset", offset, "--format", format]].concat();
            let out = deskbench(ws.path(), &args);
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            if format == "json" {
                let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                assert!(json["total"].as_u64().unwrap() > 0, "the range has tickets");
                assert_eq!(
                    json["rows"],
                    serde_json::json!([]),
                    "an offset past the end is an empty page"
                );
            }
        }
    }
    let too_big = [&list[..], &["--offset", "18446744073709551616"]].concat();
    assert!(
        !deskbench(ws.path(), &too_big).status.success(),
        "clap refuses what usize cannot hold"
    );
}

/// A ticket of the demo workspace, created in June 2025, with `subject`.
fn set_a_subject(workspace: &Path, subject: &str) -> i64 {
    let db = rusqlite::Connection::open(workspace.join("deskbench.sqlite")).unwrap();
    let june = 1_748_736_000; // 2025-06-01 00:00 UTC
    let id: i64 = db
        .query_row(
            "SELECT id FROM tickets WHERE created_at >= ?1 AND created_at < ?1 + 86400 * 29 \
             AND status <> 'deleted' ORDER BY id LIMIT 1",
            [june],
            |row| row.get(0),
        )
        .unwrap();
    db.execute(
        "UPDATE tickets SET subject = ?1 WHERE id = ?2",
        rusqlite::params![subject, id],
    )
    .unwrap();
    id
}

#[test]
fn helpdesk_text_reaches_the_terminal_and_spreadsheets_defused() {
    let ws = demo_workspace();
    let subject = "=HYPERLINK(\"http://evil.example\",\"refund\")\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m \u{202e}fdp.exe\r\u{8}";
    let id = set_a_subject(ws.path(), subject).to_string();
    let list = [
        "tickets",
        "--of",
        "tickets_created",
        "--from",
        "2025-06-01",
        "--to",
        "2025-06-30",
        "--search",
        &id,
    ];
    let csv = deskbench(ws.path(), &[&list[..], &["--format", "csv"]].concat());
    assert!(csv.status.success(), "{}", stderr(&csv));
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.contains("'=HYPERLINK(\"\"http://evil.example\"\",\"\"refund\"\") fdp.exe"),
        "the formula is neutralised as export neutralises it, the controls are gone: {csv:?}"
    );
    let table = deskbench(ws.path(), &[&list[..], &["--format", "table"]].concat());
    assert!(table.status.success(), "{}", stderr(&table));
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("fdp.exe"), "{table}");
    for text in [&csv, &table] {
        let unsafe_char = text.chars().find(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
        assert_eq!(unsafe_char, None, "{text:?}");
    }
    let json = deskbench(ws.path(), &list);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["rows"][0]["subject"], subject,
        "JSON keeps the data as it is, escaped"
    );
}

/// Runs the CLI with stdout on `/dev/full`.
fn to_full_disk(workspace: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deskbench"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .stdout(File::options().write(true).open("/dev/full").unwrap())
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_is_one_line_and_a_closed_pipe_a_quiet_success() {
    let ws = demo_workspace();
    let out_dir = tempfile::tempdir().unwrap();
    let chart = out_dir.path().join("c.svg");
    let chart = chart.to_str().unwrap();
    let commands: [&[&str]; 12] = [
        // Far more than a pipe's buffer: the reader goes away in the middle.
        &[
            "kpi",
            "--every",
            "day",
            "--from",
            "2024-07-01",
            "--to",
            "2025-06-30",
            "--by",
            "channel",
        ],
        &[
            "kpi",
            "--every",
            "day",
            "--from",
            "2024-07-01",
            "--to",
            "2025-06-30",
            "--by",
            "channel",
            "--format",
            "csv",
        ],
        &["status"],
        &["status", "--format", "json"],
        &["kpi"],
        &["kpi", "--format", "csv"],
        &["kpi", "--format", "table"],
        &["tickets", "--of", "tickets_created", "--format", "table"],
        &["people"],
        &["target", "list"],
        &["source", "list"],
        &["chart", "--kpi", "csat", "--out", chart],
    ];
    for args in commands {
        let out = to_full_disk(ws.path(), args);
        assert_one_line_error(
            &out,
            args,
            "error: could not write the output: No space left on device",
        );

        let mut child = Command::new(env!("CARGO_BIN_EXE_deskbench"))
            .arg("--workspace")
            .arg(ws.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, like `head -c 1`, then close the pipe.
        let mut first = [0u8; 1];
        let _ = child.stdout.take().unwrap().read(&mut first);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: a closed pipe is not a failure: {}",
            stderr(&out)
        );
        assert_eq!(stderr(&out), "", "{args:?}: nothing on stderr");
    }
    let feedback = ["feedback", "--format", "table"];
    let out = to_full_disk(ws.path(), &feedback);
    assert_one_line_error(&out, &feedback, "could not write the output");
}

#[test]
fn a_chart_replaces_a_file_whole_and_never_a_device_or_folder() {
    let ws = demo_workspace();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("reply.png");
    std::fs::write(&png, b"the older chart").unwrap();
    let chart = |out: &Path| {
        deskbench(
            ws.path(),
            &[
                "chart",
                "--kpi",
                "first_reply_time",
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };
    let out = chart(&png);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["reply.png"], "no temporary file is left");

    let folder = dir.path().join("folder.svg");
    std::fs::create_dir(&folder).unwrap();
    let out = chart(&folder);
    assert_one_line_error(
        &out,
        &["chart"],
        "could not write folder.svg: it exists and is not a regular file",
    );
    assert!(folder.is_dir());
}
