//! A demo ticket's status history, read off its plan without drawing another random
//! number (so every other part of the demo stays as it was): created new; pending from
//! the first reply while the customer is asked, then on hold, then open; solved, and
//! reopened once where the plan counts reopens; closed by the system. It is assigned at
//! the first reply, and moved there from a first group where the plan counts two group
//! stations. Whatever the plan, each field's last change is the ticket's stored value.

use super::timeline::Plan;
use crate::store::records::{FieldChange, HistoryField, HistoryValue, Ticket, TicketStatus};

/// Zendesk's updater id of the system (automations such as the close).
const SYSTEM: i64 = -1;
/// Event ids are the ticket id times this plus the event's number within the ticket.
const EVENTS_PER_TICKET: i64 = 16;

/// What the history of one ticket is drawn from.
pub(super) struct Facts<'a> {
    pub plan: &'a Plan,
    /// The ticket as stored (tombstones have no history).
    pub ticket: &'a Ticket,
    /// When the ticket took its stored status (the close, for a closed ticket).
    pub status_at: i64,
    /// The group a ticket that moved sat in before its own.
    pub first_group: i64,
    pub now: i64,
}

/// Appends the ticket's changes to `out`, in time order.
pub(super) fn changes(out: &mut Vec<FieldChange>, facts: &Facts) {
    let (plan, t) = (facts.plan, facts.ticket);
    let requester = t.requester_id.unwrap_or(SYSTEM);
    let agent = t.assignee_id.unwrap_or(SYSTEM);
    let mut events = Events {
        out,
        ticket_id: t.id,
        next: 0,
    };
    let assigned_at = plan
        .reply
        .unwrap_or(plan.solved)
        .min(facts.status_at)
        .max(plan.created);
    let first = facts.first_group;
    let moved = match (t.group_id, t.assignee_id) {
        (Some(group), Some(_)) if plan.group_stations > 1 && first != group => Some((first, group)),
        _ => None,
    };
    let created_in = moved.map(|(first, _)| first).or(t.group_id);
    let text = |s: &str| Some(HistoryValue::Text(s.to_owned()));
    let mut created = vec![(HistoryField::Status, None, text(TicketStatus::New.as_str()))];
    if let Some(p) = &t.priority {
        created.push((HistoryField::Priority, None, text(p)));
    }
    if let Some(g) = created_in {
        created.push((HistoryField::Group, None, Some(HistoryValue::Id(g))));
    }
    events.push(plan.created, requester, &created);
    if let Some(a) = t.assignee_id {
        let mut assigned = vec![(HistoryField::Assignee, None, Some(HistoryValue::Id(a)))];
        if let Some((first, group)) = moved {
            let (from, to) = (HistoryValue::Id(first), HistoryValue::Id(group));
            assigned.push((HistoryField::Group, Some(from), Some(to)));
        }
        events.push(assigned_at, agent, &assigned);
    }
    let mut previous = TicketStatus::New;
    for (at, status, updater) in statuses(facts, requester, agent) {
        if status != previous {
            let change = (
                HistoryField::Status,
                text(previous.as_str()),
                text(status.as_str()),
            );
            events.push(at, updater, &[change]);
            previous = status;
        }
    }
}

/// The status steps after creation, in time order, ending at the stored status.
fn statuses(facts: &Facts, requester: i64, agent: i64) -> Vec<(i64, TicketStatus, i64)> {
    let (p, t) = (facts.plan, facts.ticket);
    let mut steps = Vec::new();
    if let Some(t1) = p.reply {
        let asked = if p.pending_end > t1 {
            TicketStatus::Pending
        } else if p.hold_end > t1 {
            TicketStatus::Hold
        } else {
            TicketStatus::Open
        };
        steps.push((t1, asked, agent));
        if p.hold_end > p.pending_end && p.pending_end > t1 {
            steps.push((p.pending_end, TicketStatus::Hold, agent));
        }
        if p.solved > p.hold_end && p.hold_end > t1 {
            steps.push((p.hold_end, TicketStatus::Open, agent));
        }
    }
    if p.reopens > 0 && p.first_solved < p.solved {
        steps.push((p.first_solved, TicketStatus::Solved, agent));
        // The customer answers the solve: reopened a minute later.
        let reopened = (p.first_solved + 60).min(p.solved);
        steps.push((reopened, TicketStatus::Open, requester));
    }
    steps.push((p.solved, TicketStatus::Solved, agent));
    if t.status == TicketStatus::Closed {
        steps.push((facts.status_at, TicketStatus::Closed, SYSTEM));
    }
    steps.sort_by_key(|(at, _, _)| *at);
    steps.retain(|(at, _, _)| *at <= facts.now);
    let last = steps.last().map_or(p.created, |(at, _, _)| *at);
    if steps.last().map(|(_, s, _)| *s) != Some(t.status) {
        steps.push((last.max(facts.status_at.min(facts.now)), t.status, agent));
    }
    steps
}

/// The ticket's events as they are numbered and written.
struct Events<'a> {
    out: &'a mut Vec<FieldChange>,
    ticket_id: i64,
    next: i64,
}

type Change = (HistoryField, Option<HistoryValue>, Option<HistoryValue>);

impl Events<'_> {
    fn push(&mut self, at: i64, updater: i64, changes: &[Change]) {
        let event_id = self.ticket_id * EVENTS_PER_TICKET + self.next.min(EVENTS_PER_TICKET - 1);
        self.next += 1;
        for (field, previous, value) in changes {
            self.out.push(FieldChange {
                event_id,
                ticket_id: self.ticket_id,
                at,
                field: *field,
                previous: previous.clone(),
                value: value.clone(),
                updater_id: Some(updater),
            });
        }
    }
}
