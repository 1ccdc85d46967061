//! The fake account's data: generated deterministically from the seed, mutated only by
//! the `FakeZendesk` mutation calls, and kept in compact structs so that 100,000 tickets
//! generate in a fraction of a second. JSON is built per page on demand (see `json.rs`).
//!
//! Invariants the generator keeps (and the tests check): every timestamp is before the
//! logical clock; `updated_at <= generated_timestamp`; for every duration `business <=
//! calendar`; `reply <= first_resolution <= full_resolution` (calendar and business);
//! solved/closed tickets have `solved_at` and a full resolution time, other tickets have
//! neither; deleted tickets have no rating and no metric events.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

use crate::config::FakeConfig;
use crate::history::{self, Child, TicketEvent};
use crate::report::{Expected, ExpectedTicket};
use crate::time::{BASE, DAY, HOUR, MINUTE, YEAR};

/// Id ranges, chosen to look like real Zendesk ids (tickets count up from 1).
pub(crate) mod ids {
    pub const GROUP: i64 = 360_000_100_000;
    pub const BRAND: i64 = 360_000_200_000;
    pub const FIELD: i64 = 360_000_300_000;
    pub const FORM: i64 = 360_000_400_000;
    pub const CUSTOM_STATUS: i64 = 360_000_500_000;
    pub const SLA_POLICY: i64 = 360_000_600_000;
    pub const SECTION: i64 = 360_000_700_000;
    pub const PERMISSION_GROUP: i64 = 360_000_800_000;
    pub const USER: i64 = 381_000_000_000;
    pub const ORG: i64 = 382_000_000_000;
    pub const RATING: i64 = 383_000_000_000;
    pub const METRIC_SET: i64 = 384_000_000_000;
    pub const EVENT: i64 = 385_000_000_000;
    pub const ARTICLE: i64 = 386_000_000_000;
    pub const TICKET_EVENT: i64 = 387_000_000_000;
    /// Custom ticket fields (their values also become tags, like Zendesk's tagger and
    /// checkbox fields).
    pub const PRODUCT_FIELD: i64 = FIELD + 101;
    pub const VIP_FIELD: i64 = FIELD + 102;
}

pub(crate) const GROUP_NAMES: [&str; 5] = [
    "Tier 1 Support",
    "Tier 2 Support",
    "Billing",
    "Onboarding",
    "Escalations",
];
pub(crate) const BRANDS: [(&str, &str); 3] = [
    ("Deskbench", "deskbench-fake"),
    ("Deskbench Mobile", "deskbench-mobile"),
    ("Deskbench Labs", "deskbench-labs"),
];
/// `(name, value)` of the product dropdown's options; the value is also the tag.
pub(crate) const PRODUCT_OPTIONS: [(&str, &str); 4] = [
    ("Deskbench Cloud", "product_cloud"),
    ("Deskbench On-Prem", "product_on_prem"),
    ("Mobile App", "product_mobile"),
    ("Public API", "product_api"),
];
pub(crate) const VIP_TAG: &str = "vip_customer";
/// System ticket fields: `(type, title)`, ids `FIELD + 1 ..`.
pub(crate) const SYSTEM_FIELDS: [(&str, &str); 7] = [
    ("subject", "Subject"),
    ("description", "Description"),
    ("status", "Status"),
    ("tickettype", "Type"),
    ("priority", "Priority"),
    ("group", "Group"),
    ("assignee", "Assignee"),
];
/// Free tags; bit `i` of `Ticket::tags` is `TAGS[i]`.
pub(crate) const TAGS: [&str; 16] = [
    "api",
    "billing",
    "bug",
    "cancellation",
    "escalated",
    "feature_request",
    "feedback",
    "how_to",
    "login",
    "mobile_app",
    "onboarding",
    "outage",
    "refund",
    "shipping",
    "sso",
    "upgrade",
];
const ESCALATED_TAG: u32 = 1 << 4;
/// Longest run of generated organizations or articles sharing one `updated_at`. A
/// time-based page never advances past a timestamp shared by a whole page (as in the real
/// API, §2.3), so pages of more than this many items always make progress.
pub(crate) const MAX_SHARED: usize = 3;
pub(crate) const SUBJECTS: [&str; 18] = [
    "Cannot log in after password reset",
    "Invoice shows the wrong VAT rate",
    "Export to CSV times out",
    // Customers paste markup; a client must show it as text and never run it.
    "Dark mode <img src=x onerror=\"window.__deskbenchXss=1\"> please <script>window.__deskbenchXss=2</script>",
    "App crashes on startup (Android 14)",
    "How do I add another agent?",
    "Charged twice this month",
    "SSO with Okta fails with error 500",
    "Shipping address cannot be changed",
    "Refund for cancelled subscription",
    "API returns 429 too often",
    "Onboarding call reschedule",
    "Rechnung doppelt abgebucht",
    "Datenexport für die Buchhaltung",
    "로그인이 안 됩니다",
    "결제 영수증 재발송 요청",
    "Не приходит письмо для сброса пароля",
    "Вопрос по тарифу «Бизнес»",
];
pub(crate) const CHANNELS: [&str; 6] = ["web", "email", "api", "chat", "voice", "mobile"];
const CHANNEL_WEIGHTS: [u32; 6] = [35, 40, 5, 12, 5, 3];
const FIRST_NAMES: [&str; 25] = [
    "Anna",
    "Ben",
    "Chloé",
    "Dmitri",
    "Emma",
    "Felix",
    "Grace",
    "Hiro",
    "Ines",
    "Jürgen",
    "Kim",
    "Lena",
    "Mateo",
    "Nora",
    "Oskar",
    "Priya",
    "Søren",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Yuna",
    "Zoë",
    "Ольга",
    "민준",
];
const LAST_NAMES: [&str; 20] = [
    "Andersen", "Bauer", "Chen", "Dubois", "Evans", "Fischer", "García", "Hoffmann", "Ivanova",
    "Jensen", "Kowalski", "Lee", "Müller", "Novak", "O'Brien", "Park", "Rossi", "Schmidt",
    "Tanaka", "김",
];
const ORG_WORDS: [&str; 10] = [
    "Acme",
    "Northwind",
    "Contoso",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Tyrell",
    "Hooli",
];
const ORG_KINDS: [&str; 8] = [
    "Logistics",
    "Foods",
    "Software",
    "Bank",
    "Health",
    "Energy",
    "Retail",
    "Labs",
];
/// `(Rails name, IANA name)` of user time zones.
pub(crate) const USER_ZONES: [(&str, &str); 6] = [
    ("Berlin", "Europe/Berlin"),
    ("Eastern Time (US & Canada)", "America/New_York"),
    ("Seoul", "Asia/Seoul"),
    ("Moscow", "Europe/Moscow"),
    ("London", "Europe/London"),
    ("UTC", "Etc/UTC"),
];
pub(crate) const LOCALES: [&str; 5] = ["en-US", "de", "ko", "ru", "en-GB"];
pub(crate) const SLA_POLICIES: [(&str, &str); 2] = [
    (
        "Urgent and high priority",
        "Fast first replies for urgent and high tickets",
    ),
    ("Standard", "First reply targets for normal and low tickets"),
];
pub(crate) const GOOD_COMMENTS: [&str; 4] = [
    "Quick and friendly, thanks!",
    "Problem solved on the first reply.",
    "Sehr hilfreich, danke.",
    "",
];
pub(crate) const BAD_COMMENTS: [&str; 4] = [
    "Took too long",
    "Nobody read my question properly.",
    "Still not working.",
    "",
];
/// `(reason, reason_code)` of bad ratings; good and offered ratings carry code 0.
pub(crate) const BAD_REASONS: [(&str, i64); 3] = [
    ("Issue took too long to resolve", 6),
    ("Issue was not resolved", 7),
    ("Agent's knowledge is unsatisfactory", 8),
];
pub(crate) const SECTION_NAMES: [&str; 3] = ["Getting started", "Billing", "Troubleshooting"];
/// Article titles per locale (`en`, `ko`, `ru`).
pub(crate) const ARTICLE_TITLES: [(&str, &[&str]); 3] = [
    (
        "en-us",
        &[
            "How to reset your password",
            "Setting up single sign-on",
            "Understanding your invoice",
            "Exporting reports to CSV",
            "Adding agents and groups",
            "Using macros to answer faster",
            "Mobile app: notifications",
            "API rate limits explained",
            "Changing your plan",
            "Troubleshooting email delivery",
            "Keyboard shortcuts",
            "Data retention policy",
            "Working with custom fields",
            "Business hours and holidays",
            "Getting started checklist",
        ],
    ),
    (
        "ko",
        &[
            "비밀번호 재설정 방법",
            "SSO 설정하기",
            "청구서 이해하기",
            "CSV로 보고서 내보내기",
            "상담원 및 그룹 추가",
            "모바일 앱 알림",
            "요금제 변경",
            "이메일 전송 문제 해결",
        ],
    ),
    (
        "ru",
        &[
            "Как сбросить пароль",
            "Настройка единого входа",
            "Как читать счёт",
            "Экспорт отчётов в CSV",
            "Добавление агентов и групп",
            "Смена тарифа",
            "Проблемы с доставкой писем",
        ],
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    New,
    Open,
    Pending,
    Hold,
    Solved,
    Closed,
    Deleted,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Open => "open",
            Status::Pending => "pending",
            Status::Hold => "hold",
            Status::Solved => "solved",
            Status::Closed => "closed",
            Status::Deleted => "deleted",
        }
    }

    pub(crate) fn is_solved(self) -> bool {
        matches!(self, Status::Solved | Status::Closed)
    }

    /// Id of the account's default custom status of this status category.
    pub(crate) fn custom_status_id(self) -> i64 {
        ids::CUSTOM_STATUS
            + match self {
                Status::New => 1,
                Status::Open => 2,
                Status::Pending => 3,
                Status::Hold => 4,
                Status::Solved | Status::Closed | Status::Deleted => 5,
            }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// First-reply SLA target in minutes and whether it counts business hours.
    pub(crate) fn sla(self) -> (u32, bool, u8) {
        match self {
            Priority::Urgent => (60, false, 0),
            Priority::High => (240, false, 0),
            Priority::Normal => (480, true, 1),
            Priority::Low => (1440, true, 1),
        }
    }

    fn next(self) -> Priority {
        match self {
            Priority::Low => Priority::Normal,
            Priority::Normal => Priority::High,
            Priority::High => Priority::Urgent,
            Priority::Urgent => Priority::Normal,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TicketType {
    Question,
    Incident,
    Problem,
    Task,
}

impl TicketType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TicketType::Question => "question",
            TicketType::Incident => "incident",
            TicketType::Problem => "problem",
            TicketType::Task => "task",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    EndUser,
    Agent,
    Admin,
}

impl Role {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::EndUser => "end-user",
            Role::Agent => "agent",
            Role::Admin => "admin",
        }
    }
}

pub(crate) struct Group {
    pub id: i64,
    pub name: &'static str,
    pub created_at: i64,
    pub updated_at: i64,
}

pub(crate) struct Brand {
    pub id: i64,
    pub name: &'static str,
    pub subdomain: &'static str,
    pub created_at: i64,
    pub updated_at: i64,
}

pub(crate) struct User {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub org_id: Option<i64>,
    pub locale: &'static str,
    pub zone: usize,
    pub default_group_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_login_at: Option<i64>,
}

pub(crate) struct Org {
    pub id: i64,
    pub name: String,
    pub domain: String,
    pub group_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// `(calendar, business)` minutes; `None` until both ends of the interval happened.
pub(crate) type Dur = Option<(u32, u32)>;

#[derive(Clone, Debug)]
pub(crate) struct Metrics {
    pub replies: u32,
    pub reopens: u32,
    pub group_stations: u32,
    pub assignee_stations: u32,
    pub reply: Dur,
    pub first_resolution: Dur,
    pub full_resolution: Dur,
    pub agent_wait: Dur,
    pub requester_wait: Dur,
    pub on_hold: Dur,
    /// Share of calendar time inside business hours, fixed per ticket so that every
    /// business duration keeps the order of its calendar duration.
    pub business_ratio: f32,
    pub updated_at: i64,
    pub initially_assigned_at: Option<i64>,
    pub assigned_at: Option<i64>,
    pub assignee_updated_at: Option<i64>,
    pub requester_updated_at: i64,
    pub status_updated_at: i64,
    pub solved_at: Option<i64>,
    pub latest_comment_added_at: i64,
}

impl Metrics {
    fn dur(&self, calendar: u32) -> Dur {
        let business = ((calendar as f32) * self.business_ratio).round() as u32;
        Some((calendar, business.min(calendar)))
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Ticket {
    pub id: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub generated: i64,
    pub status: Status,
    pub priority: Option<Priority>,
    pub kind: Option<TicketType>,
    pub subject: u16,
    pub requester_id: i64,
    pub submitter_id: i64,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub org_id: Option<i64>,
    pub brand: u8,
    pub form: u8,
    pub channel: u8,
    pub tags: u32,
    pub product: Option<u8>,
    pub vip: bool,
    pub due_at: Option<i64>,
    pub problem_id: Option<i64>,
    pub rating_id: Option<i64>,
    pub metrics: Metrics,
}

impl Ticket {
    /// Served tags: free tags plus the values of the tagger and checkbox fields, sorted.
    pub(crate) fn tag_list(&self) -> Vec<&'static str> {
        let mut tags: Vec<&'static str> = TAGS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.tags & (1 << i) != 0)
            .map(|(_, t)| *t)
            .collect();
        if let Some(p) = self.product {
            tags.push(PRODUCT_OPTIONS[p as usize].1);
        }
        if self.vip {
            tags.push(VIP_TAG);
        }
        tags.sort_unstable();
        tags
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Score {
    Offered,
    Good,
    Bad,
}

impl Score {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Score::Offered => "offered",
            Score::Good => "good",
            Score::Bad => "bad",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Rating {
    pub id: i64,
    pub ticket_id: i64,
    pub score: Score,
    /// Index into the good/bad comment lists (the last entry is "no comment").
    pub comment: u8,
    pub reason: u8,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub requester_id: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Zendesk's metric names (they all end in "time").
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Metric {
    ReplyTime,
    RequesterWaitTime,
    ResolutionTime,
}

impl Metric {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Metric::ReplyTime => "reply_time",
            Metric::RequesterWaitTime => "requester_wait_time",
            Metric::ResolutionTime => "resolution_time",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EventType {
    ApplySla,
    Activate,
    Pause,
    Fulfill,
    Breach,
    UpdateStatus,
}

impl EventType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EventType::ApplySla => "apply_sla",
            EventType::Activate => "activate",
            EventType::Pause => "pause",
            EventType::Fulfill => "fulfill",
            EventType::Breach => "breach",
            EventType::UpdateStatus => "update_status",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct MetricEvent {
    pub id: i64,
    pub ticket_id: i64,
    pub time: i64,
    pub metric: Metric,
    pub instance_id: u32,
    pub kind: EventType,
    pub deleted: bool,
    /// `(target minutes, business_hours, policy index)` of `apply_sla`.
    pub sla: Option<(u32, bool, u8)>,
    /// Elapsed `(calendar, business)` of `update_status`.
    pub status: Dur,
}

pub(crate) struct Article {
    pub id: i64,
    pub locale: &'static str,
    pub title: &'static str,
    pub section: usize,
    pub author_id: i64,
    pub draft: bool,
    pub promoted: bool,
    pub position: u32,
    pub vote_sum: i64,
    pub vote_count: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The whole account. Vectors are sorted by id; the `*_order` vectors hold export
/// positions `(timestamp, id)` (or indices sorted by them), so a cursor or `start_time`
/// is found by binary search.
pub(crate) struct Dataset {
    /// Logical "now": starts at `BASE`, advanced by 60 s per mutation call.
    pub clock: i64,
    rng: ChaCha8Rng,
    pub groups: Vec<Group>,
    pub brands: Vec<Brand>,
    pub users: Vec<User>,
    /// Indices into `users`, sorted by `(updated_at, id)`.
    pub user_order: Vec<u32>,
    pub orgs: Vec<Org>,
    /// Indices into `orgs`, sorted by `(updated_at, id)`.
    pub org_order: Vec<u32>,
    /// `tickets[i].id == i + 1`.
    pub tickets: Vec<Ticket>,
    /// `(generated_timestamp, id)` of every ticket, sorted.
    pub ticket_order: Vec<(i64, i64)>,
    /// Sorted by id.
    pub ratings: Vec<Rating>,
    /// Sorted by `(time, id)`.
    pub events: Vec<MetricEvent>,
    /// The ticket events export, sorted by `(at, id)`.
    pub ticket_events: Vec<TicketEvent>,
    pub articles: Vec<Article>,
    /// Indices into `articles`, sorted by `(updated_at, id)`.
    pub article_order: Vec<u32>,
    agents_by_group: Vec<Vec<i64>>,
    former_agent: i64,
    end_users: Vec<(i64, Option<i64>)>,
    next_rating_id: i64,
    next_event_id: i64,
    next_ticket_event_id: i64,
}

fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.gen_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// Minutes until the first public agent reply: mostly hours, a tail of days.
fn sample_reply_minutes(rng: &mut ChaCha8Rng) -> u32 {
    match weighted(rng, &[55, 33, 12]) {
        0 => rng.gen_range(1..=240),
        1 => rng.gen_range(241..=1_440),
        _ => rng.gen_range(1_441..=5_760),
    }
}

/// Minutes from the first reply to the solve.
fn sample_resolution_extra(rng: &mut ChaCha8Rng) -> u32 {
    match weighted(rng, &[20, 50, 30]) {
        0 => rng.gen_range(0..=60),
        1 => rng.gen_range(61..=2_880),
        _ => rng.gen_range(2_881..=20_160),
    }
}

impl Dataset {
    pub(crate) fn generate(config: &FakeConfig) -> Dataset {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let now = BASE - 10 * MINUTE;
        let start = BASE - YEAR;

        let groups: Vec<Group> = GROUP_NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let created_at = start - 2 * YEAR + i as i64 * 7 * DAY;
                Group {
                    id: ids::GROUP + 1 + i as i64,
                    name,
                    created_at,
                    updated_at: created_at + rng.gen_range(0..YEAR),
                }
            })
            .collect();
        let brands: Vec<Brand> = BRANDS
            .iter()
            .enumerate()
            .map(|(i, (name, subdomain))| {
                let created_at = start - 2 * YEAR + i as i64 * 30 * DAY;
                Brand {
                    id: ids::BRAND + 1 + i as i64,
                    name,
                    subdomain,
                    created_at,
                    updated_at: created_at + rng.gen_range(0..YEAR),
                }
            })
            .collect();

        // Organizations; about a third share their updated_at with the previous one, as
        // after a bulk update, so time-based pages have duplicates at their boundaries.
        // Runs are capped at MAX_SHARED so that pages of more items always advance.
        let mut org_times: Vec<i64> = (0..config.organizations)
            .map(|_| rng.gen_range(start..now))
            .collect();
        org_times.sort_unstable();
        let mut run = 1;
        for i in 1..org_times.len() {
            if run < MAX_SHARED && rng.gen_bool(0.35) {
                org_times[i] = org_times[i - 1];
                run += 1;
            } else {
                run = 1;
            }
        }
        // Ids are shuffled against time so that id order and export order differ.
        let mut org_ids: Vec<i64> = (1..=config.organizations as i64)
            .map(|i| ids::ORG + i)
            .collect();
        org_ids.shuffle(&mut rng);
        let mut orgs = Vec::with_capacity(config.organizations);
        for (i, updated_at) in org_times.iter().enumerate() {
            let a = ORG_WORDS[i % ORG_WORDS.len()];
            let b = ORG_KINDS[(i / ORG_WORDS.len()) % ORG_KINDS.len()];
            let round = i / (ORG_WORDS.len() * ORG_KINDS.len());
            let name = if round == 0 {
                format!("{a} {b}")
            } else {
                format!("{a} {b} {}", round + 1)
            };
            let domain = format!("{}-{}{}.example", a.to_lowercase(), b.to_lowercase(), i);
            orgs.push(Org {
                id: org_ids[i],
                name,
                domain,
                group_id: rng
                    .gen_bool(0.3)
                    .then(|| groups[rng.gen_range(0..groups.len())].id),
                created_at: updated_at - rng.gen_range(0..2 * YEAR),
                updated_at: *updated_at,
            });
        }
        orgs.sort_by_key(|o| o.id);
        let mut org_order: Vec<u32> = (0..orgs.len() as u32).collect();
        org_order.sort_by_key(|&i| (orgs[i as usize].updated_at, orgs[i as usize].id));

        // Users: the API user first (admin, or agent for a non-admin token), a few admins,
        // agents spread over the groups, one former agent demoted to end-user (inactive,
        // still the assignee of old tickets), and end-users.
        let n_users = config.users.max(8);
        let n_admins = (2 + n_users / 200).min(5);
        let n_agents = (n_users * 8 / 100).max(4);
        let mut users = Vec::with_capacity(n_users);
        let mut agents_by_group: Vec<Vec<i64>> = vec![Vec::new(); groups.len()];
        let mut end_users = Vec::new();
        let mut former_agent = 0;
        for i in 0..n_users {
            let id = ids::USER + 1 + i as i64;
            let staff = i < n_admins + n_agents;
            let role = if i == 0 {
                if config.admin {
                    Role::Admin
                } else {
                    Role::Agent
                }
            } else if i < n_admins {
                Role::Admin
            } else if staff {
                Role::Agent
            } else {
                Role::EndUser
            };
            let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
            let last = LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())];
            let org_id = (!staff && !orgs.is_empty() && rng.gen_bool(0.8))
                .then(|| orgs[rng.gen_range(0..orgs.len())].id);
            let (name, email) = if i == 0 {
                ("Account Owner".to_string(), config.email.clone())
            } else if staff {
                (
                    format!("{first} {last}"),
                    format!("agent{i}@deskbench-fake.example"),
                )
            } else {
                (
                    format!("{first} {last}"),
                    format!("user{i}@customer.example"),
                )
            };
            let created_at = if staff {
                start - YEAR - rng.gen_range(0..YEAR)
            } else {
                rng.gen_range(start - YEAR..now - DAY)
            };
            let updated_at = rng.gen_range(created_at.max(start)..now);
            let default_group_id = staff.then(|| groups[i % groups.len()].id);
            let former = i == n_admins + n_agents - 1 && n_agents > 1;
            if staff && !former {
                agents_by_group[i % groups.len()].push(id);
            } else if former {
                former_agent = id;
            } else {
                end_users.push((id, org_id));
            }
            users.push(User {
                id,
                name,
                email,
                role: if former { Role::EndUser } else { role },
                active: !former,
                org_id,
                locale: LOCALES[rng.gen_range(0..LOCALES.len())],
                zone: rng.gen_range(0..USER_ZONES.len()),
                default_group_id,
                created_at,
                updated_at,
                last_login_at: (staff || rng.gen_bool(0.4))
                    .then(|| rng.gen_range(updated_at - 30 * DAY..=updated_at)),
            });
        }
        // Every group needs an agent to assign to.
        for (g, agents) in agents_by_group.iter_mut().enumerate() {
            if agents.is_empty() {
                agents.push(ids::USER + 1 + (g % n_admins) as i64);
            }
        }
        if former_agent == 0 {
            former_agent = agents_by_group[0][0];
        }
        let mut user_order: Vec<u32> = (0..users.len() as u32).collect();
        user_order.sort_by_key(|&i| (users[i as usize].updated_at, users[i as usize].id));

        let mut data = Dataset {
            clock: BASE,
            rng: ChaCha8Rng::seed_from_u64(config.seed ^ 0x9E37_79B9_7F4A_7C15),
            groups,
            brands,
            users,
            user_order,
            orgs,
            org_order,
            tickets: Vec::with_capacity(config.tickets),
            ticket_order: Vec::new(),
            ratings: Vec::new(),
            events: Vec::new(),
            ticket_events: Vec::new(),
            articles: Vec::new(),
            article_order: Vec::new(),
            agents_by_group,
            former_agent,
            end_users,
            next_rating_id: ids::RATING + 1,
            next_event_id: ids::EVENT + 1,
            next_ticket_event_id: ids::TICKET_EVENT + 1,
        };

        // Tickets: ids in creation order, spread over the year before BASE.
        let mut created: Vec<i64> = (0..config.tickets)
            .map(|_| rng.gen_range(start..now - 2 * HOUR))
            .collect();
        created.sort_unstable();
        let mut problems: Vec<i64> = Vec::new();
        for (i, created_at) in created.into_iter().enumerate() {
            let ticket = data.generate_ticket(&mut rng, i as i64 + 1, created_at, now, &problems);
            if ticket.kind == Some(TicketType::Problem) {
                problems.push(ticket.id);
            }
            data.tickets.push(ticket);
        }
        data.ticket_order = data.tickets.iter().map(|t| (t.generated, t.id)).collect();
        data.ticket_order.sort_unstable();
        // Events are recorded as they happen: none may lie after the account's clock, or a
        // client bookmarking on `end_time` would start past changes made later.
        let clock = data.clock;
        data.events.retain(|e| e.time <= clock);
        data.events.sort_unstable_by_key(|e| (e.time, e.id));
        data.ticket_events.sort_unstable_by_key(|e| (e.at, e.id));

        data.generate_articles(&mut rng, now);
        data
    }

    fn pick_requester(&self, rng: &mut ChaCha8Rng) -> (i64, Option<i64>) {
        if self.end_users.is_empty() {
            (self.users[self.users.len() - 1].id, None)
        } else {
            self.end_users[rng.gen_range(0..self.end_users.len())]
        }
    }

    fn pick_agent(&self, rng: &mut ChaCha8Rng, group_id: i64) -> i64 {
        let g = (group_id - ids::GROUP - 1) as usize;
        let agents = &self.agents_by_group[g.min(self.agents_by_group.len() - 1)];
        *agents.choose(rng).expect("every group has an agent")
    }

    /// One historical ticket created at `created`, with everything that happened to it
    /// until `now`: status, metrics, rating and metric events.
    fn generate_ticket(
        &mut self,
        rng: &mut ChaCha8Rng,
        id: i64,
        created: i64,
        now: i64,
        problems: &[i64],
    ) -> Ticket {
        let mut t = self.new_ticket(rng, id, created);
        let age_min = ((now - created) / MINUTE) as u32;

        if rng.gen_bool(0.005) {
            // Deleted a little after creation: a tombstone from the first sync on.
            t.status = Status::Deleted;
            t.updated_at = (created + rng.gen_range(MINUTE..=3 * DAY)).min(now);
            t.generated = t.updated_at;
            self.generate_history(&t);
            return t;
        }
        if t.kind == Some(TicketType::Incident) && !problems.is_empty() && rng.gen_bool(0.3) {
            t.problem_id = problems.choose(rng).copied();
        }

        let reply_cal = sample_reply_minutes(rng);
        let replied = reply_cal < age_min && !rng.gen_bool(0.03);
        let m = &mut t.metrics;
        let mut last_activity = created + rng.gen_range(0..=60.min(age_min as i64)) * MINUTE;
        if t.group_id.is_some() && (replied || rng.gen_bool(0.5)) {
            let group_id = t.group_id.unwrap_or_default();
            let assignee = if created < BASE - 270 * DAY && rng.gen_bool(0.1) {
                self.former_agent
            } else {
                self.pick_agent(rng, group_id)
            };
            let limit = if replied { reply_cal } else { age_min.min(120) };
            let at = created + rng.gen_range(0..=limit as i64) * MINUTE;
            t.assignee_id = Some(assignee);
            m.initially_assigned_at = Some(at);
            m.assigned_at = Some(at);
            m.assignee_updated_at = Some(at);
            m.assignee_stations = 1 + u32::from(rng.gen_bool(0.15)) + u32::from(rng.gen_bool(0.05));
            last_activity = last_activity.max(at);
        }
        if t.group_id.is_some() {
            m.group_stations = 1 + u32::from(rng.gen_bool(0.1));
        }

        let mut solved_at = None;
        if !replied {
            t.status = if t.assignee_id.is_some() {
                Status::Open
            } else {
                Status::New
            };
        } else {
            m.reply = m.dur(reply_cal);
            m.replies = 1 + weighted(rng, &[40, 30, 15, 8, 4, 3]) as u32;
            let reply_at = created + reply_cal as i64 * MINUTE;
            let full_cal = reply_cal + sample_resolution_extra(rng);
            if full_cal < age_min && rng.gen_bool(0.92) {
                let at = created + full_cal as i64 * MINUTE;
                solved_at = Some(at);
                m.solved_at = Some(at);
                m.full_resolution = m.dur(full_cal);
                let first_cal = if rng.gen_bool(0.1) {
                    m.reopens = rng.gen_range(1..=2);
                    rng.gen_range(reply_cal..=full_cal)
                } else {
                    full_cal
                };
                m.first_resolution = m.dur(first_cal);
                split_waits(m, rng, full_cal);
                last_activity = at;
                t.status = if now - at > 4 * DAY && rng.gen_bool(0.9) {
                    Status::Closed
                } else {
                    Status::Solved
                };
            } else {
                t.status =
                    [Status::Open, Status::Pending, Status::Hold][weighted(rng, &[50, 35, 15])];
                let activity_span = (age_min - reply_cal) as i64;
                last_activity = reply_at + rng.gen_range(0..=activity_span.min(3 * 1440)) * MINUTE;
                if rng.gen_bool(0.05) {
                    // Solved once and reopened: the first resolution stays.
                    let first_cal = ((last_activity - created) / MINUTE) as u32;
                    m.first_resolution = m.dur(first_cal.max(reply_cal));
                    m.reopens = 1;
                }
                split_waits(m, rng, ((last_activity - created) / MINUTE) as u32);
            }
        }

        // Rating for ~40% of solved tickets, shortly after the solve.
        let mut updated_at = last_activity;
        let mut status_changed = solved_at.unwrap_or(last_activity);
        if let Some(at) = solved_at {
            if rng.gen_bool(0.4) {
                let rated_at = (at + rng.gen_range(HOUR..=2 * DAY)).min(now);
                let score = [Score::Good, Score::Bad, Score::Offered][weighted(rng, &[65, 20, 15])];
                let rating = Rating {
                    id: self.next_rating_id,
                    ticket_id: id,
                    score,
                    comment: rng.gen_range(0..GOOD_COMMENTS.len() as u8),
                    reason: rng.gen_range(0..BAD_REASONS.len() as u8),
                    assignee_id: t.assignee_id,
                    group_id: t.group_id,
                    requester_id: t.requester_id,
                    created_at: rated_at,
                    updated_at: rated_at,
                };
                self.next_rating_id += 1;
                t.rating_id = Some(rating.id);
                self.ratings.push(rating);
                updated_at = updated_at.max(rated_at);
            }
            if t.status == Status::Closed {
                // Closed by the automation four days after the solve.
                let closed_at = (at + 4 * DAY + rng.gen_range(0..HOUR)).min(now);
                status_changed = closed_at;
                updated_at = updated_at.max(closed_at);
            }
        }
        let updated_at = updated_at.min(now);
        t.updated_at = updated_at;
        // About one ticket in ten got a later system update: generated_timestamp moves,
        // updated_at does not (§2.3).
        t.generated = if rng.gen_bool(0.1) {
            (updated_at + rng.gen_range(MINUTE..=3 * DAY)).min(now)
        } else {
            updated_at
        };
        let m = &mut t.metrics;
        m.status_updated_at = status_changed.min(updated_at);
        m.latest_comment_added_at = solved_at.unwrap_or(last_activity).min(updated_at);
        m.requester_updated_at = created + (m.latest_comment_added_at - created) / 2;
        m.updated_at = m.status_updated_at;
        if t.kind == Some(TicketType::Task) {
            t.due_at = Some(created + 7 * DAY);
        }

        self.generate_events(rng, &t);
        self.generate_history(&t);
        t
    }

    /// A ticket as it looks right after creation (used for history and `add_tickets`).
    fn new_ticket(&self, rng: &mut ChaCha8Rng, id: i64, created: i64) -> Ticket {
        let priority = [
            None,
            Some(Priority::Low),
            Some(Priority::Normal),
            Some(Priority::High),
            Some(Priority::Urgent),
        ][weighted(rng, &[25, 15, 41, 15, 4])];
        let kind = [
            None,
            Some(TicketType::Question),
            Some(TicketType::Incident),
            Some(TicketType::Problem),
            Some(TicketType::Task),
        ][weighted(rng, &[20, 40, 25, 5, 10])];
        let (requester_id, org_id) = self.pick_requester(rng);
        let group_id = rng
            .gen_bool(0.9)
            .then(|| self.groups[rng.gen_range(0..self.groups.len())].id);
        let submitter_id = if rng.gen_bool(0.8) {
            requester_id
        } else {
            let g = group_id.unwrap_or(self.groups[0].id);
            self.pick_agent(rng, g)
        };
        let mut tags = 0u32;
        for _ in 0..weighted(rng, &[25, 40, 25, 10]) {
            tags |= 1 << rng.gen_range(0..TAGS.len());
        }
        tags &= !ESCALATED_TAG;
        Ticket {
            id,
            created_at: created,
            updated_at: created,
            generated: created,
            status: Status::New,
            priority,
            kind,
            subject: rng.gen_range(0..SUBJECTS.len() as u16),
            requester_id,
            submitter_id,
            assignee_id: None,
            group_id,
            org_id,
            brand: weighted(rng, &[70, 20, 10]) as u8,
            form: weighted(rng, &[85, 15]) as u8,
            channel: weighted(rng, &CHANNEL_WEIGHTS) as u8,
            tags,
            product: rng
                .gen_bool(0.85)
                .then(|| rng.gen_range(0..PRODUCT_OPTIONS.len() as u8)),
            vip: rng.gen_bool(0.1),
            due_at: None,
            problem_id: None,
            rating_id: None,
            metrics: Metrics {
                replies: 0,
                reopens: 0,
                group_stations: 0,
                assignee_stations: 0,
                reply: None,
                first_resolution: None,
                full_resolution: None,
                agent_wait: None,
                requester_wait: None,
                on_hold: None,
                business_ratio: rng.gen_range(0.25f32..=1.0),
                updated_at: created,
                initially_assigned_at: None,
                assigned_at: None,
                assignee_updated_at: None,
                requester_updated_at: created,
                status_updated_at: created,
                solved_at: None,
                latest_comment_added_at: created,
            },
        }
    }

    /// Appends a metric event (instance 1, not deleted, no SLA/status) and returns it
    /// for the caller to fill the type-specific parts.
    fn event(
        &mut self,
        ticket_id: i64,
        time: i64,
        metric: Metric,
        kind: EventType,
    ) -> &mut MetricEvent {
        self.events.push(MetricEvent {
            id: self.next_event_id,
            ticket_id,
            time,
            metric,
            instance_id: 1,
            kind,
            deleted: false,
            sla: None,
            status: None,
        });
        self.next_event_id += 1;
        self.events.last_mut().expect("just pushed")
    }

    /// Metric events of a historical ticket with a priority (§3.2): SLA applied at
    /// creation, clocks activated, first reply fulfilled (breached if late), pauses while
    /// pending, fulfilment at the solve. About 2% are flagged `deleted`.
    fn generate_events(&mut self, rng: &mut ChaCha8Rng, t: &Ticket) {
        let Some(priority) = t.priority else {
            return;
        };
        let sla = priority.sla();
        let c = t.created_at;
        let mut d = || rng.gen_bool(0.02);
        let (d1, d2, d3) = (d(), d(), d());
        {
            let e = self.event(t.id, c, Metric::ReplyTime, EventType::ApplySla);
            e.sla = Some(sla);
            e.deleted = d1;
        }
        self.event(t.id, c, Metric::ReplyTime, EventType::Activate)
            .deleted = d2;
        self.event(t.id, c, Metric::RequesterWaitTime, EventType::Activate)
            .deleted = d3;
        self.event(t.id, c, Metric::ResolutionTime, EventType::Activate);
        let m = &t.metrics;
        if let Some((cal, bus)) = m.reply {
            if cal > sla.0 {
                let at = c + sla.0 as i64 * MINUTE;
                self.event(t.id, at, Metric::ReplyTime, EventType::Breach);
            }
            let at = c + cal as i64 * MINUTE;
            self.event(t.id, at, Metric::ReplyTime, EventType::Fulfill);
            let status = Some((cal, bus));
            self.event(t.id, at, Metric::ReplyTime, EventType::UpdateStatus)
                .status = status;
        }
        if t.status == Status::Pending {
            let at = m.status_updated_at;
            self.event(t.id, at, Metric::RequesterWaitTime, EventType::Pause);
        }
        if let (Some(at), Some(full)) = (m.solved_at, m.full_resolution) {
            self.event(t.id, at, Metric::RequesterWaitTime, EventType::Fulfill);
            self.event(t.id, at, Metric::ResolutionTime, EventType::Fulfill);
            self.event(t.id, at, Metric::ResolutionTime, EventType::UpdateStatus)
                .status = Some(full);
        }
    }

    /// Records a ticket event of `children` (none: nothing happened).
    fn record(&mut self, ticket_id: i64, at: i64, updater_id: i64, children: Vec<Child>) {
        if children.is_empty() {
            return;
        }
        // Every third update of a person comes with a comment; one in four of an agent's
        // is a private note. The system writes none.
        let id = self.next_ticket_event_id;
        let comment = (id % 3 == 0 && updater_id != -1).then_some(history::Comment {
            author_id: updater_id,
            public: (id / 3) % 4 != 1,
        });
        self.ticket_events.push(TicketEvent {
            id: self.next_ticket_event_id,
            ticket_id,
            at,
            updater_id,
            children,
            comment,
        });
        self.next_ticket_event_id += 1;
    }

    /// The events of a historical ticket, from its creation to its state now: assigned
    /// when its metrics say, opened at its first touch, then pending or on hold, or
    /// solved and closed by the system, or deleted.
    fn generate_history(&mut self, t: &Ticket) {
        let status = |from: Status, to: Status| {
            history::change("status", json!(from.as_str()), json!(to.as_str()))
        };
        self.record(t.id, t.created_at, t.requester_id, history::created(t));
        let m = t.metrics.clone();
        let agent = t.assignee_id.unwrap_or(-1);
        if let (Some(assignee), Some(at)) = (t.assignee_id, m.assigned_at) {
            let assigned = history::change("assignee_id", Value::Null, json!(assignee));
            self.record(t.id, at, agent, assigned.into_iter().collect());
        }
        let touched = m.assigned_at.unwrap_or(t.created_at + MINUTE);
        let opened = |until: i64| touched.min(until).max(t.created_at);
        let mut steps: Vec<(i64, Status, Status, i64)> = Vec::new();
        match t.status {
            Status::New => {}
            Status::Deleted => steps.push((t.updated_at, Status::New, Status::Deleted, agent)),
            Status::Open => steps.push((
                opened(m.status_updated_at),
                Status::New,
                Status::Open,
                agent,
            )),
            Status::Pending | Status::Hold => {
                steps.push((
                    opened(m.status_updated_at),
                    Status::New,
                    Status::Open,
                    agent,
                ));
                steps.push((m.status_updated_at, Status::Open, t.status, agent));
            }
            Status::Solved | Status::Closed => {
                let solved = m.solved_at.unwrap_or(m.status_updated_at);
                steps.push((opened(solved), Status::New, Status::Open, agent));
                steps.push((solved, Status::Open, Status::Solved, agent));
                if t.status == Status::Closed {
                    steps.push((
                        m.status_updated_at.max(solved),
                        Status::Solved,
                        Status::Closed,
                        -1,
                    ));
                }
            }
        }
        for (at, from, to, updater) in steps {
            self.record(t.id, at, updater, status(from, to).into_iter().collect());
        }
    }

    fn generate_articles(&mut self, rng: &mut ChaCha8Rng, now: i64) {
        let authors: Vec<i64> = self.agents_by_group.iter().flatten().copied().collect();
        let mut updated = BASE - YEAR;
        let mut run = MAX_SHARED;
        for (locale, titles) in ARTICLE_TITLES {
            for (i, title) in titles.iter().enumerate() {
                // Some articles share an edit time (edited in one go).
                if run < MAX_SHARED && rng.gen_bool(0.3) {
                    run += 1;
                } else {
                    updated = rng.gen_range(BASE - YEAR..now);
                    run = 1;
                }
                let created_at = updated - rng.gen_range(0..YEAR);
                let vote_count = rng.gen_range(0..40);
                self.articles.push(Article {
                    id: ids::ARTICLE + 1 + self.articles.len() as i64,
                    locale,
                    title,
                    section: i % SECTION_NAMES.len(),
                    author_id: *authors.choose(rng).unwrap_or(&self.users[0].id),
                    draft: rng.gen_bool(0.1),
                    promoted: rng.gen_bool(0.1),
                    position: i as u32,
                    vote_sum: rng.gen_range(-vote_count..=vote_count),
                    vote_count,
                    created_at,
                    updated_at: updated,
                });
            }
        }
        let articles = &self.articles;
        let mut order: Vec<u32> = (0..articles.len() as u32).collect();
        order.sort_by_key(|&i| (articles[i as usize].updated_at, articles[i as usize].id));
        self.article_order = order;
    }

    pub(crate) fn ticket(&self, id: i64) -> Option<&Ticket> {
        usize::try_from(id - 1)
            .ok()
            .and_then(|i| self.tickets.get(i))
    }

    pub(crate) fn user(&self, id: i64) -> Option<&User> {
        usize::try_from(id - ids::USER - 1)
            .ok()
            .and_then(|i| self.users.get(i))
    }

    pub(crate) fn rating(&self, id: i64) -> Option<&Rating> {
        self.ratings
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &self.ratings[i])
    }

    /// The newest timestamp anything in the dataset can carry.
    pub(crate) fn now(&self) -> i64 {
        self.clock
    }

    // ---- mutations -------------------------------------------------------------------

    /// Advances the logical clock for one mutation call and returns the new time.
    fn tick(&mut self) -> i64 {
        self.clock += MINUTE;
        self.clock
    }

    /// Moves the given tickets to the end of the export order at `at`.
    fn touch(&mut self, ids: &[i64], at: i64) {
        let mut changed = vec![false; self.tickets.len()];
        let mut moved = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(i) = usize::try_from(id - 1).ok().filter(|&i| i < changed.len()) {
                if !changed[i] {
                    changed[i] = true;
                    moved.push(id);
                }
            }
        }
        self.ticket_order
            .retain(|&(_, id)| !changed.get((id - 1) as usize).copied().unwrap_or(false));
        moved.sort_unstable();
        for id in moved {
            let t = &mut self.tickets[(id - 1) as usize];
            t.updated_at = at;
            t.generated = at;
            t.metrics.updated_at = at;
            self.ticket_order.push((at, id));
        }
    }

    fn live_ids(&self, ids: &[i64]) -> Vec<i64> {
        ids.iter()
            .copied()
            .filter(|&id| matches!(self.ticket(id), Some(t) if t.status != Status::Deleted))
            .collect()
    }

    pub(crate) fn add_tickets(&mut self, n: usize) -> Vec<i64> {
        let at = self.tick();
        let mut rng = self.rng.clone();
        let mut added = Vec::with_capacity(n);
        for _ in 0..n {
            let id = self.tickets.len() as i64 + 1;
            let t = self.new_ticket(&mut rng, id, at);
            if let Some(p) = t.priority {
                let sla = Some(p.sla());
                self.event(id, at, Metric::ReplyTime, EventType::ApplySla)
                    .sla = sla;
                self.event(id, at, Metric::ReplyTime, EventType::Activate);
                self.event(id, at, Metric::RequesterWaitTime, EventType::Activate);
                self.event(id, at, Metric::ResolutionTime, EventType::Activate);
            }
            self.record(id, at, t.requester_id, history::created(&t));
            self.tickets.push(t);
            self.ticket_order.push((at, id));
            added.push(id);
        }
        self.rng = rng;
        added
    }

    /// Priority moves one step (none → low → normal → high → urgent → normal), the
    /// ticket is (re)assigned within its group, the `escalated` tag toggles, a new ticket
    /// becomes open. A new priority re-applies the SLA.
    pub(crate) fn update_tickets(&mut self, ids: &[i64]) {
        let at = self.tick();
        let ids = self.live_ids(ids);
        let mut rng = self.rng.clone();
        for &id in &ids {
            let before = self.tickets[(id - 1) as usize].clone();
            let (group_id, priority) = {
                let t = &mut self.tickets[(id - 1) as usize];
                t.priority = Some(t.priority.map_or(Priority::Low, Priority::next));
                t.tags ^= ESCALATED_TAG;
                let group_id = *t.group_id.get_or_insert(ids::GROUP + 1);
                (group_id, t.priority)
            };
            let agent = self.pick_agent(&mut rng, group_id);
            let t = &mut self.tickets[(id - 1) as usize];
            if t.assignee_id != Some(agent) {
                t.assignee_id = Some(agent);
                let m = &mut t.metrics;
                m.assignee_stations += 1;
                m.group_stations = m.group_stations.max(1);
                m.initially_assigned_at.get_or_insert(at);
                m.assigned_at = Some(at);
                m.assignee_updated_at = Some(at);
            }
            if t.status == Status::New {
                t.status = Status::Open;
                t.metrics.status_updated_at = at;
            }
            if let Some(p) = priority {
                let sla = Some(p.sla());
                self.event(id, at, Metric::ReplyTime, EventType::ApplySla)
                    .sla = sla;
            }
            self.record_changes(&before, at);
        }
        self.rng = rng;
        self.touch(&ids, at);
    }

    /// The ticket event of a mutation: each followed field that differs from `before`.
    fn record_changes(&mut self, before: &Ticket, at: i64) {
        let after = &self.tickets[(before.id - 1) as usize];
        let priority = |t: &Ticket| t.priority.map_or(Value::Null, |p| json!(p.as_str()));
        let children = [
            history::change(
                "status",
                json!(before.status.as_str()),
                json!(after.status.as_str()),
            ),
            history::change("priority", priority(before), priority(after)),
            history::change(
                "group_id",
                history::id(before.group_id),
                history::id(after.group_id),
            ),
            history::change(
                "assignee_id",
                history::id(before.assignee_id),
                history::id(after.assignee_id),
            ),
        ];
        let updater = after.assignee_id.unwrap_or(-1);
        self.record(
            before.id,
            at,
            updater,
            children.into_iter().flatten().collect(),
        );
    }

    /// Status solved (unassigned tickets get an agent of their group first); the first
    /// reply (if none yet), first and full resolution, waits and `solved_at` are filled,
    /// and the metric clocks are fulfilled.
    pub(crate) fn solve_tickets(&mut self, ids: &[i64]) {
        let at = self.tick();
        let ids: Vec<i64> = self
            .live_ids(ids)
            .into_iter()
            .filter(|&id| !self.tickets[(id - 1) as usize].status.is_solved())
            .collect();
        let mut rng = self.rng.clone();
        for &id in &ids {
            // Zendesk only solves assigned tickets: assign unassigned ones first.
            let t = &self.tickets[(id - 1) as usize];
            let unassigned = t
                .assignee_id
                .is_none()
                .then(|| t.group_id.unwrap_or(ids::GROUP + 1));
            let agent = unassigned.map(|g| (g, self.pick_agent(&mut rng, g)));
            let before = t.clone();
            let t = &mut self.tickets[(id - 1) as usize];
            if let Some((group_id, agent)) = agent {
                t.group_id = Some(group_id);
                t.assignee_id = Some(agent);
                let m = &mut t.metrics;
                m.group_stations = m.group_stations.max(1);
                m.assignee_stations += 1;
                m.initially_assigned_at.get_or_insert(at);
                m.assigned_at = Some(at);
                m.assignee_updated_at = Some(at);
            }
            let elapsed = ((at - t.created_at) / MINUTE) as u32;
            let m = &mut t.metrics;
            let new_reply = m.reply.is_none();
            if new_reply {
                let cal = rng.gen_range(0..=elapsed);
                m.reply = m.dur(cal);
                m.replies = m.replies.max(1);
            }
            m.full_resolution = m.dur(elapsed);
            if m.first_resolution.is_none() {
                m.first_resolution = m.full_resolution;
            }
            split_waits(m, &mut rng, elapsed);
            m.solved_at = Some(at);
            m.status_updated_at = at;
            m.latest_comment_added_at = at;
            t.status = Status::Solved;
            let (priority, reply, full) = (t.priority, m.reply, m.full_resolution);
            if priority.is_some() {
                if new_reply {
                    self.event(id, at, Metric::ReplyTime, EventType::Fulfill);
                    self.event(id, at, Metric::ReplyTime, EventType::UpdateStatus)
                        .status = reply;
                }
                self.event(id, at, Metric::RequesterWaitTime, EventType::Fulfill);
                self.event(id, at, Metric::ResolutionTime, EventType::Fulfill);
                self.event(id, at, Metric::ResolutionTime, EventType::UpdateStatus)
                    .status = full;
            }
            self.record_changes(&before, at);
        }
        self.rng = rng;
        self.touch(&ids, at);
    }

    /// Solved → open (closed tickets cannot be reopened, as in Zendesk): `reopens += 1`,
    /// `solved_at` and the full resolution time are cleared until the next solve; the
    /// first resolution time stays.
    pub(crate) fn reopen_tickets(&mut self, ids: &[i64]) {
        let at = self.tick();
        let ids: Vec<i64> = self
            .live_ids(ids)
            .into_iter()
            .filter(|&id| self.tickets[(id - 1) as usize].status == Status::Solved)
            .collect();
        for &id in &ids {
            let before = self.tickets[(id - 1) as usize].clone();
            let t = &mut self.tickets[(id - 1) as usize];
            t.status = Status::Open;
            let m = &mut t.metrics;
            m.reopens += 1;
            m.solved_at = None;
            m.full_resolution = None;
            m.status_updated_at = at;
            if t.priority.is_some() {
                self.event(id, at, Metric::RequesterWaitTime, EventType::Activate);
                self.event(id, at, Metric::ResolutionTime, EventType::Activate);
            }
            self.record_changes(&before, at);
        }
        self.touch(&ids, at);
    }

    /// Status deleted (a tombstone in the export); the rating and metric events go.
    pub(crate) fn delete_tickets(&mut self, ids: &[i64]) {
        let at = self.tick();
        let ids = self.live_ids(ids);
        let mut gone = vec![false; self.tickets.len()];
        for &id in &ids {
            let before = self.tickets[(id - 1) as usize].clone();
            let t = &mut self.tickets[(id - 1) as usize];
            t.status = Status::Deleted;
            t.rating_id = None;
            gone[(id - 1) as usize] = true;
            // The export keeps serving a deleted ticket's events, with its deletion last;
            // a client must keep none of them.
            self.record_changes(&before, at);
        }
        let is_gone = |ticket_id: i64| gone.get((ticket_id - 1) as usize).copied().unwrap_or(false);
        self.ratings.retain(|r| !is_gone(r.ticket_id));
        self.events.retain(|e| !is_gone(e.ticket_id));
        self.touch(&ids, at);
    }

    /// A new rating, or a changed score on the existing one (its `updated_at` moves).
    /// The ticket changes too (new `satisfaction_rating`), so it is exported again.
    pub(crate) fn rate_ticket(&mut self, id: i64, good: bool) {
        let at = self.tick();
        let Some(t) = self.ticket(id).filter(|t| t.status != Status::Deleted) else {
            return;
        };
        let score = if good { Score::Good } else { Score::Bad };
        match t.rating_id {
            Some(rating_id) => {
                let i = self
                    .ratings
                    .binary_search_by_key(&rating_id, |r| r.id)
                    .expect("a ticket's rating exists");
                let r = &mut self.ratings[i];
                r.score = score;
                r.comment = (r.comment + 1) % GOOD_COMMENTS.len() as u8;
                r.updated_at = at;
            }
            None => {
                let rating = Rating {
                    id: self.next_rating_id,
                    ticket_id: id,
                    score,
                    comment: 0,
                    reason: 0,
                    assignee_id: t.assignee_id,
                    group_id: t.group_id,
                    requester_id: t.requester_id,
                    created_at: at,
                    updated_at: at,
                };
                self.next_rating_id += 1;
                self.tickets[(id - 1) as usize].rating_id = Some(rating.id);
                self.ratings.push(rating);
            }
        }
        self.touch(&[id], at);
    }

    /// Dates the ticket's rating `updated_at` at `at` as given (say, in 2099), as a server
    /// with a wrong clock would; nothing else changes and the logical clock stays.
    pub(crate) fn stamp_rating(&mut self, ticket_id: i64, at: i64) {
        let Some(rating_id) = self.ticket(ticket_id).and_then(|t| t.rating_id) else {
            return;
        };
        if let Ok(i) = self.ratings.binary_search_by_key(&rating_id, |r| r.id) {
            self.ratings[i].updated_at = at;
        }
    }

    // ---- expectations ----------------------------------------------------------------

    fn history(&self) -> Vec<(i64, i64, String)> {
        let live = |id: i64| matches!(self.ticket(id), Some(t) if t.status != Status::Deleted);
        let mut history: Vec<(i64, i64, String)> = self
            .ticket_events
            .iter()
            .filter(|e| live(e.ticket_id))
            .flat_map(|e| {
                e.children
                    .iter()
                    .map(|c| (e.id, e.ticket_id, c.field.to_owned()))
            })
            .collect();
        history.sort_unstable();
        history
    }

    /// `(comment id, ticket id, author id)` of each public comment of a live ticket.
    fn public_comments(&self) -> Vec<(i64, i64, Option<i64>)> {
        let live = |id: i64| matches!(self.ticket(id), Some(t) if t.status != Status::Deleted);
        let mut comments: Vec<(i64, i64, Option<i64>)> = (self.ticket_events.iter())
            .filter(|e| live(e.ticket_id))
            .filter_map(|e| {
                let c = e.comment.filter(|c| c.public)?;
                Some((e.comment_id(), e.ticket_id, Some(c.author_id)))
            })
            .collect();
        comments.sort_unstable();
        comments
    }

    pub(crate) fn expected(&self, time_zone: &str) -> Expected {
        let tickets = self
            .tickets
            .iter()
            .map(|t| {
                if t.status == Status::Deleted {
                    return ExpectedTicket {
                        id: t.id,
                        status: "deleted".into(),
                        updated_at: t.updated_at,
                        priority: None,
                        group_id: None,
                        assignee_id: None,
                        tags: Vec::new(),
                        reply_time_calendar: None,
                        full_resolution_time_calendar: None,
                        replies: None,
                        reopens: None,
                    };
                }
                let m = &t.metrics;
                ExpectedTicket {
                    id: t.id,
                    status: t.status.as_str().into(),
                    updated_at: t.updated_at,
                    priority: t.priority.map(|p| p.as_str().into()),
                    group_id: t.group_id,
                    assignee_id: t.assignee_id,
                    tags: t.tag_list().into_iter().map(String::from).collect(),
                    reply_time_calendar: m.reply.map(|d| i64::from(d.0)),
                    full_resolution_time_calendar: m.full_resolution.map(|d| i64::from(d.0)),
                    replies: Some(i64::from(m.replies)),
                    reopens: Some(i64::from(m.reopens)),
                }
            })
            .collect();
        let mut metric_events: Vec<i64> = self
            .events
            .iter()
            .filter(|e| !e.deleted)
            .map(|e| e.id)
            .collect();
        metric_events.sort_unstable();
        Expected {
            tickets,
            users: self.users.iter().map(|u| u.id).collect(),
            organizations: self.orgs.iter().map(|o| o.id).collect(),
            groups: self.groups.iter().map(|g| g.id).collect(),
            brands: self.brands.iter().map(|b| b.id).collect(),
            ticket_fields: ticket_field_ids(),
            ratings: self
                .ratings
                .iter()
                .map(|r| (r.id, r.ticket_id, r.score.as_str().to_string()))
                .collect(),
            metric_events,
            articles: self.articles.iter().map(|a| a.id).collect(),
            history: self.history(),
            public_comments: self.public_comments(),
            time_zone: time_zone.to_string(),
        }
    }
}

/// Ids of all ticket fields: the system fields, then the product dropdown and the VIP
/// checkbox.
pub(crate) fn ticket_field_ids() -> Vec<i64> {
    (1..=SYSTEM_FIELDS.len() as i64)
        .map(|i| ids::FIELD + i)
        .chain([ids::PRODUCT_FIELD, ids::VIP_FIELD])
        .collect()
}

/// Splits `total` calendar minutes into requester wait, on-hold and agent wait.
fn split_waits(m: &mut Metrics, rng: &mut ChaCha8Rng, total: u32) {
    let requester = (total as f32 * rng.gen_range(0.3f32..=0.9)) as u32;
    let on_hold = if rng.gen_bool(0.15) {
        ((total - requester) as f32 * rng.gen_range(0.0f32..=0.5)) as u32
    } else {
        0
    };
    let agent = total - requester - on_hold;
    m.requester_wait = m.dur(requester);
    m.on_hold = m.dur(on_hold);
    m.agent_wait = m.dur(agent);
}

#[cfg(test)]
mod fake_zendesk_dataset_tests {
    use std::collections::BTreeMap;

    use super::*;

    fn config(tickets: usize) -> FakeConfig {
        FakeConfig {
            tickets,
            ..FakeConfig::default()
        }
    }

    #[test]
    fn deterministic_for_a_seed() {
        let a = Dataset::generate(&config(500)).expected("Europe/Berlin");
        let b = Dataset::generate(&config(500)).expected("Europe/Berlin");
        assert_eq!(a, b);
        let c = Dataset::generate(&FakeConfig {
            seed: 2,
            ..config(500)
        })
        .expected("Europe/Berlin");
        assert_ne!(a.tickets, c.tickets);
    }

    #[test]
    fn metrics_are_consistent() {
        let data = Dataset::generate(&config(5_000));
        let le = |a: Dur, b: Dur| match (a, b) {
            (Some(a), Some(b)) => a.0 <= b.0 && a.1 <= b.1,
            _ => true,
        };
        let mut solved = 0;
        let mut deleted = 0;
        for t in &data.tickets {
            assert!(t.generated < BASE && t.created_at <= t.updated_at);
            assert!(t.updated_at <= t.generated, "ticket {}", t.id);
            if t.status == Status::Deleted {
                deleted += 1;
                assert!(t.rating_id.is_none());
                continue;
            }
            let m = &t.metrics;
            for d in [
                m.reply,
                m.first_resolution,
                m.full_resolution,
                m.agent_wait,
                m.requester_wait,
                m.on_hold,
            ]
            .into_iter()
            .flatten()
            {
                assert!(d.1 <= d.0, "business <= calendar on ticket {}", t.id);
            }
            assert!(le(m.reply, m.first_resolution) && le(m.first_resolution, m.full_resolution));
            assert_eq!(
                t.status.is_solved(),
                m.solved_at.is_some(),
                "ticket {}",
                t.id
            );
            assert_eq!(m.solved_at.is_some(), m.full_resolution.is_some());
            if let Some(at) = m.solved_at {
                solved += 1;
                assert!(at <= t.updated_at);
                assert!(m.reply.is_some() && m.replies >= 1);
            }
        }
        assert!(solved > 2_500, "most old tickets are solved: {solved}");
        assert!(deleted > 0);
        let rated = data.ratings.len() as f64 / solved as f64;
        assert!((0.3..0.5).contains(&rated), "{rated}");
        assert!(data
            .events
            .windows(2)
            .all(|w| (w[0].time, w[0].id) < (w[1].time, w[1].id)));
        assert!(data.events.iter().any(|e| e.deleted));
        assert_eq!(data.articles.len(), 30);
        let org_time = |i: u32| data.orgs[i as usize].updated_at;
        assert!(data
            .org_order
            .windows(2)
            .any(|w| org_time(w[0]) == org_time(w[1])));
    }

    #[test]
    fn mutations_move_tickets_to_the_end() {
        let mut data = Dataset::generate(&config(300));
        let added = data.add_tickets(3);
        assert_eq!(added, vec![301, 302, 303]);
        data.update_tickets(&[5, 301]);
        data.solve_tickets(&[301]);
        data.reopen_tickets(&[301]);
        data.delete_tickets(&[7]);
        data.rate_ticket(302, true);
        assert_eq!(data.clock, BASE + 6 * MINUTE);
        let tail: Vec<i64> = data
            .ticket_order
            .iter()
            .rev()
            .take(6)
            .map(|p| p.1)
            .collect();
        assert!(tail.contains(&5) && tail.contains(&7) && tail.contains(&301));
        assert!(data.ticket_order.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(data.ticket_order.len(), 303);
        let expected = data.expected("UTC");
        let t301 = expected.ticket(301).unwrap();
        assert_eq!((t301.status.as_str(), t301.reopens), ("open", Some(1)));
        assert_eq!(t301.full_resolution_time_calendar, None);
        assert!(expected.ticket(7).unwrap().is_deleted());
        assert!(expected.ratings.iter().any(|r| r.1 == 302 && r.2 == "good"));
        assert!(expected.ratings.iter().all(|r| r.1 != 7));
    }

    #[test]
    fn each_tickets_last_events_agree_with_the_ticket() {
        let mut data = Dataset::generate(&config(2_000));
        let added = data.add_tickets(4);
        let open: Vec<i64> = (1..=2_000)
            .filter(|&id| data.tickets[id as usize - 1].status == Status::Open)
            .take(6)
            .collect();
        data.update_tickets(&[open[0], open[1], added[0]]);
        data.solve_tickets(&[open[2], added[1]]);
        data.reopen_tickets(&[added[1]]);
        data.delete_tickets(&[open[3]]);
        assert!(data
            .ticket_events
            .windows(2)
            .all(|w| (w[0].at, w[0].id) < (w[1].at, w[1].id)));
        assert!(data.ticket_events.iter().all(|e| e.at <= data.clock));
        let mut last: BTreeMap<(i64, &str), Value> = BTreeMap::new();
        for e in &data.ticket_events {
            for c in &e.children {
                last.insert((e.ticket_id, c.field), c.value.clone());
            }
        }
        let value = |id: i64, field: &str| last.get(&(id, field)).cloned().unwrap_or(Value::Null);
        for t in &data.tickets {
            assert_eq!(
                value(t.id, "status"),
                json!(t.status.as_str()),
                "ticket {}",
                t.id
            );
            if t.status == Status::Deleted {
                continue;
            }
            let priority = t.priority.map_or(Value::Null, |p| json!(p.as_str()));
            assert_eq!(value(t.id, "priority"), priority, "ticket {}", t.id);
            assert_eq!(
                value(t.id, "group_id"),
                history::id(t.group_id),
                "ticket {}",
                t.id
            );
            assert_eq!(
                value(t.id, "assignee_id"),
                history::id(t.assignee_id),
                "ticket {}",
                t.id
            );
        }
        assert!(
            data.expected("UTC").history.len() > 4 * 2_000,
            "a Create and changes a ticket"
        );
    }
}
