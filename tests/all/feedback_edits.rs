//! Merged and split themes on the demo: kept in a workspace, they are found again when
//! themes are computed on changed data (a month less, two months more before: what a
//! new sync and another period change), and hold the tickets of the themes they were
//! made of.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use deskbench::feedback::report::{FeedbackReport, Theme, ThemeEditKind};
use deskbench::feedback::text::Lang;
use deskbench::feedback::theme_edits;
use deskbench::store::TicketKey;
use deskbench::workspace::Workspace;

use crate::cli::{deskbench, stderr};
use crate::feedback::{demo, planted, range_bounds, run, run_range};

/// A copy of the demo workspace, so its edits reach no other test.
fn copy_of(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_of(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The English theme holding a topic (`feedback::holder`); the demo has one for each.
fn holder<'r>(
    report: &'r FeedbackReport,
    truth: &HashMap<i64, (String, Lang)>,
    reason: &str,
) -> &'r Theme {
    crate::feedback::holder(report, truth, reason, Lang::En)
        .unwrap_or_else(|| panic!("the demo's {reason} has an English theme"))
}

fn tickets<'a>(themes: impl IntoIterator<Item = &'a Theme>) -> BTreeSet<TicketKey> {
    themes.into_iter().flat_map(|t| t.tickets.clone()).collect()
}

fn edited(report: &FeedbackReport, kind: ThemeEditKind) -> Vec<&Theme> {
    report
        .themes
        .iter()
        .filter(|t| t.edit.as_ref().is_some_and(|e| e.kind == kind))
        .collect()
}

#[test]
fn merged_and_split_themes_survive_themes_computed_again_on_changed_data() {
    let (dir, original) = demo();
    let copy = tempfile::tempdir().unwrap();
    copy_of(dir, copy.path());
    let mut workspace = Workspace::open(copy.path()).unwrap();
    let (start, end) = range_bounds();
    let truth = planted(dir, start - 61 * 86_400, end);

    let first = run(&workspace, "tickets");
    let login = holder(&first, &truth, "contact_login_problem");
    let password = holder(&first, &truth, "contact_password_reset");
    let charge = holder(&first, &truth, "contact_double_charge");
    let phrase = charge.terms[1].clone();
    let w = workspace.store_mut().write().unwrap();
    let merge = theme_edits::merged(&[login, password], Some("Getting in"));
    w.add_theme_edit("en", &merge, 1).unwrap();
    w.add_theme_edit("en", &theme_edits::split_off(charge, &phrase), 2)
        .unwrap();
    w.commit().unwrap();

    let (from, to) = ("2025-05-01", "2025-11-30");
    let second = run_range(&workspace, "tickets", from, to);
    let unedited = run_range(&original, "tickets", from, to);

    let merged = edited(&second, ThemeEditKind::Merged);
    assert_eq!(merged.len(), 1, "the merge finds both themes again");
    assert_eq!(merged[0].label, "Getting in");
    let parts = [
        holder(&unedited, &truth, "contact_login_problem"),
        holder(&unedited, &truth, "contact_password_reset"),
    ];
    assert_eq!(
        tickets([merged[0]]),
        tickets(parts),
        "the merged theme is both themes of the new run"
    );

    let (off, rest) = (
        edited(&second, ThemeEditKind::SplitOff),
        edited(&second, ThemeEditKind::SplitRest),
    );
    assert_eq!(
        (off.len(), rest.len()),
        (1, 1),
        "the split finds its theme again"
    );
    assert_eq!(off[0].label, phrase, "named by its phrase");
    assert!(off[0].count > 0 && rest[0].count > 0);
    assert_eq!(
        tickets([off[0], rest[0]]),
        tickets([holder(&unedited, &truth, "contact_double_charge")]),
        "the two parts are the theme of the new run"
    );
    assert_eq!(
        second.themes.len(),
        unedited.themes.len(),
        "one fewer, one more"
    );
}

#[test]
fn the_cli_merges_splits_and_undoes_and_reports_the_edited_themes() {
    let dir = crate::cli::demo_workspace();
    let feedback = |edit: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "feedback",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--tz",
            "UTC",
            "--lang",
            "en",
        ];
        args.extend(edit);
        let out = deskbench(dir.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let themes = |report: &serde_json::Value| report["themes"].as_array().unwrap().clone();
    let kinds = |report: &serde_json::Value| -> Vec<String> {
        themes(report)
            .iter()
            .filter_map(|t| t["edit"]["kind"].as_str().map(str::to_owned))
            .collect()
    };
    let before = feedback(&[]);
    let ids: Vec<String> = themes(&before)
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.len() >= 3, "the demo has English themes: {ids:?}");

    let merge = format!("{},{}", ids[0], ids[2]);
    let merged = feedback(&["--merge", &merge, "--name", "Access"]);
    assert_eq!(kinds(&merged), ["merged"]);
    let theme = themes(&merged)
        .into_iter()
        .find(|t| t["label"] == "Access")
        .expect("named as asked");
    assert_eq!(theme["renamed"], true);
    let undone = feedback(&["--undo", theme["id"].as_str().unwrap()]);
    assert!(kinds(&undone).is_empty());
    assert_eq!(themes(&undone), themes(&before), "as before the merge");

    let phrase = themes(&before)[0]["terms"][1].as_str().unwrap().to_owned();
    let split = feedback(&["--split", &ids[0], "--by", &phrase]);
    let mut parts = kinds(&split);
    parts.sort();
    assert_eq!(parts, ["split_off", "split_rest"]);
    let table = deskbench(
        dir.path(),
        &[
            "feedback",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--tz",
            "UTC",
            "--format",
            "table",
        ],
    );
    let listed = String::from_utf8_lossy(&table.stdout);
    assert!(listed.contains("split off"));
    assert!(
        listed.contains("Theme edits") && listed.contains("split by"),
        "{listed}"
    );
    assert!(
        themes(&split).iter().any(|t| t["id"] == ids[1].as_str()),
        "a theme the split left alone keeps its id"
    );
    let edit = split["edits"][0]["id"].as_i64().unwrap().to_string();
    let removed = feedback(&["--remove-edit", &edit]);
    assert!(kinds(&removed).is_empty() && removed["edits"] == serde_json::json!([]));

    for (args, says) in [
        (
            &["--merge", "en-1,en-2", "--undo", "en-1"][..],
            "cannot be used with",
        ),
        (&["--by", "refund"][..], "--split"),
        (&["--merge", &ids[0]][..], "two or more"),
        (&["--undo", "en-99"][..], "no theme \"en-99\""),
        (&["--remove-edit", "99"][..], "no theme edit 99"),
    ] {
        let mut full = vec!["feedback", "--from", "2025-01-01", "--to", "2025-06-30"];
        full.extend(args);
        let out = deskbench(dir.path(), &full);
        assert!(!out.status.success(), "{args:?} is refused");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}
