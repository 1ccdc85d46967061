//! Chart export: a chart the web view shows, saved as PNG or SVG where the user chooses,
//! or put on the clipboard as an image. The core renders the very spec the view drew,
//! on a blocking thread.

use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use ts_rs::TS;

use deskbench::charts::{self, ChartSpec, RenderOptions};

use super::blocking;
use super::save_dialog::{ask_save_path, FileKind};
use crate::error::IpcError;

/// Far above any real chart's texts, low enough that a faulty caller cannot make the
/// renderer measure megabytes of text.
const MAX_TEXT: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Png,
    Svg,
}

/// Renders the chart and saves it where the user chooses (the folder of the previous
/// export first); the saved path, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_chart<R: Runtime>(
    spec: ChartSpec,
    options: RenderOptions,
    format: ImageFormat,
    suggested_name: String,
    app: AppHandle<R>,
) -> Result<Option<String>, IpcError> {
    check(&spec, &options)?;
    check_text(&suggested_name)?;
    blocking(move || {
        let bytes = render(&spec, &options, format)?;
        let kind = match format {
            ImageFormat::Png => FileKind {
                label: "PNG image",
                extension: "png",
            },
            ImageFormat::Svg => FileKind {
                label: "SVG image",
                extension: "svg",
            },
        };
        let Some(path) = ask_save_path(&app, &suggested_name, &kind)? else {
            return Ok(None);
        };
        // Through a temporary file, as data exports: a failed write keeps an older file.
        deskbench::export::write_file(&path, &bytes)?;
        Ok(Some(path.to_string_lossy().into_owned()))
    })
    .await
}

/// Renders the chart as a PNG-quality bitmap and puts it on the clipboard as an image.
#[tauri::command]
pub async fn copy_chart<R: Runtime>(
    spec: ChartSpec,
    options: RenderOptions,
    app: AppHandle<R>,
) -> Result<(), IpcError> {
    check(&spec, &options)?;
    blocking(move || {
        let bitmap = charts::render_bitmap(&spec, &options)?;
        let image = tauri::image::Image::new(&bitmap.rgba, bitmap.width, bitmap.height);
        app.clipboard()
            .write_image(&image)
            .map_err(|err| IpcError::internal(format!("could not copy the chart: {err}")))
    })
    .await
}

fn render(
    spec: &ChartSpec,
    options: &RenderOptions,
    format: ImageFormat,
) -> Result<Vec<u8>, IpcError> {
    Ok(match format {
        ImageFormat::Png => charts::render_png(spec, options)?,
        ImageFormat::Svg => charts::render_svg(spec, options)?.into_bytes(),
    })
}

/// The spec's shape and numbers, the options' sizes, and the length of every text.
fn check(spec: &ChartSpec, options: &RenderOptions) -> Result<(), IpcError> {
    spec.validate().map_err(charts::ChartError::from)?;
    options.validate()?;
    let texts = [&spec.title]
        .into_iter()
        .chain(&spec.subtitle)
        .chain(&spec.x.labels)
        .chain(spec.series.iter().map(|s| &s.name));
    texts.into_iter().try_for_each(|t| check_text(t))
}

fn check_text(text: &str) -> Result<(), IpcError> {
    if text.chars().count() <= MAX_TEXT {
        return Ok(());
    }
    let start: String = text.chars().take(40).collect();
    Err(IpcError::invalid_input(format!(
        "{start:?}… is too long: a chart's text has at most {MAX_TEXT} characters"
    )))
}

#[cfg(test)]
mod tests {
    use deskbench::charts::{ChartKind, ChartSeries, Unit, XAxis, XKind};

    use super::*;
    use crate::error::ErrorCode;

    fn spec() -> ChartSpec {
        ChartSpec {
            kind: ChartKind::Bar,
            title: "Tickets created".into(),
            subtitle: None,
            x: XAxis {
                kind: XKind::Text,
                labels: vec!["email".into(), "chat".into()],
                keys: None,
            },
            unit: Unit::Count,
            series: vec![ChartSeries {
                name: "All tickets".into(),
                values: vec![Some(10.0), Some(4.0)],
                samples: None,
                band: None,
                group: None,
                dashed: false,
            }],
        }
    }

    fn refused(result: Result<impl std::fmt::Debug, IpcError>) -> String {
        let err = result.expect_err("the input is refused");
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        err.message
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
        assert!(refused(check_text(&"y".repeat(MAX_TEXT + 1))).contains("too long"));
    }
}
