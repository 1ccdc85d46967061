//! How an exported chart looks: theme, language, size. Options come from the web view and
//! the command line, so they are validated before anything is drawn.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ChartError;

/// The smallest and largest side, in pixels before `scale`.
pub const MIN_SIDE: u32 = 320;
pub const MAX_SIDE: u32 = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenderOptions {
    pub theme: Theme,
    /// The language of dates, weekdays, number and duration formats.
    pub locale: Locale,
    /// The slide size in pixels (default 1920×1080); SVG uses it as its size.
    pub width: u32,
    pub height: u32,
    /// 1 or 2: a PNG at 2 has twice the pixels per side, drawn the same (3840×2160).
    pub scale: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
// Named apart from the feedback report's themes in the generated TypeScript.
#[ts(rename = "ChartTheme")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    #[default]
    En,
    Ko,
    Ru,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            theme: Theme::Light,
            locale: Locale::En,
            width: 1920,
            height: 1080,
            scale: 1,
        }
    }
}

impl RenderOptions {
    /// Checks sizes (320..=4096 per side) and the scale (1 or 2).
    pub fn validate(&self) -> Result<(), ChartError> {
        for (side, value) in [("width", self.width), ("height", self.height)] {
            if !(MIN_SIDE..=MAX_SIDE).contains(&value) {
                return Err(ChartError::Size { side, value });
            }
        }
        if !matches!(self.scale, 1 | 2) {
            return Err(ChartError::Scale(self.scale));
        }
        Ok(())
    }

    /// The PNG's size in pixels.
    pub fn pixel_size(&self) -> (u32, u32) {
        (self.width * self.scale, self.height * self.scale)
    }
}

impl Theme {
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.name() == s)
    }

    /// The theme's name on the command line, over IPC and in the web view.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl Locale {
    pub fn parse(s: &str) -> Option<Locale> {
        match s {
            "en" => Some(Locale::En),
            "ko" => Some(Locale::Ko),
            "ru" => Some(Locale::Ru),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_scale_outside_the_limits_are_refused() {
        assert!(RenderOptions::default().validate().is_ok());
        let sized = |width, height, scale| RenderOptions {
            width,
            height,
            scale,
            ..RenderOptions::default()
        };
        assert!(sized(320, 4096, 2).validate().is_ok());
        assert!(matches!(
            sized(319, 1080, 1).validate(),
            Err(ChartError::Size { side: "width", .. })
        ));
        assert!(matches!(
            sized(1920, 5000, 1).validate(),
            Err(ChartError::Size { side: "height", .. })
        ));
        assert!(matches!(
            sized(1920, 1080, 3).validate(),
            Err(ChartError::Scale(3))
        ));
        assert_eq!(sized(1920, 1080, 2).pixel_size(), (3840, 2160));
    }
}
