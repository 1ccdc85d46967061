//! `deskbench status`: what the workspace holds and when each source last synced.

use std::path::PathBuf;

use anyhow::{bail, Result};
use chrono::DateTime;
use comfy_table::Table;

use deskbench::workspace::Workspace;

use crate::args::{Cli, Format, StatusArgs};

/// The workspace folder from `--workspace` / `DESKBENCH_WORKSPACE`, else the OS default.
pub fn workspace_dir(cli: &Cli) -> Result<PathBuf> {
    match &cli.workspace {
        Some(dir) => Ok(dir.clone()),
        None => Ok(Workspace::default_dir()?),
    }
}

/// Opens an existing workspace; a missing one is an error that says how to make one.
pub fn open_existing(cli: &Cli) -> Result<Workspace> {
    let dir = workspace_dir(cli)?;
    if !Workspace::exists(&dir) {
        bail!(
            "no workspace in {}; create one with `deskbench --workspace {} demo`",
            dir.display(),
            dir.display()
        );
    }
    Ok(Workspace::open(&dir)?)
}

pub fn run(cli: &Cli, args: &StatusArgs) -> Result<()> {
    let workspace = open_existing(cli)?;
    let counts = workspace.store().counts()?;
    let info = workspace.info(deskbench::now())?;
    match args.format {
        Format::Json => {
            let json = serde_json::json!({ "workspace": info, "counts": counts });
            println!("{}", serde_json::to_string_pretty(&json)?);
        }
        Format::Csv | Format::Table => {
            println!("Workspace  {}", info.path);
            println!("Time zone  {}", info.tz);
            let mut sources = Table::new();
            sources.set_header(["Source", "Kind", "Last sync (UTC)"]);
            for s in &info.sources {
                let last = s
                    .last_synced_at
                    .and_then(|t| DateTime::from_timestamp(t, 0))
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "never".to_owned());
                sources.add_row([s.name.as_str(), s.kind.as_str(), last.as_str()]);
            }
            println!("{sources}");
            let mut table = Table::new();
            table.set_header(["Records", "Count"]);
            let value = serde_json::to_value(&counts)?;
            for (name, count) in value.as_object().into_iter().flatten() {
                table.add_row([name.replace('_', " "), count.to_string()]);
            }
            println!("{table}");
        }
    }
    Ok(())
}
