//! A date format made ready to read a whole column: its strftime codes are read once,
//! where chrono's `parse_from_str` reads them again for every date of a million-row file.

use chrono::format::{parse, Item, ParseErrorKind, Parsed, StrftimeItems};
use chrono::{LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::dates::{shortened, DateFormat, DateProblem};

/// The formats ISO 8601 text is read with, once its separator and UTC are spelled one
/// way: with an offset first, then local times, then a bare day.
const ISO_WITH_OFFSET: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z"];
const ISO_LOCAL: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"];
const ISO_DAY: &str = "%Y-%m-%d";

/// A `DateFormat` with its codes read.
#[derive(Debug, Clone)]
pub struct DateReader {
    format: DateFormat,
    codes: Codes,
}

#[derive(Debug, Clone)]
enum Codes {
    /// A code chrono does not know stays an error item, so every date fails to read, as
    /// `parse_from_str` fails.
    Strftime {
        items: Vec<Item<'static>>,
        has_offset: bool,
    },
    Iso8601 {
        with_offset: [Vec<Item<'static>>; 2],
        local: [Vec<Item<'static>>; 2],
        day: Vec<Item<'static>>,
    },
    ExcelSerial,
}

/// What a date's text says: an instant, or a wall-clock time in an unknown zone.
pub(super) enum Reading {
    Instant(i64),
    Local(NaiveDateTime),
}

impl DateReader {
    pub fn new(format: DateFormat) -> DateReader {
        let codes = match &format {
            DateFormat::Strftime(codes) => Codes::Strftime {
                items: items(codes),
                has_offset: ["%z", "%:z", "%::z", "%#z"]
                    .iter()
                    .any(|z| codes.contains(z)),
            },
            DateFormat::Iso8601 => Codes::Iso8601 {
                with_offset: ISO_WITH_OFFSET.map(items),
                local: ISO_LOCAL.map(items),
                day: items(ISO_DAY),
            },
            DateFormat::ExcelSerial => Codes::ExcelSerial,
        };
        DateReader { format, codes }
    }

    pub fn format(&self) -> &DateFormat {
        &self.format
    }

    /// `text` as UTC unix seconds; a local time is resolved in `zone`.
    pub fn parse(&self, text: &str, zone: Tz) -> Result<i64, DateProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DateProblem::Empty);
        }
        let reading = self.read(text).ok_or_else(|| DateProblem::NotInFormat {
            text: shortened(text),
            format: self.format.to_string(),
        })?;
        match reading {
            Reading::Instant(seconds) => Ok(seconds),
            Reading::Local(local) => match zone.from_local_datetime(&local) {
                LocalResult::Single(at) => Ok(at.timestamp()),
                LocalResult::Ambiguous(first, second) => {
                    Ok(first.timestamp().min(second.timestamp()))
                }
                LocalResult::None => Err(DateProblem::InGap {
                    text: shortened(text),
                    zone: zone.name().to_owned(),
                }),
            },
        }
    }

    pub(super) fn read(&self, text: &str) -> Option<Reading> {
        match &self.codes {
            Codes::Strftime { items, has_offset } => read_strftime(text, items, *has_offset),
            Codes::Iso8601 {
                with_offset,
                local,
                day,
            } => read_iso8601(text, with_offset, local, day),
            Codes::ExcelSerial => super::dates::read_serial(text).map(Reading::Local),
        }
    }
}

/// The items of strftime `codes`, owned; an unknown code is an error item.
fn items(codes: &str) -> Vec<Item<'static>> {
    StrftimeItems::new(codes).map(Item::to_owned).collect()
}

/// `text` read with `items` into chrono's parts, as `parse_from_str` reads it.
fn parsed(text: &str, items: &[Item<'static>]) -> chrono::ParseResult<Parsed> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, items.iter())?;
    Ok(parsed)
}

fn read_strftime(text: &str, items: &[Item<'static>], has_offset: bool) -> Option<Reading> {
    let parsed = parsed(text, items).ok()?;
    if has_offset {
        return parsed
            .to_datetime()
            .ok()
            .map(|at| Reading::Instant(at.timestamp()));
    }
    match parsed.to_naive_datetime_with_offset(0) {
        Ok(local) => Some(Reading::Local(local)),
        // A format without a time of day reads as midnight.
        Err(e) if e.kind() == ParseErrorKind::NotEnough => parsed
            .to_naive_date()
            .ok()
            .map(|day| Reading::Local(day.and_time(chrono::NaiveTime::MIN))),
        Err(_) => None,
    }
}

fn read_iso8601(
    text: &str,
    with_offset: &[Vec<Item<'static>>],
    local: &[Vec<Item<'static>>],
    day: &[Item<'static>],
) -> Option<Reading> {
    // One spelling for the separator and UTC, so a few formats cover them all.
    let mut normal = text.replacen(' ', "T", 1);
    if normal.ends_with(['Z', 'z']) {
        normal.pop();
        normal.push_str("+00:00");
    }
    if let Some(at) = with_offset
        .iter()
        .find_map(|items| parsed(&normal, items).and_then(|p| p.to_datetime()).ok())
    {
        return Some(Reading::Instant(at.timestamp()));
    }
    local
        .iter()
        .find_map(|items| {
            parsed(&normal, items)
                .and_then(|p| p.to_naive_datetime_with_offset(0))
                .ok()
        })
        .or_else(|| {
            parsed(text, day)
                .and_then(|p| p.to_naive_date())
                .ok()
                .map(|day: NaiveDate| day.and_time(chrono::NaiveTime::MIN))
        })
        .map(Reading::Local)
}
