//! English sentiment from the VADER lexicon and rules (Hutto & Gilbert 2014): needs no
//! training data, reads case, punctuation, boosters and negation from the text as
//! written, so it runs on the cleaned text rather than on the stems.

use std::sync::LazyLock;

use vader_sentiment::SentimentIntensityAnalyzer;

use super::Polarity;

/// VADER's customary cut-offs on the compound score.
const POSITIVE_FROM: f64 = 0.05;
const NEGATIVE_UP_TO: f64 = -0.05;

/// Built once: the analyzer borrows the crate's lexicons, which parse on first use.
static ANALYZER: LazyLock<SentimentIntensityAnalyzer<'static>> =
    LazyLock::new(SentimentIntensityAnalyzer::new);

/// The compound score in [−1, 1]; 0 for a text without sentiment words.
pub(super) fn compound(text: &str) -> f64 {
    ANALYZER
        .polarity_scores(text)
        .get("compound")
        .copied()
        .unwrap_or(0.0)
}

/// The label for a compound score; the middle band is neutral.
pub(super) fn polarity(compound: f64) -> Polarity {
    if compound >= POSITIVE_FROM {
        Polarity::Positive
    } else if compound <= NEGATIVE_UP_TO {
        Polarity::Negative
    } else {
        Polarity::Neutral
    }
}

/// VADER's good/bad call for the held-out check: only a positive text counts as good.
pub(super) fn calls_good(compound: f64) -> bool {
    compound >= POSITIVE_FROM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_examples() {
        let cases = [
            (
                "The agent was great, thank you so much!",
                Polarity::Positive,
            ),
            (
                "Terrible service. Nobody answered for a week.",
                Polarity::Negative,
            ),
            ("The refund was not good at all.", Polarity::Negative),
            (
                "I changed the billing address on Monday.",
                Polarity::Neutral,
            ),
            ("", Polarity::Neutral),
        ];
        for (text, expected) in cases {
            assert_eq!(
                polarity(compound(text)),
                expected,
                "{text:?}: {}",
                compound(text)
            );
        }
        assert!(calls_good(compound("Very helpful, fixed in minutes")));
        assert!(!calls_good(compound("Still broken")));
    }
}
