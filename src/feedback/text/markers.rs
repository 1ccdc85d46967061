//! Words that mark a Latin-script text as English, or as one of the other languages
//! lingua tells apart, so most texts are decided without asking lingua.

use std::sync::LazyLock;

use super::fnv::FnvSet;

/// English function words and everyday support words that Spanish, Portuguese, French,
/// German and Italian do not use (so no "a", "in", "no", "me", "so", "was", "will",
/// "app", "service", "support", "problem").
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    // function words
    "the", "is", "are", "were", "be", "been", "am", "to", "of", "and", "for", "with", "it",
    "its", "it's", "i", "i'm", "i've", "my", "you", "your", "this", "that", "not", "can",
    "can't", "have", "has", "had", "does", "did", "don't", "doesn't", "didn't", "isn't",
    "but", "at", "we", "our", "they", "there", "what", "why", "how", "when", "from", "just",
    "still", "very", "would", "could", "should", "any", "after", "about", "if", "or", "by",
    "all", "he", "she", "his", "her", "them", "their", "again", "too", "out", "up", "now",
    "never", "always", "really", "way", "get", "got", "since", "over", "even", "though",
    "than", "every", "which", "who", "much", "one", "same", "only", "right", "because",
    "while", "where", "into", "these", "those", "some", "other", "without", "through",
    "until", "before", "first", "new", "fewer", "keeps", "says", "shows",
    // everyday words of support feedback
    "please", "thanks", "thank", "thx", "great", "good", "bad", "help", "helpful", "quick",
    "quickly", "fast", "slow", "easy", "nice", "love", "friendly", "awesome", "amazing",
    "terrible", "worst", "best", "refund", "delivery", "account", "password", "issue",
    "waiting", "fixed", "resolved", "solved", "received", "arrived", "took", "weeks",
    "days", "long", "stars", "answer", "works", "working", "hi", "hello", "regards",
    "team", "today", "yesterday", "morning", "week", "twice", "time", "appreciated",
    "everything", "clearly", "explained", "errors", "payment", "update", "invoice",
];

/// Function words of Spanish, Portuguese, French, German and Italian that English does
/// not use ("a", "as", "do", "per", "die", "um" are left out).
#[rustfmt::skip]
const FOREIGN: &[&str] = &[
    // Spanish
    "el", "los", "las", "del", "que", "por", "para", "una", "es", "muy", "pero", "mi", "y",
    "gracias", "está", "esta", "se", "lo", "al", "más", "ya", "hola", "la", "de", "con",
    // Portuguese
    "os", "da", "das", "dos", "com", "não", "uma", "é", "muito", "mas", "meu", "minha",
    "obrigado", "obrigada", "pela", "pelo", "em", "ainda", "o",
    // French
    "le", "les", "des", "du", "et", "est", "pour", "avec", "une", "pas", "ne", "je", "il",
    "qui", "très", "merci", "mon", "ma", "mes", "sur", "dans", "au", "aux", "ce", "cette",
    "vous", "un",
    // German
    "der", "das", "und", "ist", "nicht", "ein", "eine", "mit", "für", "auf", "ich", "zu",
    "den", "dem", "sehr", "danke", "mein", "meine", "kein", "keine", "noch", "wie", "aber",
    "bitte", "schon", "auch",
    // Italian
    "di", "che", "non", "è", "molto", "mio", "grazie", "sono", "della", "ancora",
];

static ENGLISH_SET: LazyLock<FnvSet<&'static str>> =
    LazyLock::new(|| ENGLISH.iter().copied().collect());

static FOREIGN_SET: LazyLock<FnvSet<&'static str>> =
    LazyLock::new(|| FOREIGN.iter().copied().collect());

/// Whether a lowercased Latin word (straight apostrophes) marks English.
pub(super) fn is_english_marker(word: &str) -> bool {
    ENGLISH_SET.contains(word)
}

/// Whether a lowercased Latin word marks Spanish, Portuguese, French, German or Italian.
pub(super) fn is_foreign_marker(word: &str) -> bool {
    FOREIGN_SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_word_marks_both_sides() {
        let both: Vec<&&str> = FOREIGN.iter().filter(|w| is_english_marker(w)).collect();
        assert!(both.is_empty(), "{both:?}");
    }

    #[test]
    fn markers_are_lowercase() {
        for word in ENGLISH.iter().chain(FOREIGN) {
            assert_eq!(*word, word.to_lowercase());
        }
    }
}
