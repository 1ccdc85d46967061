//! Civil dates, business minutes and staffed time, all in UTC on plain integers (no clock,
//! no fallible conversions).

pub(super) const DAY: i64 = 86_400;
pub(super) const HOUR: i64 = 3_600;
/// Business hours of the demo helpdesk: Monday to Friday, 09:00–18:00 UTC.
const OPEN: i64 = 9 * HOUR;
const CLOSE: i64 = 18 * HOUR;

/// The demo helpdesk's business hours as a Zendesk schedule (minutes from Sunday 00:00,
/// Monday to Friday, no holidays), stored as a Zendesk source's schedules are, so the
/// flow report's business minutes run on the same hours as the demo's SLA minutes.
pub(super) fn schedule(created_at: &str) -> serde_json::Value {
    let minute = |seconds: i64| seconds / 60;
    let intervals: Vec<serde_json::Value> = (1..=5_i64)
        .map(|day| {
            serde_json::json!({
                "start_time": day * 1_440 + minute(OPEN),
                "end_time": day * 1_440 + minute(CLOSE),
            })
        })
        .collect();
    serde_json::json!({
        "id": 1,
        "name": "Support hours",
        "time_zone": "UTC",
        "intervals": intervals,
        "created_at": created_at,
        "updated_at": created_at,
        "holidays": [],
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(super) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month 1–12, day 1–31) of a day number.
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
pub(super) fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

pub(super) fn is_weekend_day(days: i64) -> bool {
    weekday(days) >= 5
}

/// The same wall-clock time `months` calendar months earlier (day clamped to month end).
pub(super) fn sub_months(ts: i64, months: u32) -> i64 {
    let days = ts.div_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    let index = y * 12 + i64::from(m) - 1 - i64::from(months);
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    let last = days_from_civil(year + i64::from(month == 12), month % 12 + 1, 1)
        - days_from_civil(year, month, 1);
    let day = d.min(last as u32);
    days_from_civil(year, month, day) * DAY + ts.rem_euclid(DAY)
}

/// Business seconds from a fixed origin up to `t`; differences give interval lengths in O(1).
fn business_before(t: i64) -> i64 {
    let days = t.div_euclid(DAY);
    let second = t.rem_euclid(DAY);
    // Weekdays among the first `rem` days of a week that starts on a Thursday.
    const PARTIAL: [i64; 7] = [0, 1, 2, 2, 2, 3, 4];
    let weekdays = days.div_euclid(7) * 5 + PARTIAL[days.rem_euclid(7) as usize];
    let today = if is_weekend_day(days) {
        0
    } else {
        (second - OPEN).clamp(0, CLOSE - OPEN)
    };
    weekdays * (CLOSE - OPEN) + today
}

/// Whole business minutes in `[from, to)`; never more than the calendar minutes, and 0
/// for an interval entirely outside business hours.
pub(super) fn business_minutes(from: i64, to: i64) -> i64 {
    if to <= from {
        return 0;
    }
    (business_before(to) - business_before(from)) / 60
}

/// When a team works: full speed in its weekday window, a trickle (on-call, backlog
/// triage) at night and at weekends. Drives how long a ticket waits for its first reply.
#[derive(Debug, Clone, Copy)]
pub(super) struct Staffing {
    pub open_hour: i64,
    pub close_hour: i64,
    pub night_rate: f64,
    pub weekend_rate: f64,
}

impl Staffing {
    fn rate_at(&self, t: i64) -> f64 {
        let days = t.div_euclid(DAY);
        if is_weekend_day(days) {
            return self.weekend_rate;
        }
        let hour = t.rem_euclid(DAY) / HOUR;
        if (self.open_hour..self.close_hour).contains(&hour) {
            1.0
        } else {
            self.night_rate
        }
    }

    /// The moment `work_seconds` of full-speed work are done when starting at `start`.
    pub(super) fn advance(&self, start: i64, work_seconds: f64) -> i64 {
        let mut t = start;
        let mut left = work_seconds.max(0.0);
        // Hour by hour; rates are > 0, and the step cap bounds pathological inputs.
        for _ in 0..24 * 120 {
            let slot_end = (t.div_euclid(HOUR) + 1) * HOUR;
            let rate = self.rate_at(t);
            let capacity = (slot_end - t) as f64 * rate;
            if capacity >= left {
                return t + (left / rate).ceil() as i64;
            }
            left -= capacity;
            t = slot_end;
        }
        t + left as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-06-30 00:00:00 UTC, a Monday.
    const MONDAY: i64 = 1_751_241_600;

    #[test]
    fn civil_round_trip_and_weekday() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2025, 6, 30) * DAY, MONDAY);
        assert_eq!(weekday(MONDAY / DAY), 0, "2025-06-30 is a Monday");
        for days in [-1_000, 0, 59, 11_016, 20_269, 40_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn sub_months_clamps_to_month_end() {
        let march_31 = days_from_civil(2024, 3, 31) * DAY + 5 * HOUR;
        assert_eq!(
            sub_months(march_31, 1),
            days_from_civil(2024, 2, 29) * DAY + 5 * HOUR
        );
        assert_eq!(
            sub_months(march_31, 13),
            days_from_civil(2023, 2, 28) * DAY + 5 * HOUR
        );
        assert_eq!(sub_months(MONDAY, 18), days_from_civil(2023, 12, 30) * DAY);
    }

    #[test]
    fn the_stored_schedule_counts_as_the_demo_does() {
        let stored = serde_json::Value::Array(vec![schedule("2024-01-01T00:00:00Z")]);
        let calendar = crate::sources::zendesk::schedules::default_calendar(
            stored.as_array().map_or(&[][..], Vec::as_slice),
        )
        .ok()
        .flatten()
        .expect("the demo schedule reads");
        for (from, len) in [
            (MONDAY - 2 * DAY, 9 * DAY),
            (MONDAY + 17 * HOUR, 3 * DAY + 7),
        ] {
            let ours = business_minutes(from, from + len) as f64;
            let theirs =
                crate::sources::business_hours::business_minutes(&calendar, from, from + len);
            assert_eq!(ours, theirs.floor(), "from {from} for {len} s");
        }
    }

    #[test]
    fn business_minutes_inside_one_working_day() {
        assert_eq!(
            business_minutes(MONDAY + 9 * HOUR, MONDAY + 18 * HOUR),
            9 * 60
        );
        assert_eq!(
            business_minutes(MONDAY, MONDAY + 10 * HOUR),
            60,
            "only 09–10 counts"
        );
        assert_eq!(
            business_minutes(MONDAY + 20 * HOUR, MONDAY + 23 * HOUR),
            0,
            "evening"
        );
        assert_eq!(
            business_minutes(MONDAY + 10 * HOUR, MONDAY + 10 * HOUR + 59),
            0
        );
    }

    #[test]
    fn business_minutes_skip_weekends() {
        let saturday = MONDAY + 5 * DAY;
        assert_eq!(
            business_minutes(saturday, saturday + 2 * DAY),
            0,
            "a whole weekend"
        );
        let friday_17 = MONDAY + 4 * DAY + 17 * HOUR;
        let monday_10 = MONDAY + 7 * DAY + 10 * HOUR;
        assert_eq!(
            business_minutes(friday_17, monday_10),
            120,
            "Fri 17–18 + Mon 9–10"
        );
        assert_eq!(
            business_minutes(MONDAY, MONDAY + 7 * DAY),
            45 * 60,
            "a full week"
        );
        assert_eq!(
            business_minutes(MONDAY - 3 * DAY, MONDAY),
            9 * 60,
            "Fri + weekend"
        );
    }

    #[test]
    fn business_minutes_never_exceed_calendar_minutes() {
        let mut t = MONDAY - 40 * DAY + 1_234;
        while t < MONDAY + 40 * DAY {
            for len in [59, 61, 3_599, 7_200, 86_399, 400_000, 1_000_000] {
                let business = business_minutes(t, t + len);
                assert!(business * 60 <= len, "{business} min in {len} s from {t}");
            }
            t += 7_777;
        }
    }

    #[test]
    fn staffing_waits_for_the_next_shift() {
        let team = Staffing {
            open_hour: 9,
            close_hour: 18,
            night_rate: 0.0001,
            weekend_rate: 0.0001,
        };
        let friday_18 = MONDAY + 4 * DAY + 18 * HOUR;
        let done = team.advance(friday_18, 600.0);
        assert!(
            done > MONDAY + 7 * DAY + 9 * HOUR,
            "work resumes on Monday morning"
        );
        assert!(done <= MONDAY + 7 * DAY + 9 * HOUR + 600, "{done}");
        assert_eq!(
            team.advance(MONDAY + 10 * HOUR, 60.0),
            MONDAY + 10 * HOUR + 60
        );
    }
}
