//! A ticket's status history as intervals: each status from the time it was set until
//! the next change, the last one until `now` (passed in, so results are reproducible).
//! Pure: the flow KPIs feed it the status rows of `Store::each_ticket_event`.

use super::records::TicketStatus;

/// The ticket had `status` during `[from, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusInterval {
    pub status: TicketStatus,
    pub from: i64,
    pub until: i64,
}

/// The intervals of one ticket's status changes `(at, status)`, in time order (the
/// order of equal times is kept). A change to the status the ticket already had
/// continues its interval; of changes at the same instant the last one holds; nothing
/// reaches past `now`, and a change after `now` is not yet in effect.
pub fn status_intervals(changes: &[(i64, TicketStatus)], now: i64) -> Vec<StatusInterval> {
    let mut ordered: Vec<(i64, TicketStatus)> = changes
        .iter()
        .copied()
        .filter(|(at, _)| *at <= now)
        .collect();
    ordered.sort_by_key(|(at, _)| *at);
    let mut intervals: Vec<StatusInterval> = Vec::with_capacity(ordered.len());
    for (at, status) in ordered {
        if let Some(last) = intervals.last_mut() {
            if last.from == at {
                // Two changes at one instant: the later one is what the ticket had.
                last.status = status;
                if intervals.len() > 1 && intervals[intervals.len() - 2].status == status {
                    intervals.pop();
                }
                continue;
            }
            if last.status == status {
                continue;
            }
            last.until = at;
        }
        intervals.push(StatusInterval {
            status,
            from: at,
            until: now,
        });
    }
    if let Some(last) = intervals.last_mut() {
        last.until = now;
    }
    intervals
}

#[cfg(test)]
mod tests {
    use super::*;
    use TicketStatus::*;

    fn spans(changes: &[(i64, TicketStatus)], now: i64) -> Vec<(TicketStatus, i64, i64)> {
        status_intervals(changes, now)
            .into_iter()
            .map(|i| (i.status, i.from, i.until))
            .collect()
    }

    #[test]
    fn each_status_lasts_until_the_next_and_the_last_until_now() {
        assert_eq!(
            spans(&[(10, New), (20, Open), (35, Pending), (50, Solved)], 100),
            [
                (New, 10, 20),
                (Open, 20, 35),
                (Pending, 35, 50),
                (Solved, 50, 100)
            ]
        );
    }

    #[test]
    fn a_reopened_ticket_has_each_spell_of_its_own() {
        assert_eq!(
            spans(
                &[
                    (0, New),
                    (5, Open),
                    (9, Solved),
                    (12, Open),
                    (20, Solved),
                    (30, Closed)
                ],
                40
            ),
            [
                (New, 0, 5),
                (Open, 5, 9),
                (Solved, 9, 12),
                (Open, 12, 20),
                (Solved, 20, 30),
                (Closed, 30, 40)
            ]
        );
    }

    #[test]
    fn a_repeated_status_continues_its_interval() {
        assert_eq!(
            spans(&[(0, Open), (5, Open), (9, Hold)], 20),
            [(Open, 0, 9), (Hold, 9, 20)]
        );
    }

    #[test]
    fn of_changes_at_one_instant_the_last_holds() {
        assert_eq!(
            spans(&[(0, New), (5, Open), (5, Pending), (9, Solved)], 20),
            [(New, 0, 5), (Pending, 5, 9), (Solved, 9, 20)]
        );
        assert_eq!(
            spans(&[(0, Open), (5, Pending), (5, Open), (9, Solved)], 20),
            [(Open, 0, 9), (Solved, 9, 20)],
            "a status undone at the same instant never held"
        );
    }

    #[test]
    fn unordered_input_is_ordered_and_the_future_left_out() {
        assert_eq!(
            spans(&[(9, Solved), (0, New), (50, Closed)], 20),
            [(New, 0, 9), (Solved, 9, 20)]
        );
        assert_eq!(spans(&[], 20), []);
        assert_eq!(spans(&[(30, New)], 20), [], "created after now");
    }
}
