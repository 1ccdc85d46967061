//! The hosts this user agreed to send a source's token to, on this computer: a small
//! JSON file in the user's configuration folder, outside every workspace. An entry is a
//! workspace's database id, a source's id in it and the exact base URL; a workspace whose
//! stored address changes is asked about again.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::SecretError;

const FILE: &str = "confirmed-hosts.json";

/// One (workspace, source, base URL) the user confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmedHost {
    pub workspace: String,
    pub source: i64,
    pub base_url: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct HostsFile {
    confirmed: Vec<ConfirmedHost>,
}

/// The confirmed-hosts file in a configuration folder.
#[derive(Debug, Clone)]
pub struct ConfirmedHosts {
    path: PathBuf,
}

impl ConfirmedHosts {
    pub fn in_dir(dir: PathBuf) -> ConfirmedHosts {
        ConfirmedHosts {
            path: dir.join(FILE),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn contains(&self, host: &ConfirmedHost) -> Result<bool, SecretError> {
        Ok(self.read()?.confirmed.contains(host))
    }

    pub fn add(&self, host: ConfirmedHost) -> Result<(), SecretError> {
        let mut file = self.read()?;
        if !file.confirmed.contains(&host) {
            file.confirmed.push(host);
            self.write(&file)?;
        }
        Ok(())
    }

    /// Forgets every host confirmed for a source (when it is removed).
    pub fn forget_source(&self, workspace: &str, source: i64) -> Result<(), SecretError> {
        let mut file = self.read()?;
        let before = file.confirmed.len();
        file.confirmed
            .retain(|h| !(h.workspace == workspace && h.source == source));
        if file.confirmed.len() != before {
            self.write(&file)?;
        }
        Ok(())
    }

    /// A missing file confirms nothing; a damaged one is an error, never "nothing".
    fn read(&self) -> Result<HostsFile, SecretError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HostsFile::default()),
            Err(source) => {
                return Err(SecretError::HostsRead {
                    path: self.path.clone(),
                    source,
                })
            }
        };
        serde_json::from_slice(&bytes).map_err(|source| SecretError::HostsDamaged {
            path: self.path.clone(),
            source,
        })
    }

    /// Writes a temporary file beside the list and renames it over, so a crash never
    /// leaves half a list.
    fn write(&self, file: &HostsFile) -> Result<(), SecretError> {
        let failed = |source| SecretError::HostsWrite {
            path: self.path.clone(),
            source,
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(failed)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
        let json = serde_json::to_vec_pretty(file).map_err(|e| failed(e.into()))?;
        tmp.write_all(&json).map_err(failed)?;
        tmp.persist(&self.path).map_err(|e| failed(e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(workspace: &str, source: i64, base_url: &str) -> ConfirmedHost {
        ConfirmedHost {
            workspace: workspace.into(),
            source,
            base_url: base_url.into(),
        }
    }

    #[test]
    fn a_confirmation_covers_one_workspace_source_and_address() {
        let dir = tempfile::tempdir().unwrap();
        let hosts = ConfirmedHosts::in_dir(dir.path().join("nested"));
        let acme = host("w1", 1, "https://acme.zendesk.com");
        assert!(
            !hosts.contains(&acme).unwrap(),
            "a missing file confirms nothing"
        );
        hosts.add(acme.clone()).unwrap();
        hosts.add(acme.clone()).unwrap();
        assert!(hosts.contains(&acme).unwrap());
        assert!(!hosts
            .contains(&host("w2", 1, "https://acme.zendesk.com"))
            .unwrap());
        assert!(!hosts
            .contains(&host("w1", 2, "https://acme.zendesk.com"))
            .unwrap());
        assert!(!hosts
            .contains(&host("w1", 1, "https://evil.example"))
            .unwrap());

        hosts
            .add(host("w2", 1, "https://acme.zendesk.com"))
            .unwrap();
        hosts.forget_source("w1", 1).unwrap();
        assert!(!hosts.contains(&acme).unwrap());
        assert!(hosts
            .contains(&host("w2", 1, "https://acme.zendesk.com"))
            .unwrap());
    }

    #[test]
    fn a_damaged_list_is_an_error_not_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let hosts = ConfirmedHosts::in_dir(dir.path().to_owned());
        std::fs::write(hosts.path(), b"{not json").unwrap();
        let err = hosts
            .contains(&host("w1", 1, "https://acme.zendesk.com"))
            .unwrap_err();
        assert!(matches!(err, SecretError::HostsDamaged { .. }), "{err}");
        assert!(hosts.add(host("w1", 1, "https://x.example")).is_err());
    }
}
