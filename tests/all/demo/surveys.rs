//! Satisfaction ratings and SLA events agree with the tickets they belong to.

use std::collections::BTreeMap;
use std::path::Path;

use super::plausibility::{generated, Row, FULL, REPLY, WAIT};
use super::{open, NOW};

struct Rating {
    ticket_id: i64,
    score: String,
    comment: Option<String>,
    reason: Option<String>,
    assignee: Option<i64>,
    group: Option<i64>,
    created: i64,
    updated: i64,
}

fn ratings(dir: &Path) -> Vec<Rating> {
    let conn = open(dir);
    let mut stmt = conn
        .prepare(
            "SELECT ticket_id, score, comment, reason, assignee_id, group_id, created_at,
                updated_at
             FROM satisfaction_ratings ORDER BY id",
        )
        .expect("rating query prepares");
    let rows = stmt
        .query_map([], |r| {
            Ok(Rating {
                ticket_id: r.get(0)?,
                score: r.get(1)?,
                comment: r.get(2)?,
                reason: r.get(3)?,
                assignee: r.get(4)?,
                group: r.get(5)?,
                created: r.get(6)?,
                updated: r.get(7)?,
            })
        })
        .expect("rating query runs");
    rows.collect::<Result<_, _>>().expect("rating rows read")
}

struct Event {
    id: i64,
    ticket_id: i64,
    metric: String,
    kind: String,
    time: i64,
    target: Option<f64>,
}

fn events(dir: &Path) -> Vec<Event> {
    let conn = open(dir);
    let mut stmt = conn
        .prepare(
            "SELECT id, ticket_id, metric, type, time, target_minutes FROM sla_events ORDER BY id",
        )
        .expect("event query prepares");
    let rows = stmt
        .query_map([], |r| {
            Ok(Event {
                id: r.get(0)?,
                ticket_id: r.get(1)?,
                metric: r.get(2)?,
                kind: r.get(3)?,
                time: r.get(4)?,
                target: r.get(5)?,
            })
        })
        .expect("event query runs");
    rows.collect::<Result<_, _>>().expect("event rows read")
}

/// 0 English, 1 Korean (Hangul), 2 Russian (Cyrillic).
fn language(text: &str) -> usize {
    if text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)) {
        1
    } else if text.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)) {
        2
    } else {
        0
    }
}

#[test]
fn ratings_follow_solved_tickets_and_comment_in_three_languages() {
    let (dir, rows) = generated(3, 4_000);
    let by_id: BTreeMap<i64, &Row> = rows.iter().map(|t| (t.id, t)).collect();
    let ratings = ratings(dir.path());
    let mut scores: BTreeMap<&str, usize> = BTreeMap::new();
    let mut languages = [0usize; 3];
    for r in &ratings {
        let id = r.ticket_id;
        let t = by_id
            .get(&id)
            .unwrap_or_else(|| panic!("rating for unknown ticket #{id}"));
        assert!(
            t.is_solved(),
            "rating on unsolved ticket #{id} ({})",
            t.status
        );
        let solved = t.solved.unwrap_or(i64::MAX);
        assert!(r.created > solved, "#{id}: survey offered after the solve");
        assert!(
            r.created <= r.updated && r.updated <= NOW,
            "#{id}: rated after the offer, before now"
        );
        assert_eq!(
            (r.assignee, r.group),
            (t.assignee, t.group),
            "#{id}: rating names the ticket's agent and group"
        );
        let answered = r.score == "good" || r.score == "bad";
        if r.reason.is_some() {
            assert_eq!(r.score, "bad", "#{id}: only bad ratings carry a reason");
        }
        if let Some(text) = &r.comment {
            assert!(answered, "#{id}: only answered surveys carry comments");
            languages[language(text)] += 1;
        }
        *scores.entry(r.score.as_str()).or_default() += 1;
    }
    assert!(
        languages.iter().all(|n| *n > 0),
        "comments in en, ko and ru: {languages:?}"
    );
    let count = |score: &str| scores.get(score).copied().unwrap_or(0);
    let share = count("good") as f64 / (count("good") + count("bad")).max(1) as f64;
    assert!(
        (0.78..=0.92).contains(&share),
        "good share {share:.3} should be 80–88%-ish"
    );
    let solved = rows.iter().filter(|t| t.is_solved()).count() as f64;
    let offered = ratings.len() as f64 / solved;
    assert!(
        (0.5..=0.7).contains(&offered),
        "surveys on {offered:.2} of solved tickets, expected ~0.6"
    );
    assert!(
        count("offered") > count("good"),
        "most offered surveys stay unanswered"
    );
}

#[test]
fn sla_events_agree_with_reply_and_wait_times() {
    let (dir, rows) = generated(5, 3_000);
    let events = events(dir.path());
    assert!(
        events
            .windows(2)
            .all(|w| w[0].id < w[1].id && w[0].ticket_id <= w[1].ticket_id),
        "ids increase in ticket order"
    );
    let mut by_ticket: BTreeMap<(i64, &str), Vec<&Event>> = BTreeMap::new();
    for e in &events {
        by_ticket
            .entry((e.ticket_id, e.metric.as_str()))
            .or_default()
            .push(e);
    }
    let (mut breached, mut checked) = (0, 0);
    for t in rows.iter().filter(|t| t.status != "deleted") {
        let id = t.id;
        let reply = by_ticket.get(&(id, "reply_time"));
        assert_eq!(
            reply.is_some(),
            t.priority.is_some(),
            "#{id}: SLA applies iff the ticket has a priority"
        );
        let Some(reply) = reply else { continue };
        let kinds: Vec<&str> = reply.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds[0], "apply_sla", "#{id}: the policy applies first");
        let target = reply[0].target.expect("apply_sla carries its target");
        let deadline = t.created + target as i64 * 60;
        // Fulfilled by the first reply, or by the solve when there was no reply.
        let no_reply_solve = if t.replies == Some(0) {
            t.m[FULL]
        } else {
            None
        };
        let done = t.m[REPLY].or(no_reply_solve);
        let expected: Vec<&str> = match done {
            Some(m) if m <= target => vec!["apply_sla", "fulfill"],
            Some(_) => vec!["apply_sla", "breach", "fulfill"],
            None if deadline <= NOW => vec!["apply_sla", "breach"],
            None => vec!["apply_sla"],
        };
        assert_eq!(
            kinds, expected,
            "#{id}: reply SLA events vs reply time {done:?} / target {target}"
        );
        if let Some(m) = done {
            let fulfilled = reply.last().map(|e| e.time);
            assert_eq!(
                fulfilled,
                Some(t.created + m as i64 * 60),
                "#{id}: fulfilled at the reply"
            );
        }
        if kinds.contains(&"breach") {
            breached += 1;
            assert_eq!(reply[1].time, deadline, "#{id}: breach at the deadline");
        }
        if let (Some(solved), Some(wait)) = (t.solved, by_ticket.get(&(id, "requester_wait_time")))
        {
            let target = wait[0].target.expect("apply_sla carries its target");
            let breach = wait.iter().any(|e| e.kind == "breach");
            assert_eq!(
                breach,
                t.m[WAIT].unwrap_or(0.0) > target,
                "#{id}: wait breach iff wait > target"
            );
            let last = wait.last().map(|e| (e.kind.as_str(), e.time));
            assert_eq!(
                last,
                Some(("fulfill", solved)),
                "#{id}: fulfilled at the solve"
            );
            checked += 1;
        }
    }
    assert!(
        breached > 0 && checked > 1_000,
        "some breaches ({breached}) among {checked} solved tickets"
    );
}
