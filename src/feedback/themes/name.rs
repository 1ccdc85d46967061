//! Theme names a person would write: the phrase that best represents a theme's texts,
//! as customers wrote it. A phrase scores by coverage (the share of the theme's texts
//! that use it) times distinctiveness squared (the share of the language's uses of it
//! that fall in the theme: a name must not fit the neighbouring theme too), with a small
//! bonus per extra word so "can't log in" beats "log" when both are as common. Counting runs on evenly spaced samples, so naming stays
//! cheap on large workspaces; the same data gives the same names.

use std::collections::HashMap;

use super::LangThemes;
use crate::feedback::corpus::Doc;
use crate::feedback::text::phrases::phrases;

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

/// The name of each cluster (by index), `None` where no phrase qualifies.
pub fn names(found: &LangThemes, current: &[&Doc]) -> Vec<Option<String>> {
    let k = found.centres.k;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (i, a) in found.current.iter().enumerate() {
        if let Some((c, _)) = a {
            members[*c as usize].push(i);
        }
    }
    let candidates: Vec<HashMap<String, f64>> = members
        .iter()
        .map(|docs| {
            let mut counts: HashMap<String, f64> = HashMap::new();
            for i in sample(docs.len(), THEME_SAMPLE) {
                for p in phrases(&current[docs[i]].prepared.text, false) {
                    *counts.entry(p.key).or_insert(0.0) += use_weight(p.lead);
                }
            }
            counts
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
        .map(|(docs, counts)| {
            let sampled = sample(docs.len(), THEME_SAMPLE).count().max(1) as f64;
            let share_of_language = docs.len() as f64 / texts.max(1.0);
            let best = counts
                .iter()
                .filter(|(_, &n)| n >= MIN_TEXTS && n / sampled >= MIN_COVERAGE)
                .map(|(key, &n)| {
                    let coverage = n / sampled;
                    let overall = background.get(key.as_str()).copied().unwrap_or(0.0)
                        / language.len().max(1) as f64;
                    // The theme's expected share of all uses of the phrase.
                    let distinct = if overall > 0.0 {
                        (coverage * share_of_language / overall).min(1.0)
                    } else {
                        1.0
                    };
                    let words = key.split(' ').count() as f64;
                    let score = coverage * distinct * distinct;
                    (key, score * (1.0 + WORD_BONUS * (words - 1.0)))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
            shown(best.0, docs, current)
        })
        .collect()
}

/// The commonest way the theme's texts write a phrase, first letter capitalised.
fn shown(key: &str, docs: &[usize], current: &[&Doc]) -> Option<String> {
    let mut forms: HashMap<String, u32> = HashMap::new();
    for i in sample(docs.len(), THEME_SAMPLE) {
        for p in phrases(&current[docs[i]].prepared.text, true) {
            if p.key == key {
                *forms.entry(p.shown).or_insert(0) += 1;
            }
        }
    }
    let form = forms
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?
        .0;
    let mut chars = form.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_evenly_spaced_and_bounded() {
        assert_eq!(sample(5, 10).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert_eq!(sample(10, 5).collect::<Vec<_>>(), [0, 2, 4, 6, 8]);
        assert!(sample(1_000_001, 600).count() <= 600);
        assert_eq!(sample(0, 600).count(), 0);
    }
}
