//! The app's one state value: which workspace folder it serves and, once opened, the
//! workspace with its frame cache. Locked only on blocking threads, never across `.await`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use deskbench::analytics::Frame;
use deskbench::workspace::Workspace;

pub struct AppState {
    /// `DESKBENCH_WORKSPACE` if set, else the OS data directory.
    pub dir: Option<PathBuf>,
    pub loaded: Arc<Mutex<Option<Loaded>>>,
}

pub struct Loaded {
    pub workspace: Workspace,
    /// Rebuilt after every sync or import; shared read-only by queries.
    pub frame: Arc<Frame>,
}

impl AppState {
    pub fn from_env() -> AppState {
        let dir = std::env::var_os("DESKBENCH_WORKSPACE")
            .map(PathBuf::from)
            .or_else(|| Workspace::default_dir().ok());
        AppState {
            dir,
            loaded: Arc::new(Mutex::new(None)),
        }
    }
}
