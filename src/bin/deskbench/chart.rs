//! `deskbench chart`: one KPI of a query drawn as a PNG or SVG for slides, from the same
//! chart spec the app draws.

use anyhow::{bail, Result};

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::query::report::KpiReport;
use deskbench::analytics::KpiRequest;
use deskbench::app::image::{self, ImageFormat};
use deskbench::charts::{self, ChartKind, ChartText, Locale, RenderOptions, Theme};
use deskbench::export;

use crate::args::{ChartArgs, ChartKindArg, Cli, LangArg, ThemeArg};
use crate::session::{in_flags, open_session};
use crate::{kpi_names, output};

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
    let report = open_session(cli)?
        .kpi_report(None, request)
        .map_err(in_flags)?;
    let text = ChartText {
        title: kpi_names::name(kpi, options.locale).to_owned(),
        subtitle: Some(subtitle(&report, &args.scope.filters)),
        total: kpi_names::all_tickets(options.locale).to_owned(),
    };
    let spec = charts::from_report(&report, kpi, kind(args, &report), text);
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
fn kind(args: &ChartArgs, report: &KpiReport) -> ChartKind {
    match args.kind {
        Some(ChartKindArg::Bar) => ChartKind::Bar,
        Some(ChartKindArg::Line) => ChartKind::Line,
        Some(ChartKindArg::Stacked) => ChartKind::StackedBar,
        None if report.series.is_some() || args.scope.every.is_some() => ChartKind::Line,
        None => ChartKind::Bar,
    }
}

/// The range, its zone and the filters, e.g. `2025-01-01 – 2025-03-31 · Europe/Moscow ·
/// priority=urgent`.
fn subtitle(report: &KpiReport, filters: &[String]) -> String {
    let range = &report.range;
    let mut parts = vec![format!("{} – {}", range.from, range.to), range.tz.clone()];
    if !filters.is_empty() {
        parts.push(filters.join(", "));
    }
    parts.join(" · ")
}
