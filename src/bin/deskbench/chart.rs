//! `deskbench chart`: one KPI of a query drawn as a PNG or SVG for slides, from the same
//! chart spec the app draws.

use std::path::Path;

use anyhow::{bail, Result};

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::query::report::KpiReport;
use deskbench::analytics::{self, KpiRequest};
use deskbench::charts::{self, ChartKind, ChartText, Locale, RenderOptions, Theme};
use deskbench::export;

use crate::args::{ChartArgs, ChartKindArg, Cli, LangArg, ThemeArg};
use crate::{kpi_names, output};

enum ImageType {
    Png,
    Svg,
}

pub fn run(cli: &Cli, args: &ChartArgs) -> Result<()> {
    let image_type = image_type(&args.out)?;
    let kpi = KpiId::parse(&args.kpi)?;
    let locale = match args.lang {
        LangArg::En => Locale::En,
        LangArg::Ko => Locale::Ko,
        LangArg::Ru => Locale::Ru,
    };
    let options = RenderOptions {
        theme: match args.theme {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        },
        locale,
        width: args.width,
        height: args.height,
        scale: args.scale,
    };
    options.validate()?;
    let workspace = crate::status::open_existing(cli)?;
    let request = KpiRequest {
        top: args.top,
        ..args.scope.request(vec![kpi.name().to_owned()])
    };
    // Validate before the (slower) frame build, so bad input fails at once.
    let query = request.resolve(workspace.today(deskbench::now())?, workspace.time_zone()?)?;
    let frame = crate::status::frame(&workspace)?;
    let report = analytics::run(&frame, &query)?;
    let kind = match args.kind {
        Some(ChartKindArg::Bar) => ChartKind::Bar,
        Some(ChartKindArg::Line) => ChartKind::Line,
        Some(ChartKindArg::Stacked) => ChartKind::StackedBar,
        None if report.series.is_some() || args.scope.every.is_some() => ChartKind::Line,
        None => ChartKind::Bar,
    };
    let text = ChartText {
        title: kpi_names::name(kpi, locale).to_owned(),
        subtitle: Some(subtitle(&report, &args.scope.filters)),
        total: kpi_names::all_tickets(locale).to_owned(),
    };
    let spec = charts::from_report(&report, kpi, kind, text);
    let bytes = match image_type {
        ImageType::Png => charts::render_png(&spec, &options)?,
        ImageType::Svg => charts::render_svg(&spec, &options)?.into_bytes(),
    };
    export::write_file(&args.out, &bytes)?;
    output::line(&args.out.display().to_string())
}

fn image_type(path: &Path) -> Result<ImageType> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("png") => Ok(ImageType::Png),
        Some("svg") => Ok(ImageType::Svg),
        _ => bail!(
            "--out {} must end in .png or .svg (the file type follows the name)",
            path.display()
        ),
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
