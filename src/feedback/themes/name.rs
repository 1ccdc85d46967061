//! Theme names a person would write: the phrase that best represents a theme's texts,
//! as customers wrote it. A phrase scores by coverage (the share of the theme's texts
//! that use it) times distinctiveness squared (the share of the language's uses of it
//! that fall in the theme: a name must not fit the neighbouring theme too), with a small
//! bonus per extra word so "can't log in" beats "log" when both are as common. A phrase
//! that nearly always goes on with the same word is cut short and left out; one mostly
//! said after a preposition ("с карты") names a circumstance and scores less. Counting
//! runs on evenly spaced samples, so naming stays cheap on large workspaces; the same
//! data gives the same names.

use std::collections::HashMap;

use super::LangThemes;
use crate::feedback::corpus::Doc;
use crate::feedback::text::phrases::{phrases, Phrase};

/// Texts read per theme and per language at most.
const THEME_SAMPLE: usize = 600;
const LANGUAGE_SAMPLE: usize = 20_000;
/// A candidate is used by at least this share of the theme's sampled texts…
const MIN_COVERAGE: f64 = 0.05;
/// …and by at least this many of them.
const MIN_TEXTS: f64 = 3.0;
/// A use outside the first clause counts this much: the subject or first sentence is
/// where a customer names the matter.
const BODY_USE: f64 = 0.5;
/// Score bonus per word after the first.
const WORD_BONUS: f64 = 0.15;
/// A phrase followed by the same word in this share of its uses is cut short.
const CUT_SHORT: f64 = 0.8;
/// How much of its score a phrase always said after a preposition loses.
const PREPOSITION_COST: f64 = 0.3;

fn use_weight(lead: bool) -> f64 {
    if lead {
        1.0
    } else {
        BODY_USE
    }
}

/// Every `len / max`-th index of `0..len`, at most `max` of them.
fn sample(len: usize, max: usize) -> impl Iterator<Item = usize> {
    let step = len.div_ceil(max.max(1)).max(1);
    (0..len).step_by(step)
}

/// How a theme's texts use one phrase.
#[derive(Default)]
struct Uses {
    /// Texts using it, weighted by [`use_weight`].
    weight: f64,
    /// Of that weight, uses right after a preposition.
    after_preposition: f64,
    /// Texts using it, and how many go on with each next word.
    texts: u32,
    next: HashMap<String, u32>,
    /// Words that are not stop words.
    words: usize,
}

impl Uses {
    fn add(&mut self, p: Phrase) {
        let weight = use_weight(p.lead);
        self.weight += weight;
        if p.after_preposition {
            self.after_preposition += weight;
        }
        self.texts += 1;
        if let Some(next) = p.next {
            *self.next.entry(next).or_insert(0) += 1;
        }
        self.words = p.words;
    }

    fn cut_short(&self) -> bool {
        let most = self.next.values().copied().max().unwrap_or(0);
        f64::from(most) >= CUT_SHORT * f64::from(self.texts)
    }

    /// The score's factor for being said after prepositions.
    fn circumstance(&self) -> f64 {
        1.0 - PREPOSITION_COST * self.after_preposition / self.weight.max(f64::MIN_POSITIVE)
    }
}

/// The name of each cluster (by index), `None` where no phrase qualifies.
pub fn names(found: &LangThemes, current: &[&Doc]) -> Vec<Option<String>> {
    let k = found.centres.k;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (i, a) in found.current.iter().enumerate() {
        if let Some((c, _)) = a {
            members[*c as usize].push(i);
        }
    }
    let candidates: Vec<HashMap<String, Uses>> = members
        .iter()
        .map(|docs| {
            let mut uses: HashMap<String, Uses> = HashMap::new();
            for i in sample(docs.len(), THEME_SAMPLE) {
                for p in phrases(&current[docs[i]].prepared.text, false) {
                    uses.entry(p.key.clone()).or_default().add(p);
                }
            }
            uses
        })
        .collect();
    let mut background: HashMap<&str, f64> = candidates
        .iter()
        .flat_map(|c| c.keys().map(|k| (k.as_str(), 0.0)))
        .collect();
    let language: Vec<usize> = sample(current.len(), LANGUAGE_SAMPLE).collect();
    for &i in &language {
        for p in phrases(&current[i].prepared.text, false) {
            if let Some(n) = background.get_mut(p.key.as_str()) {
                *n += use_weight(p.lead);
            }
        }
    }
    let texts = current.len() as f64;
    members
        .iter()
        .zip(&candidates)
        .map(|(docs, candidates)| {
            let sampled = sample(docs.len(), THEME_SAMPLE).count().max(1) as f64;
            let share_of_language = docs.len() as f64 / texts.max(1.0);
            let best = candidates
                .iter()
                .filter(|(_, u)| u.weight >= MIN_TEXTS && u.weight / sampled >= MIN_COVERAGE)
                .filter(|(_, u)| !u.cut_short())
                .map(|(key, u)| {
                    let coverage = u.weight / sampled;
                    let overall = background.get(key.as_str()).copied().unwrap_or(0.0)
                        / language.len().max(1) as f64;
                    // The theme's expected share of all uses of the phrase.
                    let distinct = if overall > 0.0 {
                        (coverage * share_of_language / overall).min(1.0)
                    } else {
                        1.0
                    };
                    let words = u.words.max(1) as f64;
                    let score = coverage * distinct * distinct * u.circumstance();
                    (key, score * (1.0 + WORD_BONUS * (words - 1.0)))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
            shown(best.0, docs, current)
        })
        .collect()
}

/// How the theme's texts write a phrase, first letter capitalised: the commonest form
/// in first clauses, where customers name the matter (Вход rather than входа), else the
/// commonest anywhere; of that form, the commonest spelling.
fn shown(key: &str, docs: &[usize], current: &[&Doc]) -> Option<String> {
    // Per lowercase form: (uses in a first clause, all uses, spellings).
    let mut forms: HashMap<String, (u32, u32, HashMap<String, u32>)> = HashMap::new();
    for i in sample(docs.len(), THEME_SAMPLE) {
        for p in phrases(&current[docs[i]].prepared.text, true) {
            if p.key == key {
                let form = forms.entry(p.shown.to_lowercase()).or_default();
                form.0 += u32::from(p.lead);
                form.1 += 1;
                *form.2.entry(p.shown).or_insert(0) += 1;
            }
        }
    }
    let led = forms.values().any(|f| f.0 > 0);
    let count = |f: &(u32, u32, HashMap<String, u32>)| if led { f.0 } else { f.1 };
    let (_, (_, _, spellings)) = forms
        .iter()
        .max_by(|a, b| count(a.1).cmp(&count(b.1)).then_with(|| b.0.cmp(a.0)))?;
    let form = spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?
        .0;
    let mut chars = form.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::report::TextKind;
    use crate::feedback::text::prepare;

    fn doc(text: &str) -> Doc {
        Doc {
            ticket: (1, 1),
            row: 0,
            kind: TextKind::Ticket,
            at: 0,
            rating: None,
            prepared: prepare(text),
        }
    }

    #[test]
    fn a_name_takes_the_form_subjects_use() {
        let docs = [
            "Вход не работает",
            "Вход снова сломан",
            "Помогите. Страница входа пустая",
            "Срочно. Ошибка входа",
            "Добрый день. Нет входа",
        ]
        .map(doc);
        let current: Vec<&Doc> = docs.iter().collect();
        assert_eq!(
            shown("вход", &[0, 1, 2, 3, 4], &current).as_deref(),
            Some("Вход"),
            "three uses of входа in bodies, two of вход in subjects"
        );
        assert_eq!(
            shown("вход", &[2, 3, 4], &current).as_deref(),
            Some("Входа")
        );
    }

    fn uses(texts: &[(Option<&str>, bool)]) -> Uses {
        let mut uses = Uses::default();
        for (next, after_preposition) in texts {
            uses.add(Phrase {
                key: "k".into(),
                shown: String::new(),
                lead: true,
                words: 1,
                after_preposition: *after_preposition,
                next: next.map(str::to_owned),
            });
        }
        uses
    }

    #[test]
    fn a_phrase_nearly_always_going_on_with_one_word_is_cut_short() {
        let mut texts = vec![(Some("account"), false); 8];
        texts.extend([(None, false), (Some("team"), false)]);
        assert!(uses(&texts).cut_short());
        texts[0] = (None, false);
        assert!(!uses(&texts).cut_short(), "7 of 10 go on the same way");
    }

    #[test]
    fn a_phrase_said_after_prepositions_scores_less() {
        assert_eq!(uses(&[(None, false), (None, false)]).circumstance(), 1.0);
        let half = uses(&[(None, true), (None, false)]).circumstance();
        assert!((half - (1.0 - PREPOSITION_COST / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn samples_are_evenly_spaced_and_bounded() {
        assert_eq!(sample(5, 10).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert_eq!(sample(10, 5).collect::<Vec<_>>(), [0, 2, 4, 6, 8]);
        assert!(sample(1_000_001, 600).count() <= 600);
        assert_eq!(sample(0, 600).count(), 0);
    }
}
