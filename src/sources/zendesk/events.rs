//! Zendesk's ticket events (the incremental ticket events export) → the status history
//! and the public comments: the status, group, assignee and priority each event set, and
//! when each public comment was added and by whom. A child event names its field as its
//! key (`{"status": "open", "previous_value": "new", …}`, zendesk-api.md §5.3); only
//! `Create` and `Change` children count for the history. With `include=comment_events`
//! a comment comes as a `Comment` child with `public` and `author_id` (§5.2); private
//! notes are left out, and so is every comment's text. Unknown keys and child types are
//! ignored. Values are kept as the tickets table keeps them.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::sources::record::required_time;
use crate::store::records::{FieldChange, HistoryField, HistoryValue, PublicComment, TicketStatus};

use super::convert::Invalid;

#[derive(Debug, Deserialize)]
pub struct TicketEventDto {
    pub id: i64,
    pub ticket_id: Option<i64>,
    /// Unix seconds; `created_at` says the same in ISO 8601.
    pub timestamp: Option<i64>,
    pub created_at: Option<String>,
    pub updater_id: Option<i64>,
    pub child_events: Option<Vec<Map<String, Value>>>,
}

/// What one ticket event wrote: its changes of the followed fields and its public
/// comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventRecords {
    pub changes: Vec<FieldChange>,
    pub comments: Vec<PublicComment>,
}

/// The history and the public comments of an event: one change per followed field of
/// its `Create` and `Change` children, one comment per public `Comment` child. An event
/// with a value that cannot be read is reported whole.
pub fn read(dto: TicketEventDto) -> Result<EventRecords, Invalid> {
    let children = dto.child_events.as_deref().unwrap_or_default();
    let comments = public_comments(children)?;
    let changes = changes(children)?;
    if changes.is_empty() && comments.is_empty() {
        return Ok(EventRecords::default());
    }
    let ticket_id = dto
        .ticket_id
        .ok_or_else(|| Invalid("a ticket event without ticket_id".into()))?;
    let at = match dto.timestamp {
        Some(t) => t,
        None => required_time("created_at", &dto.created_at)?,
    };
    Ok(EventRecords {
        changes: changes
            .into_iter()
            .map(|(field, value, previous)| FieldChange {
                event_id: dto.id,
                ticket_id,
                at,
                field,
                previous,
                value,
                updater_id: dto.updater_id,
            })
            .collect(),
        comments: comments
            .into_iter()
            .map(|(comment_id, author_id)| PublicComment {
                comment_id,
                ticket_id,
                at,
                author_id,
            })
            .collect(),
    })
}

/// The `Comment` children marked public, as (id, author). A public comment without an id
/// cannot be kept once (a page served again would add it twice), so it is reported; a
/// `public` that is not `true` is a private note.
fn public_comments(children: &[Map<String, Value>]) -> Result<Vec<(i64, Option<i64>)>, Invalid> {
    let comments = children.iter().filter(|child| {
        child.get("event_type").and_then(Value::as_str) == Some("Comment")
            && child.get("public").and_then(Value::as_bool) == Some(true)
    });
    comments
        .map(|child| {
            let id = child
                .get("id")
                .and_then(Value::as_i64)
                .ok_or_else(|| Invalid("a public comment without an id".into()))?;
            let author_id = match child.get("author_id") {
                None | Some(Value::Null) => None,
                Some(value) => Some(
                    value
                        .as_i64()
                        .ok_or_else(|| Invalid(format!("unreadable comment author_id {value}")))?,
                ),
            };
            Ok((id, author_id))
        })
        .collect()
}

/// A change: the field, its value, and its previous value when readable.
type Read = (HistoryField, Option<HistoryValue>, Option<HistoryValue>);

/// The followed fields of the `Create` and `Change` children.
fn changes(children: &[Map<String, Value>]) -> Result<Vec<Read>, Invalid> {
    let mut changes = Vec::new();
    let counted = children.iter().filter(|child| {
        matches!(
            child.get("event_type").and_then(Value::as_str),
            Some("Create" | "Change")
        )
    });
    for child in counted {
        for field in HistoryField::ALL {
            let Some(value) = child.get(field.as_str()) else {
                continue;
            };
            // An unreadable previous value is only a hint lost: the change stands.
            let previous = child
                .get("previous_value")
                .and_then(|v| value_of(field, v).ok().flatten());
            changes.push((field, value_of(field, value)?, previous));
        }
    }
    Ok(changes)
}

/// A field's value as stored: a known status, a priority's text, an id (sent as a
/// number or as digits); null is none.
fn value_of(field: HistoryField, value: &Value) -> Result<Option<HistoryValue>, Invalid> {
    let bad = || Invalid(format!("unreadable {} {value}", field.as_str()));
    Ok(Some(match (field, value) {
        (HistoryField::Status, Value::String(s)) => {
            let status = TicketStatus::parse(&s.to_lowercase()).ok_or_else(bad)?;
            HistoryValue::Text(status.as_str().to_owned())
        }
        (HistoryField::Status, _) => return Err(bad()),
        (_, Value::Null) => return Ok(None),
        (HistoryField::Priority, Value::String(s)) if s.is_empty() => return Ok(None),
        (HistoryField::Priority, Value::String(s)) => HistoryValue::Text(s.clone()),
        (HistoryField::Group | HistoryField::Assignee, Value::Number(n)) => {
            HistoryValue::Id(n.as_i64().ok_or_else(bad)?)
        }
        (HistoryField::Group | HistoryField::Assignee, Value::String(s)) if s.is_empty() => {
            return Ok(None)
        }
        (HistoryField::Group | HistoryField::Assignee, Value::String(s)) => {
            HistoryValue::Id(s.parse().map_err(|_| bad())?)
        }
        _ => return Err(bad()),
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read_all(event: Value) -> Result<EventRecords, Invalid> {
        super::read(serde_json::from_value(event).unwrap())
    }

    fn read(event: Value) -> Result<Vec<FieldChange>, Invalid> {
        read_all(event).map(|r| r.changes)
    }

    fn text(s: &str) -> Option<HistoryValue> {
        Some(HistoryValue::Text(s.into()))
    }

    #[test]
    fn create_and_change_children_become_changes_and_the_rest_is_ignored() {
        let created = read(json!({
            "id": 11, "ticket_id": 5, "timestamp": 1_700_000_000, "updater_id": 42,
            "via": "Web form", "event_type": "Audit", "unknown": {"x": 1},
            "child_events": [
                {"id": 1, "via": "Web form", "via_reference_id": null, "status": "new", "event_type": "Create"},
                {"id": 2, "priority": "high", "event_type": "Create"},
                {"id": 3, "group_id": 360_000_000_001_i64, "event_type": "Create"},
                {"id": 4, "assignee_id": null, "event_type": "Create"},
                {"id": 5, "body": "Hello", "public": true, "event_type": "Comment"},
                {"id": 6, "status": "open", "event_type": "Notification"},
                {"id": 7, "tags": ["a"], "added_tags": ["a"], "event_type": "Create"}
            ]
        }))
        .unwrap();
        let got: Vec<_> = created
            .iter()
            .map(|c| (c.field, c.value.clone(), c.previous.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (HistoryField::Status, text("new"), None),
                (HistoryField::Priority, text("high"), None),
                (
                    HistoryField::Group,
                    Some(HistoryValue::Id(360_000_000_001)),
                    None
                ),
                (HistoryField::Assignee, None, None),
            ],
            "Comment and Notification children and unfollowed fields leave nothing"
        );
        assert!(created
            .iter()
            .all(|c| (c.event_id, c.ticket_id, c.at, c.updater_id)
                == (11, 5, 1_700_000_000, Some(42))));
    }

    #[test]
    fn a_change_keeps_its_previous_value_when_given_and_none_when_not() {
        let changed = read(json!({
            "id": 12, "ticket_id": 5, "created_at": "2025-01-02T03:04:05Z",
            "child_events": [
                {"status": "Solved", "previous_value": "open", "event_type": "Change"},
                {"assignee_id": "77", "event_type": "Change"}
            ]
        }))
        .unwrap();
        assert_eq!(
            changed[0].at, 1_735_787_045,
            "the ISO time when no timestamp"
        );
        assert_eq!(
            (changed[0].value.clone(), changed[0].previous.clone()),
            (text("solved"), text("open"))
        );
        assert_eq!(
            (changed[1].value.clone(), changed[1].previous.clone()),
            (Some(HistoryValue::Id(77)), None)
        );
    }

    #[test]
    fn unreadable_events_are_reported_and_empty_ones_are_nothing() {
        assert!(read(json!({"id": 1, "ticket_id": 5, "timestamp": 1,
            "child_events": [{"status": "archived?", "event_type": "Change"}]}))
        .is_err());
        assert!(read(json!({"id": 1, "ticket_id": 5,
            "child_events": [{"status": "open", "event_type": "Change"}]}))
        .is_err());
        assert!(read(json!({"id": 1, "timestamp": 1,
            "child_events": [{"group_id": 3, "event_type": "Change"}]}))
        .is_err());
        assert_eq!(
            read(json!({"id": 1, "child_events": null})).unwrap(),
            [],
            "no followed field: nothing to report"
        );
    }

    #[test]
    fn public_comments_are_kept_with_their_author_and_private_notes_are_not() {
        let read = read_all(json!({
            "id": 21, "ticket_id": 9, "timestamp": 1_700_000_100, "updater_id": 42,
            "child_events": [
                {"id": 211, "event_type": "Comment", "public": true, "author_id": 42, "body": "On it"},
                {"id": 212, "event_type": "Comment", "public": false, "author_id": 42, "body": "note"},
                {"id": 213, "event_type": "Comment", "public": true, "author_id": null},
                {"id": 214, "event_type": "Comment", "body": "no flag: not known to be public"},
                {"id": 215, "status": "pending", "event_type": "Change"}
            ]
        }))
        .unwrap();
        let comments: Vec<_> = read
            .comments
            .iter()
            .map(|c| (c.comment_id, c.ticket_id, c.at, c.author_id))
            .collect();
        assert_eq!(
            comments,
            [
                (211, 9, 1_700_000_100, Some(42)),
                (213, 9, 1_700_000_100, None)
            ]
        );
        assert_eq!(read.changes.len(), 1, "the change beside them still counts");
        assert!(
            read_all(json!({"id": 1, "ticket_id": 9, "timestamp": 1,
                "child_events": [{"event_type": "Comment", "public": true, "author_id": 4}]}))
            .is_err(),
            "a public comment without an id is reported"
        );
        assert_eq!(
            read_all(json!({"id": 1, "child_events": [
                {"id": 3, "event_type": "Comment", "public": false, "author_id": 4}]}))
            .unwrap(),
            EventRecords::default(),
            "a private note alone needs no ticket"
        );
    }
}
