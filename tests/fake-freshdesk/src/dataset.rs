//! The fake account's data: generated from the seed, changed only by mutations, kept in
//! compact structs so that 50,000 tickets generate quickly. JSON is built per page in
//! `json.rs`; conversations are derived from their ticket when served.
//!
//! Invariants: every timestamp is before the logical clock; `created_at <=
//! first_responded_at <= resolved_at <= closed_at <= updated_at`; resolved (4) and closed
//! (5) tickets have `resolved_at`, others not; only closed tickets have `closed_at`.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use fake_zendesk::BASE;

use crate::config::FakeConfig;
use crate::report::ExpectedTicket;

pub(crate) const MINUTE: i64 = 60;
pub(crate) const HOUR: i64 = 3_600;
pub(crate) const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;

/// Id ranges that look like Freshdesk's (tickets count up from 1).
pub(crate) mod ids {
    pub const AGENT: i64 = 43_000_000_000;
    pub const CONTACT: i64 = 44_000_000_000;
    pub const COMPANY: i64 = 45_000_000_000;
    pub const GROUP: i64 = 46_000_000_000;
    pub const BUSINESS_HOURS: i64 = 47_000_000_000;
    pub const PRODUCT: i64 = 48_000_000_000;
    pub const SLA_POLICY: i64 = 49_000_000_000;
    pub const SURVEY: i64 = 50_000_000_000;
    pub const RATING: i64 = 51_000_000_000;
    pub const CONVERSATION: i64 = 52_000_000_000;
    pub const FIELD: i64 = 53_000_000_000;
    pub const CATEGORY: i64 = 54_000_000_000;
    pub const FOLDER: i64 = 55_000_000_000;
    pub const ARTICLE: i64 = 56_000_000_000;
}

/// Status ids: 2 Open, 3 Pending, 4 Resolved, 5 Closed, and one custom status.
pub(crate) const CUSTOM_STATUS: u8 = 6;
pub(crate) const STATUSES: [(u8, &str, &str); 5] = [
    (2, "Open", "Being Processed"),
    (3, "Pending", "Awaiting your Reply"),
    (4, "Resolved", "This ticket has been Resolved"),
    (5, "Closed", "This ticket has been Closed"),
    (CUSTOM_STATUS, "Waiting on Third Party", "Being Processed"),
];

/// `(name, business hours calendar)`: `None` uses the default calendar.
pub(crate) const GROUPS: [(&str, Option<usize>); 4] = [
    ("Tier 1 Support", Some(0)),
    ("Billing", Some(1)),
    ("Escalations", Some(2)),
    ("Onboarding", None),
];

/// A business-hours calendar: Rails zone, weekly hours (Monday first; `None` closed),
/// holidays as Freshdesk lists them (day and month, every year).
pub(crate) struct Calendar {
    pub name: &'static str,
    pub zone: &'static str,
    pub hours: [Option<(&'static str, &'static str)>; 7],
    pub holidays: &'static [(&'static str, &'static str)],
}

const WEEKDAYS_9_TO_6: [Option<(&str, &str)>; 7] = [
    Some(("9:00 am", "6:00 pm")),
    Some(("9:00 am", "6:00 pm")),
    Some(("9:00 am", "6:00 pm")),
    Some(("9:00 am", "6:00 pm")),
    Some(("9:00 am", "6:00 pm")),
    None,
    None,
];

pub(crate) const CALENDARS: [Calendar; 3] = [
    Calendar {
        name: "US office",
        zone: "Eastern Time (US & Canada)",
        hours: [
            Some(("8:00 am", "5:00 pm")),
            Some(("8:00 am", "5:00 pm")),
            Some(("8:00 am", "5:00 pm")),
            Some(("8:00 am", "5:00 pm")),
            Some(("8:00 am", "5:00 pm")),
            None,
            None,
        ],
        holidays: &[
            ("Jan 01", "New Year's Day"),
            ("Jul 04", "Independence Day"),
            ("Nov 26", "Thanksgiving"),
            ("Dec 25", "Christmas Day"),
        ],
    },
    Calendar {
        name: "Seoul office",
        zone: "Seoul",
        hours: WEEKDAYS_9_TO_6,
        holidays: &[
            ("Jan 01", "신정"),
            ("Mar 01", "삼일절"),
            ("Oct 09", "한글날"),
        ],
    },
    Calendar {
        name: "Moscow office",
        zone: "Moscow",
        hours: [
            Some(("9:00 am", "6:00 pm")),
            Some(("9:00 am", "6:00 pm")),
            Some(("9:00 am", "6:00 pm")),
            Some(("9:00 am", "6:00 pm")),
            Some(("9:00 am", "6:00 pm")),
            Some(("10:00 am", "2:00 pm")),
            None,
        ],
        holidays: &[("Jan 07", "Рождество"), ("May 09", "День Победы")],
    },
];

pub(crate) const PRODUCTS: [&str; 2] = ["Deskbench Cloud", "Deskbench Mobile"];
pub(crate) const TAGS: [&str; 8] = [
    "billing",
    "bug",
    "login",
    "refund",
    "sso",
    "mobile",
    "feature_request",
    "vip",
];
pub(crate) const SUBJECTS: [&str; 10] = [
    "Cannot log in after password reset",
    "Invoice shows the wrong VAT rate",
    "Export to CSV times out",
    "Dark mode <img src=x onerror=\"alert(1)\"> please",
    "Charged twice this month",
    "SSO with Okta fails",
    "Rechnung doppelt abgebucht",
    "로그인이 안 됩니다",
    "Не приходит письмо для сброса пароля",
    "How do I add another agent?",
];
pub(crate) const FEEDBACK: [&str; 5] = [
    "Fast and friendly, thank you!",
    "Took three days to get an answer.",
    "정말 빠른 답변 감사합니다",
    "Проблема так и не решена",
    "ok",
];
/// Solution categories, each with two folders of three articles.
pub(crate) const CATEGORIES: [&str; 2] = ["Getting started", "Billing & accounts"];

pub(crate) const AGENTS: usize = 10;

#[derive(Clone, Debug)]
pub(crate) struct Ticket {
    pub id: i64,
    pub subject: u8,
    pub status: u8,
    pub priority: u8,
    pub source: u8,
    pub requester: usize,
    pub responder: Option<usize>,
    pub group: Option<usize>,
    pub company: Option<usize>,
    pub product: Option<usize>,
    pub tags: u8,
    pub created_at: i64,
    pub updated_at: i64,
    pub fr_due_by: i64,
    pub due_by: i64,
    pub first_responded_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub reopened_at: Option<i64>,
    pub pending_since: Option<i64>,
    pub status_updated_at: i64,
    pub spam: bool,
    pub deleted: bool,
    /// Conversations after the description (derived in `json::conversations`).
    pub conversations: u8,
}

impl Ticket {
    pub(crate) fn fr_escalated(&self) -> bool {
        self.first_responded_at.map_or(BASE, |t| t) > self.fr_due_by
    }

    pub(crate) fn is_escalated(&self) -> bool {
        self.resolved_at.map_or(BASE, |t| t) > self.due_by
    }
}

pub(crate) struct Contact {
    pub id: i64,
    pub company: Option<usize>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub(crate) struct Rating {
    pub id: i64,
    pub ticket: usize,
    /// 0: the classic survey, 1: the seven-point survey.
    pub survey: usize,
    /// On the seven-point scale (103 … -103).
    pub value: i32,
    pub feedback: Option<&'static str>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub(crate) struct Dataset {
    pub tickets: Vec<Ticket>,
    pub contacts: Vec<Contact>,
    pub companies: Vec<i64>,
    pub ratings: Vec<Rating>,
    /// The logical "now": starts at [`BASE`], +60 s per mutation.
    pub clock: i64,
}

const SEVEN_POINT: [i32; 7] = [103, 102, 101, 100, -101, -102, -103];

impl Dataset {
    pub(crate) fn generate(config: &FakeConfig) -> Dataset {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let companies: Vec<i64> = (1..=config.companies.max(1) as i64)
            .map(|i| ids::COMPANY + i)
            .collect();
        let contacts: Vec<Contact> = (1..=config.contacts.max(1) as i64)
            .map(|i| {
                let created_at = BASE - 2 * YEAR + rng.gen_range(0..YEAR);
                Contact {
                    id: ids::CONTACT + i,
                    company: rng.gen_bool(0.7).then(|| rng.gen_range(0..companies.len())),
                    created_at,
                    updated_at: created_at + rng.gen_range(0..YEAR),
                }
            })
            .collect();
        let tickets: Vec<Ticket> = (1..=config.tickets as i64)
            .map(|id| ticket(&mut rng, id, &contacts))
            .collect();
        let mut ratings = Vec::new();
        for (i, t) in tickets.iter().enumerate() {
            let Some(resolved) = t.resolved_at.filter(|_| rng.gen_bool(0.4)) else {
                continue;
            };
            let survey = usize::from(rng.gen_bool(0.5));
            let value = if survey == 0 {
                [103, 100, -103][rng.gen_range(0..3)]
            } else {
                SEVEN_POINT[rng.gen_range(0..7)]
            };
            let created_at = (resolved + rng.gen_range(MINUTE..2 * DAY)).min(BASE - 1);
            ratings.push(Rating {
                id: ids::RATING + ratings.len() as i64 + 1,
                ticket: i,
                survey,
                value,
                feedback: rng
                    .gen_bool(0.5)
                    .then(|| FEEDBACK[rng.gen_range(0..FEEDBACK.len())]),
                created_at,
                updated_at: created_at + rng.gen_range(0..HOUR),
            });
        }
        Dataset {
            tickets,
            contacts,
            companies,
            ratings,
            clock: BASE,
        }
    }

    pub(crate) fn ticket_index(&self, id: i64) -> Option<usize> {
        usize::try_from(id - 1)
            .ok()
            .filter(|&i| i < self.tickets.len())
    }

    fn tick(&mut self) -> i64 {
        self.clock += MINUTE;
        self.clock
    }

    /// Priority steps up (to Urgent at most) and `updated_at` moves to now.
    pub(crate) fn update_tickets(&mut self, ids: &[i64]) {
        let now = self.tick();
        for &id in ids {
            if let Some(t) = self.ticket_index(id).map(|i| &mut self.tickets[i]) {
                t.priority = (t.priority + 1).min(4);
                t.updated_at = now;
            }
        }
    }

    /// Each ticket's last conversation is deleted; like a new note, it moves the
    /// ticket's `updated_at` to now.
    pub(crate) fn delete_last_conversations(&mut self, ids: &[i64]) {
        let now = self.tick();
        for &id in ids {
            if let Some(t) = self.ticket_index(id).map(|i| &mut self.tickets[i]) {
                t.conversations = t.conversations.saturating_sub(1);
                t.updated_at = now;
            }
        }
    }

    pub(crate) fn delete_tickets(&mut self, ids: &[i64]) {
        let now = self.tick();
        for &id in ids {
            if let Some(t) = self.ticket_index(id).map(|i| &mut self.tickets[i]) {
                t.deleted = true;
                t.updated_at = now;
            }
        }
    }

    pub(crate) fn spam_tickets(&mut self, ids: &[i64]) {
        let now = self.tick();
        for &id in ids {
            if let Some(t) = self.ticket_index(id).map(|i| &mut self.tickets[i]) {
                t.spam = true;
                t.updated_at = now;
            }
        }
    }

    pub(crate) fn expected(&self) -> Vec<ExpectedTicket> {
        self.tickets
            .iter()
            .map(|t| ExpectedTicket {
                id: t.id,
                updated_at: t.updated_at,
                status: t.status,
                spam: t.spam,
                deleted: t.deleted,
            })
            .collect()
    }
}

/// One ticket with a consistent timeline.
fn ticket(rng: &mut ChaCha8Rng, id: i64, contacts: &[Contact]) -> Ticket {
    let last = BASE - MINUTE;
    let created_at = BASE - rng.gen_range(HOUR..YEAR);
    let status = match rng.gen_range(0..100) {
        0..20 => 2,
        20..30 => 3,
        30..60 => 4,
        60..90 => 5,
        _ => CUSTOM_STATUS,
    };
    let priority = [1, 1, 2, 2, 2, 3, 4][rng.gen_range(0..7)];
    let responded = status != 2 || rng.gen_bool(0.6);
    let first_responded_at =
        responded.then(|| (created_at + rng.gen_range(2 * MINUTE..2 * DAY)).min(last));
    let after_reply = first_responded_at.unwrap_or(created_at);
    let resolved_at =
        matches!(status, 4 | 5).then(|| (after_reply + rng.gen_range(MINUTE..5 * DAY)).min(last));
    let closed_at = (status == 5)
        .then(|| (resolved_at.unwrap_or(after_reply) + rng.gen_range(0..2 * DAY)).min(last));
    let reopened_at = (resolved_at.is_some() && rng.gen_bool(0.1))
        .then(|| after_reply + (resolved_at.unwrap_or(after_reply) - after_reply) / 2);
    let pending_since = (status == 3).then(|| (after_reply + rng.gen_range(0..DAY)).min(last));
    let status_updated_at = closed_at
        .or(resolved_at)
        .or(pending_since)
        .unwrap_or(after_reply);
    let updated_at = (status_updated_at + rng.gen_range(0..HOUR)).min(last);
    let requester = rng.gen_range(0..contacts.len());
    let group = rng.gen_bool(0.9).then(|| rng.gen_range(0..GROUPS.len()));
    Ticket {
        id,
        subject: rng.gen_range(0..SUBJECTS.len() as u8),
        status,
        priority,
        source: [1, 1, 1, 2, 2, 3, 7, 9, 10][rng.gen_range(0..9)],
        requester,
        responder: (first_responded_at.is_some() || rng.gen_bool(0.3))
            .then(|| rng.gen_range(0..AGENTS)),
        group,
        company: contacts[requester].company,
        product: rng.gen_bool(0.7).then(|| rng.gen_range(0..PRODUCTS.len())),
        tags: rng.gen(),
        created_at,
        updated_at,
        fr_due_by: created_at + [DAY, 8 * HOUR, 4 * HOUR, HOUR][priority as usize - 1],
        due_by: created_at + [5 * DAY, 3 * DAY, DAY, 8 * HOUR][priority as usize - 1],
        first_responded_at,
        resolved_at,
        closed_at,
        reopened_at,
        pending_since,
        status_updated_at,
        spam: rng.gen_bool(0.01),
        deleted: rng.gen_bool(0.01),
        conversations: if first_responded_at.is_some() {
            rng.gen_range(1..6)
        } else {
            rng.gen_range(0..2)
        },
    }
}
