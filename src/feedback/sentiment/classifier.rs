//! A sentiment model learnt from the workspace's own rated comments: multinomial naive
//! Bayes over binarised features with Laplace smoothing. One pass to count, one sum of
//! weights to score; no iterations, so training is linear and exactly reproducible.
//!
//! CSAT is mostly good. Two choices keep that from tilting the model: the class priors
//! are equal (a comment with no known words is a coin toss, not "good"), and each class's
//! counts are scaled to the same total before smoothing, so the add-one does not make
//! every rare word lean towards the smaller class.

use super::Polarity;

/// A feature must occur in this many training comments to weigh anything: a one-off
/// word or pair is more likely noise than evidence (and most pairs are one-offs).
const MIN_COMMENTS_PER_FEATURE: u32 = 2;

/// p(good) at or above this is a positive comment.
const POSITIVE_FROM: f64 = 0.65;
/// p(good) at or below this is a negative comment.
const NEGATIVE_UP_TO: f64 = 0.35;

/// In how many good and bad comments each feature occurs (binarised per comment).
#[derive(Debug, Clone, Default)]
pub(super) struct ClassCounts {
    /// Indexed by feature id; grows with the ids it is given.
    per_feature: Vec<FeatureCount>,
    good_docs: u64,
    bad_docs: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct FeatureCount {
    good: u32,
    bad: u32,
}

impl ClassCounts {
    /// Adds one comment's distinct feature ids.
    pub(super) fn add(&mut self, features: &[u32], good: bool) {
        if good {
            self.good_docs += 1;
        } else {
            self.bad_docs += 1;
        }
        if let Some(&max) = features.iter().max() {
            let needed = max as usize + 1;
            if self.per_feature.len() < needed {
                self.per_feature.resize(needed, FeatureCount::default());
            }
        }
        for &id in features {
            if let Some(count) = self.per_feature.get_mut(id as usize) {
                let class = if good {
                    &mut count.good
                } else {
                    &mut count.bad
                };
                *class = class.saturating_add(1);
            }
        }
    }

    /// (good comments, bad comments) counted.
    pub(super) fn docs(&self) -> (u64, u64) {
        (self.good_docs, self.bad_docs)
    }
}

/// Per feature, ln P(feature | good) − ln P(feature | bad).
#[derive(Debug, Clone)]
pub(super) struct NaiveBayes {
    weights: Vec<f64>,
}

impl NaiveBayes {
    pub(super) fn train(counts: &ClassCounts) -> NaiveBayes {
        let mass = |class: fn(&FeatureCount) -> u32| {
            let total: u64 = counts.per_feature.iter().map(|c| u64::from(class(c))).sum();
            total as f64
        };
        let (good_mass, bad_mass) = (mass(|c| c.good), mass(|c| c.bad));
        let mean_mass = (good_mass + bad_mass) / 2.0;
        let scale = |class_mass: f64| {
            if class_mass > 0.0 {
                mean_mass / class_mass
            } else {
                1.0
            }
        };
        let (good_scale, bad_scale) = (scale(good_mass), scale(bad_mass));
        // Both classes now have the same mass M and the same vocabulary V, so
        // P(f | c) = (scaled count + 1) / (M + V) and the denominators cancel.
        let weights = counts
            .per_feature
            .iter()
            .map(|&FeatureCount { good, bad }| {
                if good.saturating_add(bad) < MIN_COMMENTS_PER_FEATURE {
                    return 0.0;
                }
                let good = f64::from(good) * good_scale + 1.0;
                let bad = f64::from(bad) * bad_scale + 1.0;
                (good / bad).ln()
            })
            .collect();
        NaiveBayes { weights }
    }

    /// Whether the feature moves any score.
    pub(super) fn weighs(&self, id: u32) -> bool {
        self.weights.get(id as usize).is_some_and(|&w| w != 0.0)
    }

    /// p(good) of a comment from its distinct feature ids, with equal priors; 0.5 when it
    /// has no known feature.
    pub(super) fn p_good(&self, features: &[u32]) -> f64 {
        let log_odds: f64 = features
            .iter()
            .filter_map(|&id| self.weights.get(id as usize))
            .sum();
        1.0 / (1.0 + (-log_odds).exp())
    }
}

/// The label for a classifier's p(good); the middle band is neutral.
pub(super) fn polarity(p_good: f64) -> Polarity {
    if p_good >= POSITIVE_FROM {
        Polarity::Positive
    } else if p_good <= NEGATIVE_UP_TO {
        Polarity::Negative
    } else {
        Polarity::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::super::features::{tests::tokens, Vocabulary};
    use super::*;

    /// A model trained on (spec, good) comments, with its vocabulary.
    fn train(examples: &[(&str, bool)]) -> (Vocabulary, NaiveBayes) {
        let mut vocabulary = Vocabulary::default();
        let mut ids = Vec::new();
        let interned: Vec<(Vec<u32>, bool)> = examples
            .iter()
            .map(|&(spec, good)| {
                vocabulary.intern(&tokens(spec), &mut ids);
                (ids.clone(), good)
            })
            .collect();
        let mut counts = ClassCounts::default();
        for (ids, good) in &interned {
            counts.add(ids, *good);
        }
        (vocabulary, NaiveBayes::train(&counts))
    }

    fn p_good(model: &(Vocabulary, NaiveBayes), spec: &str) -> f64 {
        let mut ids = Vec::new();
        model.0.lookup(&tokens(spec), &mut ids);
        model.1.p_good(&ids)
    }

    #[test]
    fn negation_flips_a_words_contribution_in_every_language() {
        // (positive word, a neutral word to go with it) per language: English "good",
        // Russian "понравилось" (stem понрав), Korean "좋아요" (stem 좋).
        for (word, other) in [("good", "support"), ("понрав", "оператор"), ("좋", "상담")]
        {
            let plain = format!("{word} {other}");
            let negated = format!("¬{word} {other}");
            let model = train(&[
                (&plain, true),
                (word, true),
                (&negated, false),
                (&format!("¬{word}"), false),
            ]);
            assert!(p_good(&model, word) > 0.65, "{word} alone is good");
            assert!(p_good(&model, &format!("¬{word}")) < 0.35, "¬{word} is bad");
            assert!(
                (p_good(&model, other) - 0.5).abs() < 1e-12,
                "{other} says nothing"
            );
        }
    }

    #[test]
    fn a_word_as_common_in_both_classes_weighs_nothing_whatever_the_imbalance() {
        // 9 good comments to 1 bad, "ticket" a third of each class's features: scaled to
        // the mean mass 15, both classes count it 9·15/27 = 1·15/3 = 5 times.
        let mut examples = vec![("ticket thanks", true); 9];
        examples.push(("ticket awful", false));
        let model = train(&examples);
        assert!((p_good(&model, "ticket") - 0.5).abs() < 1e-9);
        assert!(p_good(&model, "thanks") > 0.65);
    }

    #[test]
    fn unknown_and_one_off_words_are_a_coin_toss() {
        let model = train(&[("great", true), ("great", true), ("awful", false)]);
        assert!(p_good(&model, "great") > 0.65);
        assert_eq!(
            p_good(&model, "awful"),
            0.5,
            "seen once: noise, not evidence"
        );
        assert_eq!(p_good(&model, "weather"), 0.5);
        assert_eq!(polarity(0.5), Polarity::Neutral);
        assert_eq!(polarity(0.65), Polarity::Positive);
        assert_eq!(polarity(0.35), Polarity::Negative);
    }
}
