//! `deskbench chart`: one KPI of a query drawn as a PNG or SVG for slides, from the same
//! chart spec the app draws, its context (period, zone, hours, filters by name, n, data
//! as of) as the subtitle.

use anyhow::{bail, Result};

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::KpiRequest;
use deskbench::app::explore::ChartRequest;
use deskbench::app::image::{self, ImageFormat};
use deskbench::charts::{context, ChartKind, Locale, RenderOptions, Theme};
use deskbench::export;

use crate::args::{ChartArgs, ChartKindArg, Cli, LangArg, ThemeArg};
use crate::output;
use crate::session::{in_flags, open_session};

pub fn run(cli: &Cli, args: &ChartArgs) -> Result<()> {
    let Some(format) = ImageFormat::of_path(&args.out) else {
        bail!(
            "--out {} must end in .png or .svg (the file type follows the name)",
            args.out.display()
        );
    };
    let kpi = KpiId::parse(&args.kpi)?;
    let options = options(args);
    options.validate()?;
    let request = KpiRequest {
        top: args.top,
        ..args.scope.request(vec![kpi.name().to_owned()])
    };
    let ask = ChartRequest {
        kpi,
        kind: kind(args),
        title: context::kpi_name(kpi, options.locale).to_owned(),
        subtitle: None,
        total: context::all_tickets(options.locale).to_owned(),
    };
    let spec = open_session(cli)?
        .kpi_chart(None, request, ask)
        .map_err(in_flags)?
        .chart;
    export::write_file(&args.out, &image::render(&spec, &options, format)?)?;
    output::line(&args.out.display().to_string())
}

fn options(args: &ChartArgs) -> RenderOptions {
    RenderOptions {
        theme: match args.theme {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        },
        locale: match args.lang {
            LangArg::En => Locale::En,
            LangArg::Ko => Locale::Ko,
            LangArg::Ru => Locale::Ru,
        },
        width: args.width,
        height: args.height,
        scale: args.scale,
    }
}

/// The kind asked for; else lines over buckets and bars otherwise.
fn kind(args: &ChartArgs) -> ChartKind {
    match args.kind {
        Some(ChartKindArg::Bar) => ChartKind::Bar,
        Some(ChartKindArg::Line) => ChartKind::Line,
        Some(ChartKindArg::Stacked) => ChartKind::StackedBar,
        None if args.scope.every.is_some() => ChartKind::Line,
        None => ChartKind::Bar,
    }
}
