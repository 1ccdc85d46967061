//! The KPI catalogue: ids, what population each counts and which value it takes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::AnalyticsError;

/// A KPI of `kpi-definitions.md`. The order of the variants is the order of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KpiId {
    TicketsCreated,
    TicketsSolved,
    TicketsUnsolved,
    Backlog,
    ResolutionRate,
    FirstReplyTime,
    FirstResolutionTime,
    FullResolutionTime,
    RequesterWaitTime,
    AgentWaitTime,
    OnHoldTime,
    RepliesPerSolved,
    OneTouchRate,
    ZeroTouchRate,
    ReopenRate,
    Csat,
    CsatResponseRate,
    SlaAchievement,
}

/// Which records a KPI counts; each is anchored on one timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Population {
    /// Tickets with `created_at` in the period.
    Created,
    /// Tickets solved or closed with `solved_at` in the period.
    Solved,
    /// Tickets new/open/pending/on-hold now, created before the period's end.
    UnsolvedNow,
    /// Tickets open at the period's end, judged by their current status.
    Backlog,
    /// Ratings scored good or bad, rated (`updated_at`) in the period.
    Rated,
    /// Ratings good, bad or offered, offered (`created_at`) in the period.
    Offered,
    /// SLA instances whose outcome (breach or fulfilment) falls in the period.
    SlaOutcome,
}

/// What a KPI computes over its population.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Count,
    /// Statistics of a duration metric; the base name of its calendar/business columns.
    Duration(&'static str),
    /// The share of the population that is solved or closed now.
    SolvedShare,
    /// Over tickets whose `replies` is set: their mean.
    MeanReplies,
    /// Over tickets whose `replies` is set: the share with exactly this many.
    RepliesShare(i64),
    /// Over tickets whose `reopens` is set: the share reopened at least once.
    ReopenedShare,
    Csat,
    /// (good + bad) / (good + bad + offered).
    ResponseRate,
    /// achieved / (achieved + breached), also per metric.
    Sla,
}

impl Measure {
    /// Whether the value is a share in [0, 1], whose change reads in percentage points.
    pub fn is_share(self) -> bool {
        !matches!(
            self,
            Measure::Count | Measure::Duration(_) | Measure::MeanReplies
        )
    }
}

/// One KPI's definition: adding a KPI is adding a variant and a row here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KpiDef {
    pub population: Population,
    pub measure: Measure,
    /// Whether a rise is good news (for the colour of a delta and a target's direction).
    pub higher_is_better: bool,
}

impl KpiId {
    /// Whether the KPI reads a status as it is now, so its value for an older period keeps
    /// changing as time passes and a period-over-period change compares tickets that had
    /// different time to move on: unsolved tickets and the backlog (statuses now), the
    /// resolution rate (solved now, of the tickets created then) and the CSAT response
    /// rate (surveys still "offered" now can be answered later).
    pub fn depends_on_now(self) -> bool {
        matches!(
            self,
            KpiId::TicketsUnsolved
                | KpiId::Backlog
                | KpiId::ResolutionRate
                | KpiId::CsatResponseRate
        )
    }
}

impl KpiId {
    pub const ALL: [KpiId; 18] = [
        KpiId::TicketsCreated,
        KpiId::TicketsSolved,
        KpiId::TicketsUnsolved,
        KpiId::Backlog,
        KpiId::ResolutionRate,
        KpiId::FirstReplyTime,
        KpiId::FirstResolutionTime,
        KpiId::FullResolutionTime,
        KpiId::RequesterWaitTime,
        KpiId::AgentWaitTime,
        KpiId::OnHoldTime,
        KpiId::RepliesPerSolved,
        KpiId::OneTouchRate,
        KpiId::ZeroTouchRate,
        KpiId::ReopenRate,
        KpiId::Csat,
        KpiId::CsatResponseRate,
        KpiId::SlaAchievement,
    ];

    pub fn def(self) -> KpiDef {
        use Measure::*;
        use Population::*;
        let (population, measure, higher_is_better) = match self {
            KpiId::TicketsCreated => (Created, Count, true),
            KpiId::TicketsSolved => (Solved, Count, true),
            KpiId::TicketsUnsolved => (UnsolvedNow, Count, false),
            KpiId::Backlog => (Population::Backlog, Count, false),
            KpiId::ResolutionRate => (Created, SolvedShare, true),
            KpiId::FirstReplyTime => (Created, Duration("reply_time"), false),
            KpiId::FirstResolutionTime => (Solved, Duration("first_resolution_time"), false),
            KpiId::FullResolutionTime => (Solved, Duration("full_resolution_time"), false),
            KpiId::RequesterWaitTime => (Solved, Duration("requester_wait_time"), false),
            KpiId::AgentWaitTime => (Solved, Duration("agent_wait_time"), false),
            KpiId::OnHoldTime => (Solved, Duration("on_hold_time"), false),
            KpiId::RepliesPerSolved => (Solved, MeanReplies, false),
            KpiId::OneTouchRate => (Solved, RepliesShare(1), true),
            KpiId::ZeroTouchRate => (Solved, RepliesShare(0), true),
            KpiId::ReopenRate => (Solved, ReopenedShare, false),
            KpiId::Csat => (Rated, Measure::Csat, true),
            KpiId::CsatResponseRate => (Offered, ResponseRate, true),
            KpiId::SlaAchievement => (SlaOutcome, Sla, true),
        };
        KpiDef {
            population,
            measure,
            higher_is_better,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KpiId::TicketsCreated => "tickets_created",
            KpiId::TicketsSolved => "tickets_solved",
            KpiId::TicketsUnsolved => "tickets_unsolved",
            KpiId::Backlog => "backlog",
            KpiId::ResolutionRate => "resolution_rate",
            KpiId::FirstReplyTime => "first_reply_time",
            KpiId::FirstResolutionTime => "first_resolution_time",
            KpiId::FullResolutionTime => "full_resolution_time",
            KpiId::RequesterWaitTime => "requester_wait_time",
            KpiId::AgentWaitTime => "agent_wait_time",
            KpiId::OnHoldTime => "on_hold_time",
            KpiId::RepliesPerSolved => "replies_per_solved",
            KpiId::OneTouchRate => "one_touch_rate",
            KpiId::ZeroTouchRate => "zero_touch_rate",
            KpiId::ReopenRate => "reopen_rate",
            KpiId::Csat => "csat",
            KpiId::CsatResponseRate => "csat_response_rate",
            KpiId::SlaAchievement => "sla_achievement",
        }
    }

    pub fn parse(s: &str) -> Result<KpiId, AnalyticsError> {
        KpiId::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| AnalyticsError::UnknownKpi {
                name: s.to_owned(),
                valid: KpiId::valid_list(),
            })
    }

    pub fn valid_list() -> String {
        KpiId::ALL.map(KpiId::name).join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_now_dependent_kpis() {
        let shares: Vec<KpiId> = KpiId::ALL
            .into_iter()
            .filter(|k| k.def().measure.is_share())
            .collect();
        assert_eq!(
            shares,
            [
                KpiId::ResolutionRate,
                KpiId::OneTouchRate,
                KpiId::ZeroTouchRate,
                KpiId::ReopenRate,
                KpiId::Csat,
                KpiId::CsatResponseRate,
                KpiId::SlaAchievement
            ],
            "replies per solved ticket is a mean, not a share"
        );
        let now: Vec<KpiId> = KpiId::ALL
            .into_iter()
            .filter(|k| k.depends_on_now())
            .collect();
        assert_eq!(
            now,
            [
                KpiId::TicketsUnsolved,
                KpiId::Backlog,
                KpiId::ResolutionRate,
                KpiId::CsatResponseRate
            ]
        );
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        for kpi in KpiId::ALL {
            assert_eq!(KpiId::parse(kpi.name()).unwrap(), kpi);
            assert_eq!(serde_json::to_value(kpi).unwrap(), kpi.name());
        }
        let err = KpiId::parse("nps").unwrap_err().to_string();
        assert!(
            err.contains("tickets_created") && err.contains("csat"),
            "{err}"
        );
    }
}

/// Which half of Zendesk's `{calendar, business}` metric objects durations come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Hours {
    #[default]
    Calendar,
    Business,
}

impl Hours {
    pub fn parse(s: &str) -> Option<Hours> {
        match s {
            "calendar" => Some(Hours::Calendar),
            "business" => Some(Hours::Business),
            _ => None,
        }
    }

    /// The store column of a duration metric in these hours.
    pub fn column(self, metric: &str) -> String {
        match self {
            Hours::Calendar => format!("{metric}_calendar"),
            Hours::Business => format!("{metric}_business"),
        }
    }
}
