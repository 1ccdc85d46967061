//! How a KPI's value compares with an earlier one: the change a reader should see
//! (relative for counts, durations and means, in percentage points for shares) and
//! whether it stands out of the noise, so a screen colours only changes that mean
//! something.

use serde::Serialize;
use ts_rs::TS;

use super::kpi::{KpiId, Measure};
use super::stats::{wilson, Interval, WILSON_Z};
use super::value::KpiValue;

/// What a change's number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeUnit {
    /// (now − before) / before: 0.12 is +12%.
    Relative,
    /// now − before of two shares: −0.022 is −2.2 percentage points.
    Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct KpiChange {
    pub value: f64,
    pub unit: ChangeUnit,
    /// Whether the change is larger than chance alone would make it: neither value is a
    /// small sample and their 95% intervals say they differ (see `is_clear`).
    pub clear: bool,
}

/// The change of `kpi` from `before` to `now`; `None` when either has no value, or for
/// a relative change from 0.
pub fn change(kpi: KpiId, now: &KpiValue, before: &KpiValue) -> Option<KpiChange> {
    let (a, b) = (now.headline()?, before.headline()?);
    let (value, unit) = if kpi.def().measure.is_share() {
        (a - b, ChangeUnit::Points)
    } else if b != 0.0 {
        ((a - b) / b, ChangeUnit::Relative)
    } else {
        return None;
    };
    Some(KpiChange {
        value,
        unit,
        clear: is_clear(kpi, now, before),
    })
}

/// Whether two values differ beyond noise. A small sample never does. Shares: Newcombe's
/// interval of the difference (from the two Wilson intervals) excludes 0. Counts: the
/// difference exceeds z·√(a + b), the spread of the difference of two Poisson counts.
/// Durations: the medians' distribution-free intervals do not overlap (cautious: it
/// misses some real changes rather than colour chance). A mean of replies has no spread
/// kept, so only its sample size is checked.
fn is_clear(kpi: KpiId, now: &KpiValue, before: &KpiValue) -> bool {
    if now.small_sample() || before.small_sample() {
        return false;
    }
    if kpi.def().measure == Measure::MeanReplies {
        return true;
    }
    match (now, before) {
        (KpiValue::Duration(a), KpiValue::Duration(b)) => {
            match (a.median_interval, b.median_interval) {
                (Some(a), Some(b)) => a.high < b.low || b.high < a.low,
                _ => false,
            }
        }
        (KpiValue::Count(_) | KpiValue::Backlog(_), _) => {
            let (a, b) = (now.sample_size() as f64, before.sample_size() as f64);
            (a - b).abs() > WILSON_Z * (a + b).sqrt()
        }
        _ => match (share_interval(now), share_interval(before)) {
            (Some((p1, i1)), Some((p2, i2))) => {
                let d = p1 - p2;
                let low = d - ((p1 - i1.low).powi(2) + (i2.high - p2).powi(2)).sqrt();
                let high = d + ((i1.high - p1).powi(2) + (p2 - i2.low).powi(2)).sqrt();
                low > 0.0 || high < 0.0
            }
            _ => false,
        },
    }
}

/// A share's value with its Wilson 95% interval.
pub fn share_interval(value: &KpiValue) -> Option<(f64, Interval)> {
    let p = value.headline()?;
    let interval = match value {
        KpiValue::Csat(c) => Interval {
            low: c.ci_low?,
            high: c.ci_high?,
        },
        _ => {
            let n = value.sample_size();
            wilson((p * n as f64).round() as u64, n)?
        }
    };
    Some((p, interval))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::engine::stats::{csat_stats, duration_stats};
    use crate::analytics::engine::value::{CountValue, RateValue};

    fn count(value: u64) -> KpiValue {
        KpiValue::Count(CountValue { value })
    }

    #[test]
    fn shares_change_in_points_and_counts_relatively() {
        let c = change(
            KpiId::Csat,
            &KpiValue::Csat(csat_stats(836, 164)),
            &KpiValue::Csat(csat_stats(858, 142)),
        )
        .unwrap();
        assert_eq!(c.unit, ChangeUnit::Points);
        assert!(
            (c.value + 0.022).abs() < 1e-12,
            "85.8% → 83.6% is −2.2 pp: {c:?}"
        );
        let c = change(KpiId::TicketsCreated, &count(1234), &count(1100)).unwrap();
        assert_eq!(c.unit, ChangeUnit::Relative);
        assert!((c.value - 134.0 / 1100.0).abs() < 1e-12);
        assert_eq!(change(KpiId::TicketsCreated, &count(5), &count(0)), None);
    }

    #[test]
    fn a_share_change_is_clear_only_when_its_interval_excludes_zero() {
        // 858 vs 836 of 1,000: Wilson half-widths ≈ 2.2 and 2.3 points, so Newcombe's
        // interval of the −2.2 pp difference is about −5.4 to +1.0 pp: noise.
        let before = KpiValue::Csat(csat_stats(858, 142));
        let c = change(KpiId::Csat, &KpiValue::Csat(csat_stats(836, 164)), &before);
        assert!(!c.unwrap().clear);
        // 858 vs 700 of 1,000: −15.8 pp, far outside the noise.
        let c = change(KpiId::Csat, &KpiValue::Csat(csat_stats(700, 300)), &before);
        assert!(c.unwrap().clear);
        // The same for a rate, from its value and n.
        let rate = |hits, n| KpiValue::Rate(RateValue::share(hits, n));
        let c = change(KpiId::OneTouchRate, &rate(300, 1000), &rate(400, 1000));
        assert!(c.unwrap().clear);
    }

    #[test]
    fn a_small_sample_is_never_clear() {
        // 2 of 8 against 270 of 300: a huge difference, but on 8 ratings.
        let c = change(
            KpiId::Csat,
            &KpiValue::Csat(csat_stats(2, 6)),
            &KpiValue::Csat(csat_stats(270, 30)),
        );
        assert!(!c.unwrap().clear);
    }

    #[test]
    fn counts_use_the_poisson_spread() {
        // 1,234 vs 1,100: 134 > 1.96·√2334 ≈ 94.7.
        assert!(
            change(KpiId::TicketsCreated, &count(1234), &count(1100))
                .unwrap()
                .clear
        );
        // 110 vs 100: 10 < 1.96·√210 ≈ 28.4.
        assert!(
            !change(KpiId::TicketsCreated, &count(110), &count(100))
                .unwrap()
                .clear
        );
    }

    #[test]
    fn durations_compare_their_median_intervals() {
        let minutes = |from: u32| -> KpiValue {
            let mut v: Vec<f64> = (from..from + 100).map(f64::from).collect();
            KpiValue::Duration(duration_stats(&mut v))
        };
        // Medians 49.5 and 149.5 with intervals of ranks 40 and 61: 39–60 and 139–160.
        let c = change(KpiId::FirstReplyTime, &minutes(100), &minutes(0)).unwrap();
        assert!(c.clear && c.unit == ChangeUnit::Relative, "{c:?}");
        // Medians 49.5 and 59.5: 39–60 and 49–70 overlap.
        assert!(
            !change(KpiId::FirstReplyTime, &minutes(10), &minutes(0))
                .unwrap()
                .clear
        );
    }
}
