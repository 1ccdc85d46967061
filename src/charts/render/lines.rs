//! Lines: one per series, broken where a value is missing, dashed for secondary series
//! (p90 beside the median), with a series' confidence band (CSAT) as a shaded area.

use crate::charts::spec::{ChartSeries, ChartSpec};

use super::axis::ValueAxis;
use super::cartesian::{self, Plot};
use super::frame::{size, Area, Ctx};
use super::scene::{dashes, Shape};
use super::small;

/// Up to this many categories each point gets a marker.
const MAX_MARKED_POINTS: usize = 40;

pub fn draw(ctx: &mut Ctx, spec: &ChartSpec, area: Area) {
    let (lo, hi) = spec
        .series
        .iter()
        .flat_map(|s| {
            let band = s.band.iter().flat_map(|b| b.low.iter().chain(&b.high));
            s.values.iter().chain(band).flatten()
        })
        .fold((0.0f64, 0.0f64), |(lo, hi), &v| (v.min(lo), v.max(hi)));
    let axis = ValueAxis::new(lo, hi, spec.unit, 5);
    let labels = cartesian::category_labels(spec, ctx.locale);
    let plot = cartesian::upright(ctx, area, &labels, axis, 0.0);
    for (s, series) in spec.series.iter().enumerate() {
        shade_band(ctx, series, &plot, s);
    }
    let marked = spec.x.labels.len() <= MAX_MARKED_POINTS;
    for (s, series) in spec.series.iter().enumerate() {
        draw_line(ctx, series, &plot, s, marked);
        small::mark(ctx, spec, s, small::on_line(&plot));
    }
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

fn draw_line(ctx: &mut Ctx, series: &ChartSeries, plot: &Plot, s: usize, marked: bool) {
    let color = ctx.palette.series(s);
    let width = ctx.px(size::LINE_WIDTH);
    for run in runs(series.values.iter()) {
        let points: Vec<(f32, f32)> = run
            .iter()
            .map(|&(i, v)| (plot.center(i), plot.value(v)))
            .collect();
        let pieces = if series.dashed {
            dashes(&points, ctx.px(14.0), ctx.px(9.0))
        } else {
            vec![points.clone()]
        };
        for piece in pieces.into_iter().filter(|p| p.len() > 1) {
            ctx.shapes.push(Shape::Path {
                points: piece,
                width,
                color,
            });
        }
        // A lone point has no line to show it; dashed series stay unmarked.
        if (marked && !series.dashed) || points.len() == 1 {
            for &(x, y) in &points {
                let r = ctx.px(6.0);
                ctx.shapes.push(Shape::Circle { x, y, r, color });
            }
        }
    }
}
