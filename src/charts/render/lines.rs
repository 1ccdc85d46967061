//! Lines: one per series, broken where a value is missing, dashed for secondary series
//! (p90 beside the median) and into partial buckets (their points hollow), with a
//! series' confidence band (CSAT) as a shaded area.

use crate::charts::spec::{ChartSeries, ChartSpec};

use super::axis::ValueAxis;
use super::cartesian::{self, Plot};
use super::frame::{size, Area, Ctx};
use super::labels;
use super::partial;
use super::scene::{dashes, Shape};
use super::small;

/// Up to this many categories each point gets a marker.
const MAX_MARKED_POINTS: usize = 40;

pub fn draw(ctx: &mut Ctx, spec: &ChartSpec, area: Area) {
    let (lo, hi) = scaled_values(spec)
        .into_iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (v.min(lo), v.max(hi)));
    let axis = ValueAxis::new(lo, hi, spec.unit, 5);
    let labels = cartesian::category_labels(spec, ctx.locale);
    let plot = cartesian::upright(ctx, area, &labels, axis, 0.0);
    for (s, series) in spec.series.iter().enumerate() {
        shade_band(ctx, series, &plot, s);
    }
    let marked = spec.x.labels.len() <= MAX_MARKED_POINTS;
    for (s, series) in spec.series.iter().enumerate() {
        draw_line(ctx, spec, series, &plot, (s, marked));
        small::mark(ctx, spec, s, small::on_line(&plot));
    }
    if spec.value_labels {
        labels::points(ctx, spec, &plot);
    }
}

/// The values and band ends of the categories that set the axis (`partial`).
fn scaled_values(spec: &ChartSpec) -> Vec<f64> {
    let mut values = Vec::new();
    for i in partial::scaled_categories(spec) {
        let at = |column: &[Option<f64>]| column.get(i).copied().flatten();
        for s in &spec.series {
            values.extend(at(&s.values));
            if let Some(band) = &s.band {
                values.extend(at(&band.low).into_iter().chain(at(&band.high)));
            }
        }
    }
    values
}

/// Runs of consecutive present values, as (index, value) points.
fn runs<'a>(values: impl Iterator<Item = &'a Option<f64>>) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.enumerate() {
        match v {
            Some(v) => current.push((i, *v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn shade_band(ctx: &mut Ctx, series: &ChartSeries, plot: &Plot, s: usize) {
    let Some(band) = &series.band else { return };
    let color = ctx.palette.series(s).alpha(0.16);
    let pairs: Vec<Option<(f64, f64)>> = band
        .low
        .iter()
        .zip(&band.high)
        .map(|(l, h)| l.zip(*h))
        .collect();
    let highs: Vec<Option<f64>> = pairs.iter().map(|p| p.map(|(_, h)| h)).collect();
    for run in runs(highs.iter()) {
        if run.len() < 2 {
            continue;
        }
        let mut points: Vec<(f32, f32)> = run
            .iter()
            .map(|&(i, h)| (plot.center(i), plot.value(h)))
            .collect();
        for &(i, _) in run.iter().rev() {
            if let Some((low, _)) = pairs[i] {
                points.push((plot.center(i), plot.value(low)));
            }
        }
        ctx.shapes.push(Shape::Polygon { points, color });
    }
}

/// Series `s`'s line; `marked` puts a marker on every full point.
fn draw_line(
    ctx: &mut Ctx,
    spec: &ChartSpec,
    series: &ChartSeries,
    plot: &Plot,
    (s, marked): (usize, bool),
) {
    let color = ctx.palette.series(s);
    let width = ctx.px(size::LINE_WIDTH);
    for run in runs(series.values.iter()) {
        let at = |&(i, v): &(usize, f64)| (plot.center(i), plot.value(v));
        for (dashed, points) in pieces(spec, series, &run) {
            let points: Vec<(f32, f32)> = points.iter().map(at).collect();
            let pieces = if dashed {
                dashes(&points, ctx.px(14.0), ctx.px(9.0))
            } else {
                vec![points]
            };
            for piece in pieces.into_iter().filter(|p| p.len() > 1) {
                ctx.shapes.push(Shape::Path {
                    points: piece,
                    width,
                    color,
                });
            }
        }
        // A lone point has no line to show it; dashed series stay unmarked; partial
        // points are always marked, hollow.
        for point in &run {
            let (x, y) = at(point);
            if partial::is_partial(spec, point.0) {
                partial::hollow_point(ctx, (x, y), color);
            } else if (marked && !series.dashed) || run.len() == 1 {
                let r = ctx.px(6.0);
                ctx.shapes.push(Shape::Circle { x, y, r, color });
            }
        }
    }
}

/// A run of points cut where the style changes: each piece and whether it is dashed (a
/// dashed series, or a step into or out of a partial bucket). Neighbouring pieces share
/// their end point, so the line stays unbroken.
fn pieces(
    spec: &ChartSpec,
    series: &ChartSeries,
    run: &[(usize, f64)],
) -> Vec<(bool, Vec<(usize, f64)>)> {
    let mut out: Vec<(bool, Vec<(usize, f64)>)> = Vec::new();
    for pair in run.windows(2) {
        let dashed = series.dashed || pair.iter().any(|&(i, _)| partial::is_partial(spec, i));
        match out.last_mut() {
            Some((style, points)) if *style == dashed => points.push(pair[1]),
            _ => out.push((dashed, pair.to_vec())),
        }
    }
    out
}
