//! `deskbench feedback`: themes, emerging themes, sentiment, CSAT drivers, repetitive
//! tickets and knowledge-base gaps, as one JSON object or as readable tables.

use std::io::Write;

use anyhow::{anyhow, Result};
use comfy_table::Table;

use clap::Args;
use deskbench::app::{AppError, Session};
use deskbench::feedback::report::{EditOutcome, KeptThemeEdit, Theme, ThemeEditKind};
use deskbench::feedback::{FeedbackReport, FeedbackRequest};

use crate::args::{Cli, FeedbackArgs, FeedbackFormat};
use crate::output;
use crate::printable::{printable, Tabs};
use crate::session::{in_flags, open_session};

/// Edits of the report's themes, kept in the workspace for every later report. Theme
/// ids are those of the report of the same period, filters, language and source; the
/// report printed is the one after the edit.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct ThemeEditArgs {
    /// Merge these themes (two or more ids of one language, comma-separated) into one,
    /// named by --name or else the first.
    #[arg(long, value_name = "IDS", value_delimiter = ',', num_args = 1)]
    pub merge: Option<Vec<String>>,
    /// Split the texts of this theme that say the phrase of --by into a theme of their own.
    #[arg(long, value_name = "ID", requires = "by")]
    pub split: Option<String>,
    /// Undo the merge or split that last shaped this theme.
    #[arg(long, value_name = "ID")]
    pub undo: Option<String>,
    /// Forget kept edit N (the report's edits list them, with what each does here),
    /// e.g. one whose themes are no longer found.
    #[arg(long, value_name = "N")]
    pub remove_edit: Option<i64>,
}

/// What the edit flags need besides a theme: `--name` and `--by`, outside the group.
#[derive(Debug, Args)]
pub struct EditWords {
    /// The merged theme's name (with --merge).
    #[arg(long, value_name = "NAME", requires = "merge")]
    pub name: Option<String>,
    /// The phrase to split by (with --split): one of the theme's terms or any words.
    #[arg(long, value_name = "PHRASE", requires = "split")]
    pub by: Option<String>,
}

pub fn run(cli: &Cli, args: &FeedbackArgs) -> Result<()> {
    let request = FeedbackRequest {
        from: args.period.from.clone(),
        to: args.period.to.clone(),
        tz: args.period.tz.clone(),
        filters: args.period.filters.clone(),
        lang: args.lang.clone(),
        source: Some(args.source.clone()),
    };
    let session = open_session(cli)?;
    let mut report = session
        .feedback(None, request.clone())
        .map_err(in_flags)?
        .report;
    match edit_themes(&session, &args.edit, &args.words)? {
        Edited::Not => {}
        Edited::Checked(split) => report = *split,
        Edited::Kept => report = session.feedback(None, request).map_err(in_flags)?.report,
    }
    output::to_stdout(|out| {
        match args.format {
            FeedbackFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
            }
            FeedbackFormat::Table => print_tables(out, &report)?,
        }
        Ok(())
    })
}

/// What the edit flags did, and so which report to print.
enum Edited {
    /// No edit was asked for.
    Not,
    /// A split, with the report made to check it.
    Checked(Box<FeedbackReport>),
    /// Another edit was kept; the report is asked for again.
    Kept,
}

/// Makes the edit the flags ask for, if any.
fn edit_themes(session: &Session, edit: &ThemeEditArgs, words: &EditWords) -> Result<Edited> {
    let done = if let Some(ids) = &edit.merge {
        session
            .merge_themes(ids, words.name.as_deref())
            .map(|()| Edited::Kept)
    } else if let (Some(id), Some(phrase)) = (&edit.split, &words.by) {
        session
            .split_theme(id, phrase)
            .map(|screen| Edited::Checked(Box::new(screen.report)))
    } else if let Some(id) = &edit.undo {
        session.undo_theme_edit(id).map(|()| Edited::Kept)
    } else if let Some(n) = edit.remove_edit {
        session.remove_theme_edit(n).map(|()| Edited::Kept)
    } else {
        return Ok(Edited::Not);
    };
    done.map_err(|err| match err {
        AppError::NotInFeedbackReport { id, .. } => anyhow!(
            "the report of these flags has no theme {id:?}; list its themes with --format table"
        ),
        err => err.into(),
    })
}

/// What the user did to a theme, for the table.
fn edit_note(theme: &Theme) -> String {
    match &theme.edit {
        Some(edit) => match edit.kind {
            ThemeEditKind::Merged => "merged".to_owned(),
            ThemeEditKind::SplitOff => "split off".to_owned(),
            ThemeEditKind::SplitRest => format!(
                "split by {}",
                printable(edit.phrase.as_deref().unwrap_or_default(), Tabs::Space)
            ),
        },
        None if theme.renamed => "renamed".to_owned(),
        None => String::new(),
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.1}%", s * 100.0))
}

/// One of the report's tables; its rows are collected into the type named here.
fn table(header: &[&str], rows: Vec<Vec<String>>) -> Table {
    output::table(header, rows)
}

fn print_tables(out: &mut dyn Write, r: &FeedbackReport) -> Result<()> {
    let c = &r.comments;
    writeln!(
        out,
        "{} to {} ({}): {} texts — en {}, ko {}, ru {}, other {}",
        r.range.from,
        r.range.to,
        r.range.tz,
        c.total,
        c.by_lang.en,
        c.by_lang.ko,
        c.by_lang.ru,
        c.by_lang.other
    )?;
    writeln!(out, "\nThemes")?;
    let rows = r
        .themes
        .iter()
        .map(|t| {
            vec![
                t.id.clone(),
                t.label.clone(),
                edit_note(t),
                t.count.to_string(),
                percent(Some(t.share)),
                format!("{} (n {})", percent(t.csat.value), t.csat.n),
                format!("{:+.1} pp", t.change.delta * 100.0),
                t.article
                    .as_ref()
                    .filter(|a| a.covered)
                    .map_or_else(|| "gap".to_owned(), |a| a.title.clone()),
            ]
        })
        .collect();
    writeln!(
        out,
        "{}",
        table(
            &["id", "theme", "edit", "tickets", "share", "CSAT", "change", "article"],
            rows
        )
    )?;
    writeln!(out, "\nEmerging")?;
    let rows = r
        .emerging
        .iter()
        .map(|e| {
            vec![
                e.kind.clone(),
                e.lang.code().to_owned(),
                e.label.clone(),
                format!("{} (was {})", e.count, e.previous_count),
                format!("{:.1}", e.z),
            ]
        })
        .collect();
    writeln!(
        out,
        "{}",
        table(&["kind", "lang", "what", "count", "z"], rows)
    )?;
    writeln!(out, "\nSentiment")?;
    let rows = r
        .sentiment
        .models
        .iter()
        .map(|m| {
            vec![
                m.lang.code().to_owned(),
                format!("{:?}", m.method).to_lowercase(),
                percent(m.accuracy),
                percent(m.balanced_accuracy),
                format!("{} / {}", m.n_train, m.n_test),
            ]
        })
        .collect();
    writeln!(
        out,
        "{}",
        table(
            &[
                "lang",
                "method",
                "held-out accuracy",
                "balanced",
                "train / test"
            ],
            rows
        )
    )?;
    writeln!(
        out,
        "\nCSAT drivers (overall {} of {})",
        percent(r.drivers.overall.value),
        r.drivers.overall.n
    )?;
    let rows = r
        .drivers
        .effects
        .iter()
        .map(|e| {
            vec![
                e.dimension.clone(),
                e.label.clone(),
                format!("{} (n {})", percent(e.csat.value), e.csat.n),
                format!(
                    "{:+.1} pp [{:+.1}, {:+.1}]",
                    e.diff * 100.0,
                    e.ci_low * 100.0,
                    e.ci_high * 100.0
                ),
                format!("{:+.2} pp", e.impact * 100.0),
            ]
        })
        .collect();
    writeln!(
        out,
        "{}",
        table(&["by", "value", "CSAT", "vs rest (95% CI)", "impact"], rows)
    )?;
    for w in &r.drivers.words {
        let list = |terms: &[deskbench::feedback::log_odds::TermOdds]| {
            terms
                .iter()
                .map(|t| t.term.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let bad = list(&w.bad);
        let good = list(&w.good);
        writeln!(
            out,
            "{} bad: {}",
            w.lang.code(),
            printable(&bad, Tabs::Space)
        )?;
        writeln!(
            out,
            "{} good: {}",
            w.lang.code(),
            printable(&good, Tabs::Space)
        )?;
    }
    writeln!(out, "\nRepetitive tickets")?;
    let rows = r
        .duplicates
        .iter()
        .map(|d| {
            vec![
                d.size.to_string(),
                d.days.to_string(),
                d.median_resolution_minutes
                    .map_or_else(|| "–".to_owned(), |m| format!("{:.0} min", m)),
                percent(d.one_touch_share),
                d.example.chars().take(80).collect(),
            ]
        })
        .collect();
    writeln!(
        out,
        "{}",
        table(
            &[
                "tickets",
                "days",
                "median resolution",
                "one-touch",
                "example"
            ],
            rows
        )
    )?;
    writeln!(out, "\nKnowledge-base gaps")?;
    let rows = r
        .kb_gaps
        .iter()
        .map(|g| {
            vec![
                g.lang.code().to_owned(),
                g.label.clone(),
                g.count.to_string(),
            ]
        })
        .collect();
    writeln!(out, "{}", table(&["lang", "theme", "tickets"], rows))?;
    if !r.edits.is_empty() {
        writeln!(out, "\nTheme edits (remove one with --remove-edit N)")?;
        let rows = r.edits.iter().map(edit_row).collect();
        writeln!(out, "{}", table(&["N", "lang", "edit", "here"], rows))?;
    }
    Ok(())
}

/// A kept edit as the edits table lists it.
fn edit_row(edit: &KeptThemeEdit) -> Vec<String> {
    let words = printable(edit.words.as_deref().unwrap_or_default(), Tabs::Space);
    let what = match edit.kind {
        ThemeEditKind::Merged => format!("merge named {words}"),
        _ => format!("split by {words}"),
    };
    let here = match edit.outcome {
        EditOutcome::Applied => "applied",
        EditOutcome::ThemesNotFound => "its themes are not in this report",
        EditOutcome::PhraseInNoText => "no text of the theme says the phrase",
        EditOutcome::PhraseInEveryText => "every text of the theme says the phrase",
        EditOutcome::NoTextsInLanguage => "no texts in its language here",
    };
    vec![
        edit.id.to_string(),
        edit.lang.code().to_owned(),
        what,
        here.to_owned(),
    ]
}
