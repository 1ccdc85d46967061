//! Colours per theme: the same hex values as the web view's chart palette
//! (`ui/src/lib/theme/palette.ts`) and backgrounds from its design tokens
//! (`ui/src/styles/tokens.css`: the light chart surface, the dark theme's `--bg`).

use super::options::Theme;

/// An sRGB colour with straight alpha.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f32,
}

impl Rgba {
    pub const fn hex(rgb: u32) -> Rgba {
        Rgba {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 1.0,
        }
    }

    pub fn alpha(self, a: f32) -> Rgba {
        Rgba { a, ..self }
    }

    /// `t` of the way from `self` to `other` (0..1).
    pub fn mix(self, other: Rgba, t: f32) -> Rgba {
        let t = t.clamp(0.0, 1.0);
        let channel =
            |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Rgba {
            r: channel(self.r, other.r),
            g: channel(self.g, other.g),
            b: channel(self.b, other.b),
            a: self.a + (other.a - self.a) * t,
        }
    }
}

pub struct Palette {
    pub background: Rgba,
    pub text: Rgba,
    pub muted_text: Rgba,
    pub grid_line: Rgba,
    pub axis_line: Rgba,
    /// The low end of the heatmap's scale; its high end is `series[0]`.
    pub heat_low: Rgba,
    /// Categorical series colours, in order.
    pub series: [Rgba; 10],
}

const LIGHT: Palette = Palette {
    background: Rgba::hex(0xffffff),
    text: Rgba::hex(0x1b1f24),
    muted_text: Rgba::hex(0x5b6472),
    grid_line: Rgba::hex(0xe9ecf1),
    axis_line: Rgba::hex(0xcfd5de),
    heat_low: Rgba::hex(0xeef1fe),
    series: [
        Rgba::hex(0x4c6ef5),
        Rgba::hex(0x12b886),
        Rgba::hex(0xf08c00),
        Rgba::hex(0xe64980),
        Rgba::hex(0x7950f2),
        Rgba::hex(0x1098ad),
        Rgba::hex(0x82c91e),
        Rgba::hex(0xfa5252),
        Rgba::hex(0x868e96),
        Rgba::hex(0xb08d57),
    ],
};

const DARK: Palette = Palette {
    background: Rgba::hex(0x0f1115),
    text: Rgba::hex(0xe6e8ec),
    muted_text: Rgba::hex(0x9aa3b2),
    grid_line: Rgba::hex(0x262b35),
    axis_line: Rgba::hex(0x3a414e),
    heat_low: Rgba::hex(0x1b2030),
    series: [
        Rgba::hex(0x7c9cff),
        Rgba::hex(0x38d9a9),
        Rgba::hex(0xffc04d),
        Rgba::hex(0xf783ac),
        Rgba::hex(0xb197fc),
        Rgba::hex(0x3bc9db),
        Rgba::hex(0xa9e34b),
        Rgba::hex(0xff8787),
        Rgba::hex(0xadb5bd),
        Rgba::hex(0xd8b98a),
    ],
};

impl Palette {
    pub fn of(theme: Theme) -> &'static Palette {
        match theme {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }

    /// The colour of series `i`, cycling after ten.
    pub fn series(&self, i: usize) -> Rgba {
        self.series[i % self.series.len()]
    }
}
