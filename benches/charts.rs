//! Chart export speed against DESIGN.md's budget (a 1920×1080 PNG in < 200 ms): a
//! realistic weekly line chart (median and p90 over a year, with the CSAT-style band on
//! the median), a 12-bar chart, both as PNG at 1x and 2x and as SVG. Run with
//! `cargo bench --bench charts`. Prints one line per measurement.

use std::time::Instant;

use deskbench::charts::spec::Band;
use deskbench::charts::{
    render_png, render_svg, ChartKind, ChartSeries, ChartSpec, Locale, RenderOptions, Unit, XAxis,
    XKind,
};

// Each bench uses a part of it.
#[allow(dead_code)]
mod common;

/// 52 weeks of first reply times: a median with a band and a dashed p90.
fn weekly_lines() -> ChartSpec {
    let weeks: Vec<String> = (0..52)
        .map(|w| {
            let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 6).expect("a valid date")
                + chrono::Duration::weeks(w);
            day.format("%Y-%m-%d").to_string()
        })
        .collect();
    let wave = |w: usize, base: f64, swing: f64| base + swing * ((w as f64) / 4.0).sin();
    let median: Vec<Option<f64>> = (0..52).map(|w| Some(wave(w, 70.0, 20.0))).collect();
    let mut with_band = ChartSeries::plain("Median", median.clone());
    with_band.band = Some(Band {
        low: median.iter().map(|v| v.map(|v| v * 0.85)).collect(),
        high: median.iter().map(|v| v.map(|v| v * 1.15)).collect(),
    });
    let mut p90 = ChartSeries::plain("p90", (0..52).map(|w| Some(wave(w, 300.0, 60.0))).collect());
    p90.dashed = true;
    ChartSpec {
        kind: ChartKind::Line,
        title: "Время первого ответа (медиана)".into(),
        subtitle: Some("2025-01-06 – 2025-12-28 · Europe/Moscow".into()),
        context: None,
        x: XAxis {
            kind: XKind::Date,
            labels: weeks,
            ..XAxis::default()
        },
        unit: Unit::Minutes,
        series: vec![with_band, p90],
        value_labels: false,
    }
}

/// Tickets created by twelve groups.
fn twelve_bars() -> ChartSpec {
    let groups = [
        "Billing",
        "Technical",
        "Onboarding",
        "Accounts",
        "Mobile",
        "API",
        "Security",
        "Payments",
        "Shipping",
        "Returns",
        "Partners",
        "Enterprise",
    ];
    ChartSpec {
        kind: ChartKind::Bar,
        title: "Tickets created".into(),
        subtitle: Some("2025-01-01 – 2025-03-31 · UTC".into()),
        context: None,
        x: XAxis {
            kind: XKind::Text,
            labels: groups.map(str::to_owned).to_vec(),
            ..XAxis::default()
        },
        unit: Unit::Count,
        series: vec![ChartSeries::plain(
            "All tickets",
            (0..12)
                .map(|i| Some(f64::from(i * 373 % 2000 + 150)))
                .collect(),
        )],
        value_labels: false,
    }
}

fn main() -> anyhow::Result<()> {
    let one = RenderOptions::default();
    let two = RenderOptions { scale: 2, ..one };
    let ru = RenderOptions {
        locale: Locale::Ru,
        ..one
    };
    let (lines, bars) = (weekly_lines(), twelve_bars());
    // The first render parses the bundled fonts; measure it alone.
    let start = Instant::now();
    render_png(&bars, &one)?;
    common::report(
        "first PNG (parses the fonts), 12 bars",
        start.elapsed(),
        "none",
    );
    let png = render_png(&lines, &ru)?;
    println!("{:<48} {:>10} KB", "weekly line PNG size", png.len() / 1024);

    let took = common::median_of(15, || render_png(&lines, &ru).expect("renders"));
    common::report("PNG 1920×1080, weekly lines (52 weeks)", took, "< 200 ms");
    let took = common::median_of(15, || render_png(&bars, &one).expect("renders"));
    common::report("PNG 1920×1080, 12 bars", took, "< 200 ms");
    let took = common::median_of(9, || render_png(&lines, &two).expect("renders"));
    common::report("PNG 3840×2160 (2x), weekly lines", took, "none");
    let took = common::median_of(15, || render_svg(&lines, &ru).expect("renders"));
    common::report("SVG, weekly lines", took, "none");
    let took = common::median_of(15, || render_svg(&bars, &one).expect("renders"));
    common::report("SVG, 12 bars", took, "none");
    Ok(())
}
