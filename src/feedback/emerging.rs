//! Emerging themes and terms: what grew against the previous period, kept only when the
//! growth is significant and rests on enough texts, so noise does not top the list.

use super::report::{Emerging, Theme};
use super::stats::proportion_diff;
use super::themes::LangThemes;
use super::vectors::FeatureKind;

/// Fewer texts than this in the current period never emerge.
const MIN_COUNT: u64 = 10;
/// One-sided significance level; for terms it is shared by all tested (Bonferroni).
const ALPHA: f64 = 0.05;
/// Terms listed per language.
const TERMS: usize = 10;

/// Themes whose share grew significantly.
pub fn themes(themes: &[Theme]) -> Vec<Emerging> {
    themes
        .iter()
        .filter_map(|t| {
            let (z, p) = (t.change.z?, t.change.p_value?);
            (z > 0.0 && t.count >= MIN_COUNT && p / 2.0 < ALPHA).then(|| Emerging {
                kind: "theme".to_owned(),
                lang: t.lang,
                label: t.label.clone(),
                theme_id: Some(t.id.clone()),
                count: t.count,
                previous_count: t.change.previous_count,
                share: t.share,
                previous_share: t.change.previous_share,
                z,
                p_value: p / 2.0,
            })
        })
        .collect()
}

/// A term's growth, before it has a shown name.
pub struct TermGrowth {
    pub hash: u64,
    pub count: u64,
    pub previous_count: u64,
    pub share: f64,
    pub previous_share: f64,
    pub z: f64,
    pub p_value: f64,
}

/// Words and phrases whose share of texts grew significantly, strongest first.
pub fn terms(found: &LangThemes) -> Vec<TermGrowth> {
    let n = found.features.len() as u64;
    let previous_n = found.previous_features.len() as u64;
    if n == 0 || previous_n == 0 {
        return Vec::new();
    }
    let mut previous_df = vec![0u64; found.vocab.len()];
    for text in &found.previous_features {
        for f in text {
            if let Some(i) = found.vocab.get(f.hash) {
                previous_df[i as usize] += 1;
            }
        }
    }
    let candidates: Vec<usize> = (0..found.vocab.len())
        .filter(|&i| {
            found.vocab.kinds[i] != FeatureKind::CharBigram
                && u64::from(found.vocab.df[i]) >= MIN_COUNT
        })
        .collect();
    let tests = candidates.len().max(1) as f64;
    let mut out: Vec<TermGrowth> = candidates
        .into_iter()
        .filter_map(|i| {
            let count = u64::from(found.vocab.df[i]);
            let test = proportion_diff(count, n, previous_df[i], previous_n)?;
            let p = test.p_value / 2.0;
            (test.z > 0.0 && p * tests < ALPHA).then(|| TermGrowth {
                hash: found.vocab.hashes[i],
                count,
                previous_count: previous_df[i],
                share: count as f64 / n as f64,
                previous_share: previous_df[i] as f64 / previous_n as f64,
                z: test.z,
                p_value: p,
            })
        })
        .collect();
    out.sort_by(|a, b| b.z.total_cmp(&a.z).then(a.hash.cmp(&b.hash)));
    out.truncate(TERMS);
    out
}
