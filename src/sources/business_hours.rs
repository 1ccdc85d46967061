//! Business-hours calendars and the business minutes between two instants, shared by the
//! sources whose APIs give calendars (Freshdesk's business hours, Zendesk's schedules) and
//! by the analytics that count on them. A calendar is a zone, opening windows per weekday
//! (several a day: 9–12 and 13–17), and holidays that recur every year on their day and
//! month (Freshdesk) or cover dated ranges of local days (Zendesk). The work is one step
//! per day, not per minute, and every day's windows are placed in the zone on that day,
//! so DST changes are exact.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// Seconds in a day: the latest a window may close (open until midnight).
pub const DAY: u32 = 86_400;

/// One opening window of a weekday, as seconds after local midnight; `close` may be
/// 86,400 (open until midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Window {
    pub open: u32,
    pub close: u32,
}

/// The days a calendar is closed whatever its weekday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    /// (month, day) of the holidays that recur every year.
    pub yearly: BTreeSet<(u32, u32)>,
    /// First and last local day of each dated holiday, both included.
    pub dated: Vec<(NaiveDate, NaiveDate)>,
}

impl Holidays {
    fn contains(&self, date: NaiveDate) -> bool {
        self.yearly.contains(&(date.month(), date.day()))
            || self
                .dated
                .iter()
                .any(|(first, last)| (*first..=*last).contains(&date))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    zone: Tz,
    /// Monday first; each day's windows sorted, merged where they touch, none empty.
    week: [Vec<Window>; 7],
    holidays: Holidays,
}

impl Calendar {
    /// A calendar with at most one window a weekday and yearly holidays.
    pub fn new(zone: Tz, week: [Option<Window>; 7], holidays: BTreeSet<(u32, u32)>) -> Calendar {
        Calendar::with_windows(
            zone,
            week.map(|day| day.into_iter().collect()),
            Holidays {
                yearly: holidays,
                dated: Vec::new(),
            },
        )
    }

    /// A calendar with any number of windows a weekday (Monday first). Windows are
    /// clipped to the day, sorted, and overlapping ones merged, so no minute counts twice.
    pub fn with_windows(zone: Tz, week: [Vec<Window>; 7], holidays: Holidays) -> Calendar {
        Calendar {
            zone,
            week: week.map(normalised),
            holidays,
        }
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The opening windows of a local date; none on a holiday or a closed weekday.
    fn windows(&self, date: NaiveDate) -> &[Window] {
        if self.holidays.contains(date) {
            return &[];
        }
        &self.week[date.weekday().num_days_from_monday() as usize]
    }
}

fn normalised(mut windows: Vec<Window>) -> Vec<Window> {
    for w in &mut windows {
        w.close = w.close.min(DAY);
    }
    windows.retain(|w| w.open < w.close);
    windows.sort_unstable();
    let mut merged: Vec<Window> = Vec::with_capacity(windows.len());
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.open <= last.close => last.close = last.close.max(w.close),
            _ => merged.push(w),
        }
    }
    merged
}

/// Business minutes from `from` to `to` (unix seconds): the open time between them.
/// Like `to − from` in calendar minutes, a reversed span gives the negative value.
pub fn business_minutes(calendar: &Calendar, from: i64, to: i64) -> f64 {
    if to < from {
        return -business_minutes(calendar, to, from);
    }
    let zone = calendar.zone;
    let (Some(first), Some(last)) = (local_date(from, zone), local_date(to, zone)) else {
        return 0.0;
    };
    let mut seconds = 0_i64;
    let mut date = first;
    while date <= last {
        for w in calendar.windows(date) {
            if let (Some(open), Some(close)) =
                (instant(zone, date, w.open), instant(zone, date, w.close))
            {
                seconds += (close.min(to) - open.max(from)).max(0);
            }
        }
        let Some(next) = date.checked_add_days(Days::new(1)) else {
            break;
        };
        date = next;
    }
    seconds as f64 / 60.0
}

/// The local date of an instant; `None` only outside chrono's range.
fn local_date(ts: i64, zone: Tz) -> Option<NaiveDate> {
    zone.timestamp_opt(ts, 0).single().map(|t| t.date_naive())
}

/// The instant of `seconds` after local midnight of `date`. A time the clocks skip (a
/// spring-forward gap) is the first instant after the gap; a time that occurs twice (fall
/// back) is its first occurrence. `None` only at the end of chrono's range.
fn instant(zone: Tz, date: NaiveDate, seconds: u32) -> Option<i64> {
    let local = date
        .and_time(NaiveTime::MIN)
        .checked_add_signed(chrono::Duration::seconds(i64::from(seconds)))?;
    Some(match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.timestamp(),
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => after_gap(zone, local),
    })
}

/// The first instant whose local time is at or past `local`, which falls in a gap. Zone
/// offsets lie within ±26 h and only the gap's transition lies between the two offsets
/// around it, so local time only grows in the searched window.
fn after_gap(zone: Tz, local: NaiveDateTime) -> i64 {
    let naive = local.and_utc().timestamp();
    let offset_at = |ts: i64| {
        zone.timestamp_opt(ts, 0)
            .single()
            .map_or(0, |t| t.naive_local().and_utc().timestamp() - ts)
    };
    let (before, after) = (offset_at(naive - 86_400), offset_at(naive + 86_400));
    let (mut lo, mut hi) = (naive - before.max(after), naive - before.min(after));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let reached = zone
            .timestamp_opt(mid, 0)
            .single()
            .is_some_and(|t| t.naive_local() >= local);
        if reached {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn ts(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const H: u32 = 3600;

    /// New York, Monday to Friday 9–12 and 13–17 (a lunch break), closed on 1 May every
    /// year and from Wed 24 to Fri 26 December 2025.
    fn split_days() -> Calendar {
        let day = vec![
            Window {
                open: 13 * H,
                close: 17 * H,
            },
            Window {
                open: 9 * H,
                close: 12 * H,
            },
        ];
        let week = [
            day.clone(),
            day.clone(),
            day.clone(),
            day.clone(),
            day,
            Vec::new(),
            Vec::new(),
        ];
        let holidays = Holidays {
            yearly: BTreeSet::from([(5, 1)]),
            dated: vec![(date(2025, 12, 24), date(2025, 12, 26))],
        };
        Calendar::with_windows(Tz::America__New_York, week, holidays)
    }

    fn minutes(from: &str, to: &str) -> f64 {
        business_minutes(&split_days(), ts(from), ts(to))
    }

    #[test]
    fn two_windows_a_day_leave_the_break_out() {
        // Tue 2025-03-04 08:00 → 18:00 EST: 3 h + 4 h.
        assert_eq!(
            minutes("2025-03-04T13:00:00Z", "2025-03-04T23:00:00Z"),
            420.0
        );
        // 11:00 → 14:00 EST: 11–12 and 13–14.
        assert_eq!(
            minutes("2025-03-04T16:00:00Z", "2025-03-04T19:00:00Z"),
            120.0
        );
        // Inside the break: nothing.
        assert_eq!(minutes("2025-03-04T17:10:00Z", "2025-03-04T17:50:00Z"), 0.0);
    }

    #[test]
    fn a_dated_holiday_range_closes_each_of_its_days_both_ends_included() {
        // Tue 2025-12-23 16:00 EST → Mon 2025-12-29 10:00 EST: Tue 60, Wed–Fri holidays,
        // Sat/Sun closed, Mon 60.
        assert_eq!(
            minutes("2025-12-23T21:00:00Z", "2025-12-29T15:00:00Z"),
            120.0
        );
        // The same days a year later are open: the range is dated, not yearly.
        // Thu 2026-12-24 09:00 → 17:00 EST: 420.
        assert_eq!(
            minutes("2026-12-24T14:00:00Z", "2026-12-24T22:00:00Z"),
            420.0
        );
    }

    #[test]
    fn a_yearly_holiday_closes_its_day_every_year() {
        // Thu 2025-05-01 and Fri 2026-05-01, whole working days: nothing.
        assert_eq!(minutes("2025-05-01T12:00:00Z", "2025-05-02T02:00:00Z"), 0.0);
        assert_eq!(minutes("2026-05-01T12:00:00Z", "2026-05-02T02:00:00Z"), 0.0);
        // Fri 2025-05-02 is open: 420.
        assert_eq!(
            minutes("2025-05-02T12:00:00Z", "2025-05-03T02:00:00Z"),
            420.0
        );
    }

    #[test]
    fn a_dst_change_inside_a_window_gives_the_day_its_real_hours() {
        // Open 00:00–06:00 every day; on Sunday 2025-03-09 New York skips 02:00–03:00, so
        // the window holds 5 hours; on Sunday 2025-11-02 it repeats 01:00–02:00: 7 hours.
        let night = vec![Window {
            open: 0,
            close: 6 * H,
        }];
        let cal = Calendar::with_windows(
            Tz::America__New_York,
            std::array::from_fn(|_| night.clone()),
            Holidays::default(),
        );
        let spring = business_minutes(&cal, ts("2025-03-09T05:00:00Z"), ts("2025-03-09T15:00:00Z"));
        assert_eq!(spring, 5.0 * 60.0);
        let fall = business_minutes(&cal, ts("2025-11-02T04:00:00Z"), ts("2025-11-02T15:00:00Z"));
        assert_eq!(fall, 7.0 * 60.0);
    }

    #[test]
    fn a_day_open_around_the_clock_has_23_or_25_hours_on_dst_days() {
        let all_day = Window {
            open: 0,
            close: DAY,
        };
        let cal = Calendar::new(Tz::America__New_York, [Some(all_day); 7], BTreeSet::new());
        // Local midnight to local midnight on 2025-03-09 (05:00Z → 04:00Z next day).
        let spring = business_minutes(&cal, ts("2025-03-09T05:00:00Z"), ts("2025-03-10T04:00:00Z"));
        assert_eq!(spring, 23.0 * 60.0);
        let fall = business_minutes(&cal, ts("2025-11-02T04:00:00Z"), ts("2025-11-03T05:00:00Z"));
        assert_eq!(fall, 25.0 * 60.0);
    }

    #[test]
    fn an_opening_inside_the_gap_is_the_first_instant_after_it() {
        // Open 02:30–04:00 every day; on 2025-03-09 02:30 does not exist in New York, so
        // the day opens at 03:00 EDT (07:00Z) and has 60 minutes.
        let w = Window {
            open: 9_000,
            close: 14_400,
        };
        let cal = Calendar::new(Tz::America__New_York, [Some(w); 7], BTreeSet::new());
        assert_eq!(
            business_minutes(&cal, ts("2025-03-09T00:00:00Z"), ts("2025-03-09T12:00:00Z")),
            60.0
        );
        assert_eq!(
            instant(Tz::America__New_York, date(2025, 3, 9), 9_000),
            Some(ts("2025-03-09T07:00:00Z"))
        );
    }

    #[test]
    fn overlapping_windows_count_once() {
        let w = |open: u32, close: u32| Window {
            open: open * H,
            close: close * H,
        };
        let cal = Calendar::with_windows(
            Tz::UTC,
            std::array::from_fn(|_| vec![w(9, 12), w(11, 14), w(14, 15)]),
            Holidays::default(),
        );
        assert_eq!(
            business_minutes(&cal, ts("2025-03-04T00:00:00Z"), ts("2025-03-05T00:00:00Z")),
            6.0 * 60.0
        );
    }

    proptest::proptest! {
        /// Any instant, up to the ends of chrono's range: no panic, and never more open
        /// time than elapsed time.
        #[test]
        fn open_time_never_exceeds_elapsed_time(from in proptest::num::i64::ANY, days in 0_i64..400) {
            let to = from.saturating_add(days * 86_400);
            let open = business_minutes(&split_days(), from, to);
            proptest::prop_assert!(open >= 0.0 && open <= (to - from) as f64 / 60.0);
        }

        /// Splitting a span anywhere keeps its total, across breaks, holidays and DST.
        #[test]
        fn spans_add_up(a in 1_700_000_000_i64..1_800_000_000, b in 1_700_000_000_i64..1_800_000_000, c in 1_700_000_000_i64..1_800_000_000) {
            let cal = split_days();
            let whole = business_minutes(&cal, a, c) * 60.0;
            let parts = (business_minutes(&cal, a, b) + business_minutes(&cal, b, c)) * 60.0;
            proptest::prop_assert_eq!(whole.round(), parts.round());
        }
    }
}
