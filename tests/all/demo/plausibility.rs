//! Every generated ticket obeys the timeline invariants analytics rely on, and the
//! helpdesk as a whole has realistic proportions. Shared row loading for `surveys`.

use std::path::Path;

use deskbench::store::MINUTE_COLUMNS;

use super::{config, generate_in, open, DAY, NOW};

pub(super) const REPLY: usize = 0;
pub(super) const FIRST: usize = 2;
pub(super) const FULL: usize = 4;
pub(super) const WAIT: usize = 6;
pub(super) const HOLD: usize = 10;

pub(super) struct Row {
    pub id: i64,
    pub status: String,
    pub priority: Option<String>,
    pub channel: Option<String>,
    pub created: i64,
    pub updated: Option<i64>,
    pub solved: Option<i64>,
    /// In `MINUTE_COLUMNS` order: calendar then business for each metric.
    pub m: Vec<Option<f64>>,
    pub replies: Option<i64>,
    pub reopens: Option<i64>,
    pub stations: (Option<i64>, Option<i64>),
    pub assignee: Option<i64>,
    pub group: Option<i64>,
    pub locale: Option<String>,
}

impl Row {
    pub fn is_solved(&self) -> bool {
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

pub(super) fn generated(seed: u64, count: usize) -> (tempfile::TempDir, Vec<Row>) {
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
        assert!(
            t.created <= NOW && t.created > NOW - 19 * 31 * DAY,
            "#{id} created outside the span"
        );
        assert_eq!(
            t.solved.is_some(),
            t.is_solved(),
            "#{id}: solved_at iff solved/closed ({})",
            t.status
        );
        assert_eq!(
            t.m[FULL].is_some(),
            t.is_solved(),
            "#{id}: full resolution iff solved"
        );
        for k in (0..12).step_by(2) {
            let (cal, bus) = (t.m[k], t.m[k + 1]);
            assert_eq!(
                cal.is_some(),
                bus.is_some(),
                "#{id} {}: both halves or none",
                MINUTE_COLUMNS[k]
            );
            if let (Some(c), Some(b)) = (cal, bus) {
                assert!(
                    b <= c && b >= 0.0,
                    "#{id} {}: business {b} > calendar {c}",
                    MINUTE_COLUMNS[k]
                );
                assert_eq!(c.fract(), 0.0, "#{id}: minutes are whole numbers");
            }
        }
        if let Some(solved) = t.solved {
            let full = t.m[FULL].unwrap_or(-1.0);
            assert_eq!(
                solved,
                t.created + full as i64 * 60,
                "#{id}: solved_at = created + full resolution"
            );
            let updated = t.updated.unwrap_or(i64::MIN);
            assert!(
                t.created <= solved && solved <= updated && updated <= NOW,
                "#{id}: created ≤ solved ≤ updated ≤ now"
            );
            for k in [REPLY, FIRST, WAIT] {
                if let Some(v) = t.m[k] {
                    assert!(
                        v <= full,
                        "#{id}: {} {v} > full resolution {full}",
                        MINUTE_COLUMNS[k]
                    );
                    assert!(
                        t.m[k + 1] <= t.m[FULL + 1],
                        "#{id}: business {} > full",
                        MINUTE_COLUMNS[k]
                    );
                }
            }
            if t.reopens.unwrap_or(0) > 0 {
                assert!(
                    t.m[FIRST] < t.m[FULL],
                    "#{id}: a reopened ticket was first solved earlier"
                );
            }
            assert!(
                t.m[WAIT].is_some() && t.m[HOLD].is_some(),
                "#{id}: solved tickets carry wait metrics"
            );
            assert!(
                t.assignee.is_some() && t.group.is_some(),
                "#{id}: solved tickets are assigned"
            );
        } else {
            assert!(
                t.updated.is_some_and(|u| u >= t.created && u <= NOW),
                "#{id}: updated_at in range"
            );
        }
        if t.status == "closed" {
            assert!(
                t.solved.is_some_and(|s| s < NOW - 4 * DAY),
                "#{id}: closed only 4 days after solve"
            );
        }
        if t.m[REPLY].is_some() {
            assert!(
                t.replies.unwrap_or(0) >= 1,
                "#{id}: a first reply means at least one reply"
            );
        }
        if t.status == "new" {
            assert!(
                t.assignee.is_none() && t.m[REPLY].is_none(),
                "#{id}: new tickets are untouched"
            );
        }
        if t.assignee.is_some() {
            assert!(
                t.stations.0 >= Some(1) && t.stations.1 >= Some(1),
                "#{id}: assigned means stations ≥ 1"
            );
        }
    }
}

#[test]
fn the_helpdesk_has_realistic_proportions() {
    let started = std::time::Instant::now();
    let (_dir, rows) = generated(7, 20_000);
    eprintln!(
        "20,000 demo tickets generated and read back in {:?}",
        started.elapsed()
    );
    let live: Vec<&Row> = rows.iter().filter(|t| t.status != "deleted").collect();
    let share = |f: &dyn Fn(&Row) -> bool, of: &[&Row]| {
        of.iter().filter(|t| f(t)).count() as f64 / of.len() as f64
    };
    let en = share(&|t| t.locale.as_deref() == Some("en-US"), &live);
    let ko = share(&|t| t.locale.as_deref() == Some("ko"), &live);
    assert!(
        (0.52..0.68).contains(&en) && (0.19..0.31).contains(&ko),
        "language mix en {en:.2} ko {ko:.2}"
    );
    let weekend = share(
        &|t| (t.created.div_euclid(DAY) + 3).rem_euclid(7) >= 5,
        &live,
    );
    assert!(
        (0.08..0.18).contains(&weekend),
        "weekend share {weekend:.3} (weekends ~35% of weekdays)"
    );
    let old: Vec<&Row> = live
        .iter()
        .copied()
        .filter(|t| t.created < NOW - 90 * DAY)
        .collect();
    let closed = share(&|t| t.status == "closed", &old);
    assert!(
        closed > 0.97,
        "tickets older than 90 days are almost all closed ({closed:.3})"
    );
    let recent: Vec<&Row> = live
        .iter()
        .copied()
        .filter(|t| t.created > NOW - 2 * DAY)
        .collect();
    assert!(
        share(&|t| !t.is_solved(), &recent) > 0.3,
        "recent tickets are a mix of open and solved"
    );
    let solved: Vec<&Row> = live.iter().copied().filter(|t| t.is_solved()).collect();
    let one_touch = share(&|t| t.replies == Some(1), &solved);
    let reopened = share(&|t| t.reopens.unwrap_or(0) > 0, &solved);
    assert!(
        (0.3..0.5).contains(&one_touch),
        "one-touch share {one_touch:.2}"
    );
    assert!(
        (0.05..0.11).contains(&reopened),
        "reopened share {reopened:.3}"
    );
    let median = |k: usize| {
        let mut v: Vec<f64> = solved.iter().filter_map(|t| t.m[k]).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (reply, full) = (median(REPLY), median(FULL));
    assert!(
        (40.0..240.0).contains(&reply),
        "median first reply {reply} min, expected ~1–3 h"
    );
    assert!(
        (360.0..2_880.0).contains(&full),
        "median resolution {full} min, expected ~1 day"
    );
    let chat = share(&|t| t.channel.as_deref() == Some("chat"), &live);
    assert!((0.1..0.2).contains(&chat), "chat share {chat:.2}");
    assert!(
        share(&|t| t.priority.is_none(), &live) > 0.05,
        "some tickets have no priority"
    );
}
