//! Diverging bars (`ChartKind::Diverging`): each category's difference from the rest as
//! a bar lying from zero, better in one colour and worse in another, its interval as
//! whiskers and zero as a firm line, so a reader sees at once which side a driver is on
//! and whether its interval crosses zero. Values stand in a column at the right, clear
//! of bar and whisker ends.

use crate::charts::spec::{ChartSeries, ChartSpec};

use super::axis::{value_label, ValueAxis};
use super::cartesian::{self, Plot};
use super::frame::{size, Area, Ctx, LegendItem};
use super::options::Locale;
use super::palette::Rgba;
use super::scene::{Anchor, Shape};

/// Slide units of a whisker's line and of its caps' half height.
const WHISKER_WIDTH: f32 = 3.0;
const CAP: f32 = 14.0;

pub fn draw(ctx: &mut Ctx, spec: &ChartSpec, area: Area) {
    let Some(series) = spec.series.first() else {
        return;
    };
    let (lo, hi) = range(series);
    let axis = ValueAxis::new(lo, hi, spec.unit, 6);
    let labels = cartesian::category_labels(spec, ctx.locale);
    let values: Vec<Option<String>> = series
        .values
        .iter()
        .map(|v| v.map(|v| value_label(v, spec.unit, ctx.locale)))
        .collect();
    let widest = values
        .iter()
        .flatten()
        .map(|l| ctx.width(l, size::DATA_LABEL, false))
        .fold(0.0, f32::max);
    let column = widest + ctx.px(28.0);
    let plot = cartesian::lying(ctx, area, &labels, axis, column);
    let thickness = (plot.band() * 0.56).min(ctx.px(64.0));
    for (i, v) in series.values.iter().enumerate() {
        let Some(v) = *v else { continue };
        let at = plot.center(i);
        let (zero, end) = (plot.value(0.0), plot.value(v));
        ctx.rect(
            zero,
            at - thickness / 2.0,
            end,
            at + thickness / 2.0,
            colour(ctx, v),
        );
    }
    zero_line(ctx, &plot);
    whiskers(ctx, series, &plot);
    if plot.band() >= ctx.px(size::DATA_LABEL * 1.1) {
        let (x, color) = (area.x1, ctx.palette.text);
        for (i, label) in values.into_iter().enumerate() {
            let Some(label) = label else { continue };
            let y = plot.center(i) + ctx.px(size::DATA_LABEL * 0.35);
            ctx.text(label, x, y, size::DATA_LABEL, false, Anchor::End, color);
        }
    }
}

/// The values' and intervals' lowest and highest ends (the axis adds zero).
fn range(series: &ChartSeries) -> (f64, f64) {
    let bounds = series.band.iter().flat_map(|b| b.low.iter().chain(&b.high));
    series
        .values
        .iter()
        .chain(bounds)
        .flatten()
        .fold((0.0, 0.0), |(lo, hi), &v| (v.min(lo), v.max(hi)))
}

/// Better (above zero) or worse; no difference at all in neither colour.
fn colour(ctx: &Ctx, v: f64) -> Rgba {
    let palette = ctx.palette;
    match v.total_cmp(&0.0) {
        std::cmp::Ordering::Greater => palette.better,
        std::cmp::Ordering::Less => palette.worse,
        std::cmp::Ordering::Equal => palette.muted_text,
    }
}

fn zero_line(ctx: &mut Ctx, plot: &Plot) {
    let x = plot.value(0.0);
    let color = ctx.palette.text;
    ctx.rule(
        (x, plot.area.y0),
        (x, plot.area.y1),
        size::GRID_WIDTH * 1.5,
        color,
    );
}

/// Each interval as a line with a cap at either end, over its bar.
fn whiskers(ctx: &mut Ctx, series: &ChartSeries, plot: &Plot) {
    let Some(band) = &series.band else { return };
    let (cap, width, color) = (ctx.px(CAP), ctx.px(WHISKER_WIDTH), ctx.palette.text);
    for (i, (low, high)) in band.low.iter().zip(&band.high).enumerate() {
        let (Some(low), Some(high)) = (*low, *high) else {
            continue;
        };
        let (y, a, b) = (plot.center(i), plot.value(low), plot.value(high));
        let points = vec![
            (a, y - cap),
            (a, y + cap),
            (a, y),
            (b, y),
            (b, y - cap),
            (b, y + cap),
        ];
        ctx.shapes.push(Shape::Path {
            points,
            width,
            color,
        });
    }
}

/// What the colours and the whiskers mean.
pub fn legend_items(ctx: &Ctx) -> Vec<LegendItem> {
    let (better, worse, interval) = words(ctx.locale);
    let item = |name: &str, color, line| LegendItem {
        name: name.to_owned(),
        color,
        line,
        ring: false,
        partial: false,
    };
    vec![
        item(better, ctx.palette.better, None),
        item(worse, ctx.palette.worse, None),
        item(interval, ctx.palette.text, Some(false)),
    ]
}

fn words(locale: Locale) -> (&'static str, &'static str, &'static str) {
    match locale {
        Locale::En => (
            "Better than the rest",
            "Worse than the rest",
            "Whiskers: 95% interval",
        ),
        Locale::Ko => ("나머지보다 높음", "나머지보다 낮음", "오차 막대: 95% 구간"),
        Locale::Ru => (
            "Лучше остальных",
            "Хуже остальных",
            "Усы: 95-процентный интервал",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::spec::{Band, ChartKind, Unit, XAxis};

    fn series(
        values: Vec<Option<f64>>,
        low: Vec<Option<f64>>,
        high: Vec<Option<f64>>,
    ) -> ChartSeries {
        ChartSeries {
            name: "diff".into(),
            values,
            samples: None,
            small_sample: None,
            band: Some(Band { low, high }),
            group: None,
            dashed: false,
            null_reasons: None,
        }
    }

    #[test]
    fn the_axis_reaches_every_whisker_end_and_zero() {
        let s = series(
            vec![Some(0.04), Some(-0.08), None],
            vec![Some(-0.01), Some(-0.15), None],
            vec![Some(0.09), Some(-0.02), None],
        );
        assert_eq!(range(&s), (-0.15, 0.09));
        let all_above = series(vec![Some(0.04)], vec![Some(0.02)], vec![Some(0.06)]);
        assert_eq!(range(&all_above), (0.0, 0.06), "zero stays on the axis");
    }

    #[test]
    fn bars_take_the_better_or_worse_colour_by_sign_and_each_interval_gets_a_whisker() {
        let spec = ChartSpec {
            kind: ChartKind::Diverging,
            title: "Drivers".into(),
            subtitle: None,
            context: None,
            x: XAxis {
                labels: vec!["a".into(), "b".into(), "c".into()],
                ..XAxis::default()
            },
            unit: Unit::Points,
            series: vec![series(
                vec![Some(0.04), Some(-0.08), Some(-0.01)],
                vec![Some(-0.01), Some(-0.15), Some(-0.05)],
                vec![Some(0.09), Some(-0.02), Some(0.03)],
            )],
            value_labels: false,
        };
        let fonts = super::super::text::fonts().expect("the bundled font");
        let scene = super::super::layout(&spec, &Default::default(), fonts, 1);
        let palette = super::super::Palette::of(Default::default());
        let fills = |color| {
            let rects = scene
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Rect { color: c, .. } if *c == color));
            rects.count()
        };
        assert_eq!(fills(palette.better), 2, "one bar and its legend square");
        assert_eq!(fills(palette.worse), 3, "two bars and their legend square");
        let whiskers = scene.shapes.iter().filter(|s| {
            matches!(s, Shape::Path { points, color, .. } if points.len() == 6 && *color == palette.text)
        });
        assert_eq!(whiskers.count(), 3, "one whisker per interval");
        let texts: Vec<&str> = scene.texts().map(|t| t.text.as_str()).collect();
        for expected in ["+4.0 pp", "-8.0 pp", "-1.0 pp", "Whiskers: 95% interval"] {
            assert!(texts.contains(&expected), "{expected} in {texts:?}");
        }
    }
}
