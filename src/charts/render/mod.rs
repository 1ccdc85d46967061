//! Draws a `ChartSpec` for slides: PNG (1x or 2x) and SVG, light or dark, with labels in
//! English, Korean or Russian. The only part of the core that uses plotters. The spec is
//! validated first (it may come back from the web view); the layout builds one scene and
//! each format paints it.

mod axis;
mod bars;
mod cartesian;
mod diverging;
pub mod format;
mod frame;
mod heatmap;
mod labels;
mod lines;
mod options;
mod paint;
pub mod palette;
mod partial;
mod scene;
mod small;
mod text;

pub use options::{Locale, RenderOptions, Theme, MAX_SIDE, MIN_SIDE};

use super::context;
use super::spec::{ChartKind, ChartSpec, SpecError};
use frame::{size, Area, Ctx, LegendItem};
use palette::Palette;
use scene::Scene;
use text::Fonts;

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error("the chart's {side} must be {MIN_SIDE} to {MAX_SIDE} pixels, not {value}")]
    Size { side: &'static str, value: u32 },
    #[error("the chart's scale must be 1 or 2, not {0}")]
    Scale(u32),
    #[error("the bundled chart font could not be read")]
    Font(#[source] ab_glyph::InvalidFont),
    #[error("the chart could not be drawn")]
    Draw(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("the chart's PNG could not be encoded")]
    Encode(#[from] png::EncodingError),
}

/// A chart as RGBA pixels, row by row (for the clipboard).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The chart as a PNG of `width × height` times `scale` pixels.
pub fn render_png(spec: &ChartSpec, options: &RenderOptions) -> Result<Vec<u8>, ChartError> {
    let (scene, rgb) = rgb_pixels(spec, options)?;
    encode_png(&rgb, scene.width, scene.height, options.scale)
}

/// The chart as RGBA pixels, as `render_png` draws it.
pub fn render_bitmap(spec: &ChartSpec, options: &RenderOptions) -> Result<Bitmap, ChartError> {
    let (scene, rgb) = rgb_pixels(spec, options)?;
    let mut rgba = Vec::with_capacity(rgb.len() / 3 * 4);
    for pixel in rgb.chunks_exact(3) {
        rgba.extend_from_slice(pixel);
        rgba.push(255);
    }
    Ok(Bitmap {
        width: scene.width,
        height: scene.height,
        rgba,
    })
}

/// The chart as an SVG document of `width × height` (the scale does not apply). Text
/// stays text, set in the bundled font's family with common fallbacks.
pub fn render_svg(spec: &ChartSpec, options: &RenderOptions) -> Result<String, ChartError> {
    let fonts = checked(spec, options)?;
    let scene = layout(spec, options, fonts, 1);
    paint::svg(&scene)
}

fn checked(spec: &ChartSpec, options: &RenderOptions) -> Result<&'static Fonts, ChartError> {
    spec.validate()?;
    options.validate()?;
    text::fonts().map_err(ChartError::Font)
}

fn rgb_pixels(spec: &ChartSpec, options: &RenderOptions) -> Result<(Scene, Vec<u8>), ChartError> {
    let fonts = checked(spec, options)?;
    let scene = layout(spec, options, fonts, options.scale);
    let rgb = paint::bitmap(&scene, fonts)?;
    Ok((scene, rgb))
}

fn encode_png(rgb: &[u8], width: u32, height: u32, scale: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        // 96 dpi at 1x and 192 at 2x, so a slide places both at the same size.
        let per_meter = 3780 * scale;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_meter,
            yppu: per_meter,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}

/// Lays the chart out at `scale` pixels per point of the requested size.
fn layout(spec: &ChartSpec, options: &RenderOptions, fonts: &Fonts, scale: u32) -> Scene {
    let (width, height) = (options.width * scale, options.height * scale);
    let fit = (options.width as f32 / 1920.0).min(options.height as f32 / 1080.0);
    let palette = Palette::of(options.theme);
    let mut ctx = Ctx {
        fonts,
        palette,
        locale: options.locale,
        u: scale as f32 * fit.clamp(0.5, 2.0),
        shapes: Vec::new(),
    };
    let page = Area {
        x0: ctx.px(size::MARGIN_X),
        y0: ctx.px(size::MARGIN_TOP),
        x1: width as f32 - ctx.px(size::MARGIN_X),
        y1: height as f32 - ctx.px(size::MARGIN_BOTTOM),
    };
    let subtitle = subtitle(spec, options.locale);
    let mut top = ctx.header(&spec.title, Some(&subtitle), page);
    let empty = spec.is_empty();
    let items = legend_items(spec, palette, &ctx);
    if !items.is_empty() && spec.kind != ChartKind::Heatmap && !empty {
        top = ctx.legend(&items, top, page);
    }
    let area = Area {
        y0: top + ctx.px(size::HEADER_GAP),
        ..page
    };
    match spec.kind {
        _ if empty => ctx.empty(area),
        ChartKind::Bar | ChartKind::StackedBar => bars::draw(&mut ctx, spec, area),
        ChartKind::Line => lines::draw(&mut ctx, spec, area),
        ChartKind::Heatmap => heatmap::draw(&mut ctx, spec, area),
        ChartKind::Diverging => diverging::draw(&mut ctx, spec, area),
    }
    Scene {
        width,
        height,
        background: palette.background,
        shapes: ctx.shapes,
    }
}

/// The spec's own subtitle, then its context in the export's language.
fn subtitle(spec: &ChartSpec, locale: Locale) -> String {
    let context = spec.context.as_ref().map(|c| context::subtitle(c, locale));
    let parts = spec.subtitle.iter().cloned().chain(context);
    parts
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(context::SEPARATOR)
}

/// What a diverging chart's colours and whiskers mean; else one entry per series when
/// there are several, then the notes on partial buckets and
/// on small samples when any is drawn.
fn legend_items(spec: &ChartSpec, palette: &Palette, ctx: &Ctx) -> Vec<LegendItem> {
    if spec.kind == ChartKind::Diverging {
        return diverging::legend_items(ctx);
    }
    let line = spec.kind == ChartKind::Line;
    let mut items: Vec<LegendItem> = if spec.series.len() > 1 {
        spec.series
            .iter()
            .enumerate()
            .map(|(i, s)| LegendItem {
                name: s.name.clone(),
                color: palette.series(i),
                line: line.then_some(s.dashed),
                ring: false,
                partial: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    if partial::any(spec) {
        items.push(LegendItem {
            name: partial::note(ctx.locale).to_owned(),
            color: palette.muted_text,
            line: line.then_some(true),
            ring: false,
            partial: true,
        });
    }
    if small::any(spec) {
        items.push(small::legend_item(ctx));
    }
    items
}
