//! How far a group's CSAT lies from the rest's, and whether that is more than chance: the
//! difference of two proportions with its interval and a z-test. Pure arithmetic on
//! counts; which groups to compare is the caller's business.

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::engine::stats::csat_stats;

/// p1 − p2 with a 95% interval and a two-sided test of "no difference".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ProportionDiff {
    pub diff: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub z: f64,
    pub p_value: f64,
}

/// p1 − p2 for x1 of n1 against x2 of n2: Newcombe's hybrid score interval (method 10,
/// built from the two Wilson intervals, so it stays inside [−1, 1] and behaves at 0% and
/// 100%, where the Wald interval collapses) and a pooled two-proportion z-test (two-sided
/// p). None when either n is 0 or a count exceeds its n. When both groups are all good
/// or all bad there is no variance to test against: z = 0 and p = 1.
pub fn proportion_diff(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<ProportionDiff> {
    let (low1, high1) = wilson_bounds(x1, n1)?;
    let (low2, high2) = wilson_bounds(x2, n2)?;
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let diff = p1 - p2;
    let ci_low = diff - ((p1 - low1).powi(2) + (high2 - p2).powi(2)).sqrt();
    let ci_high = diff + ((high1 - p1).powi(2) + (p2 - low2).powi(2)).sqrt();

    let pooled = (x1 + x2) as f64 / (n1 + n2) as f64;
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt();
    let z = if se > 0.0 { diff / se } else { 0.0 };
    Some(ProportionDiff {
        diff,
        ci_low,
        ci_high,
        z,
        p_value: two_sided_p(z),
    })
}

/// The Wilson interval of x of n (z = `WILSON_Z`), exactly as the CSAT KPI computes it;
/// None when it does not exist.
fn wilson_bounds(x: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || x > n {
        return None;
    }
    let stats = csat_stats(x, n - x);
    Some((stats.ci_low?, stats.ci_high?))
}

/// Two-sided p-value of a standard normal z: P(|Z| ≥ |z|) = erfc(|z|/√2).
pub fn two_sided_p(z: f64) -> f64 {
    erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// The complementary error function, Numerical Recipes' `erfcc` (a Chebyshev fit with
/// fractional error below 1.2e-7 everywhere), so small p-values keep their precision
/// instead of vanishing in 1 − erf.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let tail = t * poly.exp();
    if x >= 0.0 {
        tail
    } else {
        2.0 - tail
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::engine::stats::WILSON_Z;

    fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
        (actual - expected).abs() <= tolerance
    }

    #[test]
    fn newcombe_examples_match_method_10() {
        // Newcombe (1998), Stat Med 17:873, table II, method 10 (the same values SAS
        // prints): (x1, n1, x2, n2) → (p1 − p2, lower, upper).
        let published = [
            ((56, 70, 48, 80), (0.2, 0.0524, 0.3339)),
            ((9, 10, 3, 10), (0.6, 0.1705, 0.8090)),
            ((10, 10, 0, 20), (1.0, 0.6791, 1.0)),
            ((84, 101, 89, 105), (-0.0159, -0.1177, 0.0851)),
        ];
        for ((x1, n1, x2, n2), (diff, low, high)) in published {
            let d = proportion_diff(x1, n1, x2, n2).unwrap();
            assert!(close(d.diff, diff, 5e-5), "{x1}/{n1} vs {x2}/{n2}: {d:?}");
            assert!(close(d.ci_low, low, 5e-5), "{x1}/{n1} vs {x2}/{n2}: {d:?}");
            assert!(
                close(d.ci_high, high, 5e-5),
                "{x1}/{n1} vs {x2}/{n2}: {d:?}"
            );
        }
    }

    #[test]
    fn pooled_z_test_matches_hand_arithmetic() {
        // 56/70 vs 48/80: pooled p = 104/150 = 0.693333; se = √(0.693333 · 0.306667 ·
        // (1/70 + 1/80)) = √(0.212622 · 0.026786) = √0.0056952 = 0.075467;
        // z = 0.2 / 0.075467 = 2.65017; two-sided p = erfc(2.65017/√2) = 0.008045.
        let d = proportion_diff(56, 70, 48, 80).unwrap();
        assert!(close(d.z, 2.65017, 1e-4), "{d:?}");
        assert!(close(d.p_value, 0.008045, 1e-6), "{d:?}");
        let swapped = proportion_diff(48, 80, 56, 70).unwrap();
        assert!(close(swapped.z, -d.z, 1e-12), "the test is symmetric");
        assert!(
            close(swapped.ci_low, -d.ci_high, 1e-12),
            "so is the interval"
        );
    }

    #[test]
    fn p_values_of_known_quantiles() {
        assert!(close(two_sided_p(1.96), 0.049_996, 1e-6));
        assert!(close(two_sided_p(-1.96), 0.049_996, 1e-6));
        assert!(close(two_sided_p(WILSON_Z), 0.05, 1e-6));
        assert!(close(two_sided_p(2.575_829), 0.01, 1e-7));
        assert_eq!(two_sided_p(0.0), 1.0);
        // Far tails keep relative precision: P(|Z| ≥ 6) = 1.973e-9.
        assert!(close(two_sided_p(6.0) / 1.973_175e-9, 1.0, 1e-5));
        assert_eq!(two_sided_p(f64::INFINITY), 0.0);
    }

    #[test]
    fn all_good_or_all_bad_has_no_variance() {
        for (x1, x2) in [(10, 20), (0, 0)] {
            let d = proportion_diff(x1, 10, x2, 20).unwrap();
            assert_eq!((d.diff, d.z, d.p_value), (0.0, 0.0, 1.0), "{d:?}");
            assert!(
                d.ci_low < 0.0 && d.ci_high > 0.0,
                "the interval stays open: {d:?}"
            );
        }
    }

    #[test]
    fn extreme_groups_stay_inside_the_unit_range() {
        let d = proportion_diff(10, 10, 0, 10).unwrap();
        assert_eq!(d.diff, 1.0);
        assert!(d.ci_high <= 1.0 && d.ci_low > 0.5, "{d:?}");
        assert!(d.p_value < 1e-4, "{d:?}");
    }

    #[test]
    fn one_rating_groups_are_wide_but_finite() {
        let d = proportion_diff(1, 1, 0, 1).unwrap();
        assert_eq!(d.diff, 1.0);
        assert!(
            d.ci_low < 0.0 && d.ci_high <= 1.0,
            "one against one proves little"
        );
        assert!(d.z.is_finite() && d.p_value > 0.05, "{d:?}");
    }

    #[test]
    fn empty_or_impossible_groups_have_no_difference() {
        assert_eq!(proportion_diff(0, 0, 3, 5), None);
        assert_eq!(proportion_diff(3, 5, 0, 0), None);
        assert_eq!(proportion_diff(6, 5, 3, 5), None);
    }
}
