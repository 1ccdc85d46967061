//! Bars: one series (labelled with its values), several series side by side, or stacked
//! (labelled too when the spec asks, `labels`).
//! Many named categories of one series lie horizontally, as in the web view.

use crate::charts::spec::{ChartKind, ChartSeries, ChartSpec, XKind};

use super::axis::{value_label, ValueAxis};
use super::cartesian::{self, Plot};
use super::frame::{size, Area, Ctx};
use super::labels;
use super::partial;
use super::scene::Anchor;
use super::small;

/// The web view lays one series over more than this many named groups horizontally.
const MAX_UPRIGHT_GROUPS: usize = 8;

pub fn draw(ctx: &mut Ctx, spec: &ChartSpec, area: Area) {
    let n = spec.x.labels.len();
    let single = spec.series.len() == 1;
    let horizontal = single && spec.x.kind == XKind::Text && n > MAX_UPRIGHT_GROUPS;
    let stacked = spec.kind == ChartKind::StackedBar && !single;
    let (lo, hi) = if stacked {
        stack_range(spec)
    } else {
        value_range(spec)
    };
    let axis = ValueAxis::new(lo, hi, spec.unit, if horizontal { 6 } else { 5 });
    let labels = cartesian::category_labels(spec, ctx.locale);
    let data_labels: Vec<Option<String>> = if single {
        spec.series[0]
            .values
            .iter()
            .map(|v| v.map(|v| value_label(v, spec.unit, ctx.locale)))
            .collect()
    } else {
        Vec::new()
    };
    let widest = data_labels
        .iter()
        .flatten()
        .map(|l| ctx.width(l, size::DATA_LABEL, false))
        .fold(0.0, f32::max);
    let plot = if horizontal {
        let room = if single { widest + ctx.px(16.0) } else { 0.0 };
        cartesian::lying(ctx, area, &labels, axis, room)
    } else {
        let room = if single {
            ctx.px(size::DATA_LABEL * 1.4)
        } else {
            0.0
        };
        cartesian::upright(ctx, area, &labels, axis, room)
    };
    let thickness = (plot.band() * 0.62).min(ctx.px(110.0));
    if stacked {
        draw_stacked(ctx, spec, &plot, thickness);
    } else {
        draw_grouped(ctx, spec, &plot, thickness);
    }
    if spec.value_labels && stacked {
        labels::stacked(ctx, spec, &plot, thickness);
    } else if spec.value_labels && !single {
        let (each, _, total) = slots(ctx, &plot, spec.series.len(), thickness);
        let at = |i, s| plot.center(i) - total / 2.0 + each * (s as f32 + 0.5);
        labels::grouped(ctx, spec, &plot, each, at);
    }
    let fits = if horizontal {
        plot.band() >= ctx.px(size::DATA_LABEL * 1.1)
    } else {
        widest <= plot.band() - ctx.px(6.0)
    };
    if single && fits {
        label_bars(ctx, spec, &plot, &data_labels);
    }
}

/// The lowest and highest value of the categories that set the axis (`partial`).
fn value_range(spec: &ChartSpec) -> (f64, f64) {
    partial::scaled_categories(spec)
        .into_iter()
        .flat_map(|i| spec.series.iter().filter_map(move |s| value(s, i)))
        .fold((0.0, 0.0), |(lo, hi), v| (v.min(lo), v.max(hi)))
}

/// The lowest and highest stack of the categories that set the axis: positive parts
/// stack up, negative parts down.
fn stack_range(spec: &ChartSpec) -> (f64, f64) {
    let scaled = partial::scaled_categories(spec);
    scaled.into_iter().fold((0.0, 0.0), |(lo, hi), i| {
        let parts = spec.series.iter().filter_map(|s| value(s, i));
        let (neg, pos) = parts.fold(
            (0.0, 0.0),
            |(n, p), v| {
                if v < 0.0 {
                    (n + v, p)
                } else {
                    (n, p + v)
                }
            },
        );
        (lo.min(neg), hi.max(pos))
    })
}

/// A series' value in category `i`, if any (a validated spec has one per category).
fn value(series: &ChartSeries, i: usize) -> Option<f64> {
    series.values.get(i).copied().flatten()
}

/// A bar of category position `at` (its middle), `thickness` wide, from `from` to `to`.
fn bar(ctx: &mut Ctx, plot: &Plot, at: f32, thickness: f32, from: f64, to: f64, i: usize) {
    let color = ctx.palette.series(i);
    let (a, b) = (plot.value(from), plot.value(to));
    let half = thickness / 2.0;
    if plot.horizontal {
        ctx.rect(a, at - half, b, at + half, color);
    } else {
        ctx.rect(at - half, a, at + half, b, color);
    }
}

/// The width of each of `m` bars side by side, the gap between them and their total.
fn slots(ctx: &Ctx, plot: &Plot, m: usize, thickness: f32) -> (f32, f32, f32) {
    let m = m.max(1);
    let (each, gap) = if m == 1 {
        (thickness, 0.0)
    } else {
        let each = (plot.band() * 0.8 / m as f32).min(ctx.px(64.0));
        (each, (each * 0.12).min(ctx.px(4.0)))
    };
    (each, gap, each * m as f32)
}

/// One bar per series in each category, side by side.
fn draw_grouped(ctx: &mut Ctx, spec: &ChartSpec, plot: &Plot, thickness: f32) {
    let (each, gap, total) = slots(ctx, plot, spec.series.len(), thickness);
    for (s, series) in spec.series.iter().enumerate() {
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = *v else { continue };
            let at = plot.center(i) - total / 2.0 + each * (s as f32 + 0.5);
            bar(ctx, plot, at, each - gap, 0.0, v, s);
            partial::fade_bar(ctx, spec, i);
        }
        small::mark(ctx, spec, s, |i, v| {
            let at = plot.center(i) - total / 2.0 + each * (s as f32 + 0.5);
            bar_end(plot, at, v)
        });
    }
}

/// The middle of a bar's value end, where its small-sample ring sits.
fn bar_end(plot: &Plot, at: f32, v: f64) -> (f32, f32) {
    if plot.horizontal {
        (plot.value(v), at)
    } else {
        (at, plot.value(v))
    }
}

fn draw_stacked(ctx: &mut Ctx, spec: &ChartSpec, plot: &Plot, thickness: f32) {
    for i in 0..spec.x.labels.len() {
        let (mut neg, mut pos) = (0.0, 0.0);
        for (s, series) in spec.series.iter().enumerate() {
            let Some(v) = value(series, i) else { continue };
            let base = if v < 0.0 { &mut neg } else { &mut pos };
            let from = *base;
            *base += v;
            bar(ctx, plot, plot.center(i), thickness, from, *base, s);
            partial::fade_bar(ctx, spec, i);
        }
    }
}

/// Each bar's value at its end.
fn label_bars(ctx: &mut Ctx, spec: &ChartSpec, plot: &Plot, labels: &[Option<String>]) {
    let color = ctx.palette.text;
    for (i, label) in labels.iter().enumerate() {
        let (Some(label), Some(v)) = (label, value(&spec.series[0], i)) else {
            continue;
        };
        let end = plot.value(v);
        let gap = ctx.px(10.0);
        if plot.horizontal {
            let (x, anchor) = if v < 0.0 {
                (end - gap, Anchor::End)
            } else {
                (end + gap, Anchor::Start)
            };
            let y = plot.center(i) + ctx.px(size::DATA_LABEL * 0.35);
            ctx.text(label.clone(), x, y, size::DATA_LABEL, false, anchor, color);
        } else {
            let y = if v < 0.0 {
                end + gap + ctx.px(size::DATA_LABEL * 0.8)
            } else {
                end - gap
            };
            let x = plot.center(i);
            ctx.text(
                label.clone(),
                x,
                y,
                size::DATA_LABEL,
                false,
                Anchor::Middle,
                color,
            );
        }
    }
}
