//! The backlog as the history tells it: at each instant, the tickets whose status just
//! before it was new, open, pending or on hold, counted by age band and by the key the
//! ticket had then (or has now, for dimensions the history does not track). The age is
//! counted from the ticket's creation, or from its last public agent reply before the
//! instant (a ticket without one is counted in a band of its own).

use std::collections::HashMap;

use super::age::{AgeBand, COUNTED_BANDS, NO_REPLY_BAND};
use super::history::History;
use super::replies::Replies;
use crate::store::records::HistoryField;

/// Which key a counted ticket goes under.
#[derive(Debug, Clone, Copy)]
pub enum Split<'a> {
    /// One key, `None`: the total.
    Total,
    /// The field's value at the instant.
    Held(HistoryField),
    /// A key per frame row that does not change over time (channel, brand, …).
    Current(&'a [Option<i64>]),
}

/// What a ticket's age at an instant is counted from.
#[derive(Debug, Clone, Copy)]
pub enum Age<'a> {
    /// Its `created_at`, by frame row.
    Created(&'a [i64]),
    /// Its last public agent reply before the instant.
    LastReply(&'a Replies),
}

/// Counts of one key at one instant, by band: the five age bands in `AgeBand::ALL`
/// order, then the tickets without a public agent reply yet.
pub type BandCounts = [u64; COUNTED_BANDS];

/// Backlog counts: for each key, for each instant, the count in each band.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BacklogCounts {
    /// Keys in ascending order, `None` (no value) last.
    pub keys: Vec<Option<i64>>,
    /// `counts[key][instant][band]`.
    pub counts: Vec<Vec<BandCounts>>,
    /// Tickets asked about that have no history, so are in no count.
    pub without_history: u64,
}

impl BacklogCounts {
    /// The count of `key` at `instant`, every band together.
    pub fn total(&self, key: usize, instant: usize) -> u64 {
        self.counts[key][instant].iter().sum()
    }
}

type Diff = Vec<[i64; COUNTED_BANDS]>;

/// Counts the backlog of `rows` at each of `instants` (ascending), each ticket's age
/// taken as `age` says.
pub fn backlog(
    history: &History,
    rows: impl IntoIterator<Item = u32>,
    age: Age,
    instants: &[i64],
    split: Split,
) -> BacklogCounts {
    let slots = instants.len() + 1;
    let mut diffs: HashMap<Option<i64>, Diff> = HashMap::new();
    if let Split::Total = split {
        // The total is there even when it counts nothing.
        diffs.insert(None, vec![[0; COUNTED_BANDS]; slots]);
    }
    let mut without_history = 0;
    for row in rows {
        if !history.has(row) {
            without_history += 1;
            continue;
        }
        for segment in history.segments(row).filter(|s| s.state.unsolved()) {
            let key = match split {
                Split::Total => None,
                Split::Held(field) => segment.state.key(field),
                Split::Current(keys) => keys.get(row as usize).copied().flatten(),
            };
            // The segment's state is the one "just before" each instant in (start, end].
            let first = instants.partition_point(|&t| t <= segment.start);
            let last = instants.partition_point(|&t| t <= segment.end);
            if first == last {
                continue;
            }
            let diff = diffs
                .entry(key)
                .or_insert_with(|| vec![[0; COUNTED_BANDS]; slots]);
            match age {
                Age::Created(created) => {
                    let created = created.get(row as usize).copied().unwrap_or(i64::MIN);
                    add_aged(diff, instants, first, last, Some(created));
                }
                Age::LastReply(replies) => {
                    add_since_replies(diff, instants, first, last, replies.of(row));
                }
            }
        }
    }
    let mut keys: Vec<Option<i64>> = diffs.keys().copied().collect();
    keys.sort_by_key(|key| (key.is_none(), *key));
    let counts = (keys.iter())
        .map(|key| running_totals(&diffs[key], instants.len()))
        .collect();
    BacklogCounts {
        keys,
        counts,
        without_history,
    }
}

/// Counts one ticket at the instants `[first, last)`, each aged from the last of
/// `replies` strictly before it: the span is cut where a reply moves that origin.
fn add_since_replies(
    diff: &mut Diff,
    instants: &[i64],
    first: usize,
    last: usize,
    replies: &[i64],
) {
    let mut from = first;
    while from < last {
        // Replies before the instant `from`; the next one moves the origin for the
        // instants after it.
        let before = replies.partition_point(|&r| r < instants[from]);
        let to = match replies.get(before) {
            Some(&next) => instants
                .partition_point(|&t| t <= next)
                .clamp(from + 1, last),
            None => last,
        };
        let origin = before.checked_sub(1).map(|i| replies[i]);
        add_aged(diff, instants, from, to, origin);
        from = to;
    }
}

/// Counts one ticket at the instants `[from, last)`, aged from `origin`; without one, in
/// the no-reply band.
fn add_aged(diff: &mut Diff, instants: &[i64], mut from: usize, last: usize, origin: Option<i64>) {
    let Some(origin) = origin else {
        diff[from][NO_REPLY_BAND] += 1;
        diff[last][NO_REPLY_BAND] -= 1;
        return;
    };
    for (band, limit) in AgeBand::ALL.iter().zip(band_ends(origin)) {
        let to = instants.partition_point(|&t| t < limit).clamp(from, last);
        if to > from {
            diff[from][band.index()] += 1;
            diff[to][band.index()] -= 1;
        }
        from = to;
    }
}

/// The instants at which a ticket aged from `origin` leaves each band.
fn band_ends(origin: i64) -> [i64; 5] {
    let limit = |i: usize| origin.saturating_add(AgeBand::LIMITS[i]);
    [limit(0), limit(1), limit(2), limit(3), i64::MAX]
}

fn running_totals(diff: &Diff, instants: usize) -> Vec<BandCounts> {
    let mut running = [0i64; COUNTED_BANDS];
    (0..instants)
        .map(|i| {
            for band in 0..COUNTED_BANDS {
                running[band] += diff[i][band];
            }
            running.map(|count| count.max(0) as u64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::history::tests::{group, history, status};
    use super::*;
    use crate::store::records::TicketStatus::*;

    const H: i64 = 3600;
    const D: i64 = 86_400;

    /// Counts by brute force: each instant's state just before it.
    fn by_state_before(h: &History, rows: &[u32], instants: &[i64]) -> Vec<u64> {
        (instants.iter())
            .map(|&t| {
                let unsolved = |&row: &u32| h.state_before(row, t).is_some_and(|s| s.unsolved());
                rows.iter().filter(|r| unsolved(r)).count() as u64
            })
            .collect()
    }

    #[test]
    fn a_ticket_reopened_twice_is_in_the_backlog_in_each_open_spell_only() {
        let h = history(&[&[
            status(0, New),
            status(2 * H, Open),
            status(D, Solved),
            status(2 * D, Open),
            status(3 * D, Solved),
            status(4 * D, Open),
            status(5 * D, Closed),
        ]]);
        let instants: Vec<i64> = (1..=6).map(|d| d * D).collect();
        let counts = backlog(&h, [0], Age::Created(&[0]), &instants, Split::Total);
        let totals: Vec<u64> = (0..6).map(|i| counts.total(0, i)).collect();
        // Just before day 1's end the ticket was open; the solve at exactly D counts
        // from the next instant on.
        assert_eq!(totals, [1, 0, 1, 0, 1, 0]);
        assert_eq!(totals, by_state_before(&h, &[0], &instants));
        assert_eq!(counts.counts[0][2], [0, 0, 1, 0, 0, 0], "3 days old at 3·D");
    }

    #[test]
    fn a_moved_ticket_counts_under_the_group_that_held_it_at_each_instant() {
        let h = history(&[&[
            status(0, Open),
            group(0, 1),
            group(D + H, 2),
            group(2 * D + H, 3),
        ]]);
        let instants = [D, 2 * D, 3 * D];
        let counts = backlog(
            &h,
            [0],
            Age::Created(&[0]),
            &instants,
            Split::Held(HistoryField::Group),
        );
        assert_eq!(counts.keys, [Some(1), Some(2), Some(3)]);
        let at = |key: usize| (0..3).map(|i| counts.total(key, i)).collect::<Vec<_>>();
        assert_eq!(
            (at(0), at(1), at(2)),
            (vec![1, 0, 0], vec![0, 1, 0], vec![0, 0, 1])
        );
    }

    #[test]
    fn age_bands_follow_the_ticket_as_it_waits() {
        let h = history(&[&[status(0, New)]]);
        let instants = [H, D, 3 * D, 7 * D, 30 * D, 31 * D];
        let counts = backlog(&h, [0], Age::Created(&[0]), &instants, Split::Total);
        let bands: Vec<usize> = (counts.counts[0].iter())
            .map(|c| c.iter().position(|&n| n == 1).unwrap_or(9))
            .collect();
        assert_eq!(bands, [0, 1, 2, 3, 4, 4]);
    }

    #[test]
    fn tickets_without_history_are_counted_apart_and_no_instants_give_no_counts() {
        let h = history(&[&[status(0, Open)], &[]]);
        let counts = backlog(&h, [0, 1], Age::Created(&[0, 0]), &[D], Split::Total);
        assert_eq!((counts.total(0, 0), counts.without_history), (1, 1));
        let none = backlog(&h, [0], Age::Created(&[0]), &[], Split::Total);
        assert_eq!(none.counts, vec![Vec::<BandCounts>::new()]);
    }

    #[test]
    fn current_keys_split_by_the_row_and_a_deleted_ticket_leaves_the_backlog() {
        let h = history(&[
            &[status(0, Open)],
            &[status(0, Pending), status(D + H, Deleted)],
        ]);
        let channel = [Some(4), None];
        let counts = backlog(
            &h,
            [0, 1],
            Age::Created(&[0, 0]),
            &[D, 2 * D],
            Split::Current(&channel),
        );
        assert_eq!(counts.keys, [Some(4), None], "no value sorts last");
        assert_eq!(counts.total(1, 0), 1);
        assert_eq!(counts.total(1, 1), 0, "deleted is not unsolved");
    }

    #[test]
    fn matches_the_state_before_each_instant_on_many_random_histories() {
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let statuses = [New, Open, Pending, Hold, Solved, Closed];
        let tickets: Vec<Vec<_>> = (0..200)
            .map(|_| {
                let mut at = next(10 * D as u64) as i64;
                (0..1 + next(6))
                    .map(|_| {
                        at += next(3 * D as u64) as i64;
                        status(at, statuses[next(6) as usize])
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<&[_]> = tickets.iter().map(Vec::as_slice).collect();
        let h = history(&refs);
        let rows: Vec<u32> = (0..200).collect();
        let created: Vec<i64> = tickets.iter().map(|t| t[0].at).collect();
        let instants: Vec<i64> = (0..40).map(|d| d * D / 2).collect();
        let counts = backlog(
            &h,
            rows.iter().copied(),
            Age::Created(&created),
            &instants,
            Split::Total,
        );
        let totals: Vec<u64> = (0..40).map(|i| counts.total(0, i)).collect();
        assert_eq!(totals, by_state_before(&h, &rows, &instants));
    }

    #[test]
    fn the_age_since_the_last_reply_restarts_at_each_reply_and_no_reply_is_a_band() {
        let h = history(&[&[status(0, Open)], &[status(0, New)]]);
        let replies = Replies::new(2, vec![(0, H), (0, 3 * D)]);
        let instants = [D, 2 * D, 3 * D, 4 * D];
        let counts = backlog(
            &h,
            [0, 1],
            Age::LastReply(&replies),
            &instants,
            Split::Total,
        );
        assert_eq!(
            counts.counts[0],
            [
                [1, 0, 0, 0, 0, 1],
                [0, 1, 0, 0, 0, 1],
                // The reply at 3·D belongs to the next bucket, as a change at it would.
                [0, 1, 0, 0, 0, 1],
                [0, 1, 0, 0, 0, 1],
            ]
        );
        assert_eq!(counts.total(0, 3), 2, "the bands add up to the backlog");
    }

    #[test]
    fn the_age_since_the_last_reply_matches_the_reply_before_each_instant() {
        let mut seed = 11u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let statuses = [New, Open, Pending, Hold, Solved];
        let tickets: Vec<Vec<_>> = (0..150)
            .map(|_| {
                let mut at = next(10 * D as u64) as i64;
                (0..1 + next(5))
                    .map(|_| {
                        at += next(4 * D as u64) as i64;
                        status(at, statuses[next(5) as usize])
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<&[_]> = tickets.iter().map(Vec::as_slice).collect();
        let h = history(&refs);
        let pairs: Vec<(u32, i64)> = (0..400)
            .map(|_| (next(150) as u32, (next(60) * D as u64 / 2) as i64))
            .collect();
        let replies = Replies::new(150, pairs);
        let instants: Vec<i64> = (0..60).map(|d| d * D / 2).collect();
        let counts = backlog(
            &h,
            0..150,
            Age::LastReply(&replies),
            &instants,
            Split::Total,
        );
        for (i, &t) in instants.iter().enumerate() {
            let mut want = [0u64; COUNTED_BANDS];
            for row in 0..150u32 {
                if h.state_before(row, t).is_some_and(|s| s.unsolved()) {
                    let band = replies
                        .last_before(row, t)
                        .map_or(NO_REPLY_BAND, |r| AgeBand::of(t - r).index());
                    want[band] += 1;
                }
            }
            assert_eq!(counts.counts[0][i], want, "at {t}");
        }
    }
}
