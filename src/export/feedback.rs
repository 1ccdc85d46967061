//! The tables of a feedback report as export tables: themes, emerging themes and terms,
//! CSAT drivers, repetitive-ticket clusters, knowledge-base gaps and the sentiment method
//! of each language, one row per item in the report's order. Labels, terms and examples are customers' words: text cells, so
//! the writers neutralise any that a spreadsheet would run as a formula.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::value::CsatStats;
use crate::feedback::report::{ArticleMatch, Theme, ThemeEditKind};
use crate::feedback::FeedbackReport;

use super::table::{Cell, Column, ColumnKind, Row, Table};

/// Which table of a feedback report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTable {
    Themes,
    Emerging,
    Drivers,
    Duplicates,
    KbGaps,
    SentimentModels,
}

/// The table `which` of `report`; times are local to `tz`.
pub fn feedback_table(report: &FeedbackReport, which: FeedbackTable, tz: Tz) -> Table {
    let (title, columns, rows) = match which {
        FeedbackTable::Themes => ("Themes", theme_columns(), themes(report)),
        FeedbackTable::Emerging => ("Emerging", emerging_columns(), emerging(report)),
        FeedbackTable::Drivers => ("CSAT drivers", driver_columns(), drivers(report)),
        FeedbackTable::Duplicates => (
            "Repetitive tickets",
            duplicate_columns(tz),
            duplicates(report),
        ),
        FeedbackTable::KbGaps => ("Knowledge-base gaps", gap_columns(), gaps(report)),
        FeedbackTable::SentimentModels => (
            "Sentiment models",
            sentiment_columns(),
            sentiment_models(report),
        ),
    };
    let columns = columns
        .into_iter()
        .map(|(name, kind)| Column::new(name, kind))
        .collect();
    Table::new(title, columns, rows)
}

use ColumnKind as K;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn count(n: u64) -> Cell {
    i64::try_from(n).map_or(Cell::Null, Cell::Integer)
}

/// A number; not finite (an undefined statistic) is an empty cell.
fn number(v: f64) -> Cell {
    maybe(Some(v))
}

fn maybe(v: Option<f64>) -> Cell {
    v.filter(|v| v.is_finite()).map_or(Cell::Null, Cell::Number)
}

fn csat_columns(prefix: &str) -> Vec<(String, ColumnKind)> {
    ["", " n", " ci_low", " ci_high"]
        .iter()
        .map(|suffix| {
            let kind = if *suffix == " n" {
                K::Integer
            } else {
                K::Share
            };
            (format!("{prefix}{suffix}"), kind)
        })
        .collect()
}

fn csat_cells(c: &CsatStats) -> [Cell; 4] {
    [
        maybe(c.value),
        count(c.n),
        maybe(c.ci_low),
        maybe(c.ci_high),
    ]
}

fn article_cells(article: Option<&ArticleMatch>) -> [Cell; 3] {
    match article {
        Some(a) => [text(&a.title), a.url.clone().into(), number(a.score)],
        None => [Cell::Null, Cell::Null, Cell::Null],
    }
}

fn named(columns: &[(&str, ColumnKind)]) -> Vec<(String, ColumnKind)> {
    columns.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect()
}

fn theme_columns() -> Vec<(String, ColumnKind)> {
    let mut columns = named(&[
        ("id", K::Text),
        ("language", K::Text),
        ("theme", K::Text),
        ("edit", K::Text),
        ("split_by", K::Text),
        ("terms", K::Text),
        ("tickets", K::Integer),
        ("share", K::Share),
    ]);
    columns.extend(csat_columns("csat"));
    columns.extend(named(&[
        ("positive", K::Integer),
        ("neutral", K::Integer),
        ("negative", K::Integer),
        ("previous_tickets", K::Integer),
        ("previous_share", K::Share),
        ("change", K::Share),
        ("change_p_value", K::Number),
        ("article", K::Text),
        ("article_url", K::Text),
        ("article_score", K::Number),
        ("article_covers", K::Text),
    ]));
    columns
}

fn themes(report: &FeedbackReport) -> Vec<Row> {
    report
        .themes
        .iter()
        .map(|t| {
            let mut row = vec![
                text(&t.id),
                text(t.lang.code()),
                text(&t.label),
                edit_cell(t),
                t.edit.as_ref().and_then(|e| e.phrase.clone()).into(),
                text(&t.terms.join(", ")),
                count(t.count),
                number(t.share),
            ];
            row.extend(csat_cells(&t.csat));
            row.extend([
                count(t.sentiment.positive),
                count(t.sentiment.neutral),
                count(t.sentiment.negative),
                count(t.change.previous_count),
                number(t.change.previous_share),
                number(t.change.delta),
                maybe(t.change.p_value),
            ]);
            row.extend(article_cells(t.article.as_ref()));
            row.push(
                t.article
                    .as_ref()
                    .map_or(Cell::Null, |a| text(if a.covered { "yes" } else { "no" })),
            );
            row
        })
        .collect()
}

/// What the user did to the theme: merged, split_off, split_rest or renamed.
fn edit_cell(theme: &Theme) -> Cell {
    let edit = match &theme.edit {
        Some(edit) => match edit.kind {
            ThemeEditKind::Merged => "merged",
            ThemeEditKind::SplitOff => "split_off",
            ThemeEditKind::SplitRest => "split_rest",
        },
        None if theme.renamed => "renamed",
        None => return Cell::Null,
    };
    text(edit)
}

fn emerging_columns() -> Vec<(String, ColumnKind)> {
    named(&[
        ("kind", K::Text),
        ("language", K::Text),
        ("label", K::Text),
        ("theme_id", K::Text),
        ("count", K::Integer),
        ("previous_count", K::Integer),
        ("share", K::Share),
        ("previous_share", K::Share),
        ("z", K::Number),
        ("p_value", K::Number),
    ])
}

fn emerging(report: &FeedbackReport) -> Vec<Row> {
    report
        .emerging
        .iter()
        .map(|e| {
            vec![
                text(&e.kind),
                text(e.lang.code()),
                text(&e.label),
                e.theme_id.clone().into(),
                count(e.count),
                count(e.previous_count),
                number(e.share),
                number(e.previous_share),
                number(e.z),
                number(e.p_value),
            ]
        })
        .collect()
}

fn driver_columns() -> Vec<(String, ColumnKind)> {
    let mut columns = named(&[("dimension", K::Text), ("key", K::Text), ("value", K::Text)]);
    columns.extend(csat_columns("csat"));
    columns.extend(csat_columns("rest_csat"));
    columns.extend(named(&[
        ("difference", K::Share),
        ("difference_ci_low", K::Share),
        ("difference_ci_high", K::Share),
        ("p_value", K::Number),
        ("impact", K::Share),
    ]));
    columns
}

fn drivers(report: &FeedbackReport) -> Vec<Row> {
    report
        .drivers
        .effects
        .iter()
        .map(|e| {
            let mut row = vec![text(&e.dimension), text(&e.key), text(&e.label)];
            row.extend(csat_cells(&e.csat));
            row.extend(csat_cells(&e.rest));
            row.extend([
                number(e.diff),
                number(e.ci_low),
                number(e.ci_high),
                number(e.p_value),
                number(e.impact),
            ]);
            row
        })
        .collect()
}

fn duplicate_columns(tz: Tz) -> Vec<(String, ColumnKind)> {
    named(&[
        ("id", K::Text),
        ("language", K::Text),
        ("tickets", K::Integer),
        ("days", K::Integer),
        ("first_at", K::DateTime(tz)),
        ("last_at", K::DateTime(tz)),
        ("median_resolution_minutes", K::Minutes),
        ("one_touch_share", K::Share),
        ("example", K::Text),
        ("example_ticket", K::Id),
        ("ticket_ids", K::Text),
    ])
}

fn duplicates(report: &FeedbackReport) -> Vec<Row> {
    report
        .duplicates
        .iter()
        .map(|d| {
            let ids: Vec<String> = d.ticket_ids.iter().map(i64::to_string).collect();
            vec![
                text(&d.id),
                d.lang.map(|l| l.code().to_owned()).into(),
                count(d.size),
                count(d.days),
                Cell::Time(d.first_at),
                Cell::Time(d.last_at),
                maybe(d.median_resolution_minutes),
                maybe(d.one_touch_share),
                text(&d.example),
                Cell::Integer(d.example_ticket),
                text(&ids.join(" ")),
            ]
        })
        .collect()
}

fn gap_columns() -> Vec<(String, ColumnKind)> {
    named(&[
        ("theme_id", K::Text),
        ("language", K::Text),
        ("theme", K::Text),
        ("tickets", K::Integer),
        ("closest_article", K::Text),
        ("closest_article_url", K::Text),
        ("closest_article_score", K::Number),
    ])
}

fn gaps(report: &FeedbackReport) -> Vec<Row> {
    report
        .kb_gaps
        .iter()
        .map(|g| {
            let mut row = vec![
                text(&g.theme_id),
                text(g.lang.code()),
                text(&g.label),
                count(g.count),
            ];
            row.extend(article_cells(g.best_article.as_ref()));
            row
        })
        .collect()
}

fn sentiment_columns() -> Vec<(String, ColumnKind)> {
    named(&[
        ("language", K::Text),
        ("method", K::Text),
        ("held_out_accuracy", K::Share),
        ("held_out_balanced_accuracy", K::Share),
        ("vader_accuracy", K::Share),
        ("training_comments", K::Integer),
        ("held_out_comments", K::Integer),
    ])
}

fn sentiment_models(report: &FeedbackReport) -> Vec<Row> {
    report
        .sentiment
        .models
        .iter()
        .map(|m| {
            vec![
                text(m.lang.code()),
                text(m.method.code()),
                maybe(m.accuracy),
                maybe(m.balanced_accuracy),
                maybe(m.vader_accuracy),
                count(m.n_train),
                count(m.n_test),
            ]
        })
        .collect()
}
