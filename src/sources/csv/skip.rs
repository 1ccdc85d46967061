//! Why a row was not imported, in one line the user can act on. Every skipped row is
//! reported with its line; none is dropped silently.

use std::fmt;

use super::field::Field;
use super::scale::ScoreProblem;

/// The longest piece of a cell quoted in a message (a cell may hold a megabyte).
const QUOTED_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The reader could not read the row (broken quotes, invalid text).
    Unreadable(String),
    CellCount {
        found: usize,
        expected: usize,
    },
    MissingId,
    Missing(Field),
    BadDate {
        field: Field,
        value: String,
        problem: String,
    },
    UnknownStatus(String),
    BadScore(ScoreProblem),
    /// A row the preset leaves out (Qualtrics previews, unfinished responses).
    NotKept {
        column: String,
        value: String,
    },
    /// A rating whose ticket is neither in the file's ticket column nor found by email.
    Unmatched,
}

/// A skipped row and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: u64,
    pub reason: SkipReason,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unreadable(why) => write!(f, "unreadable: {why}"),
            SkipReason::CellCount { found, expected } => {
                write!(f, "has {found} cells where the header has {expected}")
            }
            SkipReason::MissingId => f.write_str("no id"),
            SkipReason::Missing(field) => write!(f, "no {field}"),
            SkipReason::BadDate { field, value, problem } => {
                write!(f, "bad date in {field}: {} ({problem})", quoted(value))
            }
            SkipReason::UnknownStatus(value) => write!(
                f,
                "unknown status {}; map it with --status \"{}=solved\" (or new, open, pending, hold, closed)",
                quoted(value),
                shortened(value)
            ),
            SkipReason::BadScore(problem) => problem.fmt(f),
            SkipReason::NotKept { column, value } => {
                write!(f, "left out: {column} is {}", quoted(value))
            }
            SkipReason::Unmatched => {
                f.write_str("no ticket matches its ticket id or its email, so the rating is not stored")
            }
        }
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// A cell cut to the length a message quotes.
pub fn shortened(value: &str) -> String {
    if value.chars().count() > QUOTED_CHARS {
        let start: String = value.chars().take(QUOTED_CHARS).collect();
        format!("{start}…")
    } else {
        value.to_owned()
    }
}

fn quoted(value: &str) -> String {
    format!("{:?}", shortened(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_in_messages() {
        let skipped = Skipped {
            line: 7,
            reason: SkipReason::UnknownStatus("x".repeat(1_000_000)),
        };
        let text = skipped.to_string();
        assert!(text.starts_with("line 7: unknown status \"xxx"), "{text}");
        assert!(text.len() < 300, "one short line: {} bytes", text.len());
    }
}
