//! `deskbench kpi`: the KPI contract's JSON, or the same numbers as CSV or a table.

use anyhow::Result;

use deskbench::analytics::{self, Frame, KpiRequest};

use crate::args::{Cli, KpiArgs};
use crate::output;

pub fn run(cli: &Cli, args: &KpiArgs) -> Result<()> {
    let workspace = crate::status::open_existing(cli)?;
    let request = KpiRequest {
        from: args.from.clone(),
        to: args.to.clone(),
        tz: args.tz.clone(),
        every: args.every.clone(),
        by: args.by.clone(),
        filters: args.filters.clone(),
        kpis: args.kpis.clone(),
        hours: Some(args.hours.clone()),
        top: args.top,
    };
    // Validate before the (slower) frame build, so bad input fails at once.
    let query = request.resolve(workspace.today(deskbench::now())?, workspace.time_zone()?)?;
    let frame = Frame::build(workspace.store())?;
    let report = analytics::run(&frame, &query)?;
    output::print_report(&report, args.format)
}
