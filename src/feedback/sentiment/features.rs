//! What the classifier sees of a comment: its stems, marked when a negation governs them
//! ("¬good" is a different word from "good"), and pairs of adjacent stems inside one
//! clause ("too slow", "не помогли"). Features are interned to dense integer ids, so
//! counting and scoring touch arrays instead of strings.

use std::collections::hash_map::{Entry, HashMap};

use crate::feedback::text::Token;

/// Feature ids of the rated comments a model learns from, in one of two modes: interning
/// (training adds unseen features) or looking up (scoring skips them).
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    /// Stem → id of its plain occurrences.
    plain: HashMap<String, u32>,
    /// Stem → id of its negated occurrences.
    negated: HashMap<String, u32>,
    /// (first word id, second word id) → id, for adjacent words of one clause.
    pairs: HashMap<(u32, u32), u32>,
    /// The next id to hand out: ids run from 0 to `len − 1`.
    len: u32,
}

/// A feature before it has an id.
enum Feature<'t> {
    Word { stem: &'t str, negated: bool },
    Pair(u32, u32),
}

impl Vocabulary {
    /// The distinct features of `tokens` into `out` (sorted ids), adding new ones.
    pub(super) fn intern(&mut self, tokens: &[Token], out: &mut Vec<u32>) {
        collect(tokens, out, |feature| self.intern_one(feature));
    }

    /// The distinct known features of `tokens` into `out` (sorted ids); unseen ones carry
    /// no evidence and are left out.
    pub(super) fn lookup(&self, tokens: &[Token], out: &mut Vec<u32>) {
        collect(tokens, out, |feature| match feature {
            Feature::Word { stem, negated } => self.words(negated).get(stem).copied(),
            Feature::Pair(first, second) => self.pairs.get(&(first, second)).copied(),
        });
    }

    fn words(&self, negated: bool) -> &HashMap<String, u32> {
        if negated {
            &self.negated
        } else {
            &self.plain
        }
    }

    fn words_mut(&mut self, negated: bool) -> &mut HashMap<String, u32> {
        if negated {
            &mut self.negated
        } else {
            &mut self.plain
        }
    }

    /// Forgets the features `keep` rejects (their ids are not reused), and frees the
    /// room they took: a smaller table is a faster lookup.
    pub(super) fn retain(&mut self, keep: impl Fn(u32) -> bool) {
        for words in [&mut self.plain, &mut self.negated] {
            words.retain(|_, id| keep(*id));
            words.shrink_to_fit();
        }
        self.pairs.retain(|_, id| keep(*id));
        self.pairs.shrink_to_fit();
    }

    /// The feature's id, a new one if unseen; None once 2³² − 1 ids are handed out.
    fn intern_one(&mut self, feature: Feature) -> Option<u32> {
        let next = self.len;
        let full = next == u32::MAX;
        match feature {
            Feature::Word { stem, negated } => {
                let words = self.words_mut(negated);
                if let Some(&id) = words.get(stem) {
                    return Some(id);
                }
                if full {
                    return None;
                }
                words.insert(stem.to_owned(), next);
            }
            Feature::Pair(first, second) => match self.pairs.entry((first, second)) {
                Entry::Occupied(known) => return Some(*known.get()),
                Entry::Vacant(_) if full => return None,
                Entry::Vacant(new) => {
                    new.insert(next);
                }
            },
        }
        self.len += 1; // below u32::MAX, checked above
        Some(next)
    }
}

/// Walks the tokens once: each word, then the pair it ends when its left neighbour is in
/// the same clause. A word without an id breaks the chain, as no pair with it can be
/// known either.
fn collect<'t>(
    tokens: &'t [Token],
    out: &mut Vec<u32>,
    mut id_of: impl FnMut(Feature<'t>) -> Option<u32>,
) {
    out.clear();
    let mut previous: Option<(u32, u32)> = None; // (clause, word id)
    for token in tokens.iter().filter(|t| !t.stem.is_empty()) {
        let word = id_of(Feature::Word {
            stem: &token.stem,
            negated: token.negated,
        });
        if let Some(id) = word {
            out.push(id);
            if let Some((_, left)) = previous.filter(|&(clause, _)| clause == token.clause) {
                out.extend(id_of(Feature::Pair(left, id)));
            }
        }
        previous = word.map(|id| (token.clause, id));
    }
    // Binarised: a word said three times is as much evidence as once.
    out.sort_unstable();
    out.dedup();
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Tokens from a compact spec: words separated by spaces, `¬` marks a negated word,
    /// `|` starts a new clause.
    pub(crate) fn tokens(spec: &str) -> Vec<Token> {
        let mut clause = 0;
        let mut out = Vec::new();
        for word in spec.split_whitespace() {
            if word == "|" {
                clause += 1;
                continue;
            }
            let (negated, stem) = match word.strip_prefix('¬') {
                Some(stem) => (true, stem),
                None => (false, word),
            };
            out.push(Token {
                stem: stem.to_owned(),
                surface: stem.to_owned(),
                negated,
                clause,
            });
        }
        out
    }

    #[test]
    fn words_negations_and_pairs_get_their_own_ids() {
        let mut vocabulary = Vocabulary::default();
        let mut ids = Vec::new();
        vocabulary.intern(&tokens("good service"), &mut ids);
        // good = 0, service = 1, "good service" = 2
        assert_eq!(ids, [0, 1, 2]);
        vocabulary.intern(&tokens("¬good service"), &mut ids);
        // ¬good = 3, "¬good service" = 4; service is known
        assert_eq!(ids, [1, 3, 4]);
        assert_eq!(vocabulary.len, 5);
    }

    #[test]
    fn pairs_stay_inside_a_clause_and_repeats_count_once() {
        let mut vocabulary = Vocabulary::default();
        let mut ids = Vec::new();
        vocabulary.intern(&tokens("slow | reply slow slow"), &mut ids);
        // slow = 0, reply = 1, "reply slow" = 2, "slow slow" = 3; no "slow reply"
        assert_eq!(ids, [0, 1, 2, 3]);
        assert_eq!(vocabulary.len, 4);
    }

    #[test]
    fn lookup_skips_unseen_features_and_adds_nothing() {
        let mut vocabulary = Vocabulary::default();
        let mut ids = Vec::new();
        vocabulary.intern(&tokens("agent helpful"), &mut ids);
        vocabulary.lookup(&tokens("agent very helpful | agent helpful"), &mut ids);
        // agent = 0, helpful = 1, "agent helpful" = 2 (second clause); "very" is new
        assert_eq!(ids, [0, 1, 2]);
        vocabulary.lookup(&tokens("¬helpful"), &mut ids);
        assert!(ids.is_empty(), "the negated word was never seen");
        assert_eq!(vocabulary.len, 3);
    }

    #[test]
    fn retained_features_keep_their_ids() {
        let mut vocabulary = Vocabulary::default();
        let mut ids = Vec::new();
        vocabulary.intern(&tokens("slow reply"), &mut ids);
        // slow = 0, reply = 1, "slow reply" = 2
        vocabulary.retain(|id| id != 0);
        vocabulary.lookup(&tokens("slow reply"), &mut ids);
        assert_eq!(ids, [1], "without slow, its pair cannot be found either");
        vocabulary.intern(&tokens("slow"), &mut ids);
        assert_eq!(ids, [3], "a forgotten feature comes back as a new one");
    }
}
