//! A Freshdesk sync reports its progress as every sync does (`SyncEvent`), under the
//! stream names its checkpoints are stored with, and the Sources screen's view of the
//! source shows each stream's status.

use std::collections::BTreeSet;

use fake_freshdesk::FakeFreshdesk;
use tokio_util::sync::CancellationToken;

use deskbench::store::RunOutcome;
use deskbench::sync::freshdesk::{self, FreshdeskSyncOptions};
use deskbench::sync::{SyncEvent, SyncStream};
use deskbench::workspace::{StreamPhase, Workspace};

use super::sync::store_with_source;
use super::*;

fn stream_of(event: &SyncEvent) -> SyncStream {
    match event {
        SyncEvent::StreamStarted { stream, .. }
        | SyncEvent::Page { stream, .. }
        | SyncEvent::Waiting { stream, .. }
        | SyncEvent::StreamFinished { stream, .. }
        | SyncEvent::StreamSkipped { stream, .. } => *stream,
    }
}

#[tokio::test]
async fn a_freshdesk_sync_reports_each_stream_started_paged_and_finished() {
    let fake = FakeFreshdesk::start(small()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, source) = store_with_source(dir.path(), &fake);
    let options = FreshdeskSyncOptions {
        per_page: 100,
        ..FreshdeskSyncOptions::default()
    };
    let client = client(&fake, fast_options());
    let mut events = Vec::new();
    let summary = freshdesk::run(
        &mut store,
        source,
        &client,
        &options,
        &CancellationToken::new(),
        &mut |e| events.push(e),
    )
    .await
    .unwrap();
    assert_eq!(summary.outcome, RunOutcome::Succeeded);

    // The live tickets: started, then pages numbered on with growing totals, then
    // finished with the last page's total (waits, if any, left out).
    let tickets: Vec<_> = events
        .iter()
        .filter(|e| stream_of(e) == SyncStream::Tickets)
        .filter(|e| !matches!(e, SyncEvent::Waiting { .. }))
        .collect();
    assert_eq!(
        tickets.first(),
        Some(&&SyncEvent::StreamStarted {
            stream: SyncStream::Tickets,
            back_fill: None
        })
    );
    let pages: Vec<(u64, u64)> = tickets
        .iter()
        .filter_map(|e| match e {
            SyncEvent::Page { records, pages, .. } => Some((*records, *pages)),
            _ => None,
        })
        .collect();
    let live = live_ids(&fake).len() as u64;
    assert!(pages.len() >= live.div_ceil(100) as usize, "{pages:?}");
    for (i, (records, page)) in pages.iter().enumerate() {
        assert_eq!(*page, i as u64 + 1, "pages are counted one by one");
        assert!(i == 0 || *records >= pages[i - 1].0, "{pages:?}");
    }
    let etas: Vec<Option<f64>> = tickets
        .iter()
        .filter_map(|e| match e {
            SyncEvent::Page { eta_seconds, .. } => Some(*eta_seconds),
            _ => None,
        })
        .collect();
    assert_eq!(etas[0], None, "one page tells no speed yet");
    assert!(
        etas[1..].iter().all(|eta| eta.is_some_and(|s| s >= 0.0)),
        "later pages, further on in updated_at, tell the time left: {etas:?}"
    );
    let last = pages.last().unwrap().0;
    assert!(
        last >= live,
        "every live ticket is counted: {last} of {live}"
    );
    assert_eq!(
        tickets.last(),
        Some(&&SyncEvent::StreamFinished {
            stream: SyncStream::Tickets,
            records: last
        })
    );

    // Every stream the run stored a checkpoint for was reported started and ended, under
    // the same name.
    let stored: BTreeSet<String> = store
        .stream_states(source)
        .unwrap()
        .into_iter()
        .map(|s| s.stream)
        .collect();
    let started: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match e {
            SyncEvent::StreamStarted { stream, .. } => Some(stream.name().to_owned()),
            _ => None,
        })
        .collect();
    let ended: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match e {
            SyncEvent::StreamFinished { stream, .. } | SyncEvent::StreamSkipped { stream, .. } => {
                Some(stream.name().to_owned())
            }
            _ => None,
        })
        .collect();
    assert!(!stored.is_empty());
    for name in &stored {
        assert!(
            SyncStream::parse(name).is_some(),
            "{name} has a progress name"
        );
    }
    assert_eq!(started, stored, "each stored stream was reported started");
    assert_eq!(ended, stored, "each stored stream was reported ended");

    // The Sources screen's view: every stream complete, with what the run wrote to it.
    let home = tempfile::tempdir().unwrap();
    let (vault, _) = crate::secrets::vault(home.path());
    let views = Workspace::open(dir.path())
        .unwrap()
        .source_views(&vault)
        .unwrap();
    let [view] = views.as_slice() else {
        panic!("one source: {views:?}")
    };
    assert_eq!(view.kind, "freshdesk");
    let names: BTreeSet<String> = view.streams.iter().map(|s| s.stream.clone()).collect();
    assert_eq!(names, stored, "a row per stored stream");
    for status in &view.streams {
        if status.stream == freshdesk::ARCHIVED_STREAM {
            // The API cannot list the archive: skipped every time, and the row says why.
            assert_eq!(status.state, StreamPhase::Skipped, "{status:?}");
            assert_eq!(
                status.reason.as_deref(),
                Some(freshdesk::ARCHIVE_NOT_LISTED)
            );
            continue;
        }
        assert_eq!(status.state, StreamPhase::Complete, "{status:?}");
        assert!(status.last_success_at.is_some(), "{status:?}");
        assert_eq!(
            status.records,
            summary.counts.get(status.stream.as_str()).copied(),
            "{status:?}: the run's own count"
        );
    }
    let tickets = view.streams.iter().find(|s| s.stream == "tickets").unwrap();
    assert_eq!(tickets.records, Some(last));
    fake.stop().await;
}
