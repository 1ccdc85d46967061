//! Time in status: the minutes each ticket spent new, open, pending and on hold within a
//! range, owned by the group or agent that held it at the time, and their statistics.

use std::collections::HashMap;

use super::history::History;
use crate::analytics::engine::stats::duration_stats;
use crate::analytics::engine::value::DurationStats;
use crate::store::records::HistoryField;
use crate::store::records::TicketStatus;

/// The statuses whose time is counted, in output order.
pub const COUNTED: [TicketStatus; 4] = [
    TicketStatus::New,
    TicketStatus::Open,
    TicketStatus::Pending,
    TicketStatus::Hold,
];

/// Business minutes between two instants by the calendar of a ticket (its frame row) while
/// a group (its frame key) held it; `None` where there is no calendar.
pub type BusinessClock<'a> = &'a (dyn Fn(u32, Option<i64>, i64, i64) -> Option<f64> + Sync);

/// What one owner's tickets spent in one status.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusTime {
    /// The owner's key (group or assignee), `None` for no owner or no split.
    pub key: Option<i64>,
    pub status: TicketStatus,
    /// Calendar minutes per ticket with any time in the status.
    pub calendar: DurationStats,
    /// Business minutes per ticket, of those whose every minute has a calendar; `None`
    /// when no clock was given.
    pub business: Option<DurationStats>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeInStatus {
    /// By key (ascending, `None` last), then status in `COUNTED` order; only pairs with
    /// at least one ticket.
    pub times: Vec<StatusTime>,
    pub without_history: u64,
}

/// A ticket's minutes in one (owner, status): calendar seconds, and business minutes
/// unless some part of them had no calendar.
pub(super) struct Spent {
    pub key: Option<i64>,
    /// The status's position in `COUNTED`.
    pub status: usize,
    pub seconds: i64,
    pub business: Option<f64>,
}

#[derive(Default)]
struct Values {
    calendar: Vec<f64>,
    business: Vec<f64>,
}

/// The time `rows` spent in each counted status within `[from, to)`, nothing after
/// `now`, split by `owner` (group or assignee) when given.
pub fn time_in_status(
    history: &History,
    rows: impl IntoIterator<Item = u32>,
    (from, to): (i64, i64),
    now: i64,
    owner: Option<HistoryField>,
    clock: Option<BusinessClock>,
) -> TimeInStatus {
    let to = to.min(now);
    let mut values: HashMap<(Option<i64>, usize), Values> = HashMap::new();
    let mut without_history = 0;
    let mut spent: Vec<Spent> = Vec::new();
    for row in rows {
        if !history.has(row) {
            without_history += 1;
            continue;
        }
        spent_by(history, row, (from, to), owner, clock, &mut spent);
        for s in &spent {
            let entry = values.entry((s.key, s.status)).or_default();
            entry.calendar.push(s.seconds as f64 / 60.0);
            entry.business.extend(s.business);
        }
    }
    let mut keys: Vec<(Option<i64>, usize)> = values.keys().copied().collect();
    keys.sort_by_key(|&(key, status)| (key.is_none(), key, status));
    let times = (keys.into_iter())
        .map(|(key, status)| {
            let Values {
                mut calendar,
                mut business,
            } = values.remove(&(key, status)).unwrap_or_default();
            StatusTime {
                key,
                status: COUNTED[status],
                calendar: duration_stats(&mut calendar),
                business: clock.map(|_| duration_stats(&mut business)),
            }
        })
        .collect();
    TimeInStatus {
        times,
        without_history,
    }
}

/// What `row` spent in each (owner, status) within `[from, to)`, into `spent` (cleared
/// first): the one rule both the statistics and their ticket lists follow.
pub(super) fn spent_by(
    history: &History,
    row: u32,
    (from, to): (i64, i64),
    owner: Option<HistoryField>,
    clock: Option<BusinessClock>,
    spent: &mut Vec<Spent>,
) {
    spent.clear();
    for segment in history.segments(row) {
        let (start, end) = (segment.start.max(from), segment.end.min(to));
        let Some(status) = segment.state.status.and_then(counted) else {
            continue;
        };
        if start >= end {
            continue;
        }
        let key = owner.and_then(|field| segment.state.key(field));
        let business = clock.and_then(|clock| clock(row, segment.state.group, start, end));
        match spent
            .iter_mut()
            .find(|s| s.key == key && s.status == status)
        {
            Some(s) => {
                s.seconds += end - start;
                s.business = s.business.zip(business).map(|(a, b)| a + b);
            }
            None => spent.push(Spent {
                key,
                status,
                seconds: end - start,
                business,
            }),
        }
    }
}

/// The position of a counted status in `COUNTED`.
pub(super) fn counted(status: TicketStatus) -> Option<usize> {
    COUNTED.iter().position(|&s| s == status)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Tz;

    use super::super::history::tests::{assignee, group, history, status};
    use super::*;
    use crate::sources::business_hours::{business_minutes, Calendar, Window};
    use crate::store::records::TicketStatus::*;

    const H: i64 = 3600;
    const D: i64 = 86_400;

    fn at(tz: Tz, (y, m, d): (i32, u32, u32), hour: u32) -> i64 {
        tz.with_ymd_and_hms(y, m, d, hour, 0, 0)
            .single()
            .map_or(0, |t| t.timestamp())
    }

    fn stats_of(result: &TimeInStatus, key: Option<i64>, status: TicketStatus) -> &StatusTime {
        let found = result
            .times
            .iter()
            .find(|t| t.key == key && t.status == status);
        found.unwrap_or_else(|| panic!("no {key:?} {status:?} in {result:?}"))
    }

    #[test]
    fn calendar_minutes_across_a_dst_change_count_the_real_hours() {
        // Berlin's clocks went forward on 30 March 2025: noon to noon is 23 hours.
        let tz: Tz = "Europe/Berlin".parse().unwrap_or(chrono_tz::UTC);
        let open = at(tz, (2025, 3, 29), 12);
        let solved = at(tz, (2025, 3, 30), 12);
        let h = history(&[&[status(open, Open), status(solved, Solved)]]);
        let result = time_in_status(&h, [0], (0, i64::MAX), i64::MAX, None, None);
        assert_eq!(
            stats_of(&result, None, Open).calendar.median,
            Some(23.0 * 60.0)
        );
    }

    #[test]
    fn a_ticket_moved_between_three_groups_gives_each_group_its_own_minutes() {
        let h = history(&[&[
            status(0, Open),
            group(0, 1),
            group(2 * H, 2),
            status(3 * H, Pending),
            group(5 * H, 3),
            status(6 * H, Solved),
        ]]);
        let result = time_in_status(&h, [0], (0, D), D, Some(HistoryField::Group), None);
        let minutes = |key, s| stats_of(&result, Some(key), s).calendar.median;
        assert_eq!(minutes(1, Open), Some(120.0));
        assert_eq!(minutes(2, Open), Some(60.0));
        assert_eq!(minutes(2, Pending), Some(120.0));
        assert_eq!(minutes(3, Pending), Some(60.0));
        assert_eq!(result.times.len(), 4);
    }

    #[test]
    fn pending_over_a_weekend_counts_only_opening_hours_in_business_minutes() {
        let tz = chrono_tz::UTC;
        let nine_to_five = Some(Window {
            open: 9 * 3600,
            close: 17 * 3600,
        });
        let week = [
            nine_to_five,
            nine_to_five,
            nine_to_five,
            nine_to_five,
            nine_to_five,
            None,
            None,
        ];
        let calendar = Calendar::new(tz, week, BTreeSet::new());
        let clock = |_row: u32, group: Option<i64>, from: i64, to: i64| {
            (group == Some(1)).then(|| business_minutes(&calendar, from, to))
        };
        // Friday 7 March 2025 16:00 to Monday 10 March 10:00: one hour on Friday, one on
        // Monday; 66 hours on the clock.
        assert_eq!(
            NaiveDate::from_ymd_opt(2025, 3, 7).map(|d| d.format("%a").to_string()),
            Some("Fri".into())
        );
        let friday = at(tz, (2025, 3, 7), 16);
        let monday = at(tz, (2025, 3, 10), 10);
        let h = history(&[
            &[
                status(friday, Pending),
                group(friday, 1),
                status(monday, Open),
            ],
            &[
                status(friday, Pending),
                group(friday, 2),
                status(monday, Open),
            ],
        ]);
        let result = time_in_status(&h, [0, 1], (friday, monday), i64::MAX, None, Some(&clock));
        let pending = stats_of(&result, None, Pending);
        assert_eq!(pending.calendar.n, 2);
        assert_eq!(pending.calendar.median, Some(66.0 * 60.0));
        let business = pending.business.as_ref().map(|b| (b.n, b.median));
        assert_eq!(business, Some((1, Some(120.0))), "group 2 has no calendar");
    }

    #[test]
    fn time_is_clipped_to_the_range_and_to_now_and_split_by_assignee() {
        let h = history(&[&[
            status(0, New),
            assignee(0, 5),
            status(H, Open),
            assignee(2 * H, 6),
        ]]);
        let result = time_in_status(
            &h,
            [0],
            (30 * 60, 10 * H),
            3 * H,
            Some(HistoryField::Assignee),
            None,
        );
        assert_eq!(stats_of(&result, Some(5), New).calendar.median, Some(30.0));
        assert_eq!(stats_of(&result, Some(5), Open).calendar.median, Some(60.0));
        assert_eq!(
            stats_of(&result, Some(6), Open).calendar.median,
            Some(60.0),
            "up to now"
        );
    }

    #[test]
    fn a_range_with_no_events_and_tickets_without_history_give_nothing() {
        let h = history(&[&[status(10 * D, Open)], &[]]);
        let result = time_in_status(&h, [0, 1], (0, D), i64::MAX, None, None);
        assert!(result.times.is_empty());
        assert_eq!(result.without_history, 1);
    }
}
