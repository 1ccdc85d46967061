//! The tickets behind a number: the population of one KPI in the range or one bucket,
//! for one group or all, paged and sorted, with a link to each ticket in its helpdesk.
//! Given tickets (a feedback theme's) list the same way through `tickets_of`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use chrono_tz::Tz;
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::compute::{records_in, Periods};
use crate::analytics::engine::keyed::Keyed;
use crate::analytics::engine::kpi::{Hours, KpiId, Measure, Population};
use crate::analytics::engine::support::Gaps;
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::{cols, Frame};
use crate::analytics::query::range::{check_supported, parse_date, DateRole};
use crate::analytics::query::request::KpiRequest;
use crate::analytics::query::{filtered_tickets, keyed_by, KpiQuery};
use crate::analytics::AnalyticsError;
use crate::store::{Store, TicketKey, TicketText};

/// What to list, as the UI or the CLI sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct TicketListRequest {
    /// The query the number came from (`every` is needed with `period`).
    pub query: KpiRequest,
    pub kpi: String,
    /// With `query.by`: the group's key; `null` or `(none)` for tickets without a value.
    pub key: Option<String>,
    /// A bucket's label (`YYYY-MM-DD`) to list that bucket instead of the whole range.
    pub period: Option<String>,
    /// A column of `SortColumn`, `-` in front for descending. Default: newest first.
    pub sort: Option<String>,
    #[serde(default)]
    pub offset: usize,
    /// Rows per page; 100 when absent, at most 10,000.
    pub limit: Option<usize>,
    /// Only tickets whose subject contains this text (ignoring case), or with this id.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
}

/// One page of a ticket list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TicketList {
    /// Tickets in the whole list (each ticket once, however many ratings it has).
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    pub rows: Vec<TicketRow>,
}

/// A ticket's key fields; times are unix seconds, durations minutes in the query's hours.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TicketRow {
    #[ts(type = "number")]
    pub source_id: i64,
    #[ts(type = "number")]
    pub id: i64,
    /// The id an imported ticket has in its file (`JSM-123`), shown instead of `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file_id: Option<String>,
    /// Customer-written text: show it as text, never as HTML.
    pub subject: Option<String>,
    pub status: String,
    pub priority: Option<String>,
    pub channel: Option<String>,
    pub group: Option<String>,
    pub assignee: Option<String>,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number | null")]
    pub solved_at: Option<i64>,
    pub first_reply_minutes: Option<f64>,
    pub full_resolution_minutes: Option<f64>,
    #[ts(type = "number | null")]
    pub replies: Option<i64>,
    #[ts(type = "number | null")]
    pub reopens: Option<i64>,
    /// The ticket in its helpdesk, when the source has one.
    pub url: Option<String>,
}

/// Columns a ticket list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Id,
    CreatedAt,
    SolvedAt,
    Status,
    Priority,
    Channel,
    FirstReplyTime,
    FullResolutionTime,
    Replies,
    Reopens,
}

impl SortColumn {
    const ALL: [SortColumn; 10] = [
        SortColumn::Id,
        SortColumn::CreatedAt,
        SortColumn::SolvedAt,
        SortColumn::Status,
        SortColumn::Priority,
        SortColumn::Channel,
        SortColumn::FirstReplyTime,
        SortColumn::FullResolutionTime,
        SortColumn::Replies,
        SortColumn::Reopens,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortColumn::Id => "id",
            SortColumn::CreatedAt => "created_at",
            SortColumn::SolvedAt => "solved_at",
            SortColumn::Status => "status",
            SortColumn::Priority => "priority",
            SortColumn::Channel => "channel",
            SortColumn::FirstReplyTime => "first_reply_time",
            SortColumn::FullResolutionTime => "full_resolution_time",
            SortColumn::Replies => "replies",
            SortColumn::Reopens => "reopens",
        }
    }

    pub fn valid_list() -> String {
        SortColumn::ALL.map(SortColumn::name).join(", ")
    }

    fn column(self, hours: Hours) -> String {
        match self {
            SortColumn::FirstReplyTime => hours.column("reply_time"),
            SortColumn::FullResolutionTime => hours.column("full_resolution_time"),
            other => other.name().to_owned(),
        }
    }
}

/// How a list is ordered, narrowed and paged, whatever it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOrder {
    pub sort: SortColumn,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
    /// Lower-cased search text; `None` when blank.
    pub search: Option<String>,
}

impl ListOrder {
    /// From a request's values: `sort` is a column of `SortColumn`, `-` in front for
    /// descending (newest first when absent); `limit` is 100 when absent, at most 10,000;
    /// a blank `search` searches nothing.
    pub fn parse(
        sort: Option<&str>,
        offset: usize,
        limit: Option<usize>,
        search: Option<&str>,
    ) -> Result<ListOrder, AnalyticsError> {
        let (descending, sort) = match sort {
            None => (true, SortColumn::CreatedAt),
            Some(s) => {
                let (descending, name) = match s.strip_prefix('-') {
                    Some(name) => (true, name),
                    None => (false, s),
                };
                let column = SortColumn::ALL
                    .into_iter()
                    .find(|c| c.name() == name)
                    .ok_or_else(|| AnalyticsError::UnknownSort {
                        name: s.to_owned(),
                        valid: SortColumn::valid_list(),
                    })?;
                (descending, column)
            }
        };
        Ok(ListOrder {
            sort,
            descending,
            offset,
            limit: limit.unwrap_or(100).min(10_000),
            search: search
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        })
    }
}

/// A validated ticket-list request.
#[derive(Debug, Clone)]
pub struct TicketListQuery {
    pub query: KpiQuery,
    pub kpi: KpiId,
    pub key: Option<Option<String>>,
    pub period: Option<NaiveDate>,
    pub order: ListOrder,
}

impl TicketListRequest {
    pub fn resolve(
        &self,
        today: NaiveDate,
        default_tz: Tz,
    ) -> Result<TicketListQuery, AnalyticsError> {
        let query = self.query.resolve(today, default_tz)?;
        let order = ListOrder::parse(
            self.sort.as_deref(),
            self.offset,
            self.limit,
            self.search.as_deref(),
        )?;
        let period = self
            .period
            .as_deref()
            .map(|p| check_supported(parse_date(p)?, DateRole::Period))
            .transpose()?;
        let key = self
            .key
            .as_ref()
            .map(|k| (k != "null" && k != "(none)").then(|| k.clone()));
        Ok(TicketListQuery {
            query,
            kpi: KpiId::parse(&self.kpi)?,
            key,
            period,
            order,
        })
    }
}

/// Lists the tickets behind one KPI value.
pub fn ticket_list(
    frame: &Frame,
    store: &Store,
    list: &TicketListQuery,
) -> Result<TicketList, AnalyticsError> {
    let df = sorted_rows(frame, store, list)?;
    page_of(&df, frame, store, list.query.hours, &list.order)
}

/// Lists given tickets (a feedback theme's, a cluster's) as `ticket_list` lists a
/// number's: sorted, searched and paged by `order`, durations in `hours`. Each ticket
/// once; tickets no longer in the frame (deleted since) are left out.
pub fn tickets_of(
    frame: &Frame,
    store: &Store,
    tickets: &[TicketKey],
    hours: Hours,
    order: &ListOrder,
) -> Result<TicketList, AnalyticsError> {
    let df = sorted_keys(frame, store, tickets, hours, order)?;
    page_of(&df, frame, store, hours, order)
}

fn page_of(
    sorted: &DataFrame,
    frame: &Frame,
    store: &Store,
    hours: Hours,
    order: &ListOrder,
) -> Result<TicketList, AnalyticsError> {
    // An offset past the end is an empty page (a negative slice offset would count
    // from the end instead).
    let offset = i64::try_from(order.offset.min(sorted.height())).unwrap_or(i64::MAX);
    let page = sorted.slice(offset, order.limit);
    Ok(TicketList {
        total: sorted.height() as u64,
        offset: order.offset as u64,
        rows: rows_of(&page, frame, store, hours)?,
    })
}

/// Every ticket of a list in its order, a page at a time (data export): the list is
/// computed and sorted once, and each page reads only its own subjects. The request's
/// offset and limit are ignored.
pub struct TicketPages<'a> {
    sorted: DataFrame,
    frame: &'a Frame,
    store: &'a Store,
    hours: Hours,
    next: usize,
}

impl<'a> TicketPages<'a> {
    pub fn new(
        frame: &'a Frame,
        store: &'a Store,
        list: &'a TicketListQuery,
    ) -> Result<TicketPages<'a>, AnalyticsError> {
        Ok(TicketPages {
            sorted: sorted_rows(frame, store, list)?,
            frame,
            store,
            hours: list.query.hours,
            next: 0,
        })
    }

    /// Every one of the given tickets, in the order `tickets_of` lists them.
    pub fn of_tickets(
        frame: &'a Frame,
        store: &'a Store,
        tickets: &[TicketKey],
        hours: Hours,
        order: &ListOrder,
    ) -> Result<TicketPages<'a>, AnalyticsError> {
        Ok(TicketPages {
            sorted: sorted_keys(frame, store, tickets, hours, order)?,
            frame,
            store,
            hours,
            next: 0,
        })
    }

    /// Tickets in the whole list.
    pub fn total(&self) -> u64 {
        self.sorted.height() as u64
    }

    /// The next `size` tickets (at least one); `None` after the last.
    pub fn next_page(&mut self, size: usize) -> Result<Option<Vec<TicketRow>>, AnalyticsError> {
        if self.next >= self.sorted.height() {
            return Ok(None);
        }
        let page = self.sorted.slice(self.next as i64, size.max(1));
        self.next += page.height();
        Ok(Some(rows_of(&page, self.frame, self.store, self.hours)?))
    }
}

/// The list's ticket rows of the frame, sorted as asked, narrowed to the search.
fn sorted_rows(
    frame: &Frame,
    store: &Store,
    list: &TicketListQuery,
) -> Result<DataFrame, AnalyticsError> {
    let query = &list.query;
    let (start, end) = match list.period {
        None => (query.range.start(), query.range.end()),
        Some(label) => {
            let every = query
                .every
                .ok_or_else(|| AnalyticsError::UnknownPeriod(label.to_string()))?;
            let bucket = query
                .range
                .buckets(every)
                .into_iter()
                .find(|b| b.label == label)
                .ok_or_else(|| AnalyticsError::UnknownPeriod(label.to_string()))?;
            (bucket.start, bucket.end)
        }
    };
    let periods = Periods {
        start,
        end,
        buckets: &[],
    };
    let tickets = filtered_tickets(frame, query)?;
    let scoped = match (query.by, &list.key) {
        (Some(dim), Some(key)) => {
            if let Dimension::Field(id) = dim {
                frame.check_field(id)?;
            }
            let keyed = keyed_by(frame, tickets, dim)?;
            let matches = keyed.matches(key.as_deref());
            keyed.plan.filter(matches)
        }
        _ => tickets,
    };
    let rows = population_rows(list.kpi, scoped, frame, &periods, query);
    let tickets = frame.tickets.clone().lazy().join(
        rows,
        [col(cols::ROW)],
        [col(cols::ROW)],
        JoinArgs::new(JoinType::Inner),
    );
    sort_and_search(tickets, store, query.hours, &list.order)
}

/// The frame rows of the given tickets, sorted, narrowed to the search.
fn sorted_keys(
    frame: &Frame,
    store: &Store,
    tickets: &[TicketKey],
    hours: Hours,
    order: &ListOrder,
) -> Result<DataFrame, AnalyticsError> {
    let wanted: HashSet<TicketKey> = tickets.iter().copied().collect();
    let rows = matching_only(frame.tickets.clone(), &wanted)?;
    sort_and_search(rows.lazy(), store, hours, order)
}

/// Ticket rows in the list's order (ties by id), then only those matching its search.
fn sort_and_search(
    tickets: LazyFrame,
    store: &Store,
    hours: Hours,
    order: &ListOrder,
) -> Result<DataFrame, AnalyticsError> {
    let id = SortColumn::Id.column(hours);
    let sort_column = order.sort.column(hours);
    let sorted = tickets
        .sort_by_exprs(
            [col(sort_column.as_str()), col(id.as_str())],
            SortMultipleOptions::default()
                .with_order_descending_multi([order.descending, order.descending])
                .with_nulls_last(true),
        )
        .collect()?;
    match &order.search {
        Some(needle) => matching_only(sorted, &store.tickets_matching(needle)?),
        None => Ok(sorted),
    }
}

/// The distinct ticket rows counted by `kpi` in the period (its `n`, or its count).
fn population_rows(
    kpi: KpiId,
    tickets: LazyFrame,
    frame: &Frame,
    periods: &Periods,
    query: &KpiQuery,
) -> LazyFrame {
    let def = kpi.def();
    let counted = match def.measure {
        Measure::Duration(metric) => col(query.hours.column(metric).as_str()).is_not_null(),
        Measure::MeanReplies | Measure::RepliesShare(_) => col("replies").is_not_null(),
        Measure::ReopenedShare => col("reopens").is_not_null(),
        _ => lit(true),
    };
    // As the KPI does: tickets of a source that cannot support it are not behind it.
    let left_out = Gaps::of(kpi, &frame.labels.sources, query.hours).source_ids();
    let of_tickets = matches!(def.population, Population::Created | Population::Solved);
    let counted = match of_tickets && !left_out.is_empty() {
        true => {
            let ids = Series::new("source_id".into(), left_out);
            counted.and(col("source_id").is_in(lit(ids).implode(false), false).not())
        }
        false => counted,
    };
    let end = lit(periods.end);
    let keyed = Keyed::total(tickets, false);
    let plan = match records_in(def.population, &keyed, frame, periods) {
        Some(records) => records.filter(counted),
        None if def.population == Population::UnsolvedNow => keyed
            .plan
            .filter(col(cols::UNSOLVED_NOW).and(col("created_at").lt(end))),
        None => keyed.plan.filter(
            col("created_at")
                .lt(end.clone())
                .and(col(cols::SOLVED_TIME).lt(end).fill_null(lit(false)).not()),
        ),
    };
    plan.select([col(cols::ROW)])
        .unique(None, UniqueKeepStrategy::Any)
}

/// The rows of `df` whose ticket is in `keys`, in order.
fn matching_only(df: DataFrame, keys: &HashSet<TicketKey>) -> Result<DataFrame, AnalyticsError> {
    let sources = df.column("source_id")?.i64()?;
    let ids = df.column("id")?.i64()?;
    let mask: BooleanChunked = sources
        .iter()
        .zip(ids.iter())
        .map(|key| match key {
            (Some(source), Some(id)) => keys.contains(&(source, id)),
            _ => false,
        })
        .collect();
    Ok(df.filter(&mask)?)
}

fn rows_of(
    page: &DataFrame,
    frame: &Frame,
    store: &Store,
    hours: Hours,
) -> Result<Vec<TicketRow>, AnalyticsError> {
    let i64s = |name: &str| -> Result<Vec<Option<i64>>, AnalyticsError> {
        Ok(page.column(name)?.i64()?.iter().collect())
    };
    let f64s = |name: &str| -> Result<Vec<Option<f64>>, AnalyticsError> {
        Ok(page.column(name)?.f64()?.iter().collect())
    };
    let strs = |name: &str| -> Result<Vec<Option<String>>, AnalyticsError> {
        Ok(page
            .column(name)?
            .str()?
            .iter()
            .map(|s| s.map(str::to_owned))
            .collect())
    };
    let (sources, ids) = (i64s("source_id")?, i64s("id")?);
    let keys: Vec<(i64, i64)> = sources
        .iter()
        .zip(&ids)
        .map(|(s, id)| (s.unwrap_or_default(), id.unwrap_or_default()))
        .collect();
    let mut texts: HashMap<(i64, i64), TicketText> = store
        .ticket_texts(&keys)?
        .into_iter()
        .map(|t| (t.ticket, t))
        .collect();
    let (status, priority, channel) = (strs("status")?, strs("priority")?, strs("channel")?);
    let (group, assignee) = (i64s("group_id")?, i64s("assignee_id")?);
    let (created, solved) = (i64s("created_at")?, i64s("solved_at")?);
    let reply = f64s(&hours.column("reply_time"))?;
    let resolution = f64s(&hours.column("full_resolution_time"))?;
    let (replies, reopens) = (i64s("replies")?, i64s("reopens")?);
    let label = |dim: Dimension, id: Option<i64>| {
        id.map(|id| dim.label(Some(&id.to_string()), &frame.labels))
    };
    Ok(keys
        .iter()
        .enumerate()
        .map(|(i, &(source_id, id))| {
            let text = texts.remove(&(source_id, id));
            let (file_id, subject) = text.map_or((None, None), |t| (t.file_id, t.subject));
            TicketRow {
                source_id,
                id,
                file_id,
                subject,
                status: status[i].clone().unwrap_or_default(),
                priority: priority[i].clone(),
                channel: channel[i].clone(),
                group: label(Dimension::Group, group[i]),
                assignee: label(Dimension::Assignee, assignee[i]),
                created_at: created[i].unwrap_or_default(),
                solved_at: solved[i],
                first_reply_minutes: reply[i],
                full_resolution_minutes: resolution[i],
                replies: replies[i],
                reopens: reopens[i],
                url: frame.ticket_url(source_id, id),
            }
        })
        .collect())
}
