//! Shingles: the overlapping runs of words (or, for Korean, of characters) that two texts
//! share when one is a light edit of the other. Case, punctuation and spacing are
//! ignored; masks such as `[number]` count as words, so "order [number]" texts match
//! whatever the number was.

use std::str::CharIndices;

use super::hash::{combine, Fnv1a};
use crate::feedback::text::Lang;

/// Words (or characters) per shingle.
const SHINGLE_LEN: usize = 3;
/// Long texts are compared by their start, so a pasted log cannot dominate the run.
const MAX_UNITS: usize = 2_000;
/// Longest mask name, `[` and `]` excluded.
const MAX_MASK_NAME: usize = 16;

/// Salts that keep unigrams, bigrams and 3-shingles apart.
const SALT_UNIGRAM: u64 = 1;
const SALT_BIGRAM: u64 = 2;
const SALT_SHINGLE: u64 = 3;

/// Reusable buffers, one per worker thread.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    units: Vec<u64>,
    pub(super) shingles: Vec<u64>,
}

/// Fills `scratch.shingles` with the shingle hashes of `text`; empty when the text has
/// no words. Every hash is below 2^61, the field the MinHash family works in.
///
/// Korean (or any text whose letters are mostly Hangul) is shingled by characters with
/// spaces removed: particles and endings change a word's spelling, so whole words rarely
/// repeat. Texts of fewer than 3 units use unigrams and bigrams instead.
pub(super) fn shingle(lang: Option<Lang>, text: &str, scratch: &mut Scratch) {
    let korean = lang == Some(Lang::Ko);
    let letters = units(text, korean, &mut scratch.units);
    if !korean && letters.mostly_hangul() {
        units(text, true, &mut scratch.units);
    }
    let units = &scratch.units;
    let out = &mut scratch.shingles;
    out.clear();
    if units.len() < SHINGLE_LEN {
        out.extend(units.iter().map(|&u| combine(SALT_UNIGRAM, [u])));
        out.extend(
            units
                .windows(2)
                .map(|w| combine(SALT_BIGRAM, w.iter().copied())),
        );
    } else {
        out.extend(
            units
                .windows(SHINGLE_LEN)
                .map(|w| combine(SALT_SHINGLE, w.iter().copied())),
        );
    }
    for hash in out.iter_mut() {
        *hash >>= 3;
    }
}

/// Letters seen while splitting a text, masks aside.
#[derive(Debug, Default, Clone, Copy)]
struct LetterCount {
    hangul: usize,
    all: usize,
}

impl LetterCount {
    fn mostly_hangul(self) -> bool {
        self.hangul * 2 > self.all
    }
}

/// Fills `out` with the text's units as hashes: lowercased words (or, `by_char`, single
/// letters and digits) and masks.
fn units(text: &str, by_char: bool, out: &mut Vec<u64>) -> LetterCount {
    out.clear();
    let mut letters = LetterCount::default();
    let mut word: Option<Fnv1a> = None;
    for piece in Pieces::new(text) {
        if out.len() >= MAX_UNITS {
            break;
        }
        let c = match piece {
            Piece::Mask(mask) => {
                out.extend(word.take().map(Fnv1a::finish));
                let mut hash = Fnv1a::new();
                hash.write(mask.as_bytes());
                out.push(hash.finish());
                continue;
            }
            Piece::Gap => {
                out.extend(word.take().map(Fnv1a::finish));
                continue;
            }
            Piece::Hangul(c) => {
                letters.hangul += 1;
                letters.all += 1;
                c
            }
            Piece::Letter(c) => {
                letters.all += 1;
                c
            }
            Piece::Digit(c) => c,
        };
        if by_char {
            let mut hash = Fnv1a::new();
            write_lowercase(&mut hash, c);
            out.push(hash.finish());
        } else {
            write_lowercase(word.get_or_insert_with(Fnv1a::new), c);
        }
    }
    out.extend(word.take().map(Fnv1a::finish));
    letters
}

/// Hashes `c` lowercased; ASCII, Cyrillic and Hangul skip the Unicode case tables.
fn write_lowercase(hash: &mut Fnv1a, c: char) {
    match c {
        'A'..='Z' | 'А'..='Я' => hash.write_char(char::from_u32(c as u32 + 32).unwrap_or(c)),
        'Ё' => hash.write_char('ё'),
        c if c.is_ascii() || ('а'..='я').contains(&c) || is_hangul(c) => hash.write_char(c),
        c => c.to_lowercase().for_each(|l| hash.write_char(l)),
    }
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// One step through a text: a mask, a character of a word, or anything between words
/// (spaces, punctuation, symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    Mask(&'a str),
    Hangul(char),
    Letter(char),
    Digit(char),
    Gap,
}

struct Pieces<'a> {
    text: &'a str,
    chars: CharIndices<'a>,
}

impl<'a> Pieces<'a> {
    fn new(text: &'a str) -> Self {
        Pieces {
            text,
            chars: text.char_indices(),
        }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let (at, c) = self.chars.next()?;
        if c == '[' {
            let rest = self.text.get(at..).unwrap_or_default();
            if let Some(mask) = rest.get(..mask_len(rest)).filter(|m| !m.is_empty()) {
                // A mask is ASCII: one char per byte, and its `[` is already consumed.
                self.chars.nth(mask.len().saturating_sub(2));
                return Some(Piece::Mask(mask));
            }
        }
        Some(match c {
            'a'..='z' | 'A'..='Z' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => Piece::Letter(c),
            '0'..='9' => Piece::Digit(c),
            c if c.is_ascii() => Piece::Gap,
            c if is_hangul(c) => Piece::Hangul(c),
            c if c.is_alphabetic() => Piece::Letter(c),
            c if c.is_numeric() => Piece::Digit(c),
            _ => Piece::Gap,
        })
    }
}

/// Byte length of a mask (`[` lowercase ASCII letters or `_` `]`) at the start of
/// `text`, or 0.
fn mask_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'[') {
        return 0;
    }
    let name = bytes
        .iter()
        .skip(1)
        .take(MAX_MASK_NAME + 1)
        .take_while(|&&b| b.is_ascii_lowercase() || b == b'_')
        .count();
    let closed = bytes.get(name + 1) == Some(&b']');
    if (1..=MAX_MASK_NAME).contains(&name) && closed {
        name + 2
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shingles_of(lang: Option<Lang>, text: &str) -> Vec<u64> {
        let mut scratch = Scratch::default();
        shingle(lang, text, &mut scratch);
        scratch.shingles
    }

    #[test]
    fn case_punctuation_and_spacing_are_ignored() {
        assert_eq!(
            shingles_of(Some(Lang::En), "Where is my ORDER?!  It's late."),
            shingles_of(Some(Lang::En), "where is my order it s late"),
        );
    }

    #[test]
    fn masks_are_words_of_their_own() {
        let masked = shingles_of(Some(Lang::En), "order [number] is late");
        assert_eq!(masked.len(), 2, "four units make two 3-shingles");
        assert_ne!(
            masked,
            shingles_of(Some(Lang::En), "order number is late"),
            "a mask is not the plain word"
        );
        assert_eq!(mask_len("[number] x"), 8);
        assert_eq!(mask_len("[Number]"), 0, "masks are lowercase");
        assert_eq!(mask_len("[]"), 0);
        assert_eq!(mask_len("[number"), 0);
    }

    #[test]
    fn korean_is_shingled_by_characters_without_spaces() {
        assert_eq!(
            shingles_of(None, "환불 해 주세요"),
            shingles_of(Some(Lang::Ko), "환불해주세요"),
            "mostly Hangul text is Korean whatever the detected language"
        );
        assert_eq!(shingles_of(Some(Lang::Ko), "환불해주세요").len(), 4);
    }

    #[test]
    fn short_texts_use_unigrams_and_bigrams() {
        assert_eq!(shingles_of(Some(Lang::En), "refund please").len(), 3);
        assert_eq!(shingles_of(Some(Lang::En), "thanks").len(), 1);
        assert!(shingles_of(None, " ?! ").is_empty());
        assert!(shingles_of(None, "").is_empty());
    }

    #[test]
    fn hashes_fit_the_minhash_field() {
        let shingles = shingles_of(Some(Lang::Ru), "Заказ не пришёл, верните деньги");
        assert!(shingles.iter().all(|&h| h < 1 << 61));
    }
}
