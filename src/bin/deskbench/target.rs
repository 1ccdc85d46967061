//! `deskbench target`: the workspace's KPI targets (shown on the app's cards).

use anyhow::Result;

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::query::report::ReportTable;
use deskbench::analytics::targets::{self, Goal, Target};

use crate::args::{Cli, TargetCommand};
use crate::output;

pub fn run(cli: &Cli, command: &TargetCommand) -> Result<()> {
    let mut workspace = crate::status::open_existing(cli)?;
    match command {
        TargetCommand::List { format } => {
            let list = targets::load(workspace.store())?;
            let table = || ReportTable {
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
            };
            output::print(&list, table, "KPI targets", *format)
        }
        TargetCommand::Set { kpi, value } => {
            let kpi = KpiId::parse(kpi)?;
            let target = Target::new(kpi, *value)?;
            targets::set(workspace.store_mut(), kpi, Some(target))?;
            Ok(())
        }
        TargetCommand::Clear { kpi } => {
            let kpi = KpiId::parse(kpi)?;
            targets::set(workspace.store_mut(), kpi, None)?;
            Ok(())
        }
    }
}
