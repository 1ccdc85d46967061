//! Fault injection. Faults change how a response is delivered or shaped, never the data
//! behind it: `Expected` is the same with or without them.
//!
//! Counting: every authenticated request that reaches the fault stage gets a sequence
//! number `n` (1, 2, …), restarted by [`crate::FakeZendesk::set_faults`]. A switch
//! `x_every: Some(k)` fires on every request with `n % k == 0`. When several switches fire
//! on the same request only the first of this order applies: rate limit, server error,
//! timeout, cut, truncate. The body-shape switches (`unknown_fields`, `nulls`,
//! `malformed_every`) apply to every response independently.

use std::time::Duration;

use serde_json::{json, Map, Value};

/// Fault switches; all off by default.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    /// Every Nth request → 500 (JSON body) and 503 (HTML body, as from a proxy),
    /// alternating, starting with 500.
    pub server_error_every: Option<u32>,
    /// Every Nth request waits `slow` before it is answered normally (long enough for the
    /// client's timeout to fire).
    pub timeout_every: Option<u32>,
    pub slow: Duration,
    /// Every Nth request: status 200 and headers are sent, then the connection is dropped
    /// after about half of the body (chunked transfer that never terminates).
    pub cut_every: Option<u32>,
    /// Every Nth request: a complete, valid HTTP 200 whose JSON body is cut in half.
    pub truncate_every: Option<u32>,
    /// Every Nth request: 429 with `Retry-After`, whatever the limiter says.
    pub rate_limit_every: Option<u32>,
    /// The `Retry-After` value of every 429 instead of `FakeConfig::retry_after_secs`,
    /// e.g. `"1e20"`, `"inf"` or an HTTP date, as a misbehaving server could send.
    pub retry_after: Option<String>,
    /// Adds unknown fields to every object (top level and items), as a newer API would.
    pub unknown_fields: bool,
    /// Sets optional fields to `null` (ticket priority, type, group_id, assignee_id,
    /// organization_id, satisfaction_rating, custom field values, every metric duration
    /// half and timestamp; user organization/time zone/locale; rating comment/reason/
    /// assignee/group). See [`crate::Expected::with_nulls`].
    pub nulls: bool,
    /// Every Nth ticket of a ticket-export page is served malformed (`"created_at":
    /// "not a date"` for even ids, `"status": 42` for odd ids) but keeps a valid numeric
    /// `id`. The ids are recorded in [`crate::Stats::malformed_ids`].
    pub malformed_every: Option<u32>,
}

/// The single delivery fault chosen for one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Delivery {
    Normal,
    RateLimit,
    ServerError,
    Slow(Duration),
    Cut,
    Truncate,
}

fn fires(every: Option<u32>, n: u64) -> bool {
    matches!(every, Some(k) if k > 0 && n.is_multiple_of(u64::from(k)))
}

impl Faults {
    /// Which delivery fault (if any) applies to the request with sequence number `n`.
    pub(crate) fn delivery(&self, n: u64) -> Delivery {
        if fires(self.rate_limit_every, n) {
            Delivery::RateLimit
        } else if fires(self.server_error_every, n) {
            Delivery::ServerError
        } else if fires(self.timeout_every, n) {
            Delivery::Slow(self.slow)
        } else if fires(self.cut_every, n) {
            Delivery::Cut
        } else if fires(self.truncate_every, n) {
            Delivery::Truncate
        } else {
            Delivery::Normal
        }
    }

    /// Whether the ticket at 1-based position `pos` of a page is served malformed.
    pub(crate) fn malformed_at(&self, pos: usize) -> bool {
        fires(self.malformed_every, pos as u64)
    }
}

/// Breaks a ticket object while keeping its numeric `id`, so a client can report which
/// record it skipped.
pub(crate) fn make_malformed(ticket: &mut Value, id: i64) {
    if let Some(obj) = ticket.as_object_mut() {
        if id % 2 == 0 {
            obj.insert("created_at".into(), json!("not a date"));
        } else {
            obj.insert("status".into(), json!(42));
        }
    }
}

/// Adds fields no client knows about; nested so that strict decoders notice.
pub(crate) fn add_unknown_fields(obj: &mut Map<String, Value>) {
    obj.insert(
        "x_fake_future_field".into(),
        json!({ "rollout": "beta", "weights": [1, 2.5, null], "enabled": true }),
    );
    obj.insert("x_fake_flag".into(), json!(false));
}

/// Adds unknown fields to the top level and to every object in every top-level array.
pub(crate) fn add_unknown_fields_everywhere(body: &mut Value) {
    if let Some(top) = body.as_object_mut() {
        for value in top.values_mut() {
            match value {
                Value::Array(items) => items
                    .iter_mut()
                    .filter_map(Value::as_object_mut)
                    .for_each(add_unknown_fields),
                Value::Object(obj) => add_unknown_fields(obj),
                _ => {}
            }
        }
        add_unknown_fields(top);
    }
}

/// Optional fields per kind of object, nulled by [`Faults::nulls`].
pub(crate) const TICKET_NULLABLE: &[&str] = &[
    "priority",
    "type",
    "group_id",
    "assignee_id",
    "organization_id",
    "due_at",
    "satisfaction_rating",
    "recipient",
    "external_id",
    "problem_id",
    "ticket_form_id",
    "custom_status_id",
];
pub(crate) const METRIC_NULLABLE: &[&str] = &[
    "assignee_updated_at",
    "requester_updated_at",
    "status_updated_at",
    "custom_status_updated_at",
    "initially_assigned_at",
    "assigned_at",
    "solved_at",
    "latest_comment_added_at",
];
pub(crate) const USER_NULLABLE: &[&str] = &[
    "organization_id",
    "time_zone",
    "iana_time_zone",
    "locale",
    "phone",
    "last_login_at",
    "custom_role_id",
];
pub(crate) const ORG_NULLABLE: &[&str] = &["group_id", "details", "notes", "external_id"];
pub(crate) const RATING_NULLABLE: &[&str] = &[
    "comment",
    "reason",
    "reason_code",
    "reason_id",
    "assignee_id",
    "group_id",
];

pub(crate) fn null_fields(obj: &mut Map<String, Value>, keys: &[&str]) {
    for key in keys {
        if let Some(v) = obj.get_mut(*key) {
            *v = Value::Null;
        }
    }
}

/// Nulls a ticket's optional fields, its custom field values and, if side-loaded, its
/// metric set.
pub(crate) fn null_ticket(ticket: &mut Value) {
    let Some(obj) = ticket.as_object_mut() else {
        return;
    };
    null_fields(obj, TICKET_NULLABLE);
    for key in ["custom_fields", "fields"] {
        if let Some(Value::Array(fields)) = obj.get_mut(key) {
            for field in fields.iter_mut().filter_map(Value::as_object_mut) {
                field.insert("value".into(), Value::Null);
            }
        }
    }
    if let Some(metric_set) = obj.get_mut("metric_set") {
        null_metric_set(metric_set);
    }
}

/// Nulls every `*_in_minutes` half and the optional timestamps of a metric set.
pub(crate) fn null_metric_set(metric_set: &mut Value) {
    let Some(obj) = metric_set.as_object_mut() else {
        return;
    };
    null_fields(obj, METRIC_NULLABLE);
    for (key, value) in obj.iter_mut() {
        if key.ends_with("_in_minutes") {
            if let Some(halves) = value.as_object_mut() {
                halves.values_mut().for_each(|v| *v = Value::Null);
            }
        }
    }
}
