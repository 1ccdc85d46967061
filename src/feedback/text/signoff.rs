//! Drops the name under a closing "Thanks," / "С уважением," / "감사합니다." at the end
//! of a message: names are personal data and would become themes. The sign-off itself
//! stays (thanks carry sentiment), and so does a one-line "Thanks!".

use unicode_segmentation::UnicodeSegmentation;

use super::script::lowercase;

/// At most this many short lines may follow a sign-off to count as its signature.
const MAX_NAME_LINES: usize = 2;

const SIGN_OFFS: &[&str] = &[
    "thanks",
    "thank you",
    "thanks a lot",
    "thanks again",
    "many thanks",
    "thank you very much",
    "thanks in advance",
    "thx",
    "cheers",
    "best",
    "best regards",
    "best wishes",
    "kind regards",
    "warm regards",
    "regards",
    "sincerely",
    "yours sincerely",
    "yours truly",
    "all the best",
    "br",
    "with thanks",
    "с уважением",
    "спасибо",
    "большое спасибо",
    "спасибо заранее",
    "заранее спасибо",
    "благодарю",
    "всего доброго",
    "всего хорошего",
    "с наилучшими пожеланиями",
    "감사합니다",
    "고맙습니다",
    "감사해요",
    "감사드립니다",
    "수고하세요",
    "수고하십시오",
    "좋은 하루 되세요",
];

/// Removes up to two name-like lines after a sign-off that closes `lines`; says whether
/// anything was removed.
pub(super) fn drop_name_lines(lines: &mut Vec<&str>) -> bool {
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let tail = lines
        .iter()
        .rev()
        .take(MAX_NAME_LINES + 1)
        .take_while(|line| !line.trim().is_empty() && !is_sign_off(line))
        .count();
    let Some(sign_off_at) = lines.len().checked_sub(tail + 1) else {
        return false;
    };
    let closes = lines.get(sign_off_at).is_some_and(|line| is_sign_off(line));
    let names = lines.get(sign_off_at + 1..).unwrap_or_default();
    if !closes || names.is_empty() || names.len() > MAX_NAME_LINES {
        return false;
    }
    if !names.iter().all(|line| is_name_like(line)) {
        return false;
    }
    lines.truncate(sign_off_at + 1);
    true
}

fn is_sign_off(line: &str) -> bool {
    let core = line.trim().trim_end_matches([',', '.', '!', ' ']);
    core.len() <= 40 && SIGN_OFFS.contains(&lowercase(core).as_str())
}

/// A name, maybe with a role or company: short, no question, every word capitalised
/// (Latin, Cyrillic) or a short Hangul word that is not a verb form.
fn is_name_like(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.unicode_words().collect();
    line.chars().count() <= 40
        && !line.ends_with('?')
        && (1..=4).contains(&words.len())
        && words.iter().all(|word| is_name_word(word))
}

fn is_name_word(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return false;
    }
    let is_hangul = ('\u{AC00}'..='\u{D7A3}').contains(&first);
    !is_hangul || (word.chars().count() <= 4 && !word.ends_with(['요', '다', '까', '죠', '네']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(text: &str) -> String {
        let mut lines: Vec<&str> = text.split('\n').collect();
        drop_name_lines(&mut lines);
        lines.join("\n")
    }

    #[rstest::rstest]
    #[case("The app crashes.\n\nThanks,\nEmma", "The app crashes.\n\nThanks,")]
    #[case(
        "It works.\nBest regards,\nEmma Stone\nProduct Manager, Acme",
        "It works.\nBest regards,"
    )]
    #[case(
        "Проблема решена.\nС уважением,\nИван",
        "Проблема решена.\nС уважением,"
    )]
    #[case("해결되었어요.\n감사합니다.\n김민준", "해결되었어요.\n감사합니다.")]
    #[case("Fixed.\nThanks!\nEmma\n\n", "Fixed.\nThanks!")]
    fn names_after_a_sign_off_are_dropped(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(dropped(text), expected);
    }

    #[rstest::rstest]
    #[case::one_line("Thanks!")]
    #[case::sign_off_last("The app crashes.\nThanks,")]
    #[case::sentence_after("Thanks\ngreat job")]
    #[case::question_after("Thanks\nWhen Will It Ship?")]
    #[case::too_many_lines("Thanks,\nEmma\nStone\nAcme")]
    #[case::korean_request_after("감사합니다\n빨리 해주세요")]
    #[case::no_sign_off("Hello\nEmma")]
    fn other_endings_stay(#[case] text: &str) {
        assert_eq!(dropped(text), text.trim_end());
    }
}
