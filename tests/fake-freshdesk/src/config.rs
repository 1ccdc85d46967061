//! What a test can choose about the fake account: dataset size, API key, the plan's rate
//! limits (per minute, or the legacy hourly kind) and latency.

use std::time::Duration;

/// Configuration of one fake Freshdesk account; [`FakeConfig::default`] is a healthy
/// account with generous limits.
#[derive(Clone, Debug)]
pub struct FakeConfig {
    /// Seed of the dataset: the same seed (and the same mutations) give the same data.
    pub seed: u64,
    /// Tickets, from a few to about 50,000.
    pub tickets: usize,
    pub contacts: usize,
    pub companies: usize,
    /// The API key accepted as the Basic user name (any password).
    pub api_key: String,
    /// Credits per `window`, account-wide (`X-RateLimit-Total`).
    pub account_limit: u32,
    /// Requests per `window` to the tickets list, on top of the account's credits; `None`
    /// for plans without the sub-limit (Trial).
    pub tickets_list_limit: Option<u32>,
    /// Length of the sliding window (Freshdesk: a minute; an hour for legacy accounts).
    pub window: Duration,
    /// Legacy hourly account: its 429 has the hourly body, `Retry-After` is the seconds
    /// left in the window, and no `X-RateLimit-*` headers.
    pub hourly: bool,
    /// `Retry-After` of a per-minute 429.
    pub retry_after_secs: u64,
    /// Ratings of the classic survey as stored (1 happy, 2 neutral, 3 unhappy) rather
    /// than as documented (103, 100, -103).
    pub classic_stored_values: bool,
    /// Added to every response, so that a sync is slow enough to be interrupted.
    pub latency: Duration,
}

/// Freshdesk's per-minute plans (`freshdesk-api.md` §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    Trial,
    Growth,
    Pro,
    Enterprise,
}

impl Plan {
    /// `(credits per minute, tickets-list requests per minute)`.
    pub fn limits(self) -> (u32, Option<u32>) {
        match self {
            Plan::Trial => (50, None),
            Plan::Growth => (200, Some(20)),
            Plan::Pro => (400, Some(100)),
            Plan::Enterprise => (700, Some(200)),
        }
    }
}

impl FakeConfig {
    /// This configuration with the plan's limits over `window` (a minute, or shorter to
    /// keep a test fast).
    pub fn with_plan(self, plan: Plan, window: Duration) -> FakeConfig {
        let (account_limit, tickets_list_limit) = plan.limits();
        FakeConfig {
            account_limit,
            tickets_list_limit,
            window,
            ..self
        }
    }
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            seed: 1,
            tickets: 500,
            contacts: 120,
            companies: 12,
            api_key: "fake-api-key".to_string(),
            account_limit: 1_000_000,
            tickets_list_limit: Some(1_000_000),
            window: Duration::from_secs(60),
            hourly: false,
            retry_after_secs: 1,
            classic_stored_values: false,
            latency: Duration::ZERO,
        }
    }
}
