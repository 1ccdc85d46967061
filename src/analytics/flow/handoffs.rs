//! Handoffs: how often solved tickets moved between groups and agents before their solve,
//! and which group-to-group transfers happen most.

use std::collections::HashMap;

use super::history::{Change, Event, History};

/// A transfer between two groups (frame keys) and how many times it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    pub from: i64,
    pub to: i64,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Handoffs {
    /// Solved tickets with history.
    pub n: u64,
    pub mean_group_changes: Option<f64>,
    pub mean_assignee_changes: Option<f64>,
    /// The share of the `n` tickets with two or more group changes.
    pub two_or_more_groups: Option<f64>,
    /// Every group-to-group transfer, most frequent first (ties by keys).
    pub transfers: Vec<Transfer>,
    pub without_history: u64,
}

/// The handoffs of `solved` tickets, each `(row, solved_at)`: the changes of group and
/// of assignee from one value to a different one, up to and including the solve's
/// instant. A first assignment (from no value) or an unassignment is not a handoff.
pub fn handoffs(history: &History, solved: impl IntoIterator<Item = (u32, i64)>) -> Handoffs {
    let (mut n, mut without_history, mut two_or_more) = (0u64, 0u64, 0u64);
    let (mut group_changes, mut assignee_changes) = (0u64, 0u64);
    let mut transfers: HashMap<(i64, i64), u64> = HashMap::new();
    for (row, solved_at) in solved {
        let events = history.events(row);
        if events.is_empty() {
            without_history += 1;
            continue;
        }
        n += 1;
        let mut groups_moved = 0;
        for pair in group_moves(events, solved_at) {
            groups_moved += 1;
            *transfers.entry(pair).or_default() += 1;
        }
        let mut assignee = None;
        for event in events.iter().take_while(|e| e.at <= solved_at) {
            if let Change::Assignee(to) = event.change {
                if matches!((assignee, to), (Some(from), Some(to)) if from != to) {
                    assignee_changes += 1;
                }
                assignee = to;
            }
        }
        group_changes += groups_moved;
        two_or_more += u64::from(groups_moved >= 2);
    }
    let share = |count: u64| (n > 0).then(|| count as f64 / n as f64);
    let mut transfers: Vec<Transfer> = (transfers.into_iter())
        .map(|((from, to), count)| Transfer { from, to, count })
        .collect();
    transfers.sort_by_key(|t| (std::cmp::Reverse(t.count), t.from, t.to));
    Handoffs {
        n,
        mean_group_changes: share(group_changes),
        mean_assignee_changes: share(assignee_changes),
        two_or_more_groups: share(two_or_more),
        transfers,
        without_history,
    }
}

/// The group-to-group transfers of a ticket's `events` up to and including `solved_at`,
/// in order: the rule both the transfer counts and their ticket lists follow.
pub(super) fn group_moves(
    events: &[Event],
    solved_at: i64,
) -> impl Iterator<Item = (i64, i64)> + '_ {
    let mut group = None;
    (events.iter().take_while(move |e| e.at <= solved_at)).filter_map(move |event| {
        let Change::Group(to) = event.change else {
            return None;
        };
        let from = std::mem::replace(&mut group, to);
        match (from, to) {
            (Some(from), Some(to)) if from != to => Some((from, to)),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::history::tests::{assignee, group, history, status};
    use super::*;
    use crate::store::records::TicketStatus::*;

    #[test]
    fn three_groups_make_two_transfers_and_changes_after_the_solve_do_not_count() {
        let unassign = Event {
            at: 25,
            change: Change::Assignee(None),
        };
        let h = history(&[
            &[
                status(0, New),
                group(0, 1),
                assignee(5, 7),
                group(10, 2),
                assignee(15, 8),
                group(20, 3),
                unassign,
                status(30, Solved),
                group(40, 1),
            ],
            &[status(0, Open), group(0, 2), group(5, 3), status(9, Solved)],
            &[],
        ]);
        let result = handoffs(&h, [(0, 30), (1, 9), (2, 9)]);
        assert_eq!((result.n, result.without_history), (2, 1));
        assert_eq!(result.mean_group_changes, Some(1.5));
        assert_eq!(result.mean_assignee_changes, Some(0.5), "7→8 only");
        assert_eq!(result.two_or_more_groups, Some(0.5));
        let pairs: Vec<_> = result
            .transfers
            .iter()
            .map(|t| (t.from, t.to, t.count))
            .collect();
        assert_eq!(pairs, [(2, 3, 2), (1, 2, 1)]);
    }

    #[test]
    fn no_solved_tickets_give_nulls() {
        let result = handoffs(&History::default(), []);
        assert_eq!(
            (
                result.n,
                result.mean_group_changes,
                result.two_or_more_groups
            ),
            (0, None, None)
        );
    }
}
