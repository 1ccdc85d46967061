//! Freshdesk's numeric codes as Deskbench's words: statuses (with the account's custom
//! ones), priorities and sources (channels), per `freshdesk-api.md` §4.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::store::records::TicketStatus;

use super::dto::TicketFieldDto;

/// A custom status as the ticket fields list it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChoice {
    pub id: i64,
    /// The agent's label.
    pub label: String,
    /// Whether the status pauses the SLA clock; only the admin API tells.
    pub stops_sla_timer: Option<bool>,
}

/// Which canonical status each custom status id stands for, per workspace. Built from the
/// ticket fields with a default for each custom status, and open to the user's choices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusTable {
    custom: BTreeMap<i64, TicketStatus>,
}

impl StatusTable {
    /// Defaults for custom statuses: one that stops the SLA clock waits on someone other
    /// than the team (on-hold); one whose clock runs is the team's work (open).
    pub fn from_choices(choices: &[StatusChoice]) -> StatusTable {
        let custom = choices
            .iter()
            .filter(|c| !is_builtin(c.id))
            .map(|c| {
                let status = if c.stops_sla_timer == Some(true) {
                    TicketStatus::Hold
                } else {
                    TicketStatus::Open
                };
                (c.id, status)
            })
            .collect();
        StatusTable { custom }
    }

    /// The user's (or the saved workspace's) choice for one custom status.
    pub fn set(&mut self, id: i64, status: TicketStatus) {
        if !is_builtin(id) {
            self.custom.insert(id, status);
        }
    }

    pub fn custom(&self) -> &BTreeMap<i64, TicketStatus> {
        &self.custom
    }

    /// 2 Open, 3 Pending, 4 Resolved → solved, 5 Closed; custom ids per the table. An id
    /// the table does not know yet (its ticket fields not synced) counts as open, so the
    /// ticket stays in the backlog rather than leaving it unseen.
    pub fn status(&self, code: i64) -> TicketStatus {
        match code {
            2 => TicketStatus::Open,
            3 => TicketStatus::Pending,
            4 => TicketStatus::Solved,
            5 => TicketStatus::Closed,
            other => self
                .custom
                .get(&other)
                .copied()
                .unwrap_or(TicketStatus::Open),
        }
    }
}

fn is_builtin(id: i64) -> bool {
    (2..=5).contains(&id)
}

/// The status choices of the `status` ticket field, in either of the API's forms:
/// `{"6": ["Waiting on third party", "Awaiting"]}` or the admin API's
/// `[{"id": 6, "value": "Waiting on third party", "stop_sla_timer": true}]`.
pub fn status_choices(field: &TicketFieldDto) -> Vec<StatusChoice> {
    match &field.choices {
        Some(Value::Object(map)) => map
            .iter()
            .filter_map(|(id, labels)| {
                Some(StatusChoice {
                    id: id.parse().ok()?,
                    label: first_text(labels).unwrap_or_else(|| id.clone()),
                    stops_sla_timer: None,
                })
            })
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let id = item.get("id")?.as_i64()?;
                Some(StatusChoice {
                    id,
                    label: item
                        .get("value")
                        .and_then(Value::as_str)
                        .map_or_else(|| id.to_string(), str::to_owned),
                    stops_sla_timer: item.get("stop_sla_timer").and_then(Value::as_bool),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn first_text(labels: &Value) -> Option<String> {
    match labels {
        Value::Array(parts) => parts.first()?.as_str().map(str::to_owned),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// 1 Low, 2 Medium, 3 High, 4 Urgent, as Deskbench's (Zendesk's) words; another id is
/// kept as its number.
pub fn priority(code: i64) -> String {
    match code {
        1 => "low",
        2 => "normal",
        3 => "high",
        4 => "urgent",
        other => return other.to_string(),
    }
    .to_owned()
}

/// The channel of a ticket's source id. Sources that mean what a Zendesk channel means
/// take its name (portal → `web`, phone → `voice`), so a workspace with both helpdesks
/// has one key per channel; an unknown or custom source keeps its id.
pub fn channel(source: i64) -> String {
    let name = match source {
        1 => "email",
        2 => "web",
        3 => "voice",
        4 => "forum",
        5 => "twitter",
        6 => "facebook",
        7 => "chat",
        8 => "mobile_sdk",
        9 => "feedback_widget",
        10 => "outbound_email",
        11 => "ecommerce",
        12 => "bot",
        13 => "whatsapp",
        14 => "chat_task",
        15 => "web_chat",
        16 => "web_form",
        17 => "instagram_message",
        18 => "instagram_comment",
        19 => "facebook_message",
        20 => "facebook_comment",
        21 => "mobile_chat",
        22 => "sms",
        other => return other.to_string(),
    };
    name.to_owned()
}

/// Outbound email: the agent writes first, so the first reply counts from the customer's
/// first message.
pub const OUTBOUND_EMAIL: i64 = 10;

/// A conversation's source when an automation rule wrote it.
pub const AUTOMATION_NOTE: i64 = 15;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use TicketStatus::*;

    fn field(choices: Value) -> TicketFieldDto {
        serde_json::from_value(
            json!({"id": 1, "name": "status", "type": "default_status", "choices": choices}),
        )
        .unwrap()
    }

    #[test]
    fn builtin_statuses_map_to_canonical_ones() {
        let table = StatusTable::default();
        let mapped: Vec<_> = (2..=5).map(|c| table.status(c)).collect();
        assert_eq!(mapped, [Open, Pending, Solved, Closed]);
        assert_eq!(
            table.status(42),
            Open,
            "unknown custom status stays in the backlog"
        );
    }

    #[test]
    fn custom_statuses_default_by_their_sla_timer_and_can_be_set() {
        let choices = status_choices(&field(json!([
            {"id": 2, "value": "Open", "stop_sla_timer": false},
            {"id": 6, "value": "Waiting on third party", "stop_sla_timer": true},
            {"id": 7, "value": "In review", "stop_sla_timer": false}
        ])));
        let mut table = StatusTable::from_choices(&choices);
        assert_eq!((table.status(6), table.status(7)), (Hold, Open));
        assert_eq!(table.status(2), Open);
        table.set(7, Solved);
        table.set(4, Open);
        assert_eq!(
            (table.status(7), table.status(4)),
            (Solved, Solved),
            "built-in ids are fixed"
        );
        assert_eq!(table.custom().len(), 2);
    }

    #[test]
    fn the_public_choice_form_gives_labels_without_timer() {
        let choices = status_choices(&field(json!({
            "2": ["Open", "Being Processed"], "6": ["Waiting on third party", "Awaiting"], "x": ["bad"]
        })));
        assert_eq!(
            choices,
            [
                StatusChoice {
                    id: 2,
                    label: "Open".into(),
                    stops_sla_timer: None
                },
                StatusChoice {
                    id: 6,
                    label: "Waiting on third party".into(),
                    stops_sla_timer: None
                },
            ]
        );
        assert_eq!(StatusTable::from_choices(&choices).status(6), Open);
        assert!(status_choices(&field(Value::Null)).is_empty());
    }

    #[test]
    fn priorities_and_channels() {
        let p: Vec<_> = (1..=5).map(priority).collect();
        assert_eq!(p, ["low", "normal", "high", "urgent", "5"]);
        assert_eq!(channel(1), "email");
        assert_eq!(channel(3), "voice");
        assert_eq!(channel(7), "chat");
        assert_eq!(channel(10), "outbound_email");
        assert_eq!(channel(22), "sms");
        assert_eq!(channel(101), "101", "custom sources keep their id");
    }
}
