//! Negation: which words negate, and which content words fall in their scope. English
//! and Russian negators reach forward over the next three content words; Korean 안/못
//! reach the next one, and 않/없/못하 forms (않아요, 없어요) reach back to the word
//! before. A scope ends at the clause end, a comma or a "but". Negators are not tokens.

/// How far a forward negator reaches.
const FORWARD_REACH: u8 = 3;

/// What a negating word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Negator {
    /// Negates the next `reach` content words (not, не, 안).
    Forward { reach: u8, korean: bool },
    /// Negates the content word before it (않아요, 없어요, 아니에요).
    Backward,
}

#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "not", "no", "never", "cannot", "without", "nothing", "nobody", "none", "neither",
    "nor", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "werent", "arent", "havent",
    "hasnt", "hadnt", "wouldnt", "couldnt", "shouldnt", "aint",
];

/// нельзя ("one cannot") negates like не.
#[rustfmt::skip]
const RUSSIAN: &[&str] = &[
    "не", "ни", "нет", "без", "никогда", "ничего", "никто", "нельзя", "нисколько",
];

/// Words that end a negation's scope inside a clause.
#[rustfmt::skip]
const CONTRASTS: &[&str] = &[
    "but", "however", "though", "although", "но", "однако", "зато", "а", "하지만", "그런데", "근데",
    "그러나",
];

/// Korean syllables after 안 that make a one-word negated light verb (안돼요, 안했어요).
#[rustfmt::skip]
const KOREAN_LIGHT_AFTER_AN: &[char] = &[
    '돼', '되', '됨', '됩', '됐', '된', '될', '해', '했', '하', '함', '합', '한', '할',
];

/// The negator a lowercased word is, if any (curly apostrophes already made straight).
pub(super) fn negator(word: &str) -> Option<Negator> {
    let forward = |korean| Negator::Forward {
        reach: if korean { 1 } else { FORWARD_REACH },
        korean,
    };
    if word.ends_with("n't") || ENGLISH.contains(&word) || RUSSIAN.contains(&word) {
        return Some(forward(false));
    }
    if word == "안" || word == "못" {
        return Some(forward(true));
    }
    is_korean_backward(word).then_some(Negator::Backward)
}

/// 않아요, 없어요, 못해요, 아니에요, 안돼요: Korean forms that negate the word before.
fn is_korean_backward(word: &str) -> bool {
    let mut syllables = word.chars();
    let first = syllables.next();
    let second = syllables.next();
    match (first, second) {
        (Some('않' | '없'), _) => true,
        (Some('못'), Some('하' | '해' | '했' | '한' | '합' | '함')) => true,
        // 아니면 ("or else") is a conjunction, not a negation.
        (Some('아'), Some('니' | '닌' | '닙')) => !word.starts_with("아니면"),
        (Some('안'), Some(next)) => KOREAN_LIGHT_AFTER_AN.contains(&next),
        _ => false,
    }
}

/// A Korean word with 없/않 glued to a noun or verb (문제없어요, 되지않아요): the part
/// before and the negating rest.
pub(super) fn split_glued_korean(word: &str) -> Option<(&str, &str)> {
    if !word.starts_with(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
        return None;
    }
    let (at, _) = word
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '없' || c == '않')?;
    Some(word.split_at(at))
}

/// Whether a word ends any negation scope it is in.
pub(super) fn is_contrast(word: &str) -> bool {
    CONTRASTS.contains(&word)
}

/// Whether the text between two words ends a negation scope (a comma, colon or dash).
pub(super) fn is_scope_break(gap: &str) -> bool {
    gap.contains([',', ':', '—', '–'])
}

/// The open negation scope while walking one clause.
#[derive(Debug, Default)]
pub(super) struct Scope {
    remaining: u8,
    korean: bool,
}

impl Scope {
    pub(super) fn open(&mut self, reach: u8, korean: bool) {
        self.remaining = reach;
        self.korean = korean;
    }

    pub(super) fn close(&mut self) {
        self.remaining = 0;
    }

    /// Whether the next content word is negated; uses up one word of the scope.
    pub(super) fn take(&mut self) -> bool {
        let negated = self.remaining > 0;
        self.remaining = self.remaining.saturating_sub(1);
        negated
    }

    /// A Korean 안/못 followed by a bare light verb (못 했어요) negates the word before:
    /// says so and closes the scope.
    pub(super) fn turns_back_at_light_verb(&mut self) -> bool {
        let turns = self.korean && self.remaining > 0;
        if turns {
            self.close();
        }
        turns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negators_of_each_language() {
        let three = Some(Negator::Forward {
            reach: 3,
            korean: false,
        });
        for word in [
            "not", "never", "don't", "can't", "cannot", "dont", "не", "нет", "без",
        ] {
            assert_eq!(negator(word), three, "{word}");
        }
        let one = Some(Negator::Forward {
            reach: 1,
            korean: true,
        });
        assert_eq!(negator("안"), one);
        assert_eq!(negator("못"), one);
        for word in [
            "않아요",
            "없어요",
            "않습니다",
            "못해요",
            "아니에요",
            "안돼요",
            "안됩니다",
        ] {
            assert_eq!(negator(word), Some(Negator::Backward), "{word}");
        }
        for word in [
            "note",
            "nobody's",
            "안내",
            "안녕",
            "못생긴",
            "아이",
            "아니면",
            "нету",
        ] {
            assert_eq!(negator(word), None, "{word}");
        }
    }

    #[test]
    fn glued_korean_negation_splits_after_the_first_syllable() {
        assert_eq!(split_glued_korean("문제없어요"), Some(("문제", "없어요")));
        assert_eq!(split_glued_korean("되지않아요"), Some(("되지", "않아요")));
        assert_eq!(split_glued_korean("없어요"), None);
        assert_eq!(split_glued_korean("환불"), None);
        assert_eq!(split_glued_korean("ok없어요"), None, "Hangul words only");
    }

    #[test]
    fn a_scope_counts_down_and_korean_turns_back_at_light_verbs() {
        let mut scope = Scope::default();
        assert!(!scope.take());
        scope.open(2, false);
        assert!(scope.take() && scope.take() && !scope.take());
        scope.open(1, true);
        assert!(scope.turns_back_at_light_verb());
        assert!(!scope.take());
    }

    #[test]
    fn commas_and_contrasts_break_scopes() {
        assert!(is_scope_break(", "));
        assert!(!is_scope_break(" "));
        assert!(is_contrast("but") && is_contrast("но") && is_contrast("하지만"));
    }
}
