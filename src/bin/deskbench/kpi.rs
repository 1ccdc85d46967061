//! `deskbench kpi`: the KPI contract's JSON, or the same numbers as CSV or a table.

use anyhow::Result;

use deskbench::analytics::frame::dimension::Dimension;
use deskbench::analytics::query::breakdowns::run_breakdowns;
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
    let dims = args.query.scope.by.iter().map(|d| Dimension::parse(d));
    let dims = dims.collect::<Result<Vec<_>, _>>()?;
    let frame = crate::status::frame(&workspace)?;
    if dims.len() > 1 {
        let report = run_breakdowns(&frame, &query, &dims)?;
        return output::print_breakdowns(&report, args.format);
    }
    let report = analytics::run(&frame, &query)?;
    output::print_report(&report, args.format)
}
