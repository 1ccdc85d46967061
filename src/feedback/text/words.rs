//! Words and tokens: clauses split at sentence punctuation and line breaks, words by
//! UAX#29 (split again where the script changes, as in "iOS앱"), masks and numbers
//! skipped, negators turned into scopes, stop words dropped and every word stemmed by
//! its own script's rules.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use super::korean;
use super::mask::is_mask;
use super::negation::{self, Negator, Scope};
use super::script::{push_lowercase, script_of, script_of_word, Script};
use super::stopwords::is_stop_word;
use super::Token;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Characters that end a clause: phrases and negation never cross them.
fn is_clause_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '…' | '。' | '\n')
}

/// The words of `text` with their byte offsets: UAX#29 words without masks, split
/// where the script changes.
pub(super) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.unicode_word_indices()
        .filter(move |&(start, word)| !is_mask(text, start, start + word.len()))
        .flat_map(|(start, word)| ScriptRuns { rest: word, start })
}

/// The pieces of a word that are each in one script ("ios앱에서" → "ios", "앱에서").
struct ScriptRuns<'a> {
    rest: &'a str,
    start: usize,
}

impl<'a> Iterator for ScriptRuns<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let mut first_script = None;
        let cut = self
            .rest
            .char_indices()
            .find(|&(_, c)| match (script_of(c), first_script) {
                (Some(script), None) => {
                    first_script = Some(script);
                    false
                }
                (Some(script), Some(first)) => script != first,
                (None, _) => false,
            })
            .map_or(self.rest.len(), |(at, _)| at);
        let (run, rest) = self.rest.split_at(cut);
        let start = self.start;
        self.rest = rest;
        self.start += cut;
        Some((start, run))
    }
}

/// The content tokens of a cleaned, masked text.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut builder = TokenBuilder::default();
    for clause_text in text.split(is_clause_end) {
        builder.push_clause(clause_text);
    }
    builder.tokens
}

/// Tokens being collected, with the current clause and its open negation scope.
#[derive(Default)]
struct TokenBuilder {
    tokens: Vec<Token>,
    /// Index of the current clause; clauses without tokens take none.
    clause: u32,
    /// Index of the current clause's first token: backward negation stops there.
    first: usize,
    scope: Scope,
    /// One buffer for every word's lowercase form, so stop words cost no allocation.
    lower: String,
}

impl TokenBuilder {
    fn push_clause(&mut self, clause_text: &str) {
        self.first = self.tokens.len();
        self.scope = Scope::default();
        let mut previous_end = 0;
        for (start, word) in words(clause_text) {
            let gap = clause_text.get(previous_end..start).unwrap_or_default();
            if negation::is_scope_break(gap) {
                self.scope.close();
            }
            previous_end = start + word.len();
            let mut lower = std::mem::take(&mut self.lower);
            lower.clear();
            push_lowercase(word, &mut lower);
            self.push_word(&lower);
            self.lower = lower;
        }
        if self.tokens.len() > self.first {
            self.clause += 1;
        }
    }

    fn push_word(&mut self, surface: &str) {
        let key = matching_key(surface);
        if negation::is_contrast(&key) {
            self.scope.close();
            return;
        }
        match negation::negator(&key) {
            Some(Negator::Forward { reach, korean }) => self.scope.open(reach, korean),
            Some(Negator::Backward) => self.negate_previous(),
            None => match negation::split_glued_korean(&key) {
                Some((before, rest)) if negation::negator(rest) == Some(Negator::Backward) => {
                    self.push_content(before, before);
                    self.negate_previous();
                }
                _ => self.push_content(surface, &key),
            },
        }
    }

    /// Adds a content word unless it is a number, a one-letter word or a stop word.
    fn push_content(&mut self, surface: &str, key: &str) {
        let Some(script) = script_of_word(key) else {
            return;
        };
        let single_letter = key.chars().nth(1).is_none();
        if has_digit(key)
            || (single_letter && matches!(script, Script::Latin | Script::Cyrillic))
            || is_stop_word(key, script)
        {
            self.dropped_light_verb(key, script);
            return;
        }
        let stem = stem(key, script).into_owned();
        if script == Script::Hangul && is_stop_word(&stem, script) {
            self.dropped_light_verb(&stem, script);
            return;
        }
        let negated = self.scope.take();
        let token = Token {
            stem,
            surface: surface.to_owned(),
            negated,
            clause: self.clause,
        };
        self.tokens.push(token);
    }

    /// 못 했어요, 안 돼요: a Korean negator before a bare light verb negates the word
    /// before the negator.
    fn dropped_light_verb(&mut self, word: &str, script: Script) {
        let light = script == Script::Hangul && korean::is_light_verb(&korean::stem(word));
        if light && self.scope.turns_back_at_light_verb() {
            self.negate_previous();
        }
    }

    fn negate_previous(&mut self) {
        if self.tokens.len() > self.first {
            if let Some(previous) = self.tokens.last_mut() {
                previous.negated = true;
            }
        }
    }
}

/// The stem of a lowercase word (as [`matching_key`] spells it) by its script's rules.
pub(super) fn stem(key: &str, script: Script) -> Cow<'_, str> {
    match script {
        Script::Latin => ENGLISH.stem(key),
        Script::Cyrillic => RUSSIAN.stem(key),
        Script::Hangul => korean::stem(key),
        Script::Other => Cow::Borrowed(key),
    }
}

/// Digits of any script; letters of ours are ruled out first, cheaply.
fn has_digit(word: &str) -> bool {
    word.chars()
        .any(|c| c.is_ascii_digit() || (!c.is_ascii() && script_of(c).is_none() && c.is_numeric()))
}

/// The spelling stop words, negators and stemmers expect: straight apostrophes, and
/// Russian ё written е.
fn matching_key(surface: &str) -> Cow<'_, str> {
    if surface.contains(['’', 'ё']) {
        Cow::Owned(surface.replace('’', "'").replace('ё', "е"))
    } else {
        Cow::Borrowed(surface)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.stem).collect()
    }

    /// Stems with a `!` in front of negated ones.
    fn negations(text: &str) -> Vec<String> {
        let mark = |t: Token| {
            if t.negated {
                format!("!{}", t.stem)
            } else {
                t.stem
            }
        };
        tokens(text).into_iter().map(mark).collect()
    }

    #[test]
    fn clauses_split_at_sentence_punctuation_and_line_breaks() {
        let clauses: Vec<(String, u32)> =
            tokens("Slow delivery. Broken box! Why?\nrefund; fine… ok。 good")
                .into_iter()
                .map(|t| (t.surface, t.clause))
                .collect();
        let expected = [
            ("slow", 0),
            ("delivery", 0),
            ("broken", 1),
            ("box", 1),
            ("refund", 2),
            ("fine", 3),
            ("ok", 4),
            ("good", 5),
        ];
        let expected: Vec<(String, u32)> =
            expected.iter().map(|&(w, c)| (w.to_owned(), c)).collect();
        assert_eq!(clauses, expected, "empty clauses (\"Why?\") take no index");
    }

    #[test]
    fn english_words_get_snowball_stems_and_lowercase_surfaces() {
        let tokens = tokens("Refunds CHARGED twice, cancelled orders, crashes while working");
        let pairs: Vec<(&str, &str)> = tokens
            .iter()
            .map(|t| (t.surface.as_str(), t.stem.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("refunds", "refund"),
                ("charged", "charg"),
                ("twice", "twice"),
                ("cancelled", "cancel"),
                ("orders", "order"),
                ("crashes", "crash"),
                ("working", "work"),
            ]
        );
    }

    #[test]
    fn russian_words_get_snowball_stems_with_yo_as_ye() {
        assert_eq!(
            stems("Возврата денег нет, приложение зависает, доставки ещё ждём"),
            ["возврат", "денег", "приложен", "зависа", "доставк", "ждем"]
        );
    }

    #[test]
    fn korean_words_lose_particles_and_fillers() {
        assert_eq!(stems("해결해 주세요"), ["해결"]);
        assert_eq!(
            stems("저는 비밀번호를 재설정하려고 했는데 너무 늦어요"),
            ["비밀번호", "재설정", "늦"]
        );
        assert_eq!(
            stems("앱에서 결제했어요 그리고 환불을 받았어요"),
            ["앱", "결제", "환불", "받"]
        );
    }

    #[test]
    fn every_word_is_stemmed_by_its_own_script() {
        assert_eq!(stems("앱이 crashes 나요"), ["앱", "crash"]);
        assert_eq!(stems("iOS앱에서 login이 안 돼요"), ["io", "앱", "login"]);
        assert_eq!(stems("Приложение crashes"), ["приложен", "crash"]);
    }

    #[test]
    fn masks_numbers_single_letters_and_stop_words_are_dropped() {
        assert_eq!(
            stems("I got [email] and [number] at 10 x5 a b я с the order2 Спасибо thanks"),
            ["got", "спасиб", "thank"]
        );
    }

    #[test]
    fn english_negation_reaches_three_content_words_in_its_clause() {
        assert_eq!(negations("Not working"), ["!work"]);
        assert_eq!(
            negations("I never got the refund email or invoice. Invoice fine"),
            ["!got", "!refund", "!email", "invoic", "invoic", "fine"]
        );
        assert_eq!(negations("didn’t like the update"), ["!like", "!updat"]);
        assert_eq!(negations("I can't login"), ["!login"]);
    }

    #[test]
    fn commas_and_but_end_a_negation_scope() {
        assert_eq!(
            negations("No refund received, support great"),
            ["!refund", "!receiv", "support", "great"]
        );
        assert_eq!(negations("not fast but friendly"), ["!fast", "friend"]);
    }

    #[test]
    fn russian_negation_reaches_forward() {
        assert_eq!(negations("Приложение не работает"), ["приложен", "!работа"]);
        assert_eq!(
            negations("Нет ответа от поддержки"),
            ["!ответ", "!поддержк"]
        );
        assert_eq!(negations("без проблем. Спасибо"), ["!пробл", "спасиб"]);
    }

    #[test]
    fn korean_negation_reaches_the_next_or_the_previous_word() {
        assert_eq!(negations("앱이 안 열려요"), ["앱", "!열리"]);
        assert_eq!(negations("로그인이 안돼요"), ["!로그인"]);
        assert_eq!(negations("답변이 없어요"), ["!답변"]);
        assert_eq!(negations("결제가 되지 않아요"), ["!결제"]);
        assert_eq!(negations("환불 못 받았어요"), ["환불", "!받"]);
        assert_eq!(negations("로그인 못 했어요"), ["!로그인"]);
        assert_eq!(negations("문제없어요"), ["!문제"]);
        assert_eq!(
            negations("배송이 빨라요. 없어요"),
            ["배송", "빨라"],
            "not across clauses"
        );
    }

    #[test]
    fn negators_are_not_tokens() {
        let surfaces: Vec<String> = tokens("not не 안 못 never 않아요")
            .into_iter()
            .map(|t| t.surface)
            .collect();
        assert!(surfaces.is_empty(), "{surfaces:?}");
    }

    #[test]
    fn words_skip_masks_and_split_scripts() {
        let found: Vec<&str> = words("mail [email] iOS앱 [x]").map(|(_, w)| w).collect();
        assert_eq!(found, ["mail", "iOS", "앱", "x"]);
    }
}
