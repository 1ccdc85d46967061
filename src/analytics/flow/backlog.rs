//! The backlog as the history tells it: at each instant, the tickets whose status just
//! before it was new, open, pending or on hold, counted by age band and by the key the
//! ticket had then (or has now, for dimensions the history does not track).

use std::collections::HashMap;

use super::age::AgeBand;
use super::history::History;
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

/// Backlog counts: for each key, for each instant, the count in each age band.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BacklogCounts {
    /// Keys in ascending order, `None` (no value) last.
    pub keys: Vec<Option<i64>>,
    /// `counts[key][instant][band]`.
    pub counts: Vec<Vec<[u64; 5]>>,
    /// Tickets asked about that have no history, so are in no count.
    pub without_history: u64,
}

impl BacklogCounts {
    /// The count of `key` at `instant`, every band together.
    pub fn total(&self, key: usize, instant: usize) -> u64 {
        self.counts[key][instant].iter().sum()
    }
}

/// Counts the backlog of `rows` at each of `instants` (ascending), each ticket's age taken
/// from `created_at` (by frame row).
pub fn backlog(
    history: &History,
    rows: impl IntoIterator<Item = u32>,
    created_at: &[i64],
    instants: &[i64],
    split: Split,
) -> BacklogCounts {
    let slots = instants.len() + 1;
    let mut diffs: HashMap<Option<i64>, Vec<[i64; 5]>> = HashMap::new();
    if let Split::Total = split {
        // The total is there even when it counts nothing.
        diffs.insert(None, vec![[0; 5]; slots]);
    }
    let mut without_history = 0;
    for row in rows {
        if !history.has(row) {
            without_history += 1;
            continue;
        }
        let created = created_at.get(row as usize).copied().unwrap_or(i64::MIN);
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
            let diff = diffs.entry(key).or_insert_with(|| vec![[0; 5]; slots]);
            let mut from = first;
            for (band, limit) in AgeBand::ALL.iter().zip(band_ends(created)) {
                let to = instants.partition_point(|&t| t < limit).clamp(from, last);
                if to > from {
                    diff[from][band.index()] += 1;
                    diff[to][band.index()] -= 1;
                }
                from = to;
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

/// The instants at which a ticket created at `created` leaves each band.
fn band_ends(created: i64) -> [i64; 5] {
    let limit = |i: usize| created.saturating_add(AgeBand::LIMITS[i]);
    [limit(0), limit(1), limit(2), limit(3), i64::MAX]
}

fn running_totals(diff: &[[i64; 5]], instants: usize) -> Vec<[u64; 5]> {
    let mut running = [0i64; 5];
    (0..instants)
        .map(|i| {
            for band in 0..5 {
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
        let counts = backlog(&h, [0], &[0], &instants, Split::Total);
        let totals: Vec<u64> = (0..6).map(|i| counts.total(0, i)).collect();
        // Just before day 1's end the ticket was open; the solve at exactly D counts
        // from the next instant on.
        assert_eq!(totals, [1, 0, 1, 0, 1, 0]);
        assert_eq!(totals, by_state_before(&h, &[0], &instants));
        assert_eq!(counts.counts[0][2], [0, 0, 1, 0, 0], "3 days old at 3·D");
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
        let counts = backlog(&h, [0], &[0], &instants, Split::Held(HistoryField::Group));
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
        let counts = backlog(&h, [0], &[0], &instants, Split::Total);
        let bands: Vec<usize> = (counts.counts[0].iter())
            .map(|c| c.iter().position(|&n| n == 1).unwrap_or(9))
            .collect();
        assert_eq!(bands, [0, 1, 2, 3, 4, 4]);
    }

    #[test]
    fn tickets_without_history_are_counted_apart_and_no_instants_give_no_counts() {
        let h = history(&[&[status(0, Open)], &[]]);
        let counts = backlog(&h, [0, 1], &[0, 0], &[D], Split::Total);
        assert_eq!((counts.total(0, 0), counts.without_history), (1, 1));
        let none = backlog(&h, [0], &[0], &[], Split::Total);
        assert_eq!(none.counts, vec![Vec::<[u64; 5]>::new()]);
    }

    #[test]
    fn current_keys_split_by_the_row_and_a_deleted_ticket_leaves_the_backlog() {
        let h = history(&[
            &[status(0, Open)],
            &[status(0, Pending), status(D + H, Deleted)],
        ]);
        let channel = [Some(4), None];
        let counts = backlog(&h, [0, 1], &[0, 0], &[D, 2 * D], Split::Current(&channel));
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
        let counts = backlog(&h, rows.iter().copied(), &created, &instants, Split::Total);
        let totals: Vec<u64> = (0..40).map(|i| counts.total(0, i)).collect();
        assert_eq!(totals, by_state_before(&h, &rows, &instants));
    }
}
