//! Sentiment for the comments of one language: check each available method against the
//! held-out rated comments, pick one, label every comment with it.

use rayon::prelude::*;

use super::classifier::{self, ClassCounts, NaiveBayes};
use super::evaluation::{is_held_out, Confusion};
use super::features::Vocabulary;
use super::{vader, Polarity, SentimentDoc, SentimentMethod, SentimentModel};
use crate::feedback::text::Lang;

/// A classifier needs at least this many good and this many bad training comments;
/// below it the counts are noise.
const MIN_TRAINING_PER_CLASS: u64 = 30;

/// Labels `docs` (all of language `lang`, in the caller's order) and says how.
pub(super) fn score_language(
    lang: Lang,
    docs: &[&SentimentDoc],
) -> (Vec<Polarity>, SentimentModel) {
    let rated = RatedComments::intern(docs);
    let (n_train, n_test) = rated.split_sizes();
    let (good, bad) = rated.train.docs();
    let trainable = good >= MIN_TRAINING_PER_CLASS && bad >= MIN_TRAINING_PER_CLASS;

    let classifier_check = trainable.then(|| rated.check_classifier());
    let vader_check = (lang == Lang::En).then(|| rated.check_vader());
    let (method, check) = match (classifier_check, vader_check) {
        (Some(c), Some(v)) if beats(&c, &v) => (SentimentMethod::Classifier, Some(c)),
        (_, Some(v)) => (SentimentMethod::Vader, Some(v)),
        (Some(c), None) => (SentimentMethod::Classifier, Some(c)),
        (None, None) => (SentimentMethod::None, None),
    };

    let labels = match method {
        SentimentMethod::Classifier => rated.label_with_classifier(docs),
        SentimentMethod::Vader => docs
            .par_iter()
            .map(|doc| vader::polarity(vader::compound(doc.text)))
            .collect(),
        SentimentMethod::None => vec![Polarity::Unknown; docs.len()],
    };
    let model = SentimentModel {
        lang,
        method,
        accuracy: check.and_then(|c| c.accuracy()),
        balanced_accuracy: check.and_then(|c| c.balanced_accuracy()),
        vader_accuracy: vader_check.and_then(|v| v.accuracy()),
        n_train,
        n_test,
        train_good: good,
        train_bad: bad,
        min_per_class: MIN_TRAINING_PER_CLASS,
    };
    (labels, model)
}

/// The classifier replaces VADER only when its balanced accuracy on the same test set is
/// higher; on a tie, or without a measure, VADER (which needs no data) stays.
fn beats(classifier: &Confusion, vader: &Confusion) -> bool {
    match (classifier.balanced_accuracy(), vader.balanced_accuracy()) {
        (Some(c), Some(v)) => c > v,
        _ => false,
    }
}

/// The rated comments of a language, interned once and split into training and test.
struct RatedComments<'d> {
    vocabulary: Vocabulary,
    train: ClassCounts,
    test: Vec<TestComment<'d>>,
}

/// A held-out rated comment: what the methods see and the customer's own verdict.
struct TestComment<'d> {
    text: &'d str,
    features: Vec<u32>,
    good: bool,
}

impl<'d> RatedComments<'d> {
    fn intern(docs: &[&'d SentimentDoc]) -> RatedComments<'d> {
        let mut vocabulary = Vocabulary::default();
        let mut train = ClassCounts::default();
        let mut test = Vec::new();
        let mut ids = Vec::new();
        for doc in docs {
            let Some(good) = doc.rating else { continue };
            vocabulary.intern(doc.tokens, &mut ids);
            if is_held_out(doc.id) {
                test.push(TestComment {
                    text: doc.text,
                    features: ids.clone(),
                    good,
                });
            } else {
                train.add(&ids, good);
            }
        }
        RatedComments {
            vocabulary,
            train,
            test,
        }
    }

    /// (training comments, test comments).
    fn split_sizes(&self) -> (u64, u64) {
        let (good, bad) = self.train.docs();
        (good + bad, self.test.len() as u64)
    }

    /// The classifier trained on the training comments, scored on the test comments. A
    /// comment without evidence (p = 0.5) counts as called good.
    fn check_classifier(&self) -> Confusion {
        let model = NaiveBayes::train(&self.train);
        let mut confusion = Confusion::default();
        for comment in &self.test {
            confusion.record(comment.good, model.p_good(&comment.features) >= 0.5);
        }
        confusion
    }

    /// VADER on the same test comments.
    fn check_vader(&self) -> Confusion {
        let calls: Vec<bool> = self
            .test
            .par_iter()
            .map(|comment| vader::calls_good(vader::compound(comment.text)))
            .collect();
        let mut confusion = Confusion::default();
        for (comment, call) in self.test.iter().zip(calls) {
            confusion.record(comment.good, call);
        }
        confusion
    }

    /// Every comment labelled by a classifier trained on all rated comments.
    fn label_with_classifier(mut self, docs: &[&SentimentDoc]) -> Vec<Polarity> {
        let mut all = self.train.clone();
        for comment in &self.test {
            all.add(&comment.features, comment.good);
        }
        let model = NaiveBayes::train(&all);
        // Features without weight change no score; without them the tables are smaller
        // and every lookup faster.
        self.vocabulary.retain(|id| model.weighs(id));
        docs.par_iter()
            .map_init(Vec::new, |ids, doc| {
                self.vocabulary.lookup(doc.tokens, ids);
                classifier::polarity(model.p_good(ids))
            })
            .collect()
    }
}
