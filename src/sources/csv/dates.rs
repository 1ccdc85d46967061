//! Dates in import files: the formats helpdesks and Excel write, told apart from a
//! column's values (`detect`), and read as UTC unix seconds (`DateFormat::parse`). Text
//! without an offset is a local time in the zone the import names: an hour repeated by
//! a DST change reads as its earlier instant, an hour skipped is an error naming the gap.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use thiserror::Error;

use super::date_reader::DateReader;

/// How the dates of one column are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFormat {
    /// chrono's strftime codes, e.g. `%d/%m/%Y %H:%M`.
    Strftime(String),
    /// Days since 1899-12-30 with the time as a fraction, as Excel writes dates to CSV.
    ExcelSerial,
    /// `2024-03-05T14:02:11`, with or without fraction and offset (`Z`, `+03:00`).
    Iso8601,
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateFormat::Strftime(format) => f.write_str(format),
            DateFormat::ExcelSerial => f.write_str("Excel serial number"),
            DateFormat::Iso8601 => f.write_str("ISO 8601"),
        }
    }
}

/// Why a date did not read; one line for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateProblem {
    #[error("the date is empty")]
    Empty,
    #[error("'{text}' is not a date in the format {format}")]
    NotInFormat { text: String, format: String },
    #[error("'{text}' does not exist in {zone}: the clocks skipped that hour")]
    InGap { text: String, zone: String },
}

/// The formats `detect` tries, in the order it prefers them. Month-first formats come
/// before their day-first twins; `detect` refuses to choose when both fit.
const STRFTIME_CANDIDATES: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%d/%m/%Y %I:%M:%S %p",
    "%d/%m/%Y %I:%M %p",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%b/%y %I:%M %p",
    "%d %b %Y %I:%M %p",
    "%d %b %Y %H:%M",
    "%d %b %Y",
];

/// Excel serials from 1954 to 2119: a column of plain numbers outside this span is
/// more likely ids or counts than dates.
const PLAUSIBLE_SERIALS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

/// Every format that reads all the non-empty `samples`, in order of preference.
pub fn candidates(samples: &[&str]) -> Vec<DateFormat> {
    let samples: Vec<&str> = samples
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if samples.is_empty() {
        return Vec::new();
    }
    let strftime = STRFTIME_CANDIDATES
        .iter()
        .map(|f| DateFormat::Strftime((*f).to_owned()));
    let (early, late): (Vec<_>, Vec<_>) = strftime.partition(|f| f.to_string().starts_with("%Y"));
    early
        .into_iter()
        .chain([DateFormat::Iso8601])
        .chain(late)
        .chain([DateFormat::ExcelSerial])
        .filter(|format| samples.iter().all(|s| format.fits(s)))
        .collect()
}

/// The format of a column from some of its values, or `None` when no format reads them
/// all or when they read both day-first and month-first (every first and second field
/// ≤ 12), which only the user can settle.
pub fn detect(samples: &[&str]) -> Option<DateFormat> {
    let fits = candidates(samples);
    let first = fits.first()?.clone();
    if let DateFormat::Strftime(format) = &first {
        if let Some(twin) = format.strip_prefix("%m/%d/") {
            let day_first = DateFormat::Strftime(format!("%d/%m/{twin}"));
            if fits.contains(&day_first) {
                return None;
            }
        }
    }
    Some(first)
}

impl DateFormat {
    /// `text` as UTC unix seconds; a local time is resolved in `zone`. For many dates,
    /// read them with one `DateReader`.
    pub fn parse(&self, text: &str, zone: Tz) -> Result<i64, DateProblem> {
        DateReader::new(self.clone()).parse(text, zone)
    }

    /// Whether `text` reads in this format, for detection.
    fn fits(&self, text: &str) -> bool {
        match self {
            DateFormat::ExcelSerial => text
                .parse::<f64>()
                .is_ok_and(|n| PLAUSIBLE_SERIALS.contains(&n)),
            _ => DateReader::new(self.clone()).read(text).is_some(),
        }
    }
}

/// An Excel serial in the 1900 date system, which counts a 1900-02-29 that never was.
pub(super) fn read_serial(text: &str) -> Option<NaiveDateTime> {
    let serial: f64 = text.parse().ok()?;
    // Excel's last date is 9999-12-31; serial 60 is the day that never was.
    if !(1.0..2_958_466.0).contains(&serial) || (60.0..61.0).contains(&serial) {
        return None;
    }
    let epoch = if serial < 60.0 {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    }?;
    let seconds = (serial * 86_400.0).round() as i64;
    let start = epoch.and_time(chrono::NaiveTime::MIN);
    start.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?)
}

/// Date text for an error message, cut short if a long cell was mapped as a date.
pub(super) fn shortened(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use rstest::rstest;

    fn strftime(format: &str) -> DateFormat {
        DateFormat::Strftime(format.to_owned())
    }

    fn utc(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text)
            .expect("a test instant")
            .timestamp()
    }

    #[rstest]
    #[case(&["2024-03-05 14:02:11"], Some(strftime("%Y-%m-%d %H:%M:%S")))]
    #[case(&["2026-03-01 15:17"], Some(strftime("%Y-%m-%d %H:%M")))]
    #[case(&["2024-03-05"], Some(strftime("%Y-%m-%d")))]
    #[case(&["2024-03-05T14:02:11Z", "2024-03-05T14:02:11.5+03:00"], Some(DateFormat::Iso8601))]
    #[case(&["3/14/2024 9:05 AM", "12/1/2024 11:30 PM"], Some(strftime("%m/%d/%Y %I:%M %p")))]
    #[case(&["14/03/2024 09:05", "01/12/2024 23:30"], Some(strftime("%d/%m/%Y %H:%M")))]
    #[case(&["03/04/2024 09:05", "05/06/2024 23:30"], None)]
    #[case(&["05.03.2024 14:02"], Some(strftime("%d.%m.%Y %H:%M")))]
    #[case(&["11/May/24 3:26 PM"], Some(strftime("%d/%b/%y %I:%M %p")))]
    #[case(&["05 Mar 2024 10:15 AM"], Some(strftime("%d %b %Y %I:%M %p")))]
    #[case(&["45356.5843", "45357"], Some(DateFormat::ExcelSerial))]
    #[case(&["1026", "1027"], None)]
    #[case(&["", " "], None)]
    #[case(&["yesterday"], None)]
    fn detection_reads_the_column_values(
        #[case] samples: &[&str],
        #[case] expected: Option<DateFormat>,
    ) {
        assert_eq!(detect(samples), expected, "samples {samples:?}");
    }

    #[test]
    fn an_ambiguous_column_offers_both_orders() {
        let fits = candidates(&["03/04/2024"]);
        assert!(fits.contains(&strftime("%m/%d/%Y")) && fits.contains(&strftime("%d/%m/%Y")));
    }

    #[test]
    fn local_times_resolve_in_the_zone() {
        let berlin = Tz::Europe__Berlin;
        assert_eq!(
            strftime("%d.%m.%Y %H:%M").parse("05.03.2024 14:02", berlin),
            Ok(utc("2024-03-05T13:02:00Z"))
        );
        assert_eq!(
            strftime("%Y-%m-%d").parse("2024-07-01", berlin),
            Ok(utc("2024-06-30T22:00:00Z"))
        );
    }

    #[test]
    fn an_offset_in_the_text_beats_the_zone() {
        let zone = Tz::Asia__Seoul;
        assert_eq!(
            DateFormat::Iso8601.parse("2024-03-05T14:02:11Z", zone),
            Ok(utc("2024-03-05T14:02:11Z"))
        );
        assert_eq!(
            DateFormat::Iso8601.parse("2024-03-05 14:02:11.9+0300", zone),
            Ok(utc("2024-03-05T11:02:11Z"))
        );
        assert_eq!(
            strftime("%Y-%m-%d %H:%M %z").parse("2024-03-05 14:02 -0500", zone),
            Ok(utc("2024-03-05T19:02:00Z"))
        );
    }

    #[test]
    fn a_repeated_hour_reads_as_its_earlier_instant() {
        // New York fell back at 02:00 EDT on 2024-11-03: 01:30 happened twice.
        let read = strftime("%Y-%m-%d %H:%M").parse("2024-11-03 01:30", Tz::America__New_York);
        assert_eq!(read, Ok(utc("2024-11-03T05:30:00Z")));
    }

    #[test]
    fn a_skipped_hour_is_an_error_naming_the_gap() {
        let read = strftime("%Y-%m-%d %H:%M").parse("2024-03-10 02:30", Tz::America__New_York);
        assert_eq!(
            read.map_err(|e| e.to_string()),
            Err("'2024-03-10 02:30' does not exist in America/New_York: the clocks skipped that hour".into())
        );
    }

    #[test]
    fn impossible_dates_say_which_format_they_missed() {
        let read = strftime("%d/%m/%Y").parse("31/02/2024", Tz::UTC);
        assert_eq!(
            read.map_err(|e| e.to_string()),
            Err("'31/02/2024' is not a date in the format %d/%m/%Y".into())
        );
        assert_eq!(
            DateFormat::Iso8601.parse("  ", Tz::UTC),
            Err(DateProblem::Empty)
        );
        let long = "9".repeat(100);
        let Err(DateProblem::NotInFormat { text, .. }) = DateFormat::Iso8601.parse(&long, Tz::UTC)
        else {
            panic!("a long number is no ISO date");
        };
        assert_eq!(text.chars().count(), 41, "long text is cut for the message");
    }

    #[test]
    fn excel_serials_count_from_1899_and_skip_the_day_that_never_was() {
        let serial = DateFormat::ExcelSerial;
        assert_eq!(
            serial.parse("45356.5", Tz::UTC),
            Ok(utc("2024-03-05T12:00:00Z"))
        );
        assert_eq!(serial.parse("61", Tz::UTC), Ok(utc("1900-03-01T00:00:00Z")));
        assert_eq!(serial.parse("59", Tz::UTC), Ok(utc("1900-02-28T00:00:00Z")));
        assert!(serial.parse("60", Tz::UTC).is_err(), "1900-02-29 never was");
        assert!(serial.parse("-1", Tz::UTC).is_err());
        assert!(serial.parse("NaN", Tz::UTC).is_err());
        assert!(serial.parse("1e308", Tz::UTC).is_err());
    }
}
