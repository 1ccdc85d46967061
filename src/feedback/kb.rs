//! Help-center coverage: the article that best answers a theme, by BM25 over article
//! stems, per language. A theme with many tickets whose best match scores low (or that
//! has none) is a knowledge-base gap. Only matches; what counts as low is the caller's.

use std::collections::HashMap;

use crate::feedback::text::Lang;

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation: long articles mention everything once.
const B: f64 = 0.75;
/// A title word counts as this many body words: the title says what the article is for.
const TITLE_WEIGHT: f64 = 2.0;

/// One help-center article, as stems (`text::prepare_in(…).tokens`).
#[derive(Debug, Clone, PartialEq)]
pub struct KbDoc {
    pub lang: Lang,
    pub title: Vec<String>,
    pub body: Vec<String>,
}

/// An article and how well it covers a query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KbMatch {
    /// Index into the articles the index was built from.
    pub doc: usize,
    /// In [0, 1): see [`KbIndex::best`].
    pub score: f64,
    /// The article says one of the query's [`LEAD_TERMS`] heaviest terms: it is about
    /// what the theme is mainly about, not only about its side words ("app" of an
    /// authenticator app).
    pub on_topic: bool,
}

/// Query terms, heaviest first, of which a covering article must say one.
pub const LEAD_TERMS: usize = 3;

/// BM25 statistics of a set of articles, kept apart per language so that document
/// frequencies and average lengths compare like with like.
#[derive(Debug, Clone, Default)]
pub struct KbIndex {
    en: LangIndex,
    ko: LangIndex,
    ru: LangIndex,
}

impl KbIndex {
    pub fn build(docs: &[KbDoc]) -> KbIndex {
        KbIndex {
            en: LangIndex::build(docs, Lang::En),
            ko: LangIndex::build(docs, Lang::Ko),
            ru: LangIndex::build(docs, Lang::Ru),
        }
    }

    /// The best article in `lang` for weighted query terms (a theme's top stems with
    /// their weights), or None when nothing matches at all. Ties go to the lower index.
    ///
    /// The score is BM25 normalised by the best any article could reach:
    /// Σ w·idf·tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)) ÷ Σ w·idf·(k1+1), over all
    /// query terms (unknown ones included, so a query half about something the help center
    /// never mentions scores at most about half). Each term's fraction stays below 1, so
    /// the score is in [0, 1) and comparable across themes. Terms with a weight that is
    /// not positive and finite are ignored.
    pub fn best(&self, lang: Lang, query: &[(String, f64)]) -> Option<KbMatch> {
        let index = match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
            Lang::Ru => &self.ru,
        };
        index.best(query)
    }
}

/// One language's articles.
#[derive(Debug, Clone, Default)]
struct LangIndex {
    /// Index into the built-from articles of each article here, ascending.
    docs: Vec<usize>,
    /// k1·(1 − b + b·dl/avgdl) of each article, where a title word counts twice in dl.
    length_norms: Vec<f64>,
    /// Per stem, the articles containing it in ascending order with its weighted count.
    postings: HashMap<String, Vec<Posting>>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    /// Position in `LangIndex::docs`.
    article: usize,
    tf: f64,
}

impl LangIndex {
    fn build(all: &[KbDoc], lang: Lang) -> LangIndex {
        let mut index = LangIndex::default();
        let mut lengths = Vec::new();
        let mut counts: HashMap<&str, f64> = HashMap::new();
        for (doc, article) in all.iter().enumerate().filter(|(_, a)| a.lang == lang) {
            counts.clear();
            let title = article.title.iter().map(|stem| (stem, TITLE_WEIGHT));
            let body = article.body.iter().map(|stem| (stem, 1.0));
            for (stem, weight) in title.chain(body).filter(|(stem, _)| !stem.is_empty()) {
                *counts.entry(stem.as_str()).or_default() += weight;
            }
            let position = index.docs.len();
            // Each stem gets one posting per article, so visiting `counts` in any order
            // leaves every postings list in article order.
            for (&stem, &tf) in &counts {
                let posting = Posting {
                    article: position,
                    tf,
                };
                match index.postings.get_mut(stem) {
                    Some(list) => list.push(posting),
                    None => {
                        index.postings.insert(stem.to_owned(), vec![posting]);
                    }
                }
            }
            index.docs.push(doc);
            lengths.push(counts.values().sum::<f64>());
        }
        let average = lengths.iter().sum::<f64>() / lengths.len().max(1) as f64;
        index.length_norms = lengths
            .iter()
            .map(|&length| {
                let relative = if average > 0.0 { length / average } else { 1.0 };
                K1 * (1.0 - B + B * relative)
            })
            .collect();
        index
    }

    fn best(&self, query: &[(String, f64)]) -> Option<KbMatch> {
        let articles = self.docs.len();
        let mut scores = vec![0.0f64; articles];
        let mut leads = vec![false; articles];
        let mut ceiling = 0.0;
        let mut matched = false;
        let usable = query.iter().filter(|(_, w)| w.is_finite() && *w > 0.0);
        for (rank, (stem, weight)) in usable.enumerate() {
            let postings = self
                .postings
                .get(stem.as_str())
                .map_or(&[][..], Vec::as_slice);
            let weight_idf = weight * idf(articles, postings.len());
            ceiling += weight_idf * (K1 + 1.0);
            for posting in postings {
                let norm = self
                    .length_norms
                    .get(posting.article)
                    .copied()
                    .unwrap_or(K1);
                if let Some(score) = scores.get_mut(posting.article) {
                    *score += weight_idf * posting.tf * (K1 + 1.0) / (posting.tf + norm);
                    matched = true;
                }
                if rank < LEAD_TERMS {
                    if let Some(lead) = leads.get_mut(posting.article) {
                        *lead = true;
                    }
                }
            }
        }
        if !matched || ceiling <= 0.0 {
            return None;
        }
        // Strictly greater: the first (lowest-index) article wins a tie.
        let (best, score) = scores.iter().copied().enumerate().fold(
            (0, f64::NEG_INFINITY),
            |top, (article, score)| {
                if score > top.1 {
                    (article, score)
                } else {
                    top
                }
            },
        );
        Some(KbMatch {
            doc: self.docs.get(best).copied()?,
            score: score / ceiling,
            on_topic: leads.get(best).copied().unwrap_or(false),
        })
    }
}

/// BM25's idf: ln(1 + (N − n + 0.5) / (n + 0.5)), positive even for a stem in every
/// article.
fn idf(articles: usize, with_stem: usize) -> f64 {
    let (n_total, n) = (articles as f64, with_stem as f64);
    (1.0 + (n_total - n + 0.5) / (n + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &str) -> Vec<String> {
        words.split_whitespace().map(str::to_owned).collect()
    }

    fn article(lang: Lang, title: &str, body: &str) -> KbDoc {
        KbDoc {
            lang,
            title: stems(title),
            body: stems(body),
        }
    }

    fn query(terms: &[(&str, f64)]) -> Vec<(String, f64)> {
        terms.iter().map(|&(t, w)| (t.to_owned(), w)).collect()
    }

    fn help_center() -> KbIndex {
        KbIndex::build(&[
            article(
                Lang::En,
                "log in problem",
                "reset password log in app browser cooki",
            ),
            article(
                Lang::En,
                "refund request",
                "refund card payment day bank charg twice",
            ),
            article(
                Lang::En,
                "deliveri time",
                "parcel courier track day deliveri",
            ),
            article(Lang::Ko, "환불 신청", "환불 카드 결제 취소 영업일"),
            article(Lang::Ko, "로그인 문제", "비밀번호 재설정 로그인 앱"),
            article(Lang::Ru, "возврат деньг", "возврат карт оплат банк"),
        ])
    }

    #[test]
    fn a_refund_query_finds_the_refund_article() {
        let found = help_center().best(Lang::En, &query(&[("refund", 1.0), ("charg", 0.5)]));
        assert_eq!(found.map(|m| m.doc), Some(1), "not the log-in article");
    }

    #[test]
    fn a_korean_query_only_matches_korean_articles() {
        let index = help_center();
        let found = index.best(Lang::Ko, &query(&[("환불", 1.0), ("결제", 0.4)]));
        assert_eq!(found.map(|m| m.doc), Some(3));
        assert_eq!(
            index.best(Lang::Ko, &query(&[("refund", 1.0)])),
            None,
            "English articles are not searched for a Korean theme"
        );
        assert_eq!(index.best(Lang::Ru, &query(&[("환불", 1.0)])), None);
    }

    #[test]
    fn unknown_terms_match_nothing() {
        let found = help_center().best(Lang::En, &query(&[("sticker", 1.0), ("glitter", 2.0)]));
        assert_eq!(found, None);
    }

    #[test]
    fn an_empty_index_matches_nothing() {
        let index = KbIndex::build(&[]);
        assert_eq!(index.best(Lang::En, &query(&[("refund", 1.0)])), None);
        assert_eq!(help_center().best(Lang::En, &[]), None);
    }

    #[test]
    fn the_score_is_below_one_and_grows_with_matching_terms() {
        let index = help_center();
        let score =
            |terms: &[(&str, f64)]| index.best(Lang::En, &query(terms)).map_or(0.0, |m| m.score);
        let one = score(&[("refund", 1.0), ("sticker", 1.0), ("glitter", 1.0)]);
        let two = score(&[("refund", 1.0), ("charg", 1.0), ("glitter", 1.0)]);
        let three = score(&[("refund", 1.0), ("charg", 1.0), ("twice", 1.0)]);
        assert!(
            0.0 < one && one < two && two < three && three < 1.0,
            "{one} {two} {three}"
        );
        let perfect = score(&[("refund", 1.0)]);
        assert!(
            perfect < 1.0,
            "even a title word repeated in the body: {perfect}"
        );
    }

    #[test]
    fn a_match_on_side_words_only_is_off_topic() {
        let index = help_center();
        let side = index.best(
            Lang::En,
            &query(&[
                ("sticker", 3.0),
                ("glitter", 2.5),
                ("code", 2.0),
                ("app", 1.0),
            ]),
        );
        assert_eq!(side.map(|m| (m.doc, m.on_topic)), Some((0, false)));
        let lead = index.best(Lang::En, &query(&[("refund", 3.0), ("app", 1.0)]));
        assert_eq!(lead.map(|m| (m.doc, m.on_topic)), Some((1, true)));
    }

    #[test]
    fn ties_go_to_the_lower_index() {
        let index = KbIndex::build(&[
            article(Lang::Ru, "возврат", "деньг"),
            article(Lang::Ru, "возврат", "деньг"),
        ]);
        let found = index.best(Lang::Ru, &query(&[("возврат", 1.0)]));
        assert_eq!(found.map(|m| m.doc), Some(0));
    }
}
