//! A demo ticket's public agent replies, read off its plan and its stored metrics without
//! drawing another random number (so every other part of the demo stays as it was): as
//! many as its `replies` metric counts, the first at its first reply (`created_at` plus
//! the reply time), all by its assignee. A solved ticket's replies are spread evenly up
//! to its solve; an unsolved one's keep the plan's pace (the plan's replies spread evenly
//! up to its planned solve), so the ones written are those made by `now`.

use super::timeline::Plan;
use crate::store::records::{PublicComment, Ticket};

/// Comment ids are the ticket id times this plus the reply's number within the ticket
/// (the plan counts at most 30).
const REPLIES_PER_TICKET: i64 = 32;

/// Appends the ticket's public agent replies to `out`, in time order.
pub(super) fn replies(out: &mut Vec<PublicComment>, plan: &Plan, ticket: &Ticket) {
    let count = ticket.metrics.replies.unwrap_or(0);
    let (Some(first), Some(author)) = (plan.reply, ticket.assignee_id) else {
        return;
    };
    if count <= 0 || ticket.metrics.reply_time.calendar.is_none() {
        return;
    }
    // Solved: the last reply is the solve. Unsolved: the k-th of the plan's replies
    // falls at k / replies of the way to the planned solve, which `now` has passed for
    // each one the metric counts.
    let (span, steps) = match ticket.solved_at {
        Some(solved) => (solved - first, (count - 1).max(1)),
        None => (plan.solved - first, plan.replies.max(1)),
    };
    for k in 0..count {
        out.push(PublicComment {
            comment_id: ticket.id * REPLIES_PER_TICKET + k.min(REPLIES_PER_TICKET - 1),
            ticket_id: ticket.id,
            at: first + span.max(0) * k / steps,
            author_id: Some(author),
        });
    }
}
