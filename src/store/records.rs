//! Canonical records: what every connector (Zendesk, Freshdesk, CSV, demo) turns its data
//! into before it reaches the store. Timestamps are UTC unix seconds.

use std::fmt;

/// Where a workspace's data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Zendesk,
    Freshdesk,
    Csv,
    Demo,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Zendesk => "zendesk",
            SourceKind::Freshdesk => "freshdesk",
            SourceKind::Csv => "csv",
            SourceKind::Demo => "demo",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        Some(match s {
            "zendesk" => SourceKind::Zendesk,
            "freshdesk" => SourceKind::Freshdesk,
            "csv" => SourceKind::Csv,
            "demo" => SourceKind::Demo,
            _ => return None,
        })
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source as it is added; the store assigns its id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSource {
    pub kind: SourceKind,
    pub name: String,
    pub base_url: Option<String>,
    pub time_zone: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: i64,
    pub kind: SourceKind,
    pub name: String,
    pub base_url: Option<String>,
    pub time_zone: Option<String>,
    /// Non-secret settings (for Zendesk: email, auth kind, request limit).
    pub settings: serde_json::Value,
    pub last_success_at: Option<i64>,
}

/// Zendesk ticket statuses; `Deleted` marks a tombstone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketStatus {
    New,
    Open,
    Pending,
    Hold,
    Solved,
    Closed,
    Deleted,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 7] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::Pending,
        TicketStatus::Hold,
        TicketStatus::Solved,
        TicketStatus::Closed,
        TicketStatus::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::Hold => "hold",
            TicketStatus::Solved => "solved",
            TicketStatus::Closed => "closed",
            TicketStatus::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<TicketStatus> {
        TicketStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn is_solved(self) -> bool {
        matches!(self, TicketStatus::Solved | TicketStatus::Closed)
    }
}

/// A duration metric in minutes, in calendar and in business hours (Zendesk's
/// `{calendar, business}` objects). Either half may be unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Minutes {
    pub calendar: Option<f64>,
    pub business: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketMetrics {
    pub reply_time: Minutes,
    pub first_resolution_time: Minutes,
    pub full_resolution_time: Minutes,
    pub requester_wait_time: Minutes,
    pub agent_wait_time: Minutes,
    pub on_hold_time: Minutes,
    pub replies: Option<i64>,
    pub reopens: Option<i64>,
    pub assignee_stations: Option<i64>,
    pub group_stations: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub id: i64,
    pub status: TicketStatus,
    pub priority: Option<String>,
    pub ticket_type: Option<String>,
    pub channel: Option<String>,
    pub subject: Option<String>,
    pub description: Option<String>,
    pub requester_id: Option<i64>,
    pub submitter_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub brand_id: Option<i64>,
    pub form_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub solved_at: Option<i64>,
    pub metrics: TicketMetrics,
    pub tags: Vec<String>,
    /// Custom field values: field id and the API's value as JSON.
    pub fields: Vec<(i64, serde_json::Value)>,
}

/// A custom ticket field's definition.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketField {
    pub id: i64,
    pub title: String,
    pub field_type: String,
    /// (value, display name) for drop-down and tagger fields.
    pub options: Vec<(String, String)>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: i64,
    /// `end-user`, `agent` or `admin`.
    pub role: String,
    pub name: String,
    pub email: Option<String>,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
    pub organization_id: Option<i64>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
}

/// A named entity: group, organization or brand.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Group,
    Organization,
    Brand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RatingScore {
    Good,
    Bad,
    Offered,
    Unoffered,
}

impl RatingScore {
    pub fn as_str(self) -> &'static str {
        match self {
            RatingScore::Good => "good",
            RatingScore::Bad => "bad",
            RatingScore::Offered => "offered",
            RatingScore::Unoffered => "unoffered",
        }
    }

    pub fn parse(s: &str) -> Option<RatingScore> {
        Some(match s {
            "good" => RatingScore::Good,
            "bad" => RatingScore::Bad,
            "offered" => RatingScore::Offered,
            "unoffered" => RatingScore::Unoffered,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SatisfactionRating {
    pub id: i64,
    pub ticket_id: i64,
    pub score: RatingScore,
    pub comment: Option<String>,
    pub reason: Option<String>,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub requester_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A ticket metric event (Zendesk's SLA and metric timeline).
#[derive(Debug, Clone, PartialEq)]
pub struct SlaEvent {
    pub id: i64,
    pub ticket_id: i64,
    /// `reply_time`, `requester_wait_time`, `agent_work_time`, …
    pub metric: String,
    pub instance_id: i64,
    /// `activate`, `pause`, `fulfill`, `apply_sla`, `breach`, `update_status`, …
    pub event_type: String,
    pub time: i64,
    pub target_minutes: Option<f64>,
    pub business_hours: Option<bool>,
    pub policy_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: i64,
    pub ticket_id: i64,
    pub author_id: Option<i64>,
    pub public: bool,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub locale: Option<String>,
    pub section_id: Option<i64>,
    pub vote_sum: Option<i64>,
    pub vote_count: Option<i64>,
    pub html_url: Option<String>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
}

/// A ticket field the status history follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HistoryField {
    Status,
    Group,
    Assignee,
    Priority,
}

impl HistoryField {
    pub const ALL: [HistoryField; 4] = [
        HistoryField::Status,
        HistoryField::Group,
        HistoryField::Assignee,
        HistoryField::Priority,
    ];

    /// The field's name, as Zendesk's ticket events and the tickets table call it.
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryField::Status => "status",
            HistoryField::Group => "group_id",
            HistoryField::Assignee => "assignee_id",
            HistoryField::Priority => "priority",
        }
    }

    pub fn parse(s: &str) -> Option<HistoryField> {
        HistoryField::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// A value in the status history: a status or priority as its text (`open`, `high`), a
/// group or assignee as its id, as the tickets table holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryValue {
    Text(String),
    Id(i64),
}

/// One field of a ticket event: a change, or the value the ticket was created with
/// (`previous` is then none). `None` values mean the field was unset (unassigned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub event_id: i64,
    pub ticket_id: i64,
    pub at: i64,
    pub field: HistoryField,
    pub previous: Option<HistoryValue>,
    pub value: Option<HistoryValue>,
    /// Who made the change (Zendesk's -1 is the system).
    pub updater_id: Option<i64>,
}

/// A public comment of a ticket as the flow KPIs need it: when it was added and by whom.
/// Its text is not kept. Whether it is an agent's reply is the author's role's to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicComment {
    /// The comment's id (Zendesk: the `Comment` child event's id).
    pub comment_id: i64,
    pub ticket_id: i64,
    pub at: i64,
    pub author_id: Option<i64>,
}
