//! Each ticket's public replies by agents, in time order, by frame row: what the
//! backlog's age since the last public reply is counted from. Read from the store as the
//! history is: its rows arrive ordered by source, ticket and time, the frame's tickets by
//! source and id, so one merge pass gives each reply its frame row. Replies of tickets
//! the frame does not hold (deleted ones) are left out.

use super::history::row_offsets;
use super::load::FrameRows;
use crate::analytics::{AnalyticsError, Frame};
use crate::store::Store;

/// The instants (unix seconds) of every ticket's public agent replies, by frame row.
#[derive(Debug, Clone, Default)]
pub struct Replies {
    /// `at[offsets[row]..offsets[row + 1]]` are the replies of `row`, ascending.
    offsets: Vec<usize>,
    at: Vec<i64>,
}

impl Replies {
    /// Replies from `(row, instant)` pairs in any order, for `rows` tickets.
    pub fn new(rows: usize, mut replies: Vec<(u32, i64)>) -> Replies {
        replies.retain(|(row, _)| (*row as usize) < rows);
        replies.sort_unstable();
        Replies {
            offsets: row_offsets(rows, replies.iter().map(|(row, _)| *row)),
            at: replies.into_iter().map(|(_, at)| at).collect(),
        }
    }

    /// Reads the public agent replies of every ticket in `frame`.
    pub fn read(store: &Store, frame: &Frame) -> Result<Replies, AnalyticsError> {
        let mut rows = FrameRows::of(frame)?;
        let mut replies: Vec<(u32, i64)> = Vec::new();
        store.each_agent_reply(|r| {
            if let Some(row) = rows.row_of((r.source_id, r.ticket_id)) {
                replies.push((row, r.at));
            }
        })?;
        Ok(Replies::new(rows.len(), replies))
    }

    /// The replies of `row`, ascending.
    pub fn of(&self, row: u32) -> &[i64] {
        let row = row as usize;
        match (self.offsets.get(row), self.offsets.get(row + 1)) {
            (Some(&from), Some(&to)) => &self.at[from..to],
            _ => &[],
        }
    }

    /// The last reply of `row` strictly before `t`: the one a bucket ending at `t`
    /// counts (a reply at `t` belongs to the next bucket, as a status change does).
    pub fn last_before(&self, row: u32, t: i64) -> Option<i64> {
        let at = self.of(row);
        at[..at.partition_point(|&r| r < t)].last().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_kept_per_row_in_order_and_the_last_before_leaves_out_its_instant() {
        let r = Replies::new(3, vec![(2, 50), (0, 30), (2, 10), (7, 1)]);
        assert_eq!(r.of(0), [30]);
        assert_eq!(r.of(1), [] as [i64; 0]);
        assert_eq!(r.of(2), [10, 50]);
        assert!(r.of(7).is_empty(), "a row past the frame is dropped");
        assert_eq!(r.last_before(2, 50), Some(10));
        assert_eq!(r.last_before(2, 51), Some(50));
        assert_eq!(r.last_before(2, 10), None);
    }
}
