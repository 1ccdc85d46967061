//! Sentiment per comment, as a second signal beside the customer's own CSAT rating: VADER
//! for English, and for every language a classifier learnt from the workspace's rated
//! comments when there are enough of them. Each language reports which method labelled
//! it and how well that method agreed with held-out ratings, so the UI can say how far
//! to trust the labels. Nothing here reads or writes the store.

mod classifier;
mod evaluation;
mod features;
mod language;
mod vader;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::feedback::text::{Lang, Token};

/// A comment's sentiment; `Unknown` when no method exists for its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Positive,
    Negative,
    Neutral,
    Unknown,
}

/// One comment to label.
#[derive(Debug, Clone, Copy)]
pub struct SentimentDoc<'a> {
    /// The ticket id: the stable key of the held-out split.
    pub id: i64,
    pub lang: Lang,
    /// The cleaned text (what VADER reads).
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// A CSAT comment's own rating: `Some(true)` good, `Some(false)` bad.
    pub rating: Option<bool>,
}

/// How a language's comments were labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SentimentMethod {
    Vader,
    Classifier,
    None,
}

impl SentimentMethod {
    /// The name the JSON uses.
    pub fn code(self) -> &'static str {
        match self {
            SentimentMethod::Vader => "vader",
            SentimentMethod::Classifier => "classifier",
            SentimentMethod::None => "none",
        }
    }
}

/// Per language: the method used and how it fared on the held-out rated comments (one in
/// five, by ticket id). Accuracies are of the method used; None without test comments
/// (balanced accuracy: without both a good and a bad one).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SentimentModel {
    pub lang: Lang,
    pub method: SentimentMethod,
    pub accuracy: Option<f64>,
    /// Mean of the recalls of good and bad: CSAT is mostly good, so plain accuracy
    /// flatters a method that calls everything good.
    pub balanced_accuracy: Option<f64>,
    /// English only: VADER's accuracy on the same test comments, for comparison.
    pub vader_accuracy: Option<f64>,
    /// Rated comments in the training part.
    #[ts(type = "number")]
    #[ts(type = "number")]
    pub n_train: u64,
    /// Rated comments in the held-out part.
    #[ts(type = "number")]
    #[ts(type = "number")]
    pub n_test: u64,
    /// Good and bad comments in the training part, and the least of each a classifier
    /// needs: what "not enough rated comments (38 of 30…)" is made of.
    #[ts(type = "number")]
    pub train_good: u64,
    #[ts(type = "number")]
    pub train_bad: u64,
    #[ts(type = "number")]
    pub min_per_class: u64,
}

/// Labels every doc and says, per language present (in `Lang::ALL` order), how (and how
/// well) it was done. Languages are scored in parallel; the result is the same on
/// every run for the same docs.
pub fn score(docs: &[SentimentDoc]) -> (Vec<Polarity>, Vec<SentimentModel>) {
    let by_language: Vec<(Lang, Vec<usize>)> = Lang::ALL
        .into_iter()
        .map(|lang| {
            let indices: Vec<usize> = (docs.iter().enumerate())
                .filter(|(_, doc)| doc.lang == lang)
                .map(|(i, _)| i)
                .collect();
            (lang, indices)
        })
        .filter(|(_, indices)| !indices.is_empty())
        .collect();

    let runs: Vec<(Vec<Polarity>, SentimentModel)> = by_language
        .par_iter()
        .map(|(lang, indices)| {
            let subset: Vec<&SentimentDoc> = indices.iter().filter_map(|&i| docs.get(i)).collect();
            language::score_language(*lang, &subset)
        })
        .collect();

    let mut labels = vec![Polarity::Unknown; docs.len()];
    let mut models = Vec::with_capacity(runs.len());
    for ((_, indices), (run_labels, model)) in by_language.iter().zip(runs) {
        for (&i, label) in indices.iter().zip(run_labels) {
            if let Some(slot) = labels.get_mut(i) {
                *slot = label;
            }
        }
        models.push(model);
    }
    (labels, models)
}

#[cfg(test)]
mod tests;
