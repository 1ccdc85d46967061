//! Rating comments that analysis has to survive: in a language Deskbench does not
//! support, emoji only, or a rant (or eulogy) several kilobytes long.

use rand::Rng;

use super::names::Lang;
use super::sample::{pick, DemoRng};
use super::text::phrases;

const FOREIGN_RATE: f64 = 0.01;
const EMOJI_RATE: f64 = 0.005;
/// A handful in a default-sized demo.
const LONG_RATE: f64 = 0.0015;

pub(super) const FOREIGN_GOOD: [&str; 8] = [
    "Muy buen servicio, gracias.",
    "¡Excelente atención, muy rápida!",
    "Sehr schneller und freundlicher Support, danke!",
    "Alles bestens, vielen Dank.",
    "Atendimento excelente, obrigado!",
    "Resolveram rápido, muito obrigada.",
    "迅速に対応していただき、ありがとうございました。",
    "とても丁寧な説明で助かりました。",
];
pub(super) const FOREIGN_BAD: [&str; 8] = [
    "Tardaron demasiado en responder.",
    "El problema sigue sin resolverse.",
    "Leider immer noch nicht gelöst.",
    "Viel zu langsame Antwort.",
    "Demorou muito para resolver.",
    "Ninguém resolveu o meu problema.",
    "まだ問題が解決していません。",
    "返信が遅すぎます。",
];
const EMOJI_GOOD: [&str; 6] = ["👍", "🙏🙏", "👍👍👍", "😊", "❤️", "🙏"];
const EMOJI_BAD: [&str; 5] = ["😡", "👎", "😤😤", "😞", "🤬"];

/// A replacement for `comment` in about 1.6% of cases, matching its score.
pub(super) fn odd_comment(
    rng: &mut DemoRng,
    lang: Lang,
    good: bool,
    comment: &str,
) -> Option<String> {
    let roll = rng.gen::<f64>();
    if roll < FOREIGN_RATE {
        let bank = if good { &FOREIGN_GOOD } else { &FOREIGN_BAD };
        Some((*pick(rng, bank)).to_owned())
    } else if roll < FOREIGN_RATE + EMOJI_RATE {
        let bank: &[&str] = if good { &EMOJI_GOOD } else { &EMOJI_BAD };
        Some((*pick(rng, bank)).to_owned())
    } else if roll < FOREIGN_RATE + EMOJI_RATE + LONG_RATE {
        Some(long(rng, lang, good, comment))
    } else {
        None
    }
}

/// `comment` followed by the same few sentences over and over, 2–6 KB in all, in
/// paragraphs of five.
fn long(rng: &mut DemoRng, lang: Lang, good: bool, comment: &str) -> String {
    let p = phrases(lang);
    let bank: Vec<&str> = if good {
        p.praise.iter().chain(p.praise_end).copied().collect()
    } else {
        p.complaint
            .iter()
            .chain(p.complaint_slow)
            .chain(p.complaint_end)
            .copied()
            .collect()
    };
    let target = rng.gen_range(2_000..6_000);
    let mut text = comment.to_owned();
    let mut sentences = 1;
    while text.len() < target {
        text.push_str(if sentences % 5 == 0 { "\n\n" } else { " " });
        text.push_str(pick::<&str>(rng, &bank));
        sentences += 1;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;

    #[test]
    fn odd_comments_come_at_their_rates_and_match_the_score() {
        let mut rng = stream(1, 1);
        let (mut foreign, mut emoji, mut long) = (0, 0, 0);
        let draws = 40_000;
        for i in 0..draws {
            let good = i % 4 != 0;
            let Some(odd) = odd_comment(&mut rng, Lang::Ru, good, "Очень медленно.")
            else {
                continue;
            };
            if odd.len() > 2_000 {
                long += 1;
                assert!(odd.starts_with("Очень медленно."), "keeps the comment");
            } else if odd.chars().any(char::is_alphabetic) {
                foreign += 1;
                let bank = if good { &FOREIGN_GOOD } else { &FOREIGN_BAD };
                assert!(bank.contains(&odd.as_str()), "{odd} matches the score");
            } else {
                emoji += 1;
            }
        }
        let share = |n: usize| n as f64 / draws as f64;
        assert!(
            (0.008..0.012).contains(&share(foreign)),
            "foreign {foreign}"
        );
        assert!((0.0035..0.0065).contains(&share(emoji)), "emoji {emoji}");
        assert!((0.0008..0.0025).contains(&share(long)), "long {long}");
    }

    #[test]
    fn long_comments_are_a_few_kilobytes_of_repeated_sentences() {
        let mut rng = stream(2, 1);
        for lang in Lang::ALL {
            let text = long(&mut rng, lang, false, "Bad.");
            assert!((2_000..6_500).contains(&text.len()), "{} bytes", text.len());
            let first = text.split(['.', '!', '?']).nth(3).unwrap_or("");
            assert!(text.matches(first).count() > 1, "sentences repeat");
        }
    }
}
