//! The tickets behind a figure of the flow reports, as the app and the CLI ask for them:
//! a backlog bar (a bucket, an age band or a breakdown's group), a time-in-status row (an
//! owner and a status) or a transfer pair. Each runs the report's query over the same
//! frame and history, so a list holds exactly the tickets its figure counts.

use serde::Deserialize;
use ts_rs::TS;

use super::age::{AgeBand, AgeFrom, NO_REPLY_BAND};
use super::backlog::Age;
use super::drill::{backlog_rows, status_time_rows, transfer_rows};
use super::history::{History, State};
use super::replies::Replies;
use super::report::{filtered_rows, instants, owner_of, solved_in, Keys};
use super::time_in_status::COUNTED;
use crate::analytics::query::KpiQuery;
use crate::analytics::{AnalyticsError, Frame};
use crate::store::records::TicketStatus;
use crate::store::TicketKey;

/// Which figure's tickets to list, for the query of its report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlowTickets {
    /// The backlog at the end of bucket `period` (its label, `YYYY-MM-DD`): in `band`
    /// of the age `age_from` counts (since creation when absent), or with `no_reply`
    /// among the tickets without a public agent reply yet (every band when neither), and
    /// with the query's `by`, of the group `key` as the ticket had it then (`(none)` or
    /// `null` for no value; every ticket when absent).
    Backlog {
        period: String,
        #[serde(default)]
        #[ts(optional)]
        band: Option<AgeBand>,
        #[serde(default)]
        #[ts(optional)]
        age_from: Option<AgeFrom>,
        #[serde(default)]
        #[ts(optional)]
        no_reply: Option<bool>,
        #[serde(default)]
        #[ts(optional)]
        key: Option<String>,
    },
    /// The tickets that spent time in `status` (new, open, pending, hold) within the
    /// range held by owner `key` of the query's `by` (group or assignee; `null`: no owner,
    /// or every ticket without `by`).
    StatusTime { key: Option<String>, status: String },
    /// The tickets solved in the range that moved from group `from` to group `to` (ids).
    Transfer { from: String, to: String },
}

impl FlowTickets {
    /// Whether the tickets are found by their age since the last public agent reply,
    /// which needs the replies read.
    pub fn needs_replies(&self) -> bool {
        matches!(
            self,
            FlowTickets::Backlog {
                age_from: Some(AgeFrom::LastReply),
                ..
            }
        )
    }

    /// The texts the caller sent, to check their length.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            FlowTickets::Backlog { period, key, .. } => [Some(period.as_str()), key.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            FlowTickets::StatusTime { key, status } => [key.as_deref(), Some(status.as_str())]
                .into_iter()
                .flatten()
                .collect(),
            FlowTickets::Transfer { from, to } => vec![from.as_str(), to.as_str()],
        }
    }
}

/// The tickets behind the figure `what` of the flow reports of `query` at `now`, in
/// frame order. `replies` are needed when `what.needs_replies()`.
pub fn flow_tickets(
    frame: &Frame,
    history: &History,
    replies: Option<&Replies>,
    query: &KpiQuery,
    now: i64,
    what: &FlowTickets,
) -> Result<Vec<TicketKey>, AnalyticsError> {
    let rows = filtered_rows(frame, query)?;
    let range = (query.range.start(), query.range.end());
    let found = match what {
        FlowTickets::Backlog {
            period,
            band,
            age_from,
            no_reply,
            key,
        } => {
            let band = match (no_reply, band) {
                (Some(true), _) => Some(NO_REPLY_BAND),
                (_, band) => band.map(AgeBand::index),
            };
            let created = frame.tickets.column("created_at")?.i64()?.rechunk();
            let created: Vec<i64> = created.iter().map(Option::unwrap_or_default).collect();
            let none = Replies::default();
            let age = match age_from.unwrap_or_default() {
                AgeFrom::Created => Age::Created(&created),
                AgeFrom::LastReply => Age::LastReply(replies.unwrap_or(&none)),
            };
            let bar = (period.as_str(), band, key.as_deref());
            backlog_of(frame, history, query, now, &rows, &age, bar)?
        }
        FlowTickets::StatusTime { key, status } => {
            let status = TicketStatus::parse(status)
                .filter(|s| COUNTED.contains(s))
                .ok_or_else(|| AnalyticsError::UnknownFlowStatus(status.clone()))?;
            let owner = owner_of(query)?;
            // The report writes an owner's key as its id.
            let by = query
                .by
                .map_or_else(|| "owner".to_owned(), |dim| dim.name());
            let key = key.as_deref().map(|k| id_of(&by, k)).transpose()?;
            status_time_rows(history, rows, range, now, owner, (key, status))
        }
        FlowTickets::Transfer { from, to } => {
            let pair = (id_of("group", from)?, id_of("group", to)?);
            transfer_rows(history, solved_in(frame, &rows, range)?, pair)
        }
    };
    keys_of(frame, &found)
}

/// The backlog rows of one bar: the bucket labelled `period`, in `band`, of group `key`.
fn backlog_of(
    frame: &Frame,
    history: &History,
    query: &KpiQuery,
    now: i64,
    rows: &[u32],
    age: &Age,
    (period, band, key): (&str, Option<usize>, Option<&str>),
) -> Result<Vec<u32>, AnalyticsError> {
    let (labels, _, instants) = instants(query, now);
    let at = (labels.iter().position(|l| l == period))
        .and_then(|i| instants.get(i).copied())
        .ok_or_else(|| AnalyticsError::UnknownPeriod(period.to_owned()))?;
    let all = |_: Option<i64>| true;
    let rows = rows.iter().copied();
    match (query.by, key) {
        (Some(dim), Some(key)) => {
            let keys = Keys::of(frame, history, dim, "backlog")?;
            let key = (key != "null" && key != "(none)").then_some(key);
            let key_of = |row: u32, state: &State| keys.key_of(row, state);
            let wanted = |k: Option<i64>| keys.name(k).as_deref() == key;
            Ok(backlog_rows(history, rows, age, at, band, key_of, wanted))
        }
        _ => Ok(backlog_rows(history, rows, age, at, band, |_, _| None, all)),
    }
}

/// A key that is an id: a group's or an agent's.
fn id_of(what: &str, key: &str) -> Result<i64, AnalyticsError> {
    key.parse().map_err(|_| AnalyticsError::NotAnId {
        dimension: what.to_owned(),
        value: key.to_owned(),
    })
}

/// The source and id of each frame row.
fn keys_of(frame: &Frame, rows: &[u32]) -> Result<Vec<TicketKey>, AnalyticsError> {
    let sources = frame.tickets.column("source_id")?.i64()?;
    let ids = frame.tickets.column("id")?.i64()?;
    Ok((rows.iter())
        .filter_map(|&row| Some((sources.get(row as usize)?, ids.get(row as usize)?)))
        .collect())
}
