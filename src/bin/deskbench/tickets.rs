//! `deskbench tickets`: the tickets behind a KPI value (a range, a bucket, a group).

use anyhow::Result;

use deskbench::analytics::query::report::ReportTable;
use deskbench::analytics::views::drill::TicketList;

use crate::args::{Cli, TicketsArgs};
use crate::output;
use crate::session::{in_flags, open_session};

pub fn run(cli: &Cli, args: &TicketsArgs) -> Result<()> {
    let request = args.list.request(args.offset, Some(args.limit));
    let list = open_session(cli)?.ticket_list(&request).map_err(in_flags)?;
    let heading = match list.rows.len() as u64 {
        0 => format!("{} tickets, none from {}", list.total, list.offset),
        shown => format!(
            "{} tickets, {} to {}",
            list.total,
            list.offset.saturating_add(1),
            list.offset.saturating_add(shown)
        ),
    };
    output::print(&list, || table(&list), &heading, args.format)
}

fn table(list: &TicketList) -> ReportTable {
    let columns = [
        "id",
        "subject",
        "status",
        "priority",
        "channel",
        "group",
        "assignee",
        "created_at",
        "solved_at",
        "first_reply_minutes",
        "full_resolution_minutes",
        "replies",
        "reopens",
        "url",
    ];
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let int = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let time = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default()
    };
    ReportTable {
        columns: columns.map(str::to_owned).into(),
        rows: list
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.file_id.clone().unwrap_or_else(|| r.id.to_string()),
                    text(&r.subject),
                    r.status.clone(),
                    text(&r.priority),
                    text(&r.channel),
                    text(&r.group),
                    text(&r.assignee),
                    time(r.created_at),
                    r.solved_at.map(time).unwrap_or_default(),
                    num(r.first_reply_minutes),
                    num(r.full_resolution_minutes),
                    int(r.replies),
                    int(r.reopens),
                    text(&r.url),
                ]
            })
            .collect(),
        null_cells: Vec::new(),
    }
}
