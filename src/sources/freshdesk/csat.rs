//! Freshdesk survey answers as CSAT scores (`freshdesk-api.md` §6). Custom surveys answer
//! on −103…103 (2, 3, 5 or 7 points); classic ones as 103/100/−103 or, in the ratings
//! list, as the stored 1 happy, 2 neutral, 3 unhappy. Neutral has no CSAT equivalent, so
//! the workspace chooses what it counts as.

use crate::store::records::RatingScore;

/// What a neutral answer counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NeutralRating {
    /// Not good: CSAT is happy ÷ all answers, as Freshdesk reports it.
    #[default]
    Bad,
    /// Left out of CSAT, as a Zendesk-style good ÷ (good + bad).
    Exclude,
}

/// The feeling of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feeling {
    Happy,
    Neutral,
    Unhappy,
}

/// The feeling of an answer value; `None` for a value no scale has.
pub fn feeling(value: i64) -> Option<Feeling> {
    match value {
        101..=103 | 1 => Some(Feeling::Happy),
        100 | 2 => Some(Feeling::Neutral),
        -103..=-101 | 3 => Some(Feeling::Unhappy),
        _ => None,
    }
}

/// The stored score of a feeling. An excluded neutral answer is kept as `unoffered`,
/// which no KPI counts, so a rating edited from happy to neutral replaces its earlier
/// score instead of leaving it behind.
pub fn score(feeling: Feeling, neutral: NeutralRating) -> RatingScore {
    match (feeling, neutral) {
        (Feeling::Happy, _) => RatingScore::Good,
        (Feeling::Unhappy, _) | (Feeling::Neutral, NeutralRating::Bad) => RatingScore::Bad,
        (Feeling::Neutral, NeutralRating::Exclude) => RatingScore::Unoffered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Feeling::*;

    #[test]
    fn every_point_of_the_seven_point_scale() {
        let seven = [103, 102, 101, 100, -101, -102, -103].map(feeling);
        assert_eq!(
            seven,
            [Happy, Happy, Happy, Neutral, Unhappy, Unhappy, Unhappy].map(Some)
        );
    }

    #[test]
    fn classic_stored_values_and_strangers() {
        assert_eq!([1, 2, 3].map(feeling), [Happy, Neutral, Unhappy].map(Some));
        for odd in [0, 4, 99, 104, -100, -104] {
            assert_eq!(feeling(odd), None, "{odd} is on no scale");
        }
    }

    #[test]
    fn neutral_counts_as_bad_or_is_left_out() {
        assert_eq!(score(Neutral, NeutralRating::Bad), RatingScore::Bad);
        assert_eq!(
            score(Neutral, NeutralRating::Exclude),
            RatingScore::Unoffered
        );
        for choice in [NeutralRating::Bad, NeutralRating::Exclude] {
            assert_eq!(score(Happy, choice), RatingScore::Good);
            assert_eq!(score(Unhappy, choice), RatingScore::Bad);
        }
    }
}
