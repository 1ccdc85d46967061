//! `deskbench demo`: generate the demo helpdesk as a new workspace. A second writer on
//! the folder (another `demo`, a sync) makes it fail at once instead of waiting.

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use deskbench::analytics::query::range::parse_date;
use deskbench::demo::DemoConfig;
use deskbench::workspace::Workspace;

use crate::args::{Cli, DemoArgs};

pub fn run(cli: &Cli, args: &DemoArgs) -> Result<()> {
    let dir = crate::session::workspace_dir(cli)?;
    let now = match &args.until {
        // The end of that day, so its tickets exist.
        Some(date) => DemoConfig::end_of(parse_date(date)?)?,
        None => deskbench::now(),
    };
    let config = DemoConfig {
        seed: args.seed,
        tickets: args.tickets,
        months: args.months,
        now,
    };
    let bar = ProgressBar::new(args.tickets as u64).with_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} tickets ({eta} left)")?
            .progress_chars("=> "),
    );
    bar.set_message("Generating demo helpdesk");
    let created = Workspace::create_demo(&dir, &config, &mut |p| {
        bar.set_length(p.tickets_total as u64);
        bar.set_position(p.tickets_written as u64);
    });
    // Cleared either way, so an error is the only line left.
    bar.finish_and_clear();
    let (_, summary) = created?;
    eprintln!(
        "Created the demo workspace in {}: {} tickets, {} users, {} ratings, {} SLA events, {} articles.",
        dir.display(),
        summary.tickets,
        summary.users,
        summary.ratings,
        summary.sla_events,
        summary.articles
    );
    Ok(())
}
