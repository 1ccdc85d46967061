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
        let tickets = &frame.tickets;
        let sources = tickets.column("source_id")?.i64()?.rechunk();
        let ids = tickets.column("id")?.i64()?.rechunk();
        let keys: Vec<(i64, i64)> = (sources.iter().zip(ids.iter()))
            .map(|(s, i)| (s.unwrap_or_default(), i.unwrap_or_default()))
            .collect();
        let mut priorities: Vec<String> = Vec::new();
        let mut events: Vec<(u32, Event)> = Vec::new();
        let mut row = 0usize;
        store.each_ticket_event(None, |r| {
            let key = (r.source_id, r.ticket_id);
            while row < keys.len() && keys[row] < key {
                row += 1;
            }
            if keys.get(row) != Some(&key) {
                return;
            }
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
            events.push((row as u32, Event { at: r.at, change }));
        })?;
        let mut history = History::new(keys.len(), events);
        history.priorities = priorities;
        Ok(history)
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
