//! `deskbench sync`: fetch what changed, with a progress line per stream on stderr.
//! Ctrl-C cancels; every page stored until then is kept and the next sync resumes.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{bail, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use deskbench::app::sync::{SourceSyncResult, SyncObserver, SyncRequest};
use deskbench::secrets::Vault;
use deskbench::store::RunOutcome;
use deskbench::sync::{BudgetKind, SyncEvent, SyncStream, WaitBudget, WaitReason};

use crate::args::{Cli, SyncArgs};
use crate::session::open_session;
use crate::source::confirm_host;

pub fn run(cli: &Cli, args: &SyncArgs) -> Result<()> {
    let session = Arc::new(open_session(cli)?);
    let sources = session.sources_to_sync(args.name.as_deref())?;
    if sources.is_empty() {
        bail!("this workspace has no Zendesk or Freshdesk source; add one with `deskbench source add zendesk` or `deskbench source add freshdesk`");
    }
    // Every question before the first progress bar.
    let vault = Vault::system()?;
    for source in &sources {
        confirm_host(&session, source, args.yes, &vault)?;
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let on_ctrl_c = session.clone();
    runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel_sync();
        }
    });
    let request = SyncRequest {
        sources,
        full: args.full,
        token_env: args.token_env.clone(),
        stop_at_error: true,
    };
    runtime.block_on(session.sync(&request, &vault, &mut Lines::default()))?;
    Ok(())
}

/// Progress bars while a source syncs, and a line on how it ended.
#[derive(Default)]
struct Lines {
    bars: Option<Bars>,
}

impl SyncObserver for Lines {
    fn started(&mut self, source: &str) {
        self.bars = Some(Bars::new(source));
    }

    fn event(&mut self, _source: &str, event: SyncEvent) {
        if let Some(bars) = &mut self.bars {
            bars.show(event);
        }
    }

    fn finished(&mut self, result: &SourceSyncResult) {
        if let Some(mut bars) = self.bars.take() {
            bars.finish();
        }
        let (source, total) = (&result.source, result.records);
        match result.outcome {
            // The error itself ends the command.
            _ if result.error.is_some() => {}
            RunOutcome::Cancelled => eprintln!(
                "{source}: cancelled; {total} records stored so far are kept, the next sync resumes there."
            ),
            _ => eprintln!("{source}: synced {total} records{}.", notes(result)),
        }
    }
}

/// ", skipped 3 unreadable (see `deskbench status`), 1 stream(s) not available on this
/// account", or nothing.
fn notes(result: &SourceSyncResult) -> String {
    let mut notes = String::new();
    if result.problems > 0 {
        notes += &format!(
            ", skipped {} unreadable (see `deskbench status`)",
            result.problems
        );
    }
    if !result.skipped.is_empty() {
        notes += &format!(
            ", {} stream(s) not available on this account",
            result.skipped.len()
        );
    }
    notes
}

/// One line per stream under the source's name.
struct Bars {
    multi: MultiProgress,
    bars: HashMap<&'static str, ProgressBar>,
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

    fn bar(&mut self, stream: SyncStream) -> &ProgressBar {
        self.bars.entry(stream.name()).or_insert_with(|| {
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
            SyncEvent::StreamStarted { stream, back_fill } => self
                .bar(stream)
                .set_message(back_fill.map_or("starting", |b| b.words())),
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
                        "the helpdesk answered 429, too many requests".to_owned()
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

/// "incremental exports budget, 10/min", "account budget, 700/min" or "account credits
/// budget, 200/min".
fn budget_words(budget: &WaitBudget) -> String {
    let kind = match budget.kind {
        BudgetKind::IncrementalExports => "incremental exports",
        BudgetKind::Account => "account",
        BudgetKind::AccountCredits => "account credits",
        BudgetKind::TicketsList => "tickets list",
        BudgetKind::InFlight => "requests at once",
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
