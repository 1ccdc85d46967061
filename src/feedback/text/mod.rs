//! Text preparation: language, clean-up, masking and the words every later step counts.
//! PLACEHOLDER: the real pipeline (detection, quote/signature removal, masking, stop
//! words, stemming, Korean particles) replaces this module.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_segmentation::UnicodeSegmentation;

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
    let text = raw.to_owned();
    let lang = if raw.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
        Some(Lang::Ko)
    } else if raw.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        Some(Lang::Ru)
    } else if raw.chars().any(|c| c.is_ascii_alphabetic()) {
        Some(Lang::En)
    } else {
        None
    };
    let tokens = raw
        .unicode_words()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| Token {
            stem: w.clone(),
            surface: w,
            negated: false,
            clause: 0,
        })
        .collect();
    Prepared { lang, text, tokens }
}

/// Prepares a text whose language is known.
pub fn prepare_in(raw: &str, lang: Lang) -> Prepared {
    let mut p = prepare(raw);
    p.lang = Some(lang);
    p
}
