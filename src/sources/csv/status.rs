//! A tool's status values → Deskbench's states (new, open, pending, hold, solved,
//! closed): the preset's table, the user's `--status "VALUE=STATE"` on top, and the
//! states' own names. A value in none of them is a bad row, never a guess.

use std::collections::HashMap;

use super::field::header_key;
use crate::store::records::TicketStatus;

/// The states a file may name directly, and common words for them.
const COMMON: [(&str, TicketStatus); 9] = [
    ("new", TicketStatus::New),
    ("open", TicketStatus::Open),
    ("pending", TicketStatus::Pending),
    ("hold", TicketStatus::Hold),
    ("on hold", TicketStatus::Hold),
    ("solved", TicketStatus::Solved),
    ("resolved", TicketStatus::Solved),
    ("closed", TicketStatus::Closed),
    ("done", TicketStatus::Solved),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error(
        "{0:?} is not a status mapping; write VALUE=STATE, e.g. \"Waiting for customer=pending\""
    )]
    NoEquals(String),
    #[error(
        "{state:?} (for {value:?}) is not a state; use new, open, pending, hold, solved or closed"
    )]
    BadState { value: String, state: String },
}

#[derive(Debug, Clone, Default)]
pub struct StatusTable {
    states: HashMap<String, TicketStatus>,
}

impl StatusTable {
    /// The common words, then the preset's table, then the user's overrides.
    pub fn new<'a>(
        preset: impl IntoIterator<Item = (&'a String, &'a String)>,
        overrides: &[String],
    ) -> Result<StatusTable, StatusError> {
        let mut table = StatusTable::default();
        for (value, state) in COMMON {
            table.states.insert(value.to_owned(), state);
        }
        for (value, state) in preset {
            table.insert(value, state)?;
        }
        for line in overrides {
            let (value, state) = line
                .rsplit_once('=')
                .ok_or_else(|| StatusError::NoEquals(line.clone()))?;
            table.insert(value, state)?;
        }
        Ok(table)
    }

    fn insert(&mut self, value: &str, state: &str) -> Result<(), StatusError> {
        let parsed = TicketStatus::parse(state.trim())
            .filter(|s| *s != TicketStatus::Deleted)
            .ok_or_else(|| StatusError::BadState {
                value: value.to_owned(),
                state: state.to_owned(),
            })?;
        self.states.insert(header_key(value), parsed);
        Ok(())
    }

    /// The state of a status cell, if the table knows it.
    pub fn state(&self, value: &str) -> Option<TicketStatus> {
        self.states.get(&header_key(value)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_over_the_preset_and_case_does_not_matter() {
        let preset = [("Waiting for customer".to_owned(), "hold".to_owned())];
        let table = StatusTable::new(
            preset.iter().map(|(a, b)| (a, b)),
            &["waiting FOR customer=pending".into()],
        )
        .expect("a table");
        assert_eq!(
            table.state("Waiting for Customer"),
            Some(TicketStatus::Pending)
        );
        assert_eq!(table.state(" Resolved "), Some(TicketStatus::Solved));
        assert_eq!(table.state("Escalated"), None);
    }

    #[test]
    fn a_mapping_to_no_state_is_refused() {
        let none = std::iter::empty();
        assert_eq!(
            StatusTable::new(none, &["Escalated=urgent".into()]).unwrap_err(),
            StatusError::BadState {
                value: "Escalated".into(),
                state: "urgent".into()
            }
        );
        let none = std::iter::empty();
        assert!(matches!(
            StatusTable::new(none, &["Escalated".into()]),
            Err(StatusError::NoEquals(_))
        ));
    }
}
