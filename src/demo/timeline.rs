//! A ticket's life: when it gets its first reply, how long it waits on the customer, on
//! hold and in the queue, when it is solved and closed, and the native metrics that follow.
//!
//! A plan is drawn once with whole-minute segments, then observed at `now`, so metrics are
//! consistent by construction: `solved_at = created_at + full_resolution * 60`, and the
//! wait metrics partition the resolution time.

use rand::Rng;

use super::calendar::{business_minutes, Staffing, DAY, HOUR};
use super::sample::{chance, lognormal, weighted, DemoRng};
use super::topics::{Topic, TopicSpec, BILLING, TECHNICAL};
use crate::store::records::{Minutes, TicketMetrics, TicketStatus};

/// Zendesk closes solved tickets four days after the solve.
pub(super) const CLOSE_AFTER: i64 = 4 * DAY;
/// Resolution-time tails are cut here, except for deliberately stale tickets.
const MAX_REST_MINUTES: f64 = 45.0 * 1_440.0;

/// What shapes a ticket's handling.
pub(super) struct Inputs<'a> {
    pub created_at: i64,
    pub spec: &'a TopicSpec,
    pub channel: &'a str,
    /// 0 low … 3 urgent; `None` for tickets without priority.
    pub priority: Option<usize>,
    pub vip: bool,
    pub group: usize,
    pub staffing: Staffing,
    pub agent_speed: f64,
    /// Position of the ticket in the demo span, 0 at the start, 1 at `now`.
    pub progress: f64,
    /// Queue pressure: above 1 in the holiday peak and on incident days.
    pub load: f64,
}

/// Planned times in unix seconds (they may lie after `now`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Plan {
    pub created: i64,
    /// First public agent reply; `None` for tickets solved without one.
    pub reply: Option<i64>,
    /// End of the wait for the customer (pending) and of the hold that follows it.
    pub pending_end: i64,
    pub hold_end: i64,
    pub first_solved: i64,
    pub solved: i64,
    pub replies: i64,
    pub reopens: i64,
    pub assignee_stations: i64,
    pub group_stations: i64,
}

/// The plan as seen at `now`.
pub(super) struct Outcome {
    pub status: TicketStatus,
    pub assigned: bool,
    pub solved_at: Option<i64>,
    pub updated_at: i64,
    pub metrics: TicketMetrics,
}

fn minutes_between(from: i64, to: i64) -> Minutes {
    Minutes {
        calendar: Some(((to - from) / 60) as f64),
        business: Some(business_minutes(from, to) as f64),
    }
}

pub(super) fn plan(rng: &mut DemoRng, i: &Inputs) -> Plan {
    let t0 = i.created_at;
    let (assignee_stations, group_stations) = match weighted(rng, &[85.0, 11.0, 4.0]) {
        0 => (1, 1),
        1 => (2, if chance(rng, 0.4) { 2 } else { 1 }),
        _ => (3, 2),
    };
    let mut plan = Plan {
        created: t0,
        reply: None,
        pending_end: t0,
        hold_end: t0,
        first_solved: t0,
        solved: t0,
        replies: 0,
        reopens: 0,
        assignee_stations,
        group_stations,
    };
    // Duplicates, spam and "never mind, it works now": solved without a reply.
    if chance(rng, 0.04) {
        let minutes = lognormal(rng, 90.0, 1.2).clamp(1.0, 20_000.0) as i64;
        plan.solved = t0 + minutes * 60;
        plan.first_solved = plan.solved;
        return plan;
    }
    let t1 = t0 + reply_minutes(rng, i) * 60;
    plan.reply = Some(t1);
    let (rest, pending, hold, replies, reopens) = if chance(rng, i.spec.one_touch) {
        // Solved by the first reply; sometimes the customer confirms a little later.
        let rest = if chance(rng, 0.55) {
            0
        } else {
            lognormal(rng, 25.0, 1.0).ceil() as i64
        };
        (rest, rest, 0, 1, 0)
    } else {
        multi_touch(rng, i)
    };
    plan.pending_end = t1 + pending * 60;
    plan.hold_end = plan.pending_end + hold * 60;
    plan.solved = t1 + rest * 60;
    plan.first_solved = if reopens > 0 {
        t1 + ((rest as f64 * rng.gen_range(0.3..0.8)) as i64) * 60
    } else {
        plan.solved
    };
    plan.replies = replies;
    plan.reopens = reopens;
    plan
}

/// Minutes to the first reply: handling effort, spread over the team's staffed hours.
fn reply_minutes(rng: &mut DemoRng, i: &Inputs) -> i64 {
    let channel = match i.channel {
        "chat" => 4.0,
        "voice" => 0.5,
        "api" => 50.0,
        "mobile" => 70.0,
        _ => 60.0,
    };
    let priority = i.priority.map_or(1.1, |p| [1.5, 1.0, 0.6, 0.3][p]);
    // Billing hired in the first months: its replies get much faster over the span.
    let trend = if i.group == BILLING {
        1.8 - 1.1 * i.progress
    } else {
        1.0
    };
    let vip = if i.vip { 0.5 } else { 1.0 };
    let work = lognormal(rng, channel, 1.0) * priority * trend * vip * i.agent_speed * i.load;
    let done = i.staffing.advance(i.created_at, work * 60.0);
    ((done - i.created_at + 59) / 60).max(1)
}

/// (rest after the first reply, pending, hold, replies, reopens), all minutes but counts.
fn multi_touch(rng: &mut DemoRng, i: &Inputs) -> (i64, i64, i64, i64, i64) {
    let priority = i.priority.map_or(1.0, |p| [1.3, 1.0, 0.7, 0.4][p]);
    let vip = if i.vip { 0.6 } else { 1.0 };
    let chat = if i.channel == "chat" { 0.6 } else { 1.0 };
    // Technical slipped in the last months (a release train backlog).
    let regression = if i.group == TECHNICAL && i.progress > 0.7 {
        1.0 + 2.0 * (i.progress - 0.7)
    } else {
        1.0
    };
    let median = i.spec.resolve_median * priority * vip * chat * regression * i.agent_speed.sqrt();
    let mut rest = lognormal(rng, median, 1.0).clamp(10.0, MAX_REST_MINUTES);
    let hold_chance = i.spec.hold * if i.group == TECHNICAL { 1.5 } else { 1.0 };
    let hold_share = if chance(rng, hold_chance) {
        rest *= 1.5;
        rng.gen_range(0.15..0.6)
    } else {
        0.0
    };
    // A few feature requests sit on hold for months until the roadmap decides.
    if i.spec.topic == Topic::FeatureRequest && chance(rng, 0.04) {
        rest = rng.gen_range(60.0..300.0) * 1_440.0;
    }
    let rest = rest.round() as i64;
    let pending_share = (1.0 - hold_share) * rng.gen_range(0.3..0.7);
    let pending = (rest as f64 * pending_share) as i64;
    let hold = (rest as f64 * hold_share) as i64;
    let days = rest as f64 / 1_440.0;
    let replies = 2 + (lognormal(rng, 0.8 + 0.25 * days.min(10.0), 0.6) as i64).min(28);
    let reopens = if chance(rng, 0.14) {
        1 + i64::from(chance(rng, 0.2))
    } else {
        0
    };
    (rest, pending, hold, replies, reopens)
}

pub(super) fn observe(rng: &mut DemoRng, p: &Plan, now: i64) -> Outcome {
    let t0 = p.created;
    let stations = |assigned: bool| {
        if assigned {
            (Some(p.assignee_stations), Some(p.group_stations))
        } else {
            (Some(0), Some(0))
        }
    };
    if p.solved <= now {
        let closed_at = p.solved + CLOSE_AFTER + rng.gen_range(60..6 * HOUR);
        let closed = closed_at <= now;
        let full = minutes_between(t0, p.solved);
        let (requester_wait, agent_wait, on_hold) = match p.reply {
            Some(t1) => {
                let wait_cal = (t1 - t0 + p.solved - p.pending_end) / 60;
                let wait_bus = business_minutes(t0, t1) + business_minutes(p.pending_end, p.solved);
                (
                    Minutes {
                        calendar: Some(wait_cal as f64),
                        business: Some(wait_bus as f64),
                    },
                    minutes_between(t1, p.pending_end),
                    minutes_between(p.pending_end, p.hold_end),
                )
            }
            None => (full, minutes_between(t0, t0), minutes_between(t0, t0)),
        };
        let (assignee_stations, group_stations) = stations(true);
        return Outcome {
            status: if closed {
                TicketStatus::Closed
            } else {
                TicketStatus::Solved
            },
            assigned: true,
            solved_at: Some(p.solved),
            updated_at: if closed { closed_at } else { p.solved },
            metrics: TicketMetrics {
                reply_time: p
                    .reply
                    .map(|t1| minutes_between(t0, t1))
                    .unwrap_or_default(),
                first_resolution_time: minutes_between(t0, p.first_solved),
                full_resolution_time: full,
                requester_wait_time: requester_wait,
                agent_wait_time: agent_wait,
                on_hold_time: on_hold,
                replies: Some(p.replies),
                reopens: Some(p.reopens),
                assignee_stations,
                group_stations,
            },
        };
    }
    let replied = p.reply.filter(|t1| *t1 <= now);
    let (status, assigned, updated_at) = match replied {
        None => {
            let age = now - t0;
            let unassigned = if age < 4 * HOUR {
                0.85
            } else if age < DAY {
                0.5
            } else {
                0.15
            };
            if chance(rng, unassigned) {
                (TicketStatus::New, false, t0)
            } else {
                (TicketStatus::Open, true, t0 + (age / 10).min(HOUR))
            }
        }
        Some(_) if p.reopens > 0 && p.first_solved <= now => {
            (TicketStatus::Open, true, p.first_solved)
        }
        Some(t1) if now < p.pending_end => (TicketStatus::Pending, true, t1),
        Some(_) if now < p.hold_end => (TicketStatus::Hold, true, p.pending_end),
        Some(_) => (TicketStatus::Open, true, p.hold_end),
    };
    let reopened = replied.is_some() && p.reopens > 0 && p.first_solved <= now;
    let replies = replied.map_or(0, |t1| {
        let done = (now - t1) as f64 / (p.solved - t1).max(1) as f64;
        ((p.replies as f64 * done).round() as i64).clamp(1, p.replies.max(1))
    });
    let (assignee_stations, group_stations) = stations(assigned);
    Outcome {
        status,
        assigned,
        solved_at: None,
        updated_at,
        metrics: TicketMetrics {
            reply_time: replied
                .map(|t1| minutes_between(t0, t1))
                .unwrap_or_default(),
            first_resolution_time: if reopened {
                minutes_between(t0, p.first_solved)
            } else {
                Minutes::default()
            },
            replies: Some(replies),
            reopens: Some(if reopened { p.reopens } else { 0 }),
            assignee_stations,
            group_stations,
            ..TicketMetrics::default()
        },
    }
}
