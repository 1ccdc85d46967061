//! `deskbench backlog`, `flow` and `anomalies`: where work gets stuck, and what changed.

use anyhow::Result;

use deskbench::analytics::flow::AgeFrom;
use deskbench::analytics::KpiRequest;

use crate::args::{AnomaliesArgs, BacklogArgs, Cli, FlowArgs};
use crate::output;
use crate::session::{in_flags, open_session};

pub fn backlog(cli: &Cli, args: &BacklogArgs) -> Result<()> {
    let request = (args.period).request(args.every.clone(), args.by.clone());
    let session = open_session(cli)?;
    let report = session
        .backlog(None, request, args.stuck_days, args.age_from.into())
        .map_err(in_flags)?
        .report;
    let range = &report.range;
    let mut heading = format!("{} to {} ({})", range.from, range.to, range.tz);
    if let Some(reason) = &report.null_reason {
        heading.push_str(&format!("\nno figures: {reason}"));
    }
    if report.age_from == AgeFrom::LastReply && !args.stuck {
        heading.push_str(
            "\nage since the last public reply by an agent before each instant; \
             \"no reply\": none yet",
        );
    }
    if args.stuck {
        heading.push_str(&format!(
            "\n{} tickets unsolved with no change for {} days or more (oldest first, at most {})",
            report.stuck_count,
            report.stuck_days,
            report.stuck.len()
        ));
        return output::print(&report, || report.stuck_table(), &heading, args.format);
    }
    output::print(&report, || report.table(), &heading, args.format)
}

pub fn flow(cli: &Cli, args: &FlowArgs) -> Result<()> {
    let request = (args.period).request(None, args.by.clone());
    let session = open_session(cli)?;
    let report = session.flow(None, request).map_err(in_flags)?.report;
    let range = &report.range;
    let mut heading = format!("{} to {} ({})", range.from, range.to, range.tz);
    if let Some(reason) = &report.null_reason {
        heading.push_str(&format!("\nno figures: {reason}"));
    }
    if args.handoffs {
        let h = &report.handoffs;
        let share = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{:.1}%", v * 100.0));
        let mean = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{v:.2}"));
        heading.push_str(&format!(
            "\n{} solved tickets: {} group changes and {} assignee changes on average; {} moved between groups twice or more",
            h.n,
            mean(h.mean_group_changes),
            mean(h.mean_assignee_changes),
            share(h.two_or_more_groups)
        ));
        return output::print(&report, || report.transfers_table(), &heading, args.format);
    }
    heading.push_str("\nminutes in each status within the range");
    match &report.business_null_reason {
        Some(reason) => heading.push_str(&format!("; business minutes missing for {reason}")),
        None => heading.push_str("; business minutes on each source's business-hours schedule"),
    }
    output::print(&report, || report.table(), &heading, args.format)
}

pub fn anomalies(cli: &Cli, args: &AnomaliesArgs) -> Result<()> {
    let request = KpiRequest {
        kpis: args.kpis.clone(),
        ..(args.period).request(args.every.clone(), args.by.clone())
    };
    let session = open_session(cli)?;
    if args.themes {
        let report = session.theme_anomalies(None, request).map_err(in_flags)?;
        let range = &report.range;
        let heading = format!(
            "{} to {} ({}): {} feedback themes moved, against each theme's share of its \
             language's tickets from {}; |score| ≥ {}",
            range.from,
            range.to,
            range.tz,
            report.anomalies.len(),
            report.fitted_from,
            report.threshold
        );
        return output::print(&report, || report.table(), &heading, args.format);
    }
    let report = session.anomalies(None, request).map_err(in_flags)?;
    let range = &report.range;
    let heading = format!(
        "{} to {} ({}): {} anomalies, scored against each series from {}; |score| ≥ {}",
        range.from,
        range.to,
        range.tz,
        report.anomalies.len(),
        report.fitted_from,
        report.threshold
    );
    output::print(&report, || report.table(), &heading, args.format)
}
