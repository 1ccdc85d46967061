//! The local SQLite cache of a workspace. The only module that speaks SQL: everything
//! else reads and writes typed records through it. Statements are parameterised; no SQL
//! is ever built from data.

mod bulk_indexes;
mod imports;
mod migrations;
mod public_comments;
mod raw_json;
mod read;
mod read_related;
mod read_texts;
pub mod records;
mod status_intervals;
mod sync_log;
mod theme_edits;
mod theme_names;
mod ticket_changes;
mod ticket_children;
mod ticket_events;
mod write;
mod write_tickets;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use imports::{ImportKey, ImportRun};
pub use migrations::SCHEMA_VERSION;
pub use public_comments::AgentReply;
pub use raw_json::{RawJsonError, RawPage};
pub use read::{
    FrameTableRows, RatingColumns, ReadError, StoreCounts, TicketColumns, MINUTE_COLUMNS,
};
pub use read_related::{FieldDefinition, SlaInstance, TicketKey, TicketText};
pub use read_texts::{ArticleText, RatingComment, TicketWords};
pub use status_intervals::{status_intervals, StatusInterval};
pub use sync_log::{skipped_note, RunOutcome, StreamState, SyncRun};
pub use theme_edits::{KeptEdit, ThemeEditRow};
pub use theme_names::ThemeName;
pub use ticket_changes::TicketSelection;
pub use ticket_events::HistoryRow;
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
    #[error("{path} is an empty file (0 bytes), not a workspace database, perhaps left by an interrupted copy; copy the workspace again, or delete the file to start a new workspace")]
    EmptyFile { path: PathBuf },
    #[error("{path} is read-only; Deskbench writes to its workspace folder and database, so make them writable or copy the workspace folder somewhere writable")]
    ReadOnly { path: PathBuf },
    #[error("cannot read {path}")]
    Inspect {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot create a new database in {folder}")]
    Create {
        folder: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} already exists; a new database is only created where there is none")]
    AlreadyExists { path: PathBuf },
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
    /// Opens `folder/deskbench.sqlite`, creating it (see [`Store::create_with`]) when
    /// there is none. A foreign, damaged, empty (0 bytes), read-only or newer database is
    /// refused before anything is written to it.
    pub fn open(folder: &Path) -> Result<Store, StoreError> {
        let path = folder.join(DATABASE_FILE);
        match check_file(folder, &path)? {
            FileState::Present => Self::open_path(&path),
            FileState::Missing => match Self::create_with(folder, |_| Ok::<_, StoreError>(())) {
                // Another process created it meanwhile: that one is the workspace's.
                Err(StoreError::AlreadyExists { .. }) => Self::open_path(&path),
                created => created.map(|(store, ())| store),
            },
        }
    }

    /// Makes a new database for `folder`: built under a temporary name beside
    /// `deskbench.sqlite`, filled by `fill`, and moved into place only when complete and
    /// only if no database appeared there meanwhile ([`StoreError::AlreadyExists`]). A
    /// failed or concurrent creation never removes or exposes another's database.
    pub fn create_with<T, E: From<StoreError>>(
        folder: &Path,
        fill: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<(Store, T), E> {
        let path = folder.join(DATABASE_FILE);
        let create_err = |source| StoreError::Create {
            folder: folder.to_owned(),
            source,
        };
        let temp = tempfile::Builder::new()
            .prefix(".deskbench-new-")
            .suffix(".sqlite")
            .tempfile_in(folder)
            .map_err(create_err)?
            .into_temp_path();
        let filled = Self::open_path(&temp)
            .map_err(E::from)
            .and_then(|mut store| fill(&mut store).map(|value| (store, value)));
        // Closing the last connection checkpoints the WAL and removes it and its index.
        let value = filled.map(|(store, value)| {
            drop(store);
            value
        });
        remove_wal_files(&temp);
        let value = value?;
        temp.persist_noclobber(&path).map_err(|err| {
            if err.error.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::AlreadyExists { path: path.clone() }
            } else {
                create_err(err.error)
            }
        })?;
        Ok((Self::open_path(&path)?, value))
    }

    /// Whether opening `folder`'s database would create it or upgrade its schema: the
    /// workspace takes its write lock first. Reads only.
    pub fn needs_setup(folder: &Path) -> Result<bool, StoreError> {
        let path = folder.join(DATABASE_FILE);
        if check_file(folder, &path)? == FileState::Missing {
            return Ok(true);
        }
        // Read-write though it only reads: closing it as the last connection removes the
        // WAL files, as every other connection of the workspace does.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(&path, flags).map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|source| StoreError::NotADatabase {
                path: path.clone(),
                source,
            })?;
        Ok(version < SCHEMA_VERSION)
    }

    /// Opens the database at `path` (an empty file is a new database).
    fn open_path(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        // Without CREATE: a database removed since it was checked is not made anew.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        // SQLite falls back to reading only when the OS refuses writes.
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(open_err)? {
            return Err(StoreError::ReadOnly {
                path: path.to_owned(),
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(open_err)?;
        check_identity(&conn, path)?;
        migrations::run(&mut conn, path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )?;
        set_cache_kib(&conn, CACHE_KIB)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    /// Runs `read` with a page cache of `kib` KiB, then sets the usual one back: a read
    /// that passes over many pages once (counting rows) is quicker through a small cache
    /// than through one that allocates and keeps every page it reads.
    pub(crate) fn with_cache_kib<T>(
        &self,
        kib: u32,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        set_cache_kib(&self.conn, kib)?;
        let result = read(&self.conn);
        set_cache_kib(&self.conn, CACHE_KIB)?;
        Ok(result?)
    }

    /// An in-memory store, for tests and throw-away work.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory()?;
        migrations::run(&mut conn, &path)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a write transaction; nothing is visible to readers until `commit`.
    pub fn write(&mut self) -> Result<Writer<'_>, StoreError> {
        Ok(Writer::new(self.conn.transaction()?))
    }

    /// Starts the one write transaction of a bulk write (a file import) on a connection
    /// opened for it alone: statement journals are kept in memory for the rest of the
    /// connection's life, where on disk each multi-row statement of a large transaction
    /// would write every page it touches to a temporary file first.
    pub fn bulk_write(&mut self) -> Result<Writer<'_>, StoreError> {
        self.conn.execute_batch("PRAGMA temp_store = MEMORY;")?;
        self.write()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[derive(Debug, PartialEq, Eq)]
enum FileState {
    Missing,
    Present,
}

/// What is at a database path, checked before SQLite opens it (which would take an
/// empty file for a new database and silently read a write-protected one). A missing
/// file is the only one a new workspace is created for.
fn check_file(folder: &Path, path: &Path) -> Result<FileState, StoreError> {
    let read_only = |path: &Path| StoreError::ReadOnly {
        path: path.to_owned(),
    };
    // Windows marks folders read-only for other reasons; there the writes tell.
    if cfg!(unix) && std::fs::metadata(folder).is_ok_and(|m| m.permissions().readonly()) {
        return Err(read_only(folder));
    }
    match std::fs::metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(FileState::Missing),
        Err(source) => Err(StoreError::Inspect {
            path: path.to_owned(),
            source,
        }),
        Ok(meta) if meta.len() == 0 => Err(StoreError::EmptyFile {
            path: path.to_owned(),
        }),
        Ok(meta) if meta.permissions().readonly() => Err(read_only(path)),
        Ok(_) => Ok(FileState::Present),
    }
}

/// Removes what SQLite may leave beside a database file that is being discarded.
fn remove_wal_files(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        // Usually already gone: SQLite removes them when the last connection closes.
        let _ = std::fs::remove_file(PathBuf::from(name));
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
/// Statements a connection keeps prepared: room for the multi-row writes' few shapes of
/// each table (see `write_tickets::pieces`) beside the rest.
const STATEMENT_CACHE: usize = 64;

/// The page cache of a connection: room for the pages of the queries that build the
/// frame and the feedback texts.
const CACHE_KIB: u32 = 65_536;

fn set_cache_kib(conn: &Connection, kib: u32) -> rusqlite::Result<()> {
    // A negative size is in KiB; the value is a number, not data.
    conn.execute_batch(&format!("PRAGMA cache_size = -{kib};"))
}
