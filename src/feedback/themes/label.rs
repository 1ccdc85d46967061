//! Theme labels by class-based TF-IDF (c-TF-IDF): a term weighs by how often a theme's
//! texts use it against how often all texts do, so "refund" labels the refund theme while
//! "hello", said everywhere, labels none. Terms are shown as customers wrote them.

use std::collections::HashMap;

use crate::feedback::text::Token;
use crate::feedback::vectors::{phrase_hash, word_hash, Feature, FeatureKind, Vocab};

/// Terms per theme.
const TERMS: usize = 8;

/// The top terms of each cluster: (feature index, weight), heaviest first.
/// `labels[i]` is text i's cluster; texts in no cluster form one more class, so what
/// unclustered texts say is not distinctive either.
pub fn top_terms(
    features: &[Vec<Feature>],
    labels: &[Option<u32>],
    k: usize,
    vocab: &Vocab,
) -> Vec<Vec<(u32, f64)>> {
    let classes = k + 1;
    let mut counts: Vec<HashMap<u32, u32>> = vec![HashMap::new(); classes];
    let mut totals = vec![0u64; classes];
    for (text, label) in features.iter().zip(labels) {
        let class = label.map_or(k, |c| c as usize);
        for f in text {
            if f.kind == FeatureKind::CharBigram {
                continue;
            }
            if let Some(i) = vocab.get(f.hash) {
                *counts[class].entry(i).or_insert(0) += 1;
                totals[class] += 1;
            }
        }
    }
    let mut across: HashMap<u32, u64> = HashMap::new();
    for class in &counts {
        for (i, n) in class {
            *across.entry(*i).or_insert(0) += u64::from(*n);
        }
    }
    let average = totals.iter().sum::<u64>() as f64 / classes as f64;
    (0..k)
        .map(|c| {
            let total = totals[c].max(1) as f64;
            let mut weighted: Vec<(u32, f64)> = counts[c]
                .iter()
                .map(|(i, n)| {
                    let all = across.get(i).copied().unwrap_or(1).max(1) as f64;
                    (*i, f64::from(*n) / total * (1.0 + average / all).ln())
                })
                .collect();
            weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            weighted.truncate(TERMS * 2);
            weighted
        })
        .collect()
}

/// How customers wrote a word or phrase: its commonest surface form among the texts.
#[derive(Default)]
pub struct Surfaces {
    seen: HashMap<u64, HashMap<String, u32>>,
    /// The stem of each wanted word, for matching articles.
    stems: HashMap<u64, String>,
}

impl Surfaces {
    /// Counts the surfaces of the wanted features (hashes) in one text's tokens.
    pub fn count(&mut self, tokens: &[Token], wanted: &HashMap<u64, ()>) {
        for (i, token) in tokens.iter().enumerate() {
            let word = word_hash(&token.stem);
            if wanted.contains_key(&word) {
                self.stems.entry(word).or_insert_with(|| token.stem.clone());
                *self
                    .seen
                    .entry(word)
                    .or_default()
                    .entry(token.surface.clone())
                    .or_insert(0) += 1;
            }
            if let Some(next) = tokens.get(i + 1) {
                let phrase = phrase_hash(&token.stem, &next.stem);
                if next.clause == token.clause && wanted.contains_key(&phrase) {
                    *self
                        .seen
                        .entry(phrase)
                        .or_default()
                        .entry(format!("{} {}", token.surface, next.surface))
                        .or_insert(0) += 1;
                }
            }
        }
    }

    pub fn stem(&self, hash: u64) -> Option<String> {
        self.stems.get(&hash).cloned()
    }

    /// The commonest surface (ties: the alphabetically first).
    pub fn best(&self, hash: u64) -> Option<&str> {
        self.seen.get(&hash).and_then(|forms| {
            forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| s.as_str())
        })
    }
}

/// Shown terms: surfaces in weight order, without repeats, and without a word that a
/// heavier phrase already shows.
pub fn shown_terms(ranked: &[(String, f64)]) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for (term, weight) in ranked {
        let covered = out.iter().any(|(shown, _)| {
            shown == term || shown.split(' ').any(|w| w == term) && shown.contains(' ')
        });
        if !covered {
            out.push((term.clone(), *weight));
        }
        if out.len() == TERMS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::text::Lang;
    use crate::feedback::vectors::features;

    fn token(stem: &str, surface: &str) -> Token {
        Token {
            stem: stem.into(),
            surface: surface.into(),
            negated: false,
            clause: 0,
        }
    }

    #[test]
    fn distinctive_terms_outweigh_common_ones() {
        let texts: Vec<Vec<Token>> = (0..20)
            .map(|i| {
                let topic = if i < 10 { "refund" } else { "login" };
                vec![token("hello", "hello"), token(topic, topic)]
            })
            .collect();
        let feats: Vec<Vec<Feature>> = texts.iter().map(|t| features(Lang::En, t)).collect();
        let vocab = Vocab::fit(&feats, 2, 1.0);
        let labels: Vec<Option<u32>> = (0..20).map(|i| Some(u32::from(i >= 10))).collect();
        let top = top_terms(&feats, &labels, 2, &vocab);
        assert_eq!(top[0][0].0, vocab.get(word_hash("refund")).unwrap());
        assert_eq!(top[1][0].0, vocab.get(word_hash("login")).unwrap());
        let hello = vocab.get(word_hash("hello")).unwrap();
        let hello_weight = top[0].iter().find(|(i, _)| *i == hello).unwrap().1;
        assert!(hello_weight < top[0][0].1);
    }

    #[test]
    fn surfaces_pick_the_commonest_spelling() {
        let mut s = Surfaces::default();
        let wanted: HashMap<u64, ()> = [(word_hash("refund"), ())].into();
        s.count(&[token("refund", "refunds")], &wanted);
        s.count(&[token("refund", "refund")], &wanted);
        s.count(&[token("refund", "refund")], &wanted);
        assert_eq!(s.best(word_hash("refund")), Some("refund"));
    }

    #[test]
    fn a_phrase_hides_its_lighter_words() {
        let ranked = vec![
            ("password reset".to_owned(), 3.0),
            ("password".to_owned(), 2.0),
            ("link".to_owned(), 1.0),
            ("link".to_owned(), 0.5),
        ];
        let shown: Vec<String> = shown_terms(&ranked).into_iter().map(|t| t.0).collect();
        assert_eq!(shown, vec!["password reset", "link"]);
    }
}
