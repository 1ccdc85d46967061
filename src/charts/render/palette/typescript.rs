//! The web view's chart palette as TypeScript, written from the palettes here the way the
//! IPC bindings are: `UPDATE_BINDINGS=1 cargo test --workspace bindings` rewrites
//! `ui/src/lib/theme/palette.ts`, and a test fails when the committed file differs.

use serde::ser::{Serialize, SerializeMap, Serializer};
use ts_rs::{Config, TS};

use super::Palette;
use crate::charts::render::Theme;

const HEADER: &str = "\
// Generated from src/charts/render/palette by `UPDATE_BINDINGS=1 cargo test --workspace
// bindings`; do not edit. The chart exporter draws with the same colours. ECharts draws
// into SVG with explicit colours, so the web view's charts cannot read CSS variables.
";

/// The module: the `ChartPalette` type, and `CHART_PALETTES` by theme name.
pub fn typescript() -> serde_json::Result<String> {
    let config = Config::new();
    let docs = Palette::docs().unwrap_or_default();
    let declaration = Palette::decl(&config);
    let themes = Theme::ALL
        .map(|theme| format!("'{}'", theme.name()))
        .join(" | ");
    let palettes = serde_json::to_string_pretty(&ByTheme)?;
    Ok(format!(
        "{HEADER}\n{docs}export {declaration}\n\n\
         export const CHART_PALETTES: Readonly<Record<{themes}, ChartPalette>> = {palettes};\n"
    ))
}

/// Every theme's palette, keyed by the theme's name.
struct ByTheme;

impl Serialize for ByTheme {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Theme::ALL.len()))?;
        for theme in Theme::ALL {
            map.serialize_entry(theme.name(), Palette::of(theme))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    const COMMITTED: &str = "ui/src/lib/theme/palette.ts";

    #[test]
    fn committed_palette_bindings_match_the_rust_palettes() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMITTED);
        let fresh = super::typescript().expect("palettes are strings keyed by theme names");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("the palette module is written");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed, fresh,
            "{COMMITTED} is out of date: run UPDATE_BINDINGS=1 cargo test --workspace bindings"
        );
    }
}
