//! Statistics of the contract: exact means, linear percentiles, the Wilson interval.

use super::value::{CsatStats, DurationStats, DurationUnit};

/// The normal quantile of a two-sided 95% interval, as `kpi-definitions.md` fixes it.
pub const WILSON_Z: f64 = 1.959964;

/// Count, exact mean, median and p90 of durations. Empty input gives `n = 0` and nulls.
/// Reorders `values`.
pub fn duration_stats(values: &mut [f64]) -> DurationStats {
    let n = values.len();
    let median_rank = n.saturating_sub(1) / 2;
    DurationStats {
        unit: DurationUnit::Minutes,
        n: n as u64,
        mean: exact_sum(values).map(|sum| sum / n as f64),
        median: percentile(values, 0.5, 0),
        // The median's selection put every value from its rank upwards at the back, so
        // the p90 search skips the lower half.
        p90: percentile(&mut values[median_rank..], 0.9, median_rank),
    }
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
    if n == 0 {
        return CsatStats {
            value: None,
            n: 0,
            good: 0,
            bad: 0,
            ci_low: None,
            ci_high: None,
        };
    }
    let (nf, p) = (n as f64, good as f64 / n as f64);
    let z2 = WILSON_Z * WILSON_Z;
    let denom = 1.0 + z2 / nf;
    let center = (p + z2 / (2.0 * nf)) / denom;
    let half = WILSON_Z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    CsatStats {
        value: Some(p),
        n,
        good,
        bad,
        ci_low: Some((center - half).max(0.0)),
        ci_high: Some((center + half).min(1.0)),
    }
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
