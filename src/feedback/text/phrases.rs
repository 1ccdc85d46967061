//! Candidate phrases of a text for naming a theme: runs of one to four words inside a
//! clause, as customers wrote them ("can't log in", "로그인이 안 돼요", "не могу войти"),
//! that start and end on a word that carries meaning. Stop words may sit inside a
//! phrase but never at its edges, except a negator in front ("can't …", "не …"), an
//! English particle at the end ("log in", "set up") and whatever follows a negator
//! ("안 돼요"). Only for names: counting and clustering use tokens.
//!
//! A phrase's key is how forms of it are counted together: the last word of a Korean
//! phrase drops its particle or its 하다/되다 (환불을 → 환불, 설정하면 → 설정), the last
//! word of a Russian one is counted by its stem (вход, входа), as a title would decline it.
//! Modifiers that say the same thing in front of a noun count as one ("double": 중복,
//! 이중, 두 번 결제), so a matter customers phrase three ways is not outvoted by its bare
//! noun; the name then shows whichever of those spellings the theme uses most.

use super::korean;
use super::negation;
use super::script::{lowercase, script_of_word, Script};
use super::stopwords::is_stop_word;
use super::words::{stem, words};

/// Longest phrase, in words.
pub const MAX_WORDS: usize = 4;

/// English particles that end a phrasal verb: "log in", "locked out", "set up".
const PARTICLES: &[&str] = &["in", "out", "up", "down", "back", "on", "off"];

/// Korean words that frame a request rather than name its matter: 방법 ("how to …"),
/// 문의 ("inquiry about …"). A phrase never starts or ends on one.
const FRAMING: &[&str] = &["방법", "문의"];

/// Leading modifiers keyed as the first of their family: the same matter in other words.
const MODIFIER_FAMILIES: &[(&str, &str)] = &[("이중 ", "중복 "), ("두 번 ", "중복 ")];

/// Prepositions: a phrase usually said after one ("с карты", "for one subscription") is
/// a circumstance of the matter, not the matter. "to" is left out: it is also the
/// infinitive's ("unable to sign in").
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "for", "from", "with", "about", "of", "by", "into", "after", "over",
    "via", "without",
    "в", "во", "на", "с", "со", "к", "ко", "по", "за", "из", "от", "до", "для", "о", "об",
    "у", "при", "без", "через", "после", "под", "над", "про",
];

/// One phrase: `key` compares (lowercase, ё as е), `shown` is as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub key: String,
    pub shown: String,
    /// Said in the text's first clause: a ticket's subject, a comment's first sentence,
    /// where customers sum up what they write about.
    pub lead: bool,
    /// Words that are not stop words: how specific the phrase is.
    pub words: usize,
    /// Said right after a preposition.
    pub after_preposition: bool,
    /// The content word right after the phrase in its clause, lowercase: a phrase that
    /// nearly always goes on with the same word is cut short ("setting up our new").
    pub next: Option<String>,
}

/// How a word may stand in a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Content,
    Negator,
    Particle,
    Other,
}

struct Word<'a> {
    written: &'a str,
    /// Lowercase, ё as е: how the word is keyed inside a phrase.
    key: String,
    role: Role,
    /// The word's key and shown form when it ends a phrase.
    last_key: String,
    last_shown: String,
}

impl<'a> Word<'a> {
    /// `negated`: the word before it is a negator, so a Korean verb keeps its ending
    /// ("안 돼요"); a phrase that starts on such a word is never formed.
    fn new(written: &'a str, negated: bool) -> Word<'a> {
        let lower = lowercase(written);
        let role = role(&lower);
        let key = lower.replace('ё', "е");
        let (last_key, last_shown) = match script_of_word(&key) {
            Some(Script::Hangul) => {
                let noun = korean::nominal(&key).filter(|_| !negated);
                let form = noun.unwrap_or_else(|| korean::without_particle(&key));
                (form.to_owned(), form.to_owned())
            }
            Some(Script::Cyrillic) if role == Role::Content => (
                stem(&key, Script::Cyrillic).into_owned(),
                written.to_owned(),
            ),
            _ => (key.clone(), written.to_owned()),
        };
        Word {
            written,
            key,
            role,
            last_key,
            last_shown,
        }
    }
}

fn role(lower: &str) -> Role {
    let key = lower.replace('’', "'").replace('ё', "е");
    if negation::negator(&key).is_some() {
        return Role::Negator;
    }
    if PARTICLES.contains(&key.as_str()) {
        return Role::Particle;
    }
    let digits = key.chars().any(|c| c.is_ascii_digit());
    let Some(script) = script_of_word(&key) else {
        // "503", "429": numbers customers quote as names of errors.
        return if digits && key.chars().count() >= 2 {
            Role::Content
        } else {
            Role::Other
        };
    };
    let single = key.chars().nth(1).is_none();
    let stop = match script {
        Script::Hangul => {
            let stem = korean::stem(&key);
            is_stop_word(&key, script)
                || is_stop_word(&stem, script)
                || FRAMING.contains(&key.as_str())
                || FRAMING.contains(&stem.as_ref())
        }
        _ => is_stop_word(&key, script),
    };
    if stop || (single && matches!(script, Script::Latin | Script::Cyrillic)) {
        Role::Other
    } else {
        Role::Content
    }
}

/// The distinct phrases of a text; `shown` only when `with_shown` (names need it for
/// the winner only). A phrase said twice is described by its first use.
pub fn phrases(text: &str, with_shown: bool) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    let mut lead = true;
    for clause in text.split([
        '.', '!', '?', ';', '…', '\n', ',', ':', '(', ')', '"', '«', '»',
    ]) {
        let mut list: Vec<Word> = Vec::new();
        for (_, written) in words(clause) {
            let negated = list.last().is_some_and(|w| w.role == Role::Negator);
            list.push(Word::new(written, negated));
        }
        for start in 0..list.len() {
            // A phrase never starts inside a negation: "не могу войти", not "могу войти".
            let negated = start > 0 && list[start - 1].role == Role::Negator;
            if negated || !matches!(list[start].role, Role::Content | Role::Negator) {
                continue;
            }
            for end in start..list.len().min(start + MAX_WORDS) {
                if ends_phrase(&list, start, end) {
                    let phrase = phrase(&list, start, end, with_shown, lead);
                    if !out.iter().any(|p| p.key == phrase.key) {
                        out.push(phrase);
                    }
                }
            }
        }
        lead &= list.is_empty();
    }
    out
}

/// Whether `list[end]` may end a phrase that starts at `start`.
fn ends_phrase(list: &[Word], start: usize, end: usize) -> bool {
    let after_negator = end > start && list[end - 1].role == Role::Negator;
    match list[end].role {
        Role::Content => true,
        // "log in", "can't log in": a particle ends a phrasal verb, not "dark mode in".
        Role::Particle => {
            let verb = end > start && list[end - 1].role == Role::Content;
            let head = end.checked_sub(1) == Some(start)
                || (end.checked_sub(2) == Some(start) && list[start].role == Role::Negator);
            verb && head
        }
        Role::Negator | Role::Other => after_negator,
    }
}

/// The phrase of `list[start..=end]` in its clause.
fn phrase(list: &[Word], start: usize, end: usize, with_shown: bool, lead: bool) -> Phrase {
    let words = &list[start..=end];
    let mut key = String::new();
    let mut shown = String::new();
    for w in &words[..words.len() - 1] {
        key.push_str(&w.key);
        key.push(' ');
        if with_shown {
            shown.push_str(w.written);
            shown.push(' ');
        }
    }
    key.push_str(&list[end].last_key);
    if let Some((from, to)) = MODIFIER_FAMILIES
        .iter()
        .find(|(from, _)| key.len() > from.len() && key.starts_with(from))
    {
        key.replace_range(..from.len(), to);
    }
    if with_shown {
        shown.push_str(&list[end].last_shown);
    }
    let after_preposition = start
        .checked_sub(1)
        .and_then(|i| list.get(i))
        .is_some_and(|w| PREPOSITIONS.contains(&w.key.as_str()));
    let next = list
        .get(end + 1)
        .filter(|w| w.role == Role::Content)
        .map(|w| w.key.clone());
    Phrase {
        key,
        shown,
        lead,
        words: words.iter().filter(|w| w.role != Role::Other).count(),
        after_preposition,
        next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        phrases(text, false).into_iter().map(|p| p.key).collect()
    }

    #[test]
    fn phrases_keep_the_small_words_inside_and_a_particle_at_the_end() {
        let found = keys("I can't log in to my account.");
        for want in ["can't log in", "account"] {
            assert!(found.contains(&want.to_owned()), "{want} in {found:?}");
        }
        assert!(!found
            .iter()
            .any(|k| k.starts_with("to ") || k.ends_with(" to")));
        assert!(keys("Please log in again").contains(&"log in".to_owned()));
        assert!(!keys("a dark mode in the app").contains(&"dark mode in".to_owned()));
        assert!(
            !found.contains(&"i can't".to_owned()),
            "no stop word at an edge"
        );
        assert!(
            !found.contains(&"log".to_owned()),
            "a negated word stays with its negator"
        );
    }

    #[test]
    fn phrases_stay_inside_a_clause_and_know_the_first_one() {
        let found = keys("Refund please. Login broken");
        assert!(found.contains(&"refund".to_owned()));
        assert!(!found.iter().any(|k| k.contains("please login")));
        let lead: Vec<(String, bool)> = phrases("\n Refund. Login", false)
            .into_iter()
            .map(|p| (p.key, p.lead))
            .collect();
        assert_eq!(
            lead,
            [("refund".to_owned(), true), ("login".to_owned(), false)]
        );
    }

    #[test]
    fn korean_phrases_drop_the_last_nouns_particle_and_keep_a_negated_verb() {
        let found = keys("계정에 로그인이 안 돼요");
        assert!(found.contains(&"로그인".to_owned()), "{found:?}");
        assert!(found.contains(&"로그인이 안 돼요".to_owned()), "{found:?}");
        let shown = phrases("환불을 요청합니다", true);
        assert!(shown.iter().any(|p| p.shown == "환불"), "{shown:?}");
    }

    #[test]
    fn russian_keys_write_yo_as_ye_and_stem_the_last_word_and_shown_keeps_the_case() {
        let found = phrases("Вопрос по счёту", true);
        let p = found.iter().find(|p| p.key == "вопрос по счет").unwrap();
        assert_eq!(p.shown, "Вопрос по счёту");
        assert_eq!(keys("Вход"), ["вход"]);
        assert!(
            keys("страница входа").contains(&"вход".to_owned()),
            "входа too"
        );
    }

    #[test]
    fn korean_names_show_the_noun_of_a_doing_verb() {
        assert!(keys("계정 설정하면").contains(&"계정 설정".to_owned()));
        let shown = phrases("두 번 결제됐습니다", true);
        assert!(shown.iter().any(|p| p.shown == "두 번 결제"), "{shown:?}");
    }

    #[test]
    fn modifiers_that_say_the_same_count_as_one_and_show_as_written() {
        for text in ["중복 결제가 있습니다", "이중 결제", "두 번 결제됐습니다"]
        {
            assert!(keys(text).contains(&"중복 결제".to_owned()), "{text}");
        }
        let shown = phrases("이중 결제", true);
        assert!(shown.iter().any(|p| p.shown == "이중 결제"), "{shown:?}");
    }

    #[test]
    fn words_that_frame_a_request_never_edge_a_phrase() {
        let found = keys("동료를 추가하는 방법을 모르겠어요. 새 계정 설정 문의");
        assert!(
            !found
                .iter()
                .any(|k| k.starts_with("방법") || k.ends_with("방법") || k.ends_with("문의")),
            "{found:?}"
        );
        assert!(found.contains(&"새 계정 설정".to_owned()), "{found:?}");
    }

    #[test]
    fn a_phrase_knows_its_neighbours_and_its_meaningful_words() {
        let found = phrases("Help setting up our new account", false);
        let cut = found
            .iter()
            .find(|p| p.key == "setting up our new")
            .unwrap();
        assert_eq!(cut.next.as_deref(), Some("account"));
        assert_eq!(cut.words, 3, "\"our\" is a stop word");
        let card = phrases("Списали с карты", false);
        let after = |key: &str| card.iter().find(|p| p.key.starts_with(key)).unwrap();
        assert!(after("карт").after_preposition);
        assert!(!after("списа").after_preposition);
    }

    #[test]
    fn numbers_that_name_errors_count_as_words() {
        assert!(keys("Login page returns error 503").contains(&"error 503".to_owned()));
    }
}
