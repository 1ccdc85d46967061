//! Age bands of the backlog: how long a ticket has waited, in days of 24 hours, since it
//! was created or since its last public reply by an agent.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

const DAY: i64 = 86_400;

/// What a backlog ticket's age is counted from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgeFrom {
    /// The ticket's creation.
    #[default]
    Created,
    /// The ticket's last public reply by an agent before the instant; a ticket without
    /// one is counted apart, in a band of its own.
    LastReply,
}

impl AgeFrom {
    /// The labels of the bands a backlog by this age is split into, in order.
    pub fn band_labels(self) -> Vec<String> {
        let mut labels: Vec<String> = AgeBand::ALL.iter().map(|b| b.label().to_owned()).collect();
        if self == AgeFrom::LastReply {
            labels.push(NO_REPLY.to_owned());
        }
        labels
    }
}

/// The label of the band of backlog tickets without a public agent reply yet.
pub const NO_REPLY: &str = "no reply";

/// Bands a backlog count holds: the five age bands, then "no public agent reply yet"
/// (always zero for an age since creation).
pub const COUNTED_BANDS: usize = 6;

/// The index of the "no public agent reply yet" band in a count.
pub const NO_REPLY_BAND: usize = 5;

/// An age band, lower bound inclusive: `< 1 day`, `1–3`, `3–7`, `7–30`, `> 30 days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    UnderOneDay,
    OneToThreeDays,
    ThreeToSevenDays,
    SevenToThirtyDays,
    OverThirtyDays,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::UnderOneDay,
        AgeBand::OneToThreeDays,
        AgeBand::ThreeToSevenDays,
        AgeBand::SevenToThirtyDays,
        AgeBand::OverThirtyDays,
    ];

    /// Ages (seconds) at which a ticket moves into the next band.
    pub const LIMITS: [i64; 4] = [DAY, 3 * DAY, 7 * DAY, 30 * DAY];

    /// The band of an age in seconds; a negative age (a clock skew) is the first band.
    pub fn of(age: i64) -> AgeBand {
        let band = Self::LIMITS.partition_point(|&limit| limit <= age);
        AgeBand::ALL[band]
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeBand::UnderOneDay => "<1d",
            AgeBand::OneToThreeDays => "1-3d",
            AgeBand::ThreeToSevenDays => "3-7d",
            AgeBand::SevenToThirtyDays => "7-30d",
            AgeBand::OverThirtyDays => ">30d",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_include_their_lower_bound() {
        assert_eq!(AgeBand::of(-5), AgeBand::UnderOneDay);
        assert_eq!(AgeBand::of(DAY - 1), AgeBand::UnderOneDay);
        assert_eq!(AgeBand::of(DAY), AgeBand::OneToThreeDays);
        assert_eq!(AgeBand::of(7 * DAY), AgeBand::SevenToThirtyDays);
        assert_eq!(AgeBand::of(30 * DAY), AgeBand::OverThirtyDays);
    }
}
