//! Realistic noise in what customers write (subjects, first messages, rating comments):
//! typos, mixed language, e-mail leftovers and odd comments, at known rates. It draws
//! only from its own stream, so noise never moves a count, time or score; agent replies
//! and articles stay clean.

use super::mail::{leftovers, Leftovers, Sender};
use super::mixed_language::{english_word, foreign_quote, Part};
use super::names::Lang;
use super::odd_comments::odd_comment;
use super::sample::{chance, DemoRng};
use super::text::Message;
use super::typos::misspell;

const TYPO_RATE: f64 = 0.1;
/// Korean and Russian texts with an English word.
const MIXED_RATE: f64 = 0.1;
/// English first messages quoting a Korean or Russian one.
const QUOTE_RATE: f64 = 0.01;

/// Share of first messages with e-mail leftovers, by channel: about 15% in all.
fn mail_rate(channel: &str) -> f64 {
    match channel {
        "email" => 0.4,
        // Pasted from an e-mail into the web form.
        "web" => 0.05,
        _ => 0.0,
    }
}

pub(super) struct Noise {
    rng: DemoRng,
}

impl Noise {
    pub(super) fn new(rng: DemoRng) -> Noise {
        Noise { rng }
    }

    pub(super) fn subject(&mut self, lang: Lang, subject: String) -> String {
        self.write(lang, Part::Subject, subject)
    }

    /// The first message as sent: noise in what the customer says, e-mail leftovers
    /// around it.
    pub(super) fn description(
        &mut self,
        lang: Lang,
        channel: &str,
        mut message: Message,
        sender: &Sender,
    ) -> String {
        let mut body = self.write(lang, Part::Body, message.body);
        if lang == Lang::En && chance(&mut self.rng, QUOTE_RATE) {
            body.push(' ');
            body.push_str(foreign_quote(&mut self.rng));
        }
        let mail = if chance(&mut self.rng, mail_rate(channel)) {
            leftovers(&mut self.rng, lang, sender)
        } else {
            Leftovers::default()
        };
        if let Some(contact) = mail.body {
            body.push(' ');
            body.push_str(&contact);
        }
        message.body = body;
        let mut text = message.render();
        for part in mail.trailer {
            text.push_str("\n\n");
            text.push_str(&part);
        }
        text
    }

    pub(super) fn rating_comment(&mut self, lang: Lang, good: bool, comment: String) -> String {
        if let Some(odd) = odd_comment(&mut self.rng, lang, good, &comment) {
            return odd;
        }
        let part = if good { Part::Praise } else { Part::Complaint };
        self.write(lang, part, comment)
    }

    /// Mixed language first (it needs the words as written), then typos.
    fn write(&mut self, lang: Lang, part: Part, text: String) -> String {
        let mixed = lang != Lang::En && chance(&mut self.rng, MIXED_RATE);
        let text = if mixed {
            english_word(&mut self.rng, lang, part, &text)
        } else {
            text
        };
        if chance(&mut self.rng, TYPO_RATE) {
            misspell(&mut self.rng, &text)
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;

    fn rate(n: usize, of: usize) -> f64 {
        n as f64 / of as f64
    }

    #[test]
    fn typos_and_english_words_come_at_about_their_rates() {
        let mut noise = Noise::new(stream(1, 1));
        let (draws, korean) = (10_000, "비밀번호 재설정 메일이 안 와요");
        let (mut mixed, mut slipped) = (0, 0);
        for _ in 0..draws {
            let out = noise.subject(Lang::Ko, korean.to_owned());
            if out.chars().any(|c| c.is_ascii_alphabetic()) {
                mixed += 1;
            } else if out != korean {
                slipped += 1;
            }
        }
        assert!((0.08..0.12).contains(&rate(mixed, draws)), "{mixed} mixed");
        // Typos also hit mixed texts, which are counted above.
        assert!(
            (0.07..0.11).contains(&rate(slipped, draws)),
            "{slipped} typos"
        );
        let english = "Password reset email never arrives";
        let changed = (0..draws)
            .filter(|_| noise.subject(Lang::En, english.to_owned()) != english)
            .count();
        assert!(
            (0.08..0.12).contains(&rate(changed, draws)),
            "{changed} English typos"
        );
    }

    #[test]
    fn only_e_mail_channels_get_e_mail_leftovers() {
        let mut noise = Noise::new(stream(2, 1));
        let sender = Sender {
            email: "a.b@example.com",
            written_at: 1_751_284_800,
        };
        let message = || Message {
            hello: "Hi,",
            body: "The app crashes.".to_owned(),
            signature: "Thanks,\nEmma".to_owned(),
        };
        let plain = message().render();
        let mut count = |channel: &str| {
            (0..4_000)
                .filter(|_| {
                    let out = noise.description(Lang::En, channel, message(), &sender);
                    out.len() > plain.len() + 1 && !out.contains("\"")
                })
                .count()
        };
        assert_eq!(count("chat"), 0, "chats are not e-mails");
        let email = rate(count("email"), 4_000);
        assert!(
            (0.36..0.44).contains(&email),
            "leftovers in {email:.3} of e-mails"
        );
    }
}
