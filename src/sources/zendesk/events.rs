//! Zendesk's ticket events (the incremental ticket events export) → the status history:
//! the status, group, assignee and priority each event set, and nothing else. A child
//! event names its field as its key (`{"status": "open", "previous_value": "new", …}`,
//! zendesk-api.md §5.3); only `Create` and `Change` children count, and unknown keys and
//! child types are ignored. Values are kept as the tickets table keeps them.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::sources::record::required_time;
use crate::store::records::{FieldChange, HistoryField, HistoryValue, TicketStatus};

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

/// The history an event wrote: one change per followed field of its `Create` and
/// `Change` children. An event with a value that cannot be read is reported whole.
pub fn changes(dto: TicketEventDto) -> Result<Vec<FieldChange>, Invalid> {
    let mut changes = Vec::new();
    let children = dto.child_events.unwrap_or_default();
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
            changes.push((field, value_of(field, value)?, child));
        }
    }
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let ticket_id = dto
        .ticket_id
        .ok_or_else(|| Invalid("a ticket event without ticket_id".into()))?;
    let at = match dto.timestamp {
        Some(t) => t,
        None => required_time("created_at", &dto.created_at)?,
    };
    Ok(changes
        .into_iter()
        .map(|(field, value, child)| FieldChange {
            event_id: dto.id,
            ticket_id,
            at,
            field,
            // An unreadable previous value is only a hint lost: the change stands.
            previous: child
                .get("previous_value")
                .and_then(|v| value_of(field, v).ok().flatten()),
            value,
            updater_id: dto.updater_id,
        })
        .collect())
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

    fn read(event: Value) -> Result<Vec<FieldChange>, Invalid> {
        changes(serde_json::from_value(event).unwrap())
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
}
