//! The hour-of-week heatmap: one row per series (weekdays `1`..`7`, Monday first, named
//! in the reader's language), one column per hour, cell colour by value, and a colour
//! scale with its lowest and highest value.

use crate::charts::spec::ChartSpec;

use super::axis::value_label;
use super::cartesian::{self, label_step};
use super::format;
use super::frame::{size, Area, Ctx};
use super::scene::Anchor;

const SCALE_WIDTH: f32 = 420.0;
const SCALE_HEIGHT: f32 = 16.0;

pub fn draw(ctx: &mut Ctx, spec: &ChartSpec, area: Area) {
    let palette = ctx.palette;
    let rows: Vec<String> = spec
        .series
        .iter()
        .map(|s| {
            let name = format::weekday(&s.name, ctx.locale).unwrap_or(&s.name);
            ctx.fit(name, size::AXIS, false, area.width() * 0.25)
        })
        .collect();
    let row_width = rows
        .iter()
        .map(|r| ctx.width(r, size::AXIS, false))
        .fold(0.0, f32::max);
    let scale_room = ctx.px(28.0 + SCALE_HEIGHT + 12.0) + ctx.px(size::AXIS * 1.1);
    let grid = Area {
        x0: area.x0 + row_width + ctx.px(20.0),
        y0: area.y0,
        x1: area.x1,
        y1: area.y1 - ctx.px(size::AXIS + 22.0) - scale_room,
    };
    let (n_rows, n_cols) = (spec.series.len().max(1), spec.x.labels.len().max(1));
    let (cell_w, cell_h) = (grid.width() / n_cols as f32, grid.height() / n_rows as f32);
    let gap = ctx.px(3.0).min(cell_w * 0.2).min(cell_h * 0.2);
    let values = spec.series.iter().flat_map(|s| s.values.iter().flatten());
    let (lo, hi) = values.fold((0.0f64, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let span = (hi - lo).max(f64::EPSILON);
    let (low, high) = (palette.heat_low, palette.created);
    for (r, series) in spec.series.iter().enumerate() {
        let y0 = grid.y0 + cell_h * r as f32;
        for (c, v) in series.values.iter().enumerate() {
            let x0 = grid.x0 + cell_w * c as f32;
            let color = match v {
                Some(v) => low.mix(high, ((v - lo) / span) as f32),
                None => palette.grid_line,
            };
            ctx.rect(
                x0 + gap / 2.0,
                y0 + gap / 2.0,
                x0 + cell_w - gap / 2.0,
                y0 + cell_h - gap / 2.0,
                color,
            );
        }
        let baseline = y0 + cell_h / 2.0 + ctx.px(size::AXIS * 0.35);
        let (x, muted) = (grid.x0 - ctx.px(16.0), palette.muted_text);
        ctx.text(
            rows[r].clone(),
            x,
            baseline,
            size::AXIS,
            false,
            Anchor::End,
            muted,
        );
    }
    let columns = cartesian::category_labels(spec, ctx.locale);
    let widths = columns.iter().map(|l| ctx.width(l, size::AXIS, false));
    let step = label_step(widths, cell_w, ctx.px(16.0));
    let baseline = grid.y1 + ctx.px(22.0) + ctx.px(size::AXIS * 0.8);
    for (c, label) in columns.into_iter().enumerate().step_by(step) {
        let x = grid.x0 + cell_w * (c as f32 + 0.5);
        let muted = palette.muted_text;
        ctx.text(label, x, baseline, size::AXIS, false, Anchor::Middle, muted);
    }
    let scale_top = grid.y1 + ctx.px(size::AXIS + 22.0) + ctx.px(28.0);
    draw_scale(ctx, spec, (lo, hi), grid.x1, scale_top);
}

/// A gradient bar ending at `right`, labelled with the lowest and highest value.
fn draw_scale(ctx: &mut Ctx, spec: &ChartSpec, (lo, hi): (f64, f64), right: f32, top: f32) {
    let palette = ctx.palette;
    let (width, height) = (ctx.px(SCALE_WIDTH), ctx.px(SCALE_HEIGHT));
    let left = right - width;
    const STEPS: usize = 48;
    let step = width / STEPS as f32;
    for i in 0..STEPS {
        let t = i as f32 / (STEPS - 1) as f32;
        let color = palette.heat_low.mix(palette.created, t);
        let x = left + step * i as f32;
        // Overlap by a pixel so no seam shows between the steps.
        ctx.rect(x, top, (x + step + 1.0).min(right), top + height, color);
    }
    let baseline = top + height + ctx.px(12.0) + ctx.px(size::AXIS * 0.8);
    let muted = palette.muted_text;
    let (low, high) = (
        value_label(lo, spec.unit, ctx.locale),
        value_label(hi, spec.unit, ctx.locale),
    );
    ctx.text(low, left, baseline, size::AXIS, false, Anchor::Start, muted);
    ctx.text(high, right, baseline, size::AXIS, false, Anchor::End, muted);
}
