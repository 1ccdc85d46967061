//! `deskbench forecast` and `staffing` on the command line: what they print besides the
//! golden cases, and their refusals, one line each with a failing exit status.

use crate::cli::{demo_workspace, deskbench, stderr};

fn refused(dir: &std::path::Path, args: &[&str]) -> String {
    let out = deskbench(dir, args);
    assert!(!out.status.success(), "{args:?} is refused");
    let message = stderr(&out);
    assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
    message
}

#[test]
fn forecast_and_staffing_refuse_bad_input_in_one_line() {
    let ws = demo_workspace();
    let dir = ws.path();
    let until = ["--until", "2025-06-30"];
    let with = |args: &[&'static str]| [&until[..], args].concat();
    let cases: [(Vec<&str>, &str); 6] = [
        (
            [&["forecast"][..], &with(&["--horizon-weeks", "13"])].concat(),
            "error: a forecast looks 1 to 12 weeks ahead, not 13",
        ),
        (
            [&["forecast"][..], &with(&["--by", "tag"])].concat(),
            "error: a forecast is split by channel or group, not \"tag\"",
        ),
        (
            vec!["staffing", "--arrivals-per-hour", "10", "--aht", "0"],
            "error: the average handle time must be more than 0 seconds, not 0",
        ),
        (
            vec![
                "staffing",
                "--arrivals-per-hour",
                "10",
                "--target",
                "101/20",
            ],
            "error: a service-level target's percent must be above 0 and at most 100, not 101",
        ),
        (
            vec!["staffing", "--arrivals-per-hour", "10", "--shrinkage", "1"],
            "error: shrinkage is a share from 0 up to (not including) 1, e.g. 0.3, not 1",
        ),
        (
            vec!["staffing", "--arrivals-per-hour", "-1"],
            "error: arrivals per hour must be 0 or more, not -1",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(refused(dir, &args).trim_end(), expected, "{args:?}");
    }
}

#[test]
fn staffing_prints_the_week_from_the_hourly_forecast() {
    let ws = demo_workspace();
    let out = deskbench(
        ws.path(),
        &[
            "staffing",
            "--until",
            "2025-06-30",
            "--tz",
            "UTC",
            "--format",
            "csv",
        ],
    );
    assert!(out.status.success(), "staffing: {}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut lines = text.lines();
    let header = lines.next().expect("a header");
    assert!(
        header.starts_with("weekday,hour,arrivals_per_hour"),
        "{header}"
    );
    assert_eq!(lines.count(), 168, "a row per hour of the week");
}
