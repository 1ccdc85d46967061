//! `deskbench target`: the workspace's KPI targets (shown on the app's cards).

use anyhow::Result;

use deskbench::analytics::query::report::ReportTable;
use deskbench::analytics::targets::{Goal, Target};

use crate::args::{Cli, TargetCommand};
use crate::output;
use crate::session::open_session;

pub fn run(cli: &Cli, command: &TargetCommand) -> Result<()> {
    let session = open_session(cli)?;
    match command {
        TargetCommand::List { format } => {
            let list = session.targets()?;
            output::print(&list, || table(&list), "KPI targets", *format)
        }
        TargetCommand::Set { kpi, value } => Ok(session.set_target(kpi, *value)?),
        TargetCommand::Clear { kpi } => Ok(session.clear_target(kpi)?),
    }
}

fn table(list: &[Target]) -> ReportTable {
    ReportTable {
        columns: ["kpi", "goal", "value"].map(str::to_owned).into(),
        rows: list
            .iter()
            .map(|t| {
                let goal = match t.goal {
                    Goal::AtLeast => "at least",
                    Goal::AtMost => "at most",
                };
                vec![
                    t.kpi.name().to_owned(),
                    goal.to_owned(),
                    t.value.to_string(),
                ]
            })
            .collect(),
        null_cells: Vec::new(),
    }
}
