//! `deskbench import FILE`: an export file into a `csv` source, with a progress bar on
//! stderr; what was detected, the counts and the first skipped rows on stdout. Ctrl-C
//! cancels and leaves the workspace as it was.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use deskbench::app::import::{ImportOutcome, ImportProgress, ImportRequest};
use deskbench::app::Session;
use deskbench::sources::csv::preset::FileKind;
use deskbench::sources::csv::read::FileShape;
use deskbench::sources::csv::scale::Neutral;

use crate::args::{Cli, ImportArgs, NeutralArg};
use crate::output;
use crate::printable::{printable, Tabs};
use crate::session::workspace_dir;

/// Skipped rows printed; `deskbench status` lists more.
const SHOWN_SKIPPED: usize = 10;

pub fn run(cli: &Cli, args: &ImportArgs) -> Result<()> {
    // A new folder becomes a workspace: importing is a way to start one.
    let session = Session::new(workspace_dir(cli)?);
    session.open()?;
    let cancel = Arc::new(AtomicBool::new(false));
    let runtime = tokio::runtime::Runtime::new()?;
    let on_ctrl_c = cancel.clone();
    runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.store(true, Ordering::Relaxed);
        }
    });
    let request = ImportRequest {
        file: args.file.clone(),
        preset: Some(args.preset.clone()),
        maps: args.maps.clone(),
        source: args.source.clone(),
        tz: args.tz.clone(),
        date_format: args.date_format.clone(),
        statuses: args.statuses.clone(),
        neutral: match args.neutral {
            NeutralArg::Bad => Neutral::Bad,
            NeutralArg::Exclude => Neutral::Exclude,
        },
        dry_run: args.dry_run,
        save_preset: args.save_preset.clone(),
    };
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("  {bar:30} {percent:>3}% {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut show = |p: ImportProgress| {
        bar.set_length(p.total_bytes);
        bar.set_position(p.bytes_read);
        bar.set_message(format!("{} rows", p.rows));
    };
    let outcome = session.import_file(&request, &cancel, &mut show);
    bar.finish_and_clear();
    let outcome = outcome?;
    output::to_stdout(|out| {
        for line in summary(&args.file, &outcome) {
            writeln!(out, "{}", printable(&line, Tabs::Space))?;
        }
        Ok(())
    })
}

/// The lines the command prints.
fn summary(file: &Path, outcome: &ImportOutcome) -> Vec<String> {
    let report = &outcome.report;
    let name = file
        .file_name()
        .unwrap_or(file.as_os_str())
        .to_string_lossy();
    let mut lines = vec![
        format!("Read {name}: {}", shape(&outcome.shape)),
        format!("Dates: {} in {}", report.date_format, report.zone.name()),
    ];
    let (mapped, unmapped): (Vec<_>, Vec<_>) =
        report.columns.iter().partition(|(_, f)| f.is_some());
    let mapped: Vec<String> = mapped
        .iter()
        .map(|(label, field)| format!("{label} → {}", field.as_deref().unwrap_or("")))
        .collect();
    lines.push(format!("Columns: {}", mapped.join(", ")));
    if !unmapped.is_empty() {
        let names: Vec<&str> = unmapped.iter().map(|(label, _)| label.as_str()).collect();
        lines.push(format!("Not imported: {}", names.join(", ")));
    }
    if outcome.dry_run {
        lines
            .push("Dry run: nothing was written. The first rows as they would be imported:".into());
        for row in &report.preview {
            let cells: Vec<String> = row.iter().map(|(f, v)| format!("{f}={v}")).collect();
            lines.push(format!("  {}", cells.join("; ")));
        }
    }
    lines.push(counts(outcome));
    for skipped in report.skipped.iter().take(SHOWN_SKIPPED) {
        lines.push(format!("  {skipped}"));
    }
    let more = report.counts.skipped.saturating_sub(SHOWN_SKIPPED as u64);
    if more > 0 {
        let listed = if outcome.dry_run {
            ""
        } else {
            " (`deskbench status` lists them)"
        };
        lines.push(format!("  … and {more} more{listed}"));
    }
    if let Some(path) = &outcome.saved_preset {
        lines.push(format!("Saved the mapping as a preset: {}", path.display()));
    }
    lines
}

/// "Imported into jira-export (new source): 120 new tickets, 3 updated, 5 ratings; 2 rows skipped:".
fn counts(outcome: &ImportOutcome) -> String {
    let c = &outcome.report.counts;
    let verb = if outcome.dry_run {
        "Would import into"
    } else {
        "Imported into"
    };
    let new = if outcome.new_source {
        " (new source)"
    } else {
        ""
    };
    let mut parts = Vec::new();
    if outcome.report.kind == FileKind::Tickets {
        parts.push(format!(
            "{} new tickets, {} updated",
            c.tickets_new, c.tickets_updated
        ));
    }
    parts.push(format!("{} ratings", c.ratings));
    if c.ratings_unmatched > 0 {
        parts.push(format!("{} ratings matched no ticket", c.ratings_unmatched));
    }
    if c.neutral_excluded > 0 {
        parts.push(format!("{} neutral ratings left out", c.neutral_excluded));
    }
    if c.footer_lines > 0 {
        parts.push(format!("{} footer lines ignored", c.footer_lines));
    }
    let skipped = match c.skipped {
        0 => "no rows skipped".to_owned(),
        1 => "1 row skipped:".to_owned(),
        n => format!("{n} rows skipped:"),
    };
    format!(
        "{verb} {}{new}: {}; {skipped}",
        outcome.source,
        parts.join(", ")
    )
}

/// "CSV, UTF-16 LE, tab-separated" or "XLSX, sheet Cases".
fn shape(shape: &FileShape) -> String {
    let mut parts = vec![format!("{:?}", shape.format).to_uppercase()];
    if let Some(encoding) = shape.encoding {
        parts.push(encoding.to_string());
    }
    if let Some(delimiter) = shape.delimiter {
        parts.push(match delimiter {
            b',' => "comma-separated".to_owned(),
            b';' => "semicolon-separated".to_owned(),
            b'\t' => "tab-separated".to_owned(),
            other => format!("separated by {:?}", char::from(other)),
        });
    }
    if let Some(sheet) = &shape.sheet {
        parts.push(format!("sheet {sheet}"));
    }
    parts.join(", ")
}
