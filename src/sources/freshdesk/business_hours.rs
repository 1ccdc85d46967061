//! Freshdesk's business-hours calendars. Freshdesk's API gives no durations
//! (`freshdesk-api.md` §7), so Deskbench computes them from the calendar of the ticket's
//! group: one opening window per weekday in a zone, and holidays that recur every year on
//! their day and month. The counting itself is shared (`sources::business_hours`).

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::dto::{BusinessHoursDto, GroupDto};
use crate::sources::business_hours::DAY;
pub use crate::sources::business_hours::{business_minutes, Calendar, Window};
use crate::sources::rails_zones::{self, UnknownZone};

/// Why a calendar from the API cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error(transparent)]
    Zone(#[from] UnknownZone),
    #[error("business-hours calendar {calendar} has no time zone")]
    NoZone { calendar: i64 },
    #[error("business-hours calendar {calendar}: {day} has opening time {text:?}, expected a time like \"8:00 am\"")]
    Time {
        calendar: i64,
        day: String,
        text: String,
    },
    #[error("business-hours calendar {calendar}: {day} closes at or before it opens")]
    Closed { calendar: i64, day: String },
    #[error("business-hours calendar {calendar}: holiday {text} is not a day like \"Jan 01\"")]
    Holiday { calendar: i64, text: String },
}

impl Calendar {
    /// A calendar as the single-item GET returns it (the list has no holidays).
    pub fn from_dto(dto: &BusinessHoursDto) -> Result<Calendar, CalendarError> {
        let calendar = dto.id;
        let zone_name = dto
            .time_zone
            .as_deref()
            .ok_or(CalendarError::NoZone { calendar })?;
        let zone = rails_zones::iana(zone_name)?;
        let mut week = [None; 7];
        for (name, hours) in dto.business_hours.iter().flatten() {
            let Some(index) = weekday_index(name) else {
                continue;
            };
            let open = parse_time(calendar, name, hours.start_time.as_deref())?;
            let close = match parse_time(calendar, name, hours.end_time.as_deref())? {
                // "12:00 am" as a closing time is the end of the day.
                0 => DAY,
                close => close,
            };
            if close <= open {
                return Err(CalendarError::Closed {
                    calendar,
                    day: name.clone(),
                });
            }
            week[index] = Some(Window { open, close });
        }
        let mut holidays = BTreeSet::new();
        for holiday in dto.holiday_list.iter().flatten() {
            holidays.insert(parse_holiday(calendar, holiday)?);
        }
        Ok(Calendar::new(zone, week, holidays))
    }
}

fn weekday_index(name: &str) -> Option<usize> {
    const NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let name = name.to_ascii_lowercase();
    NAMES.iter().position(|n| *n == name)
}

/// Seconds after midnight of `"8:00 am"`, `"5:30 PM"` or `"17:30"`.
fn parse_time(calendar: i64, day: &str, text: Option<&str>) -> Result<u32, CalendarError> {
    let error = || CalendarError::Time {
        calendar,
        day: day.to_owned(),
        text: text.unwrap_or_default().to_owned(),
    };
    let text = text.ok_or_else(error)?.trim();
    ["%I:%M %p", "%I:%M:%S %p", "%I:%M%p", "%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
        .map(|t| t.num_seconds_from_midnight())
        .ok_or_else(error)
}

/// (month, day) of `["Jan 01", "New Year's Day"]` (or `{"date": "Jan 01"}`).
fn parse_holiday(calendar: i64, holiday: &serde_json::Value) -> Result<(u32, u32), CalendarError> {
    let text = match holiday {
        serde_json::Value::Array(parts) => parts.first().and_then(|d| d.as_str()),
        serde_json::Value::Object(o) => o.get("date").and_then(|d| d.as_str()),
        _ => None,
    };
    // 2000 is a leap year, so a holiday on Feb 29 parses (and applies in leap years).
    text.and_then(|t| NaiveDate::parse_from_str(&format!("{} 2000", t.trim()), "%b %d %Y").ok())
        .map(|d| (d.month(), d.day()))
        .ok_or_else(|| CalendarError::Holiday {
            calendar,
            text: holiday.to_string(),
        })
}

/// Every calendar of an account and which one each group's tickets run on.
#[derive(Debug, Clone, Default)]
pub struct Calendars {
    calendars: HashMap<i64, Calendar>,
    default: Option<i64>,
    group_calendar: HashMap<i64, i64>,
}

impl Calendars {
    pub fn new(
        calendars: HashMap<i64, Calendar>,
        default: Option<i64>,
        groups: &[GroupDto],
    ) -> Calendars {
        let group_calendar = groups
            .iter()
            .filter_map(|g| Some((g.id, g.business_hour_id?)))
            .collect();
        Calendars {
            calendars,
            default,
            group_calendar,
        }
    }

    /// The calendar of the group's tickets: its own, else the account's default. A group
    /// whose own calendar could not be read has none: the default would count other hours.
    pub fn for_group(&self, group_id: Option<i64>) -> Option<&Calendar> {
        match group_id.and_then(|g| self.group_calendar.get(&g)) {
            Some(own) => self.calendars.get(own),
            None => self.calendars.get(&self.default?),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use chrono_tz::Tz;
    use serde_json::json;

    use super::*;

    fn ts(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    /// Eastern time, Monday to Friday 8:00–17:00, holidays Jan 01 and Jul 04.
    fn us_office() -> Calendar {
        let day = json!({"start_time": "8:00 am", "end_time": "5:00 pm"});
        let dto: BusinessHoursDto = serde_json::from_value(json!({
            "id": 1, "time_zone": "Eastern Time (US & Canada)",
            "business_hours": {"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day},
            "holiday_list": [["Jan 01", "New Year's Day"], ["Jul 04", "Independence Day"]]
        }))
        .unwrap();
        Calendar::from_dto(&dto).unwrap()
    }

    fn minutes(from: &str, to: &str) -> f64 {
        business_minutes(&us_office(), ts(from), ts(to))
    }

    #[test]
    fn a_span_inside_one_day_counts_its_open_minutes() {
        // Tue 2025-03-04 10:00–12:30 EST.
        assert_eq!(
            minutes("2025-03-04T15:00:00Z", "2025-03-04T17:30:00Z"),
            150.0
        );
    }

    #[test]
    fn a_start_outside_hours_counts_from_the_opening() {
        // Tue 06:00 EST → Tue 09:00 EST: only 08:00–09:00 is open.
        assert_eq!(
            minutes("2025-03-04T11:00:00Z", "2025-03-04T14:00:00Z"),
            60.0
        );
        // Tue 18:00 → Wed 07:00 EST: closed all along.
        assert_eq!(minutes("2025-03-04T23:00:00Z", "2025-03-05T12:00:00Z"), 0.0);
    }

    #[test]
    fn closed_weekend_days_count_nothing() {
        // Fri 16:00 EST → Mon 09:00 EST (2025-02-28 → 2025-03-03): 60 + 60.
        assert_eq!(
            minutes("2025-02-28T21:00:00Z", "2025-03-03T14:00:00Z"),
            120.0
        );
    }

    #[test]
    fn a_holiday_counts_nothing_and_recurs_every_year() {
        // Thu 2025-07-03 16:00 EDT → Mon 2025-07-07 09:00 EDT: Thu 60, Fri Jul 04 a
        // holiday, Sat/Sun closed, Mon 60.
        assert_eq!(
            minutes("2025-07-03T20:00:00Z", "2025-07-07T13:00:00Z"),
            120.0
        );
        // Wed 2025-01-01 is New Year's Day: Tue 2024-12-31 16:00 EST → Thu 09:00 EST
        // is 60 (Tue) + 0 (holiday) + 60 (Thu).
        assert_eq!(
            minutes("2024-12-31T21:00:00Z", "2025-01-02T14:00:00Z"),
            120.0
        );
        // The same calendar days in 2025 → 2026 (Thursday 2026-01-01) are a holiday too.
        assert_eq!(minutes("2026-01-01T13:00:00Z", "2026-01-01T22:00:00Z"), 0.0);
    }

    #[test]
    fn spring_forward_moves_the_opening_by_one_utc_hour() {
        // Fri 2025-03-07 16:00 EST (21:00Z) → Mon 2025-03-10 10:00 EDT (14:00Z); clocks
        // went forward on Sunday 03-09. Fri 60 + Mon 08:00–10:00 EDT 120 = 180. A fixed
        // −5 h offset would open Monday at 13:00Z and count 60 + 60.
        assert_eq!(
            minutes("2025-03-07T21:00:00Z", "2025-03-10T14:00:00Z"),
            180.0
        );
    }

    #[test]
    fn fall_back_moves_the_opening_by_one_utc_hour() {
        // Fri 2025-10-31 16:00 EDT (20:00Z) → Mon 2025-11-03 10:00 EST (15:00Z): 60 + 120.
        assert_eq!(
            minutes("2025-10-31T20:00:00Z", "2025-11-03T15:00:00Z"),
            180.0
        );
    }

    #[test]
    fn zero_length_and_reversed_spans() {
        assert_eq!(minutes("2025-03-04T15:00:00Z", "2025-03-04T15:00:00Z"), 0.0);
        assert_eq!(
            minutes("2025-03-04T17:30:00Z", "2025-03-04T15:00:00Z"),
            -150.0
        );
    }

    #[test]
    fn a_span_of_years_is_counted_day_by_day() {
        // 2025 has 261 weekdays; Jan 01 (Wed) and Jul 04 (Fri) are holidays: 259 × 9 h.
        let year = minutes("2025-01-01T05:00:00Z", "2026-01-01T05:00:00Z");
        assert_eq!(year, 259.0 * 540.0);
    }

    #[test]
    fn calendar_errors_name_what_is_wrong() {
        let bad = |v: serde_json::Value| {
            Calendar::from_dto(&serde_json::from_value(v).unwrap()).unwrap_err()
        };
        assert_eq!(
            bad(json!({"id": 2, "time_zone": "Mars"})),
            CalendarError::Zone(UnknownZone("Mars".into()))
        );
        assert_eq!(bad(json!({"id": 2})), CalendarError::NoZone { calendar: 2 });
        let e = bad(
            json!({"id": 2, "time_zone": "UTC", "business_hours": {"monday": {"start_time": "8 o'clock", "end_time": "5:00 pm"}}}),
        );
        assert!(e.to_string().contains("8 o'clock"), "{e}");
        let e = bad(json!({"id": 2, "time_zone": "UTC", "holiday_list": [["Smarch 13", "x"]]}));
        assert!(e.to_string().contains("Smarch"), "{e}");
        let e = bad(
            json!({"id": 2, "time_zone": "UTC", "business_hours": {"monday": {"start_time": "5:00 pm", "end_time": "8:00 am"}}}),
        );
        assert_eq!(
            e,
            CalendarError::Closed {
                calendar: 2,
                day: "monday".into()
            }
        );
    }

    #[test]
    fn times_parse_in_the_api_s_forms() {
        assert_eq!(parse_time(1, "monday", Some("8:00 am")), Ok(8 * 3600));
        assert_eq!(
            parse_time(1, "monday", Some("12:30 PM")),
            Ok(12 * 3600 + 1800)
        );
        assert_eq!(parse_time(1, "monday", Some("17:15")), Ok(17 * 3600 + 900));
        assert_eq!(parse_holiday(1, &json!(["Feb 29", "Leap"])), Ok((2, 29)));
        assert_eq!(parse_holiday(1, &json!({"date": "Dec 25"})), Ok((12, 25)));
    }

    #[test]
    fn groups_use_their_calendar_else_the_default() {
        let utc = Calendar::new(Tz::UTC, [None; 7], BTreeSet::new());
        let calendars = Calendars::new(
            HashMap::from([(1, us_office()), (2, utc.clone())]),
            Some(2),
            &serde_json::from_value::<Vec<GroupDto>>(json!([
                {"id": 7, "business_hour_id": 1},
                {"id": 9, "business_hour_id": 5}
            ]))
            .unwrap(),
        );
        assert_eq!(
            calendars.for_group(Some(9)),
            None,
            "its calendar was unreadable"
        );
        assert_eq!(
            calendars.for_group(Some(7)).map(Calendar::zone),
            Some(Tz::America__New_York)
        );
        assert_eq!(
            calendars.for_group(Some(8)),
            Some(&utc),
            "a group without its own calendar"
        );
        assert_eq!(calendars.for_group(None), Some(&utc));
        assert_eq!(Calendars::default().for_group(Some(7)), None);
    }

    proptest::proptest! {
        /// Any instant, up to the ends of chrono's range: no panic, and never more open
        /// time than elapsed time.
        #[test]
        fn open_time_never_exceeds_elapsed_time(from in proptest::num::i64::ANY, days in 0_i64..400) {
            let to = from.saturating_add(days * 86_400);
            let open = business_minutes(&us_office(), from, to);
            proptest::prop_assert!(open >= 0.0 && open <= (to - from) as f64 / 60.0);
        }

        /// Splitting a span anywhere keeps its total: the minutes of a→c are those of
        /// a→b plus b→c, across weekends, holidays and DST changes.
        #[test]
        fn spans_add_up(a in 1_700_000_000_i64..1_800_000_000, b in 1_700_000_000_i64..1_800_000_000, c in 1_700_000_000_i64..1_800_000_000) {
            let cal = us_office();
            let whole = business_minutes(&cal, a, c) * 60.0;
            let parts = (business_minutes(&cal, a, b) + business_minutes(&cal, b, c)) * 60.0;
            proptest::prop_assert_eq!(whole.round(), parts.round());
        }
    }
}
