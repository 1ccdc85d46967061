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
    let report = open_session(cli)?
        .kpi_report(None, request)
        .map_err(in_flags)?;
    output::print_report(&report, args.format)
}
