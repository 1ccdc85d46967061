//! The session's sync loop against the fake Zendesk on 127.0.0.1: sources in turn with
//! progress, a cancel that keeps what was stored and ends the run, a failing source that
//! either stops the run (the command line) or is reported beside the others (the app),
//! and the frame reloaded with the synced tickets.

use std::sync::Arc;

use fake_zendesk::{FakeConfig, FakeZendesk};

use deskbench::app::sync::{SourceSyncResult, SyncObserver, SyncRequest};
use deskbench::app::Session;
use deskbench::secrets::{MemoryKeychain, Secret, Vault};
use deskbench::sources::zendesk::BaseUrl;
use deskbench::store::RunOutcome;
use deskbench::sync::SyncEvent;
use deskbench::workspace::{Workspace, ZendeskAuth, ZendeskSettings};

const TICKETS: usize = 300;

/// Records what a sync tells; cancels it at its first page when asked to.
struct Watch<'a> {
    session: &'a Session,
    cancel_at_first_page: bool,
    started: Vec<String>,
    pages: usize,
    finished: Vec<(String, RunOutcome)>,
}

impl<'a> Watch<'a> {
    fn new(session: &'a Session, cancel_at_first_page: bool) -> Watch<'a> {
        Watch {
            session,
            cancel_at_first_page,
            started: Vec::new(),
            pages: 0,
            finished: Vec::new(),
        }
    }
}

impl SyncObserver for Watch<'_> {
    fn started(&mut self, source: &str) {
        self.started.push(source.to_owned());
    }

    fn event(&mut self, _source: &str, event: SyncEvent) {
        if let SyncEvent::Page { .. } = event {
            self.pages += 1;
            if self.cancel_at_first_page {
                self.session.cancel_sync();
            }
        }
    }

    fn finished(&mut self, result: &SourceSyncResult) {
        self.finished.push((result.source.clone(), result.outcome));
    }
}

/// A workspace with the source `fake` (its token kept) and `tokenless` (none kept, so
/// its sync fails), both at the fake; the session on it and the vault.
async fn workspace(fake: &FakeZendesk) -> (tempfile::TempDir, tempfile::TempDir, Session, Vault) {
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let vault = Vault::new(Arc::new(MemoryKeychain::default()), home.path().to_owned());
    let settings = ZendeskSettings {
        email: Some("admin@example.com".into()),
        auth: ZendeskAuth::ApiToken,
        incremental_limit: Some(100_000),
    };
    let base = BaseUrl::parse(&fake.url()).unwrap();
    let token = Secret::new("secret-token".into()).unwrap();
    let mut workspace = Workspace::open(ws.path()).unwrap();
    for (name, token) in [("fake", Some(&token)), ("tokenless", None)] {
        workspace
            .add_zendesk_source(name, &base, &settings, token, &vault, 0)
            .unwrap();
    }
    let session = Session::new(ws.path().to_owned());
    session.open().unwrap();
    (ws, home, session, vault)
}

fn request(sources: &[&str], stop_at_error: bool) -> SyncRequest {
    SyncRequest {
        sources: sources.iter().map(|s| s.to_string()).collect(),
        stop_at_error,
        ..SyncRequest::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_keeps_what_was_stored_and_the_next_sync_completes() {
    let fake = FakeZendesk::start(FakeConfig {
        tickets: TICKETS,
        users: 50,
        organizations: 5,
        page_size: 20,
        ..FakeConfig::default()
    })
    .await;
    let (_ws, _home, session, vault) = workspace(&fake).await;
    let both = request(&["fake", "fake"], false);

    let mut cancelling = Watch::new(&session, true);
    let results = session.sync(&both, &vault, &mut cancelling).await.unwrap();
    assert_eq!(results.len(), 1, "a cancel ends the run: {results:?}");
    assert_eq!(results[0].outcome, RunOutcome::Cancelled);
    assert_eq!(
        cancelling.started,
        ["fake"],
        "the second source never starts"
    );
    let kept = session.reload().unwrap().tickets;
    assert!(kept < TICKETS as u64, "cancelled early: {kept} tickets");

    let mut watch = Watch::new(&session, false);
    let results = session
        .sync(&request(&["fake"], false), &vault, &mut watch)
        .await;
    let results = results.unwrap();
    assert_eq!(
        results[0].outcome,
        RunOutcome::Succeeded,
        "{:?}",
        results[0].error
    );
    assert!(watch.pages > 1, "progress for every page");
    assert_eq!(watch.finished, [("fake".to_owned(), RunOutcome::Succeeded)]);
    assert_eq!(session.reload().unwrap().tickets, TICKETS as u64);
    assert_eq!(
        session.frame().unwrap().ticket_count(),
        TICKETS,
        "the reloaded frame holds every synced ticket"
    );
    let history = session.sync_history(10).unwrap();
    assert_eq!(history.len(), 2, "both runs are in the history");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_source_stops_the_run_or_is_reported_beside_the_others() {
    let fake = FakeZendesk::start(FakeConfig {
        tickets: 30,
        users: 10,
        organizations: 3,
        ..FakeConfig::default()
    })
    .await;
    let (_ws, _home, session, vault) = workspace(&fake).await;

    let mut watch = Watch::new(&session, false);
    let going_on = request(&["tokenless", "fake"], false);
    let results = session.sync(&going_on, &vault, &mut watch).await.unwrap();
    let outcomes: Vec<_> = results.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [RunOutcome::Failed, RunOutcome::Succeeded]);
    let error = results[0].error.as_deref().unwrap_or_default();
    assert!(
        error.contains("no token"),
        "the failure in plain words: {error}"
    );

    let mut watch = Watch::new(&session, false);
    let stopping = request(&["tokenless", "fake"], true);
    let err = session
        .sync(&stopping, &vault, &mut watch)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no token"), "{err}");
    assert_eq!(watch.started, ["tokenless"], "nothing after the failure");
    assert_eq!(
        watch.finished,
        [("tokenless".to_owned(), RunOutcome::Failed)],
        "the observer hears the failure before the error returns"
    );
}
