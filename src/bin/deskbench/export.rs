//! `deskbench export`: a ticket list or one KPI's numbers to a CSV, XLSX or Parquet file
//! with its context (period, zone, filters by name, n, data as of), and a progress bar
//! on stderr. Ctrl-C cancels and leaves no file behind (an older file
//! of the same name stays as it was).

use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressStyle};

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::KpiRequest;
use deskbench::app::explore::ChartRequest;
use deskbench::app::export::ExportSource;
use deskbench::app::{AppError, Session};
use deskbench::charts::ChartKind;
use deskbench::export::ExportFormat;

use crate::args::{Cli, ExportCommand, ExportKpiArgs, ExportTicketsArgs};
use crate::session::{in_flags, open_session};

pub fn run(cli: &Cli, command: &ExportCommand) -> Result<()> {
    match command {
        ExportCommand::Tickets(args) => tickets(cli, args),
        ExportCommand::Kpi(args) => kpi(cli, args),
    }
}

fn tickets(cli: &Cli, args: &ExportTicketsArgs) -> Result<()> {
    let format = ExportFormat::of_path(&args.out)?;
    let what = ExportSource::Tickets {
        period: None,
        request: Box::new(args.list.request(0, None)),
        locale: None,
    };
    write(open_session(cli)?, what, format, &args.out)
}

fn kpi(cli: &Cli, args: &ExportKpiArgs) -> Result<()> {
    let format = ExportFormat::of_path(&args.out)?;
    if args.query.kpis.len() != 1 {
        bail!("export kpi takes exactly one --kpi ID");
    }
    let session = open_session(cli)?;
    let request = KpiRequest {
        top: args.top,
        ..args.query.request()
    };
    // Parsed first to name the chart; an unknown id fails as the report would.
    let kpi = KpiId::parse(&args.query.kpis[0]).map_err(|err| in_flags(err.into()))?;
    let ask = ChartRequest {
        kpi,
        kind: ChartKind::Bar,
        title: kpi.name().to_owned(),
        subtitle: None,
        total: kpi.name().to_owned(),
    };
    let spec = session
        .kpi_chart(None, request, ask)
        .map_err(in_flags)?
        .chart;
    let what = ExportSource::Chart {
        spec: Box::new(spec),
        locale: None,
    };
    write(session, what, format, &args.out)
}

fn write(session: Session, what: ExportSource, format: ExportFormat, out: &Path) -> Result<()> {
    let session = Arc::new(session);
    let runtime = tokio::runtime::Runtime::new()?;
    let on_ctrl_c = session.clone();
    runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel_export();
        }
    });
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("  {bar:32} {human_pos}/{human_len} rows {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(format!("to {}", out.display()));
    let to_out = || Ok::<_, AppError>(Some(out.to_owned()));
    let result = session.export(what, format, to_out, &mut |p| {
        bar.set_length(p.total);
        bar.set_position(p.rows);
    });
    bar.finish_and_clear();
    match result.map_err(in_flags)? {
        Some(done) => {
            eprintln!(
                "Wrote {} rows to {} ({} KB).",
                done.rows,
                out.display(),
                done.bytes.div_ceil(1024)
            );
            Ok(())
        }
        None => bail!("cancelled; {} was not written", out.display()),
    }
}
