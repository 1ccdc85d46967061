//! Text preparation: language, clean-up, masking and the words every later step counts.
//! One pass per text, in this order: bound and normalise (`clean`), strip quoted
//! replies, signatures and footers (`boilerplate`), mask personal data and numbers
//! (`mask`), detect the language (`detect`), then split clauses and words, handle
//! negation, drop stop words and stem (`words`). Linear in the text and never panics.

mod boilerplate;
mod clean;
mod detect;
pub(super) mod fnv;
mod korean;
mod markers;
mod mask;
mod negation;
pub mod phrases;
mod script;
mod signoff;
mod stopwords;
mod words;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The languages feedback analysis supports; anything else is counted as "other".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ko,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Ru => "ru",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// One content word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word's stem, lowercase: Snowball for English and Russian; for Korean the word
    /// with its particles and endings stripped.
    pub stem: String,
    /// The word as written, lowercased: labels show a stem's commonest surface form.
    pub surface: String,
    /// Inside a negation's scope (not/не/안/… before it, or 않/없 right after a Korean
    /// verb), for the sentiment classifier.
    pub negated: bool,
    /// Index of the clause (split at sentence punctuation and line breaks), so phrases
    /// never span two.
    pub clause: u32,
}

/// A text ready for analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// `None`: a language we do not support, or no words at all (empty, emoji only).
    pub lang: Option<Lang>,
    /// Quoted replies, signatures and e-mail footers removed; e-mails, URLs, phone and
    /// order numbers masked; NFKC-normalised; original case. What quotes show.
    pub text: String,
    /// Content words in order: stop words, masks, numbers and one-letter words dropped.
    pub tokens: Vec<Token>,
}

/// Prepares one customer-written text. Never panics; a huge text is cut to its start.
pub fn prepare(raw: &str) -> Prepared {
    prepare_with(raw, None)
}

/// Prepares a text whose language is known (a help-center article in its locale):
/// the same pipeline without detection.
pub fn prepare_in(raw: &str, lang: Lang) -> Prepared {
    prepare_with(raw, Some(lang))
}

/// Language and cleaned text only, no words: what near-duplicate grouping reads, at
/// about half the cost.
pub fn prepare_text(raw: &str) -> Prepared {
    let text = cleaned(raw);
    let lang = detect::detect(&text);
    Prepared {
        lang,
        text,
        tokens: Vec::new(),
    }
}

fn prepare_with(raw: &str, known: Option<Lang>) -> Prepared {
    let text = cleaned(raw);
    let lang = known.or_else(|| detect::detect(&text));
    let tokens = words::tokens(&text);
    Prepared { lang, text, tokens }
}

/// Bounded, normalised, without quoted replies, signatures and footers, masked.
fn cleaned(raw: &str) -> String {
    let normalised = clean::normalise(clean::bound(raw));
    let stripped = boilerplate::strip(&normalised);
    mask::mask(&stripped).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(prepared: &Prepared) -> Vec<&str> {
        prepared.tokens.iter().map(|t| t.stem.as_str()).collect()
    }

    #[test]
    fn a_support_email_becomes_the_customers_words() {
        let email = "Hello,\r\n\r\nI was charged twice for order #48213 and the refund never \
            arrived. Call me on +1 (555) 123-4567 or write to emma.stone@example.com.\r\n\r\n\
            Thanks,\r\nEmma Stone\r\n\r\nSent from my iPhone\r\n\r\n\
            On Mon, 3 Mar 2025 at 10:00, Acme Support <help@acme.com> wrote:\r\n\
            > We are sorry for the trouble.\r\n> Acme Support";
        let prepared = prepare(email);
        assert_eq!(prepared.lang, Some(Lang::En));
        assert_eq!(
            prepared.text,
            "Hello,\n\nI was charged twice for order [number] and the refund never arrived. \
             Call me on [phone] or write to [email].\n\nThanks,"
        );
        assert_eq!(
            stems(&prepared),
            ["hello", "charg", "twice", "order", "refund", "arriv", "call", "write", "thank"]
        );
        let negated: Vec<&str> = prepared
            .tokens
            .iter()
            .filter(|t| t.negated)
            .map(|t| t.stem.as_str())
            .collect();
        assert_eq!(negated, ["arriv"]);
    }

    #[test]
    fn russian_and_korean_comments() {
        let russian = prepare(
            "Здравствуйте! Деньги не вернули, заказ 12345678 не пришёл.\nС уважением,\nИван",
        );
        assert_eq!(russian.lang, Some(Lang::Ru));
        assert_eq!(
            russian.text,
            "Здравствуйте! Деньги не вернули, заказ [number] не пришёл.\nС уважением,"
        );
        assert_eq!(
            stems(&russian),
            ["здравств", "деньг", "вернул", "заказ", "пришел", "уважен"]
        );

        let korean = prepare(
            "환불을 요청했는데 아직 처리되지 않았어요. 빨리 해결해 주세요\niPhone에서 보냄",
        );
        assert_eq!(korean.lang, Some(Lang::Ko));
        assert_eq!(
            stems(&korean),
            ["환불", "요청", "아직", "처리", "빨리", "해결"]
        );
    }

    #[test]
    fn prepare_in_trusts_the_given_language() {
        assert_eq!(
            prepare_in("Muchas gracias por la ayuda", Lang::En).lang,
            Some(Lang::En)
        );
        assert_eq!(prepare_in("", Lang::Ko).lang, Some(Lang::Ko));
    }

    #[test]
    fn empty_and_wordless_texts_have_no_language_and_no_tokens() {
        for text in [
            "",
            "   \n\t ",
            "😀👍",
            "12345",
            "!!! ???",
            "\u{200B}\u{FEFF}",
        ] {
            let prepared = prepare(text);
            assert_eq!(prepared.lang, None, "{text:?}");
            assert!(prepared.tokens.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_text_of_only_masks_has_no_tokens() {
        let prepared = prepare("a@b.com https://acme.com/x +1 555 123 4567 #12345 INV-2024-0042");
        assert_eq!(prepared.text, "[email] [url] [phone] [number] [number]");
        assert_eq!(prepared.lang, None);
        assert!(prepared.tokens.is_empty());
    }

    #[test]
    fn a_huge_text_is_cut_and_still_prepared() {
        let huge = "refund not received. 환불 안 됨. ".repeat(30_000);
        assert!(huge.len() > 1_000_000);
        let prepared = prepare(&huge);
        assert!(prepared.text.len() <= clean::MAX_BYTES);
        assert!(!prepared.tokens.is_empty());

        let one_line = format!("{}é", "a".repeat(1_000_000));
        assert!(prepare(&one_line).text.len() <= clean::MAX_BYTES);
        let quotes = "> quoted\n".repeat(200_000);
        assert_eq!(prepare(&quotes).text, "");
    }

    #[test]
    fn mixed_scripts_keep_each_words_own_stemming() {
        let prepared = prepare("Приложение 앱이 crashes ありがとう 😀 refunds");
        assert_eq!(prepared.lang, Some(Lang::Ru));
        let stems = stems(&prepared);
        assert!(stems.starts_with(&["приложен", "앱", "crash"]), "{stems:?}");
        assert_eq!(stems.last(), Some(&"refund"));
    }

    #[test]
    fn the_same_input_gives_the_same_output() {
        let text = "Not fixed. Не работает. 안 돼요. Gracias por nada, señor";
        assert_eq!(prepare(text), prepare(text));
    }
}
