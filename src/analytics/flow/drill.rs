//! The tickets behind a flow figure: the frame rows a backlog bar, a time-in-status row
//! or a transfer pair counts, found from the same history by the same rules as the
//! figure itself, so a list's length is the number it was opened from.

use super::age::{AgeBand, NO_REPLY_BAND};
use super::backlog::Age;
use super::handoffs::group_moves;
use super::history::{History, State};
use super::time_in_status::{counted, spent_by};
use crate::store::records::{HistoryField, TicketStatus};

/// The rows unsolved just before `at` (the backlog's instant: a bucket's clipped end)
/// whose age then, counted as `age` says, falls in the count's band `band` (an
/// `AgeBand::index`, or `NO_REPLY_BAND`; any band when `None`) and whose key then passes
/// `wanted`. `key_of` gives a row's key from its state at `at`: the held group, assignee,
/// priority or status, or a key that does not change.
pub fn backlog_rows(
    history: &History,
    rows: impl IntoIterator<Item = u32>,
    age: &Age,
    at: i64,
    band: Option<usize>,
    key_of: impl Fn(u32, &State) -> Option<i64>,
    wanted: impl Fn(Option<i64>) -> bool,
) -> Vec<u32> {
    (rows.into_iter())
        .filter(|&row| {
            let Some(state) = history.state_before(row, at).filter(State::unsolved) else {
                return false;
            };
            let in_band = band.is_none_or(|band| band_at(age, row, at) == band);
            in_band && wanted(key_of(row, &state))
        })
        .collect()
}

/// The band `backlog` counts `row` in at `at`: its age since creation (a missing one
/// counted as 0), or since its last public agent reply before `at` (without one, the
/// no-reply band).
fn band_at(age: &Age, row: u32, at: i64) -> usize {
    let origin = match age {
        Age::Created(created) => Some(created.get(row as usize).copied().unwrap_or(i64::MIN)),
        Age::LastReply(replies) => replies.last_before(row, at),
    };
    origin.map_or(NO_REPLY_BAND, |origin| {
        AgeBand::of(at.saturating_sub(origin)).index()
    })
}

/// The rows that spent time in `status` within `[from, to)` (nothing after `now`) held
/// by the owner `key` of `owner` (`None`: no owner, or every ticket without a split):
/// the tickets of one time-in-status row, as many as its `n`.
pub fn status_time_rows(
    history: &History,
    rows: impl IntoIterator<Item = u32>,
    (from, to): (i64, i64),
    now: i64,
    owner: Option<HistoryField>,
    (key, status): (Option<i64>, TicketStatus),
) -> Vec<u32> {
    let Some(status) = counted(status) else {
        return Vec::new();
    };
    let to = to.min(now);
    let mut spent = Vec::new();
    (rows.into_iter())
        .filter(|&row| {
            spent_by(history, row, (from, to), owner, None, &mut spent);
            spent.iter().any(|s| s.key == key && s.status == status)
        })
        .collect()
}

/// The `solved` rows (each `(row, solved_at)`) that moved from group `from` to group
/// `to` at least once before their solve. A ticket that made the move twice counts twice
/// in the transfer's count and is listed once.
pub fn transfer_rows(
    history: &History,
    solved: impl IntoIterator<Item = (u32, i64)>,
    (from, to): (i64, i64),
) -> Vec<u32> {
    (solved.into_iter())
        .filter(|&(row, solved_at)| {
            group_moves(history.events(row), solved_at).any(|pair| pair == (from, to))
        })
        .map(|(row, _)| row)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::age::COUNTED_BANDS;
    use super::super::backlog::{backlog, Split};
    use super::super::handoffs::handoffs;
    use super::super::history::tests::{assignee, group, history, status};
    use super::super::replies::Replies;
    use super::super::time_in_status::time_in_status;
    use super::*;
    use crate::store::records::TicketStatus::*;

    const H: i64 = 3600;
    const D: i64 = 86_400;

    fn any(_: Option<i64>) -> bool {
        true
    }

    fn no_key(_: u32, _: &State) -> Option<i64> {
        None
    }

    /// Four tickets, hand-laid: at 10·D ticket 0 (created at 0) is 10 days old and open
    /// in group 1; ticket 1 (created 9·D + 12h) is 12 hours old and pending in group 2,
    /// having moved there from group 1; ticket 2 was solved at 5·D; ticket 3 was deleted
    /// at 8·D.
    fn four() -> (History, [i64; 4]) {
        let h = history(&[
            &[status(0, New), group(0, 1), status(H, Open)],
            &[
                status(9 * D + 12 * H, New),
                group(9 * D + 12 * H, 1),
                group(9 * D + 14 * H, 2),
                status(9 * D + 14 * H, Pending),
            ],
            &[status(2 * D, Open), group(2 * D, 2), status(5 * D, Solved)],
            &[status(D, Hold), group(D, 1), status(8 * D, Deleted)],
        ]);
        (h, [0, 9 * D + 12 * H, 2 * D, D])
    }

    #[test]
    fn a_backlog_bar_lists_the_tickets_it_counts_by_band_and_by_group() {
        let (h, created) = four();
        let at = 10 * D;
        let list = |band: Option<AgeBand>, wanted: &dyn Fn(Option<i64>) -> bool| {
            let key_of = |_: u32, s: &State| s.key(HistoryField::Group);
            backlog_rows(
                &h,
                0..4,
                &Age::Created(&created),
                at,
                band.map(AgeBand::index),
                key_of,
                wanted,
            )
        };
        assert_eq!(
            list(None, &any),
            [0, 1],
            "solved and deleted are not unsolved"
        );
        assert_eq!(list(Some(AgeBand::SevenToThirtyDays), &any), [0]);
        assert_eq!(list(Some(AgeBand::UnderOneDay), &any), [1]);
        assert!(list(Some(AgeBand::OverThirtyDays), &any).is_empty());
        assert_eq!(list(None, &|k| k == Some(2)), [1], "the group it had then");
        let bands: usize = (AgeBand::ALL.iter())
            .map(|&band| list(Some(band), &any).len())
            .sum();
        assert_eq!(bands, 2, "the bands add up to the total");
        let counts = backlog(&h, 0..4, Age::Created(&created), &[at], Split::Total);
        assert_eq!(counts.total(0, 0), 2);
        assert_eq!(counts.counts[0][0], [1, 0, 0, 1, 0, 0]);
        // At 5·D ticket 2 is still open: its solve at that instant belongs to the next.
        assert_eq!(
            backlog_rows(&h, 0..4, &Age::Created(&created), 5 * D, None, no_key, any),
            [0, 2, 3]
        );
    }

    #[test]
    fn a_range_with_no_events_lists_nothing() {
        let (h, created) = four();
        assert!(backlog_rows(&h, 0..4, &Age::Created(&created), 0, None, no_key, any).is_empty());
        let none = status_time_rows(&h, 0..4, (-10 * D, -D), i64::MAX, None, (None, Open));
        assert!(none.is_empty());
        assert!(transfer_rows(&h, [], (1, 2)).is_empty());
    }

    #[test]
    fn a_time_in_status_row_lists_as_many_tickets_as_its_n() {
        let (h, _) = four();
        let range = (0, 10 * D);
        let owner = Some(HistoryField::Group);
        let result = time_in_status(&h, 0..4, range, 10 * D, owner, None);
        for row in &result.times {
            let listed = status_time_rows(&h, 0..4, range, 10 * D, owner, (row.key, row.status));
            assert_eq!(listed.len() as u64, row.calendar.n, "{row:?}");
        }
        let open = |key| status_time_rows(&h, 0..4, range, 10 * D, owner, (key, Open));
        assert_eq!((open(Some(1)), open(Some(2))), (vec![0], vec![2]));
        let new_in_1 = status_time_rows(&h, 0..4, range, 10 * D, owner, (Some(1), New));
        assert_eq!(
            new_in_1,
            [0, 1],
            "ticket 1 was new in group 1 for two hours"
        );
        let hold = status_time_rows(&h, 0..4, (0, 9 * D), 10 * D, owner, (Some(1), Hold));
        assert_eq!(hold, [3], "the deleted ticket held time before it went");
        let solved = status_time_rows(&h, 0..4, range, 10 * D, None, (None, Solved));
        assert!(solved.is_empty(), "solved time is not counted");
        let cut = status_time_rows(&h, 0..4, range, 9 * D, owner, (Some(2), Pending));
        assert!(cut.is_empty(), "nothing after now");
    }

    #[test]
    fn a_transfer_lists_each_solved_ticket_that_made_it_once() {
        let h = history(&[
            &[
                status(0, Open),
                group(0, 1),
                group(10, 2),
                group(20, 1),
                group(30, 2),
                status(40, Solved),
            ],
            &[status(0, Open), group(0, 1), assignee(5, 9), group(50, 2)],
            &[status(0, Open), group(0, 2), group(5, 1), status(9, Solved)],
        ]);
        let solved = [(0, 40), (1, 40), (2, 9)];
        let counts = handoffs(&h, solved);
        let pairs: Vec<_> = (counts.transfers.iter())
            .map(|t| (t.from, t.to, t.count))
            .collect();
        assert_eq!(pairs, [(1, 2, 2), (2, 1, 2)]);
        assert_eq!(transfer_rows(&h, solved, (1, 2)), [0], "twice, listed once");
        assert_eq!(transfer_rows(&h, solved, (2, 1)), [0, 2]);
        assert!(
            transfer_rows(&h, solved, (3, 1)).is_empty(),
            "no such transfer"
        );
    }

    #[test]
    fn backlog_lists_match_the_counts_on_many_random_histories() {
        let mut seed = 11u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let statuses = [New, Open, Pending, Hold, Solved, Closed, Deleted];
        let tickets: Vec<Vec<_>> = (0..150)
            .map(|_| {
                let mut at = next(40 * D as u64) as i64;
                (0..1 + next(6))
                    .flat_map(|i| {
                        at += next(4 * D as u64) as i64;
                        let s = if i == 0 {
                            New
                        } else {
                            statuses[next(7) as usize]
                        };
                        [status(at, s), group(at, next(3) as i64)]
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<&[_]> = tickets.iter().map(Vec::as_slice).collect();
        let h = history(&refs);
        let created: Vec<i64> = tickets.iter().map(|t| t[0].at).collect();
        let instants: Vec<i64> = (1..30).map(|d| d * 2 * D).collect();
        // Replies on a third of the tickets, some before their creation's instants.
        let replies = Replies::new(
            150,
            (0..150u32)
                .filter(|row| row % 3 == 0)
                .flat_map(|row| {
                    [
                        (row, created[row as usize] + D),
                        (row, 9 * D * i64::from(row % 7)),
                    ]
                })
                .collect(),
        );
        let split = Split::Held(HistoryField::Group);
        let key_of = |_: u32, s: &State| s.key(HistoryField::Group);
        for age in [Age::Created(&created), Age::LastReply(&replies)] {
            let counts = backlog(&h, 0..150, age, &instants, split);
            for (k, &key) in counts.keys.iter().enumerate() {
                for (i, &at) in instants.iter().enumerate() {
                    for band in 0..COUNTED_BANDS {
                        let rows =
                            backlog_rows(&h, 0..150, &age, at, Some(band), key_of, |k| k == key);
                        assert_eq!(rows.len() as u64, counts.counts[k][i][band]);
                    }
                }
            }
        }
    }
}
