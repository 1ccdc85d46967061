//! The workspace a command works on (`--workspace`, `DESKBENCH_WORKSPACE` or the OS
//! default), opened as a session; and the core's errors about a query, worded with the
//! flags that set it.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Result};

use deskbench::analytics::AnalyticsError;
use deskbench::app::{AppError, Session};
use deskbench::export::ExportError;
use deskbench::feedback::FeedbackError;
use deskbench::workspace::Workspace;

use crate::args::Cli;

/// The workspace folder from `--workspace` / `DESKBENCH_WORKSPACE`, else the OS default.
pub fn workspace_dir(cli: &Cli) -> Result<PathBuf> {
    match &cli.workspace {
        Some(dir) => Ok(dir.clone()),
        None => Ok(Workspace::default_dir()?),
    }
}

/// Opens an existing workspace; a missing one is an error that says how to make one.
pub fn open_existing(cli: &Cli) -> Result<Workspace> {
    Ok(Workspace::open(&existing_dir(cli)?)?)
}

/// A session on an existing workspace; its frame is built when the command's input has
/// been checked, and a snapshot that could not be saved is a warning.
pub fn open_session(cli: &Cli) -> Result<Session> {
    let session = Session::new(existing_dir(cli)?)
        .on_snapshot_problem(|problem| eprintln!("warning: {problem}"));
    session.open()?;
    Ok(session)
}

fn existing_dir(cli: &Cli) -> Result<PathBuf> {
    let dir = workspace_dir(cli)?;
    if !Workspace::exists(&dir) {
        bail!(
            "no workspace in {}; create one with `deskbench --workspace {} demo`",
            dir.display(),
            dir.display()
        );
    }
    Ok(dir)
}

/// The error, with the flags named where the core speaks of the query's dates and ids.
pub fn in_flags(err: AppError) -> anyhow::Error {
    let query = match &err {
        AppError::Analytics(query)
        | AppError::Feedback(FeedbackError::Analytics(query))
        | AppError::Export(ExportError::Analytics(query)) => query,
        _ => return err.into(),
    };
    match query {
        AnalyticsError::RangeReversed { from, to } => anyhow!("--from {from} is after --to {to}"),
        AnalyticsError::HalfRange => anyhow!("--from and --to go together: give both or neither"),
        AnalyticsError::NotAnId { dimension, value } => anyhow!(
            "{dimension} takes an id (a whole number), not {value:?}; list them with --by {dimension}"
        ),
        _ => err.into(),
    }
}
