//! CSAT drivers: which themes, tags, channels, groups and priorities have a CSAT most
//! unlike the rest's (with Newcombe's interval and sample size), and the words that most
//! separate bad from good rating comments in each language.

use std::collections::HashMap;

use polars::prelude::*;
use rayon::prelude::*;

use crate::analytics::engine::kpi::KpiId;
use crate::analytics::engine::stats::csat_stats;
use crate::analytics::engine::value::{CsatStats, KpiValue};
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::{cols, Frame};
use crate::analytics::{self, KpiQuery};

use super::corpus::Doc;
use super::log_odds::{log_odds, Background, TermOdds};
use super::report::{DriverEffect, DriverWords, Theme};
use super::stats::proportion_diff;
use super::text::{Lang, Token};
use super::vectors::{phrase_hash, word_hash};
use super::FeedbackError;

/// Fewer ratings than this say nothing about a group's CSAT.
const MIN_RATINGS: u64 = 30;
/// Effects listed.
const EFFECTS: usize = 25;
/// Words listed per side and language.
const WORDS: usize = 12;
/// Strength of the background prior (pseudo-counts) of the log-odds.
const PRIOR_STRENGTH: f64 = 1_000.0;
/// Dimensions whose values are compared (themes come on top).
const DIMENSIONS: [(Dimension, &str); 4] = [
    (Dimension::Channel, "channel"),
    (Dimension::Priority, "priority"),
    (Dimension::Group, "group"),
    (Dimension::Tag, "tag"),
];

/// Good and bad ratings rated in the range, per frame row, of the allowed rows: the
/// population the CSAT KPI counts.
pub fn rating_population(
    frame: &Frame,
    start: i64,
    end: i64,
    allowed: &[u32],
) -> Result<HashMap<u32, (u64, u64)>, FeedbackError> {
    let allowed = Series::new("allowed".into(), allowed);
    let df = frame
        .ratings
        .clone()
        .lazy()
        .filter(
            col("updated_at")
                .gt_eq(lit(start))
                .and(col("updated_at").lt(lit(end)))
                .and(col(cols::ROW).is_in(lit(allowed).implode(false), false)),
        )
        .select([col(cols::ROW), col("score")])
        .collect()?;
    let rows = df.column(cols::ROW)?.u32()?;
    let scores = df.column("score")?.str()?;
    let mut out: HashMap<u32, (u64, u64)> = HashMap::new();
    for (row, score) in rows.iter().zip(scores.iter()) {
        let (Some(row), Some(score)) = (row, score) else {
            continue;
        };
        let entry = out.entry(row).or_insert((0, 0));
        match score {
            "good" => entry.0 += 1,
            "bad" => entry.1 += 1,
            _ => {}
        }
    }
    out.retain(|_, (g, b)| *g + *b > 0);
    Ok(out)
}

fn totals(population: &HashMap<u32, (u64, u64)>) -> (u64, u64) {
    population
        .values()
        .fold((0, 0), |(g, b), (rg, rb)| (g + rg, b + rb))
}

/// One group against everything else rated in the range.
fn effect(
    dimension: &str,
    key: String,
    label: String,
    group: &CsatStats,
    all: (u64, u64),
) -> Option<DriverEffect> {
    let n_all = all.0 + all.1;
    if group.n < MIN_RATINGS || group.n >= n_all {
        return None;
    }
    let rest = csat_stats(all.0 - group.good, all.1 - group.bad);
    let test = proportion_diff(group.good, group.n, rest.good, rest.n)?;
    Some(DriverEffect {
        dimension: dimension.to_owned(),
        key,
        label,
        csat: group.clone(),
        rest,
        diff: test.diff,
        ci_low: test.ci_low,
        ci_high: test.ci_high,
        p_value: test.p_value,
        impact: test.diff * group.n as f64 / n_all as f64,
    })
}

/// Effects of themes (rows of their tickets) and of the dimensions' values, largest
/// impact on the overall CSAT first.
pub fn effects(
    frame: &Frame,
    query: &KpiQuery,
    population: &HashMap<u32, (u64, u64)>,
    themes: &[(Theme, Vec<u32>)],
) -> Result<Vec<DriverEffect>, FeedbackError> {
    let all = totals(population);
    let mut out = Vec::new();
    for (theme, rows) in themes {
        let (good, bad) = rows
            .iter()
            .filter_map(|r| population.get(r))
            .fold((0, 0), |(g, b), (rg, rb)| (g + rg, b + rb));
        let label = format!("{} ({})", theme.label, theme.lang.code());
        out.extend(effect(
            "theme",
            theme.id.clone(),
            label,
            &csat_stats(good, bad),
            all,
        ));
    }
    for (dim, name) in DIMENSIONS {
        let mut by = query.clone();
        by.by = Some(dim);
        by.every = None;
        by.kpis = vec![KpiId::Csat];
        by.top = None;
        let report = analytics::run(frame, &by)?;
        for group in report.groups.unwrap_or_default() {
            if let Some(KpiValue::Csat(csat)) = group.kpis.get(KpiId::Csat) {
                let key = group.key.clone().unwrap_or_else(|| "(none)".to_owned());
                out.extend(effect(name, key, group.label.clone(), csat, all));
            }
        }
    }
    out.sort_by(|a, b| {
        b.impact
            .abs()
            .total_cmp(&a.impact.abs())
            .then_with(|| a.dimension.cmp(&b.dimension))
            .then_with(|| a.key.cmp(&b.key))
    });
    out.truncate(EFFECTS);
    Ok(out)
}

/// Words and phrases (stems, shown as customers wrote them) of bad against good rating
/// comments of one language, with all of its texts as the prior.
pub fn words(lang: Lang, docs: &[&Doc]) -> Option<DriverWords> {
    let rated: Vec<&Doc> = docs
        .iter()
        .copied()
        .filter(|d| d.rating.is_some())
        .collect();
    let bad_comments = rated.iter().filter(|d| d.rating == Some(false)).count() as u64;
    let good_comments = rated.len() as u64 - bad_comments;
    if bad_comments < MIN_RATINGS / 3 || good_comments < MIN_RATINGS / 3 {
        return None;
    }
    // The background counts every text of the language, most of them unrated ticket
    // texts: hashed, on every core. Only rated comments need their terms spelled out.
    let background: HashMap<u64, u64> = docs
        .par_iter()
        .fold(HashMap::new, |mut counts, doc| {
            for hash in term_hashes(&doc.prepared.tokens) {
                *counts.entry(hash).or_insert(0) += 1;
            }
            counts
        })
        .reduce(HashMap::new, |mut a, b| {
            for (hash, n) in b {
                *a.entry(hash).or_insert(0) += n;
            }
            a
        });
    let mut bad: HashMap<String, u64> = HashMap::new();
    let mut good: HashMap<String, u64> = HashMap::new();
    let mut prior = Background {
        counts: HashMap::new(),
        total: background.values().sum(),
    };
    let mut surfaces: HashMap<String, HashMap<String, u64>> = HashMap::new();
    for doc in rated {
        let side = if doc.rating == Some(true) {
            &mut good
        } else {
            &mut bad
        };
        for (hash, stem, surface) in named_terms(&doc.prepared.tokens) {
            *side.entry(stem.clone()).or_insert(0) += 1;
            prior
                .counts
                .entry(stem.clone())
                .or_insert_with(|| background.get(&hash).copied().unwrap_or(0));
            *surfaces
                .entry(stem)
                .or_default()
                .entry(surface)
                .or_insert(0) += 1;
        }
    }
    let shown = |mut t: TermOdds| {
        if let Some(forms) = surfaces.get(&t.term) {
            if let Some((form, _)) = forms.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                t.term = form.clone();
            }
        }
        t
    };
    // Terms in too few comments are noise whatever their ratio.
    let ranked: Vec<TermOdds> = log_odds(&bad, &good, &prior, PRIOR_STRENGTH)
        .into_iter()
        .filter(|t| t.count_a + t.count_b >= 5)
        .collect();
    let bad_terms = ranked
        .iter()
        .filter(|t| t.z > 0.0)
        .take(WORDS)
        .cloned()
        .map(shown)
        .collect();
    let good_terms = ranked
        .iter()
        .rev()
        .filter(|t| t.z < 0.0)
        .take(WORDS)
        .cloned()
        .map(shown)
        .collect();
    Some(DriverWords {
        lang,
        bad_comments,
        good_comments,
        bad: bad_terms,
        good: good_terms,
    })
}

/// A text's terms in order: each word (`None`), and each pair of neighbouring words in
/// one clause (`Some(next)`).
fn terms(tokens: &[Token]) -> impl Iterator<Item = (&Token, Option<&Token>)> {
    tokens.iter().enumerate().flat_map(move |(i, word)| {
        let pair = tokens.get(i + 1).filter(|next| next.clause == word.clause);
        std::iter::once((word, None)).chain(pair.map(|next| (word, Some(next))))
    })
}

/// A term's hash, as the theme vectors hash words and phrases.
fn term_hash(word: &Token, next: Option<&Token>) -> u64 {
    match next {
        None => word_hash(&word.stem),
        Some(next) => phrase_hash(&word.stem, &next.stem),
    }
}

/// A text's terms, each once, hashed.
fn term_hashes(tokens: &[Token]) -> Vec<u64> {
    let mut hashes: Vec<u64> = terms(tokens).map(|(w, n)| term_hash(w, n)).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// A text's terms, each once: hash, stem and the surface the text wrote it in.
fn named_terms(tokens: &[Token]) -> Vec<(u64, String, String)> {
    let mut named: Vec<(u64, String, String)> = terms(tokens)
        .map(|(word, next)| {
            let hash = term_hash(word, next);
            match next {
                None => (hash, word.stem.clone(), word.surface.clone()),
                Some(next) => (
                    hash,
                    format!("{} {}", word.stem, next.stem),
                    format!("{} {}", word.surface, next.surface),
                ),
            }
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
    named.dedup_by_key(|term| term.0);
    named
}

/// CSAT of the whole population.
pub fn overall(population: &HashMap<u32, (u64, u64)>) -> CsatStats {
    let (good, bad) = totals(population);
    csat_stats(good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_effect_is_the_group_against_the_rest_with_newcombe_s_interval() {
        // 42 good of 60 against the rest of 210 of 250, that is 168 of 190:
        // 0.700 − 0.884211 = −0.184211. Wilson (z = 1.959964): group 0.574913–0.801018,
        // rest 0.830913–0.922279. Low = −0.184211 − √(0.125087² + 0.038068²) = −0.314962;
        // high = −0.184211 + √(0.101018² + 0.053297²) = −0.069995.
        let group = csat_stats(42, 18);
        let effect = effect("channel", "email".into(), "Email".into(), &group, (210, 40))
            .expect("enough ratings on both sides");
        let close = |a: f64, b: f64| (a - b).abs() < 1e-5;
        assert!(close(effect.diff, -0.184_211), "{}", effect.diff);
        assert!(close(effect.ci_low, -0.314_962), "{}", effect.ci_low);
        assert!(close(effect.ci_high, -0.069_995), "{}", effect.ci_high);
        assert_eq!((effect.rest.good, effect.rest.n), (168, 190));
        assert!(close(effect.impact, -0.184_211 * 60.0 / 250.0));
        assert!(
            effect.ci_high < 0.0,
            "the interval excludes zero: clearly worse"
        );
    }

    #[test]
    fn too_few_ratings_or_the_whole_population_are_no_effect() {
        let all = (210, 40);
        let few = csat_stats(20, 9);
        assert!(effect("tag", "t".into(), "t".into(), &few, all).is_none());
        let everyone = csat_stats(210, 40);
        assert!(effect("tag", "t".into(), "t".into(), &everyone, all).is_none());
    }
}
