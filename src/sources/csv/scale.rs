//! A survey's CSAT scale mapped to good and bad (imports.md §4): numbers by where they
//! fall on the scale, labels by the list they are in. Neutral ratings count as bad, as
//! vendors' "CSAT %" does, or are left out, as the user chooses per import.

use serde::{Deserialize, Serialize};

use super::field::header_key;

/// Where a score falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Good,
    Neutral,
    Bad,
}

/// What an import does with neutral ratings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Neutral {
    /// Neutral counts as bad: CSAT = satisfied ÷ all ratings.
    #[default]
    Bad,
    /// Neutral ratings are not imported.
    Exclude,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The numeric range, e.g. 1–5 or 0–10.
    pub min: f64,
    pub max: f64,
    /// Scores from here up are good.
    pub good_from: f64,
    /// Scores from here up (below `good_from`) are neutral; below, bad.
    pub neutral_from: f64,
    /// Labels of the tool's choices, compared case-folded.
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub neutral: Vec<String>,
    #[serde(default)]
    pub bad: Vec<String>,
}

impl Default for Scale {
    /// The 5-point scale: 4–5 good, 3 neutral, 1–2 bad.
    fn default() -> Scale {
        Scale {
            min: 1.0,
            max: 5.0,
            good_from: 4.0,
            neutral_from: 3.0,
            good: Vec::new(),
            neutral: Vec::new(),
            bad: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("score {value:?} is not on the scale ({allowed})")]
pub struct ScoreProblem {
    pub value: String,
    pub allowed: String,
}

impl Scale {
    /// Grades a score cell: a label of the scale, else a number within its range.
    pub fn grade(&self, value: &str) -> Result<Grade, ScoreProblem> {
        let key = header_key(value);
        let is_in = |labels: &[String]| labels.iter().any(|l| header_key(l) == key);
        if is_in(&self.good) {
            return Ok(Grade::Good);
        }
        if is_in(&self.neutral) {
            return Ok(Grade::Neutral);
        }
        if is_in(&self.bad) {
            return Ok(Grade::Bad);
        }
        match key.parse::<f64>() {
            Ok(n) if n >= self.min && n <= self.max => Ok(if n >= self.good_from {
                Grade::Good
            } else if n >= self.neutral_from {
                Grade::Neutral
            } else {
                Grade::Bad
            }),
            _ => Err(ScoreProblem {
                value: value.to_owned(),
                allowed: self.describe(),
            }),
        }
    }

    /// "1–5" or "1–5, Great, Okay, Not Good".
    fn describe(&self) -> String {
        let mut parts = vec![format!("{}–{}", self.min, self.max)];
        parts.extend(
            [&self.good, &self.neutral, &self.bad]
                .into_iter()
                .flatten()
                .cloned(),
        );
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn labels() -> Scale {
        Scale {
            good: vec!["Great".into()],
            neutral: vec!["Okay".into()],
            bad: vec!["Not Good".into()],
            ..Scale::default()
        }
    }

    #[rstest]
    #[case("5", Grade::Good)]
    #[case("4", Grade::Good)]
    #[case("3", Grade::Neutral)]
    #[case("1", Grade::Bad)]
    #[case(" not  good ", Grade::Bad)]
    #[case("GREAT", Grade::Good)]
    #[case("okay", Grade::Neutral)]
    fn five_points_and_labels(#[case] value: &str, #[case] grade: Grade) {
        assert_eq!(labels().grade(value), Ok(grade));
    }

    #[test]
    fn ten_points_are_good_from_nine() {
        let nps = Scale {
            min: 0.0,
            max: 10.0,
            good_from: 9.0,
            neutral_from: 7.0,
            ..Scale::default()
        };
        assert_eq!(nps.grade("9"), Ok(Grade::Good));
        assert_eq!(nps.grade("8"), Ok(Grade::Neutral));
        assert_eq!(nps.grade("0"), Ok(Grade::Bad));
    }

    #[test]
    fn scores_off_the_scale_are_refused_with_what_it_holds() {
        let err = labels().grade("7").unwrap_err();
        assert_eq!(
            err.to_string(),
            "score \"7\" is not on the scale (1–5, Great, Okay, Not Good)"
        );
        assert!(labels().grade("").is_err());
    }
}
