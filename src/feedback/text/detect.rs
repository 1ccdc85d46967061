//! Language detection for en/ko/ru; anything else is `None`. Scripts decide Korean and
//! Russian; Latin text is English when it has enough English marker words or is one or
//! two words, is not when it has only another language's function words, and only
//! otherwise asks lingua (slow), so the common paths never do.

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use super::markers::{is_english_marker, is_foreign_marker};
use super::mask::mask_len_at;
use super::script::{push_lowercase, script_of, script_of_word, Script};
use super::words::words;
use super::Lang;

/// A script with at least this share of the letters decides the language (30%).
const SCRIPT_SHARE: (usize, usize) = (3, 10);

/// Latin text with at least this share of English markers is English (20%); with this
/// share of another language's markers and no English one, it is not.
const MARKER_SHARE: (usize, usize) = (1, 5);

/// Texts of this many Latin words or fewer ("ok", "not fixed") are English, unless they
/// use letters English does not ("Très bien", "Danke schön").
const SHORT_TEXT_WORDS: usize = 2;

/// Below this confidence in its best guess lingua is unsure, and English that comes
/// close (a third of the best) is kept: "Bad bad bad" splits between Portuguese and
/// Spanish, while "No funciona la app" is Spanish and Portuguese with English far behind.
const LINGUA_SURE: f64 = 0.7;
const LINGUA_CLOSE_SECOND: f64 = 1.0 / 3.0;

/// Lingua reads at most this many bytes (its cost grows with the text); the start of a
/// text tells its language.
const LINGUA_MAX_BYTES: usize = 400;

static LINGUA: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[
        Language::English,
        Language::German,
        Language::French,
        Language::Spanish,
        Language::Portuguese,
        Language::Italian,
    ])
    .build()
});

/// The language of a cleaned, masked text.
pub(super) fn detect(text: &str) -> Option<Lang> {
    let letters = LetterCounts::of(text);
    if letters.total == 0 {
        return None;
    }
    let hangul_decides = letters.has_share(letters.hangul);
    let cyrillic_decides = letters.has_share(letters.cyrillic);
    if hangul_decides && (!cyrillic_decides || letters.hangul >= letters.cyrillic) {
        return Some(Lang::Ko);
    }
    if cyrillic_decides {
        return (!letters.ukrainian_or_belarusian).then_some(Lang::Ru);
    }
    if letters.latin <= letters.other {
        return None;
    }
    latin_language(text)
}

/// Letters per script, masks skipped.
#[derive(Debug, Default)]
struct LetterCounts {
    total: usize,
    latin: usize,
    cyrillic: usize,
    hangul: usize,
    other: usize,
    /// і ї є ґ ў: letters Russian does not have.
    ukrainian_or_belarusian: bool,
}

impl LetterCounts {
    fn of(text: &str) -> LetterCounts {
        if text.is_ascii() {
            return LetterCounts::of_ascii(text);
        }
        let mut counts = LetterCounts::default();
        let mut skip_until = 0;
        for (at, c) in text.char_indices() {
            if at < skip_until {
                continue;
            }
            if c == '[' {
                let rest = text.get(at..).unwrap_or_default();
                skip_until = at + mask_len_at(rest).unwrap_or(0);
            }
            counts.add(c);
        }
        counts
    }

    /// The same count for ASCII text, byte by byte (most English comments).
    fn of_ascii(text: &str) -> LetterCounts {
        let mut letters = 0;
        let mut skip_until = 0;
        for (at, byte) in text.bytes().enumerate() {
            if at < skip_until {
                continue;
            }
            if byte == b'[' {
                let rest = text.get(at..).unwrap_or_default();
                skip_until = at + mask_len_at(rest).unwrap_or(0);
            }
            letters += usize::from(byte.is_ascii_alphabetic());
        }
        LetterCounts {
            total: letters,
            latin: letters,
            ..LetterCounts::default()
        }
    }

    fn add(&mut self, c: char) {
        let Some(script) = script_of(c) else {
            return;
        };
        self.total += 1;
        match script {
            Script::Latin => self.latin += 1,
            Script::Cyrillic => {
                self.cyrillic += 1;
                if matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'ў' | 'І' | 'Ї' | 'Є' | 'Ґ' | 'Ў')
                {
                    self.ukrainian_or_belarusian = true;
                }
            }
            Script::Hangul => self.hangul += 1,
            Script::Other => self.other += 1,
        }
    }

    fn has_share(&self, letters: usize) -> bool {
        letters * SCRIPT_SHARE.1 >= self.total * SCRIPT_SHARE.0
    }
}

/// English or `None` for a text written mostly in Latin letters.
fn latin_language(text: &str) -> Option<Lang> {
    let mut latin_words = 0;
    let mut english_markers = 0;
    let mut foreign_markers = 0;
    let mut foreign_letters = false;
    let mut word = String::new();
    for (_, raw) in words(text) {
        if script_of_word(raw) != Some(Script::Latin) {
            continue;
        }
        latin_words += 1;
        foreign_letters |= !raw.is_ascii();
        word.clear();
        push_lowercase(raw, &mut word);
        if word.contains('’') {
            word = word.replace('’', "'");
        }
        if is_english_marker(&word) {
            english_markers += 1;
        } else if is_foreign_marker(&word) {
            foreign_markers += 1;
        }
    }
    let share = |markers: usize| markers * MARKER_SHARE.1 >= latin_words * MARKER_SHARE.0;
    let clearly_foreign =
        english_markers == 0 && latin_words > SHORT_TEXT_WORDS && share(foreign_markers);
    let is_english = (latin_words <= SHORT_TEXT_WORDS && !foreign_letters)
        || share(english_markers)
        || (!clearly_foreign && lingua_says_english(text));
    is_english.then_some(Lang::En)
}

fn lingua_says_english(text: &str) -> bool {
    let mut end = text.len().min(LINGUA_MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = text.get(..end).unwrap_or(text);
    let confidences = LINGUA.compute_language_confidence_values(sample);
    let Some(&(best, best_confidence)) = confidences.first() else {
        return true;
    };
    let english = confidences
        .iter()
        .find(|(language, _)| *language == Language::English)
        .map_or(0.0, |&(_, confidence)| confidence);
    best == Language::English
        || (best_confidence < LINGUA_SURE && english >= best_confidence * LINGUA_CLOSE_SECOND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case("ok", Some(Lang::En))]
    #[case("thx", Some(Lang::En))]
    #[case("great", Some(Lang::En))]
    #[case("fixed", Some(Lang::En))]
    #[case("Not resolved", Some(Lang::En))]
    #[case("The refund has not arrived yet", Some(Lang::En))]
    #[case("Fast delivery, friendly support, great prices", Some(Lang::En))]
    #[case("Спасибо", Some(Lang::Ru))]
    #[case("Всё ок", Some(Lang::Ru))]
    #[case("감사합니다", Some(Lang::Ko))]
    #[case("앱이 crash 나요", Some(Lang::Ko))]
    #[case("iOS 앱에서 login 버튼이 안 눌려요", Some(Lang::Ko))]
    #[case("Приложение не работает после update", Some(Lang::Ru))]
    #[case("Bad bad bad", Some(Lang::En))]
    #[case("Package arrived damaged", Some(Lang::En))]
    #[case("Muchas gracias por la ayuda", None)]
    #[case("No funciona la app, me sale un error", None)]
    #[case("Très bien", None)]
    #[case("Le paiement a échoué deux fois", None)]
    #[case("Gracias for the quick help", Some(Lang::En))]
    #[case("Non funziona niente", None)]
    #[case("Produto chegou quebrado", None)]
    #[case("Danke, das Problem ist gelöst", None)]
    #[case("Merci beaucoup pour votre aide rapide", None)]
    #[case("ありがとうございます", None)]
    #[case("谢谢你的帮助", None)]
    #[case("شكرا جزيلا", None)]
    #[case("Дякую, все працює", None)]
    #[case("😀👍", None)]
    #[case("", None)]
    #[case("12345", None)]
    #[case("[email] [url] [number]", None)]
    fn detects_supported_languages(#[case] text: &str, #[case] expected: Option<Lang>) {
        assert_eq!(detect(text), expected, "{text}");
    }

    #[test]
    fn masks_do_not_count_as_english_letters() {
        assert_eq!(detect("[email] [url] 감사"), Some(Lang::Ko));
        assert_eq!(
            detect("Спасибо [email] [url] [phone] [number]"),
            Some(Lang::Ru)
        );
    }
}
