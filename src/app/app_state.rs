//! The desktop app's one state value, managed by the shell: the session on its workspace
//! folder and the user's vault. It lives in the core, as it needs nothing of the shell.

use std::path::PathBuf;
use std::sync::Arc;

use super::ipc_error::IpcError;
use super::Session;
use crate::secrets::Vault;
use crate::workspace::Workspace;

pub struct AppState {
    /// On `DESKBENCH_WORKSPACE` if set, else the OS data directory; `None` when neither
    /// exists.
    session: Option<Arc<Session>>,
    /// The user's keychain and confirmed hosts; `None` when the OS has no configuration
    /// folder and `DESKBENCH_CONFIG_DIR` is not set.
    vault: Option<Vault>,
}

impl AppState {
    pub fn from_env() -> AppState {
        let dir = std::env::var_os("DESKBENCH_WORKSPACE")
            .map(PathBuf::from)
            .or_else(|| Workspace::default_dir().ok());
        AppState {
            session: dir.map(|dir| Arc::new(Session::new(dir))),
            vault: Vault::system().ok(),
        }
    }

    pub fn session(&self) -> Result<Arc<Session>, IpcError> {
        self.session.clone().ok_or_else(|| {
            IpcError::internal("no data directory; set DESKBENCH_WORKSPACE to a folder")
        })
    }

    pub fn vault(&self) -> Result<Vault, IpcError> {
        self.vault.clone().ok_or_else(|| {
            IpcError::internal(
                "no configuration folder for the confirmed hosts; set DESKBENCH_CONFIG_DIR to a folder",
            )
        })
    }
}
