//! Date ranges and buckets in an IANA time zone. A range is whole local days, from the
//! first instant of `from` to the first instant of the day after `to`; DST makes some
//! days 23 or 25 hours long and the tz database decides which. A range holds only dates
//! of the supported span (`EARLIEST`..=`LATEST`), so its arithmetic never overflows.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::compute::Bucket;
use crate::analytics::AnalyticsError;

/// The earliest date a query may name: helpdesk data starts after the unix epoch.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};
/// The latest date a query may name: far past any real data, and close enough that a
/// range's days, weeks and buckets stay small numbers.
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// Which date of a query a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    Start,
    End,
    Period,
    Today,
}

impl DateRole {
    pub fn name(self) -> &'static str {
        match self {
            DateRole::Start => "start date",
            DateRole::End => "end date",
            DateRole::Period => "period",
            DateRole::Today => "current date",
        }
    }
}

/// Refuses a date outside `EARLIEST..=LATEST`, naming the span.
pub fn check_supported(date: NaiveDate, role: DateRole) -> Result<NaiveDate, AnalyticsError> {
    if (EARLIEST..=LATEST).contains(&date) {
        Ok(date)
    } else {
        let limit = if date < EARLIEST { EARLIEST } else { LATEST };
        Err(AnalyticsError::DateOutOfRange {
            role: role.name(),
            date,
            limit,
        })
    }
}

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

/// A resolved range: inclusive local dates in a time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RangeEcho {
    pub from: String,
    pub to: String,
    pub tz: String,
}

impl RangeEcho {
    pub(crate) fn of(range: &DateRange) -> RangeEcho {
        RangeEcho {
            from: range.from_str(),
            to: range.to_str(),
            tz: range.tz.name().to_owned(),
        }
    }
}

pub fn parse_tz(name: &str) -> Result<Tz, AnalyticsError> {
    name.parse::<Tz>()
        .map_err(|_| AnalyticsError::UnknownTimeZone(name.to_owned()))
}

pub fn parse_date(s: &str) -> Result<NaiveDate, AnalyticsError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| AnalyticsError::InvalidDate(s.to_owned()))
}

impl DateRange {
    /// The dates from `from` to `to`, both inside the supported span.
    pub fn new(from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<DateRange, AnalyticsError> {
        check_supported(from, DateRole::Start)?;
        check_supported(to, DateRole::End)?;
        if from > to {
            return Err(AnalyticsError::RangeReversed { from, to });
        }
        Ok(DateRange { from, to, tz })
    }

    /// The `days` full days before `today` (the contract's default range is 30).
    pub fn last_days(today: NaiveDate, days: u64, tz: Tz) -> Result<DateRange, AnalyticsError> {
        check_supported(today, DateRole::Today)?;
        let to = today.pred_opt().unwrap_or(today);
        let from = to
            .checked_sub_days(Days::new(days.saturating_sub(1)))
            .unwrap_or(EARLIEST)
            .max(EARLIEST);
        DateRange::new(from, to, tz)
    }

    /// From the first day of `today`'s quarter to `today`.
    pub fn quarter_to_date(today: NaiveDate, tz: Tz) -> Result<DateRange, AnalyticsError> {
        check_supported(today, DateRole::Today)?;
        let first_month = (today.month0() / 3) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(today.year(), first_month, 1).unwrap_or(today);
        DateRange::new(from, today, tz)
    }

    /// The `weeks` whole ISO weeks (Monday to Sunday) before the week of `today`.
    pub fn last_full_weeks(
        today: NaiveDate,
        weeks: u64,
        tz: Tz,
    ) -> Result<DateRange, AnalyticsError> {
        check_supported(today, DateRole::Today)?;
        let monday = bucket_label(today, Every::Week);
        let to = monday.pred_opt().unwrap_or(monday);
        let from = monday
            .checked_sub_days(Days::new(7 * weeks.max(1)))
            .unwrap_or(EARLIEST)
            .max(EARLIEST);
        DateRange::new(from, to, tz)
    }

    /// The whole calendar month before the month of `today`.
    pub fn last_full_month(today: NaiveDate, tz: Tz) -> Result<DateRange, AnalyticsError> {
        DateRange::months_before(today, 0, 1, tz)
    }

    /// The whole calendar quarter (Jan–Mar, Apr–Jun, …) before the quarter of `today`.
    pub fn last_full_quarter(today: NaiveDate, tz: Tz) -> Result<DateRange, AnalyticsError> {
        DateRange::months_before(today, today.month0() % 3, 3, tz)
    }

    /// The `months` whole months that end where the unit holding `today` starts, that unit
    /// starting `into_unit` months before `today`'s month.
    fn months_before(
        today: NaiveDate,
        into_unit: u32,
        months: u32,
        tz: Tz,
    ) -> Result<DateRange, AnalyticsError> {
        check_supported(today, DateRole::Today)?;
        let unit_start = bucket_label(today, Every::Month)
            .checked_sub_months(Months::new(into_unit))
            .unwrap_or(EARLIEST);
        let to = unit_start.pred_opt().unwrap_or(unit_start);
        let from = unit_start
            .checked_sub_months(Months::new(months))
            .unwrap_or(EARLIEST)
            .max(EARLIEST);
        DateRange::new(from, to, tz)
    }

    /// The range of the same number of days that ends the day before this one starts
    /// (it may reach before `EARLIEST`: it is computed, never asked for).
    pub fn previous(&self) -> DateRange {
        let to = self.from.pred_opt().unwrap_or(self.from);
        let from = to
            .checked_sub_days(Days::new(self.days() - 1))
            .unwrap_or(NaiveDate::MIN);
        DateRange {
            from,
            to,
            tz: self.tz,
        }
    }

    pub fn days(&self) -> u64 {
        self.to
            .signed_duration_since(self.from)
            .num_days()
            .unsigned_abs()
            + 1
    }

    pub fn start(&self) -> i64 {
        day_start(self.from, self.tz)
    }

    pub fn end(&self) -> i64 {
        day_start(day_after(self.to), self.tz)
    }

    /// How many buckets `buckets(every)` gives, without making them.
    pub fn bucket_count(&self, every: Every) -> usize {
        let first = bucket_label(self.from, every);
        let last = bucket_label(self.to, every);
        let count = match every {
            Every::Day | Every::Week => {
                let step = if every == Every::Day { 1 } else { 7 };
                last.signed_duration_since(first).num_days() / step
            }
            Every::Month => {
                let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
                months(last) - months(first)
            }
        };
        usize::try_from(count).unwrap_or(0) + 1
    }

    /// Every bucket that overlaps the range, in order, clipped to it; partial only where
    /// the range cuts it, for callers that have no "today".
    pub fn buckets(&self, every: Every) -> Vec<Bucket> {
        self.buckets_as_of(every, None)
    }

    /// Every bucket that overlaps the range, in order, clipped to it. A bucket is partial
    /// when the range starts after its first day or ends before its last, or when its last
    /// day is `today` or later: a day not over yet holds only part of its tickets.
    pub fn buckets_as_of(&self, every: Every, today: Option<NaiveDate>) -> Vec<Bucket> {
        let mut buckets = Vec::new();
        let mut label = bucket_label(self.from, every);
        let end = day_after(self.to);
        while label < end {
            let next = next_label(label, every);
            let start = label.max(self.from);
            let stop = next.min(end);
            buckets.push(Bucket {
                label,
                start: day_start(start, self.tz),
                end: day_start(stop, self.tz),
                partial: start != label || stop != next || today.is_some_and(|t| next > t),
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

/// The next day; the last date chrono knows stays itself (never reached from a checked
/// range, and never a panic).
fn day_after(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(NaiveDate::MAX)
}

/// The label of the bucket holding `date`: the date, its ISO week's Monday, or the 1st.
fn bucket_label(date: NaiveDate, every: Every) -> NaiveDate {
    match every {
        Every::Day => date,
        Every::Week => date
            .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
            .unwrap_or(date),
        Every::Month => date.with_day(1).unwrap_or(date),
    }
}

/// The label after `label`; `NaiveDate::MAX` past the end of chrono's calendar, which
/// ends any loop over labels.
fn next_label(label: NaiveDate, every: Every) -> NaiveDate {
    match every {
        Every::Day => label.checked_add_days(Days::new(1)),
        Every::Week => label.checked_add_days(Days::new(7)),
        Every::Month => label.checked_add_months(Months::new(1)),
    }
    .unwrap_or(NaiveDate::MAX)
}

/// The first instant of a local day, in unix seconds. Where midnight falls in a DST gap
/// that is the first instant that exists on that day; where it repeats, the earlier one.
pub fn day_start(date: NaiveDate, tz: Tz) -> i64 {
    let naive_midnight = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    // Offsets are within ±26 h, so the answer lies in this window; the local date of an
    // instant never decreases as the instant grows, which makes the search valid.
    // (Any chrono date's midnight is some ±8.3e12 s: the window cannot overflow.)
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
        let r = DateRange::last_days(d("2025-04-01"), 30, Tz::UTC).unwrap();
        assert_eq!((r.from, r.to), (d("2025-03-02"), d("2025-03-31")));
    }

    #[test]
    fn dates_outside_1970_to_2100_are_refused_naming_the_span() {
        let err = |from: &str, to: &str| {
            DateRange::new(d(from), d(to), Tz::UTC)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("0025-01-01", "2025-01-01"),
            "the start date 0025-01-01 is before 1970-01-01, the earliest supported date"
        );
        assert_eq!(
            err("2025-01-01", "+262142-12-31"),
            "the end date +262142-12-31 is after 2100-12-31, the latest supported date"
        );
        assert!(err("-262143-01-01", "2025-01-01").contains("before 1970-01-01"));
        let whole = DateRange::new(EARLIEST, LATEST, Tz::Pacific__Kiritimati).unwrap();
        assert_eq!(whole.days(), 47_847);
        assert!(
            whole.previous().to < EARLIEST,
            "a previous period is computed, not checked"
        );
        assert!(DateRange::last_days(NaiveDate::MAX, 30, Tz::UTC).is_err());
        assert!(DateRange::quarter_to_date(NaiveDate::MIN, Tz::UTC).is_err());
    }

    #[test]
    fn bucket_count_matches_the_buckets() {
        for (from, to) in [("2024-12-25", "2025-01-08"), ("2025-01-31", "2025-03-01")] {
            let r = DateRange::new(d(from), d(to), Tz::UTC).unwrap();
            for every in [Every::Day, Every::Week, Every::Month] {
                assert_eq!(
                    r.bucket_count(every),
                    r.buckets(every).len(),
                    "{from} {every:?}"
                );
            }
        }
        let whole = DateRange::new(EARLIEST, LATEST, Tz::UTC).unwrap();
        assert_eq!(whole.bucket_count(Every::Day), 47_847);
        assert_eq!(whole.bucket_count(Every::Month), 131 * 12);
    }

    #[test]
    fn buckets_cut_by_the_range_or_reaching_today_are_partial() {
        // Wednesday 2025-11-05 to Sunday 2025-11-30: the first week is cut, the last ends
        // with the range on a Sunday.
        let r = DateRange::new(d("2025-11-05"), d("2025-11-30"), Tz::UTC).unwrap();
        let partial = |today: Option<&str>| -> Vec<bool> {
            r.buckets_as_of(Every::Week, today.map(d))
                .iter()
                .map(|b| b.partial)
                .collect()
        };
        assert_eq!(partial(None), [true, false, false, false]);
        assert_eq!(
            partial(Some("2025-12-01")),
            [true, false, false, false],
            "on Monday the 1st the week that ended on Sunday is over"
        );
        assert_eq!(
            partial(Some("2025-11-30")),
            [true, false, false, true],
            "on Sunday the 30th that day is not over"
        );
        let months = r.buckets_as_of(Every::Month, Some(d("2026-01-01")));
        assert!(months[0].partial, "November from the 5th is cut");
        let whole = DateRange::new(d("2025-10-01"), d("2025-11-30"), Tz::UTC).unwrap();
        assert!(whole
            .buckets_as_of(Every::Month, Some(d("2025-12-01")))
            .iter()
            .all(|b| !b.partial));
    }

    #[rstest::rstest]
    #[case::monday("2025-12-01", "2025-11-03", "2025-11-30")]
    #[case::sunday("2025-11-30", "2025-10-27", "2025-11-23")]
    #[case::across_the_year("2025-01-02", "2024-12-02", "2024-12-29")]
    fn last_4_full_weeks_end_on_the_sunday_before_this_week(
        #[case] today: &str,
        #[case] from: &str,
        #[case] to: &str,
    ) {
        let r = DateRange::last_full_weeks(d(today), 4, Tz::Europe__Berlin).unwrap();
        assert_eq!((r.from, r.to), (d(from), d(to)));
        assert_eq!(r.days(), 28);
        assert!(r.buckets(Every::Week).iter().all(|b| !b.partial));
    }

    #[rstest::rstest]
    #[case::january("2025-01-15", "2024-12-01", "2024-12-31", "2024-10-01", "2024-12-31")]
    #[case::first_of_march("2024-03-01", "2024-02-01", "2024-02-29", "2023-10-01", "2023-12-31")]
    #[case::last_of_june("2025-06-30", "2025-05-01", "2025-05-31", "2025-01-01", "2025-03-31")]
    #[case::first_of_july("2025-07-01", "2025-06-01", "2025-06-30", "2025-04-01", "2025-06-30")]
    fn last_full_month_and_quarter_are_whole_calendar_units(
        #[case] today: &str,
        #[case] month_from: &str,
        #[case] month_to: &str,
        #[case] quarter_from: &str,
        #[case] quarter_to: &str,
    ) {
        let tz = Tz::America__New_York;
        let month = DateRange::last_full_month(d(today), tz).unwrap();
        assert_eq!((month.from, month.to), (d(month_from), d(month_to)));
        let quarter = DateRange::last_full_quarter(d(today), tz).unwrap();
        assert_eq!((quarter.from, quarter.to), (d(quarter_from), d(quarter_to)));
        assert!(quarter.buckets(Every::Month).iter().all(|b| !b.partial));
    }

    #[test]
    fn whole_weeks_over_a_dst_change_are_whole_local_days() {
        // Berlin's clocks went back on Sunday 2025-10-26: that week is 7 days and 1 hour.
        let r = DateRange::last_full_weeks(d("2025-11-03"), 4, Tz::Europe__Berlin).unwrap();
        let week = r.buckets(Every::Week)[3];
        assert_eq!(week.label, d("2025-10-27"));
        let dst_week = r.buckets(Every::Week)[2];
        assert_eq!(dst_week.end - dst_week.start, 7 * 86_400 + 3_600);
        assert!(!dst_week.partial);
        assert!(DateRange::last_full_month(d("1970-01-31"), Tz::UTC).is_err());
        assert!(DateRange::last_full_weeks(NaiveDate::MAX, 4, Tz::UTC).is_err());
    }

    #[test]
    fn reversed_range_and_bad_input_are_refused() {
        assert!(DateRange::new(d("2025-02-01"), d("2025-01-01"), Tz::UTC).is_err());
        assert!(parse_date("2025-02-30").is_err());
        assert!(parse_tz("Mars/Olympus").is_err());
    }
}
