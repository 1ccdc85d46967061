//! The generator's configuration, its validation, and the fixed id ranges of the demo
//! helpdesk (Zendesk-like integers, one range per entity so ids never collide).

use chrono::{Days, NaiveDate};

use crate::analytics::query::range::{day_start, LATEST};

use super::DemoError;

/// What to generate. `now` is always passed in (never read from the clock) so the same
/// config gives byte-identical data; `Default` leaves it at 0, which `generate` refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    pub seed: u64,
    pub tickets: usize,
    pub months: u32,
    /// UTC unix seconds; every generated timestamp is at or before it.
    pub now: i64,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            seed: 7,
            tickets: 20_000,
            months: 18,
            now: 0,
        }
    }
}

/// Fewer tickets than this cannot show the patterns the demo exists for.
pub const MIN_TICKETS: usize = 100;
/// Keeps a typo from filling the disk.
pub const MAX_TICKETS: usize = 5_000_000;
pub const MAX_MONTHS: u32 = 120;
/// 2001-01-01 and 2101-01-01: a demo of up to `MAX_MONTHS` ending in this span lies
/// inside the dates a query supports (1970-01-01 to 2100-12-31).
const MIN_NOW: i64 = 978_307_200;
const MAX_NOW: i64 = 4_133_980_800;
/// The first last day a demo may have (the day `MIN_NOW` starts).
pub const FIRST_UNTIL: NaiveDate = match NaiveDate::from_ymd_opt(2001, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Tickets per write transaction, so a million tickets never build one giant transaction.
pub(super) const CHUNK_TICKETS: usize = 20_000;
/// Only the newest tickets get comment records, to keep the database small.
pub(super) const COMMENTED_TICKETS: usize = 2_000;

pub(super) const SOURCE_NAME: &str = "Demo helpdesk";
pub(super) const HC_BASE_URL: &str = "https://acme-demo.example";

pub(super) const GROUP_ID_BASE: i64 = 360_000_000_000;
pub(super) const BRAND_ID_BASE: i64 = 360_000_100_000;
pub(super) const FORM_ID: i64 = 360_000_200_001;
pub(super) const POLICY_STANDARD: i64 = 360_000_300_001;
pub(super) const POLICY_VIP: i64 = 360_000_300_002;
pub(super) const SECTION_ID_BASE: i64 = 360_010_000_000;
pub(super) const ARTICLE_ID_BASE: i64 = 360_020_000_000;
pub(super) const ORG_ID_BASE: i64 = 361_000_000_000;
pub(super) const AGENT_ID_BASE: i64 = 362_000_000_000;
pub(super) const END_USER_ID_BASE: i64 = 363_000_000_000;
pub(super) const RATING_ID_BASE: i64 = 370_000_000_000;
pub(super) const SLA_EVENT_ID_BASE: i64 = 380_000_000_000;
pub(super) const COMMENT_ID_BASE: i64 = 390_000_000_000;

/// The custom ticket fields.
pub(super) const FIELD_PRODUCT_AREA: i64 = 360_001_001;
pub(super) const FIELD_ESCALATED: i64 = 360_001_002;
pub(super) const FIELD_CONTACT_REASON: i64 = 360_001_003;

impl DemoConfig {
    /// Refuses configs that would give an empty, absurd or clock-dependent demo.
    pub(super) fn validate(&self) -> Result<(), DemoError> {
        if self.tickets < MIN_TICKETS {
            return Err(DemoError::TooFewTickets {
                requested: self.tickets,
                minimum: MIN_TICKETS,
            });
        }
        if self.tickets > MAX_TICKETS {
            return Err(DemoError::TooManyTickets {
                requested: self.tickets,
                maximum: MAX_TICKETS,
            });
        }
        if self.months == 0 || self.months > MAX_MONTHS {
            return Err(DemoError::BadMonths {
                months: self.months,
                maximum: MAX_MONTHS,
            });
        }
        if !(MIN_NOW..MAX_NOW).contains(&self.now) {
            return Err(DemoError::BadNow { now: self.now });
        }
        Ok(())
    }

    /// `now` for a demo whose history ends with the day `until` (UTC): the last second
    /// of that day. A day outside `FIRST_UNTIL..=LATEST` is refused.
    pub fn end_of(until: NaiveDate) -> Result<i64, DemoError> {
        let next_day = Some(until)
            .filter(|day| (FIRST_UNTIL..=LATEST).contains(day))
            .and_then(|day| day.checked_add_days(Days::new(1)))
            .ok_or(DemoError::UntilOutOfRange {
                until,
                first: FIRST_UNTIL,
                last: LATEST,
            })?;
        Ok(day_start(next_day, chrono_tz::Tz::UTC) - 1)
    }

    /// End users scale with volume: about six tickets per requester.
    pub(super) fn end_users(&self) -> usize {
        (self.tickets / 6).max(60)
    }

    /// About 22 requesters per organization, ~150 at the default size.
    pub(super) fn organizations(&self) -> usize {
        (self.end_users() / 22).clamp(12, 5_000)
    }
}
