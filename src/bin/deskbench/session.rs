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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn the_query_s_dates_and_ids_are_named_by_their_flags() {
        let reversed = AnalyticsError::RangeReversed {
            from: date("2025-03-01"),
            to: date("2025-02-01"),
        };
        assert!(reversed.to_string().contains("the start date 2025-03-01"));
        let cases = [
            (
                AppError::Analytics(reversed),
                "--from 2025-03-01 is after --to 2025-02-01",
            ),
            (
                AppError::Feedback(FeedbackError::Analytics(AnalyticsError::HalfRange)),
                "--from and --to go together: give both or neither",
            ),
            (
                AppError::Export(ExportError::Analytics(AnalyticsError::NotAnId {
                    dimension: "group".into(),
                    value: "Tier 1".into(),
                })),
                "group takes an id (a whole number), not \"Tier 1\"; list them with --by group",
            ),
            (
                AppError::NoFeedbackReport,
                "no feedback report yet: open the Feedback screen first",
            ),
        ];
        for (err, expected) in cases {
            assert_eq!(in_flags(err).to_string(), expected);
        }
    }
}
