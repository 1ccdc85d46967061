//! API tokens and where they may go, kept outside every workspace: tokens in the OS
//! keychain (or, headless, in an environment variable named on the command line), and
//! the hosts this user agreed to send them to. A workspace folder can come from anyone,
//! so nothing in it chooses where a token is read from or sent to. Never in SQLite, logs,
//! error messages or exports.

mod hosts;
mod keychain;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

pub use hosts::{ConfirmedHost, ConfirmedHosts};
pub use keychain::{Keychain, MemoryKeychain, OsKeychain};

/// Overrides the folder of the per-user settings (tests, headless use).
pub const CONFIG_DIR_ENV: &str = "DESKBENCH_CONFIG_DIR";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the OS keychain is not available ({0}); unlock it, or on the command line keep the token in an environment variable and pass --token-env VAR at each sync")]
    Keychain(String),
    #[error("the environment variable {0} is not set (it should hold the API token)")]
    EnvMissing(String),
    #[error("the token is empty")]
    Empty,
    #[error("the OS has no configuration folder for the list of confirmed hosts; set {CONFIG_DIR_ENV} to a folder")]
    NoConfigDir,
    #[error("cannot read the list of confirmed hosts {path}")]
    HostsRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the list of confirmed hosts {path} is damaged; delete it (Deskbench then asks again before sending a token)")]
    HostsDamaged {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot write the list of confirmed hosts {path}")]
    HostsWrite {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A secret that prints as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Result<Secret, SecretError> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Secret(trimmed.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The keychain entry of a source: its workspace's database id and its row id, so
/// same-named sources of two workspaces never share (or delete) each other's token.
pub fn account(workspace_id: &str, source_id: i64) -> String {
    format!("workspace:{workspace_id}/source:{source_id}")
}

/// The entry older versions kept a source's token under, shared by every workspace
/// with a source of that name. Read once, after the user confirms the host, and moved.
pub fn legacy_account(source_name: &str) -> String {
    format!("source:{source_name}")
}

/// Reads a token from an environment variable the user named on the command line.
pub fn from_env(var: &str) -> Result<Secret, SecretError> {
    match std::env::var(var) {
        Ok(value) => Secret::new(value),
        Err(_) => Err(SecretError::EnvMissing(var.to_owned())),
    }
}

/// This user's tokens and confirmed hosts: the OS keychain and a file in the OS
/// configuration folder in the app and the CLI; tests bring their own.
#[derive(Clone)]
pub struct Vault {
    keychain: Arc<dyn Keychain>,
    hosts: ConfirmedHosts,
}

impl Vault {
    pub fn new(keychain: Arc<dyn Keychain>, config_dir: PathBuf) -> Vault {
        Vault {
            keychain,
            hosts: ConfirmedHosts::in_dir(config_dir),
        }
    }

    /// The OS keychain, and the confirmed hosts in `DESKBENCH_CONFIG_DIR` if set, else
    /// the OS configuration folder (e.g. `~/.config/deskbench`).
    pub fn system() -> Result<Vault, SecretError> {
        let dir = match std::env::var_os(CONFIG_DIR_ENV) {
            Some(dir) => PathBuf::from(dir),
            None => directories::ProjectDirs::from("app", "Deskbench", "deskbench")
                .map(|dirs| dirs.config_dir().to_owned())
                .ok_or(SecretError::NoConfigDir)?,
        };
        Ok(Vault::new(Arc::new(OsKeychain), dir))
    }

    pub fn keychain(&self) -> &dyn Keychain {
        self.keychain.as_ref()
    }

    pub fn hosts(&self) -> &ConfirmedHosts {
        &self.hosts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let s = Secret::new(" tok3n \n".into()).unwrap();
        assert_eq!(s.expose(), "tok3n");
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert!(Secret::new("  ".into()).is_err());
    }

    #[test]
    fn a_missing_variable_is_named() {
        let err = from_env("DESKBENCH_TEST_SURELY_UNSET_VAR")
            .unwrap_err()
            .to_string();
        assert!(err.contains("DESKBENCH_TEST_SURELY_UNSET_VAR"), "{err}");
    }

    #[test]
    fn entries_are_per_workspace_and_source() {
        assert_eq!(account("ab12", 3), "workspace:ab12/source:3");
        assert_ne!(account("ab12", 3), account("cd34", 3));
        assert_eq!(legacy_account("acme"), "source:acme");
    }
}
