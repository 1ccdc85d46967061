//! API tokens: in the OS keychain, or (headless) in an environment variable the user
//! names. Never in SQLite, logs, error messages or exports.

use std::fmt;

/// The keychain service every Deskbench secret is filed under.
const SERVICE: &str = "deskbench";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no token for {account} in the OS keychain; add the source again, or name an environment variable with --token-env")]
    Missing { account: String },
    #[error("the OS keychain is not available ({0}); unlock it, or on the command line keep the token in an environment variable named with --token-env")]
    Keychain(String),
    #[error("the environment variable {0} is not set (it should hold the API token)")]
    EnvMissing(String),
    #[error("the token is empty")]
    Empty,
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

/// The keychain entry of a source.
pub fn account(source_name: &str) -> String {
    format!("source:{source_name}")
}

/// Runs a keychain call on a short-lived thread of its own. The Linux backend drives
/// D-Bus with its own executor, which refuses to start on a thread that belongs to an
/// async runtime; callers may be async tasks, so no call runs on theirs.
fn with_entry<T: Send>(
    account: &str,
    call: impl FnOnce(&keyring::Entry) -> Result<T, SecretError> + Send,
) -> Result<T, SecretError> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let entry = keyring::Entry::new(SERVICE, account)
                    .map_err(|e| SecretError::Keychain(e.to_string()))?;
                call(&entry)
            })
            .join()
            .unwrap_or_else(|_| Err(SecretError::Keychain("the keychain call failed".into())))
    })
}

pub fn save(account: &str, secret: &Secret) -> Result<(), SecretError> {
    with_entry(account, |entry| {
        entry
            .set_password(secret.expose())
            .map_err(|e| SecretError::Keychain(e.to_string()))
    })
}

pub fn load(account: &str) -> Result<Secret, SecretError> {
    with_entry(account, |entry| match entry.get_password() {
        Ok(value) => Secret::new(value),
        Err(keyring::Error::NoEntry) => Err(SecretError::Missing {
            account: account.to_owned(),
        }),
        Err(e) => Err(SecretError::Keychain(e.to_string())),
    })
}

/// Removes a source's token; a missing one is fine.
pub fn delete(account: &str) -> Result<(), SecretError> {
    with_entry(account, |entry| match entry.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(SecretError::Keychain(e.to_string())),
    })
}

pub fn from_env(var: &str) -> Result<Secret, SecretError> {
    match std::env::var(var) {
        Ok(value) => Secret::new(value),
        Err(_) => Err(SecretError::EnvMissing(var.to_owned())),
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
}
