//! Where tokens are kept: the OS keychain, or memory in tests. One trait, so the
//! workspace code never names the backend.

use std::collections::HashMap;
use std::sync::Mutex;

use super::{Secret, SecretError};

/// The keychain service every Deskbench secret is filed under.
const SERVICE: &str = "deskbench";

/// A store of tokens by account name (see `secrets::account`).
pub trait Keychain: Send + Sync {
    fn save(&self, account: &str, secret: &Secret) -> Result<(), SecretError>;
    /// The token of `account`, or `None` when there is no entry.
    fn load(&self, account: &str) -> Result<Option<Secret>, SecretError>;
    /// Removes an entry; a missing one is fine.
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// The OS keychain: Secret Service on Linux, Keychain on macOS, Credential Manager on
/// Windows.
pub struct OsKeychain;

impl Keychain for OsKeychain {
    fn save(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        with_entry(account, |entry| {
            entry.set_password(secret.expose()).map_err(keychain_error)
        })
    }

    fn load(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        with_entry(account, |entry| match entry.get_password() {
            Ok(value) => Secret::new(value).map(Some),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        })
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        with_entry(account, |entry| match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        })
    }
}

fn keychain_error(err: keyring::Error) -> SecretError {
    SecretError::Keychain(err.to_string())
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
                let entry = keyring::Entry::new(SERVICE, account).map_err(keychain_error)?;
                call(&entry)
            })
            .join()
            .unwrap_or_else(|_| Err(SecretError::Keychain("the keychain call failed".into())))
    })
}

/// Tokens in memory for the life of the value. `keyring`'s own mock keeps each entry
/// apart from every other, even of the same account, so it cannot stand in here.
#[derive(Default)]
pub struct MemoryKeychain {
    entries: Mutex<HashMap<String, Secret>>,
}

impl MemoryKeychain {
    fn entries(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, Secret>>, SecretError> {
        self.entries
            .lock()
            .map_err(|_| SecretError::Keychain("the in-memory keychain is poisoned".into()))
    }
}

impl Keychain for MemoryKeychain {
    fn save(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        self.entries()?.insert(account.to_owned(), secret.clone());
        Ok(())
    }

    fn load(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        Ok(self.entries()?.get(account).cloned())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.entries()?.remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_keychain_keeps_entries_by_account() {
        let keychain = MemoryKeychain::default();
        let token = Secret::new("t0ken".into()).unwrap();
        keychain.save("a", &token).unwrap();
        assert_eq!(keychain.load("a").unwrap(), Some(token));
        assert_eq!(keychain.load("b").unwrap(), None);
        keychain.delete("a").unwrap();
        keychain.delete("a").unwrap();
        assert_eq!(keychain.load("a").unwrap(), None);
    }
}
