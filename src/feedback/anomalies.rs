//! Feedback themes whose share of the tickets analysed in their language moved, in a
//! day or week of the period, beyond what the theme's own pattern predicts: the feedback
//! rows of "what changed". A theme's share per bucket is its `trend` over the language's
//! `analysed` tickets (both distinct tickets, as the Feedback screen counts them), scored
//! by the same robust method as the KPIs (`analytics::anomalies::detect`), on the
//! share's own scale, so a change is in percentage points.

use serde::Serialize;
use ts_rs::TS;

use super::report::{FeedbackReport, FeedbackSource};
use super::request::FeedbackQuery;
use super::text::Lang;
use super::FeedbackError;
use crate::analytics::anomalies::detect::{score, THRESHOLD};
use crate::analytics::anomalies::report::look_back;
use crate::analytics::query::filter::FilterEcho;
use crate::analytics::query::range::{DateRange, Every, RangeEcho};
use crate::analytics::query::report::ReportTable;
use crate::analytics::{AnalyticsError, Frame, KpiQuery};
use crate::store::Store;

/// A bucket with fewer tickets analysed in the language says little about a share: it
/// counts as missing.
pub const MIN_ANALYSED: u64 = 20;
/// A theme whose typical bucket holds fewer of its tickets is not judged: a share built
/// on two or three tickets moves by half on chance alone.
pub const MIN_TYPICAL_THEME: u64 = 5;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ThemeAnomaly {
    pub theme_id: String,
    pub lang: Lang,
    /// Customers' words: show as text.
    pub label: String,
    /// The bucket's label, YYYY-MM-DD.
    pub period: String,
    /// The theme's tickets over the tickets analysed in its language that bucket.
    pub share: f64,
    pub expected: f64,
    /// `share − expected`, a difference of shares (0.05 = five percentage points).
    pub change: f64,
    pub score: f64,
    /// The theme's tickets in the bucket.
    #[ts(type = "number")]
    pub n: u64,
    /// The tickets analysed in the language in the bucket.
    #[ts(type = "number")]
    pub analysed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ThemeAnomalyReport {
    pub range: RangeEcho,
    pub filters: FilterEcho,
    pub every: Every,
    /// The first day of the texts the themes were found in and the shares fitted on.
    pub fitted_from: String,
    pub threshold: f64,
    /// Largest score (in size) first.
    pub anomalies: Vec<ThemeAnomaly>,
    pub not_scored: Vec<ThemeNotScored>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ThemeNotScored {
    pub theme_id: String,
    pub lang: Lang,
    pub label: String,
    pub reason: String,
}

/// The themes that moved in `query`'s range, by its `every` (day unless week), from a
/// feedback analysis of every text (ratings' comments and tickets) of the range and the
/// same look-back the KPIs are fitted on, within its filters.
pub fn theme_report(
    store: &Store,
    frame: &Frame,
    query: &KpiQuery,
) -> Result<ThemeAnomalyReport, FeedbackError> {
    let every = match query.every {
        None | Some(Every::Day) => Every::Day,
        Some(Every::Week) => Every::Week,
        Some(Every::Month) => return Err(AnalyticsError::UnknownEvery("month".to_owned()).into()),
    };
    let range = &query.range;
    let fitted_from = look_back(range.from, every);
    let fitted = DateRange::new(fitted_from, range.to, range.tz)?;
    let feedback = FeedbackQuery {
        range: fitted,
        filters: query.filters.clone(),
        lang: None,
        source: FeedbackSource::All,
        every: Some(every),
    };
    let report = super::run(store, frame, &feedback)?;
    let complete: Vec<bool> = (fitted.buckets_as_of(every, query.today).iter())
        .map(|b| !b.partial)
        .collect();
    let first = range.from.format("%Y-%m-%d").to_string();
    let (anomalies, not_scored) = theme_anomalies(&report, every, &first, &complete);
    Ok(ThemeAnomalyReport {
        range: RangeEcho::of(range),
        filters: query.filters.echo(),
        every,
        fitted_from: fitted_from.format("%Y-%m-%d").to_string(),
        threshold: THRESHOLD,
        anomalies,
        not_scored,
    })
}

/// The themes of `report` (run over the period and its look-back, in buckets of
/// `every`) that moved in the buckets from `first` on, largest score first. `complete`
/// says which buckets are over: one not over yet is never judged.
pub fn theme_anomalies(
    report: &FeedbackReport,
    every: Every,
    first: &str,
    complete: &[bool],
) -> (Vec<ThemeAnomaly>, Vec<ThemeNotScored>) {
    let period = (every == Every::Day).then_some(7);
    let mut found = Vec::new();
    let mut not_scored = Vec::new();
    for theme in &report.themes {
        let Some(analysed) = report.analysed.iter().find(|a| a.lang == theme.lang) else {
            continue;
        };
        let not = |reason: String| ThemeNotScored {
            theme_id: theme.id.clone(),
            lang: theme.lang,
            label: theme.label.clone(),
            reason,
        };
        let shares: Vec<Option<f64>> = (theme.trend.iter().zip(&analysed.tickets))
            .enumerate()
            .map(|(i, (&n, &of))| {
                let usable = of >= MIN_ANALYSED && complete.get(i).copied().unwrap_or(false);
                usable.then(|| n as f64 / of as f64)
            })
            .collect();
        if typical(&theme.trend) < MIN_TYPICAL_THEME {
            not_scored.push(not(format!(
                "fewer than {MIN_TYPICAL_THEME} of the theme's tickets in a typical bucket: \
                 chance alone moves such a share by half"
            )));
            continue;
        }
        let Some(scored) = score(&shares, period) else {
            not_scored.push(not(format!(
                "too short or too sparse a series to know its pattern (buckets with fewer \
                 than {MIN_ANALYSED} tickets analysed count as missing)"
            )));
            continue;
        };
        for (i, label) in report.periods.iter().enumerate() {
            let (Some(s), Some(expected), Some(share)) =
                (scored.score[i], scored.expected[i], shares[i])
            else {
                continue;
            };
            if s.abs() < THRESHOLD || label.as_str() < first {
                continue;
            }
            found.push(ThemeAnomaly {
                theme_id: theme.id.clone(),
                lang: theme.lang,
                label: theme.label.clone(),
                period: label.clone(),
                share,
                expected,
                change: share - expected,
                score: s,
                n: theme.trend[i],
                analysed: analysed.tickets[i],
            });
        }
    }
    found.sort_by(|a, b| b.score.abs().total_cmp(&a.score.abs()));
    (found, not_scored)
}

impl ThemeAnomalyReport {
    /// One row per anomaly, largest first; shares in percent.
    pub fn table(&self) -> ReportTable {
        let columns = [
            "theme",
            "lang",
            "label",
            "period",
            "share",
            "expected",
            "change_pp",
            "score",
            "n",
            "analysed",
        ];
        let percent = |share: f64| format!("{:.1}%", share * 100.0);
        let rows = (self.anomalies.iter())
            .map(|a| {
                vec![
                    a.theme_id.clone(),
                    a.lang.code().to_owned(),
                    a.label.clone(),
                    a.period.clone(),
                    percent(a.share),
                    percent(a.expected),
                    format!("{:+.1}", a.change * 100.0),
                    format!("{:+.1}", a.score),
                    a.n.to_string(),
                    a.analysed.to_string(),
                ]
            })
            .collect();
        ReportTable {
            columns: columns.map(str::to_owned).into(),
            rows,
            null_cells: Vec::new(),
        }
    }
}

/// The median bucket.
fn typical(counts: &[u64]) -> u64 {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::report::LangTrend;

    /// A report of one English theme over `weeks` weeks: `theme` of `of` tickets each.
    fn report(theme: &[u64], of: &[u64]) -> FeedbackReport {
        let mut report = crate::charts::feedback::tests::report();
        report.periods = (0..theme.len())
            .map(|i| format!("2025-{:02}-01", i + 1))
            .collect();
        report.analysed = vec![LangTrend {
            lang: Lang::En,
            tickets: of.to_vec(),
        }];
        report.themes.truncate(1);
        report.themes[0].lang = Lang::En;
        report.themes[0].trend = theme.to_vec();
        report
    }

    #[test]
    fn a_week_where_a_themes_share_jumps_is_found_in_percentage_points() {
        // 16 weeks at 10% ± a little, then 30% in week 15.
        let mut theme: Vec<u64> =
            [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 10, 10, 30, 10].to_vec();
        let of = vec![100; theme.len()];
        let complete = vec![true; theme.len()];
        let (found, not) =
            theme_anomalies(&report(&theme, &of), Every::Week, "2025-13-01", &complete);
        assert!(not.is_empty());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].period, "2025-15-01");
        assert!((found[0].share - 0.30).abs() < 1e-9);
        assert!(
            found[0].change > 0.15 && found[0].change < 0.25,
            "{}",
            found[0].change
        );
        assert_eq!((found[0].n, found[0].analysed), (30, 100));

        // Before the period, or in a bucket not over yet: not judged.
        let (found, _) =
            theme_anomalies(&report(&theme, &of), Every::Week, "2025-16-01", &complete);
        assert!(found.is_empty());
        let mut open = complete.clone();
        open[14] = false;
        let (found, _) = theme_anomalies(&report(&theme, &of), Every::Week, "2025-13-01", &open);
        assert!(found.is_empty());

        // A small theme is not judged, and says why.
        theme.iter_mut().for_each(|n| *n /= 5);
        let (found, not) =
            theme_anomalies(&report(&theme, &of), Every::Week, "2025-01-01", &complete);
        assert!(found.is_empty());
        assert!(not[0].reason.contains("typical bucket"), "{not:?}");
    }

    #[test]
    fn buckets_with_few_tickets_analysed_count_as_missing() {
        let theme = vec![5; 16];
        let of = vec![10; 16];
        let (found, not) =
            theme_anomalies(&report(&theme, &of), Every::Week, "2025-01-01", &[true; 16]);
        assert!(found.is_empty());
        assert!(not[0].reason.contains("too short or too sparse"), "{not:?}");
    }
}
