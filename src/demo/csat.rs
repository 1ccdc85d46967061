//! Satisfaction surveys: offered after the solve, answered by some, good or bad depending
//! on the topic, the agent and how the ticket went, often with a comment.

use rand::Rng;

use super::calendar::{DAY, HOUR};
use super::names::Lang;
use super::sample::{chance, lognormal, pick, DemoRng};
use super::text::rating_comment;
use super::topics::{TopicSpec, TECHNICAL, VIP};
use crate::store::records::{RatingScore, SatisfactionRating};

/// Zendesk's reasons for a bad rating, as its API spells them in this demo.
const REASON_SLOW: &str = "Issue took too long to resolve";
const REASON_UNRESOLVED: &str = "Issue was not resolved";
const REASON_KNOWLEDGE: &str = "Agent's knowledge is unsatisfactory";
const REASON_ATTITUDE: &str = "Agent's attitude was unsatisfactory";

/// How a solved ticket went, as far as the customer's mood is concerned.
pub(super) struct Experience<'a> {
    pub ticket_id: i64,
    pub solved_at: i64,
    pub now: i64,
    pub spec: &'a TopicSpec,
    pub lang: Lang,
    pub group: usize,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub requester_id: i64,
    /// The agent's rating bonus and the name customers of this language would use.
    pub agent_csat: f64,
    pub agent_name: Option<&'a str>,
    pub resolution_minutes: f64,
    pub reopens: i64,
    pub one_touch: bool,
    pub reply_breached: bool,
    pub vip: bool,
    pub progress: f64,
}

/// The survey record for a solved ticket, if one was offered (or explicitly not offered).
pub(super) fn rating(rng: &mut DemoRng, id: i64, e: &Experience) -> Option<SatisfactionRating> {
    let roll = rng.gen::<f64>();
    let record =
        |score, created_at, updated_at, comment, reason: Option<&str>| SatisfactionRating {
            id,
            ticket_id: e.ticket_id,
            score,
            comment,
            reason: reason.map(str::to_owned),
            assignee_id: e.assignee_id,
            group_id: e.group_id,
            requester_id: Some(e.requester_id),
            created_at,
            updated_at,
        };
    if roll < 0.02 {
        let at = e.solved_at + HOUR;
        return (at <= e.now).then(|| record(RatingScore::Unoffered, at, at, None, None));
    }
    if roll >= 0.62 {
        return None;
    }
    let offered_at = e.solved_at + rng.gen_range(HOUR..=48 * HOUR);
    if offered_at > e.now {
        return None;
    }
    let answered_at = offered_at + (lognormal(rng, 3.0 * HOUR as f64, 1.2) as i64).min(10 * DAY);
    if !chance(rng, 0.45) || answered_at > e.now {
        return Some(record(
            RatingScore::Offered,
            offered_at,
            offered_at,
            None,
            None,
        ));
    }
    let good = chance(rng, good_probability(e));
    let slow = e.resolution_minutes > 3.0 * 1_440.0;
    let comment = chance(rng, 0.6)
        .then(|| rating_comment(rng, e.lang, e.spec.topic, good, slow, e.agent_name));
    let reason = if good || !chance(rng, 0.55) {
        None
    } else if e.reopens > 0 && chance(rng, 0.6) {
        Some(REASON_UNRESOLVED)
    } else if slow && chance(rng, 0.7) {
        Some(REASON_SLOW)
    } else {
        Some(*pick(
            rng,
            &[
                REASON_UNRESOLVED,
                REASON_KNOWLEDGE,
                REASON_ATTITUDE,
                REASON_SLOW,
            ],
        ))
    };
    let score = if good {
        RatingScore::Good
    } else {
        RatingScore::Bad
    };
    Some(record(score, offered_at, answered_at, comment, reason))
}

/// Topic baseline, the agent, and what went wrong or right on this ticket.
fn good_probability(e: &Experience) -> f64 {
    let mut p = e.spec.csat + e.agent_csat + 0.025;
    if e.reopens > 0 {
        p -= 0.15;
    }
    if e.resolution_minutes > 7.0 * 1_440.0 {
        p -= 0.08;
    } else if e.resolution_minutes < 60.0 {
        p += 0.04;
    }
    if e.reply_breached {
        p -= 0.06;
    }
    if e.one_touch {
        p += 0.03;
    }
    if e.vip || e.group == VIP {
        p += 0.02;
    }
    // Customers notice Technical's late slowdown.
    if e.group == TECHNICAL && e.progress > 0.7 {
        p -= 0.2 * (e.progress - 0.7);
    }
    p.clamp(0.05, 0.99)
}
