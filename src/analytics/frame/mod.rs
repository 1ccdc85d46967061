//! The in-memory frame cache: the store's tickets, ratings, SLA instances, tags and
//! custom-field values as polars DataFrames, built once and updated after a sync. Every
//! KPI query is a plan over these frames. Tickets are addressed by `row` (their position
//! in `tickets`), so the related frames join on one small integer.

pub(crate) mod codes;
mod columnar;
pub mod dimension;
pub mod names;
pub mod snapshot;
pub mod sources;
mod update;

use std::collections::HashMap;
use std::sync::Arc;

use polars::prelude::*;

use crate::analytics::AnalyticsError;
use crate::store::records::{NamedKind, SourceKind, TicketStatus};
use crate::store::{SlaInstance, Store, TicketColumns, TicketKey, TicketSelection};

use codes::{CodeCache, Codes, RowItems, ValueCodes};
use columnar::StoredColumns;
use dimension::{Dimension, Labels};
use names::Names;

/// Column names of derived columns.
pub(crate) mod cols {
    /// The ticket's position in `Frame::tickets`.
    pub const ROW: &str = "row";
    /// `solved_at` of tickets whose status is solved or closed, else null: the anchor of
    /// every "solved in range" population.
    pub const SOLVED_TIME: &str = "solved_time";
    /// Status is new, open, pending or hold now.
    pub const UNSOLVED_NOW: &str = "unsolved_now";
    /// Status is solved or closed now.
    pub const SOLVED_NOW: &str = "solved_now";
}

pub struct Frame {
    /// Non-deleted tickets, one row each, ordered by (source_id, id).
    pub tickets: DataFrame,
    /// Ratings of known, non-deleted tickets: row, score, created_at, updated_at.
    pub ratings: DataFrame,
    /// Counted SLA instances (achieved or breached): row, code, time (of the outcome),
    /// achieved; the metric as its code in `sla_metrics`, so that a query reads four bytes
    /// a row instead of a string.
    pub sla: DataFrame,
    /// row, code: one row per tag of a ticket, the tag as its code in `tag_values`.
    pub tags: DataFrame,
    /// row, field_id, code: one row per custom-field value (a list gives one per item),
    /// the value as its code in `field_values`.
    pub fields: DataFrame,
    /// Every tag, each at its code.
    pub(crate) tag_values: ValueCodes,
    /// Every custom-field value, each at its code.
    pub(crate) field_values: ValueCodes,
    /// Every reported SLA metric name, each at its code.
    pub(crate) sla_metrics: ValueCodes,
    pub labels: Labels,
    /// Where a ticket of each source opens in its helpdesk (`…/agent/tickets/`).
    pub ticket_links: HashMap<i64, String>,
    pub(crate) codes: CodeCache,
    /// The columns that are as a snapshot holds them, and in which files.
    pub(crate) stored: StoredColumns,
}

/// The frames of some tickets: their rows and what hangs off them.
struct TicketFrames {
    tickets: DataFrame,
    ratings: DataFrame,
    sla: CodedFrame,
    tags: CodedFrame,
    fields: CodedFrame,
}

/// A frame of coded text (tags, custom-field items, SLA metrics), its values as codes
/// in `values`.
struct CodedFrame {
    frame: DataFrame,
    values: ValueCodes,
}

impl TicketFrames {
    /// The frames of the `selected` tickets, whose columns `c` are (the store's read of
    /// the same selection); ticket `i` of `c` gets the frame row `rows[i]`.
    fn read(
        store: &Store,
        selected: TicketSelection,
        c: TicketColumns,
        rows: &[u32],
    ) -> Result<TicketFrames, AnalyticsError> {
        let keys: Vec<TicketKey> = c
            .source_id
            .iter()
            .copied()
            .zip(c.id.iter().copied())
            .collect();
        let index = RowIndex { keys: &keys, rows };
        Ok(TicketFrames {
            ratings: ratings_frame(store, selected, &index)?,
            sla: sla_frame(&store.sla_instances(selected)?, &index)?,
            tags: tags_frame(store, selected, &index)?,
            fields: fields_frame(store, selected, &index)?,
            tickets: tickets_frame(c, rows)?,
        })
    }
}

impl Frame {
    pub fn build(store: &Store) -> Result<Frame, AnalyticsError> {
        let c = store.ticket_columns(TicketSelection::All)?;
        let rows: Vec<u32> = (0..c.id.len() as u32).collect();
        let frames = TicketFrames::read(store, TicketSelection::All, c, &rows)?;
        Frame::assemble(store, frames)
    }

    /// The frame of `frames` with the labels and links read from `store`.
    fn assemble(store: &Store, frames: TicketFrames) -> Result<Frame, AnalyticsError> {
        let labels = Labels::read(store, &frames.tickets)?;
        Ok(Frame {
            tickets: frames.tickets,
            ratings: frames.ratings,
            sla: frames.sla.frame,
            tags: frames.tags.frame,
            fields: frames.fields.frame,
            tag_values: frames.tags.values,
            field_values: frames.fields.values,
            sla_metrics: frames.sla.values,
            labels,
            ticket_links: ticket_links(store)?,
            codes: CodeCache::default(),
            stored: StoredColumns::default(),
        })
    }

    /// Where a ticket opens in its helpdesk; `None` for sources without one (CSV, demo).
    pub fn ticket_url(&self, source_id: i64, id: i64) -> Option<String> {
        self.ticket_links
            .get(&source_id)
            .map(|base| format!("{base}{id}"))
    }

    /// Whether `url` is a page of one of the workspace's helpdesks (a help-center
    /// article). Only such addresses from synced data are opened in the browser.
    pub fn is_helpdesk_page(&self, url: &str) -> bool {
        is_page_of(url, self.ticket_links.values().map(String::as_str))
    }

    pub fn ticket_count(&self) -> usize {
        self.tickets.height()
    }

    /// The codes of the single-valued `dim` by ticket row; a source's key is its name.
    pub(crate) fn single_codes(&self, dim: Dimension) -> Result<Arc<Codes>, AnalyticsError> {
        self.codes.get(&self.tickets, dim, |key| match (dim, &key) {
            (Dimension::Source, Some(id)) => id
                .parse()
                .ok()
                .and_then(|id| sources::name_of(&self.labels.sources, id))
                .map(str::to_owned)
                .or(key),
            _ => key,
        })
    }

    /// The key of the single-valued `dim` on a ticket row, as an expression.
    pub(crate) fn key_expr(&self, dim: Dimension) -> Expr {
        match dim {
            Dimension::Source => sources::name_expr(&self.labels.sources),
            _ => col(dim.column()),
        }
    }

    /// (row, code) of every value a multi-valued dimension takes, one row per tag or
    /// custom-field item, and the values by code.
    pub(crate) fn coded_values(
        &self,
        dim: Dimension,
    ) -> Result<(LazyFrame, &ValueCodes), AnalyticsError> {
        Ok(match dim {
            Dimension::Field(id) => {
                self.check_field(id)?;
                let items = self.fields.clone().lazy();
                let items = items.filter(col("field_id").eq(lit(id)));
                (
                    items.select([col(cols::ROW), col(CODE)]),
                    &self.field_values,
                )
            }
            _ => (
                self.tags.clone().lazy().select([col(cols::ROW), col(CODE)]),
                &self.tag_values,
            ),
        })
    }

    /// The items of the multi-valued `dim` by ticket row, and the values by code.
    pub(crate) fn row_items(
        &self,
        dim: Dimension,
    ) -> Result<(Arc<RowItems>, &ValueCodes), AnalyticsError> {
        let (items, values) = self.coded_values(dim)?;
        let rows = self.codes.items(dim, || {
            let items = items.collect()?;
            Ok(RowItems::of(
                items.column(cols::ROW)?.u32()?,
                items.column(CODE)?.u32()?,
                self.tickets.height(),
            ))
        })?;
        Ok((rows, values))
    }

    /// Refuses a custom field the workspace does not know, listing the ones it does.
    pub(crate) fn check_field(&self, id: i64) -> Result<(), AnalyticsError> {
        let ids = self.field_ids();
        if ids.contains(&id) {
            return Ok(());
        }
        let valid = ids
            .iter()
            .map(|id| match self.labels.fields.get(id) {
                Some(f) => format!("field:{id} ({})", f.title),
                None => format!("field:{id}"),
            })
            .collect::<Vec<_>>();
        Err(AnalyticsError::UnknownField {
            id,
            valid: if valid.is_empty() {
                "none (this workspace has no custom fields)".to_owned()
            } else {
                valid.join(", ")
            },
        })
    }

    /// Custom-field ids known to the workspace (defined, or carrying values).
    pub fn field_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.labels.fields.keys().copied().collect();
        if let Ok(values) = self
            .fields
            .column("field_id")
            .and_then(|c| c.i64().cloned())
        {
            ids.extend(values.iter().flatten());
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// One row per ticket of `c`, numbered `rows`, with the derived columns.
fn tickets_frame(c: TicketColumns, rows: &[u32]) -> Result<DataFrame, AnalyticsError> {
    let statuses: Vec<Option<TicketStatus>> =
        c.status.iter().map(|s| TicketStatus::parse(s)).collect();
    let solved = |st: &Option<TicketStatus>| st.is_some_and(TicketStatus::is_solved);
    let solved_time: Vec<Option<i64>> = statuses
        .iter()
        .zip(&c.solved_at)
        .map(|(st, at)| at.filter(|_| solved(st)))
        .collect();
    let solved_now: Vec<bool> = statuses.iter().map(solved).collect();
    let unsolved_now: Vec<bool> = statuses
        .iter()
        .map(|st| st.is_some_and(|s| !s.is_solved() && s != TicketStatus::Deleted))
        .collect();
    let mut columns = vec![
        Column::new(cols::ROW.into(), rows),
        Column::new("source_id".into(), c.source_id),
        Column::new("id".into(), c.id),
        Column::new("status".into(), c.status),
        Column::new("priority".into(), c.priority),
        Column::new("type".into(), c.ticket_type),
        Column::new("channel".into(), c.channel),
        Column::new("requester_id".into(), c.requester_id),
        Column::new("assignee_id".into(), c.assignee_id),
        Column::new("group_id".into(), c.group_id),
        Column::new("organization_id".into(), c.organization_id),
        Column::new("brand_id".into(), c.brand_id),
        Column::new("created_at".into(), c.created_at),
        Column::new("solved_at".into(), c.solved_at),
        Column::new(cols::SOLVED_TIME.into(), solved_time),
        Column::new(cols::SOLVED_NOW.into(), solved_now),
        Column::new(cols::UNSOLVED_NOW.into(), unsolved_now),
        Column::new("replies".into(), c.replies),
        Column::new("reopens".into(), c.reopens),
    ];
    for (name, values) in c.minutes {
        columns.push(Column::new(name.into(), values));
    }
    Ok(DataFrame::new_infer_height(columns)?)
}

impl Labels {
    fn read(store: &Store, tickets: &DataFrame) -> Result<Labels, AnalyticsError> {
        Ok(Labels {
            sources: sources::read(store, tickets)?,
            groups: store.names(NamedKind::Group)?,
            users: Names::loaded(store.user_names()?),
            brands: store.names(NamedKind::Brand)?,
            organizations: Names::loaded(store.names(NamedKind::Organization)?),
            fields: store
                .field_definitions()?
                .into_iter()
                .map(|f| (f.id, f))
                .collect(),
        })
    }
}

/// Where tickets of each Zendesk source open: `…/agent/tickets/`.
fn ticket_links(store: &Store) -> Result<HashMap<i64, String>, AnalyticsError> {
    Ok(store
        .sources()?
        .into_iter()
        .filter(|s| s.kind == SourceKind::Zendesk)
        .filter_map(|s| {
            let base = s.base_url?;
            Some((
                s.id,
                format!("{}/agent/tickets/", base.trim_end_matches('/')),
            ))
        })
        .collect())
}

/// Finds a ticket's frame row by (source_id, id): `keys` are sorted by that pair and
/// `rows` are their rows.
struct RowIndex<'a> {
    keys: &'a [TicketKey],
    rows: &'a [u32],
}

impl RowIndex<'_> {
    fn get(&self, key: TicketKey) -> Option<u32> {
        self.keys
            .binary_search(&key)
            .ok()
            .and_then(|i| self.rows.get(i).copied())
    }
}

/// Ratings whose ticket is known and not deleted (contract rule 7).
fn ratings_frame(
    store: &Store,
    selected: TicketSelection,
    rows: &RowIndex,
) -> Result<DataFrame, AnalyticsError> {
    let r = store.rating_columns(selected)?;
    let (mut row, mut score, mut created, mut updated) = (vec![], vec![], vec![], vec![]);
    for i in 0..r.ticket_id.len() {
        if let Some(at) = rows.get((r.source_id[i], r.ticket_id[i])) {
            row.push(at);
            score.push(r.score[i].as_str());
            created.push(r.created_at[i]);
            updated.push(r.updated_at[i]);
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(cols::ROW.into(), row),
        Column::new("score".into(), score),
        Column::new("created_at".into(), created),
        Column::new("updated_at".into(), updated),
    ])?)
}

/// Counted SLA instances: breached at their first breach, else achieved at their first
/// fulfilment; instances with neither are still active and left out.
fn sla_frame(instances: &[SlaInstance], rows: &RowIndex) -> Result<CodedFrame, AnalyticsError> {
    let (mut row, mut time, mut achieved) = (vec![], vec![], vec![]);
    let mut metric = ValueCodes::coder();
    for instance in instances {
        let Some(at) = rows.get(instance.ticket) else {
            continue;
        };
        let outcome = match (instance.first_breach, instance.first_fulfill) {
            (Some(breach), _) => (breach, false),
            (None, Some(fulfill)) => (fulfill, true),
            (None, None) => continue,
        };
        row.push(at);
        metric.push(reported_metric(&instance.metric, instance.instance_id));
        time.push(outcome.0);
        achieved.push(outcome.1);
    }
    let (code, values) = metric.finish();
    let frame = DataFrame::new_infer_height(vec![
        Column::new(cols::ROW.into(), row),
        Column::new(CODE.into(), code),
        Column::new("time".into(), time),
        Column::new("achieved".into(), achieved),
    ])?;
    Ok(CodedFrame { frame, values })
}

/// Zendesk's metric name as the contract reports it: reply time's first instance is the
/// first reply, later ones are next replies.
fn reported_metric(metric: &str, instance_id: i64) -> &str {
    match (metric, instance_id) {
        ("reply_time", 1) => "first_reply_time",
        ("reply_time", _) => "next_reply_time",
        (other, _) => other,
    }
}

/// The column of a multi-valued dimension's frame holding each value's code.
pub(crate) const CODE: &str = "code";

/// (row, code): one row per tag of a known ticket, and the tags by code.
fn tags_frame(
    store: &Store,
    selected: TicketSelection,
    rows: &RowIndex,
) -> Result<CodedFrame, AnalyticsError> {
    let mut row = Vec::new();
    let mut coder = ValueCodes::coder();
    store.each_ticket_tag(selected, |ticket, tag| {
        if let Some(at) = rows.get(ticket) {
            row.push(at);
            coder.push(tag);
        }
    })?;
    let (code, values) = coder.finish();
    let frame = DataFrame::new_infer_height(vec![
        Column::new(cols::ROW.into(), row),
        Column::new(CODE.into(), code),
    ])?;
    Ok(CodedFrame { frame, values })
}

/// (row, field_id, code): one row per custom-field value of a known ticket; a list value
/// gives one row per item; null, `""` and `[]` give none (contract rule 10).
fn fields_frame(
    store: &Store,
    selected: TicketSelection,
    rows: &RowIndex,
) -> Result<CodedFrame, AnalyticsError> {
    let (mut row, mut field) = (Vec::new(), Vec::new());
    let mut coder = ValueCodes::coder();
    store.each_field_value(selected, |ticket, field_id, json| {
        if let Some(at) = rows.get(ticket) {
            for key in field_keys(json) {
                row.push(at);
                field.push(field_id);
                coder.push(&key);
            }
        }
    })?;
    let (code, values) = coder.finish();
    let frame = DataFrame::new_infer_height(vec![
        Column::new(cols::ROW.into(), row),
        Column::new("field_id".into(), field),
        Column::new(CODE.into(), code),
    ])?;
    Ok(CodedFrame { frame, values })
}

/// The keys of one custom-field value (rule 10).
pub(crate) fn field_keys(json: &str) -> Vec<String> {
    use serde_json::Value;
    fn key(v: &Value) -> Option<String> {
        match v {
            Value::Null => None,
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Array(items)) => items.iter().filter_map(key).collect(),
        Ok(v) => key(&v).into_iter().collect(),
        // Not JSON (a CSV import may store plain text): the text is the key.
        Err(_) if !json.is_empty() => vec![json.to_owned()],
        Err(_) => Vec::new(),
    }
}

/// Whether `url` has the scheme, host and port of one of `bases`, and no user name.
fn is_page_of<'a>(url: &str, mut bases: impl Iterator<Item = &'a str>) -> bool {
    let Ok(page) = url::Url::parse(url) else {
        return false;
    };
    let anonymous = page.username().is_empty() && page.password().is_none();
    anonymous
        && bases.any(|base| {
            url::Url::parse(base).is_ok_and(|base| {
                base.scheme() == page.scheme()
                    && base.host_str() == page.host_str()
                    && base.port_or_known_default() == page.port_or_known_default()
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_on_a_helpdesk_s_own_host_open() {
        let bases = [
            "https://acme.zendesk.com/agent/tickets/",
            "http://127.0.0.1:8080/agent/tickets/",
        ];
        let opens = |url: &str| is_page_of(url, bases.into_iter());
        assert!(opens("https://acme.zendesk.com/hc/en-us/articles/42"));
        assert!(opens("https://ACME.zendesk.com:443/hc/ko/articles/7"));
        assert!(opens("http://127.0.0.1:8080/hc/articles/1"));
        assert!(
            !opens("http://acme.zendesk.com/hc/en-us/articles/42"),
            "not https"
        );
        assert!(
            !opens("https://acme.zendesk.com.evil.example/hc"),
            "another host"
        );
        assert!(!opens("https://user:pw@acme.zendesk.com/hc"), "credentials");
        assert!(!opens("http://127.0.0.1:9999/hc"), "another port");
        assert!(!opens("javascript:alert(1)"));
        assert!(!opens("file:///etc/passwd"));
        assert!(!opens("not a url"));
        assert!(!is_page_of(
            "https://acme.zendesk.com/hc",
            std::iter::empty()
        ));
    }

    #[test]
    fn field_values_become_keys_as_the_contract_says() {
        assert_eq!(field_keys("\"vip\""), ["vip"]);
        assert_eq!(field_keys("true"), ["true"]);
        assert_eq!(field_keys("12.5"), ["12.5"]);
        assert_eq!(field_keys("[\"a\",\"b\"]"), ["a", "b"]);
        assert!(field_keys("null").is_empty());
        assert!(field_keys("\"\"").is_empty());
        assert!(field_keys("[]").is_empty());
    }

    #[test]
    fn reply_time_instances_are_first_then_next_replies() {
        assert_eq!(reported_metric("reply_time", 1), "first_reply_time");
        assert_eq!(reported_metric("reply_time", 2), "next_reply_time");
        assert_eq!(reported_metric("agent_work_time", 1), "agent_work_time");
    }
}
