//! SLA metric events (Zendesk's ticket metric events) for tickets with a priority: the
//! policy applies at creation, then each metric is fulfilled in time or breached first.

use super::config::{POLICY_STANDARD, POLICY_VIP};
use super::timeline::Plan;
use crate::store::records::SlaEvent;

/// First-reply targets in minutes by priority (low, normal, high, urgent).
const REPLY_TARGET: [f64; 4] = [1_440.0, 480.0, 240.0, 60.0];
/// Requester-wait targets in minutes by priority.
const WAIT_TARGET: [f64; 4] = [10_080.0, 4_320.0, 1_440.0, 480.0];

pub(super) const REPLY_METRIC: &str = "reply_time";
pub(super) const WAIT_METRIC: &str = "requester_wait_time";

/// Appends the ticket's events to `out` in time order, numbering them from `next_id`.
pub(super) fn events(
    out: &mut Vec<SlaEvent>,
    next_id: &mut i64,
    ticket_id: i64,
    priority: usize,
    vip: bool,
    plan: &Plan,
    now: i64,
) {
    // The VIP policy halves every target.
    let (policy, scale) = if vip {
        (POLICY_VIP, 0.5)
    } else {
        (POLICY_STANDARD, 1.0)
    };
    let mut push =
        |metric: &'static str, event_type: &'static str, time: i64, target: Option<f64>| {
            *next_id += 1;
            out.push(SlaEvent {
                id: *next_id,
                ticket_id,
                metric: metric.to_owned(),
                instance_id: 1,
                event_type: event_type.to_owned(),
                time,
                target_minutes: target,
                business_hours: target.map(|_| false),
                policy_id: target.map(|_| policy),
            });
        };
    let t0 = plan.created;
    let solved = (plan.solved <= now).then_some(plan.solved);

    // Reply time: fulfilled by the first public reply, or by the solve if there was none.
    let target = REPLY_TARGET[priority] * scale;
    push(REPLY_METRIC, "apply_sla", t0, Some(target));
    let deadline = t0 + (target * 60.0) as i64;
    let fulfilled = match plan.reply {
        Some(t1) => (t1 <= now).then_some(t1),
        None => solved,
    };
    match fulfilled {
        Some(t) if t <= deadline => push(REPLY_METRIC, "fulfill", t, None),
        Some(t) => {
            push(REPLY_METRIC, "breach", deadline, None);
            push(REPLY_METRIC, "fulfill", t, None);
        }
        None if deadline <= now => push(REPLY_METRIC, "breach", deadline, None),
        None => {}
    }

    // Requester wait: the clock runs while the ticket is new, open or on hold and stops
    // while it is pending on the customer.
    let target = WAIT_TARGET[priority] * scale;
    push(WAIT_METRIC, "apply_sla", t0, Some(target));
    let running: [(i64, i64); 2] = match plan.reply {
        Some(t1) => [(t0, t1), (plan.pending_end, plan.solved)],
        None => [(t0, plan.solved), (plan.solved, plan.solved)],
    };
    let breach = breach_time(&running, (target * 60.0) as i64);
    match (breach, solved) {
        (Some(b), Some(s)) if b < s => {
            push(WAIT_METRIC, "breach", b, None);
            push(WAIT_METRIC, "fulfill", s, None);
        }
        (_, Some(s)) => push(WAIT_METRIC, "fulfill", s, None),
        (Some(b), None) if b <= now => push(WAIT_METRIC, "breach", b, None),
        _ => {}
    }
}

/// The moment the running intervals add up to more than `target` seconds, if they do.
fn breach_time(running: &[(i64, i64)], target: i64) -> Option<i64> {
    let mut left = target;
    for &(from, to) in running {
        let len = (to - from).max(0);
        if len > left {
            return Some(from + left);
        }
        left -= len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(reply_after: Option<i64>, solved_after: i64) -> Plan {
        let t0 = 1_000_000;
        let reply = reply_after.map(|m| t0 + m * 60);
        Plan {
            created: t0,
            reply,
            pending_end: reply.unwrap_or(t0),
            hold_end: reply.unwrap_or(t0),
            first_solved: t0 + solved_after * 60,
            solved: t0 + solved_after * 60,
            replies: i64::from(reply.is_some()),
            reopens: 0,
            assignee_stations: 1,
            group_stations: 1,
        }
    }

    fn kinds(events: &[SlaEvent], metric: &str) -> Vec<String> {
        events
            .iter()
            .filter(|e| e.metric == metric)
            .map(|e| e.event_type.clone())
            .collect()
    }

    #[test]
    fn reply_within_target_is_fulfilled_and_late_reply_breaches_first() {
        let (mut out, mut id) = (Vec::new(), 0);
        events(
            &mut out,
            &mut id,
            1,
            3,
            false,
            &plan(Some(30), 40),
            i64::MAX,
        );
        assert_eq!(kinds(&out, REPLY_METRIC), ["apply_sla", "fulfill"]);
        out.clear();
        events(
            &mut out,
            &mut id,
            2,
            3,
            false,
            &plan(Some(90), 100),
            i64::MAX,
        );
        assert_eq!(
            kinds(&out, REPLY_METRIC),
            ["apply_sla", "breach", "fulfill"]
        );
        assert_eq!(
            out[1].time,
            1_000_000 + 60 * 60,
            "urgent target is one hour"
        );
        assert!(out.windows(2).all(|w| w[0].id < w[1].id), "ids increase");
    }

    #[test]
    fn unanswered_ticket_breaches_only_after_its_deadline() {
        let (mut out, mut id) = (Vec::new(), 0);
        let p = plan(Some(600), 700);
        events(&mut out, &mut id, 1, 1, false, &p, p.created + 300 * 60);
        assert_eq!(
            kinds(&out, REPLY_METRIC),
            ["apply_sla"],
            "before the 480 min deadline"
        );
        out.clear();
        events(&mut out, &mut id, 1, 1, false, &p, p.created + 500 * 60);
        assert_eq!(kinds(&out, REPLY_METRIC), ["apply_sla", "breach"]);
    }

    #[test]
    fn requester_wait_pauses_while_pending() {
        let mut p = plan(Some(10), 3_000);
        p.pending_end = p.created + 2_900 * 60; // waited on the customer for most of it
        let (mut out, mut id) = (Vec::new(), 0);
        events(&mut out, &mut id, 1, 0, false, &p, i64::MAX);
        assert_eq!(kinds(&out, WAIT_METRIC), ["apply_sla", "fulfill"]);
        assert_eq!(breach_time(&[(0, 10), (20, 40)], 15), Some(25));
        assert_eq!(breach_time(&[(0, 10), (20, 25)], 15), None);
    }
}
