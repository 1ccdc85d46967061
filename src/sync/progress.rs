//! What a running sync reports, for the CLI's progress bars and the app's Sources screen.
//! One vocabulary for every connector: a Zendesk and a Freshdesk sync report the same
//! events, naming their streams and rate-limit budgets from the lists below.

use std::time::Instant;

use serde::Serialize;
use ts_rs::TS;

use crate::sources::gate::Wait;
use crate::sources::{freshdesk, zendesk};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum SyncEvent {
    StreamStarted {
        stream: SyncStream,
        /// Set when the stream re-reads from the start to add what an older version did
        /// not ask for.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        back_fill: Option<BackFill>,
    },
    /// A page was stored: running totals for the stream.
    Page {
        stream: SyncStream,
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
        stream: SyncStream,
        seconds: f64,
        reason: WaitReason,
        /// The budget a pacing wait keeps under (none for a 429 or a retry).
        budget: Option<WaitBudget>,
        detail: Option<String>,
    },
    StreamFinished {
        stream: SyncStream,
        #[ts(type = "number")]
        records: u64,
    },
    /// The account does not offer the stream (plan-gated): skipped, the rest goes on.
    StreamSkipped { stream: SyncStream, reason: String },
}

impl SyncEvent {
    /// The event of a client's wait before its next request of `stream`.
    pub fn waiting<B: Into<WaitBudget>>(stream: SyncStream, wait: Wait<B>) -> SyncEvent {
        let (seconds, reason, budget, detail) = match wait {
            Wait::Pacing { delay, budget } => (
                delay.as_secs_f64(),
                WaitReason::Pacing,
                Some(budget.into()),
                None,
            ),
            Wait::RateLimited(d) => (d.as_secs_f64(), WaitReason::RateLimited, None, None),
            Wait::Retrying {
                after,
                attempt,
                reason,
            } => (
                after.as_secs_f64(),
                WaitReason::Retry,
                None,
                Some(format!("try {attempt}: {reason}")),
            ),
        };
        SyncEvent::Waiting {
            stream,
            seconds,
            reason,
            budget,
            detail,
        }
    }
}

/// Why a stream re-reads from the start once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackFill {
    /// The ticket events were read without their comments: read again with them, for the
    /// public replies.
    CommentEvents,
}

impl BackFill {
    /// How progress says it.
    pub fn words(self) -> &'static str {
        match self {
            BackFill::CommentEvents => "back-filling the public comments, from the start once",
        }
    }
}

/// The time left of a stream whose records come oldest first, from where it started
/// towards now: the share of that way already covered, at the speed so far.
pub(crate) struct Eta {
    started: Instant,
    first_reached: Option<i64>,
}

impl Eta {
    pub(crate) fn new() -> Eta {
        Eta {
            started: Instant::now(),
            first_reached: None,
        }
    }

    /// Seconds left once a page `reached` a record time (unix seconds), if it tells.
    pub(crate) fn left(&mut self, reached: Option<i64>, now: i64) -> Option<f64> {
        let reached = reached?;
        let first = *self.first_reached.get_or_insert(reached);
        let (done, total) = ((reached - first) as f64, (now - first) as f64);
        if done <= 0.0 || total <= 0.0 {
            return None;
        }
        let share = (done / total).min(1.0);
        Some(self.started.elapsed().as_secs_f64() * (1.0 - share) / share)
    }
}

/// Every stream a connector reads, named as its checkpoint is stored (`sync_state.stream`),
/// so progress and the stored status of a stream line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncStream {
    AccountSettings,
    Groups,
    Brands,
    TicketFields,
    Schedules,
    Users,
    Organizations,
    Tickets,
    TicketEvents,
    SatisfactionRatings,
    TicketMetricEvents,
    Articles,
    // Freshdesk's own streams; it shares the names above where the data is the same.
    Agents,
    Companies,
    Contacts,
    Products,
    BusinessHours,
    SlaPolicies,
    SpamTickets,
    DeletedTickets,
    Conversations,
    ArchivedTickets,
}

impl SyncStream {
    pub const ALL: [SyncStream; 22] = [
        SyncStream::AccountSettings,
        SyncStream::Groups,
        SyncStream::Brands,
        SyncStream::TicketFields,
        SyncStream::Schedules,
        SyncStream::Users,
        SyncStream::Organizations,
        SyncStream::Tickets,
        SyncStream::TicketEvents,
        SyncStream::SatisfactionRatings,
        SyncStream::TicketMetricEvents,
        SyncStream::Articles,
        SyncStream::Agents,
        SyncStream::Companies,
        SyncStream::Contacts,
        SyncStream::Products,
        SyncStream::BusinessHours,
        SyncStream::SlaPolicies,
        SyncStream::SpamTickets,
        SyncStream::DeletedTickets,
        SyncStream::Conversations,
        SyncStream::ArchivedTickets,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SyncStream::AccountSettings => "account_settings",
            SyncStream::Groups => "groups",
            SyncStream::Brands => "brands",
            SyncStream::TicketFields => "ticket_fields",
            SyncStream::Schedules => "schedules",
            SyncStream::Users => "users",
            SyncStream::Organizations => "organizations",
            SyncStream::Tickets => "tickets",
            SyncStream::TicketEvents => "ticket_events",
            SyncStream::SatisfactionRatings => "satisfaction_ratings",
            SyncStream::TicketMetricEvents => "ticket_metric_events",
            SyncStream::Articles => "articles",
            SyncStream::Agents => "agents",
            SyncStream::Companies => "companies",
            SyncStream::Contacts => "contacts",
            SyncStream::Products => "products",
            SyncStream::BusinessHours => "business_hours",
            SyncStream::SlaPolicies => "sla_policies",
            SyncStream::SpamTickets => "spam_tickets",
            SyncStream::DeletedTickets => "deleted_tickets",
            SyncStream::Conversations => "conversations",
            SyncStream::ArchivedTickets => "archived_tickets",
        }
    }

    /// The stream stored under `name`, if it is one of the list.
    pub fn parse(name: &str) -> Option<SyncStream> {
        SyncStream::ALL.into_iter().find(|s| s.name() == name)
    }
}

impl From<zendesk::Stream> for SyncStream {
    fn from(stream: zendesk::Stream) -> SyncStream {
        match stream {
            zendesk::Stream::AccountSettings => SyncStream::AccountSettings,
            zendesk::Stream::Groups => SyncStream::Groups,
            zendesk::Stream::Brands => SyncStream::Brands,
            zendesk::Stream::TicketFields => SyncStream::TicketFields,
            zendesk::Stream::Schedules => SyncStream::Schedules,
            zendesk::Stream::Users => SyncStream::Users,
            zendesk::Stream::Organizations => SyncStream::Organizations,
            zendesk::Stream::Tickets => SyncStream::Tickets,
            zendesk::Stream::TicketEvents => SyncStream::TicketEvents,
            zendesk::Stream::SatisfactionRatings => SyncStream::SatisfactionRatings,
            zendesk::Stream::TicketMetricEvents => SyncStream::TicketMetricEvents,
            zendesk::Stream::Articles => SyncStream::Articles,
        }
    }
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
    /// Requests (Freshdesk: credits) allowed per window.
    pub limit: u32,
    /// The window's length (a minute for both connectors; Freshdesk's legacy plans an hour).
    pub window_seconds: f64,
}

/// The budget a pacing wait keeps under, for every connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetKind {
    /// Zendesk's account-wide limit (`X-Rate-Limit`).
    Account,
    /// Zendesk's Incremental Exports' own limit.
    IncrementalExports,
    /// Freshdesk's credits per window (`X-RateLimit-Total`).
    AccountCredits,
    /// Freshdesk's tickets list's requests per window.
    TicketsList,
    /// Freshdesk's requests answered at once.
    InFlight,
}

impl From<zendesk::Budget> for WaitBudget {
    fn from(b: zendesk::Budget) -> WaitBudget {
        let kind = match b.kind {
            zendesk::BudgetKind::Account => BudgetKind::Account,
            zendesk::BudgetKind::IncrementalExports => BudgetKind::IncrementalExports,
        };
        WaitBudget {
            kind,
            limit: b.limit,
            window_seconds: b.window.as_secs_f64(),
        }
    }
}

impl From<freshdesk::pacer::Budget> for WaitBudget {
    fn from(b: freshdesk::pacer::Budget) -> WaitBudget {
        use freshdesk::pacer::BudgetKind as Freshdesk;
        let kind = match b.kind {
            Freshdesk::AccountCredits => BudgetKind::AccountCredits,
            Freshdesk::TicketsList => BudgetKind::TicketsList,
            Freshdesk::InFlight => BudgetKind::InFlight,
        };
        WaitBudget {
            kind,
            limit: b.limit,
            window_seconds: b.window.as_secs_f64(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_the_json() {
        for s in SyncStream::ALL {
            assert_eq!(SyncStream::parse(s.name()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.name());
        }
    }

    #[test]
    fn every_zendesk_stream_keeps_its_stored_name() {
        for s in zendesk::Stream::ALL {
            assert_eq!(SyncStream::from(s).name(), s.name());
        }
    }
}
