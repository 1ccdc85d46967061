//! Small-sample marks: a value that rests on too few records (`ChartSeries::small_sample`)
//! gets a hollow ring at its point or bar end, and the legend explains the ring, so a
//! median of one ticket never reads like one of a hundred.

use crate::charts::spec::{ChartKind, ChartSpec};

use super::cartesian::Plot;
use super::format;
use super::frame::{Ctx, LegendItem};
use super::scene::Shape;

/// Whether any value of `spec` gets a ring: lines and side-by-side bars mark them; the
/// parts of a stack and heatmap cells are counts, which are never small.
pub fn any(spec: &ChartSpec) -> bool {
    matches!(spec.kind, ChartKind::Line | ChartKind::Bar)
        && spec.series.iter().any(|s| {
            let mut values = s.values.iter().enumerate();
            values.any(|(i, v)| v.is_some() && s.is_small(i))
        })
}

/// The legend entry that explains the ring.
pub fn legend_item(ctx: &Ctx) -> LegendItem {
    LegendItem {
        name: format::small_sample_note(ctx.locale),
        color: ctx.palette.muted_text,
        line: None,
        ring: true,
        partial: false,
    }
}

/// Rings on the small-sample values of series `s`, at `at(i, value)`: where the point of
/// category `i` is drawn.
pub fn mark(ctx: &mut Ctx, spec: &ChartSpec, s: usize, at: impl Fn(usize, f64) -> (f32, f32)) {
    let series = &spec.series[s];
    let color = ctx.palette.series(s);
    for (i, v) in series.values.iter().enumerate() {
        let Some(v) = *v else { continue };
        if series.is_small(i) {
            let (x, y) = at(i, v);
            ring(ctx, x, y, color);
        }
    }
}

/// A hollow circle: the series' colour with the background inside.
pub fn ring(ctx: &mut Ctx, x: f32, y: f32, color: super::palette::Rgba) {
    let (outer, inner) = (ctx.px(8.0), ctx.px(4.5));
    let background = ctx.palette.background;
    ctx.shapes.push(Shape::Circle {
        x,
        y,
        r: outer,
        color,
    });
    ctx.shapes.push(Shape::Circle {
        x,
        y,
        r: inner,
        color: background,
    });
}

/// Where a line's point sits on `plot`.
pub fn on_line(plot: &Plot) -> impl Fn(usize, f64) -> (f32, f32) + '_ {
    |i, v| (plot.center(i), plot.value(v))
}
