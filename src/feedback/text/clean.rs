//! The first step: bound the work, then drop invisible characters and NFKC-normalise,
//! so every later step sees one spelling of each character and never a huge input.
//! It must not change what a reader sees, beyond full-width and compatibility forms.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Longer texts are cut: a pasted log or a 1 MB comment costs no more than this.
pub(super) const MAX_BYTES: usize = 100_000;

/// The start of `raw`, at most [`MAX_BYTES`] long, cut at a char boundary.
pub(super) fn bound(raw: &str) -> &str {
    if raw.len() <= MAX_BYTES {
        return raw;
    }
    let mut end = MAX_BYTES;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    // `end` is a char boundary, so the slice cannot fail; `get` keeps that visible.
    raw.get(..end).unwrap_or_default()
}

/// `text` with line endings unified to `\n`, control and zero-width characters removed
/// and NFKC applied. Borrows when there is nothing to change (the common case).
pub(super) fn normalise(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        return Cow::Borrowed(text);
    }
    let unified = text.replace("\r\n", "\n");
    let visible = unified.chars().filter_map(visible_char);
    Cow::Owned(visible.nfkc().collect())
}

fn is_clean(text: &str) -> bool {
    if text.chars().all(is_plain) {
        return true;
    }
    let visible = |c: char| c == '\n' || visible_char(c) == Some(c);
    text.chars().all(visible) && is_nfkc_quick(text.chars()) == IsNormalized::Yes
}

/// Characters that need no change and no table lookup: printable ASCII and the
/// precomposed letters of Hangul, Cyrillic and Latin-1/Latin Extended-A, which NFKC
/// leaves as they are.
fn is_plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\n' | '\t')
        || matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{0400}'..='\u{045F}' | '\u{00C0}'..='\u{017F}')
}

/// What a character becomes: line and paragraph separators become `\n`, tabs stay,
/// other controls and invisible format characters go.
fn visible_char(c: char) -> Option<char> {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Some('\n'),
        '\t' => Some('\t'),
        c if c.is_control() => None,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => None,
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_not_cut() {
        assert_eq!(bound("hello"), "hello");
    }

    #[test]
    fn long_text_is_cut_at_a_char_boundary() {
        // 3-byte Hangul syllables: MAX_BYTES is not a multiple of 3, so the cut must
        // step back to the previous boundary.
        let long = "한".repeat(MAX_BYTES);
        let cut = bound(&long);
        assert!(cut.len() <= MAX_BYTES && cut.len() > MAX_BYTES - 4);
        assert!(cut.chars().all(|c| c == '한'));
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            normalise("Plain text.\nTwo lines"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            normalise("Всё хорошо, 감사합니다"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn invisible_characters_go_and_line_endings_unify() {
        let messy = "zero\u{200B}width\u{FEFF} soft\u{00AD}hyphen\r\nnext\rline\u{0007}";
        assert_eq!(normalise(messy), "zerowidth softhyphen\nnext\nline");
    }

    #[test]
    fn nfkc_folds_compatibility_forms() {
        assert_eq!(normalise("ＡＢＣ１２３！"), "ABC123!");
        assert_eq!(normalise("ﬁle\u{00A0}name"), "file name");
        // Conjoining jamo compose to the syllable.
        assert_eq!(normalise("\u{1112}\u{1161}\u{11AB}"), "한");
    }
}
