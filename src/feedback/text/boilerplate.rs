//! Strips what the customer did not write for this message: quoted replies, forwarded
//! headers, signatures, mobile "sent from" lines, confidentiality footers, unsubscribe
//! lines and the name under a closing "Thanks,". Line based and linear; it only ever
//! removes whole lines, so the customer's own words are kept as written.

use std::borrow::Cow;

use super::script::push_lowercase;
use super::signoff;

/// A line longer than this is prose, never an attribution or a "sent from" footer.
const MAX_MARKER_LINE: usize = 300;

/// Markers are recognised by how a line starts; this many chars, lowercased, suffice.
const HEAD_CHARS: usize = 40;

/// One trimmed line and its lowercased start, computed once for every marker test.
struct Line<'a> {
    text: &'a str,
    head: &'a str,
}

/// `text` without quoted replies, signatures and footers, trimmed. Borrows when only
/// whitespace at either end goes.
pub(super) fn strip(text: &str) -> Cow<'_, str> {
    let mut kept: Vec<&str> = Vec::new();
    let mut dropped_any = false;
    let mut head = String::new();
    let mut lines = text.split('\n');
    while let Some(raw) = lines.next() {
        let trimmed = raw.trim();
        head.clear();
        let head_end = trimmed
            .char_indices()
            .nth(HEAD_CHARS)
            .map_or(trimmed.len(), |(at, _)| at);
        push_lowercase(trimmed.get(..head_end).unwrap_or(trimmed), &mut head);
        let line = Line {
            text: trimmed,
            head: &head,
        };
        if ends_own_words(&line, lines.clone()) {
            if is_attribution(&line) && kept.last().is_some_and(|l| is_wrapped_attribution(l)) {
                kept.pop();
            }
            dropped_any = true;
            break;
        }
        if trimmed.starts_with('>') || is_unsubscribe_line(&line) {
            dropped_any = true;
            continue;
        }
        kept.push(raw);
    }
    let signed_off = signoff::drop_name_lines(&mut kept);
    if !dropped_any && !signed_off {
        return Cow::Borrowed(text.trim());
    }
    Cow::Owned(kept.join("\n").trim().to_owned())
}

/// Whether everything from this line on is not the customer's new message.
fn ends_own_words<'a>(line: &Line, following: impl Iterator<Item = &'a str>) -> bool {
    is_attribution(line)
        || is_message_separator(line)
        || is_header_block(line, following)
        || line.text == "--"
        || is_mobile_signature(line)
        || is_confidentiality_notice(line)
}

/// "On Mon, 3 Mar 2025 at 10:00, Anna <a@b.c> wrote:", "… писал(а):", "…님이 작성:",
/// and the bare "date, Name <address>:" some mail apps write.
fn is_attribution(line: &Line) -> bool {
    let text = line.text;
    if text.len() > MAX_MARKER_LINE || !text.ends_with(':') {
        return false;
    }
    ends_with_ascii_ci(text, "wrote:")
        || ends_with_ascii_ci(text, "writes:")
        || ["писал(а):", "писала:", "писал:", "пишет:", "작성:"]
            .iter()
            .any(|end| text.ends_with(end))
        || (text.ends_with(">:") && text.contains('@'))
}

/// The first half of an attribution that the mail app wrapped onto two lines.
fn is_wrapped_attribution(line: &str) -> bool {
    let line = line.trim();
    starts_with_ascii_ci(line, "on ") && line.len() <= MAX_MARKER_LINE && !line.ends_with('.')
}

/// "-----Original Message-----", "---------- Forwarded message ---------" and kin.
fn is_message_separator(line: &Line) -> bool {
    const SEPARATORS: &[&str] = &[
        "original message",
        "forwarded message",
        "исходное сообщение",
        "пересылаемое сообщение",
        "пересланное сообщение",
        "원본 메시지",
        "전달된 메시지",
    ];
    if line.head.starts_with("begin forwarded message") {
        return true;
    }
    if line.text.len() > MAX_MARKER_LINE || !line.text.starts_with(['-', '—', '_']) {
        return false;
    }
    let core = line
        .text
        .trim_matches(|c: char| c == '-' || c == '—' || c == '_' || c.is_whitespace());
    SEPARATORS.iter().any(|s| eq_ci(core, s))
}

/// A "From: …" line that starts a forwarded or quoted header block: it carries an
/// address or is followed by another header line.
fn is_header_block<'a>(line: &Line, following: impl Iterator<Item = &'a str>) -> bool {
    const FROM: &[&str] = &["from:", "от:", "보낸 사람:", "보낸사람:"];
    const OTHERS: &[&str] = &[
        "sent:",
        "to:",
        "date:",
        "subject:",
        "cc:",
        "кому:",
        "отправлено:",
        "дата:",
        "тема:",
        "копия:",
        "받는 사람:",
        "받는사람:",
        "날짜:",
        "보낸 날짜:",
        "제목:",
    ];
    if !FROM.iter().any(|from| line.head.starts_with(from)) {
        return false;
    }
    // Only the next few lines are looked at, so the pass stays linear.
    line.text.contains('@')
        || following
            .take(4)
            .map(str::trim)
            .any(|next| OTHERS.iter().any(|header| starts_with_ci(next, header)))
}

/// "Sent from my iPhone", "Get Outlook for Android", "Отправлено с iPhone",
/// "Galaxy에서 보냄" and kin: short lines only, so a sentence that happens to start the
/// same way stays.
fn is_mobile_signature(line: &Line) -> bool {
    const STARTS: &[&str] = &[
        "sent from my ",
        "sent from outlook",
        "sent from mail for ",
        "sent from yahoo mail",
        "sent from samsung",
        "sent from the ",
        "sent via ",
        "get outlook for ",
        "отправлено с iphone",
        "отправлено с android",
        "отправлено с моего",
        "отправлено с мобильного",
        "отправлено из мобильной",
        "отправлено из приложения",
        "отправлено из почты",
        "отправлено из mail",
        "отправлено через ",
    ];
    line.text.len() <= 120
        && line.text.chars().count() <= 60
        && (STARTS.iter().any(|start| line.head.starts_with(start))
            || line.text.ends_with("에서 보냄"))
}

/// A legal footer: opens like one and says "confidential" (or kin).
fn is_confidentiality_notice(line: &Line) -> bool {
    const OPENERS: &[&str] = &[
        "this e-mail",
        "this email",
        "this message",
        "the information contained",
        "the information in this",
        "confidential",
        "disclaimer",
        "notice:",
        "это сообщение",
        "данное сообщение",
        "это письмо",
        "данное письмо",
        "информация, содержащаяся",
        "конфиденциально",
        "본 메일",
        "이 메일",
        "본 이메일",
        "이 이메일",
    ];
    const MARKERS: &[&str] = &[
        "confidential",
        "privileged",
        "конфиденциальн",
        "коммерческую тайну",
        "기밀",
        "비밀",
    ];
    if !OPENERS.iter().any(|opener| line.head.starts_with(opener)) {
        return false;
    }
    let lower = line.text.to_lowercase();
    MARKERS.iter().any(|marker| lower.contains(marker))
}

/// "Unsubscribe", "To unsubscribe, click here", "Отписаться от рассылки", "수신거부":
/// footer lines only, never a customer asking how to unsubscribe.
fn is_unsubscribe_line(line: &Line) -> bool {
    const STARTS: &[&str] = &[
        "to unsubscribe",
        "unsubscribe:",
        "unsubscribe here",
        "click here to unsubscribe",
        "if you no longer wish to receive",
        "чтобы отписаться",
        "отписаться от рассылки",
        "수신거부",
        "수신 거부",
    ];
    let bare = || line.head.trim_end_matches(|c: char| !c.is_alphanumeric());
    let may_be_bare = line.head.starts_with("unsubscribe") || line.head.starts_with("отписаться");
    (may_be_bare && line.text.len() <= 30 && matches!(bare(), "unsubscribe" | "отписаться"))
        || (!line.text.ends_with('?') && STARTS.iter().any(|start| line.head.starts_with(start)))
}

/// Case-insensitive prefix test; `prefix` is lowercase. Allocation-free.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    let mut text = text.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| text.next() == Some(p))
}

/// Case-insensitive equality; `lower` is lowercase. Allocation-free.
fn eq_ci(text: &str, lower: &str) -> bool {
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

fn starts_with_ascii_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

fn ends_with_ascii_ci(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text
            .get(text.len() - suffix.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_realistic_email_keeps_only_the_new_message() {
        let email = "Hi team,\n\nThe refund for my order still has not arrived.\n\n\
            Sent from my iPhone\n\n\
            On Mon, 3 Mar 2025 at 10:00, Anna <anna@acme.com> wrote:\n\
            > Hello, we issued the refund.\n> Anna\n\
            This e-mail and any attachments are confidential.";
        assert_eq!(
            strip(email),
            "Hi team,\n\nThe refund for my order still has not arrived."
        );
    }

    #[test]
    fn signature_delimiter_and_footer_are_cut() {
        let email = "The app crashes on start.\n-- \nJohn Smith\nACME Corp\n+1 555 123 4567";
        assert_eq!(strip(email), "The app crashes on start.");
        let footer = "Please help.\n\nThis message may contain confidential information.";
        assert_eq!(strip(footer), "Please help.");
    }

    #[test]
    fn quoted_lines_are_dropped() {
        assert_eq!(
            strip("Still broken\n> Did you try again?\n>> old"),
            "Still broken"
        );
    }

    #[rstest::rstest]
    #[case::gmail_en("Yes, thanks\n\nOn Tue, Mar 4, 2025 at 9:12 AM Support <help@acme.com> wrote:\n> Is it fixed?")]
    #[case::wrapped(
        "Yes, thanks\nOn Tue, Mar 4, 2025 at 9:12 AM Support Team <\nhelp@acme.com> wrote:\n> x"
    )]
    #[case::gmail_ru("Yes, thanks\nпн, 3 мар. 2025 г. в 10:00, Anna <anna@acme.com>:\n> x")]
    #[case::ru("Yes, thanks\n03.03.2025, 10:00, Анна написал(а):\n> x")]
    #[case::ru_wrote("Yes, thanks\nАнна писал:\nтекст")]
    #[case::ko("Yes, thanks\n2025년 3월 3일 (월) 오전 10:00, Anna <anna@acme.com>님이 작성:\n> x")]
    #[case::outlook("Yes, thanks\n-----Original Message-----\nFrom: Anna\nSent: Monday")]
    #[case::forwarded("Yes, thanks\n---------- Forwarded message ---------\nFrom: a@b.c")]
    #[case::header_en("Yes, thanks\n\nFrom: Anna Smith\nSent: Monday, March 3\nTo: me")]
    #[case::header_ru("Yes, thanks\nОт: Анна <anna@acme.com>\nтекст")]
    #[case::header_ko("Yes, thanks\n보낸 사람: 김민준\n받는 사람: 고객센터\n")]
    #[case::outlook_mobile("Yes, thanks\nGet Outlook for Android")]
    #[case::ru_iphone("Yes, thanks\nОтправлено с iPhone")]
    #[case::ru_mailru("Yes, thanks\nОтправлено из мобильной Почты Mail.ru")]
    #[case::ko_iphone("Yes, thanks\niPhone에서 보냄")]
    #[case::ko_galaxy("Yes, thanks\nGalaxy에서 보냄")]
    #[case::ru_notice("Yes, thanks\nЭто сообщение содержит конфиденциальную информацию.")]
    #[case::ko_notice("Yes, thanks\n본 메일은 기밀 정보를 포함하고 있습니다.")]
    #[case::unsubscribe("Yes, thanks\nTo unsubscribe, click here")]
    fn markers_cut_what_follows(#[case] email: &str) {
        assert_eq!(strip(email), "Yes, thanks");
    }

    #[test]
    fn ordinary_sentences_that_look_like_markers_stay() {
        for text in [
            "How do I unsubscribe from the newsletter?",
            "Unsubscribe me from these emails please",
            "Отписаться не получается, помогите",
            "From: the moment I paid, nothing works",
            "The agent wrote: we will call you. Nobody called",
            "Отправлено с задержкой, заказ пришёл поздно",
            "I sent you a confidential document yesterday",
        ] {
            assert_eq!(strip(text), text);
        }
    }

    #[test]
    fn untouched_text_is_borrowed_and_trimmed() {
        assert!(matches!(
            strip("  fine\nthanks  "),
            Cow::Borrowed("fine\nthanks")
        ));
    }

    #[test]
    fn case_insensitive_helpers() {
        assert!(starts_with_ci("SENT from my iPad", "sent from my "));
        assert!(starts_with_ci("От: Анна", "от:"));
        assert!(!starts_with_ci("Se", "sent"));
        assert!(eq_ci("Original Message", "original message"));
        assert!(ends_with_ascii_ci("Anna WROTE:", "wrote:"));
        assert!(!ends_with_ascii_ci("é:", "wrote:"));
    }
}
