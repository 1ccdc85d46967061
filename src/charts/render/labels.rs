//! Value labels on side-by-side bars, stacked parts and line points, when the spec asks
//! for every value labelled (`ChartSpec::value_labels`, the web view's data-labels
//! toggle). A label is drawn only where it is legible: beside its bar's end within the
//! bar's width, inside a stacked part tall enough for it, above its point; and never over
//! a label already drawn. A single series' bars are labelled by `bars` either way.

use crate::charts::spec::ChartSpec;

use super::axis::value_label;
use super::cartesian::Plot;
use super::frame::{size, Ctx};
use super::palette::Rgba;
use super::scene::Anchor;

/// The size of a label that does not fit at the usual one, as a fraction of it: still
/// legible on a slide.
const SMALLER: f32 = 0.8;
/// Slide units around a line's point that no label may cover.
const POINT: f32 = 8.0;

/// The labels drawn so far, as boxes (x0, y0, x1, y1), so none covers another.
#[derive(Default)]
pub struct Placed(Vec<(f32, f32, f32, f32)>);

impl Placed {
    /// Draws `text` centred on `x` with its middle at `y`, a size smaller if it is wider
    /// than `room` at the usual one; not at all if it is still too wide or would cover a
    /// label already drawn.
    fn put(&mut self, ctx: &mut Ctx, text: String, (x, y): (f32, f32), room: f32, color: Rgba) {
        let sizes = [size::DATA_LABEL, size::DATA_LABEL * SMALLER];
        let Some(em) = sizes
            .into_iter()
            .find(|&em| ctx.width(&text, em, false) <= room)
        else {
            return;
        };
        let (w, h) = (ctx.width(&text, em, false), ctx.px(em));
        let b = (x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0);
        let covers = |o: &(f32, f32, f32, f32)| b.0 < o.2 && o.0 < b.2 && b.1 < o.3 && o.1 < b.3;
        if self.0.iter().any(covers) {
            return;
        }
        self.0.push(b);
        let baseline = y + ctx.px(em * 0.35);
        ctx.text(text, x, baseline, em, false, Anchor::Middle, color);
    }
}

/// Above each upright bar's end (below a negative one), as wide as the bar: `at(i, s)` is
/// the middle of series `s`'s bar in category `i`.
pub fn grouped(
    ctx: &mut Ctx,
    spec: &ChartSpec,
    plot: &Plot,
    each: f32,
    at: impl Fn(usize, usize) -> f32,
) {
    let mut placed = Placed::default();
    let (gap, color) = (ctx.px(size::DATA_LABEL * 0.8), ctx.palette.text);
    for (s, series) in spec.series.iter().enumerate() {
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = *v else { continue };
            let text = value_label(v, spec.unit, ctx.locale);
            let end = plot.value(v);
            let y = if v < 0.0 { end + gap } else { end - gap };
            placed.put(ctx, text, (at(i, s), y), each, color);
        }
    }
}

/// Inside each stacked part that is tall enough, in the background's colour.
pub fn stacked(ctx: &mut Ctx, spec: &ChartSpec, plot: &Plot, thickness: f32) {
    let mut placed = Placed::default();
    let color = ctx.palette.background;
    for i in 0..spec.x.labels.len() {
        let (mut neg, mut pos) = (0.0, 0.0);
        for series in &spec.series {
            let Some(v) = series.values.get(i).copied().flatten() else {
                continue;
            };
            let base = if v < 0.0 { &mut neg } else { &mut pos };
            let (from, to) = (*base, *base + v);
            *base = to;
            let length = (plot.value(to) - plot.value(from)).abs();
            if v == 0.0 || length < ctx.px(size::DATA_LABEL * 1.2) {
                continue;
            }
            let text = value_label(v, spec.unit, ctx.locale);
            let middle = (plot.value(from) + plot.value(to)) / 2.0;
            placed.put(
                ctx,
                text,
                (plot.center(i), middle),
                thickness - ctx.px(4.0),
                color,
            );
        }
    }
}

/// Above each point of each line in the text colour, skipping those that would cover
/// another label or any line's point.
pub fn points(ctx: &mut Ctx, spec: &ChartSpec, plot: &Plot) {
    let mut placed = Placed::default();
    let (lift, mark) = (ctx.px(size::DATA_LABEL * 0.9), ctx.px(POINT));
    for series in &spec.series {
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = *v else { continue };
            let (x, y) = (plot.center(i), plot.value(v));
            placed.0.push((x - mark, y - mark, x + mark, y + mark));
        }
    }
    let color = ctx.palette.text;
    for series in &spec.series {
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = *v else { continue };
            let text = value_label(v, spec.unit, ctx.locale);
            let at = (plot.center(i), plot.value(v) - lift);
            placed.put(ctx, text, at, f32::INFINITY, color);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{layout, text, Palette};
    use super::*;
    use crate::charts::spec::{ChartKind, ChartSeries, ChartSpec, Unit, XAxis};

    fn spec(kind: ChartKind, value_labels: bool) -> ChartSpec {
        let series = |name: &str, values: [f64; 3]| ChartSeries {
            name: name.into(),
            values: values.map(Some).to_vec(),
            samples: None,
            small_sample: None,
            band: None,
            group: None,
            dashed: false,
            null_reasons: None,
        };
        ChartSpec {
            kind,
            title: "Tickets".into(),
            subtitle: None,
            context: None,
            x: XAxis {
                labels: vec!["Email".into(), "Chat".into(), "Phone".into()],
                ..XAxis::default()
            },
            unit: Unit::Count,
            series: vec![
                series("Created", [1520.0, 980.0, 412.0]),
                series("Solved", [1301.0, 577.0, 5.0]),
            ],
            value_labels,
        }
    }

    fn texts(spec: &ChartSpec) -> Vec<String> {
        let fonts = text::fonts().expect("the bundled font");
        let scene = layout(spec, &Default::default(), fonts, 1);
        scene.texts().map(|t| t.text.clone()).collect()
    }

    #[test]
    fn every_value_is_labelled_only_when_the_spec_asks() {
        for kind in [ChartKind::Bar, ChartKind::Line, ChartKind::StackedBar] {
            let plain = texts(&spec(kind, false));
            assert!(
                !plain.contains(&"1,301".to_owned()),
                "{kind:?} unlabelled: {plain:?}"
            );
            let labelled = texts(&spec(kind, true));
            for value in ["1,520", "1,301", "577"] {
                assert!(
                    labelled.contains(&value.to_owned()),
                    "{kind:?} labels {value}: {labelled:?}"
                );
            }
        }
    }

    #[test]
    fn a_stacked_part_too_thin_for_its_label_goes_without() {
        let labelled = texts(&spec(ChartKind::StackedBar, true));
        assert!(!labelled.contains(&"5".to_owned()), "{labelled:?}");
        let palette = Palette::of(Default::default());
        assert_ne!(
            palette.background,
            palette.series(0),
            "labels inside parts stand out"
        );
    }

    #[test]
    fn a_point_s_label_never_covers_another_line_s_point() {
        let mut close = spec(ChartKind::Line, true);
        close.series[1].values[1] = Some(940.0);
        let labelled = texts(&close);
        assert!(labelled.contains(&"980".to_owned()), "{labelled:?}");
        assert!(
            !labelled.contains(&"940".to_owned()),
            "its label would cover the 980 point just above: {labelled:?}"
        );
    }

    #[test]
    fn labels_never_cover_each_other() {
        let mut placed = Placed::default();
        let fonts = text::fonts().expect("the bundled font");
        let mut ctx = Ctx {
            fonts,
            palette: Palette::of(Default::default()),
            locale: Default::default(),
            u: 1.0,
            shapes: Vec::new(),
        };
        let color = ctx.palette.text;
        placed.put(&mut ctx, "1,520".into(), (100.0, 100.0), 500.0, color);
        placed.put(&mut ctx, "1,301".into(), (110.0, 104.0), 500.0, color);
        placed.put(&mut ctx, "877".into(), (400.0, 100.0), 500.0, color);
        placed.put(&mut ctx, "a long label".into(), (800.0, 100.0), 10.0, color);
        assert_eq!(
            ctx.shapes.len(),
            2,
            "the overlapping and the too-wide label are left out"
        );
    }
}
