//! Merges and splits the user made to themes, applied to a language's clusters before
//! they become report themes, so a merged or split theme's count, share, CSAT, trend,
//! quotes and article are its own. Edits apply in the order they were made; each finds
//! its themes by signature as a kept name does (`theme_names`), so it survives a new
//! sync or another period, and one whose themes are gone changes nothing.
//!
//! A split moves the texts that say a phrase the user picked (one of the theme's terms,
//! or their own words) into a theme of its own: the analyst splits a theme because its
//! quotes mix two things they can name, and a phrase splits it where they see the seam,
//! every time, whereas re-clustering might cut it along another line.

use std::collections::HashMap;

use crate::store::{KeptEdit, ThemeEditRow};

use super::corpus::Doc;
use super::report::{EditOutcome, Theme, ThemeEdit, ThemeEditKind};
use super::text::{self, Lang, Token};
use super::theme_names::{self, SAME_THEME};
use super::themes::{label, LangThemes};
use super::vectors::word_hash;

/// What applying a language's edits did.
pub struct Applied {
    /// The edit that last shaped each cluster, by cluster index (a split adds clusters).
    pub marks: Vec<Option<ThemeEdit>>,
    /// What each edit did, by edit id, in the order they applied.
    pub outcomes: Vec<(i64, EditOutcome)>,
}

/// Applies `edits` (of `found`'s language, oldest first) to its clusters.
pub fn apply(
    found: &mut LangThemes,
    edits: &[&ThemeEditRow],
    current: &[&Doc],
    previous: &[&Doc],
) -> Applied {
    let mut marks = vec![None; found.centres.k];
    let mut outcomes = Vec::with_capacity(edits.len());
    if edits.is_empty() {
        return Applied { marks, outcomes };
    }
    let stems = word_stems(found, current);
    let stem = |hash: u64| stems.get(&hash).cloned();
    let mut touched = Vec::new();
    for row in edits {
        let signatures: Vec<Vec<String>> = (0..found.centres.k)
            .map(|c| theme_names::signature(found, c, &stem))
            .collect();
        let mark = |kind, phrase: Option<&String>| ThemeEdit {
            id: row.id,
            kind,
            phrase: phrase.cloned(),
        };
        match &row.edit {
            KeptEdit::Merge {
                signatures: kept, ..
            } => {
                let Some(into) = merge(found, &signatures, kept) else {
                    outcomes.push((row.id, EditOutcome::ThemesNotFound));
                    continue;
                };
                marks[into] = Some(mark(ThemeEditKind::Merged, None));
                touched.push(into);
            }
            KeptEdit::Split { signature, phrase } => {
                let (rest, off) =
                    match split(found, &signatures, signature, phrase, current, previous) {
                        Ok(clusters) => clusters,
                        Err(outcome) => {
                            outcomes.push((row.id, outcome));
                            continue;
                        }
                    };
                marks.push(None);
                marks[rest] = Some(mark(ThemeEditKind::SplitRest, Some(phrase)));
                marks[off] = Some(mark(ThemeEditKind::SplitOff, Some(phrase)));
                touched.extend([rest, off]);
            }
        }
        outcomes.push((row.id, EditOutcome::Applied));
        let labels: Vec<Option<u32>> = found.current.iter().map(|a| a.map(|(c, _)| c)).collect();
        found.top = label::top_terms(&found.features, &labels, found.centres.k, &found.vocab);
    }
    touched.sort_unstable();
    touched.dedup();
    recentre(found, &touched);
    Applied { marks, outcomes }
}

/// The stem of every word in the vocabulary, for signatures.
fn word_stems(found: &LangThemes, current: &[&Doc]) -> HashMap<u64, String> {
    let mut stems = HashMap::new();
    for token in current.iter().flat_map(|d| &d.prepared.tokens) {
        let hash = word_hash(&token.stem);
        if found.vocab.get(hash).is_some() {
            stems.entry(hash).or_insert_with(|| token.stem.clone());
        }
    }
    stems
}

/// The cluster each kept signature names: the one whose signature shares the most
/// stems with it (at least [`SAME_THEME`]), each cluster once, closest pairs first.
fn matches(signatures: &[Vec<String>], kept: &[String]) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (k, signature) in kept.iter().enumerate() {
        let stems: Vec<&str> = signature.split(' ').filter(|s| !s.is_empty()).collect();
        for (c, own) in signatures.iter().enumerate() {
            let similarity = theme_names::jaccard(own, &stems);
            if similarity >= SAME_THEME {
                pairs.push((similarity, k, c));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![None; kept.len()];
    let mut taken = vec![false; signatures.len()];
    for (_, k, c) in pairs {
        if out[k].is_none() && !taken[c] {
            out[k] = Some(c);
            taken[c] = true;
        }
    }
    out
}

/// Moves every text of the kept themes into the first one found; `None` unless two
/// are found.
fn merge(found: &mut LangThemes, signatures: &[Vec<String>], kept: &[String]) -> Option<usize> {
    let clusters: Vec<u32> = matches(signatures, kept)
        .into_iter()
        .flatten()
        .map(|c| c as u32)
        .collect();
    let (&into, from) = clusters.split_first()?;
    if from.is_empty() {
        return None;
    }
    for (c, _) in found
        .current
        .iter_mut()
        .chain(&mut found.previous)
        .flatten()
    {
        if from.contains(c) {
            *c = into;
        }
    }
    Some(into as usize)
}

/// Moves the texts of the kept theme that say `phrase` into a new cluster; an error
/// unless the theme is found and some but not all of its texts say it.
fn split(
    found: &mut LangThemes,
    signatures: &[Vec<String>],
    kept: &str,
    phrase: &str,
    current: &[&Doc],
    previous: &[&Doc],
) -> Result<(usize, usize), EditOutcome> {
    let parent =
        matches(signatures, &[kept.to_owned()])[0].ok_or(EditOutcome::ThemesNotFound)? as u32;
    let stems = phrase_stems(found.lang, phrase);
    let says = |docs: &[&Doc], assigned: &[Option<(u32, f32)>]| -> Vec<usize> {
        (0..docs.len())
            .filter(|&i| assigned[i].is_some_and(|(c, _)| c == parent))
            .filter(|&i| says_phrase(&docs[i].prepared.tokens, &stems))
            .collect()
    };
    let moved = says(current, &found.current);
    let size = found
        .current
        .iter()
        .flatten()
        .filter(|(c, _)| *c == parent)
        .count();
    if moved.is_empty() {
        return Err(EditOutcome::PhraseInNoText);
    }
    if moved.len() == size {
        return Err(EditOutcome::PhraseInEveryText);
    }
    let moved_before = says(previous, &found.previous);
    let off = found.centres.push();
    for i in moved {
        if let Some((c, _)) = &mut found.current[i] {
            *c = off;
        }
    }
    for i in moved_before {
        if let Some((c, _)) = &mut found.previous[i] {
            *c = off;
        }
    }
    Ok((parent as usize, off as usize))
}

/// The stems a phrase is matched by, as the language's texts are stemmed.
pub fn phrase_stems(lang: Lang, phrase: &str) -> Vec<String> {
    text::prepare_in(phrase, lang)
        .tokens
        .into_iter()
        .map(|t| t.stem)
        .collect()
}

/// Whether the tokens hold the stems in a row, inside one clause.
fn says_phrase(tokens: &[Token], stems: &[String]) -> bool {
    !stems.is_empty()
        && tokens.windows(stems.len()).any(|w| {
            w.iter().zip(stems).all(|(t, s)| &t.stem == s)
                && w.iter().all(|t| t.clause == w[0].clause)
        })
}

/// New centres for the clusters the edits changed, and each of their texts' similarity
/// to its centre again, so quotes are the ones nearest the edited theme's centre.
fn recentre(found: &mut LangThemes, clusters: &[usize]) {
    for &c in clusters {
        let members: Vec<usize> = (0..found.current.len())
            .filter(|&i| found.current[i].is_some_and(|(own, _)| own as usize == c))
            .collect();
        let vectors: Vec<_> = members
            .iter()
            .map(|&i| found.vocab.vector(&found.features[i]))
            .collect();
        let mut sum = vec![0f32; found.vocab.len()];
        for v in &vectors {
            for (&f, &w) in v.idx.iter().zip(&v.val) {
                sum[f as usize] += w;
            }
        }
        let norm = sum
            .iter()
            .map(|x| x * x)
            .sum::<f32>()
            .sqrt()
            .max(f32::MIN_POSITIVE);
        for (&i, v) in members.iter().zip(&vectors) {
            let similarity: f32 = v
                .idx
                .iter()
                .zip(&v.val)
                .map(|(&f, &w)| w * sum[f as usize])
                .sum::<f32>()
                / norm;
            found.current[i] = Some((c as u32, similarity));
        }
        found.centres.set(c, &sum);
    }
}

/// Marks a built theme with the edit that shaped its cluster; a split-off theme is
/// named by the phrase that split it.
pub fn mark(theme: &mut Theme, edit: Option<&Option<ThemeEdit>>) {
    theme.edit = edit.cloned().flatten();
    if let Some(ThemeEdit {
        kind: ThemeEditKind::SplitOff,
        phrase: Some(phrase),
        ..
    }) = &theme.edit
    {
        theme.label.clone_from(phrase);
    }
}

/// Gives merged themes the name the user chose for them, over any other kept name.
pub fn name_merged(themes: &mut [Theme], edits: &[ThemeEditRow]) {
    for theme in themes {
        let Some(ThemeEdit {
            id,
            kind: ThemeEditKind::Merged,
            ..
        }) = theme.edit
        else {
            continue;
        };
        let name = edits.iter().find_map(|row| match &row.edit {
            KeptEdit::Merge {
                name: Some(name), ..
            } if row.id == id => Some(name),
            _ => None,
        });
        if let Some(name) = name {
            theme.label.clone_from(name);
            theme.renamed = true;
        }
    }
}

/// The edit that keeps `themes` (two or more of one language) as one, named `name`.
pub fn merged(themes: &[&Theme], name: Option<&str>) -> KeptEdit {
    KeptEdit::Merge {
        signatures: themes.iter().map(|t| t.signature.join(" ")).collect(),
        name: name.map(str::to_owned),
    }
}

/// The edit that splits the texts saying `phrase` off `theme`.
pub fn split_off(theme: &Theme, phrase: &str) -> KeptEdit {
    KeptEdit::Split {
        signature: theme.signature.join(" "),
        phrase: phrase.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn a_phrase_is_said_in_a_row_inside_one_clause() {
        let tokens = text::prepare_in("Salesforce sync stopped. Slack works", Lang::En).tokens;
        let said = |phrase: &str| says_phrase(&tokens, &phrase_stems(Lang::En, phrase));
        assert!(said("salesforce"));
        assert!(said("Salesforce syncing"), "stems match other forms");
        assert!(!said("stopped slack"), "not across a sentence end");
        assert!(!said("sync salesforce"), "in the phrase's order");
        assert!(!said("the"), "a phrase without words says nothing");
    }

    #[test]
    fn each_kept_signature_finds_its_closest_cluster_once() {
        let clusters = [
            stems(&["account", "lock", "log", "password", "sign"]),
            stems(&["account", "log", "screen", "sign", "stuck"]),
            stems(&["invoic", "refund"]),
            Vec::new(),
        ];
        let kept = [
            "account lock log password sign".to_owned(),
            "account lock log password".to_owned(),
            "log screen sign stuck x".to_owned(),
            "ship track".to_owned(),
        ];
        assert_eq!(
            matches(&clusters, &kept),
            [Some(0), None, Some(1), None],
            "the exact match takes cluster 0 first; a gone theme finds nothing"
        );
    }
}
