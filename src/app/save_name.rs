//! The file name a save offers: what a screen suggests (a chart's title, a report's
//! name) made safe to be a name in any folder, with its extension.

use std::path::PathBuf;

use super::image::ImageFormat;
use crate::export::ExportFormat;

/// A type of file a save offers.
pub trait FileType {
    /// Shown in a save dialog's list of types, e.g. "PNG image".
    fn label(&self) -> &'static str;
    fn extension(&self) -> &'static str;
}

impl FileType for ExportFormat {
    fn label(&self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV table",
            ExportFormat::Xlsx => "Excel workbook",
            ExportFormat::Parquet => "Parquet table",
        }
    }

    fn extension(&self) -> &'static str {
        ExportFormat::extension(*self)
    }
}

impl FileType for ImageFormat {
    fn label(&self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG image",
            ImageFormat::Svg => "SVG image",
        }
    }

    fn extension(&self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// A safe file name: no path separators or control characters, no dots or dashes at
/// either end (`../..` is no name), at most 120 characters, with the extension.
pub fn file_name(suggested: &str, extension: &str) -> String {
    let cleaned: String = suggested
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(120)
        .collect();
    let stem = cleaned.trim().trim_matches('.');
    // Nothing but dots and separators ("../..") names nothing.
    let stem = if stem.chars().any(char::is_alphanumeric) {
        stem
    } else {
        "deskbench"
    };
    format!("{stem}.{extension}")
}

/// Adds the extension when the user typed a name without it.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    let has_it = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has_it {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names_become_safe_file_names() {
        assert_eq!(
            file_name("First reply / week", "png"),
            "First reply - week.png"
        );
        assert_eq!(file_name("../..", "csv"), "deskbench.csv");
        assert_eq!(file_name("Время ответа", "svg"), "Время ответа.svg");
        assert_eq!(file_name(&"x".repeat(500), "csv").len(), 124);
    }

    #[test]
    fn a_missing_extension_is_added_once() {
        assert_eq!(
            with_extension("a/b".into(), "png"),
            PathBuf::from("a/b.png")
        );
        assert_eq!(
            with_extension("a/b.PNG".into(), "png"),
            PathBuf::from("a/b.PNG")
        );
        assert_eq!(
            with_extension("a/b.v2".into(), "csv"),
            PathBuf::from("a/b.v2.csv")
        );
    }

    #[test]
    fn every_format_offers_its_label_and_the_extension_its_files_end_in() {
        for format in ExportFormat::ALL {
            assert_eq!(FileType::extension(&format), format.extension());
            assert!(!format.label().is_empty());
        }
        for format in [ImageFormat::Png, ImageFormat::Svg] {
            let name = PathBuf::from(file_name("chart", format.extension()));
            assert_eq!(
                ImageFormat::of_path(&name),
                Some(format),
                "{}",
                format.label()
            );
        }
    }
}
