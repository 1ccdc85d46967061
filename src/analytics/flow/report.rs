//! Flow reports for the CLI and the app: the backlog over time by age band (and by a
//! dimension), the tickets stuck without a change, the time in status by group or agent,
//! and the handoffs. Each runs a `KpiQuery`'s range, zone, buckets and filters over the
//! frame and its history; keys and labels are those of `deskbench kpi`.

use polars::prelude::*;
use serde::Serialize;
use ts_rs::TS;

use super::age::AgeFrom;
use super::backlog::{backlog, Age, BacklogCounts, Split};
use super::business::{BusinessGap, SourceCalendars};
use super::handoffs::handoffs;
use super::history::{History, State};
use super::replies::Replies;
use super::time_in_status::{time_in_status, BusinessClock};
use crate::analytics::engine::value::DurationStats;
use crate::analytics::frame::cols;
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::query::filter::FilterEcho;
use crate::analytics::query::range::RangeEcho;
use crate::analytics::query::{filtered_tickets, KpiQuery};
use crate::analytics::{in_parallel, AnalyticsError, Frame};
use crate::sources::business_hours::business_minutes;
use crate::store::records::{HistoryField, TicketStatus};

/// Why a flow figure is missing when no ticket in the query has history.
pub const NO_HISTORY: &str = "no status history: Zendesk sources record it from their \
     next sync; Freshdesk and imported files do not provide one";

/// The most stuck tickets a report lists; `stuck_count` has them all.
const STUCK_LISTED: usize = 100;
/// The most transfers a report lists.
const TRANSFERS_LISTED: usize = 10;

/// The backlog at one instant: in all, and by band in the report's `bands` order (the
/// age bands in `AgeBand::ALL` order, then, for an age since the last reply, the tickets
/// without one); the bands add up to the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BacklogPoint {
    /// The bucket's label (YYYY-MM-DD); without buckets, the range's last day.
    /// Empty series mean no ticket has history (`null_reason` says so).
    pub period: String,
    /// The bucket reaches today or is cut by the range: counted at its clipped end.
    pub partial: bool,
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "Array<number>")]
    pub by_age: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BacklogGroup {
    pub key: Option<String>,
    pub label: String,
    pub series: Vec<BacklogPoint>,
}

/// A ticket unsolved at the end of the range with no change for days.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StuckTicket {
    #[ts(type = "number")]
    pub source_id: i64,
    #[ts(type = "number")]
    pub id: i64,
    pub status: String,
    pub group: String,
    pub assignee: String,
    /// Days since its last change of status, group, assignee or priority.
    pub days_unchanged: f64,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BacklogReport {
    pub range: RangeEcho,
    pub filters: FilterEcho,
    /// What each ticket's age is counted from.
    pub age_from: AgeFrom,
    /// The labels of `by_age`'s bands.
    pub bands: Vec<String>,
    pub series: Vec<BacklogPoint>,
    pub by: Option<String>,
    pub groups: Vec<BacklogGroup>,
    pub stuck_days: u32,
    #[ts(type = "number")]
    pub stuck_count: u64,
    /// Oldest change first, at most 100.
    pub stuck: Vec<StuckTicket>,
    /// Tickets passing the filters that have no history, so are in no figure.
    #[ts(type = "number")]
    pub without_history: u64,
    pub null_reason: Option<String>,
}

/// Backlog over the query's buckets (one point at the range's end without buckets),
/// split by `query.by` as each ticket had it then, and the tickets stuck for
/// `stuck_days` at the last point. Ages are counted from each ticket's creation, or,
/// given its public agent `replies`, from the last one before each point.
pub fn backlog_report(
    frame: &Frame,
    history: &History,
    replies: Option<&Replies>,
    query: &KpiQuery,
    now: i64,
    stuck_days: u32,
) -> Result<BacklogReport, AnalyticsError> {
    let rows = filtered_rows(frame, query)?;
    let created = frame.tickets.column("created_at")?.i64()?.rechunk();
    let created: Vec<i64> = created.iter().map(Option::unwrap_or_default).collect();
    let (labels, partial, instants) = instants(query, now);
    let keys = (query.by)
        .map(|dim| Keys::of(frame, history, dim, "backlog").map(|keys| (dim, keys)))
        .transpose()?;
    let (age, age_from) = match replies {
        Some(replies) => (Age::LastReply(replies), AgeFrom::LastReply),
        None => (Age::Created(&created), AgeFrom::Created),
    };
    let bands = age_from.band_labels();
    let band_count = bands.len();
    let count = |split| backlog(history, rows.iter().copied(), age, &instants, split);
    let at = instants.last().copied().unwrap_or(now);
    // The total with the stuck list, and the breakdown, are independent passes over the
    // history: each takes a core.
    let ((total, stuck), by) = in_parallel(
        || {
            (
                count(Split::Total),
                stuck(frame, history, &rows, at, stuck_days),
            )
        },
        || {
            keys.as_ref()
                .map(|(dim, keys)| (*dim, keys, count(keys.split())))
        },
    );
    let (stuck_count, stuck) = stuck?;
    let points = |counts: &BacklogCounts, key: usize| -> Vec<BacklogPoint> {
        (0..instants.len())
            .map(|i| BacklogPoint {
                period: labels[i].clone(),
                partial: partial[i],
                total: counts.total(key, i),
                by_age: counts.counts[key][i][..band_count].to_vec(),
            })
            .collect()
    };
    let groups = match by {
        None => Vec::new(),
        Some((dim, keys, counts)) => (counts.keys.iter().enumerate())
            .map(|(i, &key)| {
                let key = keys.name(key);
                BacklogGroup {
                    label: dim.label(key.as_deref(), &frame.labels),
                    key,
                    series: points(&counts, i),
                }
            })
            .collect(),
    };
    let null_reason = no_history(rows.len(), total.without_history);
    // Without any history every count would be a zero that means "unknown".
    let known = null_reason.is_none();
    Ok(BacklogReport {
        range: RangeEcho::of(&query.range),
        filters: query.filters.echo(),
        age_from,
        bands,
        series: if known { points(&total, 0) } else { Vec::new() },
        by: query.by.map(Dimension::name),
        groups: if known { groups } else { Vec::new() },
        stuck_days,
        stuck_count,
        stuck,
        without_history: total.without_history,
        null_reason,
    })
}

/// Time in one status for one owner.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StatusTimeRow {
    pub key: Option<String>,
    pub label: String,
    pub status: String,
    pub calendar: DurationStats,
    pub business: Option<DurationStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TransferRow {
    pub from: String,
    pub from_label: String,
    pub to: String,
    pub to_label: String,
    #[ts(type = "number")]
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HandoffsReport {
    #[ts(type = "number")]
    pub n: u64,
    pub mean_group_changes: Option<f64>,
    pub mean_assignee_changes: Option<f64>,
    pub two_or_more_groups: Option<f64>,
    /// The most frequent group-to-group transfers, at most 10.
    pub transfers: Vec<TransferRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FlowReport {
    pub range: RangeEcho,
    pub filters: FilterEcho,
    pub by: Option<String>,
    pub time_in_status: Vec<StatusTimeRow>,
    /// Why some tickets (or all) have no business minutes: each source without a
    /// calendar, named; `None` when every ticket with history has one.
    pub business_null_reason: Option<String>,
    /// The first of those gaps, for a translated note.
    pub business_gap: Option<BusinessGap>,
    pub handoffs: HandoffsReport,
    #[ts(type = "number")]
    pub without_history: u64,
    pub null_reason: Option<String>,
}

/// Time in status within the range (split by `query.by`: group or assignee), in calendar
/// minutes and in business minutes on each ticket's source's calendar, and the handoffs
/// of the tickets solved in it.
pub fn flow_report(
    frame: &Frame,
    history: &History,
    query: &KpiQuery,
    now: i64,
    calendars: &SourceCalendars,
) -> Result<FlowReport, AnalyticsError> {
    let owner = owner_of(query)?;
    let rows = filtered_rows(frame, query)?;
    let range = (query.range.start(), query.range.end());
    let source_of = frame.tickets.column("source_id")?.i64()?.rechunk();
    let source_of: Vec<i64> = source_of.iter().map(Option::unwrap_or_default).collect();
    let clock = |row: u32, _group: Option<i64>, from: i64, to: i64| {
        let calendar = calendars.of(*source_of.get(row as usize)?)?;
        Some(business_minutes(calendar, from, to))
    };
    let clock = if calendars.any() {
        Some(&clock as BusinessClock)
    } else {
        None
    };
    let times = time_in_status(history, rows.iter().copied(), range, now, owner, clock);
    let with_history = (rows.iter())
        .filter(|&&row| history.has(row))
        .filter_map(|&row| source_of.get(row as usize).copied());
    let gap = calendars.gaps(with_history);
    let label = |dim: Option<Dimension>, key: Option<String>| match dim {
        Some(dim) => dim.label(key.as_deref(), &frame.labels),
        None => "All tickets".to_owned(),
    };
    let time_in_status = (times.times.into_iter())
        .map(|t| {
            let key = t.key.map(|k| k.to_string());
            StatusTimeRow {
                label: label(query.by, key.clone()),
                key,
                status: t.status.as_str().to_owned(),
                calendar: t.calendar,
                business: t.business,
            }
        })
        .collect();
    let h = handoffs(history, solved_in(frame, &rows, range)?);
    let group = |id: i64| {
        let key = id.to_string();
        (Dimension::Group.label(Some(&key), &frame.labels), key)
    };
    let transfers = (h.transfers.iter().take(TRANSFERS_LISTED))
        .map(|t| {
            let ((from_label, from), (to_label, to)) = (group(t.from), group(t.to));
            TransferRow {
                from,
                from_label,
                to,
                to_label,
                count: t.count,
            }
        })
        .collect();
    Ok(FlowReport {
        range: RangeEcho::of(&query.range),
        filters: query.filters.echo(),
        by: query.by.map(Dimension::name),
        time_in_status,
        business_gap: gap.as_ref().map(|(gap, _)| *gap),
        business_null_reason: gap.map(|(_, text)| text),
        handoffs: HandoffsReport {
            n: h.n,
            mean_group_changes: h.mean_group_changes,
            mean_assignee_changes: h.mean_assignee_changes,
            two_or_more_groups: h.two_or_more_groups,
            transfers,
        },
        without_history: times.without_history,
        null_reason: no_history(rows.len(), times.without_history),
    })
}

/// Whose time the time in status splits by: the query's `by`, group or assignee.
pub(super) fn owner_of(query: &KpiQuery) -> Result<Option<HistoryField>, AnalyticsError> {
    match query.by {
        None => Ok(None),
        Some(Dimension::Group) => Ok(Some(HistoryField::Group)),
        Some(Dimension::Assignee) => Ok(Some(HistoryField::Assignee)),
        Some(other) => Err(AnalyticsError::UnsplittableFlow {
            kpi: "time in status",
            dimension: other.name(),
            valid: "group, assignee",
        }),
    }
}

/// Of `rows`, those solved within `[from, to)`, each with its solve's instant: the
/// tickets whose handoffs are counted.
pub(super) fn solved_in(
    frame: &Frame,
    rows: &[u32],
    (from, to): (i64, i64),
) -> Result<Vec<(u32, i64)>, AnalyticsError> {
    let solved_at = frame.tickets.column(cols::SOLVED_TIME)?.i64()?.rechunk();
    Ok((rows.iter().copied())
        .filter_map(|row| Some((row, solved_at.get(row as usize)?)))
        .filter(|(_, at)| (from..to).contains(at))
        .collect())
}

fn no_history(rows: usize, without: u64) -> Option<String> {
    (rows > 0 && without == rows as u64).then(|| NO_HISTORY.to_owned())
}

/// The frame rows of the tickets that pass the query's filters.
pub(super) fn filtered_rows(frame: &Frame, query: &KpiQuery) -> Result<Vec<u32>, AnalyticsError> {
    let rows = filtered_tickets(frame, query)?
        .select([col(cols::ROW)])
        .collect()?;
    let rows = rows.column(cols::ROW)?.u32()?.rechunk();
    Ok(rows.iter().flatten().collect())
}

/// Each point's label, whether it is partial, and its instant: the bucket's end, or now
/// for a bucket that ends later.
pub(super) fn instants(query: &KpiQuery, now: i64) -> (Vec<String>, Vec<bool>, Vec<i64>) {
    let label = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    match query.every {
        Some(every) => {
            let buckets = query.range.buckets_as_of(every, query.today);
            let labels = buckets.iter().map(|b| label(b.label)).collect();
            let partial = buckets.iter().map(|b| b.partial || b.end > now).collect();
            (
                labels,
                partial,
                buckets.iter().map(|b| b.end.min(now)).collect(),
            )
        }
        None => {
            let end = query.range.end();
            (
                vec![query.range.to_str()],
                vec![end > now],
                vec![end.min(now)],
            )
        }
    }
}

/// How a dimension's keys are found: from the history (group, assignee, priority,
/// status as they were) or from the ticket's current value.
pub(super) enum Keys<'a> {
    Held(HistoryField, &'a History),
    Current(Vec<Option<i64>>, Vec<Option<String>>),
}

impl<'a> Keys<'a> {
    pub(super) fn of(
        frame: &Frame,
        history: &'a History,
        dim: Dimension,
        kpi: &'static str,
    ) -> Result<Keys<'a>, AnalyticsError> {
        Ok(match dim {
            Dimension::Status => Keys::Held(HistoryField::Status, history),
            Dimension::Group => Keys::Held(HistoryField::Group, history),
            Dimension::Assignee => Keys::Held(HistoryField::Assignee, history),
            Dimension::Priority => Keys::Held(HistoryField::Priority, history),
            dim if dim.is_multi() => {
                return Err(AnalyticsError::UnsplittableFlow {
                    kpi,
                    dimension: dim.name(),
                    valid: "any dimension but tag and field:<id>",
                })
            }
            dim => {
                let codes = frame.single_codes(dim)?;
                let of_row = codes.of_row.iter().map(|&c| Some(i64::from(c))).collect();
                Keys::Current(of_row, codes.keys.clone())
            }
        })
    }

    pub(super) fn split(&self) -> Split<'_> {
        match self {
            Keys::Held(field, _) => Split::Held(*field),
            Keys::Current(of_row, _) => Split::Current(of_row),
        }
    }

    /// The key `split` counts `row` under when its state is `state`.
    pub(super) fn key_of(&self, row: u32, state: &State) -> Option<i64> {
        match self {
            Keys::Held(field, _) => state.key(*field),
            Keys::Current(of_row, _) => of_row.get(row as usize).copied().flatten(),
        }
    }

    /// The output key of a counted key.
    pub(super) fn name(&self, key: Option<i64>) -> Option<String> {
        let key = key?;
        match self {
            Keys::Held(HistoryField::Status, _) => {
                let status = TicketStatus::ALL.get(usize::try_from(key).ok()?)?;
                Some(status.as_str().to_owned())
            }
            Keys::Held(HistoryField::Priority, history) => {
                history.priorities.get(usize::try_from(key).ok()?).cloned()
            }
            Keys::Held(_, _) => Some(key.to_string()),
            Keys::Current(_, names) => names.get(usize::try_from(key).ok()?).cloned().flatten(),
        }
    }
}

/// The tickets unsolved just before `at` whose last change is `days` or more before it,
/// oldest change first (at most `STUCK_LISTED`), and how many there are.
fn stuck(
    frame: &Frame,
    history: &History,
    rows: &[u32],
    at: i64,
    days: u32,
) -> Result<(u64, Vec<StuckTicket>), AnalyticsError> {
    let limit = at - i64::from(days) * 86_400;
    let mut found: Vec<(i64, u32)> = (rows.iter().copied())
        .filter_map(|row| {
            let events = history.events(row);
            let last = events[..events.partition_point(|e| e.at < at)].last()?.at;
            let unsolved = history.state_before(row, at)?.unsolved();
            (unsolved && last <= limit).then_some((last, row))
        })
        .collect();
    found.sort_unstable();
    let count = found.len() as u64;
    let tickets = &frame.tickets;
    let (sources, ids) = (
        tickets.column("source_id")?.i64()?,
        tickets.column("id")?.i64()?,
    );
    let listed = (found.into_iter().take(STUCK_LISTED))
        .filter_map(|(last, row)| {
            let state = history.state_before(row, at)?;
            let (source_id, id) = (sources.get(row as usize)?, ids.get(row as usize)?);
            let label = |dim: Dimension, key: Option<i64>| {
                dim.label(key.map(|k| k.to_string()).as_deref(), &frame.labels)
            };
            Some(StuckTicket {
                source_id,
                id,
                status: state.status.map_or("", TicketStatus::as_str).to_owned(),
                group: label(Dimension::Group, state.group),
                assignee: label(Dimension::Assignee, state.assignee),
                days_unchanged: ((at - last) as f64 / 86_400.0 * 10.0).round() / 10.0,
                url: frame.ticket_url(source_id, id),
            })
        })
        .collect();
    Ok((count, listed))
}
