//! What a running sync reports, for the CLI's progress bars and the app's Sources screen.

use serde::Serialize;
use ts_rs::TS;

use crate::sources::zendesk::{Budget, BudgetKind, Stream};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum SyncEvent {
    StreamStarted {
        stream: Stream,
    },
    /// A page was stored: running totals for the stream.
    Page {
        stream: Stream,
        #[ts(type = "number")]
        records: u64,
        #[ts(type = "number")]
        pages: u64,
        #[ts(type = "number")]
        problems: u64,
        /// Estimated seconds left, where the stream's position in time allows one.
        eta_seconds: Option<f64>,
    },
    /// Waiting before the next request (rate limit, or a retry after a fault).
    Waiting {
        stream: Stream,
        seconds: f64,
        reason: WaitReason,
        /// The budget a pacing wait keeps under (none for a 429 or a retry).
        budget: Option<WaitBudget>,
        detail: Option<String>,
    },
    StreamFinished {
        stream: Stream,
        #[ts(type = "number")]
        records: u64,
    },
    /// The account does not offer the stream (plan-gated): skipped, the rest goes on.
    StreamSkipped {
        stream: Stream,
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WaitReason {
    /// Pacing under the documented limits.
    Pacing,
    /// The server said 429 Too Many Requests.
    RateLimited,
    /// A transient fault; retrying.
    Retry,
}

/// A rate-limit budget as progress shows it: "incremental exports, 10 per minute".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct WaitBudget {
    pub kind: BudgetKind,
    /// Requests allowed per window.
    pub limit: u32,
    /// The window's length (Zendesk's is a minute).
    pub window_seconds: f64,
}

impl From<Budget> for WaitBudget {
    fn from(b: Budget) -> WaitBudget {
        WaitBudget {
            kind: b.kind,
            limit: b.limit,
            window_seconds: b.window.as_secs_f64(),
        }
    }
}
