//! Statistics of the contract: exact means, linear percentiles, the Wilson interval, the
//! distribution-free interval of a median, and when a sample is too small to read.

use serde::Serialize;
use ts_rs::TS;

use super::value::{CsatStats, DurationStats, DurationUnit};

/// The normal quantile of a two-sided 95% interval, as `kpi-definitions.md` fixes it.
pub const WILSON_Z: f64 = 1.959964;

/// A share (rate, CSAT, SLA) or a mean on fewer records than this is a small sample: with
/// 29 records the Wilson 95% interval of a share near 50% reaches ±17 points, so a
/// difference of a few points between two such values says nothing.
pub const MIN_SHARE_SAMPLE: u64 = 30;

/// A median or percentile of fewer durations than this is a small sample: of 9 values the
/// distribution-free 95% interval of the median runs from the 2nd to the 8th, most of
/// the sample, and for 5 or fewer no such interval exists at all.
pub const MIN_PERCENTILE_SAMPLE: u64 = 10;

/// Whether a value resting on `n` records is too few to read, against `minimum`. An empty
/// population has no value to mark.
pub fn is_small(n: u64, minimum: u64) -> bool {
    n > 0 && n < minimum
}

/// A two-sided 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn contains(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }
}

/// Count, exact mean, median and p90 of durations. Empty input gives `n = 0` and nulls.
/// Reorders `values`.
pub fn duration_stats(values: &mut [f64]) -> DurationStats {
    let n = values.len();
    let median_rank = n.saturating_sub(1) / 2;
    let mean = exact_sum(values).map(|sum| sum / n as f64);
    let median = percentile(values, 0.5, 0);
    let median_interval = median_interval(values, median_rank);
    DurationStats {
        unit: DurationUnit::Minutes,
        n: n as u64,
        mean,
        median,
        // The median's selection put every value from its rank upwards at the back, so
        // the p90 search skips the lower half.
        p90: percentile(&mut values[median_rank..], 0.9, median_rank),
        small_sample: is_small(n as u64, MIN_PERCENTILE_SAMPLE),
        median_interval,
        support: Default::default(),
    }
}

/// The distribution-free 95% interval of the median: the values of ranks j and n + 1 − j,
/// with j the largest rank whose binomial tail P(B(n, ½) < j) stays at or under 2.5%
/// (so the interval covers the median with at least 95%). `values` must be selected
/// around `median_rank` (smaller values before it, larger after); reorders each side.
/// `None` for 5 values or fewer, where even the whole sample covers less than 95%.
fn median_interval(values: &mut [f64], median_rank: usize) -> Option<Interval> {
    let n = values.len();
    let j = median_interval_rank(n)?;
    let (lower, upper) = (j - 1, n - j);
    let low = *values[..=median_rank]
        .select_nth_unstable_by(lower, f64::total_cmp)
        .1;
    let high = *values[median_rank..]
        .select_nth_unstable_by(upper - median_rank, f64::total_cmp)
        .1;
    Some(Interval { low, high })
}

/// The rank j (from 1) of the median interval's lower end among `n` sorted values. Exact
/// binomial tails up to 1,000 values; beyond, the normal approximation
/// j = ⌊(n − z·√n) / 2⌋, whose coverage there differs from the exact one by a rank at most.
fn median_interval_rank(n: usize) -> Option<usize> {
    const TAIL: f64 = 0.025;
    if n > 1000 {
        let nf = n as f64;
        return Some(((nf - WILSON_Z * nf.sqrt()) / 2.0).floor() as usize);
    }
    // P(B = k) in logs, summed while the tail P(B ≤ k) stays within TAIL.
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let (mut ln_choose, mut tail, mut j) = (0.0f64, 0.0f64, 0usize);
    for k in 0..n {
        if k > 0 {
            ln_choose += ((n - k + 1) as f64 / k as f64).ln();
        }
        tail += (ln_choose + ln_half_n).exp();
        if tail > TAIL {
            break;
        }
        j = k + 1;
    }
    (j > 0).then_some(j)
}

/// The sum with Neumaier's compensation, so the mean does not drift with many values.
fn exact_sum(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let (mut sum, mut compensation) = (0.0f64, 0.0f64);
    for &v in values {
        let t = sum + v;
        compensation += if sum.abs() >= v.abs() {
            (sum - t) + v
        } else {
            (v - t) + sum
        };
        sum = t;
    }
    Some(sum + compensation)
}

/// The q-quantile by linear interpolation between closest ranks (numpy's default):
/// position q·(n−1) on the sorted values. `values` holds the ranks from `skipped` up
/// (all smaller values were set aside before and lie below every one of them), so n is
/// `skipped + values.len()`, and the position must be at or above `skipped`. Reorders
/// `values`.
fn percentile(values: &mut [f64], q: f64, skipped: usize) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let pos = q * (skipped + values.len() - 1) as f64;
    let frac = pos - pos.floor();
    let lower = pos.floor() as usize - skipped;
    let (_, &mut low, above) = values.select_nth_unstable_by(lower, f64::total_cmp);
    if frac == 0.0 || above.is_empty() {
        return Some(low);
    }
    let high = above.iter().copied().fold(f64::INFINITY, f64::min);
    Some(low + (high - low) * frac)
}

/// CSAT from good and bad counts, with the Wilson score interval.
pub fn csat_stats(good: u64, bad: u64) -> CsatStats {
    let n = good + bad;
    let interval = wilson(good, n);
    CsatStats {
        value: (n > 0).then(|| good as f64 / n as f64),
        n,
        good,
        bad,
        ci_low: interval.map(|i| i.low),
        ci_high: interval.map(|i| i.high),
        small_sample: is_small(n, MIN_SHARE_SAMPLE),
    }
}

/// The Wilson score 95% interval of `hits` out of `n`; `None` when `n = 0`.
pub fn wilson(hits: u64, n: u64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let (nf, p) = (n as f64, hits as f64 / n as f64);
    let z2 = WILSON_Z * WILSON_Z;
    let denom = 1.0 + z2 / nf;
    let center = (p + z2 / (2.0 * nf)) / denom;
    let half = WILSON_Z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    Some(Interval {
        low: (center - half).max(0.0),
        high: (center + half).min(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_numpy() {
        // numpy.percentile([1, 2, 3, 4], [50, 90]) == [2.5, 3.7]
        let s = duration_stats(&mut [4.0, 1.0, 3.0, 2.0]);
        assert_eq!(s.median, Some(2.5));
        assert!((s.p90.unwrap() - 3.7).abs() < 1e-12);
        let one = duration_stats(&mut [5.0]);
        assert_eq!((one.median, one.p90), (Some(5.0), Some(5.0)));
    }

    #[test]
    fn percentiles_match_a_full_sort_for_every_size() {
        for n in 1..60usize {
            // A fixed shuffle with ties: (i * 37) % n / 2.
            let mut values: Vec<f64> = (0..n).map(|i| ((i * 37) % n / 2) as f64).collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let at = |q: f64| {
                let pos = q * (n - 1) as f64;
                let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
                sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - pos.floor())
            };
            let s = duration_stats(&mut values);
            assert!((s.median.unwrap() - at(0.5)).abs() < 1e-9, "median of {n}");
            assert!((s.p90.unwrap() - at(0.9)).abs() < 1e-9, "p90 of {n}");
        }
    }

    #[test]
    fn empty_population_is_nulls_not_zero() {
        let s = duration_stats(&mut []);
        assert_eq!((s.n, s.mean, s.median, s.p90), (0, None, None, None));
        let c = csat_stats(0, 0);
        assert_eq!((c.value, c.ci_low, c.ci_high), (None, None, None));
    }

    #[test]
    fn mean_is_compensated() {
        // Naive summation gives 0.6000000000000001 / 3; math.fsum gives exactly 0.6.
        assert_eq!(duration_stats(&mut [0.1, 0.2, 0.3]).mean, Some(0.6 / 3.0));
        let big = duration_stats(&mut [1e16, 1.0, -1e16]);
        assert_eq!(big.mean, Some(1.0 / 3.0));
    }

    #[test]
    fn median_interval_ranks_follow_the_binomial_tails() {
        // P(B(9, ½) ≤ 1) = 10/512 ≈ 0.0195 ≤ 0.025 < P(B ≤ 2) = 46/512: ranks 2 and 8.
        assert_eq!(median_interval_rank(9), Some(2));
        // P(B(6, ½) = 0) = 1/64 ≈ 0.016: the whole sample, ranks 1 and 6.
        assert_eq!(median_interval_rank(6), Some(1));
        // P(B(5, ½) = 0) = 1/32 ≈ 0.031 > 0.025: no 95% interval.
        assert_eq!(median_interval_rank(5), None);
        // n = 100: P(B ≤ 39) ≈ 0.0176 ≤ 0.025 < P(B ≤ 40) ≈ 0.0284, so ranks 40 and 61.
        assert_eq!(median_interval_rank(100), Some(40));
        // Past the exact range, the normal approximation: ⌊(2000 − 1.96·√2000) / 2⌋.
        assert_eq!(median_interval_rank(2000), Some(956));
    }

    #[test]
    fn median_interval_picks_those_ranks_whatever_the_order() {
        let mut values = [90.0, 10.0, 70.0, 30.0, 50.0, 20.0, 80.0, 40.0, 60.0];
        let s = duration_stats(&mut values);
        assert_eq!(s.median, Some(50.0));
        assert_eq!(
            s.median_interval,
            Some(Interval {
                low: 20.0,
                high: 80.0
            }),
            "the 2nd and 8th of 9 sorted values"
        );
        assert_eq!(
            s.p90,
            Some(82.0),
            "the interval's selections keep p90 right"
        );
        assert_eq!(duration_stats(&mut [1.0, 2.0, 3.0]).median_interval, None);
    }

    #[test]
    fn small_samples_by_kind() {
        assert!(duration_stats(&mut [1.0; 9]).small_sample, "9 durations");
        assert!(!duration_stats(&mut [1.0; 10]).small_sample, "10 durations");
        assert!(csat_stats(7, 1).small_sample, "8 ratings");
        assert!(!csat_stats(20, 10).small_sample, "30 ratings");
        assert!(!csat_stats(0, 0).small_sample, "no value, nothing to mark");
    }

    #[test]
    fn wilson_interval_matches_known_values() {
        // The contract's example: 270 good of 300 gives [0.86083, 0.92905].
        let c = csat_stats(270, 30);
        assert!((c.ci_low.unwrap() - 0.8608335).abs() < 1e-6, "{c:?}");
        assert!((c.ci_high.unwrap() - 0.9290521).abs() < 1e-6, "{c:?}");
        let all_good = csat_stats(10, 0);
        assert!((all_good.ci_high.unwrap() - 1.0).abs() < 1e-12);
        assert!(
            (all_good.ci_low.unwrap() - 0.722467).abs() < 1e-6,
            "{all_good:?}"
        );
    }
}
