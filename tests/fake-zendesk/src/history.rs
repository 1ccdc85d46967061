//! The ticket events export (zendesk-api.md §5.3): every ticket's creation and each
//! change of its status, group, assignee and priority, recorded as the dataset makes
//! them, so a ticket's last event always agrees with the ticket as served. Served in the
//! real shape: an `Audit` event whose children name their field as their key, with
//! `previous_value` on changes, and keys a client must ignore. A comment that came with
//! an update (public or a private note, by the requester or an agent) is a `Comment`
//! child only when `include=comment_events` is asked; otherwise the event carries just
//! `comment_present` and `comment_public`, as Zendesk's does.

use serde_json::{json, Map, Value};

use crate::dataset::{Status, Ticket};
use crate::time::iso;

/// One field an event set: its value and, on a change, the one before.
#[derive(Clone, Debug)]
pub(crate) struct Child {
    pub field: &'static str,
    pub value: Value,
    /// `None` on a `Create` child.
    pub previous: Option<Value>,
}

#[derive(Clone, Debug)]
pub(crate) struct TicketEvent {
    pub id: i64,
    pub ticket_id: i64,
    pub at: i64,
    /// -1: the system (automations, the close after four days).
    pub updater_id: i64,
    pub children: Vec<Child>,
    /// The comment that came with the update, if any.
    pub comment: Option<Comment>,
}

/// A comment added with an update: its author is the event's updater.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Comment {
    pub author_id: i64,
    pub public: bool,
}

impl TicketEvent {
    /// The comment child's id.
    pub(crate) fn comment_id(&self) -> i64 {
        self.id * 10 + 9
    }
}

/// The children of a ticket's creation: its status, priority and group.
pub(crate) fn created(t: &Ticket) -> Vec<Child> {
    let mut children = vec![Child {
        field: "status",
        value: json!(Status::New.as_str()),
        previous: None,
    }];
    if let Some(p) = t.priority {
        children.push(Child {
            field: "priority",
            value: json!(p.as_str()),
            previous: None,
        });
    }
    if let Some(g) = t.group_id {
        children.push(Child {
            field: "group_id",
            value: json!(g),
            previous: None,
        });
    }
    children
}

/// A change of `field`, or nothing when the value stayed.
pub(crate) fn change(field: &'static str, before: Value, after: Value) -> Option<Child> {
    (before != after).then_some(Child {
        field,
        value: after,
        previous: Some(before),
    })
}

/// `Some(id)` or `null`.
pub(crate) fn id(value: Option<i64>) -> Value {
    value.map_or(Value::Null, Value::from)
}

/// The event as the export serves it; its comment as a child when `comments` were asked.
pub(crate) fn json(e: &TicketEvent, comments: bool) -> Value {
    let mut children: Vec<Value> = Vec::with_capacity(e.children.len() + 1);
    for (k, c) in e.children.iter().enumerate() {
        let mut child = Map::new();
        child.insert("id".into(), json!(e.id * 10 + k as i64));
        child.insert("via".into(), json!("Web form"));
        child.insert("via_reference_id".into(), Value::Null);
        child.insert(c.field.into(), c.value.clone());
        match &c.previous {
            Some(previous) => {
                child.insert("previous_value".into(), previous.clone());
                child.insert("event_type".into(), json!("Change"));
            }
            None => {
                child.insert("event_type".into(), json!("Create"));
            }
        }
        if c.field == "status" {
            // Zendesk sends the custom status along; a client must ignore what it does
            // not follow.
            child.insert("custom_status_id".into(), json!(e.id % 5 + 1));
        }
        children.push(Value::Object(child));
    }
    if let (Some(c), true) = (e.comment, comments) {
        children.push(json!({
            "id": e.comment_id(),
            "via": "Web form",
            "via_reference_id": null,
            "event_type": "Comment",
            "author_id": c.author_id,
            "body": if c.public { "Thanks, we are on it." } else { "Internal: check the logs." },
            "html_body": "<p>not for display</p>",
            "public": c.public,
            "attachments": [],
            "audit_id": e.id,
            "status": "ignored: not a Create or Change",
        }));
    }
    json!({
        "comment_present": e.comment.is_some(),
        "comment_public": e.comment.is_some_and(|c| c.public),
        "id": e.id,
        "ticket_id": e.ticket_id,
        "timestamp": e.at,
        "created_at": iso(e.at),
        "updater_id": e.updater_id,
        "via": "Web form",
        "via_reference_id": null,
        "event_type": "Audit",
        "child_events": children,
    })
}
