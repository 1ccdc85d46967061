//! Freshdesk DTOs to canonical records, with the KPI mapping of `freshdesk-api.md` §8.
//! Freshdesk exposes milestones, not durations, so first reply and full resolution are
//! computed here, in calendar minutes and in business minutes on the ticket's group
//! calendar. What the API cannot tell stays null, with a reason in [`NULL_REASONS`].

use crate::store::records::*;

use super::account::Account;
use super::business_hours::business_minutes;
use super::codes::{channel, priority, AUTOMATION_NOTE, OUTBOUND_EMAIL};
use super::csat::{feeling, score};
use super::dto::*;
use super::sla::{self, policy_for, Milestones};

pub use crate::sources::record::Invalid;
use crate::sources::record::{required_time, timestamp};

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
    /// Its conversations whole; `None` when they were not read, so the stored ones stay.
    pub comments: Option<Vec<Comment>>,
    /// Every SLA event it has now: stored ones not among them are stale.
    pub sla_events: Vec<SlaEvent>,
}

/// A ticket, its conversations (`None` when they were not read) and its SLA events. A
/// deleted or spam ticket becomes a tombstone, so it leaves every KPI.
pub fn ticket(
    dto: TicketDto,
    conversations: Option<&[ConversationDto]>,
    account: &Account,
) -> Result<ConvertedTicket, Invalid> {
    let created_at = required_time("created_at", &dto.created_at)?;
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
        updated_at: timestamp("updated_at", &dto.updated_at)?,
        solved_at: None,
        metrics: TicketMetrics::default(),
        tags: Vec::new(),
        fields: Vec::new(),
    };
    if gone {
        return Ok(ConvertedTicket {
            ticket,
            comments: None,
            sla_events: Vec::new(),
        });
    }
    let comments = conversations
        .map(|list| list.iter().map(|c| comment(dto.id, c)).collect())
        .transpose()?;
    let stats = dto.stats.clone().unwrap_or_default();
    if status.is_solved() {
        ticket.solved_at = timestamp("stats.resolved_at", &stats.resolved_at)?
            .or(timestamp("stats.closed_at", &stats.closed_at)?);
    }
    let first_responded = timestamp("stats.first_responded_at", &stats.first_responded_at)?;
    ticket.metrics = metrics(&dto, &ticket, first_responded, conversations, account);
    ticket.tags = dto.tags.clone().unwrap_or_default();
    ticket.fields = custom_fields(&dto, account);
    let sla_events = sla_events(&dto, &ticket, first_responded, account)?;
    Ok(ConvertedTicket {
        ticket,
        comments,
        sla_events,
    })
}

/// First reply and full resolution in calendar and business minutes, and the replies;
/// everything else Freshdesk cannot tell (see [`NULL_REASONS`]).
fn metrics(
    dto: &TicketDto,
    ticket: &Ticket,
    first_responded: Option<i64>,
    conversations: Option<&[ConversationDto]>,
    account: &Account,
) -> TicketMetrics {
    let reply_from = match dto.source {
        Some(OUTBOUND_EMAIL) => conversations.and_then(first_customer_message),
        _ => Some(ticket.created_at),
    };
    let calendar = account.calendars.for_group(dto.group_id);
    let span = |from: Option<i64>, to: Option<i64>| match (from, to) {
        (Some(from), Some(to)) if to >= from => Minutes {
            calendar: Some((to - from) as f64 / 60.0),
            business: calendar.map(|c| business_minutes(c, from, to)),
        },
        _ => Minutes::default(),
    };
    TicketMetrics {
        reply_time: span(reply_from, first_responded),
        full_resolution_time: span(Some(ticket.created_at), ticket.solved_at),
        replies: conversations.map(public_agent_replies),
        ..TicketMetrics::default()
    }
}

/// The ticket's SLA events from its due dates, with its policy's targets.
fn sla_events(
    dto: &TicketDto,
    ticket: &Ticket,
    first_responded: Option<i64>,
    account: &Account,
) -> Result<Vec<SlaEvent>, Invalid> {
    let milestones = Milestones {
        created: ticket.created_at,
        // Freshdesk runs no first-response SLA on outbound tickets.
        first_response_due: timestamp("fr_due_by", &dto.fr_due_by)?
            .filter(|_| dto.source != Some(OUTBOUND_EMAIL)),
        first_responded,
        first_response_escalated: dto.fr_escalated == Some(true),
        resolution_due: timestamp("due_by", &dto.due_by)?,
        resolved: ticket.solved_at,
        resolution_escalated: dto.is_escalated == Some(true),
    };
    let policy = policy_for(&account.policies, dto);
    sla::events(dto.id, &milestones, policy, dto.priority).map_err(|e| Invalid(e.to_string()))
}

/// When the customer first wrote (times already checked by `comment`).
fn first_customer_message(conversations: &[ConversationDto]) -> Option<i64> {
    conversations
        .iter()
        .filter(|c| c.incoming == Some(true))
        .filter_map(|c| timestamp("created_at", &c.created_at).ok().flatten())
        .min()
}

/// Public messages written by the helpdesk's agents: replies and public notes, as
/// Freshdesk's "agent interactions"; an automation rule's note is no agent's.
fn public_agent_replies(conversations: &[ConversationDto]) -> i64 {
    conversations
        .iter()
        .filter(|c| c.incoming == Some(false) && c.private == Some(false))
        .filter(|c| c.source != Some(AUTOMATION_NOTE))
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
    // A number, or its digits as text.
    let answer = value
        .as_i64()
        .or_else(|| value.as_str()?.trim().parse().ok())
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};

    use chrono_tz::Tz;
    use serde_json::{json, Value};

    use super::*;
    use crate::sources::freshdesk::business_hours::{Calendar, Calendars, Window};
    use crate::sources::freshdesk::codes::{StatusChoice, StatusTable};
    use crate::sources::freshdesk::csat::NeutralRating;

    fn ts(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    /// Group 7 works Monday to Friday 09:00–17:00 UTC; custom status 6 is on hold;
    /// `cf_plan` is field 40.
    fn account() -> Account {
        let day = Some(Window {
            open: 9 * 3600,
            close: 17 * 3600,
        });
        let week = [day, day, day, day, day, None, None];
        let calendars = Calendars::new(
            HashMap::from([(1, Calendar::new(Tz::UTC, week, BTreeSet::new()))]),
            None,
            &[serde_json::from_value(json!({"id": 7, "business_hour_id": 1})).unwrap()],
        );
        Account {
            statuses: StatusTable::from_choices(&[StatusChoice {
                id: 6,
                label: "Waiting on third party".into(),
                stops_sla_timer: Some(true),
            }]),
            calendars,
            policies: Vec::new(),
            field_ids: HashMap::from([("cf_plan".to_owned(), 40)]),
            neutral: NeutralRating::Bad,
        }
    }

    fn dto(v: Value) -> TicketDto {
        serde_json::from_value(v).unwrap()
    }

    fn conversations(v: Value) -> Vec<ConversationDto> {
        serde_json::from_value(v).unwrap()
    }

    /// Created Friday 2025-03-07 16:00Z, answered Monday 10:00Z, resolved Monday 12:00Z.
    fn resolved_ticket() -> Value {
        json!({
            "id": 20, "status": 4, "priority": 3, "source": 1, "group_id": 7, "responder_id": 6,
            "requester_id": 5, "company_id": 8, "product_id": 9, "type": "Question",
            "subject": "Refund", "description_text": "Please refund",
            "tags": ["billing"], "custom_fields": {"cf_plan": "gold", "cf_unknown": 1, "cf_empty": null},
            "created_at": "2025-03-07T16:00:00Z", "updated_at": "2025-03-10T12:00:00Z",
            "fr_due_by": "2025-03-10T09:00:00Z", "fr_escalated": true,
            "due_by": "2025-03-11T16:00:00Z", "is_escalated": false,
            "stats": {"first_responded_at": "2025-03-10T10:00:00Z", "resolved_at": "2025-03-10T12:00:00Z"}
        })
    }

    fn thread() -> Vec<ConversationDto> {
        conversations(json!([
            {"id": 100, "incoming": false, "private": true, "user_id": 6, "body_text": "note", "created_at": "2025-03-10T09:30:00Z"},
            {"id": 101, "incoming": false, "private": false, "user_id": 6, "body_text": "Done", "created_at": "2025-03-10T10:00:00Z"},
            {"id": 102, "incoming": true, "private": false, "user_id": 5, "body_text": "Thanks", "created_at": "2025-03-10T11:00:00Z"},
            {"id": 103, "incoming": false, "private": false, "source": 15, "body_text": "Auto", "created_at": "2025-03-10T11:01:00Z"}
        ]))
    }

    #[test]
    fn a_resolved_ticket_gets_its_durations_in_calendar_and_business_minutes() {
        let thread = thread();
        let t = ticket(dto(resolved_ticket()), Some(&thread), &account()).unwrap();
        let m = &t.ticket.metrics;
        // Fri 16:00 → Mon 10:00 is 66 h; open hours: Fri 16–17 and Mon 09–10.
        assert_eq!(
            m.reply_time,
            Minutes {
                calendar: Some(3960.0),
                business: Some(120.0)
            }
        );
        // Fri 16:00 → Mon 12:00: 68 h; Fri 60 + Mon 180.
        assert_eq!(
            m.full_resolution_time,
            Minutes {
                calendar: Some(4080.0),
                business: Some(240.0)
            }
        );
        assert_eq!(
            m.replies,
            Some(1),
            "one public reply; the private and automation notes do not count"
        );
        assert_eq!(m.reopens, None);
        assert_eq!(m.first_resolution_time, Minutes::default());
        let t0 = &t.ticket;
        assert_eq!(t0.status, TicketStatus::Solved);
        assert_eq!(t0.solved_at, Some(ts("2025-03-10T12:00:00Z")));
        assert_eq!(
            (t0.priority.as_deref(), t0.channel.as_deref()),
            (Some("high"), Some("email"))
        );
        assert_eq!(
            (t0.assignee_id, t0.organization_id, t0.brand_id),
            (Some(6), Some(8), Some(9))
        );
        assert_eq!(
            t0.fields,
            vec![(40, json!("gold"))],
            "unknown names and nulls are left out"
        );
        assert_eq!(t0.tags, ["billing"]);
        let public: Vec<_> = t
            .comments
            .iter()
            .flatten()
            .map(|c| (c.id, c.public))
            .collect();
        assert_eq!(
            public,
            [(100, false), (101, true), (102, true), (103, true)]
        );
    }

    #[test]
    fn due_dates_become_sla_instances() {
        let t = ticket(dto(resolved_ticket()), None, &account()).unwrap();
        let events: Vec<_> = t
            .sla_events
            .iter()
            .map(|e| (e.metric.as_str(), e.event_type.as_str(), e.time))
            .collect();
        assert_eq!(
            events,
            [
                ("reply_time", "apply_sla", ts("2025-03-07T16:00:00Z")),
                ("reply_time", "breach", ts("2025-03-10T09:00:00Z")),
                ("reply_time", "fulfill", ts("2025-03-10T10:00:00Z")),
                ("resolution_time", "apply_sla", ts("2025-03-07T16:00:00Z")),
                ("resolution_time", "fulfill", ts("2025-03-10T12:00:00Z")),
            ]
        );
        assert_eq!(t.ticket.metrics.replies, None, "conversations not read");
    }

    #[test]
    fn an_outbound_ticket_counts_its_first_reply_from_the_customer_s_first_message() {
        let mut v = resolved_ticket();
        v["source"] = json!(10);
        let thread = thread();
        let t = ticket(dto(v.clone()), Some(&thread), &account()).unwrap();
        // The customer wrote at Mon 11:00; Freshdesk's first response is at Mon 10:00,
        // before it: no valid span.
        assert_eq!(t.ticket.metrics.reply_time, Minutes::default());
        v["stats"]["first_responded_at"] = json!("2025-03-10T11:30:00Z");
        let t = ticket(dto(v.clone()), Some(&thread), &account()).unwrap();
        assert_eq!(
            t.ticket.metrics.reply_time,
            Minutes {
                calendar: Some(30.0),
                business: Some(30.0)
            }
        );
        assert_eq!(t.ticket.channel.as_deref(), Some("outbound_email"));
        assert!(
            t.sla_events.iter().all(|e| e.metric != "reply_time"),
            "no first-response SLA on outbound tickets"
        );
        let silent = conversations(
            json!([{"id": 1, "incoming": false, "private": false, "created_at": "2025-03-07T16:00:00Z"}]),
        );
        let t = ticket(dto(v.clone()), Some(&silent), &account()).unwrap();
        assert_eq!(
            t.ticket.metrics.reply_time.calendar, None,
            "{OUTBOUND_WITHOUT_CUSTOMER_MESSAGE}"
        );
        let t = ticket(dto(v), None, &account()).unwrap();
        assert_eq!(
            t.ticket.metrics.reply_time.calendar, None,
            "{CONVERSATIONS_NOT_READ}"
        );
    }

    #[test]
    fn deleted_and_spam_tickets_are_tombstones() {
        for flag in ["deleted", "spam"] {
            let mut v = resolved_ticket();
            v[flag] = json!(true);
            let thread = thread();
            let t = ticket(dto(v), Some(&thread), &account()).unwrap();
            assert_eq!(t.ticket.status, TicketStatus::Deleted, "{flag}");
            assert!(t.comments.is_none() && t.sla_events.is_empty() && t.ticket.tags.is_empty());
            assert_eq!(t.ticket.metrics, TicketMetrics::default());
            assert_eq!(t.ticket.solved_at, None);
        }
    }

    #[test]
    fn open_custom_and_reopened_tickets() {
        let mut v = resolved_ticket();
        v["status"] = json!(6);
        v["stats"] = json!({"first_responded_at": "2025-03-10T10:00:00Z", "resolved_at": null,
                            "reopened_at": "2025-03-10T13:00:00Z"});
        let t = ticket(dto(v), None, &account()).unwrap().ticket;
        assert_eq!(
            t.status,
            TicketStatus::Hold,
            "custom status that stops the SLA clock"
        );
        assert_eq!(
            (t.solved_at, t.metrics.full_resolution_time),
            (None, Minutes::default())
        );
        assert_eq!(
            t.metrics.reopens, None,
            "reopened, but how many times is unknown"
        );
        assert!(NULL_REASONS.iter().any(|(kpi, _)| *kpi == "reopen_rate"));
    }

    #[test]
    fn a_closed_ticket_without_resolved_at_uses_closed_at() {
        let mut v = resolved_ticket();
        v["status"] = json!(5);
        v["stats"] = json!({"closed_at": "2025-03-10T12:00:00Z"});
        let t = ticket(dto(v), None, &account()).unwrap().ticket;
        assert_eq!(
            (t.status, t.solved_at),
            (TicketStatus::Closed, Some(ts("2025-03-10T12:00:00Z")))
        );
    }

    #[test]
    fn a_group_without_calendar_has_no_business_minutes() {
        let mut v = resolved_ticket();
        v["group_id"] = json!(99);
        let t = ticket(dto(v), None, &account()).unwrap().ticket;
        assert_eq!(
            t.metrics.reply_time,
            Minutes {
                calendar: Some(3960.0),
                business: None
            },
            "{NO_CALENDAR}"
        );
    }

    #[test]
    fn bad_values_are_named() {
        let mut v = resolved_ticket();
        v["created_at"] = json!("yesterday");
        assert!(ticket(dto(v), None, &account())
            .unwrap_err()
            .0
            .contains("created_at"));
        let mut v = resolved_ticket();
        v["status"] = Value::Null;
        assert!(ticket(dto(v), None, &account())
            .unwrap_err()
            .0
            .contains("status"));
        let bad = conversations(json!([{"id": 5, "created_at": "soon"}]));
        let e = ticket(dto(resolved_ticket()), Some(&bad), &account()).unwrap_err();
        assert!(e.0.contains("conversation 5"), "{e}");
    }

    fn rating_dto(value: Value) -> RatingDto {
        serde_json::from_value(json!({
            "id": 1, "ticket_id": 20, "user_id": 5, "agent_id": 6, "group_id": 7, "feedback": " ",
            "ratings": {"default_question": value}, "created_at": "2025-03-11T09:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn ratings_map_their_scale_and_the_neutral_choice() {
        let mut account = account();
        let score_of = |v: Value, a: &Account| rating(rating_dto(v), a).map(|r| r.score);
        assert_eq!(score_of(json!(102), &account), Ok(RatingScore::Good));
        assert_eq!(score_of(json!(-101), &account), Ok(RatingScore::Bad));
        assert_eq!(
            score_of(json!(3), &account),
            Ok(RatingScore::Bad),
            "classic unhappy"
        );
        assert_eq!(score_of(json!(100), &account), Ok(RatingScore::Bad));
        account.neutral = NeutralRating::Exclude;
        assert_eq!(score_of(json!(2), &account), Ok(RatingScore::Unoffered));
        assert!(score_of(json!(55), &account).unwrap_err().0.contains("55"));
        assert!(score_of(json!("happy"), &account).is_err());
        assert_eq!(score_of(json!("101"), &account), Ok(RatingScore::Good));
        let r = rating(rating_dto(json!(103)), &account).unwrap();
        assert_eq!(
            (r.assignee_id, r.group_id, r.requester_id),
            (Some(6), Some(7), Some(5))
        );
        assert_eq!(
            (r.comment, r.updated_at),
            (None, r.created_at),
            "blank feedback is no comment"
        );
        let mut none = rating_dto(json!(103));
        none.ratings = None;
        assert!(rating(none, &account)
            .unwrap_err()
            .0
            .contains("default_question"));
    }

    #[test]
    fn people_names_fields_and_articles() {
        let c = contact(
            serde_json::from_value(
                json!({"id": 5, "name": "Bo", "language": "ko", "company_id": 8}),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (c.role.as_str(), c.locale.as_deref(), c.organization_id),
            ("end-user", Some("ko"), Some(8))
        );
        let a = agent(
            serde_json::from_value(
                json!({"id": 6, "contact": {"name": "Ann", "email": "ann@x.test"}}),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (a.role.as_str(), a.name.as_str(), a.email.as_deref()),
            ("agent", "Ann", Some("ann@x.test"))
        );
        assert_eq!(
            group(serde_json::from_value(json!({"id": 7})).unwrap()).name,
            "7"
        );
        assert_eq!(
            named(serde_json::from_value(json!({"id": 8, "name": "Acme"})).unwrap()).name,
            "Acme"
        );
        let field = |v: Value| ticket_field(serde_json::from_value(v).unwrap());
        assert_eq!(
            field(json!({"id": 1, "name": "status", "type": "default_status"})),
            None
        );
        let plan = field(json!({"id": 40, "name": "cf_plan", "label": "Plan", "type": "custom_dropdown", "choices": ["Gold", "Silver"]})).unwrap();
        assert_eq!((plan.title.as_str(), plan.options.len()), ("Plan", 2));
        let article = |status: i64| {
            article(
                serde_json::from_value(json!({"id": 30, "title": "Reset", "status": status,
                "description_text": " Go  to\nsettings ", "thumbs_up": 3, "thumbs_down": 1}))
                .unwrap(),
            )
            .unwrap()
        };
        assert_eq!(article(1), None, "drafts are not the knowledge base");
        let published = article(2).unwrap();
        assert_eq!(published.body, "Go to settings");
        assert_eq!(
            (published.vote_sum, published.vote_count),
            (Some(2), Some(4))
        );
    }
}
