//! File import from rows to the store, with rows built here: tickets with their people,
//! groups, tags, custom fields and minutes; re-imports that update by id; bad rows
//! reported with their lines; cancels that change nothing; survey responses joined to
//! their tickets; and a KPI the file cannot support left empty.

use std::sync::atomic::AtomicBool;

use serde_json::json;

use deskbench::analytics::{self, Frame};
use deskbench::sources::csv::import::{import_rows, ImportError, ImportSettings};
use deskbench::sources::csv::preset::Preset;
use deskbench::sources::csv::read::{BadRow, RawRow};
use deskbench::sources::csv::report::{ImportCounts, ImportReport};
use deskbench::sources::csv::scale::Neutral;
use deskbench::store::records::{NewSource, SourceKind};
use deskbench::store::Store;

use crate::fixtures::{range, ts};

/// A workspace store with one `csv` source, and its folder.
struct Imports {
    _dir: tempfile::TempDir,
    store: Store,
    source: i64,
}

/// A new store with one `csv` source named "files", its folder and the source's id.
pub fn store_with_csv_source() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(dir.path()).expect("a new store");
    let w = store.write().expect("a transaction");
    let source = w
        .add_source(&NewSource {
            kind: SourceKind::Csv,
            name: "files".into(),
            base_url: None,
            time_zone: None,
            created_at: 0,
        })
        .expect("a source");
    w.commit().expect("committed");
    (dir, store, source)
}

impl Imports {
    fn new() -> Imports {
        let (dir, store, source) = store_with_csv_source();
        Imports {
            _dir: dir,
            store,
            source,
        }
    }

    fn import(
        &mut self,
        settings: &ImportSettings,
        rows: Vec<Result<RawRow, BadRow>>,
    ) -> Result<ImportReport, ImportError> {
        let cancel = AtomicBool::new(false);
        self.import_until(settings, rows, &cancel, usize::MAX)
    }

    /// Imports, cancelling after `rows_before_cancel` rows have been handed over.
    fn import_until(
        &mut self,
        settings: &ImportSettings,
        rows: Vec<Result<RawRow, BadRow>>,
        cancel: &AtomicBool,
        rows_before_cancel: usize,
    ) -> Result<ImportReport, ImportError> {
        let w = self.store.write().expect("a transaction");
        let mut handed = 0;
        let rows = rows.into_iter().inspect(|_| {
            handed += 1;
            if handed > rows_before_cancel {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        });
        let report = import_rows(&w, self.source, settings, rows, cancel, &mut |_| {})?;
        w.commit().expect("committed");
        Ok(report)
    }

    fn query(&self, sql: &str) -> Vec<String> {
        query(&self.store, sql)
    }

    fn kpi(&self, from: &str, to: &str) -> serde_json::Value {
        kpi(&self.store, from, to)
    }
}

/// Every row of a query on the store's file, its values as text joined by " | "
/// ("null" for NULL).
pub fn query(store: &Store, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(store.path()).expect("the store's file opens");
    let mut stmt = conn.prepare(sql).expect("a query");
    let width = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                cells.push(match r.get::<_, rusqlite::types::Value>(i)? {
                    rusqlite::types::Value::Null => "null".to_owned(),
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Real(x) => x.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    rusqlite::types::Value::Blob(_) => "blob".to_owned(),
                });
            }
            Ok(cells.join(" | "))
        })
        .expect("rows");
    rows.collect::<Result<_, _>>().expect("values")
}

/// The KPI report of `from..=to` in UTC, through the engine.
pub fn kpi(store: &Store, from: &str, to: &str) -> serde_json::Value {
    let frame = Frame::build(store).expect("frame builds");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let query = range(from, to)
        .resolve(today, chrono_tz::Tz::UTC)
        .expect("valid query");
    serde_json::to_value(analytics::run(&frame, &query).expect("query runs")).expect("json")
}

fn rows(lines: &[&[&str]]) -> Vec<Result<RawRow, BadRow>> {
    lines
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            Ok(RawRow {
                line: i as u64 + 1,
                cells: cells.iter().map(|c| c.to_string()).collect(),
            })
        })
        .collect()
}

fn settings(preset: &str, maps: &[&str]) -> ImportSettings {
    let preset = Preset::built_in()
        .into_iter()
        .find(|p| p.name == preset)
        .expect("a built-in preset");
    ImportSettings {
        preset,
        maps: maps.iter().map(|m| m.to_string()).collect(),
        statuses: Vec::new(),
        neutral: Neutral::Bad,
        date_format: Some("%Y-%m-%d %H:%M".into()),
        zone: None,
        account_zone: chrono_tz::Tz::UTC,
    }
}

const TICKET_MAPS: &[&str] = &[
    "Key=id",
    "State=status",
    "Opened=created_at",
    "Replied=first_reply_at",
    "Done=solved_at",
    "Team=group",
    "Agent=assignee",
    "Customer=requester_email",
    "Labels=tags",
    "Region=field:Region",
];

const HEADER: &[&str] = &[
    "Key", "State", "Opened", "Replied", "Done", "Team", "Agent", "Customer", "Labels", "Labels",
    "Region",
];

fn ticket_file() -> Vec<Result<RawRow, BadRow>> {
    rows(&[
        HEADER,
        &[
            "PROJ-12",
            "Resolved",
            "2025-03-03 09:00",
            "2025-03-03 09:30",
            "2025-03-04 09:00",
            "Tier 1",
            "Ann",
            "Bo@Example.com",
            "vpn",
            "login",
            "EU",
        ],
        &[
            "00001026",
            "Open",
            "2025-03-05 10:00",
            "",
            "",
            "Tier 2",
            "",
            "cy@example.com",
            "",
            "",
            "",
        ],
    ])
}

#[test]
fn tickets_keep_text_ids_names_tags_fields_and_calendar_minutes() {
    let mut db = Imports::new();
    let report = db
        .import(&settings("generic", TICKET_MAPS), ticket_file())
        .expect("imported");
    assert_eq!(
        report.counts,
        ImportCounts {
            rows: 2,
            tickets_new: 2,
            ..ImportCounts::default()
        }
    );
    assert!(report.skipped.is_empty());
    assert_eq!(
        db.query(
            "SELECT k.key, t.status, t.created_at, t.solved_at, t.reply_time_calendar,
                    t.full_resolution_time_calendar, t.reply_time_business, g.name, a.name, r.email
             FROM tickets t JOIN import_keys k ON k.kind = 'ticket' AND k.id = t.id
             LEFT JOIN groups g ON g.id = t.group_id
             LEFT JOIN users a ON a.id = t.assignee_id
             LEFT JOIN users r ON r.id = t.requester_id ORDER BY t.id"
        ),
        [
            format!("PROJ-12 | solved | {} | {} | 30 | 1440 | null | Tier 1 | Ann | bo@example.com", ts("2025-03-03T09:00:00Z"), ts("2025-03-04T09:00:00Z")),
            format!("00001026 | open | {} | null | null | null | null | Tier 2 | null | cy@example.com", ts("2025-03-05T10:00:00Z")),
        ],
        "ids stay text (leading zeros kept); minutes come from the instants, business minutes are unknown"
    );
    assert_eq!(
        db.query("SELECT ticket_id, tag FROM ticket_tags ORDER BY tag"),
        ["1 | login", "1 | vpn"]
    );
    assert_eq!(
        db.query("SELECT f.title, v.value FROM ticket_field_values v JOIN ticket_fields f ON f.id = v.field_id"),
        ["Region | \"EU\""]
    );
}

#[test]
fn a_newer_export_updates_tickets_by_id_without_duplicates() {
    let mut db = Imports::new();
    db.import(&settings("generic", TICKET_MAPS), ticket_file())
        .expect("first import");
    let newer = rows(&[
        HEADER,
        &[
            "00001026",
            "Resolved",
            "2025-03-05 10:00",
            "2025-03-05 11:00",
            "2025-03-06 10:00",
            "Tier 2",
            "Ann",
            "cy@example.com",
            "",
            "",
            "",
        ],
        &[
            "PROJ-13",
            "Open",
            "2025-03-07 10:00",
            "",
            "",
            "Tier 1",
            "",
            "",
            "",
            "",
            "",
        ],
    ]);
    let report = db
        .import(&settings("generic", TICKET_MAPS), newer)
        .expect("second import");
    assert_eq!(
        (report.counts.tickets_new, report.counts.tickets_updated),
        (1, 1)
    );
    assert_eq!(
        db.query("SELECT t.id, k.key, t.status FROM tickets t JOIN import_keys k ON k.kind = 'ticket' AND k.id = t.id ORDER BY t.id"),
        ["1 | PROJ-12 | solved", "2 | 00001026 | solved", "3 | PROJ-13 | open"],
    );
    assert_eq!(
        db.query("SELECT count(*) FROM groups"),
        ["2"],
        "groups are kept by name"
    );
    assert_eq!(
        db.query("SELECT count(*) FROM users"),
        ["3"],
        "Ann, bo and cy once each"
    );
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_reason() {
    let mut db = Imports::new();
    let mut file = rows(&[
        HEADER,
        &[
            "A-1",
            "Open",
            "2025-02-30 10:00",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &[
            "A-2",
            "Escalated",
            "2025-03-01 10:00",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &[
            "",
            "Open",
            "2025-03-01 10:00",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &["A-4", "Open"],
        &[
            "A-5",
            "Open",
            "2025-03-01 10:00",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]);
    file.push(Err(BadRow {
        line: 7,
        problem: deskbench::sources::csv::read::RowProblem::BrokenQuotes { through_line: 9 },
    }));
    let report = db
        .import(&settings("generic", TICKET_MAPS), file)
        .expect("imported");
    let lines: Vec<String> = report.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert!(
        lines[0].starts_with("line 2: bad date in created_at: \"2025-02-30 10:00\""),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "line 3: unknown status \"Escalated\"; map it with --status \"Escalated=solved\""
        ),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "line 4: no id");
    assert_eq!(lines[3], "line 5: has 2 cells where the header has 11");
    assert!(lines[4].starts_with("line 7: unreadable: "), "{}", lines[4]);
    assert_eq!(
        (
            report.counts.rows,
            report.counts.skipped,
            report.counts.tickets_new
        ),
        (6, 5, 1)
    );
    assert_eq!(db.query("SELECT count(*) FROM tickets"), ["1"]);
}

#[test]
fn a_user_status_table_turns_unknown_statuses_into_states() {
    let mut db = Imports::new();
    let mut with_status = settings("generic", TICKET_MAPS);
    with_status.statuses = vec!["Escalated=open".into()];
    let file = rows(&[
        HEADER,
        &[
            "A-2",
            "Escalated",
            "2025-03-01 10:00",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]);
    let report = db.import(&with_status, file).expect("imported");
    assert!(report.skipped.is_empty());
    assert_eq!(db.query("SELECT status FROM tickets"), ["open"]);
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let mut db = Imports::new();
    db.import(&settings("generic", TICKET_MAPS), ticket_file())
        .expect("first import");
    let before = db.query("SELECT id, status, updated_at FROM tickets ORDER BY id");
    let mut big = vec![HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for i in 0..5_000 {
        let id = format!("B-{i}");
        big.push(
            [
                id.as_str(),
                "Open",
                "2025-03-01 10:00",
                "",
                "",
                "New team",
                "",
                "",
                "",
                "",
                "",
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    let file: Vec<Result<RawRow, BadRow>> = big
        .into_iter()
        .enumerate()
        .map(|(i, cells)| {
            Ok(RawRow {
                line: i as u64 + 1,
                cells,
            })
        })
        .collect();
    let cancel = AtomicBool::new(false);
    let err = db
        .import_until(&settings("generic", TICKET_MAPS), file, &cancel, 4_000)
        .expect_err("cancelled");
    assert!(matches!(err, ImportError::Cancelled), "{err}");
    assert_eq!(
        db.query("SELECT id, status, updated_at FROM tickets ORDER BY id"),
        before
    );
    assert_eq!(
        db.query("SELECT count(*) FROM groups WHERE name = 'New team'"),
        ["0"]
    );
}

#[test]
fn a_file_without_a_first_reply_column_leaves_that_kpi_empty() {
    let mut db = Imports::new();
    let maps = ["Key=id", "Opened=created_at", "Done=solved_at"];
    let file = rows(&[
        &["Key", "Opened", "Done"],
        &["1", "2025-03-03 09:00", "2025-03-03 13:00"],
        &["2", "2025-03-04 09:00", ""],
    ]);
    db.import(&settings("generic", &maps), file)
        .expect("imported");
    let kpis = &db.kpi("2025-03-01", "2025-03-31")["kpis"];
    assert_eq!(kpis["first_reply_time"]["n"], json!(0));
    assert_eq!(
        kpis["first_reply_time"]["median"],
        json!(null),
        "no made-up number"
    );
    assert_eq!(kpis["full_resolution_time"]["median"], json!(240.0));
    assert_eq!(
        kpis["tickets_solved"],
        json!({"value": 1}),
        "a resolved time and no status: solved"
    );
}

#[test]
fn survey_responses_join_by_ticket_id_else_by_email_and_the_last_solved_ticket() {
    let mut db = Imports::new();
    let maps = [
        "Key=id",
        "Opened=created_at",
        "Done=solved_at",
        "Customer=requester_email",
    ];
    let tickets = rows(&[
        &["Key", "Opened", "Done", "Customer"],
        &[
            "T-1",
            "2025-03-01 09:00",
            "2025-03-01 12:00",
            "dee@example.com",
        ],
        &[
            "T-2",
            "2025-03-05 09:00",
            "2025-03-05 12:00",
            "dee@example.com",
        ],
        &["T-3", "2025-03-06 09:00", "", "eve@example.com"],
    ]);
    db.import(&settings("generic", &maps), tickets)
        .expect("tickets");
    let survey = rows(&[
        &["Response", "Ticket", "Email", "Score", "Said", "When"],
        &["r1", "T-1", "", "5", "quick", "2025-03-02 10:00"],
        &["r2", "", "DEE@example.com", "2", "", "2025-03-06 10:00"],
        &["r3", "", "dee@example.com", "3", "", "2025-03-02 10:00"],
        &["r4", "T-9", "eve@example.com", "4", "", "2025-03-07 10:00"],
        &["r5", "", "", "4", "", "2025-03-07 10:00"],
    ]);
    let survey_maps = [
        "Response=id",
        "Ticket=ticket_id",
        "Email=requester_email",
        "Score=score",
        "Said=comment",
        "When=rated_at",
    ];
    let report = db
        .import(&settings("generic", &survey_maps), survey)
        .expect("ratings");
    assert_eq!(
        (report.counts.ratings, report.counts.ratings_unmatched),
        (3, 2)
    );
    assert_eq!(
        db.query(
            "SELECT r.ticket_id, r.score, r.comment FROM satisfaction_ratings r ORDER BY r.id"
        ),
        ["1 | good | quick", "2 | bad | null", "1 | bad | null"],
        "r2 joins T-2 (solved last before it), r3 T-1; a neutral 3 counts as bad by default"
    );
    let unmatched: Vec<String> = report.skipped.iter().map(|s| s.line.to_string()).collect();
    assert_eq!(
        unmatched,
        ["5", "6"],
        "eve's ticket is unsolved, r5 has nothing to join by"
    );

    let mut exclude = settings("generic", &survey_maps);
    exclude.neutral = Neutral::Exclude;
    let again = rows(&[
        &["Response", "Ticket", "Email", "Score", "Said", "When"],
        &["r3", "T-1", "", "3", "", "2025-03-02 10:00"],
        &["r6", "T-2", "", "4", "", "2025-03-08 10:00"],
    ]);
    let report = db.import(&exclude, again).expect("ratings again");
    assert_eq!(
        (report.counts.ratings, report.counts.neutral_excluded),
        (1, 1)
    );
    assert_eq!(
        db.query("SELECT r.ticket_id, r.score FROM satisfaction_ratings r ORDER BY r.id"),
        ["1 | good", "2 | bad", "2 | good"],
        "r3, a neutral answer now left out, is removed; r6 is added"
    );
}

#[test]
fn a_ticket_file_imported_again_with_neutral_left_out_removes_the_earlier_neutral_rating() {
    let mut db = Imports::new();
    let maps = ["Key=id", "Opened=created_at", "Score=score"];
    let file = || {
        rows(&[
            &["Key", "Opened", "Score"],
            &["T-1", "2025-03-01 09:00", "3"],
            &["T-2", "2025-03-02 09:00", "5"],
        ])
    };
    db.import(&settings("generic", &maps), file())
        .expect("first import");
    assert_eq!(
        db.query("SELECT ticket_id, score FROM satisfaction_ratings ORDER BY ticket_id"),
        ["1 | bad", "2 | good"],
        "a neutral 3 counts as bad by default"
    );
    let mut exclude = settings("generic", &maps);
    exclude.neutral = Neutral::Exclude;
    db.import(&exclude, file()).expect("second import");
    assert_eq!(
        db.query("SELECT ticket_id, score FROM satisfaction_ratings ORDER BY ticket_id"),
        ["2 | good"],
        "T-1's neutral answer is left out now, so its earlier rating goes"
    );
    assert_eq!(
        db.query("SELECT count(*) FROM tickets"),
        ["2"],
        "the tickets stay"
    );
}
