//! Chart colours per theme, defined once: the exporter draws with them, and the web view's
//! palette (`ui/src/lib/theme/palette.ts`) is generated from them, so an exported chart has
//! the colours of the one on screen. The backgrounds follow the design tokens
//! (`ui/src/styles/tokens.css`): white in the light theme, the dark theme's `--bg`.

mod typescript;

use std::fmt;

use serde::{Serialize, Serializer};
use ts_rs::{Config, TS};

use super::options::Theme;

pub use typescript::typescript;

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

/// CSS hex notation: `#rrggbb`, or `#rrggbbaa` when not opaque.
impl fmt::Display for Rgba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)?;
        if self.a < 1.0 {
            write!(f, "{:02x}", (self.a.clamp(0.0, 1.0) * 255.0).round() as u8)?;
        }
        Ok(())
    }
}

/// A colour reaches the web view as the CSS string ECharts takes.
impl Serialize for Rgba {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl TS for Rgba {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name(_: &Config) -> String {
        "string".to_owned()
    }

    fn inline(config: &Config) -> String {
        Self::name(config)
    }
}

/// The colours of a theme's charts.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ChartPalette")]
pub struct Palette {
    /// Tickets created: the first series, and the full end of the heatmap's scale.
    pub created: Rgba,
    /// Tickets solved: the second series.
    pub solved: Rgba,
    /// First reply time: the third series.
    pub first_reply: Rgba,
    pub text: Rgba,
    pub muted_text: Rgba,
    pub grid_line: Rgba,
    pub axis_line: Rgba,
    /// Tooltips are drawn in the web view only.
    pub tooltip_background: Rgba,
    pub tooltip_border: Rgba,
    /// The chart's background (heatmap cell gaps, exported images).
    pub background: Rgba,
    /// The empty end of the heatmap's scale (its full end is `created`).
    pub heat_low: Rgba,
    /// A difference for the better (a driver whose CSAT is above the rest's), as the
    /// design tokens' `--good`.
    pub better: Rgba,
    /// A difference for the worse, as the design tokens' `--bad`.
    pub worse: Rgba,
    /// Colours of a chart's categorical series, in order.
    #[ts(type = "readonly string[]")]
    pub series: [Rgba; 10],
}

const LIGHT_SERIES: [Rgba; 10] = [
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
];

const LIGHT: Palette = Palette {
    created: LIGHT_SERIES[0],
    solved: LIGHT_SERIES[1],
    first_reply: LIGHT_SERIES[2],
    text: Rgba::hex(0x1b1f24),
    muted_text: Rgba::hex(0x5b6472),
    grid_line: Rgba::hex(0xe9ecf1),
    axis_line: Rgba::hex(0xcfd5de),
    tooltip_background: Rgba::hex(0xffffff),
    tooltip_border: Rgba::hex(0xdfe3ea),
    background: Rgba::hex(0xffffff),
    heat_low: Rgba::hex(0xeef2ff),
    better: Rgba::hex(0x1a7a49),
    worse: Rgba::hex(0xc62828),
    series: LIGHT_SERIES,
};

const DARK_SERIES: [Rgba; 10] = [
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
];

const DARK: Palette = Palette {
    created: DARK_SERIES[0],
    solved: DARK_SERIES[1],
    first_reply: DARK_SERIES[2],
    text: Rgba::hex(0xe6e8ec),
    muted_text: Rgba::hex(0x9aa3b2),
    grid_line: Rgba::hex(0x262b35),
    axis_line: Rgba::hex(0x3a414e),
    tooltip_background: Rgba::hex(0x1e222b),
    tooltip_border: Rgba::hex(0x333a47),
    background: Rgba::hex(0x0f1115),
    heat_low: Rgba::hex(0x232838),
    better: Rgba::hex(0x4cc38a),
    worse: Rgba::hex(0xff7b72),
    series: DARK_SERIES,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_print_as_css_hex() {
        assert_eq!(Rgba::hex(0x4c6ef5).to_string(), "#4c6ef5");
        assert_eq!(Rgba::hex(0x000000).alpha(0.5).to_string(), "#00000080");
    }
}
