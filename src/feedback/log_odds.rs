//! Which words set one body of text apart from another (bad comments against good ones):
//! the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn
//! (2008), "Fightin' Words". The prior shrinks rare words towards the background, so a
//! word seen twice does not outrank one seen two hundred times, and the z-score says how
//! sure the difference is. Counting the words is the caller's job.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

/// The smallest prior pseudo-count a term gets: a term missing from the background still
/// has a finite log and variance instead of dividing by zero.
const MIN_ALPHA: f64 = 0.01;

/// One term's log-odds ratio of corpus a against corpus b.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TermOdds {
    pub term: String,
    /// ln odds in a − ln odds in b, both shrunk by the prior; positive: typical of a.
    pub delta: f64,
    /// δ over its standard error: how many standard errors the difference is from zero.
    pub z: f64,
    #[ts(type = "number")]
    #[ts(type = "number")]
    pub count_a: u64,
    #[ts(type = "number")]
    #[ts(type = "number")]
    pub count_b: u64,
}

/// How often terms occur in the background corpus, and its total, which may also count
/// terms not listed (only the compared terms need their counts).
#[derive(Debug, Clone, Default)]
pub struct Background {
    pub counts: HashMap<String, u64>,
    pub total: u64,
}

impl Background {
    /// A background of exactly these terms.
    pub fn of(counts: HashMap<String, u64>) -> Background {
        let total = counts.values().sum();
        Background { counts, total }
    }
}

/// For every term in a or b: δ = ln((a_w+α_w)/(n_a+α0−a_w−α_w)) − ln((b_w+α_w)/(n_b+α0−
/// b_w−α_w)), σ² ≈ 1/(a_w+α_w) + 1/(b_w+α_w), z = δ/σ, with α_w = α0·prior_w/Σprior
/// (prior = background counts over their total, e.g. all texts of the language), at least
/// [`MIN_ALPHA`]. Sorted by z descending, ties by term.
pub fn log_odds(
    a: &HashMap<String, u64>,
    b: &HashMap<String, u64>,
    prior: &Background,
    alpha0: f64,
) -> Vec<TermOdds> {
    let total = |counts: &HashMap<String, u64>| counts.values().map(|&c| c as f64).sum::<f64>();
    let (n_a, n_b, prior_total) = (total(a), total(b), prior.total as f64);
    let alpha0 = if alpha0.is_finite() {
        alpha0.max(0.0)
    } else {
        0.0
    };
    let alpha_of = |term: &str| {
        let share = match prior.counts.get(term) {
            Some(&count) if prior_total > 0.0 => count as f64 / prior_total,
            _ => 0.0,
        };
        (alpha0 * share).max(MIN_ALPHA)
    };
    let terms = a.keys().chain(b.keys().filter(|t| !a.contains_key(*t)));
    let mut odds: Vec<TermOdds> = terms
        .map(|term| {
            let count_a = a.get(term).copied().unwrap_or(0);
            let count_b = b.get(term).copied().unwrap_or(0);
            let alpha = alpha_of(term);
            let (in_a, in_b) = (count_a as f64 + alpha, count_b as f64 + alpha);
            // The rest of each corpus, prior included; never below the floor, even when
            // α0 is smaller than the floors handed out.
            let rest_a = (n_a + alpha0 - in_a).max(MIN_ALPHA);
            let rest_b = (n_b + alpha0 - in_b).max(MIN_ALPHA);
            let delta = (in_a / rest_a).ln() - (in_b / rest_b).ln();
            let sigma = (1.0 / in_a + 1.0 / in_b).sqrt();
            TermOdds {
                term: term.clone(),
                delta,
                z: delta / sigma,
                count_a,
                count_b,
            }
        })
        .collect();
    // Terms are unique, so this order is total: hash order never leaks into the result.
    odds.sort_by(|x, y| y.z.total_cmp(&x.z).then_with(|| x.term.cmp(&y.term)));
    odds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
        pairs.iter().map(|&(t, c)| (t.to_owned(), c)).collect()
    }

    fn find<'a>(odds: &'a [TermOdds], term: &str) -> &'a TermOdds {
        odds.iter().find(|o| o.term == term).unwrap()
    }

    #[test]
    fn matches_hand_arithmetic() {
        // a = {slow 8, great 2} (n_a = 10), b = {slow 1, great 9} (n_b = 10),
        // prior = {slow 9, great 11}, α0 = 10 → α_slow = 10·9/20 = 4.5, α_great = 5.5.
        // slow:  δ = ln(12.5/7.5) − ln(5.5/14.5) = 0.510826 + 0.969401 = 1.480226;
        //        σ = √(1/12.5 + 1/5.5) = √0.261818 = 0.511682; z = 2.892865.
        // great: δ = ln(7.5/12.5) − ln(14.5/5.5) = −1.480226;
        //        σ = √(1/7.5 + 1/14.5) = √0.202299 = 0.449776; z = −3.291026.
        let a = counts(&[("slow", 8), ("great", 2)]);
        let b = counts(&[("slow", 1), ("great", 9)]);
        let prior = Background::of(counts(&[("slow", 9), ("great", 11)]));
        let odds = log_odds(&a, &b, &prior, 10.0);
        let terms: Vec<&str> = odds.iter().map(|o| o.term.as_str()).collect();
        assert_eq!(terms, ["slow", "great"], "sorted by z, highest first");
        let (slow, great) = (&odds[0], &odds[1]);
        assert!((slow.delta - 1.480_226).abs() < 1e-6, "{slow:?}");
        assert!((slow.z - 2.892_865).abs() < 1e-6, "{slow:?}");
        assert!((great.delta + 1.480_226).abs() < 1e-6, "{great:?}");
        assert!((great.z + 3.291_026).abs() < 1e-6, "{great:?}");
        assert_eq!((slow.count_a, slow.count_b), (8, 1));
    }

    #[test]
    fn swapping_the_corpora_negates_z() {
        let a = counts(&[("refund", 12), ("slow", 30), ("thanks", 3), ("agent", 9)]);
        let b = counts(&[("refund", 2), ("slow", 4), ("thanks", 40), ("fast", 7)]);
        let prior = Background::of(counts(&[
            ("refund", 20),
            ("slow", 50),
            ("thanks", 60),
            ("agent", 30),
        ]));
        let forward = log_odds(&a, &b, &prior, 50.0);
        let backward = log_odds(&b, &a, &prior, 50.0);
        assert_eq!(forward.len(), 5, "every term of a or b, once");
        for f in &forward {
            let r = find(&backward, &f.term);
            assert!((f.z + r.z).abs() < 1e-12, "{f:?} vs {r:?}");
            assert_eq!((f.count_a, f.count_b), (r.count_b, r.count_a));
        }
        let order: Vec<&str> = backward.iter().map(|o| o.term.as_str()).collect();
        assert_eq!(
            order.first(),
            Some(&"thanks"),
            "b's own word leads when b is first"
        );
    }

    #[test]
    fn terms_missing_from_the_prior_stay_finite() {
        let a = counts(&[("crash", 5), ("login", 1)]);
        let b = counts(&[("login", 4)]);
        let empty = HashMap::new();
        for prior in [
            Background::of(counts(&[("login", 10)])),
            Background::of(empty),
        ] {
            let odds = log_odds(&a, &b, &prior, 5.0);
            for o in &odds {
                assert!(o.delta.is_finite() && o.z.is_finite(), "{o:?}");
            }
            assert!(find(&odds, "crash").z > 0.0, "only a says crash");
        }
        // α0 = 0 leaves only the floor; a term alone in its corpus still has a finite rest.
        let alone = log_odds(
            &counts(&[("x", 3)]),
            &counts(&[("y", 2)]),
            &Background::default(),
            0.0,
        );
        assert!(alone.iter().all(|o| o.z.is_finite()), "{alone:?}");
    }

    #[test]
    fn ties_break_by_term() {
        let a = counts(&[("beta", 2), ("alpha", 2)]);
        let b = counts(&[("beta", 1), ("alpha", 1)]);
        let prior = Background::of(counts(&[("alpha", 5), ("beta", 5)]));
        let odds = log_odds(&a, &b, &prior, 4.0);
        assert_eq!(odds[0].z, odds[1].z);
        assert_eq!(
            (odds[0].term.as_str(), odds[1].term.as_str()),
            ("alpha", "beta")
        );
    }
}
