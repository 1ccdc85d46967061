//! XLSX: the data on a sheet with a bold, frozen header row, an autofilter, column widths
//! from the data, and real number, date and duration cells with their formats; the
//! table's context on a second sheet ("About"). Text is always a
//! string cell (never a formula); text that looks like one also gets Excel's quote
//! prefix, so editing the cell keeps it text. Rows stream to a temporary file (one row
//! in memory), so a long ticket list costs little memory.

use std::fs::File;

use chrono::{NaiveDate, Offset, TimeZone};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::csv_file::looks_like_formula;
use super::table::{About, Cell, Column, ColumnKind, Row};

/// Data rows an Excel sheet holds under its header row.
pub const MAX_ROWS: u64 = 1_048_575;
/// The longest text an Excel cell holds.
const MAX_TEXT_CHARS: usize = 32_767;
/// Rows measured for column widths.
const WIDTH_SAMPLE_ROWS: u32 = 2_000;

pub(crate) struct XlsxFile {
    workbook: Workbook,
    kinds: Vec<ColumnKind>,
    formats: Vec<Format>,
    quoted: Format,
    widths: Vec<usize>,
    next_row: u32,
}

impl XlsxFile {
    pub(crate) fn create(
        title: &str,
        columns: &[Column],
        about: Option<&About>,
    ) -> Result<XlsxFile, XlsxError> {
        let mut workbook = Workbook::new();
        // Level 3, as Excel itself saves: much faster than the default for a few % size.
        workbook.set_zip_compression_level(3);
        let sheet = workbook.add_worksheet_with_low_memory()?;
        let data_name = sheet_name(title);
        if sheet.set_name(&data_name).is_err() {
            sheet.set_name("Data")?;
        }
        let header = Format::new().set_bold().set_align(FormatAlign::Left);
        for (i, column) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, col(i), &column.name, &header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        if let Some(about) = about.filter(|a| !a.lines.is_empty()) {
            write_about(workbook.add_worksheet(), about, &data_name, &header)?;
        }
        Ok(XlsxFile {
            workbook,
            kinds: columns.iter().map(|c| c.kind).collect(),
            formats: columns.iter().map(|c| format_of(c.kind)).collect(),
            quoted: Format::new().set_quote_prefix(),
            // Room for the name and the filter button.
            widths: columns.iter().map(|c| c.name.chars().count() + 3).collect(),
            next_row: 1,
        })
    }

    pub(crate) fn write(&mut self, rows: &[Row]) -> Result<(), XlsxError> {
        let sheet = self.workbook.worksheet_from_index(0)?;
        for row in rows {
            let r = self.next_row;
            for (i, (cell, kind)) in row.iter().zip(&self.kinds).enumerate() {
                let (c, format) = (col(i), &self.formats[i]);
                match cell {
                    Cell::Null => {}
                    Cell::Text(text) => write_text(sheet, r, c, text, &self.quoted)?,
                    Cell::Integer(v) => {
                        sheet.write_number_with_format(r, c, *v as f64, format)?;
                    }
                    Cell::Number(v) => {
                        let v = if *kind == ColumnKind::Minutes {
                            v / 1440.0
                        } else {
                            *v
                        };
                        sheet.write_number_with_format(r, c, v, format)?;
                    }
                    Cell::Date(d) => {
                        sheet.write_number_with_format(r, c, serial_of_date(*d), format)?;
                    }
                    Cell::Time(t) => {
                        if let ColumnKind::DateTime(tz) = kind {
                            sheet.write_number_with_format(
                                r,
                                c,
                                serial_of_time(*t, *tz),
                                format,
                            )?;
                        }
                    }
                }
                if r <= WIDTH_SAMPLE_ROWS {
                    self.widths[i] = self.widths[i].max(width_of(cell, *kind));
                }
            }
            self.next_row += 1;
        }
        Ok(())
    }

    pub(crate) fn finish(mut self, file: &File) -> Result<(), XlsxError> {
        let last_row = self.next_row - 1;
        let last_col = col(self.kinds.len().saturating_sub(1));
        let sheet = self.workbook.worksheet_from_index(0)?;
        if !self.kinds.is_empty() {
            sheet.autofilter(0, 0, last_row, last_col)?;
        }
        for (i, width) in self.widths.iter().enumerate() {
            sheet.set_column_width(col(i), (*width).min(60) as f64)?;
        }
        self.workbook.save_to_writer(file)
    }
}

/// The context on a sheet of its own, after the data's: label and value per row. The
/// data sheet stays a plain table (header in row 1, filters, frozen header) that Excel,
/// Power BI and Tableau import as it is, while the context travels in the same file
/// under a tab named for it.
fn write_about(
    sheet: &mut Worksheet,
    about: &About,
    data_name: &str,
    bold: &Format,
) -> Result<(), XlsxError> {
    let name = if about.sheet == data_name {
        format!("{} (2)", about.sheet)
    } else {
        about.sheet.to_owned()
    };
    sheet.set_name(name)?;
    let quoted = Format::new().set_quote_prefix();
    let mut widths = (10, 10);
    for (row, line) in (0u32..).zip(&about.lines) {
        sheet.write_string_with_format(row, 0, line.label, bold)?;
        write_text(sheet, row, 1, &line.value, &quoted)?;
        widths.0 = widths.0.max(line.label.chars().count() + 2);
        widths.1 = widths.1.max(line.value.chars().count() + 2);
    }
    sheet.set_column_width(0, widths.0.min(40) as f64)?;
    sheet.set_column_width(1, widths.1.min(100) as f64)?;
    Ok(())
}

fn col(i: usize) -> u16 {
    // Tables have far fewer columns than Excel's 16,384; a chart validates its size.
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    quoted: &Format,
) -> Result<(), XlsxError> {
    let text = match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    if looks_like_formula(text) {
        sheet.write_string_with_format(row, col, text, quoted)?;
    } else {
        sheet.write_string(row, col, text)?;
    }
    Ok(())
}

fn format_of(kind: ColumnKind) -> Format {
    let number_format = match kind {
        ColumnKind::Text => return Format::new(),
        ColumnKind::Id => "0",
        ColumnKind::Integer => "#,##0",
        ColumnKind::Number => "#,##0.0",
        ColumnKind::Share => "0.0%",
        ColumnKind::Minutes => "[h]:mm",
        ColumnKind::Date => "yyyy-mm-dd",
        ColumnKind::DateTime(_) => "yyyy-mm-dd hh:mm",
    };
    Format::new().set_num_format(number_format)
}

/// Characters a cell shows, roughly, for its column's width.
fn width_of(cell: &Cell, kind: ColumnKind) -> usize {
    match (cell, kind) {
        (Cell::Null, _) => 0,
        (Cell::Text(t), _) => t.chars().count(),
        (_, ColumnKind::Date) => 10,
        (_, ColumnKind::DateTime(_)) => 16,
        (Cell::Integer(v), _) => v.unsigned_abs().to_string().len() * 4 / 3 + 1,
        (Cell::Number(v), ColumnKind::Minutes) => format!("{:.0}", v / 60.0).len() + 3,
        (Cell::Number(v), _) => format!("{:.0}", v.abs()).len() * 4 / 3 + 3,
        _ => 8,
    }
}

/// Excel's day number of a date (its 1900 date system, counted from 1899-12-30).
fn serial_of_date(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (date - epoch).num_days() as f64
}

/// Excel's day number and fraction of an instant, as local time in `tz`.
fn serial_of_time(unix: i64, tz: chrono_tz::Tz) -> f64 {
    let offset = tz
        .timestamp_opt(unix, 0)
        .single()
        .map_or(0, |t| i64::from(t.offset().fix().local_minus_utc()));
    // 1970-01-01 is day 25,569.
    (unix + offset) as f64 / 86_400.0 + 25_569.0
}

/// A valid sheet name from a title: no `[]:*?/\`, at most 31 characters.
fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(31)
        .collect();
    let name = cleaned.trim().trim_matches('\'').trim();
    if name.is_empty() {
        "Data".to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_become_excel_day_numbers() {
        let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        assert_eq!(serial_of_date(day), 45_663.0);
        // 2025-01-06 00:00 UTC is 03:00 in Moscow: an eighth of a day.
        let midnight = 1_736_121_600;
        assert_eq!(
            serial_of_time(midnight, chrono_tz::Europe::Moscow),
            45_663.125
        );
    }

    #[test]
    fn sheet_names_are_cleaned_and_short() {
        assert_eq!(sheet_name("First reply / week"), "First reply   week");
        assert_eq!(sheet_name("[]"), "Data");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
