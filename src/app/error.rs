//! Errors of the application layer: its own checks of what a caller sent, and the core's
//! errors it passes on unchanged, so each front end words and codes them in one place.

use crate::analytics::forecast::ForecastError;
use crate::analytics::staffing::StaffingError;
use crate::analytics::AnalyticsError;
use crate::app::import::ImportFailure;
use crate::charts::ChartError;
use crate::export::ExportError;
use crate::feedback::FeedbackError;
use crate::secrets::SecretError;
use crate::sources::csv::import::ImportError;
use crate::store::StoreError;
use crate::workspace::WorkspaceError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("the workspace is not open yet")]
    NotOpen,
    #[error("the {0} lock is poisoned")]
    Poisoned(&'static str),
    #[error("a query takes at most {most} {what}, not {given}")]
    TooMany {
        what: &'static str,
        most: usize,
        given: usize,
    },
    #[error("{start:?}… is too long: {what} has at most {most} characters")]
    TooLong {
        /// The first 40 characters, so the message stays short.
        start: String,
        what: &'static str,
        most: usize,
    },
    #[error("the Agents & groups table sets `{0}` itself; leave it out of the request")]
    SetByTable(&'static str),
    #[error("no feedback report yet: open the Feedback screen first")]
    NoFeedbackReport,
    #[error("the feedback report has no {kind} {id:?}; reload the Feedback screen")]
    NotInFeedbackReport { kind: &'static str, id: String },
    #[error("pick two or more themes of one language to merge")]
    MergeNeedsThemes,
    #[error("{0:?} has no words to split a theme by; pick one of the theme's terms")]
    NoSplitWords(String),
    #[error("theme {0:?} is as its texts make it: it was not merged or split")]
    NothingToUndo(String),
    #[error(
        "no text of the theme says {0:?}, so nothing was split; pick one of the theme's terms"
    )]
    SplitsOffNothing(String),
    #[error(
        "every text of the theme says {0:?}, so nothing would be left; pick a phrase only some say"
    )]
    SplitsOffEverything(String),
    #[error("no theme edit {0}; list them with the report's edits")]
    NoThemeEdit(i64),
    #[error("this ticket has no helpdesk address")]
    NoTicketAddress,
    #[error("this address is not on a connected helpdesk, so it is not opened")]
    NotHelpdeskPage,
    #[error("give the source a name")]
    NoSourceName,
    #[error("enter the email of the admin whose API token this is")]
    NoAdminEmail,
    #[error("a sync is already running")]
    SyncRunning,
    #[error("an export is already running")]
    ExportRunning,
    #[error("an import or its preview is already running")]
    ImportRunning,
    #[error("pick a file to import first")]
    NoImportFile,
    #[error("{name:?} cannot be read")]
    ImportFile {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Token(SecretError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Analytics(#[from] AnalyticsError),
    #[error(transparent)]
    Forecast(#[from] ForecastError),
    #[error(transparent)]
    Staffing(#[from] StaffingError),
    #[error(transparent)]
    Feedback(#[from] FeedbackError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportFailure),
}

/// What a front end does about an error: show it next to the input, offer to retry
/// opening the workspace, ask the user to confirm a host, or report a failure. It is
/// also the `code` an error carries across IPC, under the name the UI knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ErrorCode")]
pub enum ErrorKind {
    /// The caller sent something to correct: a value, a size, a step out of order.
    #[serde(rename = "invalid_input")]
    Input,
    /// The workspace could not be opened, read or written.
    Workspace,
    /// A source's token would go to an address the user has not confirmed.
    UnconfirmedHost,
    /// Anything else.
    Internal,
}

impl AppError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::NotOpen | AppError::Poisoned(_) => ErrorKind::Internal,
            AppError::Workspace(err) => workspace_kind(err),
            AppError::Analytics(err) => analytics_kind(err),
            AppError::Feedback(FeedbackError::Analytics(err)) => analytics_kind(err),
            AppError::Forecast(ForecastError::Analytics(err)) => analytics_kind(err),
            AppError::Forecast(ForecastError::Model { .. }) => ErrorKind::Internal,
            AppError::Feedback(FeedbackError::Store(_)) | AppError::Store(_) => {
                ErrorKind::Workspace
            }
            AppError::Feedback(FeedbackError::UnknownLang(_) | FeedbackError::UnknownSource(_)) => {
                ErrorKind::Input
            }
            // Any failure added later (a model that cannot load) is not the user's input.
            #[allow(unreachable_patterns)]
            AppError::Feedback(_) => ErrorKind::Internal,
            AppError::Export(ExportError::Analytics(err)) => analytics_kind(err),
            AppError::Export(
                ExportError::TooManyRows { .. }
                | ExportError::UnknownFormat(_)
                | ExportError::Spec(_),
            ) => ErrorKind::Input,
            AppError::Export(_) => ErrorKind::Internal,
            AppError::Chart(
                ChartError::Spec(_) | ChartError::Size { .. } | ChartError::Scale(_),
            ) => ErrorKind::Input,
            AppError::Chart(_) => ErrorKind::Internal,
            AppError::Import(ImportFailure::Import(ImportError::Store(_))) => ErrorKind::Workspace,
            _ => ErrorKind::Input,
        }
    }

    /// True when the caller sent something to correct.
    pub fn is_input(&self) -> bool {
        self.kind() == ErrorKind::Input
    }
}

fn analytics_kind(err: &AnalyticsError) -> ErrorKind {
    match err {
        AnalyticsError::Engine(_) | AnalyticsError::Store(_) => ErrorKind::Internal,
        _ => ErrorKind::Input,
    }
}

fn workspace_kind(err: &WorkspaceError) -> ErrorKind {
    use crate::sources::freshdesk::error::FreshdeskError as F;
    use crate::sources::zendesk::ZendeskError as Z;
    match err {
        WorkspaceError::Zendesk(
            Z::Unauthorized | Z::Forbidden { .. } | Z::InvalidBaseUrl(_) | Z::InsecureUrl(_),
        )
        | WorkspaceError::Freshdesk(
            F::Unauthorized | F::AccessDenied { .. } | F::InvalidBaseUrl(_) | F::InsecureUrl(_),
        )
        | WorkspaceError::NotAdmin { .. }
        | WorkspaceError::SourceExists(_)
        | WorkspaceError::MissingEmail => ErrorKind::Input,
        WorkspaceError::UnconfirmedHost { .. } | WorkspaceError::AddressChanged { .. } => {
            ErrorKind::UnconfirmedHost
        }
        _ => ErrorKind::Workspace,
    }
}

/// The error and its causes on one line, as the user reads them.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
