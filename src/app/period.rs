//! "Today" for a request: the date in the workspace's zone at the session's clock, which
//! default ranges ("the last 30 full days") and period presets resolve against, and which
//! marks a bucket that reaches it as partial (the day is not over; `KpiQuery::today`).

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::analytics::query::range::local_date;
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::AnalyticsError;

/// The workspace's date and zone at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    pub date: NaiveDate,
    pub tz: Tz,
}

impl Today {
    /// The local date in `tz` at the unix time `now`.
    pub fn at(now: i64, tz: Tz) -> Today {
        Today {
            date: local_date(now, tz),
            tz,
        }
    }

    /// Sets `from` and `to` from `period`, when one is given. The period resolves in the
    /// workspace's zone, as the screens show it; a request's own zone then places the
    /// dates' boundaries.
    pub fn apply(
        &self,
        period: Option<&PeriodPreset>,
        from: &mut Option<String>,
        to: &mut Option<String>,
    ) -> Result<(), AnalyticsError> {
        if let Some(period) = period {
            let range = period.resolve(self.date, self.tz)?;
            *from = Some(range.from.to_string());
            *to = Some(range.to.to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn unix(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("a valid UTC time")
            .timestamp()
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    fn last_30(now: i64, tz: Tz) -> (String, String) {
        let (mut from, mut to) = (None, None);
        Today::at(now, tz)
            .apply(Some(&PeriodPreset::Last30Days), &mut from, &mut to)
            .expect("a supported date");
        (from.unwrap_or_default(), to.unwrap_or_default())
    }

    #[test]
    fn today_is_the_local_date_of_the_zone_not_of_utc() {
        // 23:30 UTC on 31 December is already New Year's Day in Seoul and still New
        // Year's Eve in New York.
        let now = unix(2024, 12, 31, 23, 30);
        assert_eq!(
            Today::at(now, chrono_tz::Asia::Seoul).date,
            date("2025-01-01")
        );
        assert_eq!(
            Today::at(now, chrono_tz::America::New_York).date,
            date("2024-12-31")
        );
        assert_eq!(Today::at(now, chrono_tz::UTC).date, date("2024-12-31"));
        // Kiritimati is UTC+14: its day starts before any other.
        let early = unix(2025, 6, 30, 10, 0);
        assert_eq!(
            Today::at(early, chrono_tz::Pacific::Kiritimati).date,
            date("2025-07-01")
        );
    }

    #[test]
    fn days_around_daylight_saving_changes_belong_to_the_local_calendar() {
        let berlin = chrono_tz::Europe::Berlin;
        // Clocks go forward at 01:00 UTC on 30 March 2025: 22:30 UTC is 00:30 CEST.
        assert_eq!(
            Today::at(unix(2025, 3, 30, 22, 30), berlin).date,
            date("2025-03-31")
        );
        assert_eq!(
            Today::at(unix(2025, 3, 30, 21, 30), berlin).date,
            date("2025-03-30")
        );
        // Back at 01:00 UTC on 26 October 2025: 22:30 UTC is 23:30 CET, the same day.
        assert_eq!(
            Today::at(unix(2025, 10, 26, 22, 30), berlin).date,
            date("2025-10-26")
        );
        let new_york = chrono_tz::America::New_York;
        // 04:30 UTC on 9 March 2025 is 23:30 EST on the 8th, before clocks go forward.
        assert_eq!(
            Today::at(unix(2025, 3, 9, 4, 30), new_york).date,
            date("2025-03-08")
        );
    }

    #[test]
    fn presets_give_full_days_ending_yesterday_in_the_workspace_zone() {
        let now = unix(2025, 3, 31, 0, 30);
        assert_eq!(
            last_30(now, chrono_tz::Europe::Berlin),
            ("2025-03-01".into(), "2025-03-30".into()),
            "02:30 CEST on 31 March: yesterday is the 30th, across the DST change"
        );
        assert_eq!(
            last_30(now, chrono_tz::America::Los_Angeles),
            ("2025-02-28".into(), "2025-03-29".into()),
            "17:30 PDT on 30 March: yesterday is the 29th"
        );
    }

    fn resolved(now: i64, tz: Tz, period: PeriodPreset) -> (String, String) {
        let (mut from, mut to) = (None, None);
        Today::at(now, tz)
            .apply(Some(&period), &mut from, &mut to)
            .expect("a supported date");
        (from.unwrap_or_default(), to.unwrap_or_default())
    }

    #[test]
    fn whole_unit_presets_follow_the_weekday_in_the_workspace_zone() {
        // 23:30 UTC on Sunday 30 November 2025 is already Monday 1 December in Seoul.
        let now = unix(2025, 11, 30, 23, 30);
        let weeks = |tz| resolved(now, tz, PeriodPreset::Last4FullWeeks);
        assert_eq!(
            weeks(chrono_tz::Asia::Seoul),
            ("2025-11-03".into(), "2025-11-30".into()),
            "on a Monday the week that ended yesterday is whole"
        );
        assert_eq!(
            weeks(chrono_tz::America::New_York),
            ("2025-10-27".into(), "2025-11-23".into()),
            "on a Sunday this week is not over, so it is left out"
        );
        assert_eq!(
            resolved(now, chrono_tz::Asia::Seoul, PeriodPreset::LastFullMonth),
            ("2025-11-01".into(), "2025-11-30".into()),
            "the 1st of December in Seoul: November is whole"
        );
        assert_eq!(
            resolved(now, chrono_tz::UTC, PeriodPreset::LastFullMonth),
            ("2025-10-01".into(), "2025-10-31".into())
        );
        assert_eq!(
            resolved(
                now,
                chrono_tz::Europe::Berlin,
                PeriodPreset::LastFullQuarter
            ),
            ("2025-07-01".into(), "2025-09-30".into())
        );
    }

    #[test]
    fn whole_weeks_span_a_daylight_saving_change_as_local_days() {
        // Berlin went back to CET on Sunday 26 October 2025; at 00:30 CET on Monday 3
        // November the last four weeks hold that Sunday.
        let (from, to) = resolved(
            unix(2025, 11, 2, 23, 30),
            chrono_tz::Europe::Berlin,
            PeriodPreset::Last4FullWeeks,
        );
        assert_eq!((from.as_str(), to.as_str()), ("2025-10-06", "2025-11-02"));
    }

    #[test]
    fn without_a_period_the_request_keeps_its_own_dates() {
        let (mut from, mut to) = (Some("2025-01-01".to_owned()), None);
        Today::at(0, chrono_tz::UTC)
            .apply(None, &mut from, &mut to)
            .expect("nothing to resolve");
        assert_eq!((from.as_deref(), to.as_deref()), (Some("2025-01-01"), None));
        let custom = PeriodPreset::Custom {
            from: "2025-02-01".into(),
            to: "2025-01-01".into(),
        };
        let err = Today::at(0, chrono_tz::UTC)
            .apply(Some(&custom), &mut from, &mut to)
            .expect_err("a reversed custom period");
        assert!(err.to_string().contains("is after"), "{err}");
    }
}
