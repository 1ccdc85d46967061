//! Faults and mutations on demand. Faults change how a response is delivered, never the
//! data behind it; mutations change the data between two pages of a sync.
//!
//! Counting: every authenticated request gets a sequence number `n` (1, 2, …), restarted
//! by [`crate::FakeFreshdesk::set_faults`]. A switch `x_every: Some(k)` fires on every
//! request with `n % k == 0`; when several fire, the first of this order applies: 429,
//! 403 access_denied, server error, timeout, cut, truncate.

use std::ops::Range;
use std::time::Duration;

/// Fault switches and mutation hooks; all off by default.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    /// Every Nth request: 429 with `Retry-After`, whatever the limiter says.
    pub rate_limit_every: Option<u32>,
    /// The requests with these sequence numbers answer 429 (a burst).
    pub rate_limit_burst: Option<Range<u64>>,
    /// The `Retry-After` of every 429 instead of the configured one (e.g. `"1e20"`).
    pub retry_after: Option<String>,
    /// Every Nth request: `403 access_denied`, which the next request does not repeat
    /// (tap-freshdesk #28).
    pub access_denied_every: Option<u32>,
    /// Every Nth request: 500 (JSON body) and 503 (HTML body) alternating.
    pub server_error_every: Option<u32>,
    /// Every Nth request waits `slow` before it is answered.
    pub timeout_every: Option<u32>,
    pub slow: Duration,
    /// Every Nth request: status 200 and half the body, then the connection drops.
    pub cut_every: Option<u32>,
    /// Every Nth request: a complete 200 whose JSON is cut in half.
    pub truncate_every: Option<u32>,
    /// Streams that answer `403 require_feature` (plan-gated): `tickets`,
    /// `conversations`, `contacts`, `companies`, `agents`, `groups`, `ticket_fields`,
    /// `products`, `business_hours`, `sla_policies`, `surveys`, `satisfaction_ratings`,
    /// `solutions`, `archived`.
    pub require_feature: Vec<String>,
    /// Data changes applied right after a tickets-list page is served.
    pub mutations: Vec<Mutation>,
}

/// A change of the data after the `after_page`-th tickets-list page (1-based, counted
/// since `set_faults`) has been served, before the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mutation {
    pub after_page: u64,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The tickets' `updated_at` moves to now (their priority steps up).
    Update(Vec<i64>),
    /// The tickets go to the trash.
    Delete(Vec<i64>),
    /// The tickets are marked spam.
    Spam(Vec<i64>),
}

/// The single delivery fault chosen for one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Delivery {
    Normal,
    RateLimit,
    AccessDenied,
    ServerError,
    Slow(Duration),
    Cut,
    Truncate,
}

fn fires(every: Option<u32>, n: u64) -> bool {
    matches!(every, Some(k) if k > 0 && n.is_multiple_of(u64::from(k)))
}

impl Faults {
    pub(crate) fn delivery(&self, n: u64) -> Delivery {
        let burst = self
            .rate_limit_burst
            .as_ref()
            .is_some_and(|r| r.contains(&n));
        if burst || fires(self.rate_limit_every, n) {
            Delivery::RateLimit
        } else if fires(self.access_denied_every, n) {
            Delivery::AccessDenied
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

    pub(crate) fn gated(&self, stream: &str) -> bool {
        self.require_feature.iter().any(|s| s == stream)
    }
}
