//! How well a sentiment method agrees with customers' own ratings: a fixed held-out split
//! of the rated comments and the scores measured on it. The split depends only on the
//! ticket id, so a re-run (or a new sync that adds tickets) keeps every old ticket on
//! its side.

/// One rated comment in five is held out for testing.
const HELD_OUT_ONE_IN: u64 = 5;

/// True when the ticket's comment belongs to the test set.
pub(super) fn is_held_out(id: i64) -> bool {
    // `as u64` reinterprets the bits: negative ids are as well spread as positive ones.
    splitmix64(id as u64).is_multiple_of(HELD_OUT_ONE_IN)
}

/// Vigna's SplitMix64 finaliser: a fixed, well-mixed hash, so consecutive ids do not
/// fall into the test set in a pattern.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Right and wrong good/bad calls on the test set, per actual class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Confusion {
    good: u64,
    good_right: u64,
    bad: u64,
    bad_right: u64,
}

impl Confusion {
    pub(super) fn record(&mut self, actual_good: bool, predicted_good: bool) {
        if actual_good {
            self.good += 1;
            self.good_right += u64::from(predicted_good);
        } else {
            self.bad += 1;
            self.bad_right += u64::from(!predicted_good);
        }
    }

    /// Share of right calls; None on an empty test set.
    pub(super) fn accuracy(&self) -> Option<f64> {
        let n = self.good + self.bad;
        (n > 0).then(|| (self.good_right + self.bad_right) as f64 / n as f64)
    }

    /// Mean of the two recalls: CSAT is mostly good, so "everything is good" scores high
    /// accuracy but only 0.5 here. None unless both classes are in the test set.
    pub(super) fn balanced_accuracy(&self) -> Option<f64> {
        (self.good > 0 && self.bad > 0).then(|| {
            let good_recall = self.good_right as f64 / self.good as f64;
            let bad_recall = self.bad_right as f64 / self.bad as f64;
            (good_recall + bad_recall) / 2.0
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_a_fixed_function_of_the_id() {
        // SplitMix64's published first output for seed 0.
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
        // Pinned: changing the split would silently move comments between the sets.
        let held_out: Vec<i64> = (1..=40).filter(|&id| is_held_out(id)).collect();
        assert_eq!(held_out, [1, 2, 13, 16, 18, 29, 30, 31, 35]);
    }

    #[test]
    fn split_holds_out_about_one_in_five() {
        let n = (1..=10_000).filter(|&id| is_held_out(id)).count();
        assert!((1_850..=2_150).contains(&n), "{n} of 10000 held out");
        let negative = (-10_000..0).filter(|&id| is_held_out(id)).count();
        assert!(
            (1_850..=2_150).contains(&negative),
            "{negative} of 10000 held out"
        );
    }

    #[test]
    fn balanced_accuracy_sees_through_the_majority_class() {
        let mut always_good = Confusion::default();
        for i in 0..100 {
            always_good.record(i < 90, true);
        }
        assert_eq!(always_good.accuracy(), Some(0.9));
        assert_eq!(always_good.balanced_accuracy(), Some(0.5));

        let mut only_good = Confusion::default();
        only_good.record(true, true);
        assert_eq!(
            only_good.balanced_accuracy(),
            None,
            "no bad comment to recall"
        );
        assert_eq!(Confusion::default().accuracy(), None);
    }
}
