//! The history of the frame's tickets, read from the store: the store's rows arrive
//! ordered by source, ticket and time, and the frame's tickets by source and id, so one
//! merge pass gives each row its ticket's frame row without a lookup table. Rows of
//! tickets the frame does not hold (deleted ones, or arriving before their ticket) are
//! left out.

use super::history::{Change, Event, History};
use crate::analytics::{AnalyticsError, Frame};
use crate::store::records::{HistoryField, HistoryValue, TicketStatus};
use crate::store::Store;

impl History {
    /// Reads the history of every ticket in `frame`.
    pub fn read(store: &Store, frame: &Frame) -> Result<History, AnalyticsError> {
        let mut rows = FrameRows::of(frame)?;
        let mut priorities: Vec<String> = Vec::new();
        let mut events: Vec<(u32, Event)> = Vec::new();
        store.each_ticket_event(None, |r| {
            let Some(row) = rows.row_of((r.source_id, r.ticket_id)) else {
                return;
            };
            let change = match (r.field, r.value) {
                (HistoryField::Status, Some(HistoryValue::Text(word))) => {
                    match TicketStatus::parse(&word) {
                        Some(status) => Change::Status(status),
                        None => return,
                    }
                }
                (HistoryField::Status, _) => return,
                (HistoryField::Group, value) => Change::Group(id_of(value)),
                (HistoryField::Assignee, value) => Change::Assignee(id_of(value)),
                (HistoryField::Priority, value) => Change::Priority(match value {
                    Some(HistoryValue::Text(word)) => Some(code_of(&mut priorities, word)),
                    _ => None,
                }),
            };
            events.push((row, Event { at: r.at, change }));
        })?;
        let mut history = History::new(rows.len(), events);
        history.priorities = priorities;
        Ok(history)
    }
}

/// Gives store rows that arrive in (source, ticket) order their ticket's frame row, in
/// one merge pass over the frame's tickets (held in source and id order).
pub(super) struct FrameRows {
    keys: Vec<(i64, i64)>,
    next: usize,
}

impl FrameRows {
    pub(super) fn of(frame: &Frame) -> Result<FrameRows, AnalyticsError> {
        let sources = frame.tickets.column("source_id")?.i64()?.rechunk();
        let ids = frame.tickets.column("id")?.i64()?.rechunk();
        let keys = (sources.iter().zip(ids.iter()))
            .map(|(s, i)| (s.unwrap_or_default(), i.unwrap_or_default()))
            .collect();
        Ok(FrameRows { keys, next: 0 })
    }

    /// The frame's ticket count.
    pub(super) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The frame row of `key`, or `None` when the frame does not hold it; keys must be
    /// asked in ascending order.
    pub(super) fn row_of(&mut self, key: (i64, i64)) -> Option<u32> {
        while self.keys.get(self.next).is_some_and(|k| *k < key) {
            self.next += 1;
        }
        (self.keys.get(self.next) == Some(&key)).then_some(self.next as u32)
    }
}

fn id_of(value: Option<HistoryValue>) -> Option<i64> {
    match value {
        Some(HistoryValue::Id(id)) => Some(id),
        _ => None,
    }
}

fn code_of(words: &mut Vec<String>, word: String) -> i64 {
    let code = match words.iter().position(|w| *w == word) {
        Some(code) => code,
        None => {
            words.push(word);
            words.len() - 1
        }
    };
    code as i64
}
