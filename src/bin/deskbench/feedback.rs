//! `deskbench feedback`: themes, emerging themes, sentiment, CSAT drivers, repetitive
//! tickets and knowledge-base gaps, as one JSON object or as readable tables.

use std::io::Write;

use anyhow::Result;
use comfy_table::Table;

use deskbench::feedback::{FeedbackReport, FeedbackRequest};

use crate::args::{Cli, FeedbackArgs, FeedbackFormat};
use crate::output;
use crate::printable::{printable, Tabs};
use crate::session::{in_flags, open_session};

pub fn run(cli: &Cli, args: &FeedbackArgs) -> Result<()> {
    let request = FeedbackRequest {
        from: args.period.from.clone(),
        to: args.period.to.clone(),
        tz: args.period.tz.clone(),
        filters: args.period.filters.clone(),
        lang: args.lang.clone(),
        source: Some(args.source.clone()),
    };
    let report = open_session(cli)?
        .feedback(None, request)
        .map_err(in_flags)?
        .report;
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
            &["id", "theme", "tickets", "share", "CSAT", "change", "article"],
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
    Ok(())
}
