//! One writer at a time per workspace, across processes (the app and the CLI): a sync,
//! the demo's generation and a schema upgrade hold an exclusive advisory lock on
//! `deskbench.lock` in the workspace folder. Readers never take it; SQLite's WAL lets
//! them read while a writer works. The OS releases the lock when its holder exits or
//! dies, so a crash never leaves a workspace locked. A second writer fails within a
//! fifth of a second with [`LockError::Busy`] rather than wait behind a sync that may
//! take minutes.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock file inside a workspace folder.
pub const LOCK_FILE: &str = "deskbench.lock";

/// What the holder of the lock is doing, written into the lock file so that a refused
/// writer can say what it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    Sync,
    Import,
    Demo,
    /// Creating the database's schema or upgrading it to this version's.
    Upgrade,
}

impl Activity {
    fn token(self) -> &'static str {
        match self {
            Activity::Sync => "sync",
            Activity::Import => "import",
            Activity::Demo => "demo",
            Activity::Upgrade => "upgrade",
        }
    }

    fn from_token(token: &str) -> Option<Activity> {
        [
            Activity::Sync,
            Activity::Import,
            Activity::Demo,
            Activity::Upgrade,
        ]
        .into_iter()
        .find(|a| a.token() == token.trim())
    }

    /// "another Deskbench is {phrase} this workspace".
    fn phrase(activity: Option<Activity>) -> &'static str {
        match activity {
            Some(Activity::Sync) => "syncing",
            Some(Activity::Import) => "importing into",
            Some(Activity::Demo) => "generating the demo in",
            Some(Activity::Upgrade) => "upgrading",
            None => "writing to",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another Deskbench (the app or the command line) is {} this workspace; try again when it has finished", Activity::phrase(*.activity))]
    Busy { activity: Option<Activity> },
    #[error("cannot lock the workspace through {path}")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The workspace's write lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct WorkspaceLock {
    _file: File,
}

impl WorkspaceLock {
    /// Takes the write lock of the workspace in `dir` for `activity`, or fails with
    /// [`LockError::Busy`] when another holder has it, in this process or another.
    pub fn acquire(dir: &Path, activity: Activity) -> Result<WorkspaceLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let file_err = |source| LockError::File {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(file_err)?;
        let mut tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                // A lock let go of a moment ago can still be held by a child process
                // started in that moment (it shares the lock until it runs its program):
                // worth a few short waits, never a wait behind a real writer.
                Err(TryLockError::WouldBlock) if tries < SHORT_WAITS => {
                    tries += 1;
                    std::thread::sleep(SHORT_WAIT);
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Busy {
                        activity: holder_activity(&mut file),
                    })
                }
                Err(TryLockError::Error(source)) => return Err(file_err(source)),
            }
        }
        // Only a hint for a refused writer's message: failing to write it is harmless.
        // One write of a fixed width over the old token, never an emptied file, so a
        // refused writer reads the old activity or the new one.
        let token = format!("{:<TOKEN_WIDTH$}", activity.token());
        let _ = file
            .rewind()
            .and_then(|()| file.write_all(token.as_bytes()))
            .and_then(|()| file.set_len(TOKEN_WIDTH as u64));
        Ok(WorkspaceLock { _file: file })
    }
}

/// How often, and how long, a busy lock is tried again before it is refused: 0.2 s in
/// all, unnoticed beside a refusal the user reads.
const SHORT_WAITS: u32 = 10;
const SHORT_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// The width the activity is written in (the longest token, padded).
const TOKEN_WIDTH: usize = 8;

/// What the current holder wrote into the lock file, if it can be read (Windows
/// refuses reads of a locked file; then the message stays general). A holder writes it
/// just after taking the lock, so a new file still empty is read again a few times.
fn holder_activity(file: &mut File) -> Option<Activity> {
    for _ in 0..5 {
        let mut token = String::new();
        file.rewind().ok()?;
        Read::take(&mut *file, 16).read_to_string(&mut token).ok()?;
        if !token.trim().is_empty() {
            return Activity::from_token(&token);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = WorkspaceLock::acquire(dir.path(), Activity::Sync).unwrap();
        let err = WorkspaceLock::acquire(dir.path(), Activity::Demo).unwrap_err();
        assert!(matches!(err, LockError::Busy { .. }), "{err}");
        #[cfg(unix)]
        assert_eq!(
            err.to_string(),
            "another Deskbench (the app or the command line) is syncing this workspace; try again when it has finished",
            "the refused writer says what the holder does"
        );
        drop(first);
        WorkspaceLock::acquire(dir.path(), Activity::Demo).expect("free again once dropped");
    }

    #[test]
    fn an_unknown_token_in_the_lock_file_gives_the_general_message() {
        assert_eq!(Activity::from_token("demo\n"), Some(Activity::Demo));
        assert_eq!(Activity::from_token("rm -rf"), None);
        let err = LockError::Busy { activity: None };
        assert!(
            err.to_string().contains("is writing to this workspace"),
            "{err}"
        );
    }
}
