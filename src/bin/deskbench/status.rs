//! `deskbench status`: what the workspace holds and when each source last synced.

use anyhow::Result;
use chrono::DateTime;

use deskbench::store::records::{Source, SourceKind};
use deskbench::store::{ImportRun, StreamState};
use deskbench::workspace::Workspace;

use crate::args::{Cli, Format, StatusArgs};
use crate::output;
use crate::printable::{printable, Tabs};
use crate::session::open_existing;

fn utc(at: Option<i64>) -> String {
    at.and_then(|t| DateTime::from_timestamp(t, 0))
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "never".to_owned())
}

fn shorten(cursor: &str) -> String {
    if cursor.chars().count() > 16 {
        format!("{}…", cursor.chars().take(16).collect::<String>())
    } else {
        cursor.to_owned()
    }
}

/// Skipped rows of the last import listed with their line; the rest are counted.
const SHOWN_PROBLEMS: u32 = 10;

/// "Last import: cases.csv into salesforce-cases (2025-03-01 10:00): 120 rows, 2 skipped"
/// and the first skipped rows.
fn import_lines(workspace: &Workspace, run: &ImportRun) -> Result<Vec<String>> {
    let count = |name: &str| run.counts.get(name).and_then(|v| v.as_u64()).unwrap_or(0);
    let skipped = count("skipped");
    let mut lines = vec![format!(
        "Last import: {} into {} ({}): {} rows, {} skipped{}",
        run.file,
        run.source,
        utc(Some(run.imported_at)),
        count("rows"),
        skipped,
        if skipped > 0 { ":" } else { "" }
    )];
    let problems = workspace.store().import_problems(run.id, SHOWN_PROBLEMS)?;
    let shown = problems.len() as u64;
    lines.extend(
        problems
            .into_iter()
            .map(|(line, reason)| format!("  line {line}: {reason}")),
    );
    if skipped > shown {
        lines.push(format!("  … and {} more", skipped - shown));
    }
    Ok(lines)
}

/// A source's status history: its rows and where its stream goes on, or why it has none.
#[derive(serde::Serialize)]
struct History {
    source: String,
    events: u64,
    /// The ticket events stream's checkpoint (Zendesk only; none before its first page).
    from: Option<i64>,
    /// Why the source has no history, when it cannot have one.
    unavailable: Option<&'static str>,
}

fn history(source: &Source, states: &[StreamState], events: u64) -> History {
    let unavailable = match source.kind {
        SourceKind::Zendesk | SourceKind::Demo => None,
        SourceKind::Freshdesk => Some("not available for Freshdesk"),
        SourceKind::Csv => Some("not available for imported files"),
    };
    let from = states
        .iter()
        .find(|st| st.stream == "ticket_events")
        .and_then(|st| st.start_time);
    History {
        source: source.name.clone(),
        events,
        from,
        unavailable,
    }
}

pub fn run(cli: &Cli, args: &StatusArgs) -> Result<()> {
    let workspace = open_existing(cli)?;
    let counts = workspace.store().counts()?;
    let info = workspace.info(deskbench::now())?;
    let mut streams: Vec<(String, Vec<StreamState>)> = Vec::new();
    let mut histories = Vec::new();
    let event_counts = workspace.store().ticket_event_counts()?;
    for source in workspace.store().sources()? {
        let states = workspace.store().stream_states(source.id)?;
        let events = event_counts.get(&source.id).copied().unwrap_or(0);
        histories.push(history(&source, &states, events));
        streams.push((source.name.clone(), states));
    }
    let runs = workspace.store().runs(None, 5)?;
    let last_import = workspace.store().last_import()?;
    output::to_stdout(|out| {
        match args.format {
            Format::Json => {
                let streams: serde_json::Map<String, serde_json::Value> = streams
                    .into_iter()
                    .map(|(name, states)| Ok((name, serde_json::to_value(states)?)))
                    .collect::<Result<_, serde_json::Error>>()?;
                let import = match &last_import {
                    Some(run) => {
                        let problems = workspace.store().import_problems(run.id, SHOWN_PROBLEMS)?;
                        let problems: Vec<_> = problems
                            .into_iter()
                            .map(|(line, reason)| serde_json::json!({"line": line, "reason": reason}))
                            .collect();
                        serde_json::json!({"run": run, "first_skipped": problems})
                    }
                    None => serde_json::Value::Null,
                };
                let json = serde_json::json!({ "workspace": info, "counts": counts, "streams": streams, "status_history": histories, "recent_syncs": runs, "last_import": import });
                serde_json::to_writer_pretty(&mut *out, &json)?;
                writeln!(out)?;
            }
            Format::Csv | Format::Table => {
                writeln!(out, "Workspace  {}", printable(&info.path, Tabs::Space))?;
                writeln!(out, "Time zone  {}", info.tz)?;
                let sources = output::table(
                    &["Source", "Kind", "Last sync (UTC)"],
                    info.sources
                        .iter()
                        .map(|s| vec![s.name.clone(), s.kind.clone(), utc(s.last_synced_at)]),
                );
                writeln!(out, "{sources}")?;
                let value = serde_json::to_value(&counts)?;
                let table = output::table(
                    &["Records", "Count"],
                    value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(name, count)| vec![name.replace('_', " "), count.to_string()]),
                );
                writeln!(out, "{table}")?;
                for (source, states) in streams {
                    if states.is_empty() {
                        continue;
                    }
                    writeln!(out, "Streams of {}", printable(&source, Tabs::Space))?;
                    let rows = states.into_iter().map(|st| {
                        let checkpoint = match (&st.cursor, st.start_time) {
                            (Some(c), _) => format!("cursor {}", shorten(c)),
                            (None, Some(t)) => format!("from {}", utc(Some(t))),
                            (None, None) => "-".to_owned(),
                        };
                        vec![
                            st.stream.clone(),
                            checkpoint,
                            utc(st.last_success_at),
                            st.last_error.unwrap_or_default(),
                        ]
                    });
                    let table = output::table(
                        &["Stream", "Checkpoint", "Last success (UTC)", "Last error"],
                        rows,
                    );
                    writeln!(out, "{table}")?;
                }
                if !histories.is_empty() {
                    let rows = histories.iter().map(|h| {
                        let state = match (h.unavailable, h.from) {
                            (Some(why), _) => why.to_owned(),
                            (None, Some(t)) => format!("next from {}", utc(Some(t))),
                            (None, None) => "-".to_owned(),
                        };
                        vec![h.source.clone(), h.events.to_string(), state]
                    });
                    let table = output::table(&["Status history", "Changes", "Stream"], rows);
                    writeln!(out, "{table}")?;
                }
                if let Some(run) = &last_import {
                    for line in import_lines(&workspace, run)? {
                        writeln!(out, "{}", printable(&line, Tabs::Space))?;
                    }
                }
                for run in runs.iter().filter(|r| r.error.is_some() || r.problems > 0) {
                    let summary = format!(
                        "Sync #{} of {} ({}): {}{}",
                        run.id,
                        run.source,
                        utc(Some(run.started_at)),
                        run.error.as_deref().unwrap_or("finished"),
                        if run.problems > 0 {
                            format!("; {} records skipped as unreadable", run.problems)
                        } else {
                            String::new()
                        }
                    );
                    writeln!(out, "{}", printable(&summary, Tabs::Space))?;
                    for (stream, id, why) in
                        workspace.store().run_problems(run.id)?.into_iter().take(10)
                    {
                        let problem = format!("  {stream} {id}: {why}");
                        writeln!(out, "{}", printable(&problem, Tabs::Space))?;
                    }
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(kind: SourceKind) -> Source {
        Source {
            id: 1,
            kind,
            name: "s".into(),
            base_url: None,
            time_zone: None,
            settings: serde_json::json!({}),
            last_success_at: None,
        }
    }

    #[test]
    fn the_history_row_says_where_its_stream_goes_on_or_why_there_is_none() {
        let state = StreamState {
            stream: "ticket_events".into(),
            cursor: None,
            start_time: Some(1_700_000_000),
            last_attempt_at: None,
            last_success_at: None,
            last_error: None,
        };
        let zendesk = history(&source(SourceKind::Zendesk), &[state], 42);
        assert_eq!(
            (zendesk.events, zendesk.from, zendesk.unavailable),
            (42, Some(1_700_000_000), None)
        );
        let freshdesk = history(&source(SourceKind::Freshdesk), &[], 0);
        assert_eq!(freshdesk.unavailable, Some("not available for Freshdesk"));
        let csv = history(&source(SourceKind::Csv), &[], 0);
        assert_eq!(csv.unavailable, Some("not available for imported files"));
    }
}
