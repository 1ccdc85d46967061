//! Partial buckets (cut by the range, or not over yet) in an exported chart: a lighter
//! bar with an outline, a dashed line into a hollow point, a legend note, and no say in
//! the value axis.
//!
//! A partial bucket holds fewer days than the others, so its count is low and its median
//! or rate can be extreme (a median of three tickets). Were it to set the axis, every
//! full bucket would be squeezed under one unrepresentative value. So the axis is scaled
//! to the full buckets alone (to all buckets when every one is partial), and a partial
//! value beyond it is clipped at the plot's edge: its bar stops at the edge with its value
//! label, its point sits on the edge, hollow. The figure stays readable in the data
//! label, the web view's tooltip and the exported data.

use crate::charts::spec::ChartSpec;

use super::frame::Ctx;
use super::options::Locale;
use super::palette::Rgba;
use super::scene::Shape;

/// How far a partial bar's fill goes from its colour towards the background.
const FADE: f32 = 0.62;

/// Whether category `i` is drawn as a partial bucket.
pub fn is_partial(spec: &ChartSpec, i: usize) -> bool {
    spec.x.is_partial(i)
}

/// The categories whose values set the value axis: the full buckets, or every bucket
/// when none is full.
pub fn scaled_categories(spec: &ChartSpec) -> Vec<usize> {
    let all = 0..spec.x.labels.len();
    let full: Vec<usize> = all.clone().filter(|&i| !is_partial(spec, i)).collect();
    if full.is_empty() {
        all.collect()
    } else {
        full
    }
}

/// Whether the chart needs the legend's note.
pub fn any(spec: &ChartSpec) -> bool {
    (0..spec.x.labels.len()).any(|i| is_partial(spec, i))
}

/// The fill of a partial bar (and of its legend square): its series colour, faded
/// towards the background.
pub fn fill(ctx: &Ctx, color: Rgba) -> Rgba {
    color.mix(ctx.palette.background, FADE)
}

/// Redraws the bar just drawn, when category `i` is partial: faded, with an outline in
/// its series colour so that it still reads as that series.
pub fn fade_bar(ctx: &mut Ctx, spec: &ChartSpec, i: usize) {
    if !is_partial(spec, i) {
        return;
    }
    let Some(&Shape::Rect {
        x0,
        y0,
        x1,
        y1,
        color,
    }) = ctx.shapes.last()
    else {
        return;
    };
    let faded = fill(ctx, color);
    ctx.shapes.pop();
    ctx.rect(x0, y0, x1, y1, faded);
    outline(ctx, (x0, y0, x1, y1), color);
}

/// A rectangle's outline in `color`.
pub fn outline(ctx: &mut Ctx, (x0, y0, x1, y1): (f32, f32, f32, f32), color: Rgba) {
    let width = ctx.px(2.5);
    let points = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
    ctx.shapes.push(Shape::Path {
        points,
        width,
        color,
    });
}

/// A hollow point: a ring in the series colour around the background.
pub fn hollow_point(ctx: &mut Ctx, (x, y): (f32, f32), color: Rgba) {
    let (r, ring) = (ctx.px(7.0), ctx.px(2.5));
    let background = ctx.palette.background;
    ctx.shapes.push(Shape::Circle { x, y, r, color });
    ctx.shapes.push(Shape::Circle {
        x,
        y,
        r: r - ring,
        color: background,
    });
}

/// The legend's words for partial buckets.
pub fn note(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "Partial period",
        Locale::Ru => "Неполный период",
        Locale::Ko => "일부 기간",
    }
}
