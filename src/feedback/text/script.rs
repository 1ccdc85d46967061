//! Which writing system a letter belongs to. Language detection counts letters by
//! script, and every word is stemmed by its own script's rules, so both share this.

/// The scripts feedback analysis tells apart; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Cyrillic,
    Hangul,
    Other,
}

/// The script of a letter; `None` for digits, punctuation, symbols and emoji.
pub(super) fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    // The common letters first, without the Unicode letter table (it is slow).
    match c {
        '\u{AC00}'..='\u{D7A3}' => return Some(Script::Hangul),
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => return Some(Script::Cyrillic),
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' if c != '×' && c != '÷' => {
            return Some(Script::Latin)
        }
        _ => {}
    }
    if !c.is_alphabetic() {
        return None;
    }
    let script = match c {
        '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}' | '\u{AB30}'..='\u{AB6F}' => {
            Script::Latin
        }
        '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}' => {
            Script::Cyrillic
        }
        '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{D7B0}'..='\u{D7FF}' => Script::Hangul,
        _ => Script::Other,
    };
    Some(script)
}

/// The script of a word: that of its first letter (words are split where the script
/// changes, so one letter speaks for all).
pub(super) fn script_of_word(word: &str) -> Option<Script> {
    word.chars().find_map(script_of)
}

/// Appends `text` lowercased to `out`: what `str::to_lowercase` gives for the scripts
/// we read, without its per-char table lookups for ASCII, Hangul (no case) and basic
/// Cyrillic; other letters still go through the Unicode tables.
pub(super) fn push_lowercase(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        if let Some(pushed) = out.get_mut(start..) {
            pushed.make_ascii_lowercase();
        }
        return;
    }
    for c in text.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{AC00}'..='\u{D7A3}' | 'а'..='я' | 'ѐ'..='џ' => out.push(c),
            'А'..='Я' => out.extend(char::from_u32(u32::from(c) + 0x20)),
            'Ѐ'..='Џ' => out.extend(char::from_u32(u32::from(c) + 0x50)),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// `text` lowercased; see [`push_lowercase`].
pub(super) fn lowercase(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    push_lowercase(text, &mut lower);
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_matches_the_standard_library() {
        for text in [
            "Hello WORLD",
            "ПРИВЕТ Ёлка ЁЖ Ѐ Џ",
            "한국어 TEXT",
            "ÉCOLE Straße İ",
            "😀 Ǆ",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn letters_are_classified_by_script_and_the_rest_is_none() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('ж'), Some(Script::Cyrillic));
        assert_eq!(script_of('ё'), Some(Script::Cyrillic));
        assert_eq!(script_of('한'), Some(Script::Hangul));
        assert_eq!(script_of('あ'), Some(Script::Other));
        assert_eq!(script_of('7'), None);
        assert_eq!(script_of('😀'), None);
        assert_eq!(script_of('-'), None);
        assert_eq!(script_of('×'), None);
        assert_eq!(script_of('ㅋ'), Some(Script::Hangul));
    }

    #[test]
    fn a_word_takes_the_script_of_its_first_letter() {
        assert_eq!(script_of_word("12abc"), Some(Script::Latin));
        assert_eq!(script_of_word("환불"), Some(Script::Hangul));
        assert_eq!(script_of_word("123"), None);
    }
}
