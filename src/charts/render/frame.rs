//! What every exported chart has around its plot: margins, the title and subtitle, the
//! legend of its series, and the message of an empty chart. Sizes are in units of a
//! 1920×1080 slide, scaled to the output.

use super::format;
use super::options::Locale;
use super::palette::{Palette, Rgba};
use super::scene::{Anchor, Shape, Text};
use super::text::Fonts;

/// Type sizes and spacing, in slide units.
pub mod size {
    pub const MARGIN_X: f32 = 80.0;
    pub const MARGIN_TOP: f32 = 64.0;
    pub const MARGIN_BOTTOM: f32 = 56.0;
    pub const TITLE: f32 = 46.0;
    pub const SUBTITLE: f32 = 28.0;
    /// A long subtitle (many filters) wraps to at most this many lines.
    pub const SUBTITLE_LINES: usize = 3;
    pub const LEGEND: f32 = 26.0;
    pub const AXIS: f32 = 24.0;
    pub const DATA_LABEL: f32 = 22.0;
    pub const EMPTY: f32 = 34.0;
    /// Between the header (title, subtitle, legend) and the plot.
    pub const HEADER_GAP: f32 = 44.0;
    pub const LINE_WIDTH: f32 = 4.0;
    pub const GRID_WIDTH: f32 = 1.5;
}

/// The drawing state of one chart: fonts, colours, language, the unit size and the
/// shapes so far.
pub struct Ctx<'a> {
    pub fonts: &'a Fonts,
    pub palette: &'static Palette,
    pub locale: Locale,
    /// Pixels per slide unit.
    pub u: f32,
    pub shapes: Vec<Shape>,
}

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Area {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
}

/// One entry of the legend.
pub struct LegendItem {
    pub name: String,
    pub color: Rgba,
    /// Drawn as a line sample (dashed or not) rather than a square.
    pub line: Option<bool>,
    /// Drawn as the small-sample ring (`small::ring`) rather than a square.
    pub ring: bool,
    /// The note on partial buckets: a hollow point on the line, a faded square.
    pub partial: bool,
}

impl Ctx<'_> {
    /// Slide units to pixels.
    pub fn px(&self, units: f32) -> f32 {
        units * self.u
    }

    /// Text width in pixels at `size` slide units.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.fonts.width(text, self.px(size), bold)
    }

    pub fn fit(&self, text: &str, size: f32, bold: bool, max_width: f32) -> String {
        self.fonts.fit(text, self.px(size), bold, max_width)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        text: impl Into<String>,
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        anchor: Anchor,
        color: Rgba,
    ) {
        let text = text.into();
        if text.is_empty() {
            return;
        }
        self.shapes.push(Shape::Text(Text {
            text,
            x,
            baseline,
            size: self.px(size),
            bold,
            anchor,
            color,
        }));
    }

    pub fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgba) {
        self.shapes.push(Shape::Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
            color,
        });
    }

    /// A horizontal or vertical rule `width` slide units thick.
    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgba) {
        let half = self.px(width) / 2.0;
        if from.1 == to.1 {
            self.rect(from.0, from.1 - half, to.0, from.1 + half, color);
        } else {
            self.rect(from.0 - half, from.1, from.0 + half, to.1, color);
        }
    }

    /// Title and subtitle (wrapped) at the top; returns where the content below them starts.
    pub fn header(&mut self, title: &str, subtitle: Option<&str>, area: Area) -> f32 {
        let palette = self.palette;
        let mut y = area.y0;
        let title = self.fit(title, size::TITLE, true, area.width());
        y += self.px(size::TITLE * 0.92);
        self.text(
            title,
            area.x0,
            y,
            size::TITLE,
            true,
            Anchor::Start,
            palette.text,
        );
        let subtitle = subtitle.filter(|s| !s.trim().is_empty()).unwrap_or("");
        let lines = self.fonts.wrap(
            subtitle,
            self.px(size::SUBTITLE),
            false,
            area.width(),
            size::SUBTITLE_LINES,
        );
        for (i, line) in lines.into_iter().enumerate() {
            let leading = if i == 0 { 1.6 } else { 1.3 };
            y += self.px(size::SUBTITLE * leading);
            let color = palette.muted_text;
            self.text(
                line,
                area.x0,
                y,
                size::SUBTITLE,
                false,
                Anchor::Start,
                color,
            );
        }
        y + self.px(size::TITLE * 0.2)
    }

    /// The legend in rows below `top`, wrapping at the area's width; returns its bottom.
    pub fn legend(&mut self, items: &[LegendItem], top: f32, area: Area) -> f32 {
        let palette = self.palette;
        let (swatch, gap, row) = (self.px(22.0), self.px(12.0), self.px(size::LEGEND * 1.6));
        let sample = self.px(36.0);
        let spacing = self.px(36.0);
        let max_name = area.width() / 3.0;
        let mut x = area.x0;
        let mut baseline = top + self.px(28.0) + self.px(size::LEGEND * 0.9);
        for item in items {
            let name = self.fit(&item.name, size::LEGEND, false, max_name);
            let mark = if item.line.is_some() { sample } else { swatch };
            let width = mark + gap + self.width(&name, size::LEGEND, false);
            if x > area.x0 && x + width > area.x1 {
                x = area.x0;
                baseline += row;
            }
            let middle = baseline - self.px(size::LEGEND * 0.35);
            match item.line {
                _ if item.ring => {
                    super::small::ring(self, x + swatch / 2.0, middle, item.color);
                }
                Some(dashed) => {
                    let w = self.px(size::LINE_WIDTH);
                    let points = vec![(x, middle), (x + sample, middle)];
                    let pieces = if dashed {
                        super::scene::dashes(&points, self.px(10.0), self.px(6.0))
                    } else {
                        vec![points]
                    };
                    for points in pieces {
                        self.shapes.push(Shape::Path {
                            points,
                            width: w,
                            color: item.color,
                        });
                    }
                    if item.partial {
                        super::partial::hollow_point(self, (x + sample / 2.0, middle), item.color);
                    }
                }
                None => {
                    let half = swatch / 2.0;
                    let corners = (x, middle - half, x + swatch, middle + half);
                    let fill = if item.partial {
                        super::partial::fill(self, item.color)
                    } else {
                        item.color
                    };
                    self.rect(corners.0, corners.1, corners.2, corners.3, fill);
                    if item.partial {
                        super::partial::outline(self, corners, item.color);
                    }
                }
            }
            let color = palette.muted_text;
            let at = x + mark + gap;
            self.text(
                name,
                at,
                baseline,
                size::LEGEND,
                false,
                Anchor::Start,
                color,
            );
            x += width + spacing;
        }
        baseline + self.px(size::LEGEND * 0.3)
    }

    /// The message of a chart with nothing to draw, centred in `area`.
    pub fn empty(&mut self, area: Area) {
        let message = format::empty_message(self.locale);
        let (x, y) = ((area.x0 + area.x1) / 2.0, (area.y0 + area.y1) / 2.0);
        let color = self.palette.muted_text;
        self.text(message, x, y, size::EMPTY, false, Anchor::Middle, color);
    }
}
