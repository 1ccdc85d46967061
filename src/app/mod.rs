//! The application layer: one `Session` per open workspace, with one method per use case
//! of the app and the command line (KPI charts, ticket lists, the people table, the
//! feedback report, sync, exports, targets). Front ends translate their arguments into
//! these calls and the errors into their words; the checks of what a caller may send and
//! the meaning of "today" live here once.
//!
//! A session is shared by the app's commands: its locks are held only for short work on
//! blocking threads, never across `.await`, and queries on the frame run after the lock
//! is released. The command line opens one, calls it once and drops it.

pub mod anomalies;
pub mod app_state;
mod context;
mod error;
pub mod explore;
pub mod export;
pub mod export_folder;
pub mod feedback;
mod feedback_themes;
pub mod flow;
pub mod forecast;
pub mod image;
pub mod import;
pub mod import_dialog;
pub mod import_view;
pub mod ipc_error;
pub mod limits;
pub mod menu_words;
pub mod overview;
pub mod people;
pub mod period;
mod running;
pub mod save_name;
mod snapshot_saves;
pub mod sources;
pub mod sync;
pub mod targets;

pub use error::{chain, AppError, ErrorKind};
pub use period::Today;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio_util::sync::CancellationToken;

use crate::analytics::flow::{History, Replies};
use crate::analytics::Frame;
use crate::demo::DemoConfig;
use crate::workspace::{Workspace, WorkspaceInfo};
use feedback::LastFeedback;
use running::Running;
use snapshot_saves::SnapshotSaves;

/// The open workspace of an app window or a command, with its frame and the last
/// feedback report.
pub struct Session {
    dir: PathBuf,
    /// The unix time now; a fixed clock in tests.
    clock: fn() -> i64,
    /// Told why a freshly built frame could not be saved as a snapshot.
    on_snapshot_problem: fn(&str),
    open: Mutex<Option<Open>>,
    feedback: Mutex<LastFeedback>,
    syncing: Running<CancellationToken>,
    exporting: Running<Arc<AtomicBool>>,
    import: import_dialog::ImportDialog,
    saves: SnapshotSaves,
}

/// A frame with its status history, its public agent replies when asked, and a query.
type HistoryInputs<Q> = (Arc<Frame>, Arc<History>, Option<Arc<Replies>>, Q);

/// The workspace's connection and, once built, its frame.
struct Open {
    workspace: Workspace,
    /// Built at first use (the command line checks input first) or at once by `reload`;
    /// rebuilt after every sync or source change, and shared read-only by queries.
    frame: Option<Arc<Frame>>,
    /// The status history of the frame's tickets, read at first use and dropped with it.
    history: Option<Arc<History>>,
    /// The public agent replies of the frame's tickets, read at first use and dropped
    /// with it.
    replies: Option<Arc<Replies>>,
}

impl Session {
    /// A session on the workspace folder `dir`; nothing is opened yet.
    pub fn new(dir: PathBuf) -> Session {
        Session {
            dir,
            clock: crate::now,
            on_snapshot_problem: |_| {},
            open: Mutex::new(None),
            feedback: Mutex::new(LastFeedback::default()),
            syncing: Running::default(),
            exporting: Running::default(),
            import: import_dialog::ImportDialog::default(),
            saves: SnapshotSaves::default(),
        }
    }

    /// The same session with another clock (tests fix "now").
    pub fn with_clock(self, clock: fn() -> i64) -> Session {
        Session { clock, ..self }
    }

    /// The same session, telling `report` when a built frame could not be saved (the
    /// frame is still good; only the next start rebuilds it).
    pub fn on_snapshot_problem(self, report: fn(&str)) -> Session {
        Session {
            on_snapshot_problem: report,
            ..self
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The unix time now, by the session's clock.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// Opens the workspace's database (creating an empty one if the folder has none);
    /// the frame is built when a query first needs it.
    pub fn open(&self) -> Result<(), AppError> {
        let workspace = Workspace::open(&self.dir)?;
        *self.lock()? = Some(Open {
            workspace,
            frame: None,
            history: None,
            replies: None,
        });
        Ok(())
    }

    /// The app's start: creates the demo helpdesk when the folder has no workspace yet,
    /// then opens it with its frame.
    pub fn open_or_create_demo(&self) -> Result<WorkspaceInfo, AppError> {
        if !Workspace::exists(&self.dir) {
            let config = DemoConfig {
                now: self.now(),
                ..DemoConfig::default()
            };
            Workspace::create_demo(&self.dir, &config, &mut |_| {})?;
        }
        self.reload()
    }

    /// (Re)opens the workspace and builds its frame now: at start, after a sync, after a
    /// source was connected or removed.
    pub fn reload(&self) -> Result<WorkspaceInfo, AppError> {
        let workspace = Workspace::open(&self.dir)?;
        let frame = self.build_frame(&workspace)?;
        let info = workspace.info(self.now())?;
        *self.lock()? = Some(Open {
            workspace,
            frame: Some(frame),
            history: None,
            replies: None,
        });
        Ok(info)
    }

    /// What the app shows about the workspace.
    pub fn info(&self) -> Result<WorkspaceInfo, AppError> {
        self.with_open(|open| Ok(open.workspace.info(self.now())?))
    }

    /// The workspace's today and zone by the session's clock.
    pub fn today(&self) -> Result<Today, AppError> {
        self.with_open(|open| self.today_of(&open.workspace))
    }

    /// The frame, built now if no query needed it yet.
    pub fn frame(&self) -> Result<Arc<Frame>, AppError> {
        self.with_open(|open| self.frame_of(open))
    }

    fn today_of(&self, workspace: &Workspace) -> Result<Today, AppError> {
        Ok(Today::at(self.now(), workspace.time_zone()?))
    }

    /// The frame and what `resolve` makes of a request with the workspace's date and
    /// zone. Resolved under the lock, run by the caller after it, so queries do not hold
    /// up each other.
    fn frame_and<Q>(
        &self,
        resolve: impl FnOnce(&Today) -> Result<Q, AppError>,
    ) -> Result<(Arc<Frame>, Q), AppError> {
        self.with_open(|open| {
            let query = resolve(&self.today_of(&open.workspace)?)?;
            Ok((self.frame_of(open)?, query))
        })
    }

    fn frame_of(&self, open: &mut Open) -> Result<Arc<Frame>, AppError> {
        if let Some(frame) = &open.frame {
            return Ok(frame.clone());
        }
        let frame = self.build_frame(&open.workspace)?;
        open.frame = Some(frame.clone());
        open.history = None;
        open.replies = None;
        Ok(frame)
    }

    /// The frame, its tickets' status history and what `resolve` makes of a request,
    /// as `frame_and`.
    fn history_and<Q>(
        &self,
        resolve: impl FnOnce(&Today) -> Result<Q, AppError>,
    ) -> Result<(Arc<Frame>, Arc<History>, Q), AppError> {
        let (frame, history, _, query) = self.history_replies_and(false, resolve)?;
        Ok((frame, history, query))
    }

    /// As `history_and`, with the public agent replies of the same frame when
    /// `with_replies` (read at first use, as the history is).
    fn history_replies_and<Q>(
        &self,
        with_replies: bool,
        resolve: impl FnOnce(&Today) -> Result<Q, AppError>,
    ) -> Result<HistoryInputs<Q>, AppError> {
        self.with_open(|open| {
            let query = resolve(&self.today_of(&open.workspace)?)?;
            let frame = self.frame_of(open)?;
            let history = match &open.history {
                Some(history) => history.clone(),
                None => {
                    let workspace = &open.workspace;
                    let read =
                        Arc::new(History::cached(workspace.store(), &frame, workspace.dir())?);
                    open.history = Some(read.clone());
                    read
                }
            };
            let replies = match (&open.replies, with_replies) {
                (_, false) => None,
                (Some(replies), true) => Some(replies.clone()),
                (None, true) => {
                    let read = Arc::new(Replies::read(open.workspace.store(), &frame)?);
                    open.replies = Some(read.clone());
                    Some(read)
                }
            };
            Ok((frame, history, replies, query))
        })
    }

    /// The workspace's frame; its snapshot, when it must be saved, is saved afterwards.
    fn build_frame(&self, workspace: &Workspace) -> Result<Arc<Frame>, AppError> {
        // A frame built while the last one is still being saved would start from the
        // snapshot before it.
        self.saves.wait();
        let (loaded, unsaved) = workspace.frame_unsaved()?;
        let frame = Arc::new(loaded.frame);
        if let Some(unsaved) = unsaved {
            self.saves
                .start(unsaved, frame.clone(), self.on_snapshot_problem);
        }
        Ok(frame)
    }

    /// Runs `work` on the open workspace, holding its lock meanwhile: call on a blocking
    /// thread, and keep slow work that needs only the frame outside.
    fn with_open<T>(
        &self,
        work: impl FnOnce(&mut Open) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.lock()?;
        let open = guard.as_mut().ok_or(AppError::NotOpen)?;
        work(open)
    }

    /// A connection of its own, for slow reads (feedback texts, exports) and the sync,
    /// so other calls use the workspace meanwhile (SQLite's WAL lets them).
    fn own_connection(&self) -> Result<Workspace, AppError> {
        Ok(Workspace::open(&self.dir)?)
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<Open>>, AppError> {
        self.open
            .lock()
            .map_err(|_| AppError::Poisoned("workspace"))
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// 12:00 UTC on 1 July 2025, the clock of the tests' sessions.
    pub(crate) fn noon() -> i64 {
        1_751_371_200
    }

    /// A session on a small demo workspace, opened as the app opens it.
    pub(crate) fn demo() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let config = DemoConfig {
            tickets: 300,
            months: 3,
            now: noon(),
            ..DemoConfig::default()
        };
        Workspace::create_demo(dir.path(), &config, &mut |_| {}).expect("the demo is written");
        let session = Session::new(dir.path().to_owned()).with_clock(noon);
        session.reload().expect("the workspace opens");
        (dir, session)
    }

    /// "Tickets created" as bars of one series, a value per label.
    pub(crate) fn bar_chart(bars: &[(&str, f64)]) -> crate::charts::ChartSpec {
        use crate::charts::{ChartKind, ChartSeries, ChartSpec, Unit, XAxis, XKind};
        ChartSpec {
            kind: ChartKind::Bar,
            title: "Tickets created".into(),
            subtitle: None,
            context: None,
            x: XAxis {
                kind: XKind::Text,
                labels: bars.iter().map(|(label, _)| label.to_string()).collect(),
                ..XAxis::default()
            },
            unit: Unit::Count,
            series: vec![ChartSeries {
                name: "All tickets".into(),
                values: bars.iter().map(|(_, value)| Some(*value)).collect(),
                samples: None,
                small_sample: None,
                band: None,
                group: None,
                dashed: false,
                null_reasons: None,
            }],
            value_labels: false,
        }
    }

    /// The message of an error the caller is to correct.
    pub(crate) fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
        let err = result.expect_err("the request is refused");
        assert!(err.is_input(), "the caller's to correct: {err:?}");
        err.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{demo, noon};
    use super::*;

    #[test]
    fn a_session_answers_from_its_frame_and_has_saved_its_snapshot_when_it_ends() {
        let (dir, session) = demo();
        session.frame().expect("the frame");
        drop(session);
        let workspace = Workspace::open(dir.path()).expect("the workspace opens");
        let loaded = workspace.frame().expect("the frame loads");
        assert!(
            loaded.from_snapshot,
            "the save finished before the session ended"
        );
    }

    #[test]
    fn calls_wait_for_the_workspace_to_open() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let session = Session::new(dir.path().to_owned());
        assert!(matches!(session.frame(), Err(AppError::NotOpen)));
        session.open().expect("an empty workspace opens");
        assert_eq!(session.frame().expect("an empty frame").ticket_count(), 0);
    }

    #[test]
    fn today_follows_the_session_clock_in_the_workspace_zone() {
        let (_dir, session) = demo();
        let today = session.today().expect("open");
        assert_eq!(today, Today::at(noon(), today.tz));
        assert_eq!(session.info().expect("open").today, today.date.to_string());
    }

    #[test]
    fn info_carries_the_database_id_that_stays_with_the_workspace() {
        let (_dir, session) = demo();
        let id = session.info().expect("open").id;
        assert!(!id.is_empty(), "the UI keys Explore's state by it");
        session.open().expect("opens again");
        assert_eq!(session.info().expect("open").id, id);
    }
}
