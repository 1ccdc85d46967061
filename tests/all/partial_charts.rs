//! Partial buckets in exported charts: weeks read as date ranges, partial bars are faded
//! with an outline, partial points hollow, the legend says "Partial period" in the
//! reader's language, and a partial bucket's value never sets the value axis alone.

use deskbench::analytics::query::range::Every;
use deskbench::charts::render::palette::Palette;
use deskbench::charts::{
    render_svg, ChartKind, ChartSeries, ChartSpec, Locale, RenderOptions, Theme, Unit, XAxis, XKind,
};

const WEEKS: [&str; 5] = [
    "2025-10-27",
    "2025-11-03",
    "2025-11-10",
    "2025-11-17",
    "2025-11-24",
];

/// Weekly median minutes; the first week (two days of it) has an outlier of 900.
fn weekly(kind: ChartKind, partial: [bool; 5]) -> ChartSpec {
    ChartSpec {
        kind,
        title: "First reply time".into(),
        subtitle: None,
        x: XAxis {
            kind: XKind::Date,
            labels: WEEKS.map(str::to_owned).to_vec(),
            every: Some(Every::Week),
            partial: XAxis::partial_flags(partial.to_vec()),
            ..XAxis::default()
        },
        unit: Unit::Count,
        series: vec![ChartSeries {
            name: "Median".into(),
            values: [900.0, 80.0, 95.0, 100.0, 90.0].map(Some).to_vec(),
            samples: None,
            band: None,
            group: None,
            dashed: false,
            null_reasons: None,
            small_sample: None,
        }],
        context: None,
        value_labels: false,
    }
}

fn svg(spec: &ChartSpec, locale: Locale) -> String {
    let options = RenderOptions {
        locale,
        ..RenderOptions::default()
    };
    render_svg(spec, &options).expect("renders")
}

/// Every text of an SVG, trimmed.
fn texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|part| {
            part.rsplit_once('>')
                .map(|(_, text)| text.trim().to_owned())
        })
        .filter(|text| !text.is_empty())
        .collect()
}

/// Whether the SVG has a text that reads exactly `wanted`.
fn has(svg: &str, wanted: &str) -> bool {
    texts(svg).iter().any(|text| text == wanted)
}

const FIRST_PARTIAL: [bool; 5] = [true, false, false, false, false];

#[test]
fn a_partial_bar_is_faded_noted_and_does_not_set_the_axis() {
    let drawn = svg(&weekly(ChartKind::Bar, FIRST_PARTIAL), Locale::En);
    let palette = Palette::of(Theme::Light);
    let faded = palette
        .series(0)
        .mix(palette.background, 0.62)
        .to_string()
        .to_ascii_lowercase();
    assert!(
        drawn.to_ascii_lowercase().contains(&faded),
        "the partial bar is filled with the faded series colour {faded}"
    );
    assert!(drawn.contains("Partial period"), "the legend notes it");
    assert!(has(&drawn, "Oct 27 – Nov 2"), "a week reads as its dates");
    assert!(has(&drawn, "Nov 3–9"));
    assert!(
        has(&drawn, "100") && !has(&drawn, "200") && !has(&drawn, "1,000"),
        "the axis runs to the full weeks' 100, not to the partial week's 900"
    );
    assert!(has(&drawn, "900"), "the clipped bar keeps its value label");

    let full = svg(&weekly(ChartKind::Bar, [false; 5]), Locale::En);
    assert!(
        !full.contains("Partial period"),
        "no note without partial buckets"
    );
    assert!(has(&full, "1,000"), "a full week's 900 does set the axis");
}

#[test]
fn partial_points_are_hollow_and_the_note_is_translated() {
    let both_ends = [true, false, false, false, true];
    let circles = |spec: &ChartSpec| svg(spec, Locale::Ru).matches("<circle").count();
    let full = circles(&weekly(ChartKind::Line, [false; 5]));
    assert_eq!(full, 5, "one marker per point");
    let partial = circles(&weekly(ChartKind::Line, both_ends));
    assert_eq!(
        partial,
        3 + 2 * 2 + 2,
        "three full markers, two rings of two circles, and the legend's ring"
    );
    let ru = svg(&weekly(ChartKind::Line, both_ends), Locale::Ru);
    assert!(ru.contains("Неполный период"));
    assert!(has(&ru, "27 окт. – 2 нояб."));
    let ko = svg(&weekly(ChartKind::Line, both_ends), Locale::Ko);
    assert!(ko.contains("일부 기간"));
    assert!(has(&ko, "11월 3일–9일"));
}

#[test]
fn when_every_bucket_is_partial_they_all_set_the_axis() {
    let drawn = svg(&weekly(ChartKind::Bar, [true; 5]), Locale::En);
    assert!(
        has(&drawn, "1,000"),
        "with no full bucket the axis fits every value"
    );
}

#[test]
fn a_partial_list_of_the_wrong_length_is_refused() {
    let mut spec = weekly(ChartKind::Bar, FIRST_PARTIAL);
    spec.x.partial = Some(vec![true]);
    let err = render_svg(&spec, &RenderOptions::default()).unwrap_err();
    assert!(err.to_string().contains("x.partial"), "{err}");
}

#[test]
fn thirteen_week_ranges_are_shown_whole_in_every_language() {
    let mut spec = weekly(ChartKind::Line, FIRST_PARTIAL);
    let mondays = (0..13).map(|w| {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap() + chrono::Days::new(7 * w);
        day.to_string()
    });
    spec.x.labels = mondays.collect();
    spec.x.partial = None;
    spec.series[0].values = vec![Some(300.0); 13];
    for locale in [Locale::En, Locale::Ko, Locale::Ru] {
        let drawn = texts(&svg(&spec, locale));
        assert!(
            !drawn.iter().any(|t| t.contains('…')),
            "{locale:?}: a week's range is cut: {drawn:?}"
        );
        let weeks = drawn
            .iter()
            .filter(|t| {
                t.chars().any(|c| c.is_ascii_digit()) && (t.contains('–') || t.contains('-'))
            })
            .count();
        assert!(
            weeks >= 3,
            "{locale:?}: only {weeks} week labels: {drawn:?}"
        );
    }
}
