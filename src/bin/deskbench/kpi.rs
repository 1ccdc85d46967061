//! `deskbench kpi`: the KPI contract's JSON, or the same numbers as CSV or a table.

use anyhow::Result;

use deskbench::analytics::KpiRequest;

use crate::args::{Cli, KpiArgs};
use crate::output;
use crate::session::{in_flags, open_session};

pub fn run(cli: &Cli, args: &KpiArgs) -> Result<()> {
    let request = KpiRequest {
        top: args.top,
        ..args.query.request()
    };
    let session = open_session(cli)?;
    let by = &args.query.scope.by;
    if by.len() > 1 {
        let report = session.kpi_breakdowns(request, by).map_err(in_flags)?;
        return output::print_breakdowns(&report, args.format);
    }
    let report = session.kpi_report(None, request).map_err(in_flags)?;
    output::print_report(&report, args.format)
}
