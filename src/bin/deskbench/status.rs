//! `deskbench status`: what the workspace holds and when each source last synced.

use anyhow::Result;
use chrono::DateTime;

use deskbench::store::StreamState;

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

pub fn run(cli: &Cli, args: &StatusArgs) -> Result<()> {
    let workspace = open_existing(cli)?;
    let counts = workspace.store().counts()?;
    let info = workspace.info(deskbench::now())?;
    let mut streams: Vec<(String, Vec<StreamState>)> = Vec::new();
    for source in workspace.store().sources()? {
        streams.push((
            source.name.clone(),
            workspace.store().stream_states(source.id)?,
        ));
    }
    let runs = workspace.store().runs(None, 5)?;
    output::to_stdout(|out| {
        match args.format {
            Format::Json => {
                let streams: serde_json::Map<String, serde_json::Value> = streams
                    .into_iter()
                    .map(|(name, states)| Ok((name, serde_json::to_value(states)?)))
                    .collect::<Result<_, serde_json::Error>>()?;
                let json = serde_json::json!({ "workspace": info, "counts": counts, "streams": streams, "recent_syncs": runs });
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
