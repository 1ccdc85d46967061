//! A chart as an image: the very spec a screen drew, rendered as PNG or SVG for a file or
//! as a bitmap for the clipboard, after checking its shape, sizes and texts.

use std::path::Path;

use serde::Deserialize;
use ts_rs::TS;

use super::limits::check_chart;
use super::AppError;
use crate::charts::{self, Bitmap, ChartError, ChartSpec, RenderOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    /// The format a file name asks for by its extension, if it is one.
    pub fn of_path(path: &Path) -> Option<ImageFormat> {
        let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(ImageFormat::Png),
            "svg" => Some(ImageFormat::Svg),
            _ => None,
        }
    }
}

/// The chart as a file's bytes.
pub fn render(
    spec: &ChartSpec,
    options: &RenderOptions,
    format: ImageFormat,
) -> Result<Vec<u8>, AppError> {
    check(spec, options)?;
    Ok(match format {
        ImageFormat::Png => charts::render_png(spec, options)?,
        ImageFormat::Svg => charts::render_svg(spec, options)?.into_bytes(),
    })
}

/// The chart as a PNG-quality bitmap, for the clipboard.
pub fn bitmap(spec: &ChartSpec, options: &RenderOptions) -> Result<Bitmap, AppError> {
    check(spec, options)?;
    Ok(charts::render_bitmap(spec, options)?)
}

/// The spec's shape and numbers, the options' sizes, and the length of every text.
fn check(spec: &ChartSpec, options: &RenderOptions) -> Result<(), AppError> {
    spec.validate().map_err(ChartError::from)?;
    options.validate()?;
    check_chart(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::limits::MAX_TEXT;
    use crate::app::testing::{bar_chart, refused};

    fn spec() -> ChartSpec {
        bar_chart(&[("email", 10.0), ("chat", 4.0)])
    }

    #[test]
    fn charts_render_in_both_formats() {
        let options = RenderOptions::default();
        let png = render(&spec(), &options, ImageFormat::Png).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let svg = render(&spec(), &options, ImageFormat::Svg).unwrap();
        assert!(String::from_utf8(svg).unwrap().contains("Tickets created"));
    }

    #[test]
    fn bad_specs_options_and_oversized_texts_are_invalid_input() {
        let options = RenderOptions::default();
        let mut short = spec();
        short.series[0].values.pop();
        assert!(refused(check(&short, &options)).contains("one value per category"));
        let mut nan = spec();
        nan.series[0].values[0] = Some(f64::INFINITY);
        assert!(refused(check(&nan, &options)).contains("finite"));
        let huge = RenderOptions {
            scale: 4,
            ..options
        };
        assert!(refused(check(&spec(), &huge)).contains("scale"));
        let mut long = spec();
        long.x.labels[0] = "x".repeat(MAX_TEXT + 1);
        assert!(refused(check(&long, &options)).contains("too long"));
    }

    #[test]
    fn the_file_name_picks_the_format() {
        assert_eq!(
            ImageFormat::of_path(Path::new("a/b.PNG")),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::of_path(Path::new("b.svg")),
            Some(ImageFormat::Svg)
        );
        assert_eq!(ImageFormat::of_path(Path::new("b.jpg")), None);
        assert_eq!(ImageFormat::of_path(Path::new("b")), None);
    }
}
