//! Documents as sparse TF-IDF vectors over a vocabulary of words, phrases and (for
//! Korean) Hangul character bigrams. Features are hashed while counting, so a text costs
//! no allocation per word; a feature's name is kept once, when first seen.

use std::collections::HashMap;

use super::text::{Lang, Token};

/// What a feature is; labels use words and phrases, never character bigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureKind {
    Word,
    /// Two adjacent stems of one clause.
    Phrase,
    /// Two adjacent Hangul syllables inside a Korean stem: they match a word whatever
    /// ending the particle stripping left on it.
    CharBigram,
}

/// A feature: its hash (the identity while counting) and how to name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feature {
    pub hash: u64,
    pub kind: FeatureKind,
    /// Index of the stem (or first stem) in the text's tokens.
    pub token: u32,
    /// In the text's first clause (for a repeated feature: its first occurrence's).
    pub lead: bool,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// Hash of a word feature; phrases and bigrams hash with a distinct first byte.
pub fn word_hash(stem: &str) -> u64 {
    fnv(fnv(FNV_OFFSET, b"w"), stem.as_bytes())
}

pub fn phrase_hash(first: &str, second: &str) -> u64 {
    fnv(
        fnv(fnv(fnv(FNV_OFFSET, b"p"), first.as_bytes()), b" "),
        second.as_bytes(),
    )
}

fn bigram_hash(pair: &str) -> u64 {
    fnv(fnv(FNV_OFFSET, b"c"), pair.as_bytes())
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Every feature of a text, each once (a text says a word or not: binary counts).
pub fn features(lang: Lang, tokens: &[Token]) -> Vec<Feature> {
    let mut out = Vec::with_capacity(tokens.len() * 2);
    for (i, token) in tokens.iter().enumerate() {
        let at = i as u32;
        out.push(Feature {
            hash: word_hash(&token.stem),
            kind: FeatureKind::Word,
            token: at,
            lead: token.clause == 0,
        });
        if let Some(next) = tokens.get(i + 1) {
            if next.clause == token.clause && next.stem != token.stem {
                out.push(Feature {
                    hash: phrase_hash(&token.stem, &next.stem),
                    kind: FeatureKind::Phrase,
                    token: at,
                    lead: token.clause == 0,
                });
            }
        }
        if lang == Lang::Ko && token.stem.chars().count() >= 3 {
            let chars: Vec<(usize, char)> = token.stem.char_indices().collect();
            for pair in chars.windows(2) {
                let (start, first) = pair[0];
                let (_, second) = pair[1];
                if is_hangul(first) && is_hangul(second) {
                    let end = start + first.len_utf8() + second.len_utf8();
                    out.push(Feature {
                        hash: bigram_hash(&token.stem[start..end]),
                        kind: FeatureKind::CharBigram,
                        token: at,
                        lead: token.clause == 0,
                    });
                }
            }
        }
    }
    out.sort_unstable_by_key(|f| (f.hash, f.token));
    out.dedup_by_key(|f| f.hash);
    out
}

/// The features kept for one language's texts.
#[derive(Debug, Default)]
pub struct Vocab {
    index: HashMap<u64, u32>,
    /// Feature hash by index.
    pub hashes: Vec<u64>,
    pub kinds: Vec<FeatureKind>,
    /// Texts (of the fitted period) with the feature.
    pub df: Vec<u32>,
    pub idf: Vec<f32>,
    pub docs: usize,
}

/// A text as (feature index, weight) pairs sorted by index, L2-normalised.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

impl SparseVec {
    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
}

/// Character bigrams back up Korean stems; they weigh less than whole words.
const BIGRAM_WEIGHT: f32 = 0.5;
/// Phrases label themes but do not cluster texts: a phrase is mostly one wording's, so it
/// would split a theme by how people phrase it.
const PHRASE_WEIGHT: f32 = 0.0;
/// The first clause (a ticket's subject, a comment's first sentence) says what a text is
/// about; its words weigh more than the details that follow.
const LEAD_WEIGHT: f32 = 1.5;

impl Vocab {
    /// Keeps features in at least `min_df` texts and at most `max_share` of them:
    /// rarer ones cannot form a theme, commoner ones ("hello") tell none apart.
    pub fn fit(texts: &[Vec<Feature>], min_df: u32, max_share: f64) -> Vocab {
        let mut counts: HashMap<u64, (u32, FeatureKind)> = HashMap::new();
        for text in texts {
            for f in text {
                counts.entry(f.hash).or_insert((0, f.kind)).0 += 1;
            }
        }
        let max_df = ((texts.len() as f64 * max_share).ceil() as u32).max(min_df);
        let mut kept: Vec<(u64, u32, FeatureKind)> = counts
            .into_iter()
            .filter(|(_, (df, _))| *df >= min_df && *df <= max_df)
            .map(|(hash, (df, kind))| (hash, df, kind))
            .collect();
        kept.sort_unstable_by_key(|(hash, _, _)| *hash);
        let n = texts.len() as f32;
        let mut vocab = Vocab {
            docs: texts.len(),
            ..Vocab::default()
        };
        for (i, (hash, df, kind)) in kept.into_iter().enumerate() {
            vocab.index.insert(hash, i as u32);
            vocab.hashes.push(hash);
            vocab.kinds.push(kind);
            vocab.df.push(df);
            vocab.idf.push(((1.0 + n) / (1.0 + df as f32)).ln() + 1.0);
        }
        vocab
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn get(&self, hash: u64) -> Option<u32> {
        self.index.get(&hash).copied()
    }

    /// The text's TF-IDF vector; features outside the vocabulary are ignored.
    pub fn vector(&self, text: &[Feature]) -> SparseVec {
        let mut pairs: Vec<(u32, f32)> = text
            .iter()
            .filter_map(|f| {
                let i = self.get(f.hash)?;
                let weight = match f.kind {
                    FeatureKind::Word => 1.0,
                    FeatureKind::CharBigram => BIGRAM_WEIGHT,
                    FeatureKind::Phrase => PHRASE_WEIGHT,
                };
                if weight == 0.0 {
                    return None;
                }
                let weight = if f.lead { weight * LEAD_WEIGHT } else { weight };
                Some((i, weight * self.idf[i as usize]))
            })
            .collect();
        pairs.sort_unstable_by_key(|(i, _)| *i);
        let norm = pairs.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut pairs {
                *w /= norm;
            }
        }
        let (idx, val) = pairs.into_iter().unzip();
        SparseVec { idx, val }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(words: &[(&str, u32)]) -> Vec<Token> {
        words
            .iter()
            .map(|(w, clause)| Token {
                stem: (*w).to_owned(),
                surface: (*w).to_owned(),
                negated: false,
                clause: *clause,
            })
            .collect()
    }

    #[test]
    fn phrases_stay_inside_a_clause() {
        let f = features(
            Lang::En,
            &tokens(&[("refund", 0), ("late", 0), ("login", 1)]),
        );
        let phrases: Vec<u64> = f
            .iter()
            .filter(|f| f.kind == FeatureKind::Phrase)
            .map(|f| f.hash)
            .collect();
        assert_eq!(phrases, vec![phrase_hash("refund", "late")]);
    }

    #[test]
    fn words_of_the_first_clause_weigh_more() {
        let texts: Vec<Vec<Feature>> = (0..4)
            .map(|i| {
                let words = if i % 2 == 0 {
                    [("refund", 0), ("late", 1)]
                } else {
                    [("late", 0), ("refund", 1)]
                };
                features(Lang::En, &tokens(&words))
            })
            .collect();
        let vocab = Vocab::fit(&texts, 1, 1.0);
        let v = vocab.vector(&texts[0]);
        let weight = |stem| {
            let i = vocab.get(word_hash(stem)).unwrap();
            v.val[v.idx.iter().position(|x| *x == i).unwrap()]
        };
        assert!((weight("refund") / weight("late") - LEAD_WEIGHT).abs() < 1e-5);
    }

    #[test]
    fn korean_stems_add_character_bigrams() {
        let f = features(Lang::Ko, &tokens(&[("비밀번호", 0)]));
        let bigrams = f
            .iter()
            .filter(|f| f.kind == FeatureKind::CharBigram)
            .count();
        assert_eq!(bigrams, 3, "비밀, 밀번, 번호");
        let en = features(Lang::En, &tokens(&[("password", 0)]));
        assert!(en.iter().all(|f| f.kind == FeatureKind::Word));
    }

    #[test]
    fn vocabulary_drops_rare_and_ubiquitous_features_and_normalises() {
        let texts: Vec<Vec<Feature>> = (0..10)
            .map(|i| {
                let mut words = vec![("hello", 0)];
                if i < 4 {
                    words.push(("refund", 0));
                }
                if i == 0 {
                    words.push(("typo", 0));
                }
                features(Lang::En, &tokens(&words))
            })
            .collect();
        let vocab = Vocab::fit(&texts, 2, 0.5);
        assert!(vocab.get(word_hash("refund")).is_some());
        assert!(vocab.get(word_hash("hello")).is_none(), "in every text");
        assert!(vocab.get(word_hash("typo")).is_none(), "in one text");
        let v = vocab.vector(&texts[0]);
        let norm: f32 = v.val.iter().map(|w| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        assert!(vocab.vector(&texts[9]).is_empty());
    }
}
