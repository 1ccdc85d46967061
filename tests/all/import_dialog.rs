//! The Import dialog's use cases through the session: the picked file previewed as
//! mapped with its detection and skipped rows grouped by reason, a status mapped in the
//! dialog, the import with its mapping saved as a preset the dialog then offers.

use std::path::Path;

use deskbench::app::import_dialog::{ColumnChoice, ImportChoice, PickedFile};
use deskbench::app::import_view::{SkipCode, StatusChoice};
use deskbench::app::{AppError, Session};

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let session = Session::new(dir.path().to_owned()).with_clock(|| 1_750_000_000);
    session.open().expect("a new workspace opens");
    (dir, session)
}

fn helpscout() -> ImportChoice {
    ImportChoice {
        preset: Some("helpscout".into()),
        tz: Some("UTC".into()),
        ..ImportChoice::default()
    }
}

fn pick(session: &Session) -> PickedFile {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/helpscout.csv");
    session.pick_import_file(file).expect("the fixture exists")
}

#[test]
fn a_preview_shows_the_detection_the_mapped_rows_and_why_rows_would_be_skipped() {
    let (_dir, session) = session();
    assert!(
        matches!(
            session.preview_import(&helpscout(), &mut |_| {}),
            Err(AppError::NoImportFile)
        ),
        "nothing is read before a file is picked"
    );
    assert_eq!(pick(&session).name, "helpscout.csv");
    let view = session
        .preview_import(&helpscout(), &mut |_| {})
        .expect("previewed");
    assert!(view.dry_run);
    assert_eq!(view.file.format, "csv");
    assert_eq!(view.file.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(view.file.delimiter.as_deref(), Some(","));
    assert_eq!(
        (view.zone.as_str(), view.date_format.as_str()),
        ("UTC", "%Y-%m-%d %H:%M:%S")
    );
    assert_eq!(view.preview.len(), 2, "the rows that import");
    let id = view
        .preview_fields
        .iter()
        .position(|f| f == "id")
        .expect("an id column");
    assert_eq!(
        (view.preview[0][id].as_str(), view.preview[1][id].as_str()),
        ("2001", "2003")
    );
    assert_eq!(
        (
            view.counts.rows,
            view.counts.skipped,
            view.counts.tickets_new
        ),
        (3, 1, 2)
    );
    assert_eq!(view.skipped.len(), 1);
    let group = &view.skipped[0];
    assert_eq!(
        (
            group.code,
            group.subject.as_deref(),
            group.count,
            group.lines.as_slice()
        ),
        (SkipCode::UnknownStatus, Some("spam"), 1, [3].as_slice())
    );
    assert_eq!(
        view.unknown_statuses,
        ["spam"],
        "offered in the status table"
    );
    let nothing = deskbench::store::Store::open(session.dir())
        .expect("the store")
        .ticket_count()
        .expect("counted");
    assert_eq!(nothing, 0, "a preview writes nothing");
}

#[test]
fn a_column_the_preset_maps_can_be_left_out() {
    let (_dir, session) = session();
    pick(&session);
    let left_out = ImportChoice {
        columns: vec![ColumnChoice {
            column: "Subject".into(),
            field: String::new(),
        }],
        ..helpscout()
    };
    let view = session
        .preview_import(&left_out, &mut |_| {})
        .expect("previewed");
    let subject = view.columns.iter().find(|(column, _)| column == "Subject");
    assert_eq!(subject, Some(&("Subject".to_owned(), None)), "not imported");
    assert!(!view.preview_fields.iter().any(|f| f == "subject"));
    assert_eq!(
        view.counts.tickets_new, 2,
        "the other columns import as before"
    );
}

#[test]
fn a_generic_preview_that_maps_nothing_yet_shows_the_headers_to_map() {
    let (_dir, session) = session();
    pick(&session);
    let generic = ImportChoice::default();
    let view = session
        .preview_import(&generic, &mut |_| {})
        .expect("the headers, not an error");
    let problem = view.problem.expect("why it cannot import yet");
    assert!(problem.contains("id"), "{problem}");
    assert_eq!(view.columns.len(), 13);
    assert_eq!(view.columns[0], ("Conversation ID".to_owned(), None));
    assert!(view.preview.is_empty());
}

#[test]
fn an_import_with_a_mapped_status_saves_its_mapping_as_a_preset_the_dialog_offers() {
    let (_dir, session) = session();
    pick(&session);
    let choice = ImportChoice {
        statuses: vec![StatusChoice {
            value: "spam".into(),
            state: "closed".into(),
        }],
        save_preset: Some("our-helpscout".into()),
        ..helpscout()
    };
    let (view, info) = session
        .import_picked(&choice, &mut |_| {})
        .expect("imported");
    assert!(!view.dry_run);
    assert_eq!((view.counts.tickets_new, view.counts.skipped), (3, 0));
    assert_eq!(view.saved_preset.as_deref(), Some("our-helpscout"));
    assert_eq!(
        info.tickets, 3,
        "the reloaded workspace has the file's tickets"
    );
    let options = session.import_options();
    let ours = (options.presets.iter())
        .find(|p| p.name == "our-helpscout")
        .expect("the saved preset is offered");
    assert!(!ours.built_in);
    assert!(
        ours.statuses.contains(&StatusChoice {
            value: "spam".into(),
            state: "closed".into()
        }),
        "{:?}",
        ours.statuses
    );
    assert_eq!(options.presets.iter().filter(|p| p.built_in).count(), 12);
    assert!(options.fields.iter().any(|f| f == "requester_email"));
}
