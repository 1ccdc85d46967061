//! What the fake tells a test: request statistics and the data a correct sync must hold.

use std::collections::BTreeMap;

/// Request statistics since start (or since [`crate::FakeZendesk::reset_stats`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every request received, including 401, 404 and 429 answers.
    pub requests: u64,
    /// Highest number of account-wide requests accepted within any one window.
    pub max_account_in_window: u32,
    /// Highest number of Incremental Exports requests accepted within any one window.
    pub max_incremental_in_window: u32,
    /// Requests accepted by the account-wide bucket (every accepted request).
    pub account_requests: u64,
    /// Requests accepted by the Incremental Exports' bucket.
    pub incremental_requests: u64,
    /// 429 answers, from the limiter or from `Faults::rate_limit_every`.
    pub rejected_429: u64,
    /// Requests per URL path (without query), e.g. `/api/v2/incremental/tickets/cursor.json`.
    pub by_path: BTreeMap<String, u64>,
    /// Ids of tickets that were served malformed (`Faults::malformed_every`), sorted and
    /// unique. A correct client reports and skips them; `Expected` still holds their true
    /// data, so a test asserts they were reported rather than stored.
    pub malformed_ids: Vec<i64>,
}

/// What a correct, complete sync must have stored at this moment, independent of faults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// Sorted by id, including tombstones (`status == "deleted"`).
    pub tickets: Vec<ExpectedTicket>,
    pub users: Vec<i64>,
    pub organizations: Vec<i64>,
    pub groups: Vec<i64>,
    pub brands: Vec<i64>,
    pub ticket_fields: Vec<i64>,
    /// `(id, ticket_id, score)`, sorted; ratings of deleted tickets are gone.
    pub ratings: Vec<(i64, i64, String)>,
    /// Ids of the metric events not flagged `deleted` and not belonging to a deleted
    /// ticket, sorted.
    pub metric_events: Vec<i64>,
    pub articles: Vec<i64>,
    /// The status history a sync must hold: `(event id, ticket id, field)` of each
    /// change of status, group, assignee and priority of the tickets not deleted, sorted.
    pub history: Vec<(i64, i64, String)>,
    /// The public comments a sync must hold (asked with the ticket events):
    /// `(comment id, ticket id, author id)` of the tickets not deleted, sorted. Private
    /// notes are not among them.
    pub public_comments: Vec<(i64, i64, Option<i64>)>,
    /// IANA zone of the account settings.
    pub time_zone: String,
}

/// One ticket as a sync must have stored it.
///
/// Tombstones (`status == "deleted"`) are served with minimal fields (id, url,
/// created_at, updated_at, generated_timestamp, status) and no metric set, so only `id`,
/// `status` and `updated_at` are meaningful for them; the other fields are `None`/empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedTicket {
    pub id: i64,
    pub status: String,
    /// Unix seconds of the ticket's `updated_at`.
    pub updated_at: i64,
    pub priority: Option<String>,
    pub group_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// Sorted, as served.
    pub tags: Vec<String>,
    /// `reply_time_in_minutes.calendar` of the metric set.
    pub reply_time_calendar: Option<i64>,
    /// `full_resolution_time_in_minutes.calendar` of the metric set.
    pub full_resolution_time_calendar: Option<i64>,
    pub replies: Option<i64>,
    pub reopens: Option<i64>,
}

impl ExpectedTicket {
    pub fn is_deleted(&self) -> bool {
        self.status == "deleted"
    }
}

impl Expected {
    /// What a sync stores when [`crate::Faults::nulls`] was on for the whole sync: the
    /// served ticket fields priority, group_id, assignee_id and both metric durations are
    /// null. Everything else is unchanged.
    pub fn with_nulls(&self) -> Expected {
        let mut expected = self.clone();
        for t in &mut expected.tickets {
            t.priority = None;
            t.group_id = None;
            t.assignee_id = None;
            t.reply_time_calendar = None;
            t.full_resolution_time_calendar = None;
        }
        expected
    }

    pub fn ticket(&self, id: i64) -> Option<&ExpectedTicket> {
        self.tickets
            .binary_search_by_key(&id, |t| t.id)
            .ok()
            .map(|i| &self.tickets[i])
    }
}
