//! What the fake tells a test: the request log, counters, and what a correct sync holds.

/// One request as the fake answered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    /// URL path, e.g. `/api/v2/tickets`.
    pub path: String,
    /// The raw query string (empty when none).
    pub query: String,
    pub status: u16,
    /// Credits charged to the account (0 when the request was refused before counting).
    pub credits: u32,
}

/// Counters since start (or [`crate::FakeFreshdesk::reset_stats`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every request received, including 401 and 429 answers.
    pub requests: u64,
    pub rejected_429: u64,
    /// Credits accepted in all, and the most within one window.
    pub credits: u64,
    pub max_credits_in_window: u32,
    /// Tickets-list requests accepted in all, and the most within one window.
    pub tickets_list_requests: u64,
    pub max_tickets_list_in_window: u32,
}

/// A ticket as a correct, complete sync must know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedTicket {
    pub id: i64,
    /// Unix seconds.
    pub updated_at: i64,
    pub status: u8,
    pub spam: bool,
    pub deleted: bool,
}
