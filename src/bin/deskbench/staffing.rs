//! `deskbench staffing`: the agents each hour of the week needs (Erlang C) from the
//! hourly forecast, or a what-if for one hour's arrivals.

use anyhow::Result;
use comfy_table::CellAlignment;

use deskbench::analytics::query::report::ReportTable;
use deskbench::analytics::staffing::week::StaffingWeek;
use deskbench::analytics::staffing::{requirement, Requirement, ServiceTarget, StaffingInputs};

use crate::args::{Cli, Format, StaffingArgs};
use crate::forecast::request;
use crate::output;
use crate::session::open_session;

pub fn run(cli: &Cli, args: &StaffingArgs) -> Result<()> {
    let target = ServiceTarget::parse(&args.target)?;
    let inputs = StaffingInputs::new(args.aht, target, args.shrinkage, args.max_occupancy)?;
    if let Some(arrivals) = args.arrivals_per_hour {
        let need = requirement(arrivals, &inputs)?;
        let heading = format!(
            "{arrivals} arrivals an hour, {} s handle time, {}% within {} s",
            inputs.aht_seconds, inputs.target.percent, inputs.target.seconds
        );
        return output::print(&need, || what_if_rows(&need), &heading, args.format);
    }
    let week = open_session(cli)?
        .staffing(&request(&args.history), &inputs)?
        .week;
    match args.format {
        Format::Table => print_grid(&week),
        format => output::print(&week, || week_rows(&week), "", format),
    }
}

fn what_if_rows(need: &Requirement) -> ReportTable {
    let cells = [
        ("agents", need.agents.to_string()),
        (
            "agents_with_shrinkage",
            need.agents_with_shrinkage.to_string(),
        ),
        ("service_level", round3(need.service_level)),
        ("occupancy", round3(need.occupancy)),
        ("probability_of_wait", round3(need.probability_of_wait)),
        (
            "average_speed_of_answer",
            round3(need.average_speed_of_answer),
        ),
        ("traffic", round3(need.traffic)),
    ];
    ReportTable {
        columns: vec!["measure".to_owned(), "value".to_owned()],
        rows: cells.map(|(k, v)| vec![k.to_owned(), v]).into(),
        null_cells: Vec::new(),
    }
}

/// A cell per weekday and hour (for CSV).
fn week_rows(week: &StaffingWeek) -> ReportTable {
    let columns = [
        "weekday",
        "hour",
        "arrivals_per_hour",
        "traffic",
        "agents",
        "agents_with_shrinkage",
        "service_level",
        "occupancy",
        "average_speed_of_answer",
    ];
    let rows = week.cells.iter().map(|cell| {
        let need = &cell.requirement;
        vec![
            cell.weekday.clone(),
            cell.hour.to_string(),
            round3(need.arrivals_per_hour),
            round3(need.traffic),
            need.agents.to_string(),
            need.agents_with_shrinkage.to_string(),
            round3(need.service_level),
            round3(need.occupancy),
            round3(need.average_speed_of_answer),
        ]
    });
    ReportTable {
        columns: columns.map(str::to_owned).into(),
        rows: rows.collect(),
        null_cells: Vec::new(),
    }
}

/// The agents to schedule (with shrinkage) as hours × weekdays.
fn print_grid(week: &StaffingWeek) -> Result<()> {
    let days: Vec<&str> = week
        .cells
        .iter()
        .step_by(24)
        .map(|c| c.weekday.as_str())
        .collect();
    let header: Vec<&str> = std::iter::once("hour")
        .chain(days.iter().copied())
        .collect();
    let rows = (0..24).map(|hour| {
        let mut row = vec![format!("{hour:02}:00")];
        row.extend(
            week.cells
                .iter()
                .skip(hour)
                .step_by(24)
                .map(|cell| cell.requirement.agents_with_shrinkage.to_string()),
        );
        row
    });
    let mut table = output::table(&header, rows);
    for column in table.column_iter_mut().skip(1) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    let inputs = &week.inputs;
    let heading = format!(
        "Agents to schedule per hour, {} to {} ({}): {}% answered within {} s, {} s handle \
         time, occupancy at most {}, shrinkage {}",
        week.from,
        week.to,
        week.tz,
        inputs.target.percent,
        inputs.target.seconds,
        inputs.aht_seconds,
        inputs.max_occupancy,
        inputs.shrinkage
    );
    output::to_stdout(|out| {
        writeln!(out, "{heading}")?;
        writeln!(out, "{table}")?;
        Ok(())
    })
}

fn round3(x: f64) -> String {
    ((x * 1000.0).round() / 1000.0).to_string()
}
