//! Chart export: every kind of `ChartSpec` renders to a PNG of the requested size and to
//! an SVG that carries its texts, in the colours of its theme's palette (the one the web
//! view's palette is generated from); bad specs and options are typed errors.

use std::collections::BTreeSet;

use deskbench::charts::render::palette::{Palette, Rgba};
use deskbench::charts::spec::Band;
use deskbench::charts::{
    render_bitmap, render_png, render_svg, ChartError, ChartKind, ChartSeries, ChartSpec, Locale,
    RenderOptions, SpecError, Theme, Unit, XAxis, XKind,
};
use rstest::rstest;

fn series(name: &str, values: &[f64]) -> ChartSeries {
    ChartSeries {
        name: name.into(),
        values: values.iter().map(|&v| Some(v)).collect(),
        samples: None,
        small_sample: None,
        band: None,
        group: None,
        dashed: false,
        null_reasons: None,
    }
}

fn spec(
    kind: ChartKind,
    x: XKind,
    labels: &[&str],
    unit: Unit,
    series: Vec<ChartSeries>,
) -> ChartSpec {
    ChartSpec {
        kind,
        title: "Tickets created".into(),
        subtitle: Some("Jan 6 – Mar 30, 2025 · Europe/Moscow".into()),
        context: None,
        x: XAxis {
            kind: x,
            labels: labels.iter().map(|l| l.to_string()).collect(),
            ..XAxis::default()
        },
        unit,
        series,
        value_labels: false,
    }
}

const WEEKS: [&str; 6] = [
    "2025-01-06",
    "2025-01-13",
    "2025-01-20",
    "2025-01-27",
    "2025-02-03",
    "2025-02-10",
];

fn channels() -> ChartSpec {
    spec(
        ChartKind::Bar,
        XKind::Text,
        &["email", "web", "chat", "phone"],
        Unit::Count,
        vec![series("All tickets", &[1520.0, 980.0, 412.0, 95.0])],
    )
}

/// One spec of each kind and shape the exporter draws.
/// CSAT drivers: differences from the rest in points, each with its 95% interval.
fn drivers() -> ChartSpec {
    let mut diff = series("CSAT difference", &[0.042, -0.081, -0.012]);
    diff.band = Some(Band {
        low: [0.011, -0.142, -0.055].map(Some).to_vec(),
        high: [0.073, -0.020, 0.031].map(Some).to_vec(),
    });
    spec(
        ChartKind::Diverging,
        XKind::Text,
        &["Channel: Chat", "Theme: refund", "Tag: vip"],
        Unit::Points,
        vec![diff],
    )
}

fn every_kind() -> Vec<(&'static str, ChartSpec)> {
    let groups: Vec<String> = (1..=14).map(|i| format!("Group {i}")).collect();
    let group_refs: Vec<&str> = groups.iter().map(String::as_str).collect();
    let many = (1..=14).map(|i| f64::from(i) * 37.0).collect::<Vec<_>>();
    let mut median = series("Median", &[62.0, 75.0, 58.0, 91.0, 70.0, 66.0]);
    median.band = None;
    let mut p90 = series("p90", &[240.0, 300.0, 210.0, 380.0, 260.0, 250.0]);
    p90.dashed = true;
    let mut csat = series("CSAT", &[0.91, 0.88, 0.93, 0.9, 0.86, 0.92]);
    csat.band = Some(Band {
        low: [0.87, 0.83, 0.9, 0.86, 0.8, 0.88].map(Some).to_vec(),
        high: [0.94, 0.92, 0.95, 0.93, 0.9, 0.95].map(Some).to_vec(),
    });
    let hours: Vec<String> = (0..24).map(|h| h.to_string()).collect();
    let hour_refs: Vec<&str> = hours.iter().map(String::as_str).collect();
    let week = (1..=7)
        .map(|d| {
            let values: Vec<f64> = (0..24).map(|h| f64::from((d * 7 + h * 3) % 40)).collect();
            series(&d.to_string(), &values)
        })
        .collect();
    vec![
        ("bar", channels()),
        ("diverging", drivers()),
        (
            "horizontal bar",
            spec(
                ChartKind::Bar,
                XKind::Text,
                &group_refs,
                Unit::Count,
                vec![series("All", &many)],
            ),
        ),
        (
            "grouped bar",
            spec(
                ChartKind::Bar,
                XKind::Date,
                &WEEKS,
                Unit::Share,
                vec![
                    series("email", &[0.8, 0.82, 0.79, 0.85, 0.81, 0.84]),
                    series("chat", &[0.9, 0.88, 0.91, 0.87, 0.9, 0.92]),
                ],
            ),
        ),
        (
            "line",
            spec(
                ChartKind::Line,
                XKind::Date,
                &WEEKS,
                Unit::Minutes,
                vec![median, p90],
            ),
        ),
        (
            "csat band",
            spec(
                ChartKind::Line,
                XKind::Date,
                &WEEKS,
                Unit::Share,
                vec![csat],
            ),
        ),
        (
            "stacked",
            spec(
                ChartKind::StackedBar,
                XKind::Date,
                &WEEKS,
                Unit::Count,
                vec![
                    series("email", &[300.0, 320.0, 310.0, 290.0, 330.0, 340.0]),
                    series("chat", &[120.0, 110.0, 150.0, 140.0, 160.0, 170.0]),
                    series("phone", &[40.0, 35.0, 50.0, 45.0, 42.0, 38.0]),
                ],
            ),
        ),
        (
            "heatmap",
            spec(
                ChartKind::Heatmap,
                XKind::Hour,
                &hour_refs,
                Unit::Count,
                week,
            ),
        ),
    ]
}

/// Width, height and RGB(A) pixels of a PNG.
fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a valid PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("one frame");
    (info.width, info.height, pixels, info.color_type.samples())
}

fn colours(pixels: &[u8], samples: usize) -> usize {
    let mut seen: Vec<&[u8]> = pixels.chunks(samples).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[test]
fn every_kind_renders_a_png_of_the_requested_size_with_content() {
    let options = RenderOptions {
        width: 1280,
        height: 720,
        ..RenderOptions::default()
    };
    for (name, spec) in every_kind() {
        let png = render_png(&spec, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (w, h, pixels, samples) = decode(&png);
        assert_eq!((w, h), (1280, 720), "{name}");
        assert!(
            colours(&pixels, samples) > 20,
            "{name} draws more than a background"
        );
    }
}

#[test]
fn scale_two_doubles_each_side() {
    let options = RenderOptions {
        scale: 2,
        ..RenderOptions::default()
    };
    let (w, h, _, _) = decode(&render_png(&channels(), &options).unwrap());
    assert_eq!((w, h), (3840, 2160));
    let bitmap = render_bitmap(&channels(), &options).unwrap();
    assert_eq!(bitmap.rgba.len(), 3840 * 2160 * 4, "RGBA for the clipboard");
}

#[rstest]
#[case(Theme::Light, [0xff, 0xff, 0xff])]
#[case(Theme::Dark, [0x0f, 0x11, 0x15])]
fn the_corner_pixel_is_the_theme_background(#[case] theme: Theme, #[case] rgb: [u8; 3]) {
    let options = RenderOptions {
        theme,
        width: 640,
        height: 360,
        ..RenderOptions::default()
    };
    let (_, _, pixels, samples) = decode(&render_png(&channels(), &options).unwrap());
    assert_eq!(&pixels[..3], &rgb, "the top-left pixel is background");
    assert_eq!(samples, 3);
}

/// Every `fill` and `stroke` colour of an SVG document, as `#rrggbb` in lower case.
fn svg_colours(svg: &str) -> BTreeSet<String> {
    ["fill=\"#", "stroke=\"#"]
        .iter()
        .flat_map(|attr| {
            svg.match_indices(attr).filter_map(|(at, _)| {
                let start = at + attr.len() - 1;
                svg.get(start..start + 7).map(str::to_ascii_lowercase)
            })
        })
        .collect()
}

/// Whether `colour` is on the heatmap's scale from `low` to `high`, to a unit per channel.
fn on_scale(colour: &str, low: Rgba, high: Rgba) -> bool {
    let channels = |c: &str| {
        [1, 3, 5].map(|i| i32::from_str_radix(&c[i..i + 2], 16).expect("an SVG hex colour"))
    };
    let wanted = channels(colour);
    (0..=1000).any(|step| {
        let mixed = channels(&low.mix(high, step as f32 / 1000.0).to_string());
        mixed.iter().zip(wanted).all(|(a, b)| (a - b).abs() <= 1)
    })
}

#[rstest]
fn every_kind_draws_in_its_theme_palette(#[values(Theme::Light, Theme::Dark)] theme: Theme) {
    let palette = Palette::of(theme);
    let named: BTreeSet<String> = [
        palette.background,
        palette.text,
        palette.muted_text,
        palette.grid_line,
        palette.axis_line,
        palette.better,
        palette.worse,
    ]
    .into_iter()
    .chain(palette.series)
    .map(|c| c.to_string())
    .collect();
    let options = RenderOptions {
        theme,
        ..RenderOptions::default()
    };
    for (name, spec) in every_kind() {
        let drawn = svg_colours(&render_svg(&spec, &options).unwrap());
        let heatmap = spec.kind == ChartKind::Heatmap;
        for colour in &drawn {
            assert!(
                named.contains(colour)
                    || heatmap && on_scale(colour, palette.heat_low, palette.created),
                "{name} in {theme:?} draws {colour}, which is not in the palette"
            );
        }
        let mut expected = vec![palette.background, palette.text, palette.muted_text];
        if heatmap {
            expected.extend([palette.heat_low, palette.created]);
        } else if spec.kind == ChartKind::Diverging {
            expected.extend([palette.grid_line, palette.better, palette.worse]);
        } else {
            expected.extend([palette.grid_line, palette.axis_line]);
            expected.extend((0..spec.series.len()).map(|i| palette.series(i)));
        }
        for colour in expected.iter().map(Rgba::to_string) {
            assert!(
                drawn.contains(&colour),
                "{name} in {theme:?} draws {colour}"
            );
        }
    }
}

#[test]
fn svg_carries_title_categories_and_series_names_in_every_language() {
    let mut spec = spec(
        ChartKind::Bar,
        XKind::Text,
        &["이메일", "Телефон", "chat"],
        Unit::Count,
        vec![
            series("고객 만족도", &[10.0, 20.0, 30.0]),
            series("Удовлетворённость", &[12.0, 18.0, 25.0]),
        ],
    );
    spec.title = "Время первого ответа · 첫 응답 시간".into();
    let svg = render_svg(&spec, &RenderOptions::default()).unwrap();
    assert!(svg.starts_with("<svg"), "an SVG document");
    for text in [
        "Время первого ответа · 첫 응답 시간",
        "이메일",
        "Телефон",
        "chat",
        "고객 만족도",
        "Удовлетворённость",
        "Jan 6 – Mar 30, 2025 · Europe/Moscow",
    ] {
        assert!(svg.contains(text), "the SVG has {text:?}");
    }
    assert!(svg.contains("<text"), "text stays text");
}

#[test]
fn svg_formats_dates_and_numbers_for_the_locale() {
    let mut ru = spec(
        ChartKind::Line,
        XKind::Date,
        &WEEKS,
        Unit::Count,
        vec![series(
            "Создано",
            &[1200.0, 1500.0, 1300.0, 1250.0, 1400.0, 1600.0],
        )],
    );
    let options = RenderOptions {
        locale: Locale::Ru,
        ..RenderOptions::default()
    };
    let svg = render_svg(&ru, &options).unwrap();
    assert!(svg.contains("6 янв."), "short Russian dates");
    assert!(svg.contains("1\u{202F}500"), "Russian digit groups");
    ru.kind = ChartKind::Bar;
    let ko = RenderOptions {
        locale: Locale::Ko,
        ..RenderOptions::default()
    };
    assert!(render_svg(&ru, &ko).unwrap().contains("1월 6일"));
}

#[rstest]
#[case(Locale::En, ["+4.2 pp", "-8.1 pp", "Better than the rest", "Whiskers: 95% interval"])]
#[case(Locale::Ko, ["+4.2%p", "-8.1%p", "나머지보다 높음", "오차 막대: 95% 구간"])]
#[case(Locale::Ru, ["+4,2\u{a0}п.\u{a0}п.", "-8,1\u{a0}п.\u{a0}п.", "Хуже остальных", "Усы: 95-процентный интервал"])]
fn drivers_export_in_points_with_whiskers_and_a_legend(
    #[case] locale: Locale,
    #[case] texts: [&str; 4],
) {
    let options = RenderOptions {
        locale,
        ..RenderOptions::default()
    };
    let svg = render_svg(&drivers(), &options).unwrap();
    for text in texts {
        assert!(svg.contains(text), "{locale:?} writes {text}");
    }
    let ink = Palette::of(Theme::Light)
        .text
        .to_string()
        .to_ascii_uppercase();
    let whiskers = svg
        .lines()
        .filter(|l| l.contains("<polyline") && l.to_ascii_uppercase().contains(&ink))
        .count();
    assert_eq!(
        whiskers,
        3 + 1,
        "a whisker per driver and one in the legend"
    );
}

#[test]
fn value_labels_in_an_export_follow_the_spec_s_flag() {
    let mut grouped = every_kind().remove(3).1;
    assert_eq!(grouped.series.len(), 2, "the grouped bars");
    let plain = render_svg(&grouped, &RenderOptions::default()).unwrap();
    grouped.value_labels = true;
    let labelled = render_svg(&grouped, &RenderOptions::default()).unwrap();
    for value in ["82.0%", "91.0%"] {
        assert!(!plain.contains(value), "off: no label {value}");
        assert!(labelled.contains(value), "on: {value} labelled");
    }
}

#[test]
fn heatmap_rows_are_weekday_names() {
    let (_, heatmap) = every_kind().pop().expect("the heatmap is last");
    let options = RenderOptions {
        locale: Locale::Ru,
        ..RenderOptions::default()
    };
    let svg = render_svg(&heatmap, &options).unwrap();
    for day in ["Пн", "Ср", "Вс", "00", "23"] {
        assert!(svg.contains(day), "{day}");
    }
}

#[test]
fn an_empty_chart_says_so_instead_of_drawing_axes() {
    let empty = spec(
        ChartKind::Bar,
        XKind::Date,
        &WEEKS[..2],
        Unit::Count,
        vec![ChartSeries {
            values: vec![None, Some(0.0)],
            ..series("All", &[])
        }],
    );
    assert!(empty.is_empty());
    let svg = render_svg(&empty, &RenderOptions::default()).unwrap();
    assert!(svg.contains("No data for this period."));
    assert!(!svg.contains("Jan 6<"), "no axis labels");
    let png = render_png(&empty, &RenderOptions::default()).unwrap();
    assert_eq!(decode(&png).0, 1920);
}

#[test]
fn small_sample_values_get_a_ring_and_a_legend_note() {
    let circles = |svg: &str| svg.matches("<circle").count();
    let mut median = series("Median", &[62.0, 75.0, 58.0, 91.0, 70.0, 66.0]);
    let plain = spec(
        ChartKind::Bar,
        XKind::Date,
        &WEEKS,
        Unit::Minutes,
        vec![median.clone()],
    );
    let plain_svg = render_svg(&plain, &RenderOptions::default()).unwrap();
    assert!(!plain_svg.contains("Small sample"));
    median.small_sample = Some(vec![true, false, false, false, false, true]);
    let marked = spec(
        ChartKind::Bar,
        XKind::Date,
        &WEEKS,
        Unit::Minutes,
        vec![median],
    );
    let svg = render_svg(&marked, &RenderOptions::default()).unwrap();
    assert!(
        svg.contains("Small sample: under 30 records (10 for times)"),
        "the legend explains the ring"
    );
    assert_eq!(
        circles(&svg) - circles(&plain_svg),
        2 * 3,
        "two circles (colour, then background) per ring: two bars and the legend's"
    );
    let ru = RenderOptions {
        locale: Locale::Ru,
        ..RenderOptions::default()
    };
    assert!(render_svg(&marked, &ru).unwrap().contains("Малая выборка"));
}

#[test]
fn invalid_specs_and_options_are_typed_errors() {
    let mut short = channels();
    short.series[0].values.pop();
    let err = render_png(&short, &RenderOptions::default()).unwrap_err();
    assert!(
        matches!(err, ChartError::Spec(SpecError::Length(_))),
        "{err}"
    );

    let mut nan = channels();
    nan.series[0].values[1] = Some(f64::NAN);
    let err = render_svg(&nan, &RenderOptions::default()).unwrap_err();
    assert!(
        matches!(err, ChartError::Spec(SpecError::NotFinite(_))),
        "{err}"
    );

    let tiny = RenderOptions {
        width: 100,
        ..RenderOptions::default()
    };
    let err = render_png(&channels(), &tiny).unwrap_err();
    assert!(matches!(
        err,
        ChartError::Size {
            side: "width",
            value: 100
        }
    ));
    assert!(err.to_string().contains("320 to 4096"), "{err}");
}
