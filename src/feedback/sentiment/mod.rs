//! (in progress)
use super::text::{Lang, Token};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Positive,
    Negative,
    Neutral,
    Unknown,
}
pub struct SentimentDoc<'a> {
    pub id: i64,
    pub lang: Lang,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub rating: Option<bool>,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SentimentMethod {
    Vader,
    Classifier,
    None,
}
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SentimentModel {
    pub lang: Lang,
    pub method: SentimentMethod,
    pub accuracy: Option<f64>,
    pub balanced_accuracy: Option<f64>,
    pub vader_accuracy: Option<f64>,
    pub n_train: u64,
    pub n_test: u64,
}
pub fn score(docs: &[SentimentDoc]) -> (Vec<Polarity>, Vec<SentimentModel>) {
    (docs.iter().map(|_| Polarity::Unknown).collect(), Vec::new())
}
