//! Freshdesk DTOs to canonical records, with the KPI mapping of `freshdesk-api.md` §8.
//! Freshdesk exposes milestones, not durations, so first reply and full resolution are
//! computed here, in calendar minutes and in business minutes on the ticket's group
//! calendar. What the API cannot tell stays null, with a reason in [`NULL_REASONS`].

use chrono::DateTime;

use crate::store::records::*;

use super::account::Account;
use super::business_hours::business_minutes;
use super::codes::{channel, priority, OUTBOUND_EMAIL};
use super::csat::{feeling, score};
use super::dto::*;
use super::sla::{self, policy_for, Milestones};

/// Why one record was not stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

/// KPIs Freshdesk data never supports, by KPI id, with the reason to show.
pub const NULL_REASONS: [(&str, &str); 5] = [
    (
        "first_resolution_time",
        "Freshdesk keeps only a ticket's latest resolution time; the first one needs its status history",
    ),
    ("requester_wait_time", NO_STATUS_HISTORY),
    ("agent_wait_time", NO_STATUS_HISTORY),
    ("on_hold_time", NO_STATUS_HISTORY),
    (
        "reopen_rate",
        "Freshdesk tells only when a ticket was last reopened, not how many times",
    ),
];

const NO_STATUS_HISTORY: &str =
    "Freshdesk's API has no status history, so time spent in each status cannot be added up";

/// Why a ticket's first reply time is null although it was answered.
pub const OUTBOUND_WITHOUT_CUSTOMER_MESSAGE: &str =
    "an outbound ticket's first reply counts from the customer's first message, and there is none";
/// Why a ticket's business minutes are null.
pub const NO_CALENDAR: &str =
    "neither the ticket's group nor the account has a business-hours calendar Deskbench could read";
/// Why `replies` (and one- and zero-touch) are null for a ticket.
pub const CONVERSATIONS_NOT_READ: &str = "the ticket's conversations have not been read";

/// A ticket with what hangs off it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertedTicket {
    pub ticket: Ticket,
    pub comments: Vec<Comment>,
    pub sla_events: Vec<SlaEvent>,
}

fn timestamp(field: &str, value: &Option<String>) -> Result<Option<i64>, Invalid> {
    match value.as_deref() {
        None | Some("") => Ok(None),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| Some(t.timestamp()))
            .map_err(|_| Invalid(format!("{field} {text:?} is not an ISO 8601 time"))),
    }
}

fn required_time(field: &str, value: &Option<String>) -> Result<i64, Invalid> {
    timestamp(field, value)?.ok_or_else(|| Invalid(format!("{field} is missing")))
}

/// A ticket, its conversations (`None` when they were not read) and its SLA events. A
/// deleted or spam ticket becomes a tombstone, so it leaves every KPI.
pub fn ticket(
    dto: TicketDto,
    conversations: Option<&[ConversationDto]>,
    account: &Account,
) -> Result<ConvertedTicket, Invalid> {
    let created_at = required_time("created_at", &dto.created_at)?;
    let updated_at = timestamp("updated_at", &dto.updated_at)?;
    let gone = dto.deleted == Some(true) || dto.spam == Some(true);
    let status = if gone {
        TicketStatus::Deleted
    } else {
        let code = dto
            .status
            .ok_or_else(|| Invalid("status is missing".into()))?;
        account.statuses.status(code)
    };
    let mut ticket = Ticket {
        id: dto.id,
        status,
        priority: dto.priority.map(priority),
        ticket_type: dto.ticket_type.clone(),
        channel: dto.source.map(channel),
        subject: dto.subject.clone(),
        description: dto.description_text.clone(),
        requester_id: dto.requester_id,
        submitter_id: None,
        assignee_id: dto.responder_id,
        group_id: dto.group_id,
        organization_id: dto.company_id,
        brand_id: dto.product_id,
        form_id: None,
        created_at,
        updated_at,
        solved_at: None,
        metrics: TicketMetrics::default(),
        tags: Vec::new(),
        fields: Vec::new(),
    };
    if gone {
        return Ok(ConvertedTicket {
            ticket,
            comments: Vec::new(),
            sla_events: Vec::new(),
        });
    }
    let stats = dto.stats.clone().unwrap_or_default();
    let comments = conversations
        .map(|list| list.iter().map(|c| comment(dto.id, c)).collect())
        .transpose()?;
    if status.is_solved() {
        ticket.solved_at = timestamp("stats.resolved_at", &stats.resolved_at)?
            .or(timestamp("stats.closed_at", &stats.closed_at)?);
    }
    let first_responded = timestamp("stats.first_responded_at", &stats.first_responded_at)?;
    let reply_from = match dto.source {
        Some(OUTBOUND_EMAIL) => conversations.and_then(first_customer_message),
        _ => Some(created_at),
    };
    let calendar = account.calendars.for_group(dto.group_id);
    let span = |from: Option<i64>, to: Option<i64>| match (from, to) {
        (Some(from), Some(to)) if to >= from => Minutes {
            calendar: Some((to - from) as f64 / 60.0),
            business: calendar.map(|c| business_minutes(c, from, to)),
        },
        _ => Minutes::default(),
    };
    ticket.metrics.reply_time = span(reply_from, first_responded);
    ticket.metrics.full_resolution_time = span(Some(created_at), ticket.solved_at);
    ticket.metrics.replies = conversations.map(public_agent_replies);
    ticket.tags = dto.tags.clone().unwrap_or_default();
    ticket.fields = custom_fields(&dto, account);
    let milestones = Milestones {
        created: created_at,
        first_response_due: timestamp("fr_due_by", &dto.fr_due_by)?,
        first_responded,
        first_response_escalated: dto.fr_escalated == Some(true),
        resolution_due: timestamp("due_by", &dto.due_by)?,
        resolved: ticket.solved_at,
        resolution_escalated: dto.is_escalated == Some(true),
    };
    let policy = policy_for(&account.policies, &dto);
    let sla_events = sla::events(dto.id, &milestones, policy, dto.priority)
        .map_err(|e| Invalid(e.to_string()))?;
    Ok(ConvertedTicket {
        ticket,
        comments: comments.unwrap_or_default(),
        sla_events,
    })
}

/// When the customer first wrote (times already checked by `comment`).
fn first_customer_message(conversations: &[ConversationDto]) -> Option<i64> {
    conversations
        .iter()
        .filter(|c| c.incoming == Some(true))
        .filter_map(|c| timestamp("created_at", &c.created_at).ok().flatten())
        .min()
}

/// Public messages written by the helpdesk's side: replies and public notes, as
/// Freshdesk's "agent interactions".
fn public_agent_replies(conversations: &[ConversationDto]) -> i64 {
    conversations
        .iter()
        .filter(|c| c.incoming == Some(false) && c.private == Some(false))
        .count() as i64
}

fn comment(ticket_id: i64, dto: &ConversationDto) -> Result<Comment, Invalid> {
    let created_at = required_time("created_at", &dto.created_at)
        .map_err(|Invalid(e)| Invalid(format!("conversation {}: {e}", dto.id)))?;
    Ok(Comment {
        id: dto.id,
        ticket_id,
        author_id: dto.user_id,
        public: dto.private != Some(true),
        body: dto.body_text.clone().unwrap_or_default(),
        created_at,
    })
}

/// Custom values by field id; a name the ticket fields do not list yet is left out until
/// they are synced (the raw JSON keeps it).
fn custom_fields(dto: &TicketDto, account: &Account) -> Vec<(i64, serde_json::Value)> {
    dto.custom_fields
        .iter()
        .flatten()
        .filter(|(_, value)| !value.is_null())
        .filter_map(|(name, value)| Some((*account.field_ids.get(name)?, value.clone())))
        .collect()
}

/// A satisfaction rating, scored from its default question per the workspace's choice
/// for neutral answers.
pub fn rating(dto: RatingDto, account: &Account) -> Result<SatisfactionRating, Invalid> {
    let value = dto
        .ratings
        .as_ref()
        .and_then(|r| r.get("default_question"))
        .ok_or_else(|| Invalid("ratings.default_question is missing".into()))?;
    let answer = value
        .as_i64()
        .and_then(feeling)
        .ok_or_else(|| Invalid(format!("rating {value} is on no Freshdesk scale")))?;
    let created_at = required_time("created_at", &dto.created_at)?;
    Ok(SatisfactionRating {
        id: dto.id,
        ticket_id: dto
            .ticket_id
            .ok_or_else(|| Invalid("ticket_id is missing".into()))?,
        score: score(answer, account.neutral),
        comment: dto.feedback.filter(|c| !c.trim().is_empty()),
        reason: None,
        assignee_id: dto.agent_id,
        group_id: dto.group_id,
        requester_id: dto.user_id,
        created_at,
        updated_at: timestamp("updated_at", &dto.updated_at)?.unwrap_or(created_at),
    })
}

pub fn contact(dto: ContactDto) -> Result<User, Invalid> {
    Ok(User {
        id: dto.id,
        role: "end-user".into(),
        name: dto.name.unwrap_or_default(),
        email: dto.email,
        locale: dto.language,
        time_zone: dto.time_zone,
        organization_id: dto.company_id,
        created_at: timestamp("created_at", &dto.created_at)?,
        updated_at: timestamp("updated_at", &dto.updated_at)?,
    })
}

/// An agent; its id is also its user id, which tickets name as responder.
pub fn agent(dto: AgentDto) -> Result<User, Invalid> {
    let contact = dto.contact;
    let part = |f: fn(AgentContactDto) -> Option<String>| contact.clone().and_then(f);
    Ok(User {
        id: dto.id,
        role: "agent".into(),
        name: part(|c| c.name).unwrap_or_default(),
        email: part(|c| c.email),
        locale: part(|c| c.language),
        time_zone: part(|c| c.time_zone),
        organization_id: None,
        created_at: timestamp("created_at", &dto.created_at)?,
        updated_at: timestamp("updated_at", &dto.updated_at)?,
    })
}

/// Groups keep their names here; their calendars are read by `Account`.
pub fn group(dto: GroupDto) -> Named {
    Named {
        id: dto.id,
        name: dto.name.unwrap_or_else(|| dto.id.to_string()),
    }
}

/// Companies (stored as organizations) and products (stored as brands).
pub fn named(dto: NamedDto) -> Named {
    Named {
        id: dto.id,
        name: dto.name.unwrap_or_else(|| dto.id.to_string()),
    }
}

/// A custom ticket field's definition; built-in fields (status, priority, …) are
/// Deskbench's own dimensions, so they give `None`.
pub fn ticket_field(dto: TicketFieldDto) -> Option<TicketField> {
    let name = dto.name.as_deref().unwrap_or_default();
    let field_type = dto.field_type.unwrap_or_default();
    if !name.starts_with("cf_") && !field_type.starts_with("custom_") {
        return None;
    }
    let options = match dto.choices {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(|s| (s.to_owned(), s.to_owned())))
            .collect(),
        Some(serde_json::Value::Object(map)) => map
            .iter()
            .map(|(value, labels)| {
                let label = labels
                    .get(0)
                    .or(Some(labels))
                    .and_then(|l| l.as_str())
                    .unwrap_or(value);
                (value.clone(), label.to_owned())
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(TicketField {
        id: dto.id,
        title: dto.label.unwrap_or_else(|| name.to_owned()),
        field_type,
        options,
        active: true,
    })
}

/// A published solution article, as the knowledge base the feedback gaps look in;
/// drafts give `None`.
pub fn article(dto: ArticleDto) -> Result<Option<Article>, Invalid> {
    const PUBLISHED: i64 = 2;
    if dto.status != Some(PUBLISHED) {
        return Ok(None);
    }
    let (up, down) = (dto.thumbs_up.unwrap_or(0), dto.thumbs_down.unwrap_or(0));
    Ok(Some(Article {
        id: dto.id,
        title: dto.title.unwrap_or_default(),
        body: dto
            .description_text
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        locale: None,
        section_id: dto.folder_id,
        vote_sum: Some(up - down),
        vote_count: Some(up + down),
        html_url: None,
        created_at: timestamp("created_at", &dto.created_at)?,
        updated_at: timestamp("updated_at", &dto.updated_at)?,
    }))
}
