//! Typing slips: a swapped, dropped or doubled letter in one or two longer words. Only
//! lower-case words made of letters qualify, so numbers, addresses, codes and names
//! (agents', brands') stay intact.

use rand::Rng;

use super::sample::{chance, DemoRng};

/// Shortest word worth a slip: Hangul syllables carry more per character.
const MIN_LETTERS: usize = 5;
const MIN_HANGUL: usize = 4;

/// `text` with one word misspelled (two in about a third of texts with several long
/// words); unchanged when no word qualifies.
pub(super) fn misspell(rng: &mut DemoRng, text: &str) -> String {
    let words = candidates(text);
    if words.is_empty() {
        return text.to_owned();
    }
    let first = rng.gen_range(0..words.len());
    let mut chosen = vec![words[first].clone()];
    if words.len() > 1 && chance(rng, 0.3) {
        let other = (first + rng.gen_range(1..words.len())) % words.len();
        chosen.push(words[other].clone());
    }
    // Later words first, so earlier byte ranges stay valid.
    chosen.sort_by_key(|w| std::cmp::Reverse(w.start));
    let mut out = text.to_owned();
    for word in chosen {
        let slipped = slip(rng, &out[word.clone()]);
        out.replace_range(word, &slipped);
    }
    out
}

/// Byte ranges of the words a slip may hit: surrounding punctuation stripped, the rest
/// all letters, not capitalised, long enough.
fn candidates(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += token.len();
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() || !core.chars().all(char::is_alphabetic) {
            continue;
        }
        if core.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let letters = core.chars().count();
        let hangul = core.chars().any(is_hangul);
        if letters < if hangul { MIN_HANGUL } else { MIN_LETTERS } {
            continue;
        }
        let at = start + token.find(core).unwrap_or(0);
        out.push(at..at + core.len());
    }
    out
}

fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// One slip inside `word`, never on its first letter (people rarely miss that one).
fn slip(rng: &mut DemoRng, word: &str) -> String {
    let mut letters: Vec<char> = word.chars().collect();
    let n = letters.len();
    let i = rng.gen_range(1..n - 1);
    match rng.gen_range(0..3) {
        0 if letters[i] != letters[i + 1] => letters.swap(i, i + 1),
        1 => {
            letters.remove(i);
        }
        _ => letters.insert(i, letters[i]),
    }
    letters.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;

    #[test]
    fn a_slip_changes_one_long_word_and_leaves_numbers_and_names_alone() {
        let mut rng = stream(1, 1);
        let text = "Hi Natalie, invoice 12345 arrived at ops@acme.example twice";
        for _ in 0..200 {
            let out = misspell(&mut rng, text);
            assert_ne!(out, text, "a qualifying word exists");
            for kept in ["Hi", "Natalie,", "12345", "ops@acme.example", "at"] {
                assert!(out.contains(kept), "{kept} changed in {out}");
            }
            let changed = text
                .split(' ')
                .zip(out.split(' '))
                .filter(|(a, b)| a != b)
                .count();
            assert!((1..=2).contains(&changed), "{changed} words changed: {out}");
        }
    }

    #[test]
    fn short_texts_and_non_words_stay_unchanged() {
        let mut rng = stream(2, 1);
        for text in ["Hi", "👍👍", "2FA 503 ok", "Slack Salesforce", "로그인"] {
            assert_eq!(misspell(&mut rng, text), text);
        }
    }

    #[test]
    fn korean_and_russian_words_get_slips_too() {
        let mut rng = stream(3, 1);
        for text in ["비밀번호를 잊어버렸어요", "деньги списали дважды"]
        {
            assert_ne!(misspell(&mut rng, text), text);
        }
    }
}
