//! Which business-hours calendar a ticket's time in status runs on: its source's. Zendesk
//! sources (and the demo, stored the same way) run on the account's default schedule, the
//! earliest created; a schedule a trigger applied to a ticket is not in the events export,
//! so it is not followed. A source without a usable calendar keeps its tickets' business
//! minutes null, and says why.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::sources::business_hours::Calendar;
use crate::sources::zendesk::schedules;
use crate::store::records::SourceKind;
use crate::store::{Store, StoreError};

/// Why a source's tickets have no business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BusinessGap {
    /// The account has no schedule (Zendesk plans without schedules), or none was synced.
    NoSchedule,
    /// The default schedule is stored but cannot be counted on (e.g. an unknown zone).
    UnreadableSchedule,
    /// A source that gives no calendar for its status history.
    NoCalendar,
}

impl BusinessGap {
    fn describe(self) -> &'static str {
        match self {
            BusinessGap::NoSchedule => {
                "the source has no business-hours schedule (Zendesk plans without schedules, \
                 or none synced yet)"
            }
            BusinessGap::UnreadableSchedule => {
                "the source's default business-hours schedule cannot be read (the sync log \
                 says why)"
            }
            BusinessGap::NoCalendar => "the source gives no business-hours calendar",
        }
    }
}

/// Each source's calendar, or why it has none.
#[derive(Debug, Clone, Default)]
pub struct SourceCalendars {
    by_source: HashMap<i64, (String, Result<Calendar, BusinessGap>)>,
}

impl SourceCalendars {
    /// The calendars of every source of the store, from their stored schedules.
    pub fn read(store: &Store) -> Result<SourceCalendars, StoreError> {
        let mut calendars = SourceCalendars::default();
        for source in store.sources()? {
            let calendar = match source.kind {
                SourceKind::Zendesk | SourceKind::Demo => {
                    let stored = store.setting(&schedules::snapshot_key(source.id))?;
                    of_snapshot(stored.as_deref())
                }
                SourceKind::Freshdesk | SourceKind::Csv => Err(BusinessGap::NoCalendar),
            };
            calendars.insert(source.id, &source.name, calendar);
        }
        Ok(calendars)
    }

    pub fn insert(&mut self, source_id: i64, name: &str, calendar: Result<Calendar, BusinessGap>) {
        self.by_source
            .insert(source_id, (name.to_owned(), calendar));
    }

    /// The calendar of a source's tickets.
    pub fn of(&self, source_id: i64) -> Option<&Calendar> {
        self.by_source.get(&source_id)?.1.as_ref().ok()
    }

    pub fn any(&self) -> bool {
        self.by_source.values().any(|(_, c)| c.is_ok())
    }

    /// Why the tickets of these sources miss business minutes: the first gap, and the
    /// sentence naming each source without a calendar. `None` when all have one.
    pub fn gaps(&self, sources: impl IntoIterator<Item = i64>) -> Option<(BusinessGap, String)> {
        let mut missing: Vec<(BusinessGap, &str)> = sources
            .into_iter()
            .filter_map(|id| match self.by_source.get(&id) {
                Some((name, Err(gap))) => Some((*gap, name.as_str())),
                Some((_, Ok(_))) => None,
                None => Some((BusinessGap::NoCalendar, "an unknown source")),
            })
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let first = missing.first()?.0;
        let text = (missing.iter())
            .map(|(gap, name)| format!("{name}: {}", gap.describe()))
            .collect::<Vec<_>>()
            .join("; ");
        Some((first, text))
    }
}

/// A source's calendar from its stored schedules.
fn of_snapshot(stored: Option<&str>) -> Result<Calendar, BusinessGap> {
    let schedules: Vec<serde_json::Value> = stored
        .map(|text| serde_json::from_str(text).map_err(|_| BusinessGap::UnreadableSchedule))
        .transpose()?
        .unwrap_or_default();
    match schedules::default_calendar(&schedules) {
        Ok(Some(calendar)) => Ok(calendar),
        Ok(None) => Err(BusinessGap::NoSchedule),
        Err(_) => Err(BusinessGap::UnreadableSchedule),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_stored_snapshot_gives_the_default_schedule_or_a_gap() {
        assert_eq!(of_snapshot(None).err(), Some(BusinessGap::NoSchedule));
        assert_eq!(of_snapshot(Some("[]")).err(), Some(BusinessGap::NoSchedule));
        assert_eq!(
            of_snapshot(Some("{not json")).err(),
            Some(BusinessGap::UnreadableSchedule)
        );
        let unknown = json!([{"id": 1, "time_zone": "Atlantis", "intervals": []}]);
        assert_eq!(
            of_snapshot(Some(&unknown.to_string())).err(),
            Some(BusinessGap::UnreadableSchedule)
        );
        let utc = json!([{"id": 1, "time_zone": "UTC", "intervals": [{"start_time": 1980, "end_time": 2520}]}]);
        assert!(of_snapshot(Some(&utc.to_string())).is_ok());
    }

    #[test]
    fn gaps_name_each_source_without_a_calendar() {
        let mut calendars = SourceCalendars::default();
        let utc = Calendar::new(chrono_tz::Tz::UTC, [None; 7], Default::default());
        calendars.insert(1, "Acme", Ok(utc));
        calendars.insert(2, "Beta", Err(BusinessGap::NoSchedule));
        assert_eq!(calendars.gaps([1, 1]), None);
        let (gap, text) = calendars.gaps([1, 2, 2]).unwrap();
        assert_eq!(gap, BusinessGap::NoSchedule);
        assert_eq!(
            text,
            "Beta: the source has no business-hours schedule (Zendesk plans without \
             schedules, or none synced yet)"
        );
    }
}
