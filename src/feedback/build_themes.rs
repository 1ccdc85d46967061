//! Report themes from a language's clustering: counts, share, CSAT, sentiment, trend,
//! change against the previous period, labels and quotes.

use std::collections::{HashMap, HashSet};

use crate::analytics::engine::stats::csat_stats;
use crate::analytics::frame::Frame;
use crate::store::TicketKey;

use super::corpus::Doc;
use super::report::{Change, PolarityCounts, Quote, TextKind, Theme};
use super::sentiment::Polarity;
use super::stats::proportion_diff;
use super::themes::label::{shown_terms, Surfaces};
use super::themes::LangThemes;
use super::vectors::FeatureKind;

/// Quotes per theme.
const QUOTES: usize = 5;
/// Characters of a quote.
const QUOTE_CHARS: usize = 280;

/// What every theme of the run needs besides its own texts.
pub struct ThemeContext<'a> {
    pub frame: &'a Frame,
    /// Good and bad ratings in the range per frame row (the CSAT KPI's population).
    pub ratings: &'a HashMap<u32, (u64, u64)>,
    /// Start of each trend bucket, ascending; the last bucket ends at the range's end.
    pub bucket_starts: &'a [i64],
}

impl ThemeContext<'_> {
    pub fn bucket(&self, at: i64) -> usize {
        self.bucket_starts
            .partition_point(|start| *start <= at)
            .saturating_sub(1)
    }
}

/// Distinct tickets among docs.
fn distinct_tickets<'a>(docs: impl Iterator<Item = &'a Doc>) -> Vec<TicketKey> {
    let mut keys: Vec<TicketKey> = docs.map(|d| d.ticket).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A quote: the masked text, cut at a character boundary.
pub fn quote_text(text: &str) -> String {
    let trimmed = text.trim();
    match trimmed.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", trimmed[..cut].trim_end()),
        None => trimmed.to_owned(),
    }
}

pub fn quote(frame: &Frame, doc: &Doc, sentiment: Polarity) -> Quote {
    Quote {
        source_id: doc.ticket.0,
        ticket_id: doc.ticket.1,
        kind: doc.kind,
        text: quote_text(&doc.prepared.text),
        rating: doc
            .rating
            .map(|good| if good { "good" } else { "bad" }.to_owned()),
        sentiment,
        url: frame.ticket_url(doc.ticket.0, doc.ticket.1),
    }
}

/// The themes of one language with their cluster index. `current[i]` has polarity
/// `polarity[i]`.
pub fn build(
    found: &LangThemes,
    current: &[&Doc],
    previous: &[&Doc],
    polarity: &[Polarity],
    surfaces: &Surfaces,
    ctx: &ThemeContext,
) -> Vec<(usize, Theme)> {
    let k = found.centres.k;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (i, a) in found.current.iter().enumerate() {
        if let Some((c, _)) = a {
            members[*c as usize].push(i);
        }
    }
    let mut previous_members: Vec<Vec<&Doc>> = vec![Vec::new(); k];
    for (doc, a) in previous.iter().zip(&found.previous) {
        if let Some((c, _)) = a {
            previous_members[*c as usize].push(doc);
        }
    }
    let total = distinct_tickets(current.iter().copied()).len() as u64;
    let previous_total = distinct_tickets(previous.iter().copied()).len() as u64;
    (0..k)
        .filter(|&c| !members[c].is_empty())
        .map(|c| {
            let docs = &members[c];
            let tickets = distinct_tickets(docs.iter().map(|&i| current[i]));
            let count = tickets.len() as u64;
            let previous_count = distinct_tickets(previous_members[c].iter().copied()).len() as u64;
            let share = ratio(count, total);
            let previous_share = ratio(previous_count, previous_total);
            let test = proportion_diff(count, total, previous_count, previous_total);
            let (good, bad) = rated(docs, current, ctx.ratings);
            let mut sentiment = PolarityCounts::default();
            for &i in docs {
                sentiment.add(polarity.get(i).copied().unwrap_or(Polarity::Unknown));
            }
            let ranked: Vec<(String, f64)> = found.top[c]
                .iter()
                .filter(|(f, _)| found.vocab.kinds[*f as usize] != FeatureKind::CharBigram)
                .filter_map(|(f, w)| {
                    let hash = found.vocab.hashes[*f as usize];
                    surfaces.best(hash).map(|s| (s.to_owned(), *w))
                })
                .collect();
            let shown = shown_terms(&ranked);
            // Replaced by the theme's phrase (`themes::name`) where one qualifies.
            let label = shown.first().map(|(t, _)| t.clone()).unwrap_or_default();
            let theme = Theme {
                id: String::new(),
                lang: found.lang,
                label,
                terms: shown.iter().map(|(t, _)| t.clone()).collect(),
                term_weights: shown.iter().map(|(_, w)| *w).collect(),
                count,
                share,
                csat: csat_stats(good, bad),
                sentiment,
                trend: trend(docs, current, ctx),
                change: Change {
                    previous_count,
                    previous_share,
                    delta: share - previous_share,
                    z: test.map(|t| t.z),
                    p_value: test.map(|t| t.p_value),
                },
                examples: examples(docs, &found.current, current, polarity, ctx.frame),
                article: None,
                tickets,
                praise: is_praise(docs, current),
                renamed: false,
                edit: None,
                signature: Vec::new(),
            };
            (c, theme)
        })
        .collect()
}

/// Whether most of the texts are comments left with a good rating.
fn is_praise(docs: &[usize], current: &[&Doc]) -> bool {
    let good = docs
        .iter()
        .filter(|&&i| current[i].kind == TextKind::Csat && current[i].rating == Some(true))
        .count();
    good * 2 > docs.len()
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Good and bad ratings in the range of the theme's tickets (each ticket once).
fn rated(docs: &[usize], current: &[&Doc], ratings: &HashMap<u32, (u64, u64)>) -> (u64, u64) {
    let mut rows: Vec<u32> = docs.iter().map(|&i| current[i].row).collect();
    rows.sort_unstable();
    rows.dedup();
    rows.iter()
        .filter_map(|r| ratings.get(r))
        .fold((0, 0), |(g, b), (rg, rb)| (g + rg, b + rb))
}

/// Distinct tickets of `docs` (indices into `current`) per trend bucket.
pub(super) fn trend(docs: &[usize], current: &[&Doc], ctx: &ThemeContext) -> Vec<u64> {
    let mut pairs: Vec<(usize, TicketKey)> = docs
        .iter()
        .map(|&i| (ctx.bucket(current[i].at), current[i].ticket))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = vec![0u64; ctx.bucket_starts.len()];
    for (b, _) in pairs {
        if let Some(n) = out.get_mut(b) {
            *n += 1;
        }
    }
    out
}

/// The texts nearest the theme's centre, each text once.
fn examples(
    docs: &[usize],
    assigned: &[Option<(u32, f32)>],
    current: &[&Doc],
    polarity: &[Polarity],
    frame: &Frame,
) -> Vec<Quote> {
    let mut ranked: Vec<(usize, f32)> = docs
        .iter()
        .map(|&i| (i, assigned[i].map_or(0.0, |(_, s)| s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, _) in ranked {
        let doc = current[i];
        let key = doc.prepared.text.trim().to_lowercase();
        if key.is_empty() || !seen.insert(key) {
            continue;
        }
        out.push(quote(
            frame,
            doc,
            polarity.get(i).copied().unwrap_or(Polarity::Unknown),
        ));
        if out.len() == QUOTES {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_at_a_character_boundary() {
        let long = "환불".repeat(300);
        let q = quote_text(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
        assert_eq!(quote_text("  short  "), "short");
    }
}
