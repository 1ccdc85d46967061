//! `deskbench people`: the Agents & groups table (every agent or group with the coaching
//! KPIs and the team median).

use anyhow::Result;

use deskbench::analytics::views::people::{people_table, PeopleBy};
use deskbench::analytics::KpiRequest;

use crate::args::{Cli, PeopleArgs};
use crate::output;

pub fn run(cli: &Cli, args: &PeopleArgs) -> Result<()> {
    let workspace = crate::status::open_existing(cli)?;
    let by = PeopleBy::parse(&args.by)?;
    let request = KpiRequest {
        from: args.period.from.clone(),
        to: args.period.to.clone(),
        tz: args.period.tz.clone(),
        filters: args.period.filters.clone(),
        hours: Some(args.hours.clone()),
        ..KpiRequest::default()
    };
    // Validate before the (slower) frame build, so bad input fails at once.
    let query = request.resolve(workspace.today(deskbench::now())?, workspace.time_zone()?)?;
    let frame = crate::status::frame(&workspace)?;
    let table = people_table(&frame, &query, by)?;
    let heading = format!(
        "{} to {} ({})",
        table.range.from, table.range.to, table.range.tz
    );
    output::print(&table, || table.table(), &heading, args.format)
}
