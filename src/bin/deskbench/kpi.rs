//! `deskbench kpi`: the KPI contract's JSON, or the same numbers as CSV or a table.

use anyhow::Result;

use deskbench::analytics::{self, KpiRequest};

use crate::args::{Cli, KpiArgs};
use crate::output;

pub fn run(cli: &Cli, args: &KpiArgs) -> Result<()> {
    let workspace = crate::status::open_existing(cli)?;
    let request = KpiRequest {
        top: args.top,
        ..args.query.request()
    };
    // Validate before the (slower) frame build, so bad input fails at once.
    let query = request.resolve(workspace.today(deskbench::now())?, workspace.time_zone()?)?;
    let frame = crate::status::frame(&workspace)?;
    let report = analytics::run(&frame, &query)?;
    output::print_report(&report, args.format)
}
