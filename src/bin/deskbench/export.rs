//! `deskbench export`: a ticket list or one KPI's numbers to a CSV, XLSX or Parquet file,
//! with a progress bar on stderr. Ctrl-C cancels and leaves no file behind (an older file
//! of the same name stays as it was).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressStyle};

use deskbench::analytics::{self, KpiRequest};
use deskbench::charts::{self, ChartKind, ChartText};
use deskbench::export::{self, ExportError, ExportFormat, TableSource, TicketTable};

use crate::args::{Cli, ExportCommand, ExportKpiArgs, ExportTicketsArgs};

pub fn run(cli: &Cli, command: &ExportCommand) -> Result<()> {
    match command {
        ExportCommand::Tickets(args) => tickets(cli, args),
        ExportCommand::Kpi(args) => kpi(cli, args),
    }
}

fn tickets(cli: &Cli, args: &ExportTicketsArgs) -> Result<()> {
    let format = ExportFormat::of_path(&args.out)?;
    let workspace = crate::status::open_existing(cli)?;
    let request = args.list.request(0, None);
    let list = request.resolve(workspace.today(deskbench::now())?, workspace.time_zone()?)?;
    let frame = crate::status::frame(&workspace)?;
    let mut table = TicketTable::new(&frame, workspace.store(), &list)?;
    write(&mut table, format, &args.out)
}

fn kpi(cli: &Cli, args: &ExportKpiArgs) -> Result<()> {
    let format = ExportFormat::of_path(&args.out)?;
    if args.query.kpis.len() != 1 {
        bail!("export kpi takes exactly one --kpi ID");
    }
    let workspace = crate::status::open_existing(cli)?;
    let request = KpiRequest {
        top: args.top,
        ..args.query.request()
    };
    let query = request.resolve(workspace.today(deskbench::now())?, workspace.time_zone()?)?;
    let kpi = query.kpis[0];
    let frame = crate::status::frame(&workspace)?;
    let report = analytics::run(&frame, &query)?;
    let text = ChartText {
        title: kpi.name().to_owned(),
        subtitle: None,
        total: kpi.name().to_owned(),
    };
    let spec = charts::from_report(&report, kpi, ChartKind::Bar, text);
    write(&mut export::chart_table(&spec)?, format, &args.out)
}

fn write(table: &mut dyn TableSource, format: ExportFormat, out: &Path) -> Result<()> {
    let cancel = Arc::new(AtomicBool::new(false));
    let runtime = tokio::runtime::Runtime::new()?;
    let on_ctrl_c = cancel.clone();
    runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.store(true, Ordering::Relaxed);
        }
    });
    let bar = ProgressBar::new(table.total_rows()).with_style(
        ProgressStyle::with_template("  {bar:32} {human_pos}/{human_len} rows {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(format!("to {}", out.display()));
    let result = export::export(table, format, out, &cancel, &mut |p| {
        bar.set_position(p.rows);
    });
    bar.finish_and_clear();
    match result {
        Ok(done) => {
            eprintln!(
                "Wrote {} rows to {} ({} KB).",
                done.rows,
                out.display(),
                done.bytes.div_ceil(1024)
            );
            Ok(())
        }
        Err(ExportError::Cancelled) => bail!("cancelled; {} was not written", out.display()),
        Err(err) => Err(err.into()),
    }
}
