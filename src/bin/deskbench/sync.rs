//! `deskbench sync`: fetch what changed, with a progress line per stream on stderr.
//! Ctrl-C cancels; every page stored until then is kept and the next sync resumes.

use std::collections::HashMap;

use anyhow::{bail, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use tokio_util::sync::CancellationToken;

use deskbench::secrets::Vault;
use deskbench::sources::zendesk::{BudgetKind, Stream};
use deskbench::store::RunOutcome;
use deskbench::sync::{PlanOptions, SyncEvent, WaitBudget, WaitReason};

use crate::args::{Cli, SyncArgs};
use crate::source::confirm_host;
use crate::status::open_existing;

pub fn run(cli: &Cli, args: &SyncArgs) -> Result<()> {
    let mut workspace = open_existing(cli)?;
    let sources = match &args.name {
        Some(name) => vec![workspace.source(name)?.name],
        None => workspace.syncable_sources()?,
    };
    if sources.is_empty() {
        bail!("this workspace has no Zendesk source; add one with `deskbench source add zendesk`");
    }
    // Every question before the first progress bar.
    let vault = Vault::system()?;
    for source in &sources {
        confirm_host(&workspace, source, args.yes, &vault)?;
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let cancel = CancellationToken::new();
    let on_ctrl_c = cancel.clone();
    runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    for source in sources {
        let plan = PlanOptions {
            full: args.full,
            ..PlanOptions::default()
        };
        let mut bars = Bars::new(&source);
        let result = runtime.block_on(workspace.sync_source(
            &source,
            args.token_env.as_deref(),
            &vault,
            plan,
            &cancel,
            &mut |event| bars.show(event),
        ));
        bars.finish();
        let summary = result?;
        let total: u64 = summary.counts.values().sum();
        match summary.outcome {
            RunOutcome::Cancelled => {
                eprintln!("{}: cancelled; {total} records stored so far are kept, the next sync resumes there.", source);
                return Ok(());
            }
            _ => eprintln!(
                "{}: synced {total} records{}{}.",
                source,
                if summary.problems > 0 {
                    format!(
                        ", skipped {} unreadable (see `deskbench status`)",
                        summary.problems
                    )
                } else {
                    String::new()
                },
                if summary.skipped.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", {} stream(s) not available on this account",
                        summary.skipped.len()
                    )
                }
            ),
        }
    }
    Ok(())
}

/// One line per stream under the source's name.
struct Bars {
    multi: MultiProgress,
    bars: HashMap<Stream, ProgressBar>,
    style: ProgressStyle,
}

impl Bars {
    fn new(source: &str) -> Bars {
        let multi = MultiProgress::new();
        let _ = multi.println(format!("Syncing {source}"));
        let style = ProgressStyle::with_template("  {spinner} {prefix:<22} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        Bars {
            multi,
            bars: HashMap::new(),
            style,
        }
    }

    fn bar(&mut self, stream: Stream) -> &ProgressBar {
        self.bars.entry(stream).or_insert_with(|| {
            let bar = self
                .multi
                .add(ProgressBar::new_spinner().with_style(self.style.clone()));
            bar.set_prefix(stream.name());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        })
    }

    fn show(&mut self, event: SyncEvent) {
        match event {
            SyncEvent::StreamStarted { stream } => self.bar(stream).set_message("starting"),
            SyncEvent::Page {
                stream,
                records,
                pages,
                problems,
                eta_seconds,
            } => {
                let eta = eta_seconds
                    .filter(|s| *s > 1.0)
                    .map(|s| format!(", about {} left", human(s)))
                    .unwrap_or_default();
                let skipped = if problems > 0 {
                    format!(", {problems} skipped")
                } else {
                    String::new()
                };
                self.bar(stream)
                    .set_message(format!("{records} records, {pages} pages{skipped}{eta}"));
            }
            SyncEvent::Waiting {
                stream,
                seconds,
                reason,
                budget,
                detail,
            } => {
                let why = match (reason, budget) {
                    (WaitReason::Pacing, Some(budget)) => budget_words(&budget),
                    (WaitReason::Pacing, None) => "keeping under the rate limit".to_owned(),
                    (WaitReason::RateLimited, _) => {
                        "Zendesk answered 429, too many requests".to_owned()
                    }
                    (WaitReason::Retry, _) => format!("retrying ({})", detail.unwrap_or_default()),
                };
                if seconds >= 0.5 {
                    self.bar(stream)
                        .set_message(format!("waiting {}: {why}", human(seconds)));
                }
            }
            SyncEvent::StreamFinished { stream, records } => {
                self.bar(stream)
                    .finish_with_message(format!("done, {records} records"));
            }
            SyncEvent::StreamSkipped { stream, reason } => {
                self.bar(stream)
                    .finish_with_message(format!("skipped: {reason}"));
            }
        }
    }

    fn finish(&mut self) {
        for bar in self.bars.values() {
            if !bar.is_finished() {
                bar.abandon();
            }
        }
    }
}

/// "incremental exports budget, 10/min" or "account budget, 700/min".
fn budget_words(budget: &WaitBudget) -> String {
    let kind = match budget.kind {
        BudgetKind::IncrementalExports => "incremental exports",
        BudgetKind::Account => "account",
    };
    let per = if budget.window_seconds == 60.0 {
        "min".to_owned()
    } else {
        human(budget.window_seconds)
    };
    format!("{kind} budget, {}/{per}", budget.limit)
}

fn human(seconds: f64) -> String {
    let s = seconds.round() as u64;
    if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min {} s", s / 60, s % 60)
    } else {
        format!("{} h {} min", s / 3600, (s % 3600) / 60)
    }
}
