//! Helpdesk text made safe to print: no control character, escape sequence or
//! bidirectional override survives, so a ticket subject or an agent's name cannot move
//! the cursor, recolour the terminal, set its title, hide text or reorder a line.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

/// What a tab becomes: kept where the format carries it (CSV, tab-separated lines), a
/// space in an aligned table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tabs {
    Keep,
    Space,
}

/// `text` without C0 and C1 controls (newlines and, with `Tabs::Keep`, tabs excepted),
/// whole ESC and C1 sequences, and bidirectional formatting characters.
pub fn printable(text: &str, tabs: Tabs) -> Cow<'_, str> {
    let kept = |c: char| c == '\n' || (c == '\t' && tabs == Tabs::Keep);
    if !text.chars().any(|c| is_unsafe(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if kept(c) => out.push(c),
            '\t' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_control_sequence(&mut chars),
            // DCS, SOS, OSC, PM, APC: a string up to its terminator.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Controls (C0, DEL, C1) and the characters that reorder or mark bidirectional text.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// After ESC: a control sequence (`[`), a string (`]`, `P`, `X`, `^`, `_`), or a short
/// escape (intermediate bytes, then one final byte).
fn skip_escape(chars: &mut Peekable<Chars>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_control_sequence(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(' '..='/') => {
            while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            chars.next_if(|c| matches!(c, '0'..='~'));
        }
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters and intermediates up to the final byte (`@` to `~`); stops without
/// consuming at anything else.
fn skip_control_sequence(chars: &mut Peekable<Chars>) {
    while chars.next_if(|c| matches!(c, ' '..='?')).is_some() {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// A string up to BEL, ST (`ESC \` or U+009C) or the end of the text.
fn skip_string(chars: &mut Peekable<Chars>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed_whole() {
        let cases = [
            ("\u{1b}[31mred\u{1b}[0m", "red"),
            ("\u{1b}]0;owned title\u{7}subject", "subject"),
            (
                "\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\",
                "link",
            ),
            ("a\u{1b}(Bb", "ab"),
            ("\u{9b}2Jclear", "clear"),
            ("\u{9d}title\u{9c}x", "x"),
            (
                "bell\u{7} back\u{8}space\rcr\u{0}nul\u{7f}",
                "bell backspacecrnul",
            ),
            (
                "\u{202e}gnp.exe\u{202c} \u{2066}x\u{2069}\u{200f}",
                "gnp.exe x",
            ),
            ("trailing escape \u{1b}", "trailing escape "),
        ];
        for (text, expected) in cases {
            assert_eq!(printable(text, Tabs::Keep), expected, "{text:?}");
        }
    }

    #[test]
    fn newlines_stay_tabs_follow_the_format_and_plain_text_is_not_copied() {
        assert_eq!(printable("a\tb\nc", Tabs::Keep), "a\tb\nc");
        assert_eq!(printable("a\tb\nc", Tabs::Space), "a b\nc");
        for plain in ["Refund", "Возврат денег", "환불 요청", "ملاحظة", "e\u{301}"]
        {
            assert!(
                matches!(printable(plain, Tabs::Space), Cow::Borrowed(_)),
                "{plain:?}"
            );
        }
    }
}
