//! Malformed import files: rows of any length holding any text, bad dates, unknown
//! statuses and empty ids never panic, and every row is either imported or reported
//! with its line; and a file with a broken quote, invalid UTF-8, a cell over 1 MB, a
//! short row and an impossible date imports its good rows and names each bad one.

use std::io::Write;
use std::sync::atomic::AtomicBool;

use proptest::prelude::*;

use deskbench::app::import::ImportRequest;
use deskbench::app::Session;
use deskbench::sources::csv::import::{import_rows, ImportSettings};
use deskbench::sources::csv::preset::Preset;
use deskbench::sources::csv::read::RawRow;
use deskbench::sources::csv::scale::Neutral;
use deskbench::store::records::{NewSource, SourceKind};
use deskbench::store::Store;

use super::proptest_pages::config;

const HEADER: [&str; 6] = ["Key", "State", "Opened", "Team", "Labels", "Score"];

/// A cell: one of the values a column expects, a near miss, or any text.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "",
            " ",
            "K-1",
            "K-1",
            "0001",
            "Open",
            "solved",
            "Pending",
            "Escalated",
            "2025-03-01 10:00",
            "2025-02-30 10:00",
            "03/01/2025",
            "45000.5",
            "5",
            "11",
            "Great",
            "\u{feff}",
            "a,b",
            "\"",
            "é",
            "Tier 1",
        ])
        .prop_map(str::to_owned),
        ".{0,40}",
    ]
}

fn row() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        proptest::collection::vec(cell(), 6),
        proptest::collection::vec(cell(), 0..9),
    ]
}

fn settings(survey: bool) -> ImportSettings {
    let maps: &[&str] = if survey {
        &[
            "Key=ticket_id",
            "Opened=rated_at",
            "Score=score",
            "Team=requester_email",
        ]
    } else {
        &[
            "Key=id",
            "State=status",
            "Opened=created_at",
            "Team=group",
            "Labels=tags",
            "Score=score",
        ]
    };
    ImportSettings {
        preset: Preset::find("generic", std::path::Path::new("")).expect("built in"),
        maps: maps.iter().map(|m| m.to_string()).collect(),
        statuses: Vec::new(),
        neutral: Neutral::Exclude,
        date_format: None,
        zone: None,
        account_zone: chrono_tz::Tz::UTC,
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn proptest_every_row_is_imported_or_reported_with_its_line(
        rows in proptest::collection::vec(row(), 0..40),
        survey in any::<bool>(),
    ) {
        let mut store = Store::open_in_memory().expect("a store");
        let w = store.write().expect("a transaction");
        let source = w
            .add_source(&NewSource { kind: SourceKind::Csv, name: "f".into(), base_url: None, time_zone: None, created_at: 0 })
            .expect("a source");
        let header = RawRow { line: 1, cells: HEADER.iter().map(|s| s.to_string()).collect() };
        let data: Vec<RawRow> = rows
            .into_iter()
            .enumerate()
            .map(|(i, cells)| RawRow { line: i as u64 + 2, cells })
            .collect();
        let lines: Vec<u64> = data.iter().map(|r| r.line).collect();
        let all = std::iter::once(header).chain(data).map(Ok);
        let result = import_rows(&w, source, &settings(survey), all, &AtomicBool::new(false), &mut |_| {});
        // A file whose dates no format reads is refused whole, with a message.
        if let Ok(report) = result {
            let c = &report.counts;
            prop_assert_eq!(c.rows, lines.len() as u64);
            // An unmatched rating is a skipped row; a ticket row carries its rating.
            let imported = if survey {
                c.ratings + c.neutral_excluded
            } else {
                c.tickets_new + c.tickets_updated
            };
            prop_assert_eq!(imported + c.skipped, c.rows, "{:?}", c);
            for skipped in &report.skipped {
                prop_assert!(lines.contains(&skipped.line), "{}", skipped);
                prop_assert!(skipped.to_string().lines().count() == 1, "{}", skipped);
            }
        } else if let Err(err) = result {
            prop_assert!(!err.to_string().is_empty());
        }
    }
}

#[test]
fn a_malformed_file_imports_its_good_rows_and_names_each_bad_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("broken.csv");
    let mut text: Vec<u8> = Vec::new();
    text.extend_from_slice(b"Key,Subject,State,Opened\n");
    text.extend_from_slice("K-1,Café,Open,2025-03-01 10:00\n".as_bytes());
    text.extend_from_slice(b"K-2,");
    text.extend(std::iter::repeat_n(b'x', 2 << 20));
    text.extend_from_slice(b",Open,2025-03-01 10:00\n");
    text.extend_from_slice(b"K-3,bad \xff byte,Open,2025-03-01 10:00\n");
    text.extend_from_slice(b"K-4,Too,few\n");
    text.extend_from_slice(b"K-5,Date,Open,2025-13-45 10:00\n");
    text.extend_from_slice(b"K-6,Fine,Open,2025-03-02 10:00\n");
    text.extend_from_slice(b"K-7,\"broken quote,Open,2025-03-01 10:00\n");
    std::fs::File::create(&file)
        .and_then(|mut f| f.write_all(&text))
        .expect("the file is written");
    let session = Session::new(dir.path().join("ws"));
    session.open().expect("a workspace");
    let request = ImportRequest {
        file,
        maps: [
            "Key=id",
            "Subject=subject",
            "State=status",
            "Opened=created_at",
        ]
        .map(String::from)
        .to_vec(),
        tz: Some("UTC".into()),
        ..ImportRequest::default()
    };
    let outcome = session
        .import_file(&request, &AtomicBool::new(false), &mut |_| {})
        .expect("the good rows are imported");
    let lines: Vec<u64> = outcome.report.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 8], "{:#?}", outcome.report.skipped);
    assert_eq!(outcome.report.counts.tickets_new, 2, "K-1 and K-6");
    let reasons: Vec<String> = outcome
        .report
        .skipped
        .iter()
        .map(|s| s.reason.to_string())
        .collect();
    assert!(reasons[0].contains("longer than 1 MB"), "{}", reasons[0]);
    assert!(reasons[1].contains("invalid UTF-8"), "{}", reasons[1]);
    assert_eq!(reasons[2], "has 3 cells where the header has 4");
    assert!(
        reasons[3].starts_with("bad date in created_at: \"2025-13-45 10:00\""),
        "{}",
        reasons[3]
    );
    assert!(reasons[4].contains("broken quotes"), "{}", reasons[4]);
}
