//! Ticket, reply, rating-comment and article text, composed from per-language phrase
//! banks (`lang_en`, `lang_ko`, `lang_ru`) so near-duplicates are rarely identical.
//!
//! The ticket stream draws the template indexes it always drew, so its numbers never
//! move; the wording stream then widens the choice to the further wordings.

use rand::Rng;

use super::names::Lang;
use super::sample::{chance, pick, DemoRng};
use super::topics::{Topic, TOPIC_COUNT};
use super::{lang_en, lang_ko, lang_ru};

/// A help-center article about one topic in one language.
pub(super) struct ArticleText {
    pub title: &'static str,
    pub intro: &'static str,
    pub steps: [&'static str; 3],
}

/// Everything said about one topic in one language. `{n}` is a number (order, invoice,
/// error code), `{brand}` the ticket's brand.
pub(super) struct TopicText {
    pub subjects: &'static [&'static str],
    pub details: &'static [&'static str],
    /// Further wordings of the subject and the problem, drawn on the wording stream:
    /// lengthening `subjects` or `details` would reshuffle every ticket's numbers.
    pub more_subjects: &'static [&'static str],
    pub more_details: &'static [&'static str],
    /// The core of the first agent reply.
    pub reply: &'static str,
    pub praise: &'static [&'static str],
    pub complaint: &'static [&'static str],
    /// `None` leaves a knowledge-base gap for this topic in this language.
    pub article: Option<ArticleText>,
}

/// A language's phrase bank. Per-topic texts are a fixed-size array, so a language that
/// misses a topic does not compile.
pub(super) struct Phrases {
    pub topics: [TopicText; TOPIC_COUNT],
    /// Openers and closers of a customer's first message.
    pub hello: &'static [&'static str],
    pub thanks: &'static [&'static str],
    /// Agent reply greeting with `{name}`, and sign-offs.
    pub greet: &'static str,
    pub sign_off: &'static [&'static str],
    /// Rating comments: generic praise, praise naming the agent (`{agent}`), endings.
    pub praise: &'static [&'static str],
    pub praise_named: &'static [&'static str],
    pub praise_end: &'static [&'static str],
    pub complaint: &'static [&'static str],
    /// Complaints about waiting, for slow tickets.
    pub complaint_slow: &'static [&'static str],
    pub complaint_end: &'static [&'static str],
    /// Closing paragraph of every article.
    pub article_outro: &'static str,
    /// Articles not tied to a topic: (title, body).
    pub general_articles: &'static [(&'static str, &'static str)],
}

pub(super) fn phrases(lang: Lang) -> &'static Phrases {
    match lang {
        Lang::En => &lang_en::PHRASES,
        Lang::Ko => &lang_ko::PHRASES,
        Lang::Ru => &lang_ru::PHRASES,
    }
}

fn topic_text(lang: Lang, topic: Topic) -> &'static TopicText {
    &phrases(lang).topics[topic.index()]
}

/// Replaces the placeholders a template uses; most templates have none.
fn fill(template: &str, n: u32, brand: &str) -> String {
    if !template.contains('{') {
        return template.to_owned();
    }
    template
        .replace("{n}", &n.to_string())
        .replace("{brand}", brand)
}

fn number(rng: &mut DemoRng) -> u32 {
    rng.gen_range(1_000..99_999)
}

/// `drawn` (the ticket stream's pick from `base`) or one of `more`, every wording with
/// the same chance.
fn widen(
    wording: &mut DemoRng,
    base: &[&'static str],
    drawn: &'static str,
    more: &[&'static str],
) -> &'static str {
    let k = wording.gen_range(0..base.len() + more.len());
    k.checked_sub(base.len()).map_or(drawn, |i| more[i])
}

pub(super) fn subject(
    rng: &mut DemoRng,
    wording: &mut DemoRng,
    lang: Lang,
    topic: Topic,
    brand: &str,
) -> String {
    let t = topic_text(lang, topic);
    let drawn = *pick(rng, t.subjects);
    let n = number(rng);
    fill(widen(wording, t.subjects, drawn, t.more_subjects), n, brand)
}

/// A customer's first message in parts, so noise can change what they say and leave the
/// greeting and the signature alone.
pub(super) struct Message {
    pub hello: &'static str,
    /// The problem, in the customer's words.
    pub body: String,
    /// Closing line and the requester's name, or empty.
    pub signature: String,
}

impl Message {
    pub(super) fn render(&self) -> String {
        let mut text = String::with_capacity(self.body.len() + 64);
        if !self.hello.is_empty() {
            text.push_str(self.hello);
            text.push_str("\n\n");
        }
        text.push_str(&self.body);
        if !self.signature.is_empty() {
            text.push_str("\n\n");
            text.push_str(&self.signature);
        }
        text
    }
}

/// The requester's first message: greeting, the problem, a sign-off with their name.
pub(super) fn description(
    rng: &mut DemoRng,
    wording: &mut DemoRng,
    lang: Lang,
    topic: Topic,
    brand: &str,
    requester: &str,
) -> Message {
    let p = phrases(lang);
    let t = topic_text(lang, topic);
    let drawn = *pick(rng, t.details);
    let n = match topic {
        Topic::RefundRequest => rng.gen_range(5..30),
        Topic::IntegrationSync => rng.gen_range(6..72),
        Topic::OnboardingSetup => rng.gen_range(3..60),
        Topic::ApiErrors => rng.gen_range(2..20) * 50,
        _ => number(rng),
    };
    let hello = *pick(rng, p.hello);
    let thanks = *pick(rng, p.thanks);
    let detail = widen(wording, t.details, drawn, t.more_details);
    Message {
        hello,
        body: fill(detail, n, brand),
        signature: if thanks.is_empty() {
            String::new()
        } else {
            format!("{thanks}\n{requester}")
        },
    }
}

/// The agent's first public reply.
pub(super) fn agent_reply(
    rng: &mut DemoRng,
    lang: Lang,
    topic: Topic,
    requester: &str,
    agent: &str,
) -> String {
    let p = phrases(lang);
    let sign_off = *pick(rng, p.sign_off);
    format!(
        "{}\n\n{}\n\n{sign_off}\n{agent}",
        p.greet.replace("{name}", requester),
        topic_text(lang, topic).reply
    )
}

/// A rating comment in the ticket's language about what customers actually mention:
/// speed, competence, attitude, and the topic itself. `agent` is the assignee's name when
/// customers of this language would use it.
pub(super) fn rating_comment(
    rng: &mut DemoRng,
    lang: Lang,
    topic: Topic,
    good: bool,
    slow: bool,
    agent: Option<&str>,
) -> String {
    let p = phrases(lang);
    let t = topic_text(lang, topic);
    let (core, end) = if good {
        let core = match (rng.gen_range(0..10), agent) {
            (0..=3, _) => (*pick(rng, t.praise)).to_owned(),
            (4..=6, Some(name)) => pick(rng, p.praise_named).replace("{agent}", name),
            _ => (*pick(rng, p.praise)).to_owned(),
        };
        // "…, thank you! Thank you!" reads like a bot: no ending after a thank-you.
        let thanked = ["thank", "спасибо", "благодар", "감사"]
            .iter()
            .any(|m| core.to_lowercase().contains(m));
        let end = (!thanked && chance(rng, 0.55)).then(|| *pick(rng, p.praise_end));
        (core, end)
    } else {
        let core = if slow && chance(rng, 0.6) {
            *pick(rng, p.complaint_slow)
        } else if chance(rng, 0.5) {
            *pick(rng, t.complaint)
        } else {
            *pick(rng, p.complaint)
        };
        (
            core.to_owned(),
            chance(rng, 0.45).then(|| *pick(rng, p.complaint_end)),
        )
    };
    match end {
        Some(end) => format!("{core} {end}"),
        None => core,
    }
}

/// Title and plain-text body of a topic's article, or `None` for a knowledge-base gap.
pub(super) fn article(lang: Lang, topic: Topic) -> Option<(String, String)> {
    let a = topic_text(lang, topic).article.as_ref()?;
    let steps: Vec<String> = a
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| format!("{}. {step}", i + 1))
        .collect();
    let body = format!(
        "{}\n\n{}\n\n{}",
        a.intro,
        steps.join("\n"),
        phrases(lang).article_outro
    );
    Some((a.title.to_owned(), body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;
    use crate::demo::topics::TOPICS;

    #[test]
    fn every_language_has_text_for_every_topic() {
        for lang in Lang::ALL {
            let p = phrases(lang);
            for spec in &TOPICS {
                let t = &p.topics[spec.topic.index()];
                assert!(
                    !t.subjects.is_empty()
                        && !t.details.is_empty()
                        && !t.praise.is_empty()
                        && !t.complaint.is_empty(),
                    "{lang:?} {:?} lacks text",
                    spec.topic
                );
            }
            assert!(
                p.praise.len() >= 8 && p.complaint.len() >= 6,
                "{lang:?} bank too small"
            );
        }
    }

    #[test]
    fn knowledge_base_leaves_frequent_topics_uncovered() {
        for topic in [
            Topic::ShippingDelay,
            Topic::TwoFactor,
            Topic::SlowPerformance,
        ] {
            for lang in Lang::ALL {
                assert!(
                    article(lang, topic).is_none(),
                    "{lang:?} {topic:?} has an article"
                );
            }
        }
        assert!(article(Lang::Ko, Topic::PasswordReset).is_some());
    }

    #[test]
    fn rating_comments_vary_and_name_the_agent() {
        let mut rng = stream(4, 1);
        let comments: Vec<String> = (0..200)
            .map(|_| {
                rating_comment(
                    &mut rng,
                    Lang::Ru,
                    Topic::LoginProblem,
                    true,
                    false,
                    Some("Анна"),
                )
            })
            .collect();
        let mut distinct = comments.clone();
        distinct.sort();
        distinct.dedup();
        assert!(
            distinct.len() > 30,
            "only {} distinct comments",
            distinct.len()
        );
        assert!(comments.iter().any(|c| c.contains("Анна")));
        assert!(
            comments.iter().all(|c| !c.contains('{')),
            "unfilled placeholder"
        );
    }

    #[test]
    fn descriptions_fill_placeholders() {
        let (mut rng, mut wording) = (stream(5, 1), stream(5, 2));
        for lang in Lang::ALL {
            for spec in &TOPICS {
                for _ in 0..20 {
                    let d =
                        description(&mut rng, &mut wording, lang, spec.topic, "Acme Pay", "Emma")
                            .render();
                    let s = subject(&mut rng, &mut wording, lang, spec.topic, "Acme Pay");
                    assert!(!d.contains('{') && !s.contains('{'), "{lang:?}: {s} / {d}");
                }
            }
        }
    }

    #[test]
    fn every_topic_has_several_distinct_wordings_in_every_language() {
        for lang in Lang::ALL {
            for spec in &TOPICS {
                let t = topic_text(lang, spec.topic);
                let distinct = |a: &[&str], b: &[&str]| {
                    let mut all: Vec<&str> = a.iter().chain(b).copied().collect();
                    all.sort_unstable();
                    all.dedup();
                    all.len()
                };
                assert!(
                    distinct(t.subjects, t.more_subjects) >= 4
                        && distinct(t.details, t.more_details) >= 3,
                    "{lang:?} {:?} needs more wordings",
                    spec.topic
                );
            }
        }
    }

    #[test]
    fn further_wordings_are_drawn_as_often_as_the_first_ones() {
        let (mut rng, mut wording) = (stream(6, 1), stream(6, 2));
        let t = topic_text(Lang::En, Topic::AppCrash);
        let mut counts = std::collections::BTreeMap::new();
        for _ in 0..6_000 {
            *counts
                .entry(subject(
                    &mut rng,
                    &mut wording,
                    Lang::En,
                    Topic::AppCrash,
                    "Acme",
                ))
                .or_insert(0) += 1;
        }
        assert_eq!(counts.len(), t.subjects.len() + t.more_subjects.len());
        let expected = 6_000 / counts.len();
        assert!(
            counts
                .values()
                .all(|n| n * 10 > expected * 8 && n * 10 < expected * 12),
            "{counts:?}"
        );
    }
}
