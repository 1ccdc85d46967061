//! A workspace: a folder holding the store (`deskbench.sqlite`) and its settings. Knows
//! the workspace's time zone, whether it is the demo, and its sources.

pub mod lock;
mod sources;
mod stream_status;
mod tokens;

pub use sources::{
    check_freshdesk, check_zendesk, parse_address, zendesk_settings, SourceView, ZendeskAuth,
    ZendeskSettings,
};
pub use stream_status::{StreamPhase, StreamStatus};
pub use tokens::SourceAddress;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use crate::analytics::query::range::local_date;
use crate::demo::{self, DemoConfig, DemoError, DemoProgress, DemoSummary};
use crate::store::records::SourceKind;
use crate::store::{Store, StoreError, DATABASE_FILE};
use lock::{Activity, LockError, WorkspaceLock};

/// The setting holding the workspace's IANA time zone.
pub(crate) const TIME_ZONE_SETTING: &str = "time_zone";

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("cannot create the workspace folder {path}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no workspace folder given and the OS has no data directory; pass --workspace DIR")]
    NoDefaultDir,
    #[error("the workspace {0} already has a database; use a new folder for the demo")]
    NotEmpty(PathBuf),
    #[error("the workspace's time zone setting {0:?} is not an IANA time zone")]
    BadTimeZone(String),
    #[error("there is already a source named {0:?}; pick another name")]
    SourceExists(String),
    #[error("no source named {0:?}; `deskbench source list` shows them")]
    NoSuchSource(String),
    #[error("{0:?} is not a Zendesk source")]
    NotZendesk(String),
    #[error("{0:?} is not a Freshdesk source")]
    NotFreshdesk(String),
    #[error("the settings of source {0:?} are unreadable; remove and add it again")]
    SourceSettings(String),
    #[error("no token for source {0:?} in the OS keychain; remove the source and add it again, or pass --token-env VAR at each sync")]
    NoToken(String),
    #[error("the API token of source {name:?} has not been sent to {base_url} from this computer before; confirm that address first")]
    UnconfirmedHost { name: String, base_url: String },
    #[error(
        "the address of source {name:?} is now {base_url}; look at it again before confirming"
    )]
    AddressChanged { name: String, base_url: String },
    #[error("the source has no email for API-token sign-in; add it again with --email")]
    MissingEmail,
    #[error("the token belongs to {name} ({role}); Zendesk's incremental exports need an admin's API token")]
    NotAdmin { name: String, role: String },
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    #[error(transparent)]
    Secret(#[from] crate::secrets::SecretError),
    #[error(transparent)]
    Zendesk(#[from] crate::sources::zendesk::ZendeskError),
    #[error(transparent)]
    FreshdeskSync(#[from] crate::sync::freshdesk::FreshdeskSyncError),
    #[error(transparent)]
    Freshdesk(#[from] crate::sources::freshdesk::error::FreshdeskError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Demo(#[from] DemoError),
}

/// What the app shows about the open workspace.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkspaceInfo {
    /// The database's random id: what the app keys the workspace's own UI state by, so it
    /// follows the workspace, not its folder.
    pub id: String,
    /// The folder holding `deskbench.sqlite`.
    pub path: String,
    /// True when the only source is the generated demo helpdesk.
    pub is_demo: bool,
    /// The workspace's default IANA time zone.
    pub tz: String,
    /// Today's date in that zone, `YYYY-MM-DD`.
    pub today: String,
    #[ts(type = "number")]
    pub tickets: u64,
    pub sources: Vec<SourceSummary>,
}

impl WorkspaceInfo {
    /// The window's title: it says when the data is the demo's.
    pub fn window_title(&self) -> &'static str {
        if self.is_demo {
            "Deskbench — Demo workspace"
        } else {
            "Deskbench"
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SourceSummary {
    pub name: String,
    pub kind: String,
    /// Unix seconds of the last successful sync, if any.
    #[ts(type = "number | null")]
    pub last_synced_at: Option<i64>,
}

pub struct Workspace {
    dir: PathBuf,
    store: Store,
}

fn create_dir(dir: &Path) -> Result<(), WorkspaceError> {
    std::fs::create_dir_all(dir).map_err(|source| WorkspaceError::CreateDir {
        path: dir.to_owned(),
        source,
    })
}

impl Workspace {
    /// The OS data directory's workspace (e.g. `~/.local/share/deskbench`).
    pub fn default_dir() -> Result<PathBuf, WorkspaceError> {
        directories::ProjectDirs::from("app", "Deskbench", "deskbench")
            .map(|dirs| dirs.data_dir().to_owned())
            .ok_or(WorkspaceError::NoDefaultDir)
    }

    /// Opens the workspace in `dir`, creating the folder and an empty database if needed.
    /// Creating or upgrading the database takes the workspace's write lock.
    pub fn open(dir: &Path) -> Result<Workspace, WorkspaceError> {
        create_dir(dir)?;
        let _setup = if Store::needs_setup(dir)? {
            Some(WorkspaceLock::acquire(dir, Activity::Upgrade)?)
        } else {
            None
        };
        let store = Store::open(dir)?;
        Ok(Workspace {
            dir: dir.to_owned(),
            store,
        })
    }

    /// Whether `dir` holds a workspace database already (without creating one).
    pub fn exists(dir: &Path) -> bool {
        dir.join(DATABASE_FILE).is_file()
    }

    /// Generates the demo helpdesk as a new workspace in `dir`, which must have no
    /// database yet. Holds the write lock, and builds the database under a temporary name
    /// that is renamed into place when complete, so a failed or concurrent run leaves
    /// nothing behind and never removes another's database.
    pub fn create_demo(
        dir: &Path,
        config: &DemoConfig,
        progress: &mut dyn FnMut(DemoProgress),
    ) -> Result<(Workspace, DemoSummary), WorkspaceError> {
        create_dir(dir)?;
        let _lock = WorkspaceLock::acquire(dir, Activity::Demo)?;
        if Workspace::exists(dir) {
            // An existing file's own problem (empty, read-only, not SQLite) comes first.
            Store::needs_setup(dir)?;
            return Err(WorkspaceError::NotEmpty(dir.to_owned()));
        }
        let (store, summary) = Store::create_with(dir, |store| {
            Ok::<_, WorkspaceError>(demo::generate(store, config, progress)?)
        })?;
        Ok((
            Workspace {
                dir: dir.to_owned(),
                store,
            },
            summary,
        ))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The analytics frame, from the snapshot beside the database when it is current,
    /// else built from SQLite (and saved as the new snapshot).
    pub fn frame(&self) -> Result<crate::analytics::LoadedFrame, crate::analytics::AnalyticsError> {
        crate::analytics::load_or_build(&self.store, &self.dir)
    }

    /// `frame` with its snapshot's save left to the caller (see
    /// [`crate::analytics::load_or_build_unsaved`]).
    pub fn frame_unsaved(
        &self,
    ) -> Result<
        (
            crate::analytics::LoadedFrame,
            Option<crate::analytics::Unsaved>,
        ),
        crate::analytics::AnalyticsError,
    > {
        crate::analytics::load_or_build_unsaved(&self.store, &self.dir)
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The workspace's time zone: its own setting if one is set, else the first source's
    /// account time zone (a Zendesk account's, after its first sync), else UTC.
    pub fn time_zone(&self) -> Result<Tz, WorkspaceError> {
        let name = match self.store.setting(TIME_ZONE_SETTING)? {
            Some(name) => Some(name),
            None => self.store.sources()?.into_iter().find_map(|s| s.time_zone),
        };
        match name {
            None => Ok(Tz::UTC),
            Some(name) => name.parse().map_err(|_| WorkspaceError::BadTimeZone(name)),
        }
    }

    /// Today's date in the workspace's zone at the unix time `now`.
    pub fn today(&self, now: i64) -> Result<NaiveDate, WorkspaceError> {
        Ok(local_date(now, self.time_zone()?))
    }

    pub fn info(&self, now: i64) -> Result<WorkspaceInfo, WorkspaceError> {
        let sources = self.store.sources()?;
        let tz = self.time_zone()?;
        Ok(WorkspaceInfo {
            id: self.id()?,
            path: self.dir.display().to_string(),
            is_demo: !sources.is_empty() && sources.iter().all(|s| s.kind == SourceKind::Demo),
            tz: tz.name().to_owned(),
            today: local_date(now, tz).format("%Y-%m-%d").to_string(),
            tickets: self.store.ticket_count()?,
            sources: sources
                .into_iter()
                .map(|s| SourceSummary {
                    name: s.name,
                    kind: s.kind.as_str().to_owned(),
                    last_synced_at: s.last_success_at,
                })
                .collect(),
        })
    }
}
