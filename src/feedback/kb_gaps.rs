//! Knowledge-base coverage: each theme is matched against the help-center articles of
//! its language, across stems and support synonyms; themes with many tickets, not
//! praise, and no good match are gaps.

use std::sync::LazyLock;

use regex::Regex;

use crate::store::{ArticleText, Store};

use super::kb::{KbDoc, KbIndex};
use super::kb_synonyms::canonical;
use super::report::{ArticleMatch, KbGap, Theme};
use super::text::{prepare_in, Lang};
use super::themes::LangThemes;
use super::vectors::FeatureKind;
use super::FeedbackError;

/// A match at least this strong covers the theme. BM25 saturates and a theme's terms
/// include words no article uses, so even the right article matches a small share of
/// them: on the demo (tickets of half a year, support synonyms applied), themes whose
/// language has their article score 0.09–0.43, themes without one at most 0.08.
/// It must also say one of the theme's heaviest terms ([`super::kb::LEAD_TERMS`]).
const COVERED: f64 = 0.085;
/// A weaker match is shown as the closest article only from here, a bit over half of
/// what covers a theme: an article that shares a word or two by chance (the 2–4% seen
/// before) is never offered as if it were relevant.
const RELATED: f64 = 0.05;
/// Themes with fewer tickets are not worth an article yet.
const MIN_TICKETS: u64 = 10;
/// Query terms per theme.
const QUERY_TERMS: usize = 10;

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<[^>]*>").unwrap_or_else(|_| unreachable!("a fixed, valid pattern"))
});

/// An article body as plain text: help centers store HTML. Only for matching, never shown.
fn plain(body: &str) -> String {
    TAG.replace_all(body, " ")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The article's language from its locale (`en-us`, `ko`, `ru`…); others are skipped.
fn article_lang(locale: Option<&str>) -> Option<Lang> {
    let code = locale?.split(['-', '_']).next()?.to_ascii_lowercase();
    Lang::parse(&code)
}

/// The articles of supported languages with their index.
pub struct Articles {
    list: Vec<ArticleText>,
    index: KbIndex,
}

impl Articles {
    pub fn load(store: &Store) -> Result<Articles, FeedbackError> {
        let mut list = Vec::new();
        let mut docs = Vec::new();
        for article in store.articles()? {
            let Some(lang) = article_lang(article.locale.as_deref()) else {
                continue;
            };
            let stems = |text: &str| -> Vec<String> {
                prepare_in(text, lang)
                    .tokens
                    .into_iter()
                    .map(|t| canonical(lang, t.stem))
                    .collect()
            };
            docs.push(KbDoc {
                lang,
                title: stems(&article.title),
                body: stems(&plain(&article.body)),
            });
            list.push(article);
        }
        Ok(Articles {
            index: KbIndex::build(&docs),
            list,
        })
    }

    /// The best article for a theme, from the stems of its name (what the theme is
    /// mainly about, so it leads the query) and of its top words.
    pub fn best(
        &self,
        found: &LangThemes,
        cluster: usize,
        name: &str,
        stems: &dyn Fn(u64) -> Option<String>,
    ) -> Option<ArticleMatch> {
        let top = found.top.get(cluster)?;
        let heaviest = top.first().map_or(1.0, |t| t.1);
        let named = prepare_in(name, found.lang)
            .tokens
            .into_iter()
            .map(|t| (t.stem, heaviest));
        let terms = top
            .iter()
            .filter(|(f, _)| found.vocab.kinds[*f as usize] == FeatureKind::Word)
            .filter_map(|(f, w)| Some((stems(found.vocab.hashes[*f as usize])?, *w)));
        let mut query: Vec<(String, f64)> = Vec::new();
        for (stem, w) in named.chain(terms) {
            let stem = canonical(found.lang, stem);
            if query.len() < QUERY_TERMS && !query.iter().any(|(s, _)| *s == stem) {
                query.push((stem, w));
            }
        }
        let hit = self.index.best(found.lang, &query)?;
        if hit.score < RELATED {
            return None;
        }
        let article = self.list.get(hit.doc)?;
        Some(ArticleMatch {
            id: article.id,
            title: article.title.clone(),
            url: article.url.clone(),
            score: hit.score,
            covered: hit.score >= COVERED && hit.on_topic,
        })
    }
}

/// Themes big enough to deserve an article that no article covers, biggest first;
/// praise is no gap.
pub fn gaps(themes: &[Theme]) -> Vec<KbGap> {
    let mut out: Vec<KbGap> = themes
        .iter()
        .filter(|t| t.count >= MIN_TICKETS && !t.praise)
        .filter(|t| !t.article.as_ref().is_some_and(|a| a.covered))
        .map(|t| KbGap {
            theme_id: t.id.clone(),
            lang: t.lang,
            label: t.label.clone(),
            count: t.count,
            best_article: t.article.clone(),
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.theme_id.cmp(&b.theme_id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(id: &str, count: u64, praise: bool) -> Theme {
        Theme {
            praise,
            ..crate::feedback::report::tests::theme(id, count)
        }
    }

    #[test]
    fn praise_and_small_themes_are_no_gaps() {
        let themes = [
            theme("en-1", 80, true),
            theme("en-2", 60, false),
            theme("en-3", 9, false),
        ];
        let ids: Vec<String> = gaps(&themes).into_iter().map(|g| g.theme_id).collect();
        assert_eq!(
            ids,
            ["en-2"],
            "praise needs no article, nine tickets are too few"
        );
    }

    #[test]
    fn html_bodies_become_plain_text_and_locales_map_to_languages() {
        assert_eq!(
            plain("<p>Refund&nbsp;<b>now</b></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Refund", "now"]
        );
        assert_eq!(article_lang(Some("en-us")), Some(Lang::En));
        assert_eq!(article_lang(Some("ko")), Some(Lang::Ko));
        assert_eq!(article_lang(Some("ru_RU")), Some(Lang::Ru));
        assert_eq!(article_lang(Some("de")), None);
        assert_eq!(article_lang(None), None);
    }
}
