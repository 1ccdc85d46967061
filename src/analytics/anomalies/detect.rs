//! Which points of a series moved beyond what its pattern predicts. A daily series is
//! split by a robust STL (weekly season, trend, remainder); a weekly one, which has no
//! season a year of data could pin down, by a running median of 5 weeks as its
//! expectation. A point is an anomaly when its remainder lies 3.5 robust standard
//! deviations (1.4826 × the median absolute deviation) or more from the remainder's
//! median: the modified z-score of Iglewicz and Hoaglin, which a few outliers cannot
//! inflate the way they inflate a standard deviation.

/// The modified z-score from which a point is an anomaly.
pub const THRESHOLD: f64 = 3.5;
/// Scales the median absolute deviation to a standard deviation for normal data.
const MAD_SCALE: f64 = 1.4826;
/// Points a daily series needs: two weeks of pattern at least on each side of a point
/// makes STL's season meaningful.
pub const MIN_DAILY: usize = 28;
/// Points a weekly series needs.
pub const MIN_WEEKLY: usize = 12;

/// What the pattern expected at each point, and how unusual the actual value was.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The value the pattern predicts (season + trend); `None` where the series had none.
    pub expected: Vec<Option<f64>>,
    /// The modified z-score of each point's remainder; `None` where it had no value.
    pub score: Vec<Option<f64>>,
}

/// The expectation and score of each point of `values` (nulls are filled from their
/// neighbours for the fit, and get no score). `period` is 7 for a daily series, `None`
/// for a weekly one. `None` when the series is too short or has too few values.
pub fn score(values: &[Option<f64>], period: Option<usize>) -> Option<Scored> {
    let needed = if period.is_some() {
        MIN_DAILY
    } else {
        MIN_WEEKLY
    };
    let known = values.iter().flatten().count();
    if values.len() < needed || known * 4 < values.len() * 3 {
        return None;
    }
    let filled = fill_gaps(values)?;
    let expected: Vec<f64> = match period {
        Some(period) => {
            let fit = stlrs::Stl::params()
                .robust(true)
                .fit(&filled, period)
                .ok()?;
            (filled.iter().zip(fit.remainder()))
                .map(|(value, rest)| value - rest)
                .collect()
        }
        None => running_median(&filled, 2),
    };
    let remainders: Vec<f64> = (values.iter().zip(&expected))
        .filter_map(|(v, e)| v.map(|v| v - e))
        .collect();
    let centre = median(&remainders)?;
    let spread = median(
        &remainders
            .iter()
            .map(|r| (r - centre).abs())
            .collect::<Vec<_>>(),
    )?;
    let scale = MAD_SCALE * spread;
    let score = (values.iter().zip(&expected))
        .map(|(v, e)| {
            let r = v.as_ref()? - e;
            // A flat remainder (every day as expected) makes any departure infinite; the
            // scale falls back to a tenth of the values' own size so that none is.
            Some((r - centre) / scale.max(floor(&filled)))
        })
        .collect();
    let expected = (values.iter().zip(expected))
        .map(|(v, e)| v.map(|_| e))
        .collect();
    Some(Scored { expected, score })
}

/// The smallest scale a score divides by: 1% of the mean absolute value, or 1e-9.
fn floor(values: &[f64]) -> f64 {
    let mean = values.iter().map(|v| v.abs()).sum::<f64>() / values.len().max(1) as f64;
    (mean * 0.01).max(1e-9)
}

/// Nulls replaced by straight lines between their known neighbours (the first and last
/// known value before and after the ends). `None` without any known value.
fn fill_gaps(values: &[Option<f64>]) -> Option<Vec<f64>> {
    let known: Vec<(usize, f64)> = (values.iter().enumerate())
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    let (first, last) = (known.first()?, known.last()?);
    Some(
        (0..values.len())
            .map(|i| {
                if let Some(v) = values[i] {
                    return v;
                }
                let after = known.partition_point(|(k, _)| *k < i);
                match (after.checked_sub(1).map(|b| known[b]), known.get(after)) {
                    (Some((a, va)), Some(&(b, vb))) => {
                        va + (vb - va) * (i - a) as f64 / (b - a) as f64
                    }
                    (None, _) => first.1,
                    (_, None) => last.1,
                }
            })
            .collect(),
    )
}

/// Each point's median of itself and `half` points on either side (fewer at the ends).
fn running_median(values: &[f64], half: usize) -> Vec<f64> {
    (0..values.len())
        .map(|i| {
            let window = &values[i.saturating_sub(half)..(i + half + 1).min(values.len())];
            median(window).unwrap_or(values[i])
        })
        .collect()
}

fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(match sorted.len() % 2 {
        0 => (sorted[mid - 1] + sorted[mid]) / 2.0,
        _ => sorted[mid],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight weeks of a weekly pattern (quiet weekends) with a small deterministic wobble.
    fn weekly(weeks: usize) -> Vec<Option<f64>> {
        let pattern = [120.0, 110.0, 105.0, 100.0, 95.0, 40.0, 35.0];
        (0..weeks * 7)
            .map(|i| Some(pattern[i % 7] + ((i * 37 % 11) as f64 - 5.0)))
            .collect()
    }

    fn flagged(scored: &Scored) -> Vec<usize> {
        (scored.score.iter().enumerate())
            .filter(|(_, s)| s.is_some_and(|s| s.abs() >= THRESHOLD))
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn a_spike_on_a_quiet_weekday_is_flagged_and_the_weekly_pattern_is_not() {
        let mut values = weekly(8);
        let clean = score(&values, Some(7)).expect("long enough");
        assert_eq!(
            flagged(&clean),
            Vec::<usize>::new(),
            "weekends are expected"
        );
        // A Saturday with a Monday's volume.
        values[40] = Some(125.0);
        let scored = score(&values, Some(7)).expect("long enough");
        assert_eq!(flagged(&scored), [40]);
        let expected = scored.expected[40].unwrap_or_default();
        assert!(
            (25.0..60.0).contains(&expected),
            "a Saturday is expected: {expected}"
        );
    }

    #[test]
    fn a_drop_is_flagged_with_a_negative_score_and_gaps_get_none() {
        let mut values = weekly(6);
        values[22] = Some(10.0); // a Tuesday
        values[30] = None;
        let scored = score(&values, Some(7)).expect("long enough");
        assert_eq!(flagged(&scored), [22]);
        assert!(scored.score[22].is_some_and(|s| s < 0.0));
        assert_eq!((scored.score[30], scored.expected[30]), (None, None));
    }

    #[test]
    fn weekly_series_use_a_running_median() {
        let mut values: Vec<Option<f64>> = (0..20)
            .map(|i| Some(500.0 + (i % 3) as f64 * 10.0))
            .collect();
        values[12] = Some(900.0);
        let scored = score(&values, None).expect("long enough");
        assert_eq!(flagged(&scored), [12]);
    }

    #[test]
    fn short_or_sparse_series_are_not_scored() {
        assert_eq!(score(&weekly(3), Some(7)), None);
        let sparse: Vec<Option<f64>> = (0..40).map(|i| (i % 2 == 0).then_some(1.0)).collect();
        assert_eq!(score(&sparse, Some(7)), None);
    }

    #[test]
    fn gaps_are_filled_along_a_line() {
        let filled = fill_gaps(&[None, Some(2.0), None, None, Some(8.0), None]);
        assert_eq!(filled, Some(vec![2.0, 2.0, 4.0, 6.0, 8.0, 8.0]));
    }
}
