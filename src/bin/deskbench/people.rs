//! `deskbench people`: the Agents & groups table (every agent or group with the coaching
//! KPIs and the team median).

use anyhow::Result;

use deskbench::analytics::KpiRequest;

use crate::args::{Cli, PeopleArgs};
use crate::output;
use crate::session::{in_flags, open_session};

pub fn run(cli: &Cli, args: &PeopleArgs) -> Result<()> {
    let request = KpiRequest {
        hours: Some(args.hours.clone()),
        ..args.period.request(None, None)
    };
    let session = open_session(cli)?;
    let table = session
        .people_table(None, request, &args.by)
        .map_err(in_flags)?;
    let range = &table.range;
    let heading = format!("{} to {} ({})", range.from, range.to, range.tz);
    output::print(&table, || table.table(), &heading, args.format)
}
