//! Knowledge-base coverage: each theme is matched against the help-center articles of
//! its language; themes with many tickets and no good match are gaps.

use std::sync::LazyLock;

use regex::Regex;

use crate::store::{ArticleText, Store};

use super::kb::{KbDoc, KbIndex};
use super::report::{ArticleMatch, KbGap, Theme};
use super::text::{prepare_in, Lang};
use super::themes::LangThemes;
use super::vectors::FeatureKind;
use super::FeedbackError;

/// A match at least this strong covers the theme. BM25 saturates, so even the right
/// article rarely covers more than a third of a theme's weighted terms; on the demo,
/// themes with an article score 0.14–0.43 and themes without one at most 0.10.
const COVERED: f64 = 0.12;
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
                    .map(|t| t.stem)
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

    /// The best article for a theme, from the stems of its top words.
    pub fn best(
        &self,
        found: &LangThemes,
        cluster: usize,
        stems: &dyn Fn(u64) -> Option<String>,
    ) -> Option<ArticleMatch> {
        let query: Vec<(String, f64)> = found
            .top
            .get(cluster)?
            .iter()
            .filter(|(f, _)| found.vocab.kinds[*f as usize] == FeatureKind::Word)
            .filter_map(|(f, w)| Some((stems(found.vocab.hashes[*f as usize])?, *w)))
            .take(QUERY_TERMS)
            .collect();
        let hit = self.index.best(found.lang, &query)?;
        let article = self.list.get(hit.doc)?;
        Some(ArticleMatch {
            id: article.id,
            title: article.title.clone(),
            url: article.url.clone(),
            score: hit.score,
            covered: hit.score >= COVERED,
        })
    }
}

/// Themes big enough to deserve an article that no article covers, biggest first.
pub fn gaps(themes: &[Theme]) -> Vec<KbGap> {
    let mut out: Vec<KbGap> = themes
        .iter()
        .filter(|t| t.count >= MIN_TICKETS && !t.article.as_ref().is_some_and(|a| a.covered))
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
