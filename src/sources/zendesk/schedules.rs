//! Zendesk's business-hours schedules (zendesk-api.md §6): a Rails-named zone, opening
//! intervals in minutes from Sunday 00:00 local that never span a day, and holidays over
//! dated ranges of local days. A ticket runs on the account's default schedule, the
//! earliest created (§9.3); a schedule a trigger applied is not in the events export, so
//! it is not followed.
//!
//! The schedules are kept per source as the API sent them, each with its `holidays` list
//! added, so a plan that stops offering them keeps the last copy.

use chrono::{DateTime, NaiveDate};
use serde::Deserialize;
use serde_json::Value;

use crate::sources::business_hours::{Calendar, Holidays, Window};
use crate::sources::rails_zones::{self, UnknownZone};

/// Minutes in a day and in a week, the span of a schedule's intervals.
const DAY_MINUTES: i64 = 1_440;
const WEEK_MINUTES: i64 = 7 * DAY_MINUTES;

/// The settings key of a source's stored schedules.
pub fn snapshot_key(source_id: i64) -> String {
    format!("zendesk_schedules.{source_id}")
}

/// Why a schedule from the API cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error(transparent)]
    Zone(#[from] UnknownZone),
    #[error("schedule {schedule} has no time zone")]
    NoZone { schedule: i64 },
    #[error("schedule {schedule}: the interval {start}–{end} (minutes from Sunday 00:00) is not inside one day")]
    Interval { schedule: i64, start: i64, end: i64 },
    #[error("schedule {schedule}: holiday {name:?} has dates {start:?}–{end:?}, expected YYYY-MM-DD, the first not after the last")]
    Holiday {
        schedule: i64,
        name: String,
        start: String,
        end: String,
    },
    #[error("schedule {schedule} cannot be read: {message}")]
    Unreadable { schedule: String, message: String },
}

#[derive(Debug, Clone, Deserialize)]
pub struct ScheduleDto {
    pub id: i64,
    pub name: Option<String>,
    pub time_zone: Option<String>,
    #[serde(default)]
    pub intervals: Vec<IntervalDto>,
    pub created_at: Option<String>,
    /// Added by Deskbench from the schedule's holidays endpoint.
    #[serde(default)]
    pub holidays: Vec<HolidayDto>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct IntervalDto {
    pub start_time: i64,
    pub end_time: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HolidayDto {
    pub name: Option<String>,
    pub start_date: String,
    pub end_date: String,
}

impl ScheduleDto {
    /// The schedule as a calendar.
    pub fn calendar(&self) -> Result<Calendar, ScheduleError> {
        let schedule = self.id;
        let zone = rails_zones::iana(
            self.time_zone
                .as_deref()
                .ok_or(ScheduleError::NoZone { schedule })?,
        )?;
        let mut week: [Vec<Window>; 7] = Default::default();
        for &IntervalDto {
            start_time: start,
            end_time: end,
        } in &self.intervals
        {
            let day = start.div_euclid(DAY_MINUTES);
            let fits =
                (0..WEEK_MINUTES).contains(&start) && end > start && end <= (day + 1) * DAY_MINUTES;
            if !fits {
                return Err(ScheduleError::Interval {
                    schedule,
                    start,
                    end,
                });
            }
            // Day 0 is Sunday; the calendar's week starts on Monday.
            let index = ((day + 6) % 7) as usize;
            let seconds = |minute: i64| (minute - day * DAY_MINUTES) as u32 * 60;
            week[index].push(Window {
                open: seconds(start),
                close: seconds(end),
            });
        }
        let mut dated = Vec::with_capacity(self.holidays.len());
        for h in &self.holidays {
            let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
            match (date(&h.start_date), date(&h.end_date)) {
                (Some(first), Some(last)) if first <= last => dated.push((first, last)),
                _ => {
                    return Err(ScheduleError::Holiday {
                        schedule,
                        name: h.name.clone().unwrap_or_default(),
                        start: h.start_date.clone(),
                        end: h.end_date.clone(),
                    })
                }
            }
        }
        let holidays = Holidays {
            yearly: Default::default(),
            dated,
        };
        Ok(Calendar::with_windows(zone, week, holidays))
    }

    /// When it was created, for ordering; an unreadable date sorts last.
    fn created(&self) -> i64 {
        (self.created_at.as_deref())
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map_or(i64::MAX, |t| t.timestamp())
    }
}

/// Each stored schedule read, or why it cannot be.
pub fn read_all(schedules: &[Value]) -> Vec<Result<ScheduleDto, ScheduleError>> {
    schedules
        .iter()
        .map(|v| {
            ScheduleDto::deserialize(v).map_err(|e| ScheduleError::Unreadable {
                schedule: v.get("id").map_or_else(|| "?".into(), Value::to_string),
                message: e.to_string(),
            })
        })
        .collect()
}

/// The account's default schedule as a calendar: the earliest created (ties: the lowest
/// id). `Ok(None)` when the account has no schedule; an error when the default cannot be
/// read (a later one would count other hours).
pub fn default_calendar(schedules: &[Value]) -> Result<Option<Calendar>, ScheduleError> {
    let mut read = Vec::with_capacity(schedules.len());
    for schedule in read_all(schedules) {
        read.push(schedule?);
    }
    read.iter()
        .min_by_key(|s| (s.created(), s.id))
        .map(ScheduleDto::calendar)
        .transpose()
}

#[cfg(test)]
mod tests {
    use chrono_tz::Tz;
    use serde_json::json;

    use super::*;
    use crate::sources::business_hours::business_minutes;

    fn ts(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    /// Berlin, Monday to Friday 9–12 and 13–17, closed 24–26 December 2025.
    fn berlin() -> Value {
        let day = |d: i64| {
            [
                json!({"start_time": d * 1440 + 540, "end_time": d * 1440 + 720}),
                json!({"start_time": d * 1440 + 780, "end_time": d * 1440 + 1020}),
            ]
        };
        let intervals: Vec<Value> = (1..=5).flat_map(day).collect();
        json!({
            "id": 7, "name": "Berlin office", "time_zone": "Berlin",
            "intervals": intervals,
            "created_at": "2024-05-01T10:00:00Z", "updated_at": "2025-01-01T10:00:00Z",
            "holidays": [{"id": 1, "name": "Christmas", "start_date": "2025-12-24", "end_date": "2025-12-26"}]
        })
    }

    #[test]
    fn intervals_counted_from_sunday_become_monday_first_windows() {
        let calendar = ScheduleDto::deserialize(&berlin())
            .unwrap()
            .calendar()
            .unwrap();
        assert_eq!(calendar.zone(), Tz::Europe__Berlin);
        // Mon 2025-03-03 08:00 → 18:00 CET: 3 h + 4 h.
        assert_eq!(
            business_minutes(
                &calendar,
                ts("2025-03-03T07:00:00Z"),
                ts("2025-03-03T17:00:00Z")
            ),
            420.0
        );
        // Sunday 2025-03-02 is closed.
        assert_eq!(
            business_minutes(
                &calendar,
                ts("2025-03-01T23:00:00Z"),
                ts("2025-03-02T23:00:00Z")
            ),
            0.0
        );
        // Tue 2025-12-23 16:00 → Mon 2025-12-29 10:00 CET: 60 + 60 across the holidays.
        assert_eq!(
            business_minutes(
                &calendar,
                ts("2025-12-23T15:00:00Z"),
                ts("2025-12-29T09:00:00Z")
            ),
            120.0
        );
    }

    #[test]
    fn the_default_is_the_earliest_created() {
        let mut later = berlin();
        later["id"] = json!(3);
        later["time_zone"] = json!("Seoul");
        later["created_at"] = json!("2025-01-01T00:00:00Z");
        let calendar = default_calendar(&[later.clone(), berlin()]).unwrap();
        assert_eq!(calendar.map(|c| c.zone()), Some(Tz::Europe__Berlin));
        assert_eq!(default_calendar(&[]), Ok(None));
        let mut unknown = berlin();
        unknown["time_zone"] = json!("Atlantis");
        assert_eq!(
            default_calendar(&[later, unknown]),
            Err(ScheduleError::Zone(UnknownZone("Atlantis".into())))
        );
    }

    #[test]
    fn schedule_errors_name_what_is_wrong() {
        let error = |change: fn(&mut Value)| {
            let mut v = berlin();
            change(&mut v);
            ScheduleDto::deserialize(&v)
                .unwrap()
                .calendar()
                .unwrap_err()
        };
        assert_eq!(
            error(|v| v["intervals"] = json!([{"start_time": 1400, "end_time": 1500}])),
            ScheduleError::Interval {
                schedule: 7,
                start: 1400,
                end: 1500
            },
            "an interval past midnight"
        );
        assert!(matches!(
            error(|v| v["holidays"][0]["end_date"] = json!("2025-12-01")),
            ScheduleError::Holiday { .. }
        ));
        assert_eq!(
            error(|v| v["time_zone"] = Value::Null),
            ScheduleError::NoZone { schedule: 7 }
        );
        let unreadable = read_all(&[json!({"id": "x"})]);
        assert!(matches!(
            unreadable[0],
            Err(ScheduleError::Unreadable { .. })
        ));
    }
}
