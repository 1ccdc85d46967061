//! The app's one state value: which workspace folder it serves and, once opened, the
//! workspace with its frame cache. Locked only on blocking threads, never across `.await`.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use chrono_tz::Tz;
use tokio_util::sync::CancellationToken;

use deskbench::analytics::Frame;
use deskbench::feedback::FeedbackReport;
use deskbench::secrets::Vault;
use deskbench::workspace::Workspace;

/// The open workspace, shared by commands; locked only on blocking threads.
pub type SharedWorkspace = Arc<Mutex<Option<Loaded>>>;

/// The Feedback screen's last report, for its ticket lists and table exports.
pub type SharedFeedback = Arc<Mutex<LastFeedback>>;

/// The report of the newest feedback request that finished, so an older, slower one
/// never replaces what the screen shows.
#[derive(Default)]
pub struct LastFeedback {
    /// Requests started so far; each takes the next number.
    pub started: u64,
    /// The number of the request `report` answers.
    pub number: u64,
    pub report: Option<Arc<FeedbackRun>>,
}

/// A feedback report and the time zone of its range.
pub struct FeedbackRun {
    pub report: FeedbackReport,
    pub tz: Tz,
}

pub struct AppState {
    /// `DESKBENCH_WORKSPACE` if set, else the OS data directory.
    pub dir: Option<PathBuf>,
    pub loaded: SharedWorkspace,
    /// Cancels the sync in progress, if any.
    pub sync: Mutex<Option<CancellationToken>>,
    /// Set to cancel the data export in progress, if any.
    pub export: Mutex<Option<Arc<AtomicBool>>>,
    pub feedback: SharedFeedback,
    /// The user's keychain and confirmed hosts; `None` when the OS has no configuration
    /// folder and `DESKBENCH_CONFIG_DIR` is not set.
    pub vault: Option<Vault>,
}

pub struct Loaded {
    pub workspace: Workspace,
    /// Rebuilt after every sync or import; shared read-only by queries.
    pub frame: Arc<Frame>,
}

impl AppState {
    pub fn dir(&self) -> Result<PathBuf, crate::IpcError> {
        self.dir.clone().ok_or_else(|| {
            crate::IpcError::internal("no data directory; set DESKBENCH_WORKSPACE to a folder")
        })
    }

    pub fn vault(&self) -> Result<Vault, crate::IpcError> {
        self.vault.clone().ok_or_else(|| {
            crate::IpcError::internal(
                "no configuration folder for the confirmed hosts; set DESKBENCH_CONFIG_DIR to a folder",
            )
        })
    }

    pub fn from_env() -> AppState {
        let dir = std::env::var_os("DESKBENCH_WORKSPACE")
            .map(PathBuf::from)
            .or_else(|| Workspace::default_dir().ok());
        AppState {
            dir,
            loaded: Arc::new(Mutex::new(None)),
            sync: Mutex::new(None),
            export: Mutex::new(None),
            feedback: SharedFeedback::default(),
            vault: Vault::system().ok(),
        }
    }
}
