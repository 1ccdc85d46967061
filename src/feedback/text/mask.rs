//! Masks personal data and reference numbers in the text quotes show, so an address, a
//! phone or an order number never becomes a term and never reaches a slide. Masks are
//! words in brackets (`[email]`) that the word splitter recognises and skips.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

pub(super) const EMAIL: &str = "[email]";
pub(super) const URL: &str = "[url]";
pub(super) const PHONE: &str = "[phone]";
pub(super) const NUMBER: &str = "[number]";

/// The masks without their brackets, as the word splitter sees them.
const MASK_WORDS: &[&str] = &["email", "url", "phone", "number"];

static EMAIL_PATTERN: LazyLock<Regex> =
    LazyLock::new(|| compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"));

/// Links with a scheme or `www.`, and bare domains with a common top-level domain. A
/// link may contain an already masked e-mail (`?to=[email]`), hence the brackets.
static URL_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r#"(?i)(?:(?-u:\b)(?:https?|ftp)://|(?-u:\b)www\.)[^\s<>"]*[^\s<>".,;:!?)'»]"#,
        r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|ru|kr|app|dev|info|biz|me)(?-u:\b)",
        r#"(?:/[^\s<>"]*[^\s<>".,;:!?)'»])?"#,
    ))
});

/// International numbers (`+…`), an area code in brackets, dashed or dotted groups
/// (`010-1234-5678`, `555.123.4567`) and Russian `8 912 345-67-89`; the digit count is
/// checked afterwards so dates and short codes are not phones.
static PHONE_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"\+\d[\d ().-]{5,}\d",
        r"|\(\d{2,5}\)[ .-]?\d{2,4}(?:[ .-]?\d{2,4}){1,3}",
        r"|(?-u:\b)\d{2,4}[-.]\d{3,4}[-.]\d{4}(?-u:\b)",
        r"|(?-u:\b)\d{3} \d{3} \d{4}(?-u:\b)",
        r"|(?-u:\b)[78][ -]?\(?\d{3}\)?[ -]?\d{3}[ -]?\d{2}[ -]?\d{2}(?-u:\b)",
    ))
});

/// `#` with digits, or an ASCII run (with `-`, `_`, `/` joints) that contains a digit;
/// [`masked_number`] decides whether it is a reference.
static NUMBER_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"#\d{2,}",
        r"|(?:[A-Za-z0-9]+[-_/])*[A-Za-z]*[0-9][A-Za-z0-9]*(?:[-_/][A-Za-z0-9]+)*",
    ))
});

fn compile(pattern: &str) -> Regex {
    // The patterns are constants covered by the tests below; they always compile.
    Regex::new(pattern).unwrap()
}

/// `text` with e-mails, URLs, phone numbers and reference numbers replaced by masks.
/// Borrows when nothing is masked.
pub(super) fn mask(text: &str) -> Cow<'_, str> {
    let mut masked = Cow::Borrowed(text);
    if masked.contains('@') {
        masked = replace(masked, &EMAIL_PATTERN, |_| Some(EMAIL));
    }
    if may_hold_url(&masked) {
        masked = replace(masked, &URL_PATTERN, |_| Some(URL));
    }
    let digits = masked.bytes().filter(u8::is_ascii_digit).count();
    if digits >= 7 {
        masked = replace(masked, &PHONE_PATTERN, masked_phone);
    }
    if digits >= 2 {
        masked = replace(masked, &NUMBER_PATTERN, masked_number);
    }
    masked
}

/// Every link has a dot followed by a letter ("acme.com", "www."); a sentence's full
/// stop is followed by a space, so most texts skip the link pattern.
fn may_hold_url(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|pair| matches!(pair, [b'.', next] if next.is_ascii_alphabetic()))
}

/// Replaces every match the `choose` function gives a mask for; keeps the others.
fn replace<'a>(
    text: Cow<'a, str>,
    pattern: &Regex,
    choose: impl Fn(&str) -> Option<&'static str>,
) -> Cow<'a, str> {
    if !pattern.is_match(&text) {
        return text;
    }
    let replaced = pattern.replace_all(&text, |found: &Captures| {
        let whole = found.get(0).map_or("", |m| m.as_str());
        choose(whole).unwrap_or(whole).to_owned()
    });
    Cow::Owned(replaced.into_owned())
}

/// A phone has 7 to 15 digits (E.164); fewer or more is something else.
fn masked_phone(found: &str) -> Option<&'static str> {
    let digits = found.bytes().filter(u8::is_ascii_digit).count();
    (7..=15).contains(&digits).then_some(PHONE)
}

/// `#123`, a number of 4+ digits, or a code with letters and 3+ digits is a reference;
/// `100`, `24/7`, `mp3`, `iphone15` and `B2B` are ordinary words.
fn masked_number(found: &str) -> Option<&'static str> {
    let digits = found.bytes().filter(u8::is_ascii_digit).count();
    let letters = found.bytes().filter(u8::is_ascii_alphabetic).count();
    let is_reference = if found.starts_with('#') || letters > 0 {
        found.starts_with('#') || digits >= 3
    } else {
        found
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() >= 4)
    };
    is_reference.then_some(NUMBER)
}

/// Whether the word at `start..end` of `text` is a mask: a mask name between brackets.
pub(super) fn is_mask(text: &str, start: usize, end: usize) -> bool {
    let Some(word) = text.get(start..end) else {
        return false;
    };
    MASK_WORDS.contains(&word)
        && text
            .get(..start)
            .is_some_and(|before| before.ends_with('['))
        && text.get(end..).is_some_and(|after| after.starts_with(']'))
}

/// The length of the mask `text` starts with, if it starts with one.
pub(super) fn mask_len_at(text: &str) -> Option<usize> {
    [EMAIL, URL, PHONE, NUMBER]
        .into_iter()
        .find(|mask| text.starts_with(mask))
        .map(str::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_masked() {
        assert_eq!(
            mask("Write to anna.smith+help@mail.example.co.uk or к ivan@почта.рф please"),
            "Write to [email] or к [email] please"
        );
    }

    #[test]
    fn urls_with_scheme_www_or_common_domain_are_masked() {
        assert_eq!(
            mask("See https://help.acme.com/articles/123-reset?x=1. Or www.acme.com!"),
            "See [url]. Or [url]!"
        );
        assert_eq!(
            mask("open acme.io/login, then retry"),
            "open [url], then retry"
        );
        assert_eq!(mask("(https://x.com/a)"), "([url])");
        assert_eq!(
            mask("the file invoice.pdf is empty"),
            "the file invoice.pdf is empty"
        );
    }

    #[test]
    fn an_email_inside_a_link_stays_in_the_link_mask() {
        assert_eq!(mask("https://acme.com/unsub?to=a@b.com"), "[url]");
    }

    #[test]
    fn phones_in_common_formats_are_masked() {
        for phone in [
            "+1 (555) 123-4567",
            "+44 20 7946 0958",
            "(555) 123-4567",
            "555-123-4567",
            "555.123.4567",
            "555 123 4567",
            "+7 912 345-67-89",
            "8 (912) 345-67-89",
            "8-912-345-67-89",
            "010-1234-5678",
            "+82 10-1234-5678",
            "02-123-4567",
        ] {
            assert_eq!(
                mask(&format!("call {phone} now")),
                "call [phone] now",
                "{phone}"
            );
        }
    }

    #[test]
    fn order_numbers_and_codes_are_masked() {
        assert_eq!(mask("order #12345 late"), "order [number] late");
        assert_eq!(
            mask("invoice INV-2024-0042 wrong"),
            "invoice [number] wrong"
        );
        assert_eq!(mask("code A1B2C3D4 fails"), "code [number] fails");
        assert_eq!(mask("заказ 98765432 не пришёл"), "заказ [number] не пришёл");
        assert_eq!(mask("주문번호12345 확인"), "주문번호[number] 확인");
        assert_eq!(mask("since 2024-03-03"), "since [number]");
    }

    #[test]
    fn ordinary_words_and_short_numbers_stay() {
        let ordinary = "I paid 100 dollars for 2 mp3 files, 24/7 B2B support on iphone15 at 10:00";
        assert_eq!(mask(ordinary), ordinary);
        assert!(matches!(mask("no digits, no links"), Cow::Borrowed(_)));
    }

    #[test]
    fn masks_are_recognised_between_brackets_only() {
        let text = "mail [email] or email";
        assert!(is_mask(text, 6, 11));
        assert!(!is_mask(text, 16, 21));
        assert_eq!(mask_len_at("[phone] x"), Some(7));
        assert_eq!(mask_len_at("[other]"), None);
    }
}
