//! Freshdesk's JSON as typed structs (`freshdesk-api.md` §4–§6). Every field is optional
//! and unknown fields are ignored, so a missing, null or new field never breaks a page;
//! lists that may come as `null` are `Option`s. Meaning is given in `convert`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Deserialize)]
pub struct TicketDto {
    pub id: i64,
    pub subject: Option<String>,
    /// Plain text of the first message (with `include=description`).
    pub description_text: Option<String>,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    /// 2 Open, 3 Pending, 4 Resolved, 5 Closed, other ids custom statuses.
    pub status: Option<i64>,
    /// 1 Low … 4 Urgent.
    pub priority: Option<i64>,
    /// The channel's id (1 Email, 2 Portal, …; custom sources above 100).
    pub source: Option<i64>,
    pub requester_id: Option<i64>,
    /// The assigned agent.
    pub responder_id: Option<i64>,
    pub group_id: Option<i64>,
    pub company_id: Option<i64>,
    pub product_id: Option<i64>,
    pub tags: Option<Vec<String>>,
    /// `cf_*` names to values of any JSON type.
    pub custom_fields: Option<Map<String, Value>>,
    pub spam: Option<bool>,
    /// Set on tickets listed with `filter=deleted`.
    pub deleted: Option<bool>,
    pub fr_escalated: Option<bool>,
    pub is_escalated: Option<bool>,
    pub nr_escalated: Option<bool>,
    /// Resolution due date.
    pub due_by: Option<String>,
    /// First-response due date.
    pub fr_due_by: Option<String>,
    pub nr_due_by: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// Present with `include=stats`.
    pub stats: Option<StatsDto>,
}

/// A ticket's milestones (`include=stats`), all UTC times.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StatsDto {
    pub first_responded_at: Option<String>,
    pub agent_responded_at: Option<String>,
    pub requester_responded_at: Option<String>,
    pub status_updated_at: Option<String>,
    pub pending_since: Option<String>,
    /// The latest resolution; a reopen clears it.
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    /// The latest reopen; how many there were is not exposed.
    pub reopened_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ConversationDto {
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub user_id: Option<i64>,
    pub body_text: Option<String>,
    /// From outside the helpdesk (the customer).
    pub incoming: Option<bool>,
    /// An internal note.
    pub private: Option<bool>,
    /// 0 reply, 2 note, 15 automation rule, … (`freshdesk-api.md` §5).
    pub source: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ContactDto {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub company_id: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// An agent; its name and email sit in the nested `contact`.
#[derive(Debug, Clone, Deserialize)]
pub struct AgentDto {
    pub id: i64,
    pub contact: Option<AgentContactDto>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AgentContactDto {
    pub name: Option<String>,
    pub email: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GroupDto {
    pub id: i64,
    pub name: Option<String>,
    /// The calendar its tickets' business hours run on; none means the default one.
    pub business_hour_id: Option<i64>,
}

/// Companies and products: Deskbench needs their names.
#[derive(Debug, Clone, Deserialize)]
pub struct NamedDto {
    pub id: i64,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TicketFieldDto {
    pub id: i64,
    /// `cf_*` for custom fields, `status`, `priority`, … for built-in ones.
    pub name: Option<String>,
    pub label: Option<String>,
    /// `custom_dropdown`, `custom_text`, `default_status`, …
    #[serde(rename = "type")]
    pub field_type: Option<String>,
    /// `{"id": [agent label, customer label]}` (statuses), `["a", "b"]` (drop-downs) or,
    /// in the admin API, `[{"id", "value", "stop_sla_timer", …}]`.
    pub choices: Option<Value>,
}

/// A business-hours calendar. The list leaves out `is_default` and `holiday_list`; the
/// single-item GET has them.
#[derive(Debug, Clone, Deserialize)]
pub struct BusinessHoursDto {
    pub id: i64,
    pub name: Option<String>,
    /// A Rails zone name such as "Eastern Time (US & Canada)".
    pub time_zone: Option<String>,
    pub is_default: Option<bool>,
    /// Weekday names (`monday`, …) to opening hours; a missing day is closed.
    pub business_hours: Option<BTreeMap<String, DayHoursDto>>,
    /// `[["Jan 01", "New Year's Day"], …]`: recurring every year on that day.
    pub holiday_list: Option<Vec<Value>>,
}

/// Opening hours of one weekday, as `"8:00 am"` and `"5:00 pm"`.
#[derive(Debug, Clone, Deserialize)]
pub struct DayHoursDto {
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SlaPolicyDto {
    pub id: i64,
    pub name: Option<String>,
    pub position: Option<i64>,
    pub is_default: Option<bool>,
    pub active: Option<bool>,
    /// `priority_1` … `priority_4` to targets.
    pub sla_target: Option<BTreeMap<String, SlaTargetDto>>,
    pub applicable_to: Option<ApplicableToDto>,
}

/// Targets in seconds; `business_hours` runs them on the group's calendar.
#[derive(Debug, Clone, Deserialize)]
pub struct SlaTargetDto {
    pub respond_within: Option<i64>,
    pub resolve_within: Option<i64>,
    pub next_respond_within: Option<i64>,
    pub business_hours: Option<bool>,
}

/// Which tickets a policy covers: each list given must hold the ticket's value.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApplicableToDto {
    pub group_ids: Option<Vec<i64>>,
    pub company_ids: Option<Vec<i64>>,
    pub sources: Option<Vec<i64>>,
    pub ticket_types: Option<Vec<String>>,
    pub product_ids: Option<Vec<i64>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SurveyDto {
    pub id: i64,
    pub title: Option<String>,
    pub active: Option<bool>,
    pub questions: Option<Vec<SurveyQuestionDto>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SurveyQuestionDto {
    /// `"default_question"` or `"question_<id>"`.
    pub id: Option<Value>,
    pub label: Option<String>,
    /// The values a customer can pick; they tell the scale.
    pub accepted_ratings: Option<Vec<i64>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RatingDto {
    pub id: i64,
    pub survey_id: Option<i64>,
    /// The customer who rated.
    pub user_id: Option<i64>,
    /// Agent and group at rating time.
    pub agent_id: Option<i64>,
    pub group_id: Option<i64>,
    pub ticket_id: Option<i64>,
    pub feedback: Option<String>,
    /// `{"default_question": 103, "question_<id>": …}`.
    pub ratings: Option<BTreeMap<String, Value>>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ArticleDto {
    pub id: i64,
    pub title: Option<String>,
    pub description_text: Option<String>,
    /// 1 draft, 2 published.
    pub status: Option<i64>,
    pub folder_id: Option<i64>,
    pub thumbs_up: Option<i64>,
    pub thumbs_down: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_ticket_with_stats_nulls_and_unknown_fields_parses() {
        let t: TicketDto = serde_json::from_value(json!({
            "id": 20, "subject": "Refund", "type": null, "status": 4, "priority": 2, "source": 10,
            "requester_id": 5, "responder_id": 6, "group_id": 7, "company_id": null,
            "tags": null, "custom_fields": {"cf_plan": "gold", "cf_seats": 12, "cf_vip": true, "cf_none": null},
            "spam": false, "fr_escalated": true, "is_escalated": false, "nr_escalated": false,
            "due_by": "2025-03-10T17:00:00Z", "fr_due_by": "2025-03-08T17:00:00Z", "nr_due_by": null,
            "created_at": "2025-03-07T21:00:00Z", "updated_at": "2025-03-11T09:00:00Z",
            "association_type": null, "cc_emails": [], "brand_new": {"x": 1},
            "stats": {"first_responded_at": "2025-03-10T14:00:00Z", "resolved_at": null,
                      "reopened_at": "2025-03-09T10:00:00Z", "closed_at": null}
        }))
        .unwrap();
        assert_eq!(
            (t.status, t.priority, t.source),
            (Some(4), Some(2), Some(10))
        );
        assert_eq!(t.tags, None, "a null list is no error");
        let fields = t.custom_fields.unwrap();
        assert_eq!(
            fields["cf_seats"],
            json!(12),
            "custom values keep their JSON type"
        );
        assert_eq!(fields["cf_vip"], json!(true));
        let stats = t.stats.unwrap();
        assert_eq!(
            stats.first_responded_at.as_deref(),
            Some("2025-03-10T14:00:00Z")
        );
        assert_eq!(stats.reopened_at.as_deref(), Some("2025-03-09T10:00:00Z"));
        assert_eq!(t.fr_escalated, Some(true));
    }

    #[test]
    fn a_bare_ticket_parses() {
        let t: TicketDto = serde_json::from_value(json!({"id": 1})).unwrap();
        assert!(t.stats.is_none() && t.created_at.is_none() && t.deleted.is_none());
    }

    #[test]
    fn a_business_hours_calendar_with_holidays_parses() {
        let c: BusinessHoursDto = serde_json::from_value(json!({
            "id": 3, "name": "US", "description": "", "is_default": true,
            "time_zone": "Eastern Time (US & Canada)",
            "business_hours": {
                "monday": {"start_time": "8:00 am", "end_time": "5:00 pm"},
                "friday": {"start_time": "8:00 am", "end_time": "5:00 pm"}
            },
            "holiday_list": [["Jan 01", "New Year's Day"], ["Dec 25", "Christmas"]]
        }))
        .unwrap();
        let week = c.business_hours.unwrap();
        assert_eq!(week["monday"].start_time.as_deref(), Some("8:00 am"));
        assert!(!week.contains_key("sunday"));
        assert_eq!(c.holiday_list.unwrap()[1], json!(["Dec 25", "Christmas"]));
    }

    #[test]
    fn a_sla_policy_with_targets_and_conditions_parses() {
        let p: SlaPolicyDto = serde_json::from_value(json!({
            "id": 9, "name": "VIP", "position": 1, "is_default": false, "active": true,
            "sla_target": {
                "priority_4": {"respond_within": 3600, "resolve_within": 14400,
                               "next_respond_within": 3600, "business_hours": true, "escalation_enabled": true}
            },
            "applicable_to": {"group_ids": [7], "sources": [1, 2], "company_ids": null},
            "escalation": {}
        }))
        .unwrap();
        let target = &p.sla_target.unwrap()["priority_4"];
        assert_eq!(
            (target.respond_within, target.business_hours),
            (Some(3600), Some(true))
        );
        let to = p.applicable_to.unwrap();
        assert_eq!((to.group_ids, to.company_ids), (Some(vec![7]), None));
    }

    #[test]
    fn ratings_surveys_fields_and_people_parse() {
        let r: RatingDto = serde_json::from_value(json!({
            "id": 1, "survey_id": 2, "user_id": 5, "agent_id": 6, "group_id": 7, "ticket_id": 20,
            "feedback": "quick", "ratings": {"default_question": 103, "question_4": -101},
            "created_at": "2025-03-11T09:00:00Z", "updated_at": "2025-03-11T09:00:00Z"
        }))
        .unwrap();
        assert_eq!(r.ratings.unwrap()["default_question"], json!(103));
        let s: SurveyDto = serde_json::from_value(json!({
            "id": 2, "title": "CSAT", "active": true,
            "questions": [{"id": "default_question", "label": "How would you rate…",
                           "accepted_ratings": [-103, -102, 100, 102, 103], "default": true}]
        }))
        .unwrap();
        assert_eq!(
            s.questions.unwrap()[0]
                .accepted_ratings
                .as_ref()
                .unwrap()
                .len(),
            5
        );
        let f: TicketFieldDto = serde_json::from_value(json!({
            "id": 11, "name": "status", "label": "Status", "type": "default_status",
            "choices": {"2": ["Open", "Being Processed"], "6": ["Waiting on third party", "Awaiting"]}
        }))
        .unwrap();
        assert_eq!(f.choices.unwrap()["6"][0], json!("Waiting on third party"));
        let a: AgentDto = serde_json::from_value(json!({
            "id": 6, "available": true, "contact": {"name": "Ann", "email": "ann@x.test"}
        }))
        .unwrap();
        assert_eq!(a.contact.unwrap().name.as_deref(), Some("Ann"));
        let g: GroupDto =
            serde_json::from_value(json!({"id": 7, "name": "Billing", "business_hour_id": 3}))
                .unwrap();
        assert_eq!(g.business_hour_id, Some(3));
        let c: ContactDto = serde_json::from_value(json!({
            "id": 5, "name": "Bo", "email": null, "language": "ko", "company_id": 8
        }))
        .unwrap();
        assert_eq!(c.language.as_deref(), Some("ko"));
        let conv: ConversationDto = serde_json::from_value(json!({
            "id": 100, "ticket_id": 20, "user_id": 6, "body_text": "Hi", "incoming": false,
            "private": false, "source": 0, "created_at": "2025-03-10T14:00:00Z", "to_emails": null
        }))
        .unwrap();
        assert_eq!((conv.incoming, conv.private), (Some(false), Some(false)));
        let art: ArticleDto = serde_json::from_value(json!({
            "id": 30, "title": "Reset a password", "description": "<p>Go</p>",
            "description_text": "Go", "status": 2, "folder_id": 4, "thumbs_up": 3, "thumbs_down": 1,
            "hits": 10, "tags": []
        }))
        .unwrap();
        assert_eq!(art.status, Some(2));
    }
}
