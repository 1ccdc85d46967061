//! A large import that fails late, a first import's changed-ticket log and a
//! re-import's tags: a file that cannot be read on well past its first rows changes
//! nothing and names its line; the log of a first import (written with one statement
//! for the whole new source) holds exactly the tickets written, as it does for a
//! re-import, whose tickets keep exactly their new tags (compared with the stored ones,
//! not deleted and written again).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use deskbench::sources::csv::import::{import_rows, ImportError, ImportSettings};
use deskbench::sources::csv::preset::Preset;
use deskbench::sources::csv::read::{BadRow, RawRow, RowProblem};
use deskbench::sources::csv::scale::Neutral;
use deskbench::store::records::TicketStatus;
use deskbench::store::Store;

use crate::fixtures::ticket;
use crate::import_rows::{query, store_with_csv_source};

/// Rows enough for several statement batches.
const ROWS: usize = 5_000;

fn settings() -> ImportSettings {
    let preset = Preset::built_in()
        .into_iter()
        .find(|p| p.name == "generic")
        .expect("the generic preset");
    ImportSettings {
        preset,
        maps: ["Key=id", "State=status", "Opened=created_at", "Labels=tags"]
            .iter()
            .map(|m| m.to_string())
            .collect(),
        statuses: Vec::new(),
        neutral: Neutral::Bad,
        date_format: Some("%Y-%m-%d %H:%M".into()),
        zone: None,
        account_zone: chrono_tz::Tz::UTC,
    }
}

/// A header and tickets `T-0` to `T-{rows - 1}`, on lines 1 to `rows + 1`.
fn file(rows: usize) -> Vec<Result<RawRow, BadRow>> {
    let header = vec!["Key", "State", "Opened", "Labels"];
    let mut lines = vec![header.into_iter().map(String::from).collect::<Vec<_>>()];
    for i in 0..rows {
        lines.push(vec![
            format!("T-{i}"),
            "Open".to_owned(),
            format!("2025-03-{:02} 10:00", 1 + i % 28),
            format!("tag{}", i % 5),
        ]);
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, cells)| {
            Ok(RawRow {
                line: i as u64 + 1,
                cells,
            })
        })
        .collect()
}

fn import(
    store: &mut Store,
    source: i64,
    rows: Vec<Result<RawRow, BadRow>>,
) -> Result<(), ImportError> {
    let w = store.bulk_write().expect("a transaction");
    import_rows(
        &w,
        source,
        &settings(),
        rows.into_iter(),
        &AtomicBool::new(false),
        &mut |_| {},
    )?;
    w.commit().expect("committed");
    Ok(())
}

fn changed_after(store: &Store, generation: i64) -> usize {
    store
        .changed_tickets(generation)
        .expect("the log reads")
        .expect("the log reaches back to any generation of a new database")
        .len()
}

#[test]
fn a_file_that_cannot_be_read_on_late_in_the_file_changes_nothing_and_names_its_line() {
    let (_dir, mut store, source) = store_with_csv_source();
    let mut rows = file(ROWS);
    let broken_at = ROWS as u64 - 10;
    rows.truncate(broken_at as usize - 1);
    rows.push(Err(BadRow {
        line: broken_at,
        problem: RowProblem::Unreadable(Arc::new(std::io::Error::other("disk gone"))),
    }));
    let err = import(&mut store, source, rows).expect_err("the file ends in an error");
    match err {
        ImportError::Read { line, .. } => assert_eq!(line, broken_at),
        other => panic!("expected a read error, got {other}"),
    }
    assert_eq!(query(&store, "SELECT count(*) FROM tickets"), ["0"]);
    assert_eq!(query(&store, "SELECT count(*) FROM ticket_tags"), ["0"]);
    assert_eq!(query(&store, "SELECT count(*) FROM import_keys"), ["0"]);
}

#[test]
fn a_first_import_and_a_re_import_log_each_ticket_they_wrote() {
    let (_dir, mut store, source) = store_with_csv_source();
    let before = store.data_generation().expect("a generation");
    import(&mut store, source, file(ROWS)).expect("imported");
    assert_eq!(changed_after(&store, before), ROWS);
    let logged = query(
        &store,
        "SELECT count(*), count(DISTINCT generation) FROM ticket_changes",
    );
    assert_eq!(logged, [format!("{ROWS} | 1")]);

    let first = store.data_generation().expect("a generation");
    import(&mut store, source, file(ROWS + 1)).expect("imported again");
    assert_eq!(changed_after(&store, first), ROWS + 1, "updated and new");
}

#[test]
fn a_source_that_holds_tickets_logs_only_those_written() {
    let (_dir, mut store, source) = store_with_csv_source();
    let w = store.write().expect("a transaction");
    w.upsert_ticket(
        source,
        &ticket(1, "2025-03-01T10:00:00Z", TicketStatus::Open),
    )
    .expect("written");
    w.commit().expect("committed");
    let before = store.data_generation().expect("a generation");
    let w = store.write().expect("a transaction");
    w.changes_whole_source(source).expect("asked");
    w.upsert_ticket(
        source,
        &ticket(2, "2025-03-01T10:00:00Z", TicketStatus::Open),
    )
    .expect("written");
    w.commit().expect("committed");
    let changed = store
        .changed_tickets(before)
        .expect("the log reads")
        .expect("the log reaches back");
    assert_eq!(changed, [(source, 2)], "ticket 1 was not written again");
}

#[test]
fn tickets_written_again_keep_exactly_their_new_tags() {
    let (_dir, mut store, source) = store_with_csv_source();
    let tagged = |id, tags: &[&str]| {
        let mut t = ticket(id, "2025-03-01T10:00:00Z", TicketStatus::Open);
        t.tags = tags.iter().map(|tag| tag.to_string()).collect();
        t
    };
    let w = store.write().expect("a transaction");
    let first = [
        tagged(1, &["vip", "billing", "zeta"]),
        tagged(2, &["x"]),
        tagged(3, &["y"]),
    ];
    w.upsert_tickets(source, &first, None).expect("written");
    w.commit().expect("committed");
    let w = store.write().expect("a transaction");
    let again = [tagged(1, &["new", "billing", "billing"]), tagged(2, &[])];
    w.upsert_tickets(source, &again, None)
        .expect("written again");
    w.commit().expect("committed");
    assert_eq!(
        query(
            &store,
            "SELECT ticket_id || ' ' || tag FROM ticket_tags ORDER BY ticket_id, tag"
        ),
        ["1 billing", "1 new", "3 y"],
        "kept, added and removed tags; ticket 3 untouched"
    );
}
