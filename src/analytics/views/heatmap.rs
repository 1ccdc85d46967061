//! When tickets arrive: tickets created in a range by local weekday and hour, for the
//! Overview's hour-of-week heatmap (staffing questions).

use std::collections::HashMap;

use chrono::{Datelike, Offset, TimeZone, Timelike};
use polars::prelude::*;

use crate::analytics::frame::Frame;
use crate::analytics::query::range::DateRange;
use crate::analytics::AnalyticsError;

/// Ticket counts: `[weekday][hour]`, Monday = 0, local time of the range's zone.
pub type HourOfWeek = [[u64; 24]; 7];

/// Counts the tickets created in `range` by local weekday and hour.
pub fn hour_of_week(frame: &Frame, range: &DateRange) -> Result<HourOfWeek, AnalyticsError> {
    let (start, end) = (range.start(), range.end());
    let created = frame
        .tickets
        .clone()
        .lazy()
        .select([col("created_at")])
        .filter(
            col("created_at")
                .gt_eq(lit(start))
                .and(col("created_at").lt(lit(end))),
        )
        .collect()?;
    let times = created.column("created_at")?.i64()?;
    let mut counts = [[0u64; 24]; 7];
    let mut offsets = OffsetCache::new(range.tz);
    for ts in times.iter().flatten() {
        let local = ts + offsets.at(ts);
        let Some(moment) = chrono::DateTime::from_timestamp(local, 0) else {
            continue;
        };
        let day = moment.weekday().num_days_from_monday() as usize;
        counts[day][moment.hour() as usize] += 1;
    }
    Ok(counts)
}

/// A zone's UTC offset per quarter hour: offsets only change on quarter-hour boundaries,
/// and asking chrono-tz once per ticket would be most of the work.
pub(crate) struct OffsetCache {
    tz: chrono_tz::Tz,
    seconds: HashMap<i64, i64>,
}

impl OffsetCache {
    pub(crate) fn new(tz: chrono_tz::Tz) -> OffsetCache {
        OffsetCache {
            tz,
            seconds: HashMap::new(),
        }
    }

    /// The offset at the unix instant `ts`, in seconds to add to reach local time.
    pub(crate) fn at(&mut self, ts: i64) -> i64 {
        let tz = self.tz;
        *self.seconds.entry(ts.div_euclid(900)).or_insert_with(|| {
            tz.timestamp_opt(ts, 0)
                .single()
                .map_or(0, |t| i64::from(t.offset().fix().local_minus_utc()))
        })
    }
}
