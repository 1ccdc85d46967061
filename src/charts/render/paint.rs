//! Draws a scene with plotters: into an RGB pixel buffer (text as glyph coverage from
//! `text`) or into an SVG document (text as `<text>` elements).

use plotters::backend::RGBPixel;
use plotters::prelude::{
    BitMapBackend, DrawingBackend, FontDesc, FontFamily, FontStyle, RGBAColor, SVGBackend,
    ShapeStyle,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color;

use super::palette::Rgba;
use super::scene::{Anchor, Scene, Shape, Text};
use super::text::{Fonts, SVG_FAMILY};
use super::ChartError;

/// The scene as RGB pixels, row by row.
pub fn bitmap(scene: &Scene, fonts: &Fonts) -> Result<Vec<u8>, ChartError> {
    let (w, h) = (scene.width, scene.height);
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let mut backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (w, h))
            .map_err(backend_error)?;
        shapes(&mut backend, scene)?;
        backend.present().map_err(backend_error)?;
    }
    for text in scene.texts() {
        fonts.draw(text, &mut rgb, w);
    }
    Ok(rgb)
}

/// The scene as an SVG document of its size.
pub fn svg(scene: &Scene) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut out, (scene.width, scene.height));
        shapes(&mut backend, scene)?;
        for text in scene.texts() {
            svg_text(&mut backend, text)?;
        }
        backend.present().map_err(backend_error)?;
    }
    Ok(out)
}

/// A plotters error, kept as the source of `ChartError::Draw`.
fn backend_error<E: std::error::Error + Send + Sync + 'static>(err: E) -> ChartError {
    ChartError::Draw(Box::new(err))
}

/// Every shape but text, in order, over the background.
fn shapes<DB: DrawingBackend>(backend: &mut DB, scene: &Scene) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let (w, h) = (scene.width as i32, scene.height as i32);
    backend
        .draw_rect((0, 0), (w, h), &style(scene.background, 0.0), true)
        .map_err(backend_error)?;
    for shape in &scene.shapes {
        let drawn = match shape {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                color,
            } => backend.draw_rect(
                (px(*x0), px(*y0)),
                (px(*x1), px(*y1)),
                &style(*color, 0.0),
                true,
            ),
            Shape::Path {
                points,
                width,
                color,
            } => backend.draw_path(points.iter().map(|&p| point(p)), &style(*color, *width)),
            Shape::Polygon { points, color } => {
                backend.fill_polygon(points.iter().map(|&p| point(p)), &style(*color, 0.0))
            }
            Shape::Circle { x, y, r, color } => backend.draw_circle(
                point((*x, *y)),
                r.round().max(1.0) as u32,
                &style(*color, 0.0),
                true,
            ),
            Shape::Text(_) => Ok(()),
        };
        drawn.map_err(backend_error)?;
    }
    Ok(())
}

fn svg_text(backend: &mut SVGBackend<'_>, text: &Text) -> Result<(), ChartError> {
    let weight = if text.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    // plotters writes `font-size` as its size / 1.24 and places a top-anchored line's
    // baseline 0.76 em below `y`.
    let font = FontDesc::new(FontFamily::Name(SVG_FAMILY), svg_size(text.size), weight);
    let h = match text.anchor {
        Anchor::Start => HPos::Left,
        Anchor::Middle => HPos::Center,
        Anchor::End => HPos::Right,
    };
    let style = font.color(&rgba(text.color)).pos(Pos::new(h, VPos::Top));
    let top = text.baseline - 0.76 * text.size;
    backend
        .draw_text(&text.text, &style, point((text.x, top)))
        .map_err(backend_error)
}

/// The size to give plotters so that the font size it writes (its size / 1.24) is
/// `size` to a tenth of a pixel, or a tenth away, without a floating-point tail.
fn svg_size(size: f32) -> f64 {
    let tenths = (f64::from(size) * 10.0).round();
    let exact = |wanted: f64| {
        let first = wanted * 1.24;
        (0..=16)
            .flat_map(|k| [k, -k])
            .map(|k| f64::from_bits(first.to_bits().wrapping_add_signed(k)))
            .find(|s| s / 1.24 == wanted)
    };
    [0.0, 1.0, -1.0, 2.0, -2.0]
        .into_iter()
        .find_map(|d| exact((tenths + d) / 10.0))
        .unwrap_or(tenths / 10.0 * 1.24)
}

fn px(v: f32) -> i32 {
    v.round() as i32
}

fn point((x, y): (f32, f32)) -> (i32, i32) {
    (px(x), px(y))
}

fn rgba(c: Rgba) -> RGBAColor {
    RGBAColor(c.r, c.g, c.b, f64::from(c.a))
}

fn style(c: Rgba, width: f32) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c).to_rgba(),
        filled: true,
        stroke_width: width.round().max(1.0) as u32,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn svg_font_sizes_print_without_a_floating_point_tail() {
        for size in [13.0f32, 22.0, 26.0, 28.0, 46.0, 23.4, 52.0] {
            let written = super::svg_size(size) / 1.24;
            assert!(written.to_string().len() <= 4, "{size} → {written}");
        }
    }
}
