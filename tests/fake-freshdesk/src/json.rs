//! JSON shapes of the Freshdesk API v2 (`freshdesk-api.md` §4–§6), built from the dataset.

use serde_json::{json, Value};

use fake_zendesk::iso;

use crate::dataset::{
    ids, Dataset, Rating, Ticket, AGENTS, CALENDARS, CATEGORIES, GROUPS, PRODUCTS, STATUSES,
    SUBJECTS, TAGS,
};

const TYPES: [&str; 3] = ["Question", "Incident", "Problem"];
const PLANS: [&str; 3] = ["Free", "Team", "Enterprise"];
/// Rails zone names, as Freshdesk serves them.
const ZONES: [&str; 3] = ["Eastern Time (US & Canada)", "Seoul", "Moscow"];

fn opt_iso(ts: Option<i64>) -> Value {
    ts.map_or(Value::Null, |t| json!(iso(t)))
}

/// `Include` flags of the tickets list.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Include {
    pub stats: bool,
    pub requester: bool,
    pub description: bool,
    pub company: bool,
}

pub(crate) fn ticket(data: &Dataset, t: &Ticket, include: Include) -> Value {
    let requester = &data.contacts[t.requester];
    let tags: Vec<&str> = (0..TAGS.len())
        .filter(|i| t.tags & (1 << i) != 0)
        .map(|i| TAGS[i])
        .collect();
    let mut v = json!({
        "cc_emails": [],
        "fwd_emails": [],
        "reply_cc_emails": [],
        "ticket_cc_emails": [],
        "fr_escalated": t.fr_escalated(),
        "spam": t.spam,
        "email_config_id": null,
        "group_id": t.group.map(|g| ids::GROUP + g as i64 + 1),
        "priority": t.priority,
        "requester_id": requester.id,
        "responder_id": t.responder.map(|a| ids::AGENT + a as i64 + 1),
        "source": t.source,
        "company_id": t.company.map(|c| data.companies[c]),
        "status": t.status,
        "subject": SUBJECTS[t.subject as usize],
        "association_type": null,
        "support_email": null,
        "to_emails": null,
        "product_id": t.product.map(|p| ids::PRODUCT + p as i64 + 1),
        "id": t.id,
        "type": TYPES[t.id as usize % 3],
        "due_by": iso(t.due_by),
        "fr_due_by": iso(t.fr_due_by),
        "is_escalated": t.is_escalated(),
        "custom_fields": { "cf_plan": PLANS[t.requester % 3] },
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "associated_tickets_count": null,
        "tags": tags,
        "nr_due_by": null,
        "nr_escalated": false,
    });
    let Some(obj) = v.as_object_mut() else {
        return v;
    };
    if t.deleted {
        obj.insert("deleted".into(), json!(true));
    }
    if include.description {
        let text = format!("{} (ticket {})", SUBJECTS[t.subject as usize], t.id);
        obj.insert("description".into(), json!(format!("<div>{text}</div>")));
        obj.insert("description_text".into(), json!(text));
    }
    if include.stats {
        obj.insert(
            "stats".into(),
            json!({
                "agent_responded_at": opt_iso(t.first_responded_at.map(|_| t.updated_at.min(t.resolved_at.unwrap_or(t.updated_at)))),
                "requester_responded_at": opt_iso((t.conversations > 1).then_some(t.updated_at)),
                "first_responded_at": opt_iso(t.first_responded_at),
                "status_updated_at": iso(t.status_updated_at),
                "reopened_at": opt_iso(t.reopened_at),
                "resolved_at": opt_iso(t.resolved_at),
                "closed_at": opt_iso(t.closed_at),
                "pending_since": opt_iso(t.pending_since),
            }),
        );
    }
    if include.requester {
        obj.insert("requester".into(), contact_brief(data, t.requester));
    }
    if include.company {
        obj.insert(
            "company".into(),
            t.company.map_or(
                Value::Null,
                |c| json!({ "id": data.companies[c], "name": company_name(c) }),
            ),
        );
    }
    v
}

fn company_name(i: usize) -> String {
    ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne"][i % 6].to_string()
        + &format!(" {}", i + 1)
}

fn contact_brief(data: &Dataset, i: usize) -> Value {
    let c = &data.contacts[i];
    json!({
        "id": c.id,
        "name": contact_name(i),
        "email": format!("customer{}@example.com", i + 1),
        "mobile": null,
        "phone": null,
    })
}

fn contact_name(i: usize) -> String {
    let first = ["Anna", "Ben", "민준", "Ольга", "Jürgen", "Chloé"][i % 6];
    format!("{first} Customer{}", i + 1)
}

pub(crate) fn contact(data: &Dataset, i: usize) -> Value {
    let c = &data.contacts[i];
    let mut v = contact_brief(data, i);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("active".into(), json!(true));
        obj.insert(
            "company_id".into(),
            json!(c.company.map(|k| data.companies[k])),
        );
        obj.insert("language".into(), json!(["en", "ko", "ru"][i % 3]));
        obj.insert("time_zone".into(), json!(ZONES[i % 3]));
        obj.insert("created_at".into(), json!(iso(c.created_at)));
        obj.insert("updated_at".into(), json!(iso(c.updated_at)));
    }
    v
}

pub(crate) fn company(data: &Dataset, i: usize) -> Value {
    json!({
        "id": data.companies[i],
        "name": company_name(i),
        "description": null,
        "domains": [format!("company{}.example.com", i + 1)],
        "custom_fields": {},
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-06-01T00:00:00Z",
    })
}

pub(crate) fn agent(i: usize) -> Value {
    let id = ids::AGENT + i as i64 + 1;
    let name = [
        "Dana Kim",
        "Ivan Petrov",
        "Sara Lee",
        "Tom Weber",
        "지수 박",
    ][i % 5];
    json!({
        "id": id,
        "available": true,
        "occasional": false,
        "ticket_scope": 1,
        "group_ids": [ids::GROUP + (i % GROUPS.len()) as i64 + 1],
        "contact": {
            "name": format!("{name} {}", i + 1),
            "email": format!("agent{}@deskbench.example", i + 1),
            "active": true,
            "time_zone": ZONES[i % 3],
        },
        "created_at": "2023-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
    })
}

pub(crate) fn agents() -> Vec<Value> {
    (0..AGENTS).map(agent).collect()
}

pub(crate) fn groups() -> Vec<Value> {
    GROUPS
        .iter()
        .enumerate()
        .map(|(i, (name, calendar))| {
            json!({
                "id": ids::GROUP + i as i64 + 1,
                "name": name,
                "description": null,
                "business_hour_id": calendar.map(|c| ids::BUSINESS_HOURS + c as i64 + 1),
                "escalate_to": null,
                "unassigned_for": null,
                "agent_ids": (0..AGENTS).filter(|a| a % GROUPS.len() == i).map(|a| ids::AGENT + a as i64 + 1).collect::<Vec<_>>(),
                "created_at": "2023-01-01T00:00:00Z",
                "updated_at": "2024-01-01T00:00:00Z",
            })
        })
        .collect()
}

pub(crate) fn products() -> Vec<Value> {
    PRODUCTS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            json!({
                "id": ids::PRODUCT + i as i64 + 1,
                "name": name,
                "description": null,
                "primary_email": format!("support{}@deskbench.example", i + 1),
                "created_at": "2023-01-01T00:00:00Z",
                "updated_at": "2024-01-01T00:00:00Z",
            })
        })
        .collect()
}

/// A calendar; `detail` adds what only the single-item GET has.
pub(crate) fn business_hours(i: usize, detail: bool) -> Value {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let c = &CALENDARS[i];
    let hours: serde_json::Map<String, Value> = DAYS
        .iter()
        .zip(c.hours)
        .filter_map(|(day, h)| {
            h.map(|(start, end)| {
                (
                    day.to_string(),
                    json!({ "start_time": start, "end_time": end }),
                )
            })
        })
        .collect();
    let mut v = json!({
        "id": ids::BUSINESS_HOURS + i as i64 + 1,
        "name": c.name,
        "description": null,
        "time_zone": c.zone,
        "business_hours": hours,
        "created_at": "2023-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
    });
    if let (true, Some(obj)) = (detail, v.as_object_mut()) {
        obj.insert("is_default".into(), json!(i == 0));
        obj.insert(
            "holiday_list".into(),
            json!(c
                .holidays
                .iter()
                .map(|(day, name)| json!([day, name]))
                .collect::<Vec<_>>()),
        );
    }
    v
}

pub(crate) fn ticket_fields() -> Vec<Value> {
    let choices: serde_json::Map<String, Value> = STATUSES
        .iter()
        .map(|(id, agent, customer)| (id.to_string(), json!([agent, customer])))
        .collect();
    let field = |n: i64, name: &str, label: &str, kind: &str, choices: Value| {
        json!({
            "id": ids::FIELD + n,
            "name": name,
            "label": label,
            "label_for_customers": label,
            "description": null,
            "position": n,
            "required_for_closure": false,
            "required_for_agents": false,
            "type": kind,
            "default": !name.starts_with("cf_"),
            "customers_can_edit": false,
            "choices": choices,
            "created_at": "2023-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z",
        })
    };
    vec![
        field(
            1,
            "requester",
            "Search a requester",
            "default_requester",
            Value::Null,
        ),
        field(2, "subject", "Subject", "default_subject", Value::Null),
        field(
            3,
            "ticket_type",
            "Type",
            "default_ticket_type",
            json!(["Question", "Incident", "Problem"]),
        ),
        field(
            4,
            "source",
            "Source",
            "default_source",
            json!({"Email": 1, "Portal": 2, "Phone": 3, "Chat": 7, "Feedback Widget": 9, "Outbound Email": 10}),
        ),
        field(
            5,
            "status",
            "Status",
            "default_status",
            Value::Object(choices),
        ),
        field(
            6,
            "priority",
            "Priority",
            "default_priority",
            json!({"Low": 1, "Medium": 2, "High": 3, "Urgent": 4}),
        ),
        field(7, "group", "Group", "default_group", Value::Null),
        field(8, "agent", "Agent", "default_agent", Value::Null),
        field(9, "product", "Product", "default_product", Value::Null),
        field(10, "cf_plan", "Plan", "custom_dropdown", json!(PLANS)),
    ]
}

pub(crate) fn sla_policies() -> Vec<Value> {
    let target = |respond: i64, resolve: i64, business: bool| {
        json!({
            "respond_within": respond,
            "resolve_within": resolve,
            "next_respond_within": null,
            "business_hours": business,
            "escalation_enabled": true,
        })
    };
    vec![
        json!({
            "id": ids::SLA_POLICY + 1,
            "name": "Default SLA policy",
            "description": "default policy",
            "active": true,
            "is_default": true,
            "position": 1,
            "applicable_to": {},
            "sla_target": {
                "priority_4": target(3_600, 28_800, false),
                "priority_3": target(14_400, 86_400, true),
                "priority_2": target(28_800, 259_200, true),
                "priority_1": target(86_400, 432_000, true),
            },
            "escalation": {},
            "created_at": "2023-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z",
        }),
        json!({
            "id": ids::SLA_POLICY + 2,
            "name": "Billing",
            "description": null,
            "active": true,
            "is_default": false,
            "position": 2,
            "applicable_to": { "group_ids": [ids::GROUP + 2] },
            "sla_target": {
                "priority_4": target(1_800, 14_400, true),
                "priority_3": target(3_600, 28_800, true),
                "priority_2": target(7_200, 86_400, true),
                "priority_1": target(14_400, 172_800, true),
            },
            "escalation": {},
            "created_at": "2023-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z",
        }),
    ]
}

/// The classic survey (three answers) and a custom seven-point one.
pub(crate) fn surveys(classic_stored: bool) -> Vec<Value> {
    let classic = if classic_stored {
        json!([1, 2, 3])
    } else {
        json!([103, 100, -103])
    };
    vec![
        json!({
            "id": ids::SURVEY + 1,
            "title": "Classic satisfaction survey",
            "active": false,
            "questions": [{
                "id": "default_question",
                "label": "How would you rate your overall satisfaction for the resolution provided by the agent?",
                "accepted_ratings": classic,
                "default": true,
            }],
            "created_at": "2023-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z",
        }),
        json!({
            "id": ids::SURVEY + 2,
            "title": "Seven-point survey",
            "active": true,
            "questions": [
                {
                    "id": "default_question",
                    "label": "How satisfied are you with our support?",
                    "accepted_ratings": [-103, -102, -101, 100, 101, 102, 103],
                    "default": true,
                },
                {
                    "id": format!("question_{}", ids::SURVEY + 20),
                    "label": "How quickly did we answer?",
                    "accepted_ratings": [-103, -102, -101, 100, 101, 102, 103],
                    "default": false,
                }
            ],
            "created_at": "2023-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z",
        }),
    ]
}

pub(crate) fn rating(data: &Dataset, r: &Rating, classic_stored: bool) -> Value {
    let t = &data.tickets[r.ticket];
    let mut ratings = serde_json::Map::new();
    let value = match (r.survey, classic_stored) {
        (0, true) => match r.value {
            103 => 1,
            100 => 2,
            _ => 3,
        },
        _ => r.value,
    };
    ratings.insert("default_question".into(), json!(value));
    if r.survey == 1 {
        ratings.insert(
            format!("question_{}", ids::SURVEY + 20),
            json!(-r.value.signum() * 101 + if r.value == 100 { 100 } else { 0 }),
        );
    }
    json!({
        "id": r.id,
        "survey_id": ids::SURVEY + r.survey as i64 + 1,
        "user_id": data.contacts[t.requester].id,
        "agent_id": t.responder.map(|a| ids::AGENT + a as i64 + 1),
        "group_id": t.group.map(|g| ids::GROUP + g as i64 + 1),
        "ticket_id": t.id,
        "feedback": r.feedback,
        "ratings": ratings,
        "created_at": iso(r.created_at),
        "updated_at": iso(r.updated_at),
    })
}

/// A ticket's conversations, oldest first: with a first response, a public agent reply
/// at `first_responded_at`, then customer replies, private notes and public replies in
/// turn; without one, only customer replies and private notes.
pub(crate) fn conversations(data: &Dataset, t: &Ticket) -> Vec<Value> {
    let n = i64::from(t.conversations);
    let start = t.first_responded_at.unwrap_or(t.created_at + 60);
    let end = t.resolved_at.unwrap_or(t.updated_at).max(start);
    let requester = &data.contacts[t.requester];
    let agent = ids::AGENT + t.responder.unwrap_or(0) as i64 + 1;
    (0..n)
        .map(|k| {
            // 0 agent reply, 1 customer reply, 2 private note, then again.
            let kind = if t.first_responded_at.is_some() {
                k % 3
            } else {
                1 + k % 2
            };
            let at = start + (end - start) * k / n.max(1);
            let (incoming, private, source, user) = match kind {
                0 => (false, false, 0, agent),
                1 => (true, false, 0, requester.id),
                _ => (false, true, 2, agent),
            };
            let body = ["Thanks, we are looking into it.", "Any news?", "Checked the logs."]
                [kind as usize];
            json!({
                "id": ids::CONVERSATION + t.id * 16 + k,
                "body": format!("<div>{body}</div>"),
                "body_text": body,
                "incoming": incoming,
                "private": private,
                "user_id": user,
                "support_email": null,
                "source": source,
                "category": if incoming { 2 } else { 3 },
                "from_email": if incoming { json!(format!("customer{}@example.com", t.requester + 1)) } else { Value::Null },
                "to_emails": [],
                "cc_emails": [],
                "bcc_emails": [],
                "attachments": [],
                "ticket_id": t.id,
                "created_at": iso(at),
                "updated_at": iso(at),
            })
        })
        .collect()
}

pub(crate) fn categories() -> Vec<Value> {
    CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            json!({
                "id": ids::CATEGORY + i as i64 + 1,
                "name": name,
                "description": null,
                "visible_in_portals": [],
                "created_at": "2023-01-01T00:00:00Z",
                "updated_at": "2024-01-01T00:00:00Z",
            })
        })
        .collect()
}

/// Category `c`'s folders (two each), or `None` for an unknown category.
pub(crate) fn folders(category_id: i64) -> Option<Vec<Value>> {
    let c = category_id - ids::CATEGORY - 1;
    (0..CATEGORIES.len() as i64).contains(&c).then(|| {
        (0..2)
            .map(|k| {
                json!({
                    "id": ids::FOLDER + c * 2 + k + 1,
                    "name": format!("{} {}", CATEGORIES[c as usize], k + 1),
                    "description": null,
                    "visibility": 1,
                    "created_at": "2023-01-01T00:00:00Z",
                    "updated_at": "2024-01-01T00:00:00Z",
                })
            })
            .collect()
    })
}

/// Folder `f`'s articles (three each, the third a draft), or `None` for an unknown one.
pub(crate) fn articles(folder_id: i64) -> Option<Vec<Value>> {
    let f = folder_id - ids::FOLDER - 1;
    const TITLES: [&str; 4] = [
        "How to reset your password",
        "Understanding your invoice",
        "비밀번호 재설정 방법",
        "Как добавить агента",
    ];
    (0..2 * CATEGORIES.len() as i64).contains(&f).then(|| {
        (0..3)
            .map(|k| {
                let title = TITLES[((f * 3 + k) % 4) as usize];
                json!({
                    "id": ids::ARTICLE + f * 3 + k + 1,
                    "type": 1,
                    "category_id": ids::CATEGORY + f / 2 + 1,
                    "folder_id": folder_id,
                    "title": title,
                    "description": format!("<p>{title}: step by step.</p>"),
                    "description_text": format!("{title}: step by step."),
                    "status": if k == 2 { 1 } else { 2 },
                    "agent_id": ids::AGENT + 1,
                    "tags": ["howto"],
                    "hits": 10 * (k + 1),
                    "thumbs_up": k,
                    "thumbs_down": 0,
                    "created_at": "2024-01-01T00:00:00Z",
                    "updated_at": "2025-06-01T00:00:00Z",
                })
            })
            .collect()
    })
}
