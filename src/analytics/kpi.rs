//! The KPI catalogue: ids, what population each counts and which value it takes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A KPI of `kpi-definitions.md`. The order of the variants is the order of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KpiId {
    TicketsCreated,
    TicketsSolved,
    TicketsUnsolved,
    FirstReplyTime,
    FullResolutionTime,
    Csat,
}

/// Which records a KPI counts; each is anchored on one timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Population {
    /// Tickets with `created_at` in the period.
    Created,
    /// Tickets solved or closed with `solved_at` in the period.
    Solved,
    /// Tickets new/open/pending/on-hold now, created before the period's end.
    UnsolvedNow,
    /// Ratings scored good or bad, rated (`updated_at`) in the period.
    Rated,
}

/// What a KPI computes over its population.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Count,
    /// Statistics of a duration metric; the base name of its calendar/business columns.
    Duration(&'static str),
    Csat,
}

/// One KPI's definition: adding a KPI is adding a variant and a row here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KpiDef {
    pub population: Population,
    pub measure: Measure,
    /// Whether a rise is good news (for the colour of a delta).
    pub higher_is_better: bool,
}

impl KpiId {
    pub const ALL: [KpiId; 6] = [
        KpiId::TicketsCreated,
        KpiId::TicketsSolved,
        KpiId::TicketsUnsolved,
        KpiId::FirstReplyTime,
        KpiId::FullResolutionTime,
        KpiId::Csat,
    ];

    pub fn def(self) -> KpiDef {
        use Measure::*;
        use Population::*;
        let (population, measure, higher_is_better) = match self {
            KpiId::TicketsCreated => (Created, Count, true),
            KpiId::TicketsSolved => (Solved, Count, true),
            KpiId::TicketsUnsolved => (UnsolvedNow, Count, false),
            KpiId::FirstReplyTime => (Created, Duration("reply_time"), false),
            KpiId::FullResolutionTime => (Solved, Duration("full_resolution_time"), false),
            KpiId::Csat => (Rated, Csat, true),
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
            KpiId::FirstReplyTime => "first_reply_time",
            KpiId::FullResolutionTime => "full_resolution_time",
            KpiId::Csat => "csat",
        }
    }

    pub fn parse(s: &str) -> Result<KpiId, super::AnalyticsError> {
        KpiId::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| super::AnalyticsError::UnknownKpi(s.to_owned()))
    }

    pub fn valid_list() -> String {
        KpiId::ALL.map(KpiId::name).join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
