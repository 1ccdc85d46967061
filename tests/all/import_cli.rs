//! `deskbench import` and `deskbench status` on a fixture file: what was detected, the
//! counts and the skipped rows with their lines; a saved preset used again; bad input
//! refused in one line.

use crate::cli::{deskbench, stderr};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn import_prints_what_it_read_and_status_lists_the_skipped_rows() {
    let ws = tempfile::tempdir().expect("a temporary folder");
    let file = fixture("helpscout.csv");
    let out = deskbench(
        ws.path(),
        &["import", &file, "--preset", "helpscout", "--tz", "UTC"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    for line in [
        "Read helpscout.csv: CSV, UTF-8, comma-separated",
        "Dates: %Y-%m-%d %H:%M:%S in UTC",
        "Imported into helpscout-helpscout (new source): 2 new tickets, 0 updated, 2 ratings; 1 row skipped:",
        "  line 3: unknown status \"spam\"; map it with --status \"spam=solved\" (or new, open, pending, hold, closed)",
    ] {
        assert!(printed.lines().any(|l| l == line), "{line:?} in:\n{printed}");
    }
    let status = deskbench(ws.path(), &["status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let listed = stdout(&status);
    assert!(
        listed.contains("Last import: helpscout.csv into helpscout-helpscout ("),
        "{listed}"
    );
    assert!(
        listed.contains("): 3 rows, 1 skipped:\n  line 3: unknown status \"spam\""),
        "{listed}"
    );
}

#[test]
fn a_saved_mapping_is_used_again_by_name() {
    let ws = tempfile::tempdir().expect("a temporary folder");
    let file = fixture("hubspot.csv");
    let maps = [
        "--map",
        "Ticket ID=id",
        "--map",
        "Create date=created_at",
        "--map",
        "Ticket status=status",
    ];
    let mut first = vec![
        "import",
        file.as_str(),
        "--tz",
        "UTC",
        "--status",
        "Waiting on contact=pending",
        "--status",
        "Closed=solved",
        "--save-preset",
        "our-hubspot",
        "--dry-run",
    ];
    first.extend(maps);
    let out = deskbench(ws.path(), &first);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Dry run: nothing was written."),
        "{}",
        stdout(&out)
    );
    let again = deskbench(
        ws.path(),
        &["import", &file, "--preset", "our-hubspot", "--tz", "UTC"],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("Imported into our-hubspot-hubspot (new source): 2 new tickets, 0 updated, 0 ratings; no rows skipped"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn unknown_presets_fields_and_zones_are_refused_in_one_line() {
    let ws = tempfile::tempdir().expect("a temporary folder");
    let file = fixture("hubspot.csv");
    for (args, says) in [
        (
            vec!["--preset", "zendesk"],
            "no preset named \"zendesk\"; the presets are generic, jira,",
        ),
        (
            vec!["--map", "Ticket ID=identifier"],
            "\"identifier\" is not a field; use one of id, subject,",
        ),
        (
            vec!["--preset", "hubspot", "--tz", "Mars/Olympus"],
            "\"Mars/Olympus\" is not an IANA time zone",
        ),
        (
            vec!["--map", "Ticket ID=id"],
            "the file has no column for created_at; map one with --map \"COLUMN=created_at\"",
        ),
    ] {
        let mut all = vec!["import", file.as_str()];
        all.extend(args);
        let out = deskbench(ws.path(), &all);
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(
            err.starts_with("error: ") && err.contains(says),
            "{says:?} in {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn imported_tickets_are_listed_searched_and_exported_by_the_ids_of_their_file() {
    let ws = tempfile::tempdir().expect("a temporary folder");
    let file = fixture("jira.csv");
    let imported = deskbench(
        ws.path(),
        &["import", &file, "--preset", "jira", "--tz", "Europe/Berlin"],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    let range = ["--from", "2025-03-01", "--to", "2025-03-31"];
    let listed = deskbench(
        ws.path(),
        &[
            &["tickets", "--of", "tickets_created", "--sort", "id"],
            &range[..],
        ]
        .concat(),
    );
    assert!(listed.status.success(), "{}", stderr(&listed));
    let list: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let ids: Vec<&str> = list["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|row| row["file_id"].as_str())
        .collect();
    assert_eq!(&ids[..2], ["SUP-101", "SUP-102"], "{list}");

    let table = deskbench(
        ws.path(),
        &[
            &["tickets", "--of", "tickets_created", "--search", "sup-102"],
            &range[..],
            &["--format", "table"],
        ]
        .concat(),
    );
    assert!(table.status.success(), "{}", stderr(&table));
    let printed = stdout(&table);
    assert!(
        printed.contains("SUP-102") && !printed.contains("SUP-101"),
        "the search finds the ticket by its file's id, ignoring case: {printed}"
    );

    let out = ws.path().join("tickets.csv");
    let out_arg = out.display().to_string();
    let exported = deskbench(
        ws.path(),
        &[
            &[
                "export",
                "tickets",
                "--of",
                "tickets_created",
                "--sort",
                "id",
            ],
            &range[..],
            &["--out", &out_arg],
        ]
        .concat(),
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    let csv = std::fs::read_to_string(&out).expect("the export");
    let first = csv
        .lines()
        .find(|l| l.starts_with("SUP-"))
        .unwrap_or_default();
    assert!(first.starts_with("SUP-101,"), "{csv}");
}
