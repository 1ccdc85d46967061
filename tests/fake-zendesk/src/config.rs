//! What a test can choose about the fake account: dataset size, limits, credentials,
//! permissions and the response-shape variants the real API is known to have.

use std::time::Duration;

/// Configuration of one fake Zendesk account. Everything not set explicitly comes from
/// [`FakeConfig::default`], which describes a healthy admin account with generous limits.
#[derive(Clone, Debug)]
pub struct FakeConfig {
    /// Seed of the generated dataset: the same seed (and the same mutation calls) always
    /// produce the same data, ids and timestamps.
    pub seed: u64,
    pub tickets: usize,
    /// Users including agents and admins; values below 8 are raised to 8 so that every
    /// role exists.
    pub users: usize,
    pub organizations: usize,
    /// Upper bound of items per page for every endpoint. A smaller `per_page` /
    /// `page[size]` is honoured. Cursor-paginated list endpoints (groups, brands, ticket
    /// fields, satisfaction ratings) are additionally capped at 100, like the real API.
    pub page_size: usize,
    /// Requests per `window`, account-wide (every authenticated request counts).
    pub account_limit: u32,
    /// Requests per `window` to the Incremental Exports endpoints (tickets, users,
    /// organizations, ticket events; Zendesk: 10 per minute), on top of the account-wide
    /// bucket. Ticket metric events and the Help Center export count only account-wide.
    pub incremental_limit: u32,
    /// Length of the sliding rate-limit window (Zendesk: 60 s).
    pub window: Duration,
    /// `Retry-After` sent with every 429.
    pub retry_after_secs: u64,
    /// IANA time zone served by the account settings.
    pub time_zone: String,
    /// API-token credentials: `Authorization: Basic base64("{email}/token:{token}")`.
    pub email: String,
    pub token: String,
    /// Accepted `Authorization: Bearer …` token; `None` rejects every Bearer token.
    pub oauth_token: Option<String>,
    /// `false` models a non-admin (agent) token: 403 on every incremental export and on
    /// satisfaction ratings, `role: "agent"` in `/users/me`.
    pub admin: bool,
    /// Stream names that answer 403 as if plan-gated: `tickets`, `users`,
    /// `organizations`, `groups`, `brands`, `ticket_fields`, `satisfaction_ratings`,
    /// `ticket_metric_events`, `ticket_events`, `articles`, `schedules` (the schedules
    /// and their holidays: plans without business hours).
    pub forbidden: Vec<String>,
    /// The account's business-hours schedules, served by
    /// `/api/v2/business_hours/schedules` and `…/schedules/{id}/holidays`; none by default.
    pub schedules: Vec<FakeSchedule>,
    /// Where `include=metric_sets` puts the metrics (the docs disagree, see
    /// [`MetricSetsForm`]).
    pub metric_sets: MetricSetsForm,
    /// Added to every response, so that a sync is slow enough to be interrupted.
    pub latency: Duration,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            seed: 1,
            tickets: 2_000,
            users: 400,
            organizations: 60,
            page_size: 100,
            account_limit: 1_000_000,
            incremental_limit: 1_000_000,
            window: Duration::from_secs(60),
            retry_after_secs: 1,
            time_zone: "Europe/Berlin".to_string(),
            email: "admin@example.com".to_string(),
            token: "secret-token".to_string(),
            oauth_token: None,
            admin: true,
            forbidden: Vec::new(),
            schedules: Vec::new(),
            metric_sets: MetricSetsForm::Alternate,
            latency: Duration::ZERO,
        }
    }
}

/// Shape of the `include=metric_sets` side-load on the incremental ticket export. The
/// reference (§2.2) marks it uncertain: tap-zendesk reads `ticket.metric_set`, the Notion
/// cookbook reads a top-level `metric_sets` array keyed by `ticket_id`. A client must
/// parse both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricSetsForm {
    /// `tickets[i].metric_set = {…}`.
    PerTicket,
    /// `"metric_sets": [{ "ticket_id": …, … }]` next to `"tickets"`.
    TopLevel,
    /// Alternates per served page (first page per-ticket, second top-level, …), so one
    /// sync sees both forms.
    Alternate,
}

/// One business-hours schedule as Zendesk serves it.
#[derive(Clone, Debug)]
pub struct FakeSchedule {
    pub id: i64,
    pub name: String,
    /// A Rails zone name, e.g. "Eastern Time (US & Canada)".
    pub time_zone: String,
    /// `(start_time, end_time)` in minutes from Sunday 00:00 local, within one day.
    pub intervals: Vec<(u32, u32)>,
    /// Unix seconds; the earliest created is the account's default.
    pub created_at: i64,
    /// `(name, start_date, end_date)` with dates as `YYYY-MM-DD`, both included.
    pub holidays: Vec<(String, String, String)>,
}
