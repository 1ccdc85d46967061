//! Each ticket's history of status, group, assignee and priority, and the spans of time
//! in which all four stayed the same. Group and assignee are the helpdesk's ids, as the
//! tickets table holds them; a priority is a code its reader gives each priority word.

use crate::store::records::{HistoryField, TicketStatus};

/// One field's new value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Status(TicketStatus),
    Group(Option<i64>),
    Assignee(Option<i64>),
    Priority(Option<i64>),
}

/// A change at an instant (unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub at: i64,
    pub change: Change,
}

/// The four fields as they stand between two changes. The status is `None` only before
/// a ticket's first status event (a history that starts without one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct State {
    pub status: Option<TicketStatus>,
    pub group: Option<i64>,
    pub assignee: Option<i64>,
    pub priority: Option<i64>,
}

impl State {
    fn apply(&mut self, change: Change) {
        match change {
            Change::Status(status) => self.status = Some(status),
            Change::Group(group) => self.group = group,
            Change::Assignee(assignee) => self.assignee = assignee,
            Change::Priority(priority) => self.priority = priority,
        }
    }

    /// Whether the ticket counts in the backlog: new, open, pending or on hold.
    pub fn unsolved(&self) -> bool {
        matches!(
            self.status,
            Some(
                TicketStatus::New | TicketStatus::Open | TicketStatus::Pending | TicketStatus::Hold
            )
        )
    }

    /// The key of `field` in this state; a status as its position in `TicketStatus::ALL`.
    pub fn key(&self, field: HistoryField) -> Option<i64> {
        match field {
            HistoryField::Status => self
                .status
                .and_then(|s| TicketStatus::ALL.iter().position(|&t| t == s))
                .map(|i| i as i64),
            HistoryField::Group => self.group,
            HistoryField::Assignee => self.assignee,
            HistoryField::Priority => self.priority,
        }
    }
}

/// A span `[start, end)` in which a ticket's state stayed the same. The last span of a
/// history has `end == i64::MAX`: the state holds until something changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub start: i64,
    pub end: i64,
    pub state: State,
}

/// Every ticket's events, in time order, by frame row. Tickets without events (sources
/// that have no history) have an empty slice.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// `events[offsets[row]..offsets[row + 1]]` are the events of `row`.
    offsets: Vec<usize>,
    events: Vec<Event>,
    /// Priority words by the code their events carry.
    pub priorities: Vec<String>,
}

impl History {
    /// The history of `rows` tickets from `(row, event)` pairs in any order. Events of one
    /// ticket at the same instant keep their given order (the store gives them by id).
    pub fn new(rows: usize, mut events: Vec<(u32, Event)>) -> History {
        events.retain(|(row, _)| (*row as usize) < rows);
        events.sort_by_key(|(row, event)| (*row, event.at));
        History {
            offsets: row_offsets(rows, events.iter().map(|(row, _)| *row)),
            events: events.into_iter().map(|(_, event)| event).collect(),
            priorities: Vec::new(),
        }
    }

    /// Its row offsets and events, as `from_parts` takes them back.
    pub(super) fn parts(&self) -> (&[usize], &[Event]) {
        (&self.offsets, &self.events)
    }

    /// A history from `parts`' output; the caller has checked that the offsets start
    /// at 0, never fall and end at the number of events.
    pub(super) fn from_parts(
        offsets: Vec<usize>,
        events: Vec<Event>,
        priorities: Vec<String>,
    ) -> History {
        History {
            offsets,
            events,
            priorities,
        }
    }

    pub fn rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn events(&self, row: u32) -> &[Event] {
        let row = row as usize;
        match (self.offsets.get(row), self.offsets.get(row + 1)) {
            (Some(&from), Some(&to)) => &self.events[from..to],
            _ => &[],
        }
    }

    pub fn has(&self, row: u32) -> bool {
        !self.events(row).is_empty()
    }

    /// The spans of `row`'s states, in order. Changes at one instant are applied
    /// together, so no span is empty.
    pub fn segments(&self, row: u32) -> Segments<'_> {
        Segments {
            events: self.events(row),
            state: State::default(),
        }
    }

    /// The state of `row` just before `t`: after every event with `at < t`. That is
    /// the state "at the end" of a bucket ending at `t`, whose events at `t` already
    /// belong to the next bucket. `None` before the ticket's first event.
    pub fn state_before(&self, row: u32, t: i64) -> Option<State> {
        let events = self.events(row);
        let count = events.partition_point(|e| e.at < t);
        (count > 0).then(|| {
            let mut state = State::default();
            events[..count].iter().for_each(|e| state.apply(e.change));
            state
        })
    }
}

/// Where each of `rows` rows' items start in a list sorted by row (`row_of` gives each
/// item's row, every one below `rows`), and where the last row's end: `rows + 1` offsets.
pub(super) fn row_offsets(rows: usize, row_of: impl Iterator<Item = u32>) -> Vec<usize> {
    let mut offsets = vec![0; rows + 1];
    for row in row_of {
        offsets[row as usize + 1] += 1;
    }
    for i in 0..rows {
        offsets[i + 1] += offsets[i];
    }
    offsets
}

pub struct Segments<'a> {
    events: &'a [Event],
    state: State,
}

impl Iterator for Segments<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        let start = self.events.first()?.at;
        let same = self.events.partition_point(|e| e.at == start);
        self.events[..same]
            .iter()
            .for_each(|e| self.state.apply(e.change));
        self.events = &self.events[same..];
        Some(Segment {
            start,
            end: self.events.first().map_or(i64::MAX, |e| e.at),
            state: self.state,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn status(at: i64, status: TicketStatus) -> Event {
        Event {
            at,
            change: Change::Status(status),
        }
    }

    pub fn group(at: i64, group: i64) -> Event {
        Event {
            at,
            change: Change::Group(Some(group)),
        }
    }

    pub fn assignee(at: i64, assignee: i64) -> Event {
        Event {
            at,
            change: Change::Assignee(Some(assignee)),
        }
    }

    /// A history of tickets given as event lists, row by row.
    pub fn history(tickets: &[&[Event]]) -> History {
        let pairs = (tickets.iter().enumerate())
            .flat_map(|(row, events)| events.iter().map(move |e| (row as u32, *e)))
            .collect();
        History::new(tickets.len(), pairs)
    }

    #[test]
    fn segments_apply_changes_at_one_instant_together_and_the_last_one_never_ends() {
        let h = history(&[&[
            status(10, TicketStatus::New),
            group(10, 1),
            status(20, TicketStatus::Open),
            assignee(20, 7),
            status(30, TicketStatus::Solved),
        ]]);
        let spans: Vec<_> = h.segments(0).map(|s| (s.start, s.end, s.state)).collect();
        assert_eq!(spans.len(), 3);
        assert_eq!((spans[0].0, spans[0].1), (10, 20));
        assert_eq!(spans[0].2.group, Some(1));
        assert_eq!(spans[1].2.assignee, Some(7));
        assert!(spans[1].2.unsolved() && !spans[2].2.unsolved());
        assert_eq!(spans[2].1, i64::MAX);
    }

    #[test]
    fn the_state_before_an_instant_leaves_out_its_own_events() {
        let h = history(&[&[
            status(10, TicketStatus::New),
            status(20, TicketStatus::Solved),
        ]]);
        assert_eq!(h.state_before(0, 10), None, "not created yet");
        assert_eq!(
            h.state_before(0, 20).and_then(|s| s.status),
            Some(TicketStatus::New)
        );
        assert_eq!(
            h.state_before(0, 21).and_then(|s| s.status),
            Some(TicketStatus::Solved)
        );
    }

    #[test]
    fn events_are_ordered_by_row_then_time_and_a_row_without_events_has_none() {
        let h = History::new(
            3,
            vec![
                (2, status(30, TicketStatus::Open)),
                (0, status(20, TicketStatus::Open)),
                (2, status(5, TicketStatus::New)),
                (9, status(1, TicketStatus::New)),
            ],
        );
        assert_eq!(h.rows(), 3);
        assert!(!h.has(1));
        assert_eq!(
            h.events(2).iter().map(|e| e.at).collect::<Vec<_>>(),
            [5, 30]
        );
        assert!(h.events(9).is_empty(), "a row past the frame is dropped");
    }
}
