//! One feedback run: load and prepare the texts, then themes, sentiment, emerging themes,
//! CSAT drivers, repetitive tickets and knowledge-base gaps, into one report.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::analytics::frame::Frame;
use crate::analytics::query::range::RangeEcho;
use crate::analytics::query::range::{DateRange, Every};
use crate::analytics::KpiQuery;
use crate::store::{KeptEdit, Store, ThemeEditRow};

use super::build_themes::{self, ThemeContext};
use super::corpus::{self, filtered_rows, Depth, Doc, Rows};
use super::drivers;
use super::emerging;
use super::kb_gaps::{self, Articles};
use super::repeats;
use super::report::{
    CommentCounts, Drivers, EditOutcome, Emerging, FeedbackReport, FeedbackSource, KeptThemeEdit,
    LangPolarity, LangTrend, PolarityCounts, SentimentSummary, TextKind, Theme, ThemeEditKind,
};
use super::request::FeedbackQuery;
use super::sentiment::{self, Polarity, SentimentDoc};
use super::text::{self, Lang};
use super::theme_edits;
use super::theme_names;
use super::themes::{self, label::Surfaces};
use super::FeedbackError;

fn echo(range: &DateRange) -> RangeEcho {
    RangeEcho {
        from: range.from_str(),
        to: range.to_str(),
        tz: range.tz.name().to_owned(),
    }
}

/// Trend buckets: days for two weeks, weeks up to half a year, then months.
fn every_for(range: &DateRange) -> Every {
    match range.days() {
        0..=14 => Every::Day,
        15..=183 => Every::Week,
        _ => Every::Month,
    }
}

fn every_name(every: Every) -> &'static str {
    match every {
        Every::Day => "day",
        Every::Week => "week",
        Every::Month => "month",
    }
}

fn count_comments(docs: &[Doc]) -> CommentCounts {
    let mut counts = CommentCounts::default();
    for doc in docs {
        counts.total += 1;
        counts.by_lang.add(doc.prepared.lang);
        match doc.kind {
            TextKind::Csat => counts.csat += 1,
            TextKind::Ticket => counts.tickets += 1,
        }
    }
    counts
}

pub fn run(
    store: &Store,
    frame: &Frame,
    query: &FeedbackQuery,
) -> Result<FeedbackReport, FeedbackError> {
    let range = query.range;
    let previous_range = range.previous();
    let allowed = filtered_rows(frame, &query.filters)?;
    let rows = Rows::new(frame, &allowed)?;
    let docs = corpus::load(store, &rows, &range, query.source, Depth::Words)?;
    let previous_docs = corpus::load(store, &rows, &previous_range, query.source, Depth::Words)?;
    let langs: Vec<Lang> = query.lang.map_or(Lang::ALL.to_vec(), |l| vec![l]);
    let in_scope = |d: &Doc| d.prepared.lang.is_some_and(|l| langs.contains(&l));

    let every = query.every.unwrap_or_else(|| every_for(&range));
    let buckets = range.buckets(every);
    let bucket_starts: Vec<i64> = buckets.iter().map(|b| b.start).collect();
    let population = drivers::rating_population(frame, range.start(), range.end(), &allowed)?;
    let ctx = ThemeContext {
        frame,
        ratings: &population,
        bucket_starts: &bucket_starts,
    };

    // Sentiment of every analysed text, then per language and per bucket.
    let analysed: Vec<usize> = (0..docs.len()).filter(|&i| in_scope(&docs[i])).collect();
    let sentiment_docs: Vec<SentimentDoc> = analysed
        .iter()
        .filter_map(|&i| {
            let d = &docs[i];
            Some(SentimentDoc {
                id: d.ticket.1,
                lang: d.prepared.lang?,
                text: &d.prepared.text,
                tokens: &d.prepared.tokens,
                rating: d.rating,
            })
        })
        .collect();
    let (labels, models) = sentiment::score(&sentiment_docs);
    let mut polarity = vec![Polarity::Unknown; docs.len()];
    for (&i, p) in analysed.iter().zip(labels) {
        polarity[i] = p;
    }
    let mut over_time = vec![PolarityCounts::default(); buckets.len()];
    let mut by_lang: Vec<LangPolarity> = langs
        .iter()
        .map(|&lang| LangPolarity {
            lang,
            counts: PolarityCounts::default(),
        })
        .collect();
    for &i in &analysed {
        if let Some(bucket) = over_time.get_mut(ctx.bucket(docs[i].at)) {
            bucket.add(polarity[i]);
        }
        if let Some(entry) = by_lang
            .iter_mut()
            .find(|e| Some(e.lang) == docs[i].prepared.lang)
        {
            entry.counts.add(polarity[i]);
        }
    }

    // Themes per language, with their article and emerging terms.
    let articles = Articles::load(store)?;
    let edits = store.theme_edits()?;
    let mut themes: Vec<Theme> = Vec::new();
    let mut outcomes: HashMap<i64, EditOutcome> = HashMap::new();
    let mut emerging_terms: Vec<Emerging> = Vec::new();
    let mut words = Vec::new();
    // Each language's clustering is independent: side by side, so one language's
    // sequential steps (seeding, merging, labelling) overlap another's.
    let pick = |all: &[Doc], lang: Lang| -> Vec<usize> {
        (0..all.len())
            .filter(|&i| all[i].prepared.lang == Some(lang))
            .collect()
    };
    let per_lang: Vec<_> = langs
        .par_iter()
        .filter_map(|&lang| {
            let current_index = pick(&docs, lang);
            if current_index.is_empty() {
                return None;
            }
            let current: Vec<&Doc> = current_index.iter().map(|&i| &docs[i]).collect();
            let previous: Vec<&Doc> = pick(&previous_docs, lang)
                .into_iter()
                .map(|i| &previous_docs[i])
                .collect();
            let words = drivers::words(lang, &current);
            let mut found = themes::find(lang, &current, &previous);
            let lang_edits: Vec<&ThemeEditRow> =
                edits.iter().filter(|e| e.lang == lang.code()).collect();
            let applied = theme_edits::apply(&mut found, &lang_edits, &current, &previous);
            Some((
                lang,
                current_index,
                current,
                previous,
                words,
                found,
                applied,
            ))
        })
        .collect();
    let mut analysed_trend: Vec<LangTrend> = Vec::new();
    for (lang, current_index, current, previous, lang_words, found, applied) in per_lang {
        words.extend(lang_words);
        let all: Vec<usize> = (0..current.len()).collect();
        analysed_trend.push(LangTrend {
            lang,
            tickets: build_themes::trend(&all, &current, &ctx),
        });
        outcomes.extend(applied.outcomes);
        let shaped = applied.marks;
        let growth = emerging::terms(&found);
        let mut wanted: HashMap<u64, ()> = HashMap::new();
        for top in &found.top {
            for (f, _) in top {
                wanted.insert(found.vocab.hashes[*f as usize], ());
            }
        }
        for g in &growth {
            wanted.insert(g.hash, ());
        }
        let mut surfaces = Surfaces::default();
        for doc in &current {
            surfaces.count(&doc.prepared.tokens, &wanted);
        }
        let lang_polarity: Vec<Polarity> = current_index.iter().map(|&i| polarity[i]).collect();
        let stem = |hash: u64| surfaces.stem(hash);
        let names = themes::name::names(&found, &current);
        let mut built =
            build_themes::build(&found, &current, &previous, &lang_polarity, &surfaces, &ctx);
        for (cluster, theme) in &mut built {
            if let Some(Some(name)) = names.get(*cluster) {
                theme.label.clone_from(name);
            }
            theme_edits::mark(theme, shaped.get(*cluster));
        }
        built.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
        for (cluster, mut theme) in built {
            theme.signature = theme_names::signature(&found, cluster, &stem);
            theme.id = theme_id(lang, &theme.signature, &themes);
            theme.article =
                articles
                    .best(&found, cluster, &theme.label, &stem)
                    .map(|mut article| {
                        article.url = article.url.filter(|url| frame.is_helpdesk_page(url));
                        article
                    });
            themes.push(theme);
        }
        emerging_terms.extend(growth.into_iter().filter_map(|g| {
            Some(Emerging {
                kind: "term".to_owned(),
                lang,
                label: surfaces.best(g.hash)?.to_owned(),
                theme_id: None,
                count: g.count,
                previous_count: g.previous_count,
                share: g.share,
                previous_share: g.previous_share,
                z: g.z,
                p_value: g.p_value,
            })
        }));
    }
    themes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    theme_names::apply(&mut themes, &store.theme_names()?);
    theme_edits::name_merged(&mut themes, &edits);

    let mut emerging = emerging::themes(&themes);
    emerging.extend(emerging_terms);
    emerging.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.label.cmp(&b.label)));

    let mut kpi_query = KpiQuery::new(range);
    kpi_query.filters = query.filters.clone();
    let theme_rows: Vec<(Theme, Vec<u32>)> = themes
        .iter()
        .map(|t| {
            let rows: Vec<u32> = t
                .tickets
                .iter()
                .filter_map(|k| rows.allowed_row(*k))
                .collect();
            (t.clone(), rows)
        })
        .collect();
    let drivers = Drivers {
        overall: drivers::overall(&population),
        effects: drivers::effects(frame, &kpi_query, &population, &theme_rows)?,
        words,
    };

    let ticket_docs_loaded;
    let ticket_docs: Vec<&Doc> = if query.source.includes_tickets() {
        docs.iter()
            .filter(|d| d.kind == TextKind::Ticket && in_scope(d))
            .collect()
    } else {
        ticket_docs_loaded =
            corpus::load(store, &rows, &range, FeedbackSource::Tickets, Depth::Text)?;
        ticket_docs_loaded.iter().filter(|d| in_scope(d)).collect()
    };
    let duplicates = repeats::clusters(frame, &ticket_docs, range.tz)?;
    let kb_gaps = kb_gaps::gaps(&themes);
    let edits = edits
        .iter()
        .filter_map(|row| kept_edit(row, &outcomes))
        .collect();

    Ok(FeedbackReport {
        range: echo(&range),
        previous: echo(&previous_range),
        source: query.source,
        lang: query.lang,
        filters: query.filters.echo(),
        every: every_name(every).to_owned(),
        periods: buckets
            .iter()
            .map(|b| b.label.format("%Y-%m-%d").to_string())
            .collect(),
        comments: count_comments(&docs),
        analysed: analysed_trend,
        themes,
        emerging,
        sentiment: SentimentSummary {
            models,
            by_lang,
            over_time,
        },
        drivers,
        duplicates,
        kb_gaps,
        edits,
    })
}

/// A theme's id: its language and a hash of its signature, so a theme keeps its id
/// across runs and across edits of other themes (scripts name themes by id); a clash
/// with a theme made before takes a suffix.
fn theme_id(lang: Lang, signature: &[String], made: &[Theme]) -> String {
    let hash = text::fnv::hash(signature.join(" ").as_bytes()) & 0xff_ffff;
    let id = format!("{}-{hash:06x}", lang.code());
    let taken = |id: &str| made.iter().any(|t| t.id == id);
    (1..)
        .map(|n| {
            if n == 1 {
                id.clone()
            } else {
                format!("{id}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or(id)
}

/// A kept edit as the report lists it; an edit of a language the report did not
/// analyse changed nothing.
fn kept_edit(row: &ThemeEditRow, outcomes: &HashMap<i64, EditOutcome>) -> Option<KeptThemeEdit> {
    let (kind, words) = match &row.edit {
        KeptEdit::Merge { name, .. } => (ThemeEditKind::Merged, name.clone()),
        KeptEdit::Split { phrase, .. } => (ThemeEditKind::SplitOff, Some(phrase.clone())),
    };
    Some(KeptThemeEdit {
        id: row.id,
        lang: Lang::parse(&row.lang)?,
        kind,
        words,
        outcome: outcomes
            .get(&row.id)
            .copied()
            .unwrap_or(EditOutcome::NoTextsInLanguage),
    })
}
