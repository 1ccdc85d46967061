//! Date ranges and buckets in an IANA time zone. A range is whole local days, from the
//! first instant of `from` to the first instant of the day after `to`; DST makes some
//! days 23 or 25 hours long and the tz database decides which.

use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AnalyticsError;

/// Bucket size for series (`--every`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Every {
    Day,
    Week,
    Month,
}

impl Every {
    pub fn parse(s: &str) -> Result<Every, AnalyticsError> {
        match s {
            "day" => Ok(Every::Day),
            "week" => Ok(Every::Week),
            "month" => Ok(Every::Month),
            other => Err(AnalyticsError::UnknownEvery(other.to_owned())),
        }
    }
}

/// Inclusive local dates in a time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub tz: Tz,
}

/// One bucket of a series: its label and its clipped `[start, end)` in unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub label: NaiveDate,
    pub start: i64,
    pub end: i64,
}

pub fn parse_tz(name: &str) -> Result<Tz, AnalyticsError> {
    name.parse::<Tz>()
        .map_err(|_| AnalyticsError::UnknownTimeZone(name.to_owned()))
}

pub fn parse_date(s: &str) -> Result<NaiveDate, AnalyticsError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| AnalyticsError::InvalidDate(s.to_owned()))
}

impl DateRange {
    pub fn new(from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<DateRange, AnalyticsError> {
        if from > to {
            return Err(AnalyticsError::RangeReversed { from, to });
        }
        Ok(DateRange { from, to, tz })
    }

    /// The `days` full days before `today` (the contract's default range is 30).
    pub fn last_days(today: NaiveDate, days: u64, tz: Tz) -> DateRange {
        let to = today - Days::new(1);
        DateRange {
            from: to - Days::new(days.saturating_sub(1)),
            to,
            tz,
        }
    }

    /// From the first day of `today`'s quarter to `today`.
    pub fn quarter_to_date(today: NaiveDate, tz: Tz) -> DateRange {
        let first_month = (today.month0() / 3) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(today.year(), first_month, 1).unwrap_or(today);
        DateRange {
            from,
            to: today,
            tz,
        }
    }

    /// The range of the same number of days that ends the day before this one starts.
    pub fn previous(&self) -> DateRange {
        let days = self.days();
        let to = self.from - Days::new(1);
        DateRange {
            from: to - Days::new(days - 1),
            to,
            tz: self.tz,
        }
    }

    pub fn days(&self) -> u64 {
        (self.to - self.from).num_days() as u64 + 1
    }

    pub fn start(&self) -> i64 {
        day_start(self.from, self.tz)
    }

    pub fn end(&self) -> i64 {
        day_start(self.to + Days::new(1), self.tz)
    }

    /// Every bucket that overlaps the range, in order, clipped to it.
    pub fn buckets(&self, every: Every) -> Vec<Bucket> {
        let mut buckets = Vec::new();
        let mut label = bucket_label(self.from, every);
        let end = self.to + Days::new(1);
        while label < end {
            let next = next_label(label, every);
            let start = label.max(self.from);
            let stop = next.min(end);
            buckets.push(Bucket {
                label,
                start: day_start(start, self.tz),
                end: day_start(stop, self.tz),
            });
            label = next;
        }
        buckets
    }

    pub fn from_str(&self) -> String {
        self.from.format("%Y-%m-%d").to_string()
    }

    pub fn to_str(&self) -> String {
        self.to.format("%Y-%m-%d").to_string()
    }
}

/// The label of the bucket holding `date`: the date, its ISO week's Monday, or the 1st.
fn bucket_label(date: NaiveDate, every: Every) -> NaiveDate {
    match every {
        Every::Day => date,
        Every::Week => date - Days::new(date.weekday().num_days_from_monday() as u64),
        Every::Month => date.with_day(1).unwrap_or(date),
    }
}

fn next_label(label: NaiveDate, every: Every) -> NaiveDate {
    match every {
        Every::Day => label + Days::new(1),
        Every::Week => label + Days::new(7),
        Every::Month => label + Months::new(1),
    }
}

/// The first instant of a local day, in unix seconds. Where midnight falls in a DST gap
/// that is the first instant that exists on that day; where it repeats, the earlier one.
pub fn day_start(date: NaiveDate, tz: Tz) -> i64 {
    let naive_midnight = date
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp();
    // Offsets are within ±26 h, so the answer lies in this window; the local date of an
    // instant never decreases as the instant grows, which makes the search valid.
    let (mut lo, mut hi) = (naive_midnight - 27 * 3600, naive_midnight + 27 * 3600);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if local_date(mid, tz) >= date {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The local date of a unix instant.
pub fn local_date(ts: i64, tz: Tz) -> NaiveDate {
    tz.timestamp_opt(ts, 0)
        .single()
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn berlin_spring_forward_day_is_23_hours() {
        let tz = parse_tz("Europe/Berlin").unwrap();
        let r = DateRange::new(d("2025-03-30"), d("2025-03-30"), tz).unwrap();
        assert_eq!(r.end() - r.start(), 23 * 3600);
        assert_eq!(
            r.start(),
            1743289200,
            "2025-03-30 00:00 CET is 2025-03-29 23:00 UTC"
        );
    }

    #[test]
    fn new_york_fall_back_day_is_25_hours() {
        let tz = parse_tz("America/New_York").unwrap();
        let r = DateRange::new(d("2025-11-02"), d("2025-11-02"), tz).unwrap();
        assert_eq!(r.end() - r.start(), 25 * 3600);
    }

    #[test]
    fn midnight_in_a_dst_gap_is_the_first_instant_of_the_day() {
        // Santiago skipped 2022-09-11 00:00–01:00: the day starts at 01:00 local (04:00 UTC).
        let tz = parse_tz("America/Santiago").unwrap();
        assert_eq!(day_start(d("2022-09-11"), tz), 1662868800);
    }

    #[test]
    fn iso_weeks_cross_the_year_boundary_and_are_clipped() {
        let r = DateRange::new(d("2024-12-25"), d("2025-01-08"), Tz::UTC).unwrap();
        let labels: Vec<String> = r
            .buckets(Every::Week)
            .iter()
            .map(|b| b.label.to_string())
            .collect();
        assert_eq!(labels, ["2024-12-23", "2024-12-30", "2025-01-06"]);
        let first = r.buckets(Every::Week)[0];
        assert_eq!(
            first.start,
            r.start(),
            "the first week is clipped to the range start"
        );
        let last = *r.buckets(Every::Week).last().unwrap();
        assert_eq!(
            last.end,
            r.end(),
            "the last week is clipped to the range end"
        );
    }

    #[test]
    fn months_and_days_cover_the_range_exactly() {
        let r = DateRange::new(d("2025-01-15"), d("2025-03-10"), Tz::UTC).unwrap();
        let months = r.buckets(Every::Month);
        assert_eq!(months.len(), 3);
        assert_eq!(months[0].label, d("2025-01-01"));
        assert_eq!(r.buckets(Every::Day).len(), 55);
        for pair in months.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "buckets are contiguous");
        }
    }

    #[test]
    fn previous_period_has_the_same_length() {
        let r = DateRange::new(d("2025-03-01"), d("2025-03-30"), Tz::UTC).unwrap();
        let p = r.previous();
        assert_eq!((p.from, p.to), (d("2025-01-30"), d("2025-02-28")));
    }

    #[test]
    fn default_range_is_the_last_30_full_days() {
        let r = DateRange::last_days(d("2025-04-01"), 30, Tz::UTC);
        assert_eq!((r.from, r.to), (d("2025-03-02"), d("2025-03-31")));
    }

    #[test]
    fn reversed_range_and_bad_input_are_refused() {
        assert!(DateRange::new(d("2025-02-01"), d("2025-01-01"), Tz::UTC).is_err());
        assert!(parse_date("2025-02-30").is_err());
        assert!(parse_tz("Mars/Olympus").is_err());
    }
}
