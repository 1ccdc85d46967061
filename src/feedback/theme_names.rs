//! Names the user gave themes, found again after a re-run. A theme is known by its
//! signature: its heaviest word stems ([`SIGNATURE_TERMS`]), sorted. Themes are
//! re-computed at every run (a new sync, another period), so a kept name goes to the
//! theme of its language whose signature shares the most stems with the kept one, when
//! they share three of five stems (Jaccard ≥ 0.4); each name
//! to one theme and each theme one name, the closest pairs first.

use crate::store::ThemeName;

use super::report::Theme;
use super::themes::LangThemes;
use super::vectors::FeatureKind;

/// Word stems in a signature.
pub const SIGNATURE_TERMS: usize = 5;
/// Least Jaccard similarity of signatures for a kept name to find its theme: three of
/// five stems shared (3/7), as a theme's lighter terms change with its texts.
pub(super) const SAME_THEME: f64 = 0.4;

/// A cluster's signature from its top terms; `stem` turns a feature hash into its stem.
pub fn signature(
    found: &LangThemes,
    cluster: usize,
    stem: &dyn Fn(u64) -> Option<String>,
) -> Vec<String> {
    let mut stems: Vec<String> = found
        .top
        .get(cluster)
        .into_iter()
        .flatten()
        .filter(|(f, _)| found.vocab.kinds[*f as usize] == FeatureKind::Word)
        .filter_map(|(f, _)| stem(found.vocab.hashes[*f as usize]))
        .take(SIGNATURE_TERMS)
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

/// Whether two stems are one word: equal, or one begins the other and has at least
/// four letters, as the stemmer leaves some forms of a word apart (заказ, and заказа of
/// заказан).
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (long.starts_with(short) && short.chars().count() >= 4)
}

pub(super) fn jaccard(a: &[String], b: &[&str]) -> f64 {
    let shared = a
        .iter()
        .filter(|s| b.iter().any(|t| same_word(s, t)))
        .count()
        .min(b.len());
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Gives the kept names to the themes they belong to, marking them renamed.
pub fn apply(themes: &mut [Theme], kept: &[ThemeName]) {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (k, name) in kept.iter().enumerate() {
        let stems: Vec<&str> = name
            .signature
            .split(' ')
            .filter(|s| !s.is_empty())
            .collect();
        for (t, theme) in themes.iter().enumerate() {
            if theme.lang.code() == name.lang {
                let similarity = jaccard(&theme.signature, &stems);
                if similarity >= SAME_THEME {
                    pairs.push((similarity, k, t));
                }
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut named_theme = vec![false; themes.len()];
    let mut used_name = vec![false; kept.len()];
    for (_, k, t) in pairs {
        if !named_theme[t] && !used_name[k] {
            named_theme[t] = true;
            used_name[k] = true;
            themes[t].label.clone_from(&kept[k].name);
            themes[t].renamed = true;
        }
    }
}

/// The row that keeps `name` for a theme.
pub fn kept(theme: &Theme, name: &str) -> ThemeName {
    ThemeName {
        lang: theme.lang.code().to_owned(),
        signature: theme.signature.join(" "),
        name: name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::text::Lang;

    fn theme(lang: Lang, stems: &[&str]) -> Theme {
        let mut t = crate::feedback::report::tests::theme("t", 10);
        t.lang = lang;
        t.signature = stems.iter().map(|s| (*s).to_owned()).collect();
        t
    }

    fn name(lang: &str, signature: &str, name: &str) -> ThemeName {
        ThemeName {
            lang: lang.into(),
            signature: signature.into(),
            name: name.into(),
        }
    }

    #[test]
    fn a_kept_name_finds_the_closest_theme_of_its_language() {
        let mut themes = [
            theme(Lang::En, &["account", "lock", "log", "password"]),
            theme(Lang::En, &["account", "lock", "log", "sign"]),
            theme(Lang::Ru, &["account", "lock", "log", "sign"]),
            theme(Lang::En, &["refund"]),
        ];
        apply(
            &mut themes,
            &[name(
                "en",
                "account lock log sign screen",
                "Sign-in trouble",
            )],
        );
        let labels: Vec<&str> = themes.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["t", "Sign-in trouble", "t", "t"]);
        assert!(themes[1].renamed && !themes[0].renamed);
    }

    #[test]
    fn stems_of_one_word_count_as_shared() {
        let theme_stems = ["доставк", "заказ", "обновля", "пор", "термина"].map(String::from);
        let again = ["две", "заказа", "обновля", "термина", "тех"];
        assert!((jaccard(&theme_stems, &again) - 3.0 / 7.0).abs() < 1e-9);
        assert!(
            !same_word("ин", "интеграц"),
            "too short to be a word's beginning"
        );
        assert!(!same_word("счет", "сче"));
    }

    #[test]
    fn a_name_whose_theme_is_gone_names_nothing() {
        let mut themes = [theme(Lang::En, &["refund", "money"])];
        apply(&mut themes, &[name("en", "log sign account", "Sign-in")]);
        assert_eq!(themes[0].label, "t");
        assert!(!themes[0].renamed);
    }

    #[test]
    fn two_names_never_go_to_one_theme() {
        let mut themes = [theme(Lang::En, &["log", "sign"])];
        apply(
            &mut themes,
            &[name("en", "log sign", "A"), name("en", "log sign x", "B")],
        );
        assert_eq!(themes[0].label, "A", "the closer signature wins");
    }
}
