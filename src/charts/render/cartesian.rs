//! The plot of bars and lines: a category axis and a value axis with light grid lines,
//! upright (categories along the bottom) or lying (categories down the left, for many
//! named groups, as the web view draws them).

use crate::analytics::query::range::Every;
use crate::charts::spec::{ChartSpec, XKind};

use super::axis::ValueAxis;
use super::format;
use super::frame::{size, Area, Ctx};
use super::options::Locale;
use super::scene::Anchor;

/// The smallest category label of a lying plot, in slide units.
const MIN_CATEGORY_LABEL: f32 = 16.0;

pub struct Plot {
    pub area: Area,
    pub n: usize,
    pub axis: ValueAxis,
    /// Categories down the left, values to the right.
    pub horizontal: bool,
}

impl Plot {
    /// The room of one category along the category axis.
    pub fn band(&self) -> f32 {
        let length = if self.horizontal {
            self.area.height()
        } else {
            self.area.width()
        };
        length / self.n.max(1) as f32
    }

    /// The middle of category `i` along the category axis.
    pub fn center(&self, i: usize) -> f32 {
        let start = if self.horizontal {
            self.area.y0
        } else {
            self.area.x0
        };
        start + self.band() * (i as f32 + 0.5)
    }

    /// Where value `v` sits along the value axis; a value past the axis (a partial
    /// bucket's, which does not set it) stops at the plot's edge.
    pub fn value(&self, v: f64) -> f32 {
        let f = self.axis.fraction(v).clamp(0.0, 1.0) as f32;
        if self.horizontal {
            self.area.x0 + f * self.area.width()
        } else {
            self.area.y1 - f * self.area.height()
        }
    }
}

/// Category labels as shown: short dates (a week as its first and last day), two-digit
/// hours, or the text as is.
pub fn category_labels(spec: &ChartSpec, locale: Locale) -> Vec<String> {
    spec.x
        .labels
        .iter()
        .map(|label| match spec.x.kind {
            XKind::Date if spec.x.every == Some(Every::Week) => format::week(label, locale),
            XKind::Date => format::short_date(label, locale),
            XKind::Hour => format::hour(label),
            XKind::Text => label.clone(),
        })
        .collect()
}

/// Every `step`-th label so that neighbours keep a gap, from the widest label.
pub fn label_step(widths: impl Iterator<Item = f32>, band: f32, gap: f32) -> usize {
    let widest = widths.fold(0.0f32, f32::max);
    ((widest + gap) / band.max(1.0)).ceil().max(1.0) as usize
}

/// An upright plot in `area`: value labels on the left, categories along the bottom.
/// `top_room` keeps space above the tallest bar for its label.
pub fn upright(
    ctx: &mut Ctx,
    area: Area,
    labels: &[String],
    axis: ValueAxis,
    top_room: f32,
) -> Plot {
    let palette = ctx.palette;
    let ticks: Vec<(f64, String)> = axis
        .ticks
        .iter()
        .map(|&t| (t, axis.label(t, ctx.locale)))
        .collect();
    let value_width = ticks
        .iter()
        .map(|(_, l)| ctx.width(l, size::AXIS, false))
        .fold(0.0, f32::max);
    let plot = Plot {
        area: Area {
            x0: area.x0 + value_width + ctx.px(20.0),
            y0: area.y0 + ctx.px(size::AXIS * 0.5) + top_room,
            x1: area.x1,
            y1: area.y1 - ctx.px(size::AXIS + 22.0),
        },
        n: labels.len(),
        axis,
        horizontal: false,
    };
    let a = plot.area;
    for (t, label) in &ticks {
        let y = plot.value(*t);
        let color = if *t == 0.0 {
            palette.axis_line
        } else {
            palette.grid_line
        };
        ctx.rule((a.x0, y), (a.x1, y), size::GRID_WIDTH, color);
        let baseline = y + ctx.px(size::AXIS * 0.35);
        let (x, muted) = (a.x0 - ctx.px(16.0), palette.muted_text);
        ctx.text(
            label.clone(),
            x,
            baseline,
            size::AXIS,
            false,
            Anchor::End,
            muted,
        );
    }
    let (band, gap) = (plot.band(), ctx.px(24.0));
    // Every step-th label, whole where skipping lets it; at least three labels stay, cut
    // to the room a step gives them.
    let widths = labels.iter().map(|l| ctx.width(l, size::AXIS, false));
    let most = labels.len().div_ceil(3).max(1);
    let step = label_step(widths, band, gap).min(most);
    let room = (band * step as f32 - gap).max(ctx.px(140.0));
    let baseline = a.y1 + ctx.px(22.0) + ctx.px(size::AXIS * 0.8);
    let mut drawn_to = f32::MIN;
    for (i, label) in labels.iter().enumerate().step_by(step) {
        let label = ctx.fit(label, size::AXIS, false, room);
        // The first and last labels stay inside the chart; one pushed onto its
        // neighbour by that is left out.
        let half = ctx.width(&label, size::AXIS, false) / 2.0;
        let x = plot.center(i).min(area.x1 - half).max(area.x0 + half);
        if x - half < drawn_to + gap / 2.0 {
            continue;
        }
        drawn_to = x + half;
        ctx.text(
            label,
            x,
            baseline,
            size::AXIS,
            false,
            Anchor::Middle,
            palette.muted_text,
        );
    }
    plot
}

/// A lying plot in `area`: categories down the left (first on top), values along the
/// bottom. `end_room` keeps space right of the longest bar for its label.
pub fn lying(ctx: &mut Ctx, area: Area, labels: &[String], axis: ValueAxis, end_room: f32) -> Plot {
    let palette = ctx.palette;
    let max_label = (area.width() * 0.3).min(ctx.px(440.0));
    let fitted: Vec<String> = labels
        .iter()
        .map(|l| ctx.fit(l, size::AXIS, false, max_label))
        .collect();
    let label_width = fitted
        .iter()
        .map(|l| ctx.width(l, size::AXIS, false))
        .fold(0.0, f32::max);
    let ticks: Vec<(f64, String)> = axis
        .ticks
        .iter()
        .map(|&t| (t, axis.label(t, ctx.locale)))
        .collect();
    let last_tick = ticks
        .last()
        .map_or(0.0, |(_, l)| ctx.width(l, size::AXIS, false) / 2.0);
    let plot = Plot {
        area: Area {
            x0: area.x0 + label_width + ctx.px(20.0),
            y0: area.y0,
            x1: area.x1 - end_room.max(last_tick),
            y1: area.y1 - ctx.px(size::AXIS + 22.0),
        },
        n: labels.len(),
        axis,
        horizontal: true,
    };
    let a = plot.area;
    let baseline = a.y1 + ctx.px(22.0) + ctx.px(size::AXIS * 0.8);
    for (t, label) in &ticks {
        let x = plot.value(*t);
        let color = if *t == 0.0 {
            palette.axis_line
        } else {
            palette.grid_line
        };
        ctx.rule((x, a.y0), (x, a.y1), size::GRID_WIDTH, color);
        let muted = palette.muted_text;
        ctx.text(
            label.clone(),
            x,
            baseline,
            size::AXIS,
            false,
            Anchor::Middle,
            muted,
        );
    }
    // Crowded categories get smaller labels (down to a readable minimum) before any is
    // left out.
    let band_units = plot.band() / ctx.u;
    let label_size = (band_units / 1.25).clamp(MIN_CATEGORY_LABEL, size::AXIS);
    let step = label_step(std::iter::once(label_size * 1.25), band_units, 0.0);
    for (i, label) in labels.iter().enumerate().step_by(step) {
        let label = ctx.fit(label, label_size, false, label_width);
        let y = plot.center(i) + ctx.px(label_size * 0.35);
        let (x, muted) = (a.x0 - ctx.px(16.0), palette.muted_text);
        ctx.text(label, x, y, label_size, false, Anchor::End, muted);
    }
    plot
}
