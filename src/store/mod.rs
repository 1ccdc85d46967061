//! The local SQLite cache of a workspace. The only module that speaks SQL: everything
//! else reads and writes typed records through it. Statements are parameterised; no SQL
//! is ever built from data.

mod migrations;
mod raw_json;
mod read;
mod read_related;
mod read_texts;
pub mod records;
mod sync_log;
mod write;
mod write_tickets;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use migrations::SCHEMA_VERSION;
pub use raw_json::{RawJsonError, RawPage};
pub use read::{RatingColumns, ReadError, StoreCounts, TicketColumns, MINUTE_COLUMNS};
pub use read_related::{FieldDefinition, SlaInstance, TicketKey, TicketText};
pub use read_texts::{ArticleText, RatingComment, TicketWords};
pub use sync_log::{RunOutcome, StreamState, SyncRun};
pub use write::Writer;

/// The database file inside a workspace folder.
pub const DATABASE_FILE: &str = "deskbench.sqlite";

/// `PRAGMA application_id` of a Deskbench database ("DSKB"), so a foreign SQLite file is
/// recognised before anything is written to it.
const APPLICATION_ID: i32 = 0x4453_4b42;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Deskbench workspace database (it is not SQLite, or it is damaged)")]
    NotADatabase {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path} is an SQLite database of another application; choose an empty folder or an existing Deskbench workspace")]
    ForeignDatabase { path: PathBuf },
    #[error("{path} was written by a newer Deskbench (schema {found}, this version knows up to {known}); update Deskbench to open it")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("migration to schema {version} failed; the database was left at its previous version")]
    Migration {
        version: i64,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot open {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("the workspace database has no id; it was not made by Deskbench's migrations")]
    NoDatabaseId,
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    RawJson(#[from] RawJsonError),
    #[error("database error")]
    Sqlite(#[from] rusqlite::Error),
}

/// An open workspace database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens `folder/deskbench.sqlite`, creating it (and the folder's schema) when new.
    /// A foreign, damaged or newer database is refused before anything is written to it.
    pub fn open(folder: &Path) -> Result<Store, StoreError> {
        Self::open_file(&folder.join(DATABASE_FILE))
    }

    pub fn open_file(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(open_err)?;
        check_identity(&conn, path)?;
        migrations::run(&mut conn, path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;",
        )?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    /// An in-memory store, for tests and throw-away work.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory()?;
        migrations::run(&mut conn, &path)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a write transaction; nothing is visible to readers until `commit`.
    pub fn write(&mut self) -> Result<Writer<'_>, StoreError> {
        Ok(Writer::new(self.conn.transaction()?))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Refuses files that are not SQLite or belong to another application. Reads only.
fn check_identity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let not_db = |source| StoreError::NotADatabase {
        path: path.to_owned(),
        source,
    };
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(not_db)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(not_db)?;
    if app_id == APPLICATION_ID || (app_id == 0 && tables == 0) {
        Ok(())
    } else {
        Err(StoreError::ForeignDatabase {
            path: path.to_owned(),
        })
    }
}
