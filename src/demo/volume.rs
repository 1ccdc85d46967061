//! When tickets arrive: weekday and hour-of-day patterns, seasonality, growth and a few
//! incident spikes.

use rand::Rng;

use super::calendar::{civil_from_days, weekday, DAY, HOUR};
use super::sample::{chance, lognormal, weighted, Cumulative, DemoRng};
use super::topics::Topic;

/// Relative volume Monday … Sunday: weekends run at about a third of a weekday.
const WEEKDAY: [f64; 7] = [1.0, 1.04, 1.0, 0.97, 0.9, 0.36, 0.33];
/// Relative volume January … December: holiday-season peak, summer dip.
const SEASON: [f64; 12] = [
    1.0, 0.97, 1.0, 0.96, 0.95, 0.88, 0.8, 0.83, 1.0, 1.05, 1.25, 1.32,
];
/// Volume grows by this share over the whole span.
const GROWTH: f64 = 0.35;
/// Customer activity by local hour, working days and weekends.
const HOURS_WORKDAY: [f64; 24] = [
    0.15, 0.1, 0.08, 0.07, 0.08, 0.12, 0.25, 0.5, 0.85, 1.15, 1.25, 1.2, 0.95, 1.05, 1.15, 1.1,
    1.0, 0.85, 0.6, 0.45, 0.4, 0.35, 0.3, 0.22,
];
const HOURS_WEEKEND: [f64; 24] = [
    0.3, 0.2, 0.15, 0.1, 0.1, 0.12, 0.2, 0.35, 0.55, 0.75, 0.9, 0.95, 0.9, 0.9, 0.9, 0.85, 0.8,
    0.75, 0.7, 0.65, 0.6, 0.55, 0.45, 0.35,
];
/// Where each language's customers live, as hours east of UTC.
const UTC_OFFSET: [i64; 3] = [-3, 9, 3];
/// Ticket language mix: English, Korean, Russian.
pub(super) const LANG_MIX: [f64; 3] = [0.6, 0.25, 0.15];

/// A spike of tickets about one issue: `multiplier` × the usual volume on its first day,
/// half that excess on the next.
#[derive(Debug, Clone, Copy)]
pub(super) struct Incident {
    pub day: i64,
    pub start: i64,
    pub topic: Topic,
    pub multiplier: f64,
}

/// A ticket's arrival, before ids are assigned in creation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Arrival {
    pub created_at: i64,
    pub lang: u8,
    /// Index + 1 of the incident this ticket is about; 0 for everyday tickets.
    pub incident: u8,
}

pub(super) struct Volume {
    pub start: i64,
    pub now: i64,
    first_day: i64,
    days: Cumulative,
    pub incidents: Vec<Incident>,
}

impl Volume {
    pub(super) fn new(rng: &mut DemoRng, start: i64, now: i64) -> Volume {
        let first_day = start.div_euclid(DAY);
        let last_day = now.div_euclid(DAY);
        let span = (last_day - first_day).max(1) as f64;
        let incidents = place_incidents(rng, first_day, last_day);
        let weights: Vec<f64> = (first_day..=last_day)
            .map(|day| {
                let from = (day * DAY).max(start);
                let to = ((day + 1) * DAY).min(now);
                let coverage = (to - from).max(0) as f64 / DAY as f64;
                let noise = lognormal(rng, 1.0, 0.08);
                day_weight(day, (day - first_day) as f64 / span)
                    * noise
                    * coverage
                    * incident_boost(&incidents, day)
            })
            .collect();
        Volume {
            start,
            now,
            first_day,
            days: Cumulative::new(weights),
            incidents,
        }
    }

    /// Draws every arrival, sorted by time, so ticket ids follow creation order.
    pub(super) fn arrivals(&self, rng: &mut DemoRng, count: usize) -> Vec<Arrival> {
        let mut all: Vec<Arrival> = (0..count).map(|_| self.arrival(rng)).collect();
        all.sort_unstable();
        all
    }

    fn arrival(&self, rng: &mut DemoRng) -> Arrival {
        let lang = weighted(rng, &LANG_MIX);
        for _ in 0..32 {
            let day = self.first_day + self.days.draw(rng) as i64;
            let mut incident = 0;
            let created_at = match self.incident_on(day) {
                Some((i, inc)) if inc.day == day && chance(rng, share(inc.multiplier)) => {
                    incident = i as u8 + 1;
                    inc.start + lognormal(rng, 2.5 * HOUR as f64, 0.8) as i64
                }
                Some((i, inc)) if chance(rng, share(aftershock(inc.multiplier))) => {
                    incident = i as u8 + 1;
                    self.everyday_time(rng, day, lang)
                }
                _ => self.everyday_time(rng, day, lang),
            };
            if (self.start..=self.now).contains(&created_at) && created_at < (day + 1) * DAY {
                return Arrival {
                    created_at,
                    lang: lang as u8,
                    incident,
                };
            }
        }
        // Only reachable for spans of a few hours; keep the draw inside the span.
        let created_at = rng.gen_range(self.start..=self.now);
        Arrival {
            created_at,
            lang: lang as u8,
            incident: 0,
        }
    }

    fn everyday_time(&self, rng: &mut DemoRng, day: i64, lang: usize) -> i64 {
        let curve = if weekday(day) >= 5 {
            &HOURS_WEEKEND
        } else {
            &HOURS_WORKDAY
        };
        let local_hour = weighted(rng, curve) as i64;
        let utc_hour = (local_hour - UTC_OFFSET[lang]).rem_euclid(24);
        day * DAY + utc_hour * HOUR + rng.gen_range(0..HOUR)
    }

    /// The incident running on `day` (its first or second day), if any.
    pub(super) fn incident_on(&self, day: i64) -> Option<(usize, Incident)> {
        self.incidents
            .iter()
            .copied()
            .enumerate()
            .find(|(_, inc)| day == inc.day || day == inc.day + 1)
    }
}

/// Volume multiplier on the day after a spike: half the excess.
fn aftershock(multiplier: f64) -> f64 {
    1.0 + (multiplier - 1.0) / 2.0
}

/// Share of a spike day's tickets that are about the incident.
fn share(multiplier: f64) -> f64 {
    (multiplier - 1.0) / multiplier
}

/// Everyday volume of a day: weekday × season × growth, with quiet public holidays.
pub(super) fn day_weight(day: i64, progress: f64) -> f64 {
    let (_, month, dom) = civil_from_days(day);
    let holiday = matches!((month, dom), (12, 25) | (1, 1) | (12, 31));
    WEEKDAY[weekday(day) as usize]
        * SEASON[month as usize - 1]
        * (1.0 + GROWTH * progress)
        * if holiday { 0.35 } else { 1.0 }
}

fn incident_boost(incidents: &[Incident], day: i64) -> f64 {
    incidents.iter().fold(1.0, |boost, inc| {
        if day == inc.day {
            boost * inc.multiplier
        } else if day == inc.day + 1 {
            boost * aftershock(inc.multiplier)
        } else {
            boost
        }
    })
}

/// Three spikes spread over the span, each on a weekday: a login outage, a billing run
/// that charged twice, and an app release that crashes.
fn place_incidents(rng: &mut DemoRng, first_day: i64, last_day: i64) -> Vec<Incident> {
    let span = last_day - first_day;
    if span < 14 {
        return Vec::new();
    }
    let plan = [
        (Topic::LoginOutage, 0.25, 4.0),
        (Topic::DoubleCharge, 0.55, 3.5),
        (Topic::AppCrash, 0.8, 3.0),
    ];
    plan.iter()
        .map(|&(topic, at, multiplier)| {
            let mut day = first_day + ((at + rng.gen::<f64>() * 0.12) * span as f64) as i64;
            while weekday(day) >= 4 {
                day += 1; // not on Friday or a weekend, so the next day is a weekday too
            }
            let day = day.min(last_day - 2);
            let start = day * DAY + rng.gen_range(7..13) * HOUR + rng.gen_range(0..HOUR);
            Incident {
                day,
                start,
                topic,
                multiplier,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::calendar::days_from_civil;
    use crate::demo::sample::stream;

    #[test]
    fn weekends_run_at_about_a_third_of_weekdays() {
        let monday = days_from_civil(2025, 6, 2);
        let weekdays: f64 = (0..5).map(|d| day_weight(monday + d, 0.5)).sum::<f64>() / 5.0;
        let weekend: f64 = (5..7).map(|d| day_weight(monday + d, 0.5)).sum::<f64>() / 2.0;
        let ratio = weekend / weekdays;
        assert!((0.3..0.4).contains(&ratio), "weekend/weekday = {ratio}");
    }

    #[test]
    fn holiday_season_beats_summer_and_volume_grows() {
        let november = days_from_civil(2024, 11, 13);
        let july = days_from_civil(2024, 7, 10);
        assert!(day_weight(november, 0.5) > 1.3 * day_weight(july, 0.5));
        assert!(day_weight(july, 1.0) > day_weight(july, 0.0) * 1.3);
    }

    #[test]
    fn arrivals_stay_in_span_and_spike_on_incident_days() {
        let now = days_from_civil(2025, 6, 30) * DAY + 12 * HOUR;
        let start = now - 365 * DAY;
        let mut rng = stream(5, 1);
        let volume = Volume::new(&mut rng, start, now);
        let arrivals = volume.arrivals(&mut rng, 40_000);
        assert!(arrivals.windows(2).all(|w| w[0] <= w[1]), "sorted by time");
        assert!(arrivals
            .iter()
            .all(|a| (start..=now).contains(&a.created_at)));
        assert_eq!(volume.incidents.len(), 3);
        let per_day = |day: i64| {
            arrivals
                .iter()
                .filter(|a| a.created_at.div_euclid(DAY) == day)
                .count()
        };
        for inc in &volume.incidents {
            let spike = per_day(inc.day) as f64;
            let week_before = per_day(inc.day - 7) as f64;
            assert!(
                spike > 2.5 * week_before,
                "{:?}: {spike} vs {week_before}",
                inc.topic
            );
        }
    }
}
