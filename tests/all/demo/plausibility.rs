//! Every generated ticket, rating and SLA event obeys the invariants analytics rely on,
//! and the helpdesk as a whole has realistic proportions.

use std::collections::BTreeMap;
use std::path::Path;

use deskbench::store::MINUTE_COLUMNS;

use super::{config, generate_in, open, DAY, NOW};

const REPLY: usize = 0;
const FIRST: usize = 2;
const FULL: usize = 4;
const WAIT: usize = 6;
const HOLD: usize = 10;

struct Row {
    id: i64,
    status: String,
    priority: Option<String>,
    channel: Option<String>,
    created: i64,
    updated: Option<i64>,
    solved: Option<i64>,
    /// In `MINUTE_COLUMNS` order: calendar then business for each metric.
    m: Vec<Option<f64>>,
    replies: Option<i64>,
    reopens: Option<i64>,
    stations: (Option<i64>, Option<i64>),
    assignee: Option<i64>,
    group: Option<i64>,
    locale: Option<String>,
}

impl Row {
    fn is_solved(&self) -> bool {
        self.status == "solved" || self.status == "closed"
    }
}

fn tickets(dir: &Path) -> Vec<Row> {
    let conn = open(dir);
    let sql = format!(
        "SELECT t.id, t.status, t.priority, t.channel, t.created_at, t.updated_at, t.solved_at,
            t.replies, t.reopens, t.assignee_stations, t.group_stations, t.assignee_id,
            t.group_id, u.locale, {}
         FROM tickets t LEFT JOIN users u ON u.id = t.requester_id ORDER BY t.id",
        MINUTE_COLUMNS.map(|c| format!("t.{c}")).join(", ")
    );
    let mut stmt = conn.prepare(&sql).expect("ticket query prepares");
    let rows = stmt
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                status: r.get(1)?,
                priority: r.get(2)?,
                channel: r.get(3)?,
                created: r.get(4)?,
                updated: r.get(5)?,
                solved: r.get(6)?,
                replies: r.get(7)?,
                reopens: r.get(8)?,
                stations: (r.get(9)?, r.get(10)?),
                assignee: r.get(11)?,
                group: r.get(12)?,
                locale: r.get(13)?,
                m: (0..12).map(|i| r.get(14 + i)).collect::<Result<_, _>>()?,
            })
        })
        .expect("ticket query runs");
    rows.collect::<Result<_, _>>().expect("ticket rows read")
}

fn generated(seed: u64, count: usize) -> (tempfile::TempDir, Vec<Row>) {
    let dir = tempfile::tempdir().expect("temp dir");
    generate_in(dir.path(), &config(seed, count));
    let rows = tickets(dir.path());
    (dir, rows)
}

#[test]
fn every_ticket_timeline_is_internally_consistent() {
    let (_dir, rows) = generated(7, 4_000);
    for t in rows.iter().filter(|t| t.status != "deleted") {
        let id = t.id;
        assert!(t.created <= NOW && t.created > NOW - 19 * 31 * DAY, "#{id} created outside the span");
        assert_eq!(t.solved.is_some(), t.is_solved(), "#{id}: solved_at iff solved/closed ({})", t.status);
        assert_eq!(t.m[FULL].is_some(), t.is_solved(), "#{id}: full resolution iff solved");
        for k in (0..12).step_by(2) {
            let (cal, bus) = (t.m[k], t.m[k + 1]);
            assert_eq!(cal.is_some(), bus.is_some(), "#{id} {}: both halves or none", MINUTE_COLUMNS[k]);
            if let (Some(c), Some(b)) = (cal, bus) {
                assert!(b <= c && b >= 0.0, "#{id} {}: business {b} > calendar {c}", MINUTE_COLUMNS[k]);
                assert_eq!(c.fract(), 0.0, "#{id}: minutes are whole numbers");
            }
        }
        if let Some(solved) = t.solved {
            let full = t.m[FULL].unwrap_or(-1.0);
            assert_eq!(solved, t.created + full as i64 * 60, "#{id}: solved_at = created + full resolution");
            let updated = t.updated.unwrap_or(i64::MIN);
            assert!(t.created <= solved && solved <= updated && updated <= NOW, "#{id}: created ≤ solved ≤ updated ≤ now");
            for k in [REPLY, FIRST, WAIT] {
                if let Some(v) = t.m[k] {
                    assert!(v <= full, "#{id}: {} {v} > full resolution {full}", MINUTE_COLUMNS[k]);
                    assert!(t.m[k + 1] <= t.m[FULL + 1], "#{id}: business {} > full", MINUTE_COLUMNS[k]);
                }
            }
            if t.reopens.unwrap_or(0) > 0 {
                assert!(t.m[FIRST] < t.m[FULL], "#{id}: a reopened ticket was first solved earlier");
            }
            assert!(t.m[WAIT].is_some() && t.m[HOLD].is_some(), "#{id}: solved tickets carry wait metrics");
            assert!(t.assignee.is_some() && t.group.is_some(), "#{id}: solved tickets are assigned");
        } else {
            assert!(t.updated.is_some_and(|u| u >= t.created && u <= NOW), "#{id}: updated_at in range");
        }
        if t.status == "closed" {
            assert!(t.solved.is_some_and(|s| s < NOW - 4 * DAY), "#{id}: closed only 4 days after solve");
        }
        if t.m[REPLY].is_some() {
            assert!(t.replies.unwrap_or(0) >= 1, "#{id}: a first reply means at least one reply");
        }
        if t.status == "new" {
            assert!(t.assignee.is_none() && t.m[REPLY].is_none(), "#{id}: new tickets are untouched");
        }
        if t.assignee.is_some() {
            assert!(t.stations.0 >= Some(1) && t.stations.1 >= Some(1), "#{id}: assigned means stations ≥ 1");
        }
    }
}

#[test]
fn ratings_follow_solved_tickets_and_comment_in_three_languages() {
    let (dir, rows) = generated(3, 4_000);
    let by_id: BTreeMap<i64, &Row> = rows.iter().map(|t| (t.id, t)).collect();
    let conn = open(dir.path());
    let mut stmt = conn
        .prepare("SELECT ticket_id, score, comment, reason, assignee_id, group_id, created_at, updated_at FROM satisfaction_ratings ORDER BY id")
        .expect("rating query prepares");
    let ratings: Vec<(i64, String, Option<String>, Option<String>, Option<i64>, Option<i64>, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        .expect("rating query runs")
        .collect::<Result<_, _>>()
        .expect("rating rows read");
    let mut scores: BTreeMap<&str, usize> = BTreeMap::new();
    let mut languages = [0usize; 3];
    for (ticket_id, score, comment, reason, assignee, group, created, updated) in &ratings {
        let t = by_id.get(ticket_id).unwrap_or_else(|| panic!("rating for unknown ticket #{ticket_id}"));
        assert!(t.is_solved(), "rating on unsolved ticket #{ticket_id} ({})", t.status);
        let solved = t.solved.unwrap_or(i64::MAX);
        assert!(*created > solved, "#{ticket_id}: survey offered after the solve");
        assert!(created <= updated && *updated <= NOW, "#{ticket_id}: rated after the offer, before now");
        assert_eq!((*assignee, *group), (t.assignee, t.group), "#{ticket_id}: rating names the ticket's agent and group");
        if reason.is_some() {
            assert_eq!(score, "bad", "#{ticket_id}: only bad ratings carry a reason");
        }
        if let Some(text) = comment {
            assert!(score == "good" || score == "bad", "#{ticket_id}: only answered surveys carry comments");
            let lang = if text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)) {
                1
            } else if text.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)) {
                2
            } else {
                0
            };
            languages[lang] += 1;
        }
        *scores.entry(score.as_str()).or_default() += 1;
    }
    assert!(languages.iter().all(|n| *n > 0), "comments in en, ko and ru: {languages:?}");
    let (good, bad) = (scores.get("good").copied().unwrap_or(0), scores.get("bad").copied().unwrap_or(0));
    let share = good as f64 / (good + bad).max(1) as f64;
    assert!((0.78..=0.92).contains(&share), "good share {share:.3} should be 80–88%-ish");
    let solved = rows.iter().filter(|t| t.is_solved()).count() as f64;
    let offered = ratings.len() as f64 / solved;
    assert!((0.5..=0.7).contains(&offered), "surveys on {offered:.2} of solved tickets, expected ~0.6");
    assert!(scores.get("offered").copied().unwrap_or(0) > good, "most offered surveys stay unanswered");
}

#[test]
fn sla_events_agree_with_reply_and_wait_times() {
    let (dir, rows) = generated(5, 3_000);
    let conn = open(dir.path());
    let mut stmt = conn
        .prepare("SELECT id, ticket_id, metric, type, time, target_minutes FROM sla_events ORDER BY id")
        .expect("event query prepares");
    let events: Vec<(i64, i64, String, String, i64, Option<f64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .expect("event query runs")
        .collect::<Result<_, _>>()
        .expect("event rows read");
    assert!(events.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1), "ids increase in ticket order");
    let mut by_ticket: BTreeMap<(i64, &str), Vec<&(i64, i64, String, String, i64, Option<f64>)>> = BTreeMap::new();
    for e in &events {
        by_ticket.entry((e.1, e.2.as_str())).or_default().push(e);
    }
    let (mut breached, mut checked) = (0, 0);
    for t in rows.iter().filter(|t| t.status != "deleted") {
        let reply = by_ticket.get(&(t.id, "reply_time"));
        assert_eq!(reply.is_some(), t.priority.is_some(), "#{}: SLA applies iff the ticket has a priority", t.id);
        let Some(reply) = reply else { continue };
        let kinds: Vec<&str> = reply.iter().map(|e| e.3.as_str()).collect();
        assert_eq!(kinds[0], "apply_sla", "#{}: the policy applies first", t.id);
        let target = reply[0].5.expect("apply_sla carries its target");
        let deadline = t.created + target as i64 * 60;
        // Fulfilled by the first reply, or by the solve when there was no reply.
        let done = t.m[REPLY].or(if t.replies == Some(0) { t.m[FULL] } else { None });
        let expected: Vec<&str> = match done {
            Some(m) if m <= target => vec!["apply_sla", "fulfill"],
            Some(_) => vec!["apply_sla", "breach", "fulfill"],
            None if deadline <= NOW => vec!["apply_sla", "breach"],
            None => vec!["apply_sla"],
        };
        assert_eq!(kinds, expected, "#{}: reply SLA events vs reply time {done:?} / target {target}", t.id);
        if let Some(m) = done {
            assert_eq!(reply.last().map(|e| e.4), Some(t.created + m as i64 * 60), "#{}: fulfilled at the reply", t.id);
        }
        if kinds.contains(&"breach") {
            breached += 1;
            assert_eq!(reply[1].4, deadline, "#{}: breach at the deadline", t.id);
        }
        if let (Some(solved), Some(wait)) = (t.solved, by_ticket.get(&(t.id, "requester_wait_time"))) {
            let target = wait[0].5.expect("apply_sla carries its target");
            let breach = wait.iter().any(|e| e.3 == "breach");
            assert_eq!(breach, t.m[WAIT].unwrap_or(0.0) > target, "#{}: wait breach iff wait > target", t.id);
            assert_eq!(wait.last().map(|e| (e.3.as_str(), e.4)), Some(("fulfill", solved)), "#{}", t.id);
            checked += 1;
        }
    }
    assert!(breached > 0 && checked > 1_000, "some breaches ({breached}) among {checked} solved tickets");
}

#[test]
fn the_helpdesk_has_realistic_proportions() {
    let started = std::time::Instant::now();
    let (_dir, rows) = generated(7, 20_000);
    eprintln!("20,000 demo tickets generated and read back in {:?}", started.elapsed());
    let live: Vec<&Row> = rows.iter().filter(|t| t.status != "deleted").collect();
    let share = |f: &dyn Fn(&Row) -> bool, of: &[&Row]| of.iter().filter(|t| f(t)).count() as f64 / of.len() as f64;
    let en = share(&|t| t.locale.as_deref() == Some("en-US"), &live);
    let ko = share(&|t| t.locale.as_deref() == Some("ko"), &live);
    assert!((0.52..0.68).contains(&en) && (0.19..0.31).contains(&ko), "language mix en {en:.2} ko {ko:.2}");
    let weekend = share(&|t| (t.created.div_euclid(DAY) + 3).rem_euclid(7) >= 5, &live);
    assert!((0.08..0.18).contains(&weekend), "weekend share {weekend:.3} (weekends ~35% of weekdays)");
    let old: Vec<&Row> = live.iter().copied().filter(|t| t.created < NOW - 90 * DAY).collect();
    let closed = share(&|t| t.status == "closed", &old);
    assert!(closed > 0.97, "tickets older than 90 days are almost all closed ({closed:.3})");
    let recent: Vec<&Row> = live.iter().copied().filter(|t| t.created > NOW - 2 * DAY).collect();
    assert!(share(&|t| !t.is_solved(), &recent) > 0.3, "recent tickets are a mix of open and solved");
    let solved: Vec<&Row> = live.iter().copied().filter(|t| t.is_solved()).collect();
    let one_touch = share(&|t| t.replies == Some(1), &solved);
    let reopened = share(&|t| t.reopens.unwrap_or(0) > 0, &solved);
    assert!((0.3..0.5).contains(&one_touch), "one-touch share {one_touch:.2}");
    assert!((0.05..0.11).contains(&reopened), "reopened share {reopened:.3}");
    let median = |k: usize| {
        let mut v: Vec<f64> = solved.iter().filter_map(|t| t.m[k]).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (reply, full) = (median(REPLY), median(FULL));
    assert!((40.0..240.0).contains(&reply), "median first reply {reply} min, expected ~1–3 h");
    assert!((360.0..2_880.0).contains(&full), "median resolution {full} min, expected ~1 day");
    let chat = share(&|t| t.channel.as_deref() == Some("chat"), &live);
    assert!((0.1..0.2).contains(&chat), "chat share {chat:.2}");
    assert!(share(&|t| t.priority.is_none(), &live) > 0.05, "some tickets have no priority");
}
