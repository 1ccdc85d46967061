//! Staffing with Erlang C: how many agents answer a stream of contacts within a
//! service-level target without passing an occupancy cap, and how many to schedule
//! once shrinkage (breaks, training, absence) takes its share. Per hour for a what-if,
//! and per weekday × hour from an hourly arrivals forecast.
//!
//! Assumes Erlang C's queue: Poisson arrivals, exponential handle times, contacts that
//! wait as long as it takes. E-mail answered within hours is not such a queue and is
//! not modelled here.

pub mod erlang;
mod error;
pub mod week;

use serde::Serialize;
use ts_rs::TS;

pub use error::StaffingError;

/// The answer target: `percent` of contacts answered within `seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ServiceTarget {
    pub percent: f64,
    pub seconds: f64,
}

impl ServiceTarget {
    /// Parses `PERCENT/SECONDS`, e.g. `80/60`.
    pub fn parse(text: &str) -> Result<ServiceTarget, StaffingError> {
        let bad = || StaffingError::TargetFormat(text.to_owned());
        let (percent, seconds) = text.split_once('/').ok_or_else(bad)?;
        let percent: f64 = percent
            .trim()
            .trim_end_matches('%')
            .parse()
            .map_err(|_| bad())?;
        let seconds: f64 = seconds
            .trim()
            .trim_end_matches('s')
            .parse()
            .map_err(|_| bad())?;
        ServiceTarget { percent, seconds }.checked()
    }

    /// `percent` within `seconds`, checked.
    pub fn new(percent: f64, seconds: f64) -> Result<ServiceTarget, StaffingError> {
        ServiceTarget { percent, seconds }.checked()
    }

    fn checked(self) -> Result<ServiceTarget, StaffingError> {
        if !(self.percent > 0.0 && self.percent <= 100.0) {
            return Err(StaffingError::TargetPercent(self.percent));
        }
        if !(self.seconds >= 0.0 && self.seconds.is_finite()) {
            return Err(StaffingError::TargetSeconds(self.seconds));
        }
        Ok(self)
    }
}

/// What every staffing answer takes besides the arrivals, checked once by `new`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct StaffingInputs {
    /// Average handle time per contact, in seconds.
    pub aht_seconds: f64,
    pub target: ServiceTarget,
    /// The share of paid time agents are not available to answer, in [0, 1).
    pub shrinkage: f64,
    /// The highest share of their available time agents may spend answering, in (0, 1].
    pub max_occupancy: f64,
}

impl StaffingInputs {
    pub fn new(
        aht_seconds: f64,
        target: ServiceTarget,
        shrinkage: f64,
        max_occupancy: f64,
    ) -> Result<StaffingInputs, StaffingError> {
        if !(aht_seconds > 0.0 && aht_seconds.is_finite()) {
            return Err(StaffingError::Aht(aht_seconds));
        }
        if !(0.0..1.0).contains(&shrinkage) {
            return Err(StaffingError::Shrinkage(shrinkage));
        }
        if !(max_occupancy > 0.0 && max_occupancy <= 1.0) {
            return Err(StaffingError::Occupancy(max_occupancy));
        }
        Ok(StaffingInputs {
            aht_seconds,
            target: target.checked()?,
            shrinkage,
            max_occupancy,
        })
    }
}

/// The agents one hour's arrivals need, and how that staffing performs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Requirement {
    pub arrivals_per_hour: f64,
    /// The offered load in Erlangs: arrivals per hour × AHT / 3600.
    pub traffic: f64,
    /// The fewest agents answering that meet the target and the occupancy cap.
    pub agents: u32,
    /// `agents / (1 − shrinkage)`, rounded up: the agents to schedule.
    pub agents_with_shrinkage: u32,
    /// The share answered within the target's seconds with `agents`.
    pub service_level: f64,
    pub probability_of_wait: f64,
    /// Average speed of answer, in seconds.
    pub average_speed_of_answer: f64,
    /// The share of the agents' time spent answering: traffic / agents.
    pub occupancy: f64,
}

/// The requirement of `arrivals_per_hour` contacts an hour.
pub fn requirement(
    arrivals_per_hour: f64,
    inputs: &StaffingInputs,
) -> Result<Requirement, StaffingError> {
    if !(arrivals_per_hour >= 0.0 && arrivals_per_hour.is_finite()) {
        return Err(StaffingError::Arrivals(arrivals_per_hour));
    }
    let traffic = arrivals_per_hour * inputs.aht_seconds / 3600.0;
    if traffic == 0.0 {
        return Ok(Requirement {
            arrivals_per_hour,
            traffic,
            agents: 0,
            agents_with_shrinkage: 0,
            service_level: 1.0,
            probability_of_wait: 0.0,
            average_speed_of_answer: 0.0,
            occupancy: 0.0,
        });
    }
    let agents = fewest_agents(traffic, inputs)?;
    let wait = erlang::probability_of_wait(traffic, agents);
    Ok(Requirement {
        arrivals_per_hour,
        traffic,
        agents,
        agents_with_shrinkage: with_shrinkage(agents, inputs.shrinkage),
        service_level: erlang::service_level(
            traffic,
            agents,
            inputs.target.seconds,
            inputs.aht_seconds,
        ),
        probability_of_wait: wait,
        average_speed_of_answer: erlang::average_speed_of_answer(
            traffic,
            agents,
            inputs.aht_seconds,
        ),
        occupancy: traffic / f64::from(agents),
    })
}

/// The fewest agents above the load, within the occupancy cap, that meet the target;
/// searched upwards with Erlang B carried from one count to the next.
fn fewest_agents(traffic: f64, inputs: &StaffingInputs) -> Result<u32, StaffingError> {
    let wanted = inputs.target.percent / 100.0;
    let least = (traffic / inputs.max_occupancy)
        .ceil()
        .max(traffic.floor() + 1.0);
    // The service level reaches any target below 100% within a few square roots of
    // the load past it; this bound only keeps a loop finite.
    let most = least + 50.0 * traffic.sqrt() + 1_000.0;
    if most > f64::from(u32::MAX) {
        return Err(StaffingError::TooLarge(traffic));
    }
    let (least, most) = (least as u32, most as u32);
    let (target, aht) = (inputs.target.seconds, inputs.aht_seconds);
    let mut b = 1.0;
    for n in 1..=most {
        b = erlang::next_b(traffic, n, b);
        if n < least {
            continue;
        }
        let wait = erlang::wait_from_b(traffic, n, b);
        if erlang::level_from_wait(traffic, n, wait, target, aht) >= wanted - 1e-12 {
            return Ok(n);
        }
    }
    Err(StaffingError::Unreachable(inputs.target.percent))
}

/// Agents to schedule so that `agents` are answering after shrinkage.
fn with_shrinkage(agents: u32, shrinkage: f64) -> u32 {
    // A hair below the exact quotient so that 10 / 0.8 stays 13 and not 13 + float noise.
    (f64::from(agents) / (1.0 - shrinkage) - 1e-9).ceil() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(target: &str, shrinkage: f64, max_occupancy: f64) -> StaffingInputs {
        StaffingInputs::new(
            180.0,
            ServiceTarget::parse(target).unwrap(),
            shrinkage,
            max_occupancy,
        )
        .unwrap()
    }

    #[test]
    fn the_fewest_agents_meet_the_target_as_the_tables_show() {
        // A = 10 (200 an hour × 180 s): 13 agents give 79.6% in 20 s, 14 give 88.8%.
        let need = requirement(200.0, &inputs("80/20", 0.0, 1.0)).unwrap();
        assert_eq!((need.traffic, need.agents), (10.0, 14));
        assert_eq!((need.service_level * 1000.0).round(), 888.0);
        assert_eq!(
            requirement(200.0, &inputs("79/20", 0.0, 1.0))
                .unwrap()
                .agents,
            13
        );
    }

    #[test]
    fn the_occupancy_cap_and_shrinkage_add_agents() {
        // 10 Erlangs at most 60% occupied: 17 agents, 58.8%.
        let capped = requirement(200.0, &inputs("80/20", 0.0, 0.6)).unwrap();
        assert_eq!(capped.agents, 17);
        assert!(capped.occupancy <= 0.6);
        // 14 / (1 − 0.3) = 20 exactly, not 21.
        let shrunk = requirement(200.0, &inputs("80/20", 0.3, 1.0)).unwrap();
        assert_eq!((shrunk.agents, shrunk.agents_with_shrinkage), (14, 20));
    }

    #[test]
    fn no_arrivals_need_no_agents() {
        let need = requirement(0.0, &inputs("80/20", 0.3, 0.85)).unwrap();
        assert_eq!((need.agents, need.agents_with_shrinkage), (0, 0));
        assert_eq!(need.service_level, 1.0);
    }

    #[test]
    fn a_large_load_is_staffed_without_overflow() {
        let need = requirement(100_000.0, &inputs("80/20", 0.0, 1.0)).unwrap();
        assert!(
            need.agents > 5_000 && need.agents < 5_100,
            "{}",
            need.agents
        );
    }

    #[test]
    fn bad_input_is_refused_with_one_line_each() {
        let target = ServiceTarget {
            percent: 80.0,
            seconds: 20.0,
        };
        let refused = [
            StaffingInputs::new(0.0, target, 0.3, 0.85).unwrap_err(),
            StaffingInputs::new(-5.0, target, 0.3, 0.85).unwrap_err(),
            StaffingInputs::new(180.0, target, 1.0, 0.85).unwrap_err(),
            StaffingInputs::new(180.0, target, -0.1, 0.85).unwrap_err(),
            StaffingInputs::new(180.0, target, 0.3, 0.0).unwrap_err(),
            StaffingInputs::new(180.0, target, 0.3, 1.2).unwrap_err(),
            ServiceTarget::parse("120/20").unwrap_err(),
            ServiceTarget::parse("0/20").unwrap_err(),
            ServiceTarget::parse("80").unwrap_err(),
            ServiceTarget::parse("80/-1").unwrap_err(),
            requirement(-1.0, &inputs("80/20", 0.0, 1.0)).unwrap_err(),
        ];
        let expected = [
            "handle time",
            "handle time",
            "shrinkage",
            "shrinkage",
            "occupancy",
            "occupancy",
            "target",
            "target",
            "PERCENT/SECONDS",
            "seconds",
            "arrivals",
        ];
        for (err, word) in refused.iter().zip(expected) {
            let line = err.to_string();
            assert!(line.contains(word) && !line.contains('\n'), "{line}");
        }
    }
}
