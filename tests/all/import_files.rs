//! A fixture file per preset (`tests/fixtures/import/`, written from the column lists of
//! imports.md), each imported into a fresh workspace through the application's use case
//! and checked ticket by ticket and rating by rating: UTF-8 with a BOM, UTF-16 tabs,
//! `;`-separated Windows-1252, footer lines, two and three header rows, zones stated in
//! headers; and a dry run, a re-import and a cancel that change what they should.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use serde_json::json;

use deskbench::app::import::{ImportOutcome, ImportRequest};
use deskbench::app::{AppError, Session};
use deskbench::sources::csv::read::TextEncoding;
use deskbench::store::Store;

use crate::import_rows::{kpi, query};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A fresh workspace folder and a session on it.
fn workspace() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let session = Session::new(dir.path().to_owned()).with_clock(|| 1_750_000_000);
    session.open().expect("a new workspace opens");
    (dir, session)
}

fn request(file: &str, preset: &str, tz: &str) -> ImportRequest {
    ImportRequest {
        file: fixture(file),
        preset: Some(preset.to_owned()),
        tz: Some(tz.to_owned()),
        ..ImportRequest::default()
    }
}

fn run(session: &Session, request: &ImportRequest) -> Result<ImportOutcome, AppError> {
    session.import_file(request, &AtomicBool::new(false), &mut |_| {})
}

fn import(session: &Session, request: &ImportRequest) -> ImportOutcome {
    run(session, request).unwrap_or_else(|err| panic!("{}: {err}", request.file.display()))
}

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open(dir.path()).expect("the workspace's store")
}

/// Each ticket: id, status, priority, channel, created, solved (UTC), first reply and
/// full resolution minutes, group, assignee, requester, organization, tags.
fn tickets(store: &Store) -> Vec<String> {
    query(
        store,
        "SELECT k.key, t.status, t.priority, t.channel, datetime(t.created_at, 'unixepoch'),
                datetime(t.solved_at, 'unixepoch'), t.reply_time_calendar,
                t.full_resolution_time_calendar, g.name, a.name, r.name, o.name,
                (SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tags x
                  WHERE x.source_id = t.source_id AND x.ticket_id = t.id ORDER BY tag))
         FROM tickets t
         JOIN import_keys k ON k.source_id = t.source_id AND k.kind = 'ticket' AND k.id = t.id
         LEFT JOIN groups g ON g.source_id = t.source_id AND g.id = t.group_id
         LEFT JOIN users a ON a.source_id = t.source_id AND a.id = t.assignee_id
         LEFT JOIN users r ON r.source_id = t.source_id AND r.id = t.requester_id
         LEFT JOIN organizations o ON o.source_id = t.source_id AND o.id = t.organization_id
         ORDER BY t.id",
    )
}

/// Each rating: its key, its ticket's id, score, comment, time (UTC).
fn ratings(store: &Store) -> Vec<String> {
    query(
        store,
        "SELECT rk.key, tk.key, r.score, r.comment, datetime(r.created_at, 'unixepoch')
         FROM satisfaction_ratings r
         JOIN import_keys rk ON rk.source_id = r.source_id AND rk.kind = 'rating' AND rk.id = r.id
         JOIN import_keys tk ON tk.source_id = r.source_id AND tk.kind = 'ticket' AND tk.id = r.ticket_id
         ORDER BY r.id",
    )
}

fn skipped(outcome: &ImportOutcome) -> Vec<String> {
    outcome
        .report
        .skipped
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn jira_utf8_with_a_bom_repeated_labels_and_a_quoted_newline() {
    let (dir, session) = workspace();
    let outcome = import(&session, &request("jira.csv", "jira", "Europe/Berlin"));
    assert_eq!(outcome.source, "jira-jira");
    assert_eq!(outcome.shape.encoding, Some(TextEncoding::Utf8Bom));
    assert!(outcome.new_source);
    assert!(skipped(&outcome).is_empty(), "{:?}", skipped(&outcome));
    let store = store(&dir);
    assert_eq!(
        tickets(&store),
        [
            "SUP-101 | solved | high | null | 2025-03-03 08:05:00 | 2025-03-04 08:05:00 | null | 1440 | null | Ann Lee | bo@example.com | null | network,vpn",
            "SUP-102 | pending | normal | null | 2025-03-05 13:30:00 | null | null | null | null | null | cy@example.com | null | billing",
        ]
    );
    let subject = query(&store, "SELECT subject FROM tickets WHERE id = 2");
    assert!(
        subject[0].starts_with("Invoice shows \"wrong\" total")
            && subject[0].ends_with("on two lines"),
        "{subject:?}"
    );
    assert_eq!(
        ratings(&store),
        ["ticket:SUP-101 | SUP-101 | good | null | 2025-03-04 09:00:00"]
    );
    assert_eq!(
        query(&store, "SELECT f.title, v.value FROM ticket_field_values v JOIN ticket_fields f ON f.id = v.field_id ORDER BY v.ticket_id"),
        ["Region | \"EU\"", "Region | \"US\""]
    );
}

#[test]
fn servicenow_field_names_with_every_value_quoted() {
    let (dir, session) = workspace();
    import(&session, &request("servicenow.csv", "servicenow", "UTC"));
    assert_eq!(
        tickets(&store(&dir)),
        [
            "INC0010001 | solved | high | email | 2025-03-03 08:00:00 | 2025-03-03 11:00:00 | null | 180 | Service Desk | Ann Lee | Dee Fox | null | null",
            "INC0010002 | hold | low | phone | 2025-03-04 09:00:00 | null | null | null | Hardware | null | Eve Gray | null | null",
            "INC0010003 | closed | normal | self-service | 2025-03-01 07:00:00 | 2025-03-01 07:30:00 | null | 30 | Service Desk | Ann Lee | Dee Fox | null | null",
        ],
        "resolved is preferred to closed; priorities 1-5 become urgent..low"
    );
}

#[test]
fn zoho_semicolons_in_windows_1252_with_happiness_labels() {
    let (dir, session) = workspace();
    let outcome = import(&session, &request("zoho.csv", "zoho", "Europe/Paris"));
    assert_eq!(outcome.shape.delimiter, Some(b';'));
    assert_eq!(outcome.shape.encoding, Some(TextEncoding::Windows1252));
    let store = store(&dir);
    assert_eq!(
        tickets(&store),
        [
            "1042 | closed | high | Email | 2025-03-05 09:15:00 | 2025-03-06 08:00:00 | null | 1365 | Facturation | Zoé Martin | anais@example.fr | null | null",
            "1043 | hold | normal | Web | 2025-03-06 13:00:00 | null | null | null | Support | Zoé Martin | jose@example.es | null | null",
        ]
    );
    assert_eq!(
        query(&store, "SELECT subject FROM tickets ORDER BY id"),
        ["Réclamation facture", "Problème de connexion"]
    );
    assert_eq!(
        ratings(&store),
        [
            "ticket:1042 | 1042 | good | null | 2025-03-06 08:00:00",
            "ticket:1043 | 1043 | bad | null | 2025-03-06 13:00:00",
        ],
        "Okay is neutral, which counts as bad by default"
    );
}

#[test]
fn intercom_utf16_tabs_with_the_zone_in_the_headers_and_its_kpis() {
    let (dir, session) = workspace();
    let mut req = request("intercom.txt", "intercom", "UTC");
    req.tz = None;
    let outcome = import(&session, &req);
    assert_eq!(outcome.shape.delimiter, Some(b'\t'));
    assert_eq!(outcome.shape.encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(
        outcome.report.zone,
        chrono_tz::America::New_York,
        "stated in the headers"
    );
    let store = store(&dir);
    assert_eq!(
        tickets(&store),
        [
            "215467 | solved | null | Chat | 2025-03-10 13:00:00 | 2025-03-10 14:00:00 | 12 | 60 | Support | Ann Lee | null | null | billing,refund",
            "215468 | open | null | Email | 2025-03-10 15:00:00 | null | null | null | Support | null | null | null | null",
        ]
    );
    assert_eq!(
        ratings(&store),
        ["ticket:215467 | 215467 | good | Quick and kind | 2025-03-10 14:00:00"]
    );
    let kpis = &kpi(&store, "2025-03-01", "2025-03-31")["kpis"];
    assert_eq!(kpis["tickets_created"], json!({"value": 2}));
    assert_eq!(kpis["first_reply_time"]["median"], json!(12.0));
    assert_eq!(kpis["full_resolution_time"]["median"], json!(60.0));
    assert_eq!(kpis["csat"]["value"], json!(1.0));
}

#[test]
fn hubspot_long_ids_stay_text() {
    let (dir, session) = workspace();
    import(&session, &request("hubspot.csv", "hubspot", "UTC"));
    assert_eq!(
        tickets(&store(&dir)),
        [
            "10234567890 | solved | high | Email | 2025-03-01 15:17:00 | 2025-03-02 08:00:00 | 43 | 1003 | Support Pipeline | Ann Lee | null | null | null",
            "10234567891 | pending | low | Chat | 2025-03-03 10:00:00 | null | null | null | Support Pipeline | null | null | null | null",
        ]
    );
}

#[test]
fn salesforce_leading_zeros_us_dates_and_footer_lines() {
    let (dir, session) = workspace();
    let outcome = import(
        &session,
        &request("salesforce.csv", "salesforce", "America/Los_Angeles"),
    );
    assert!(
        skipped(&outcome).is_empty(),
        "footer lines are not bad rows: {:?}",
        skipped(&outcome)
    );
    assert!(
        outcome.report.counts.footer_lines >= 5,
        "{:?}",
        outcome.report.counts
    );
    assert_eq!(
        outcome.report.date_format.to_string(),
        "%m/%d/%Y %I:%M %p",
        "14 and 15 are days"
    );
    assert_eq!(
        tickets(&store(&dir)),
        [
            "00001026 | solved | normal | Phone | 2025-03-14 16:05:00 | 2025-03-14 18:05:00 | null | 120 | null | Ann Lee | Dee Fox | Acme | null",
            "00001027 | new | high | Web | 2025-03-15 20:30:00 | null | null | null | null | Support Queue | Eve Gray | Globex | null",
        ]
    );
}

#[test]
fn helpscout_reports_a_status_it_cannot_map() {
    let (dir, session) = workspace();
    let outcome = import(&session, &request("helpscout.csv", "helpscout", "UTC"));
    assert_eq!(
        skipped(&outcome),
        ["line 3: unknown status \"spam\"; map it with --status \"spam=solved\" (or new, open, pending, hold, closed)"]
    );
    let store = store(&dir);
    assert_eq!(
        tickets(&store),
        [
            "2001 | solved | null | null | 2025-03-05 10:00:00 | 2025-03-05 12:00:00 | 20 | 120 | Support | Ann Lee | fay@example.com | null | orders,shipping",
            "2003 | open | null | null | 2025-03-06 09:00:00 | null | null | null | Support | Ann Lee | gus@example.com | null | null",
        ]
    );
    assert_eq!(
        ratings(&store),
        [
            "ticket:2001 | 2001 | good | Thanks! | 2025-03-05 12:00:00",
            "ticket:2003 | 2003 | bad | Slow | 2025-03-06 09:00:00",
        ]
    );
}

/// The Freshdesk fixture imported as the source "helpdesk", for the survey files.
fn helpdesk() -> (tempfile::TempDir, Session) {
    let (dir, session) = workspace();
    let mut req = request("freshdesk.csv", "freshdesk", "UTC");
    req.source = Some("helpdesk".into());
    import(&session, &req);
    (dir, session)
}

#[test]
fn freshdesk_csv_with_survey_results_and_a_product_field() {
    let (dir, _session) = helpdesk();
    let store = store(&dir);
    assert_eq!(
        tickets(&store),
        [
            "301 | closed | normal | Email | 2025-03-03 10:00:00 | 2025-03-03 12:00:00 | 30 | 120 | Tier 1 | Ann Lee | hal@example.com | Initech | 2fa,account",
            "302 | open | urgent | Portal | 2025-03-04 08:00:00 | null | null | null | Tier 2 | null | ida@example.com | Initech | null",
        ]
    );
    assert_eq!(
        ratings(&store),
        ["ticket:301 | 301 | good | null | 2025-03-05 12:00:00"]
    );
    assert_eq!(
        query(&store, "SELECT f.title, v.value FROM ticket_field_values v JOIN ticket_fields f ON f.id = v.field_id ORDER BY v.ticket_id"),
        ["Product | \"Web App\"", "Product | \"Web App\""]
    );
}

#[test]
fn surveymonkey_two_header_rows_joined_by_custom_variable_or_email() {
    let (dir, session) = helpdesk();
    let mut req = request("surveymonkey.csv", "surveymonkey", "UTC");
    req.source = Some("helpdesk".into());
    let outcome = import(&session, &req);
    assert_eq!(
        skipped(&outcome),
        ["line 5: no ticket matches its ticket id or its email, so the rating is not stored"],
        "Ida's only ticket is not solved"
    );
    assert_eq!(
        ratings(&store(&dir))[1..],
        [
            "114000001 | 301 | good | Great help | 2025-03-06 09:02:00",
            "114000002 | 301 | bad | Second issue | 2025-03-07 10:05:00",
        ]
    );
}

#[test]
fn qualtrics_three_header_rows_its_zone_and_only_finished_real_responses() {
    let (dir, session) = helpdesk();
    let mut req = request("qualtrics.csv", "qualtrics", "UTC");
    req.tz = None;
    req.maps = vec!["Q2=comment".into()];
    let outcome = import(&session, &req);
    assert_eq!(
        outcome.report.zone,
        chrono_tz::America::Denver,
        "from the third header row"
    );
    assert_eq!(
        skipped(&outcome),
        [
            "line 5: left out: Status is \"Survey Preview\"",
            "line 6: left out: Finished is \"False\""
        ]
    );
    assert_eq!(
        ratings(&store(&dir))[1..],
        [
            "R_aaa111 | 301 | good | Loved it | 2025-03-06 15:03:00",
            "R_ccc333 | 302 | bad | null | 2025-03-07 17:04:00",
        ]
    );
}

#[test]
fn typeform_dates_in_utc_and_partial_responses_left_out() {
    let (dir, session) = helpdesk();
    let mut req = request("typeform.csv", "typeform", "Asia/Tokyo");
    req.tz = None;
    req.source = Some("helpdesk".into());
    let outcome = import(&session, &req);
    assert_eq!(
        skipped(&outcome),
        ["line 3: left out: Response Type is \"partial\""]
    );
    assert_eq!(
        ratings(&store(&dir))[1..],
        [
            "a1b2c3 | 302 | good | All good | 2025-03-08 10:01:00",
            "g7h8i9 | 301 | bad | Too slow | 2025-03-08 12:02:00",
        ]
    );
}

#[test]
fn a_dry_run_counts_what_an_import_would_do_and_writes_nothing() {
    let (dir, session) = workspace();
    let mut req = request("helpscout.csv", "helpscout", "UTC");
    req.dry_run = true;
    let dry = import(&session, &req);
    assert_eq!(dry.report.preview.len(), 2);
    assert_eq!(
        dry.report.preview[0][0],
        ("id".to_owned(), "2001".to_owned())
    );
    let store = store(&dir);
    assert_eq!(
        query(&store, "SELECT count(*) FROM sources"),
        ["0"],
        "not even the source"
    );
    req.dry_run = false;
    let real = import(&session, &req);
    assert_eq!(real.report.counts, dry.report.counts);
    assert_eq!(skipped(&real), skipped(&dry));
}

#[test]
fn importing_the_same_export_again_updates_every_ticket_and_adds_none() {
    let (dir, session) = workspace();
    import(&session, &request("jira.csv", "jira", "Europe/Berlin"));
    let again = import(&session, &request("jira.csv", "jira", "Europe/Berlin"));
    assert!(!again.new_source);
    assert_eq!(
        (
            again.report.counts.tickets_new,
            again.report.counts.tickets_updated
        ),
        (0, 2)
    );
    let store = store(&dir);
    assert_eq!(query(&store, "SELECT count(*) FROM tickets"), ["2"]);
    assert_eq!(
        query(&store, "SELECT count(*) FROM satisfaction_ratings"),
        ["1"]
    );
    assert_eq!(query(&store, "SELECT count(*) FROM import_runs"), ["2"]);
}

#[test]
fn a_cancelled_import_leaves_no_source_and_no_ticket() {
    let (dir, session) = workspace();
    let cancel = AtomicBool::new(true);
    let err = session
        .import_file(&request("jira.csv", "jira", "UTC"), &cancel, &mut |_| {})
        .expect_err("cancelled");
    assert!(err.to_string().contains("cancelled"), "{err}");
    let store = store(&dir);
    assert_eq!(query(&store, "SELECT count(*) FROM sources"), ["0"]);
    assert_eq!(query(&store, "SELECT count(*) FROM tickets"), ["0"]);
}

#[test]
fn servicenow_xlsx_labels_and_real_date_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, session) = workspace();
    let path = dir.path().join("incidents.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let header = [
        "Number",
        "Opened",
        "Short description",
        "Caller",
        "Priority",
        "State",
        "Category",
        "Assignment group",
        "Assigned to",
        "Updated",
        "Updated by",
    ];
    for (col, label) in header.iter().enumerate() {
        sheet
            .write_string(0, col as u16, *label)
            .expect("a header cell");
    }
    let rows = [
        [
            "INC0010001",
            "2025-03-03 08:00:00",
            "Email not syncing",
            "Dee Fox",
            "2 - High",
            "In Progress",
            "Software",
            "Service Desk",
            "Ann Lee",
            "2025-03-03 12:00:00",
            "admin",
        ],
        [
            "INC0010004",
            "2025-03-05 16:30:00",
            "VPN slow",
            "Eve Gray",
            "1 - Critical",
            "New",
            "Network",
            "Network",
            "",
            "2025-03-05 16:31:00",
            "admin",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, value) in row.iter().enumerate() {
            let col = col as u16;
            if matches!(col, 1 | 9) {
                let at = ExcelDateTime::parse_from_str(value).expect("a date");
                sheet
                    .write_datetime_with_format(r, col, &at, &when)
                    .expect("a date cell");
            } else {
                sheet.write_string(r, col, *value).expect("a cell");
            }
        }
    }
    book.save(&path).expect("the workbook is written");
    let req = ImportRequest {
        file: path,
        preset: Some("servicenow".into()),
        tz: Some("UTC".into()),
        ..ImportRequest::default()
    };
    let outcome = import(&session, &req);
    assert!(skipped(&outcome).is_empty(), "{:?}", skipped(&outcome));
    assert_eq!(
        tickets(&store(&dir)),
        [
            "INC0010001 | open | high | null | 2025-03-03 08:00:00 | null | null | null | Service Desk | Ann Lee | Dee Fox | null | null",
            "INC0010004 | new | urgent | null | 2025-03-05 16:30:00 | null | null | null | Network | null | Eve Gray | null | null",
        ]
    );
}

#[test]
fn importing_into_the_demo_workspace_replaces_the_demo() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = deskbench::demo::DemoConfig {
        tickets: 200,
        months: 2,
        now: 1_750_000_000,
        ..deskbench::demo::DemoConfig::default()
    };
    deskbench::workspace::Workspace::create_demo(dir.path(), &config, &mut |_| {})
        .expect("the demo is written");
    let session = Session::new(dir.path().to_owned());
    session.open().expect("opens");
    import(&session, &request("hubspot.csv", "hubspot", "UTC"));
    let store = store(&dir);
    assert_eq!(
        query(&store, "SELECT kind, name FROM sources"),
        ["csv | hubspot-hubspot"]
    );
    assert_eq!(
        query(&store, "SELECT count(*) FROM tickets"),
        ["2"],
        "generated and real tickets never mix"
    );
}
