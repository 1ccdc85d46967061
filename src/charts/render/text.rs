//! Text of exported charts: the bundled NanumGothic (Latin, Cyrillic, Hangul; OFL, see
//! `assets/fonts/README.md`) measured and laid out here with kerning and each glyph's
//! side bearings, and drawn as coverage onto the PNG's pixels. plotters' own text drops
//! left side bearings, which spaces letters unevenly; SVG writes `<text>` and measures
//! with this layout.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};

use super::palette::Rgba;
use super::scene::{Anchor, Text};
use crate::charts::context::SEPARATOR;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NanumGothic.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/NanumGothicBold.ttf");

/// The SVG's font list: the bundled font first, then look-alikes a viewer may have.
pub const SVG_FAMILY: &str = "NanumGothic, 'Nanum Gothic', 'Noto Sans', 'Noto Sans KR', \
                              'Malgun Gothic', 'Segoe UI', Arial, sans-serif";

pub struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// The bundled fonts, parsed once (their tables are read-only).
pub fn fonts() -> Result<&'static Fonts, ab_glyph::InvalidFont> {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    if let Some(fonts) = FONTS.get() {
        return Ok(fonts);
    }
    let fonts = Fonts {
        regular: FontRef::try_from_slice(REGULAR)?,
        bold: FontRef::try_from_slice(BOLD)?,
    };
    Ok(FONTS.get_or_init(|| fonts))
}

/// A glyph placed on a line whose origin is (0, baseline 0).
struct Placed {
    id: GlyphId,
    x: f32,
}

impl Fonts {
    fn font(&self, bold: bool) -> &FontRef<'static> {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// The scale at which the em square is `size` pixels, as CSS and SVG size fonts.
    fn scale(font: &FontRef<'static>, size: f32) -> PxScale {
        let em = font.units_per_em().unwrap_or(1000.0);
        PxScale::from(size * font.height_unscaled() / em)
    }

    /// Glyphs with their pen positions, and the line's advance width.
    fn layout(&self, text: &str, size: f32, bold: bool) -> (Vec<Placed>, f32) {
        let font = self.font(bold);
        let scaled = font.as_scaled(Fonts::scale(font, size));
        let space = scaled.h_advance(font.glyph_id(' '));
        let mut placed = Vec::with_capacity(text.len());
        let mut caret = 0.0f32;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = font.glyph_id(substitute(c));
            if id.0 == 0 && c.is_whitespace() {
                // A space the font lacks (thin, narrow no-break): a narrow gap.
                caret += space * 0.6;
                previous = None;
                continue;
            }
            if let Some(prev) = previous {
                caret += scaled.kern(prev, id);
            }
            placed.push(Placed { id, x: caret });
            caret += scaled.h_advance(id);
            previous = Some(id);
        }
        (placed, caret)
    }

    /// The advance width of `text` in pixels.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.layout(text, size, bold).1
    }

    /// `text`, cut with an ellipsis to fit `max_width` pixels.
    pub fn fit(&self, text: &str, size: f32, bold: bool, max_width: f32) -> String {
        if self.width(text, size, bold) <= max_width {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().collect::<String>() + "…";
            if self.width(&candidate, size, bold) <= max_width {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let kept: String = chars[..lo].iter().collect();
        if kept.trim().is_empty() {
            return String::new();
        }
        format!("{}…", kept.trim_end())
    }

    /// `text` broken into lines of at most `max_width` pixels: between its ` · ` parts
    /// where a part fits on a line, else between words; past `max_lines`, the last line
    /// is cut with an ellipsis. A word wider than a line is cut.
    pub fn wrap(
        &self,
        text: &str,
        size: f32,
        bold: bool,
        max_width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let fits = |line: &str| self.width(line, size, bold) <= max_width;
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for part in text.split(SEPARATOR).filter(|p| !p.trim().is_empty()) {
            let longer = joined(&current, SEPARATOR, part);
            if fits(&longer) {
                current = longer;
                continue;
            }
            if fits(part) {
                lines.push(std::mem::replace(&mut current, part.to_owned()));
                continue;
            }
            // A part too wide for a line of its own continues this one, word by word.
            let mut gap = SEPARATOR;
            for word in part.split(' ').filter(|w| !w.is_empty()) {
                let candidate = joined(&current, gap, word);
                if current.is_empty() || fits(&candidate) {
                    current = candidate;
                } else {
                    lines.push(std::mem::replace(&mut current, word.to_owned()));
                }
                gap = " ";
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        let most = max_lines.max(1);
        if lines.len() > most {
            let rest = lines.split_off(most - 1).join(" ");
            // Always cut: something is left out after it.
            let cut = self.fit(&format!("{rest} …"), size, bold, max_width);
            lines.push(if cut.ends_with('…') {
                cut
            } else {
                format!("{rest}…")
            });
        }
        lines
            .into_iter()
            .map(|line| self.fit(&line, size, bold, max_width))
            .collect()
    }

    /// Draws `text` onto an RGB image `width` pixels wide, blending each pixel's coverage.
    pub fn draw(&self, text: &Text, rgb: &mut [u8], width: u32) {
        let height = rgb.len() / (width as usize * 3).max(1);
        let font = self.font(text.bold);
        let scale = Fonts::scale(font, text.size);
        let (placed, advance) = self.layout(&text.text, text.size, text.bold);
        let start = match text.anchor {
            Anchor::Start => text.x,
            Anchor::Middle => text.x - advance / 2.0,
            Anchor::End => text.x - advance,
        };
        for glyph in placed {
            let positioned = glyph
                .id
                .with_scale_and_position(scale, ab_glyph::point(start + glyph.x, text.baseline));
            let Some(outline) = font.outline_glyph(positioned) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let x = bounds.min.x as i64 + i64::from(gx);
                let y = bounds.min.y as i64 + i64::from(gy);
                if x < 0 || y < 0 || x >= i64::from(width) || y >= height as i64 {
                    return;
                }
                let at = (y as usize * width as usize + x as usize) * 3;
                blend(&mut rgb[at..at + 3], text.color, coverage);
            });
        }
    }
}

/// `line` and `word` with `gap` between them, or `word` alone on an empty line.
fn joined(line: &str, gap: &str, word: &str) -> String {
    if line.is_empty() {
        word.to_owned()
    } else {
        format!("{line}{gap}{word}")
    }
}

/// Characters the font draws under another code point.
fn substitute(c: char) -> char {
    match c {
        '\u{2212}' => '-',
        other => other,
    }
}

fn blend(pixel: &mut [u8], color: Rgba, coverage: f32) {
    let a = (coverage.clamp(0.0, 1.0) * color.a).clamp(0.0, 1.0);
    let mix =
        |dst: u8, src: u8| (f32::from(dst) + (f32::from(src) - f32::from(dst)) * a).round() as u8;
    pixel[0] = mix(pixel[0], color.r);
    pixel[1] = mix(pixel[1], color.g);
    pixel[2] = mix(pixel[2], color.b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_covers_every_script_and_sign_the_charts_write() {
        let fonts = fonts().expect("the bundled fonts parse");
        let needed = "Aa1,.%<–—…Ёё Удовлетворённость 고객 만족도 월화수목금토일 янв.";
        for bold in [false, true] {
            for c in needed.chars().filter(|c| !c.is_whitespace()) {
                assert_ne!(
                    fonts.font(bold).glyph_id(c).0,
                    0,
                    "{c:?} has a glyph (bold: {bold})"
                );
            }
        }
    }

    #[test]
    fn widths_grow_with_text_and_size_and_fit_cuts_with_an_ellipsis() {
        let fonts = fonts().unwrap();
        let short = fonts.width("Backlog", 24.0, false);
        assert!(short > 40.0 && short < 120.0, "{short}");
        assert!(fonts.width("Backlog", 48.0, false) > 1.9 * short);
        assert!(fonts.width("Backlog", 24.0, true) >= short);
        let cut = fonts.fit("Время первого ответа (медиана)", 24.0, false, 150.0);
        assert!(
            cut.ends_with('…') && fonts.width(&cut, 24.0, false) <= 150.0,
            "{cut}"
        );
        assert_eq!(fonts.fit("Short", 24.0, false, 500.0), "Short");
    }

    #[test]
    fn wrapping_breaks_between_parts_then_words_and_cuts_the_last_line_it_may_draw() {
        let fonts = fonts().unwrap();
        let text = "Nov 10 – Dec 7, 2026 · UTC · Calendar hours · Channel: Email; Assignee: \
                    Dana Kim; Tag: billing, refund +3 more · n = 505";
        let lines = fonts.wrap(text, 24.0, false, 400.0, 5);
        assert!(lines.len() > 2, "{lines:?}");
        for part in ["Nov 10 – Dec 7, 2026", "Calendar hours", "n = 505"] {
            let whole = lines.iter().any(|l| l.contains(part));
            assert!(
                whole,
                "a part that fits is never split: {part} in {lines:?}"
            );
        }
        // A line break stands in for the separator it replaces.
        let words = |t: &str| {
            let words = t.split_whitespace().filter(|w| *w != "·");
            words.map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(
            words(&lines.join(" ")),
            words(text),
            "every word kept, in order"
        );
        assert!(lines.iter().all(|l| fonts.width(l, 24.0, false) <= 400.0));
        let two = fonts.wrap(text, 24.0, false, 400.0, 2);
        assert_eq!(two.len(), 2);
        assert!(two[1].ends_with('…'), "{two:?}");
        assert!(fonts.width(&two[1], 24.0, false) <= 400.0);
        assert_eq!(
            fonts.wrap("Короткий · 한글", 24.0, false, 400.0, 3),
            ["Короткий · 한글"]
        );
    }

    #[test]
    fn text_is_drawn_as_coverage_in_its_colour() {
        let fonts = fonts().unwrap();
        let (w, h) = (200u32, 60u32);
        let mut rgb = vec![255u8; (w * h * 3) as usize];
        let text = Text {
            text: "Ж한".into(),
            x: 10.0,
            baseline: 45.0,
            size: 40.0,
            bold: false,
            anchor: Anchor::Start,
            color: Rgba::hex(0x000000),
        };
        fonts.draw(&text, &mut rgb, w);
        let dark = rgb.chunks(3).filter(|p| p[0] < 64).count();
        assert!(dark > 200, "glyphs cover pixels: {dark}");
    }
}
