//! What `feedback` prints and the app shows: one serialisable report. Customer-written
//! text (quotes, examples, labels made of their words) must be shown as text, never HTML.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::value::CsatStats;
use crate::analytics::query::filter::FilterEcho;
use crate::analytics::query::range::RangeEcho;
use crate::store::TicketKey;

use super::log_odds::TermOdds;
use super::sentiment::{Polarity, SentimentModel};
use super::text::Lang;

/// Which texts are analysed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackSource {
    /// Comments customers left with their satisfaction rating.
    Csat,
    /// Ticket subjects with their first message (the description).
    Tickets,
    /// Both.
    #[default]
    All,
}

impl FeedbackSource {
    pub fn parse(s: &str) -> Option<FeedbackSource> {
        match s {
            "csat" => Some(FeedbackSource::Csat),
            "tickets" => Some(FeedbackSource::Tickets),
            "all" => Some(FeedbackSource::All),
            _ => None,
        }
    }

    pub fn includes_csat(self) -> bool {
        self != FeedbackSource::Tickets
    }

    pub fn includes_tickets(self) -> bool {
        self != FeedbackSource::Csat
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FeedbackReport {
    pub range: RangeEcho,
    /// The period of equal length just before `range`, for change and emerging themes.
    pub previous: RangeEcho,
    pub source: FeedbackSource,
    /// Only this language, when asked for.
    pub lang: Option<Lang>,
    pub filters: FilterEcho,
    /// Bucket of every trend: day, week or month, chosen from the range's length.
    pub every: String,
    /// Labels (`YYYY-MM-DD`) of the trend buckets, in order.
    pub periods: Vec<String>,
    pub comments: CommentCounts,
    /// Per language with texts: the distinct tickets analysed per bucket of `periods`,
    /// what a theme's `trend` is a share of.
    pub analysed: Vec<LangTrend>,
    pub themes: Vec<Theme>,
    pub emerging: Vec<Emerging>,
    pub sentiment: SentimentSummary,
    pub drivers: Drivers,
    pub duplicates: Vec<DuplicateCluster>,
    pub kb_gaps: Vec<KbGap>,
    /// Every kept theme edit, oldest first, with what it did here.
    pub edits: Vec<KeptThemeEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LangTrend {
    pub lang: Lang,
    #[ts(type = "Array<number>")]
    pub tickets: Vec<u64>,
}

/// Texts in the range, by language; `other` holds unsupported languages and texts
/// without words (empty, emoji only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct CommentCounts {
    #[ts(type = "number")]
    pub total: u64,
    pub by_lang: LangCounts,
    /// Of `total`: rating comments and ticket texts.
    #[ts(type = "number")]
    pub csat: u64,
    #[ts(type = "number")]
    pub tickets: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct LangCounts {
    #[ts(type = "number")]
    pub en: u64,
    #[ts(type = "number")]
    pub ko: u64,
    #[ts(type = "number")]
    pub ru: u64,
    #[ts(type = "number")]
    pub other: u64,
}

impl LangCounts {
    pub fn add(&mut self, lang: Option<Lang>) {
        match lang {
            Some(Lang::En) => self.en += 1,
            Some(Lang::Ko) => self.ko += 1,
            Some(Lang::Ru) => self.ru += 1,
            None => self.other += 1,
        }
    }
}

/// A group of texts about one thing, in one language.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Theme {
    /// `en-1`, `ko-3`…: language and rank by size; stable for the same data.
    pub id: String,
    pub lang: Lang,
    /// The top terms, joined: customers' words, to be shown as text.
    pub label: String,
    /// Most distinctive words and phrases first (c-TF-IDF), as customers wrote them.
    pub terms: Vec<String>,
    /// The c-TF-IDF weight of each of `terms`.
    pub term_weights: Vec<f64>,
    /// Distinct tickets with a text in the theme.
    #[ts(type = "number")]
    pub count: u64,
    /// `count` over the tickets analysed in this language.
    pub share: f64,
    /// Ratings of the theme's tickets rated in the range (the CSAT KPI's population).
    pub csat: CsatStats,
    pub sentiment: PolarityCounts,
    /// Tickets per bucket of `periods`.
    #[ts(type = "Array<number>")]
    pub trend: Vec<u64>,
    pub change: Change,
    /// Texts nearest the theme's centre, 3 to 5, distinct.
    pub examples: Vec<Quote>,
    /// The best help-center article in the theme's language, if any matches.
    pub article: Option<ArticleMatch>,
    /// Every ticket of the theme, for the ticket list.
    #[serde(skip)]
    pub tickets: Vec<TicketKey>,
    /// Most of its texts are comments left with a good rating: praise, which needs no
    /// help-center article.
    #[serde(skip)]
    pub praise: bool,
    /// `label` is a name the user gave the theme (kept per workspace).
    pub renamed: bool,
    /// The merge or split the user made that last shaped the theme (kept per workspace).
    pub edit: Option<ThemeEdit>,
    /// The theme's identity across runs: its heaviest word stems, sorted
    /// (`feedback::theme_names`).
    #[serde(skip)]
    pub signature: Vec<String>,
}

/// A kept merge or split and what it did to this report's themes, so the user can see
/// edits that change nothing here and remove them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KeptThemeEdit {
    #[ts(type = "number")]
    pub id: i64,
    pub lang: Lang,
    /// `Merged` for a merge, `SplitOff` for a split.
    pub kind: ThemeEditKind,
    /// A merge's name, a split's phrase.
    pub words: Option<String>,
    pub outcome: EditOutcome,
}

/// What a kept edit did to a report's themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditOutcome {
    Applied,
    /// Its themes (or, for a merge, all but one) are not among this report's.
    ThemesNotFound,
    /// No text of the theme says the split's phrase.
    PhraseInNoText,
    /// Every text of the theme says it, so nothing would be left.
    PhraseInEveryText,
    /// The report has no texts in the edit's language.
    NoTextsInLanguage,
}

/// A merge or split of themes, kept per workspace (`feedback::theme_edits`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ThemeEdit {
    /// The kept edit's number, which undoing it names.
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ThemeEditKind,
    /// For a split: the phrase whose texts were split off.
    pub phrase: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ThemeEditKind {
    /// Two or more themes joined into this one.
    Merged,
    /// The texts of a theme that say `phrase`.
    SplitOff,
    /// The rest of a theme whose texts saying `phrase` were split off.
    SplitRest,
}

/// Against the previous period of equal length.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Change {
    #[ts(type = "number")]
    pub previous_count: u64,
    pub previous_share: f64,
    /// `share − previous_share`, in share points (0.02 = two percentage points).
    pub delta: f64,
    /// Two-proportion z-test of the shares; null when either period has no texts.
    pub z: Option<f64>,
    pub p_value: Option<f64>,
}

/// What a quote is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TextKind {
    Csat,
    Ticket,
}

/// A customer's words (masked: no e-mails, phones or order numbers), cut to a few lines.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Quote {
    #[ts(type = "number")]
    pub source_id: i64,
    #[ts(type = "number")]
    pub ticket_id: i64,
    pub kind: TextKind,
    pub text: String,
    /// The rating the comment came with (`good`/`bad`), for rating comments.
    pub rating: Option<String>,
    pub sentiment: Polarity,
    /// The ticket in its helpdesk, when the source has one.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PolarityCounts {
    #[ts(type = "number")]
    pub positive: u64,
    #[ts(type = "number")]
    pub negative: u64,
    #[ts(type = "number")]
    pub neutral: u64,
    #[ts(type = "number")]
    pub unknown: u64,
}

impl PolarityCounts {
    pub fn add(&mut self, p: Polarity) {
        match p {
            Polarity::Positive => self.positive += 1,
            Polarity::Negative => self.negative += 1,
            Polarity::Neutral => self.neutral += 1,
            Polarity::Unknown => self.unknown += 1,
        }
    }
}

/// A theme or a term whose share grew against the previous period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Emerging {
    /// `theme` or `term`.
    pub kind: String,
    pub lang: Lang,
    pub label: String,
    pub theme_id: Option<String>,
    #[ts(type = "number")]
    pub count: u64,
    #[ts(type = "number")]
    pub previous_count: u64,
    pub share: f64,
    pub previous_share: f64,
    /// One-sided two-proportion z-test of the growth; only significant growth is listed.
    pub z: f64,
    pub p_value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SentimentSummary {
    /// Per language: the method used and its held-out accuracy on rated comments.
    pub models: Vec<SentimentModel>,
    pub by_lang: Vec<LangPolarity>,
    /// Per bucket of `periods`.
    pub over_time: Vec<PolarityCounts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LangPolarity {
    pub lang: Lang,
    pub counts: PolarityCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Drivers {
    /// CSAT of the ratings in the range (the KPI's population), which effects compare to.
    pub overall: CsatStats,
    /// Themes, tags, channels, groups and priorities whose CSAT differs most from the
    /// rest's, largest effect on the overall CSAT first.
    pub effects: Vec<DriverEffect>,
    /// Per language: words and phrases of bad against good rating comments.
    pub words: Vec<DriverWords>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DriverEffect {
    /// `theme`, `tag`, `channel`, `group` or `priority`.
    pub dimension: String,
    /// The theme's id or the dimension's value.
    pub key: String,
    pub label: String,
    pub csat: CsatStats,
    /// CSAT of every other rating in the range.
    pub rest: CsatStats,
    /// `csat − rest` with Newcombe's 95% interval.
    pub diff: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub p_value: f64,
    /// How much this group moves the overall CSAT: `diff × n / N` (share points).
    pub impact: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DriverWords {
    pub lang: Lang,
    #[ts(type = "number")]
    pub bad_comments: u64,
    #[ts(type = "number")]
    pub good_comments: u64,
    /// Most typical of bad comments first (log-odds z with an informative prior).
    pub bad: Vec<TermOdds>,
    pub good: Vec<TermOdds>,
}

/// Tickets that say nearly the same thing: candidates for a macro, an automation or a fix.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicateCluster {
    pub id: String,
    pub lang: Option<Lang>,
    #[ts(type = "number")]
    pub size: u64,
    /// Distinct local days with a ticket of the cluster: recurring, or one burst?
    #[ts(type = "number")]
    pub days: u64,
    #[ts(type = "number")]
    pub first_at: i64,
    #[ts(type = "number")]
    pub last_at: i64,
    /// Median full resolution time (calendar minutes) of the solved tickets.
    pub median_resolution_minutes: Option<f64>,
    /// Share of solved tickets closed with one public agent reply.
    pub one_touch_share: Option<f64>,
    /// The text of the first ticket, masked.
    pub example: String,
    #[ts(type = "number")]
    pub example_ticket: i64,
    #[ts(type = "Array<number>")]
    pub ticket_ids: Vec<i64>,
    #[serde(skip)]
    pub tickets: Vec<TicketKey>,
}

/// A help-center article that matches a theme.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArticleMatch {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// Where the article opens; `None` unless it is on a synced helpdesk's own address.
    pub url: Option<String>,
    /// BM25 normalised to 0..1: the share of the theme's term weight the article covers.
    pub score: f64,
    /// Whether the match is good enough to call the theme covered.
    pub covered: bool,
}

/// A theme with many tickets and no help-center article that covers it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KbGap {
    pub theme_id: String,
    pub lang: Lang,
    pub label: String,
    #[ts(type = "number")]
    pub count: u64,
    /// The closest article, too weak a match to cover the theme.
    pub best_article: Option<ArticleMatch>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analytics::engine::stats::csat_stats;

    /// A theme with `count` tickets and nothing else, for unit tests.
    pub(crate) fn theme(id: &str, count: u64) -> Theme {
        Theme {
            id: id.into(),
            lang: Lang::En,
            label: id.into(),
            terms: Vec::new(),
            term_weights: Vec::new(),
            count,
            share: 0.1,
            csat: csat_stats(0, 0),
            sentiment: PolarityCounts::default(),
            trend: Vec::new(),
            change: Change {
                previous_count: 0,
                previous_share: 0.0,
                delta: 0.0,
                z: None,
                p_value: None,
            },
            examples: Vec::new(),
            article: None,
            tickets: Vec::new(),
            praise: false,
            renamed: false,
            edit: None,
            signature: Vec::new(),
        }
    }
}
