//! Stop words per script: the NLTK lists for English and Russian (minus words that
//! carry sentiment), and a hand-made Korean list. The ISO Korean list mixes punctuation,
//! digits and content words, so it is not used; this one keeps pronouns, particles,
//! conjunctions, fillers and the light verbs (하다, 되다, 있다) that endings strip to.
//! Negators are not decided here: they are recognised before stop words.

use std::sync::LazyLock;

use super::fnv::FnvSet;
use super::script::Script;

/// Common words the NLTK English list misses.
const ENGLISH_EXTRA: &[&str] = &["us", "also", "would", "could", "might", "must", "shall"];

/// Sentiment words in the NLTK Russian list ("хорошо" is how customers say "fine").
const RUSSIAN_KEPT: &[&str] = &["хорошо", "лучше"];

/// Common words the NLTK Russian list misses.
#[rustfmt::skip]
const RUSSIAN_EXTRA: &[&str] = &[
    "это", "эта", "очень", "также", "просто", "вообще", "который", "которая", "которое",
    "которые", "которого", "которой", "которую", "которых", "свой", "своей", "своего",
    "свои", "наш", "наша", "наше", "наши", "нашего", "нашей", "ваш", "ваша", "ваше", "ваши",
    "вашего", "вашей", "вашу", "весь", "вся", "нашу", "нам", "вами", "мои", "мою",
];

/// Korean function words, fillers and the stems light verbs strip to. Greetings and
/// thanks (안녕, 감사) are content.
#[rustfmt::skip]
const KOREAN: &[&str] = &[
    // pronouns and demonstratives
    "저", "제", "저희", "나", "내", "우리", "너", "너희", "당신", "그", "이", "저것",
    "이것", "그것", "이거", "그거", "저거", "여기", "거기", "저기", "것", "거", "게", "수",
    "때", "등", "중", "분", "번", "이번", "뭐", "뭔가", "무엇", "누구", "어디", "언제",
    "왜", "어떻게", "어떤", "무슨", "이런", "그런", "저런", "이렇게", "그렇게", "저렇게",
    // conjunctions and adverbs that only glue or intensify
    "그리고", "그런데", "근데", "그래서", "그러나", "그러면", "그럼", "하지만", "그래도",
    "그냥", "또", "또한", "및", "즉", "혹은", "또는", "정말", "진짜", "너무", "좀", "조금",
    "매우", "아주", "많이", "더", "다", "잘", "꼭", "지금", "이제", "이미", "다시", "계속",
    "혹시", "같이", "함께", "하나", "되게", "엄청", "완전",
    // interjections and answers
    "네", "예", "아", "어", "음", "응", "요",
    // light verbs, as written and as the stripped stems
    "하", "해", "했", "합", "한", "할", "함", "되", "돼", "됐", "됩", "된", "될", "됨",
    "하지", "되지", "있", "같", "싶", "주", "주세요", "드리", "드려", "드립", "났",
];

static ENGLISH: LazyLock<FnvSet<&'static str>> =
    LazyLock::new(|| nltk("en").chain(ENGLISH_EXTRA.iter().copied()).collect());

static RUSSIAN: LazyLock<FnvSet<&'static str>> = LazyLock::new(|| {
    nltk("ru")
        .filter(|word| !RUSSIAN_KEPT.contains(word))
        .chain(RUSSIAN_EXTRA.iter().copied())
        .collect()
});

static KOREAN_SET: LazyLock<FnvSet<&'static str>> =
    LazyLock::new(|| KOREAN.iter().copied().collect());

fn nltk(code: &str) -> impl Iterator<Item = &'static str> {
    stop_words::lookup(code).unwrap_or_default().iter().copied()
}

/// Whether a lowercased word (Russian: with ё written е) is a stop word of its script.
pub(super) fn is_stop_word(word: &str, script: Script) -> bool {
    match script {
        Script::Latin => ENGLISH.contains(word),
        Script::Cyrillic => RUSSIAN.contains(word),
        Script::Hangul => KOREAN_SET.contains(word),
        Script::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_stop_words() {
        assert!(is_stop_word("the", Script::Latin));
        assert!(is_stop_word("would", Script::Latin));
        assert!(is_stop_word("что", Script::Cyrillic));
        assert!(is_stop_word("это", Script::Cyrillic));
        assert!(is_stop_word("그리고", Script::Hangul));
        assert!(is_stop_word("저희", Script::Hangul));
        assert!(is_stop_word("주세요", Script::Hangul));
    }

    #[test]
    fn thanks_greetings_and_sentiment_words_are_kept() {
        for (word, script) in [
            ("thanks", Script::Latin),
            ("hello", Script::Latin),
            ("good", Script::Latin),
            ("спасибо", Script::Cyrillic),
            ("хорошо", Script::Cyrillic),
            ("здравствуйте", Script::Cyrillic),
            ("감사", Script::Hangul),
            ("안녕", Script::Hangul),
            ("환불", Script::Hangul),
        ] {
            assert!(!is_stop_word(word, script), "{word}");
        }
    }

    #[test]
    fn the_lists_are_loaded() {
        assert!(ENGLISH.len() > 150);
        assert!(RUSSIAN.len() > 180);
        assert_eq!(
            KOREAN_SET.len(),
            KOREAN.len(),
            "no duplicates in the Korean list"
        );
    }
}
