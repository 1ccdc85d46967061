//! What a query can be grouped and filtered by: the workspace's dimensions and the values
//! each takes, keyed exactly as `dim=value` filters and `--by` groups key them, so a
//! picker built from them always produces a valid query.

use std::cmp::Ordering;

use polars::prelude::*;
use serde::Serialize;
use ts_rs::TS;

use crate::analytics::engine::keyed::Keys;
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::{cols, Frame};
use crate::analytics::query::{keyed_by, KpiQuery};
use crate::analytics::AnalyticsError;

/// A dimension to group or filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DimensionOption {
    /// As `--by` takes it: `channel`, `group`, `tag`, `field:<id>`.
    pub name: String,
    /// A custom field's title; `None` for built-in dimensions, which the UI names itself
    /// (in the reader's language).
    pub label: Option<String>,
}

/// One value of a dimension, with its tickets over the whole workspace or a report's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DimensionValue {
    /// What a `dim=value` filter takes: an id as a string for id dimensions, else the
    /// value itself; `None` for "no value" (`dim=null`).
    pub key: Option<String>,
    /// As the groups of a `KpiReport` label it.
    pub label: String,
    /// Tickets carrying the value (a ticket with two tags counts under each), all of
    /// them or those of a report's scope.
    #[ts(type = "number")]
    pub tickets: u64,
}

/// The built-in dimensions in their usual order, then the custom fields by title.
pub fn dimensions(frame: &Frame) -> Vec<DimensionOption> {
    let mut fields: Vec<(String, i64)> = frame
        .field_ids()
        .into_iter()
        .map(|id| {
            let title = frame.labels.fields.get(&id).map(|f| f.title.clone());
            // A field with values but no definition still needs a visible name.
            (title.unwrap_or_else(|| Dimension::Field(id).name()), id)
        })
        .collect();
    fields.sort_by(|(a, a_id), (b, b_id)| {
        (a.to_lowercase(), a, a_id).cmp(&(b.to_lowercase(), b, b_id))
    });
    let built_in = Dimension::ALL.into_iter().map(|dim| DimensionOption {
        name: dim.name(),
        label: None,
    });
    built_in
        .chain(fields.into_iter().map(|(title, id)| DimensionOption {
            name: Dimension::Field(id).name(),
            label: Some(title),
        }))
        .collect()
}

const CREATED_AT: &str = "created_at";
/// The column that says whether a row's ticket is counted.
const COUNTED: &str = "counted";

/// Every value `dim` takes on the frame's tickets, "no value" included when some ticket
/// has none; most tickets first, then by label. Uses the keying of `--by`, so keys and
/// labels are the ones a grouped report shows.
pub fn dimension_values(
    frame: &Frame,
    dim: Dimension,
) -> Result<Vec<DimensionValue>, AnalyticsError> {
    count_values(frame, dim, frame.tickets.clone().lazy(), None)
}

/// The values `dim` takes on the tickets that pass the query's other filters (its own
/// filter left aside, so the menu still offers the values not chosen), each counting the
/// tickets created in the query's range: the numbers a filter menu beside that report
/// shows. A value seen only outside the range is kept, with 0, so a chosen one stays.
pub fn dimension_values_in(
    frame: &Frame,
    dim: Dimension,
    query: &KpiQuery,
) -> Result<Vec<DimensionValue>, AnalyticsError> {
    let mut tickets = frame.tickets.clone().lazy();
    if let Some(predicate) = query.filters.without(dim).predicate(frame)? {
        tickets = tickets.filter(predicate);
    }
    let created = col(CREATED_AT)
        .gt_eq(lit(query.range.start()))
        .and(col(CREATED_AT).lt(lit(query.range.end())));
    count_values(frame, dim, tickets, Some(created))
}

/// The values of `dim` on `tickets`, each with its tickets (those `counted` selects, or
/// all), in the order `dimension_values` documents.
fn count_values(
    frame: &Frame,
    dim: Dimension,
    tickets: LazyFrame,
    counted: Option<Expr>,
) -> Result<Vec<DimensionValue>, AnalyticsError> {
    let keyed = keyed_by(frame, tickets, dim)?;
    let mut keys = keyed
        .codes
        .as_deref()
        .map(Keys::of_codes)
        .unwrap_or_default();
    let counted = counted.unwrap_or(lit(true)).alias(COUNTED);
    let rows = keyed
        .plan
        .clone()
        .select([col(cols::ROW), counted])
        .collect()?;
    let (rows, index) = keys.expand(rows, &keyed)?;
    // Per key: `None` when no ticket carries it, else its counted tickets. Distinct rows:
    // a list field repeating an item still counts its ticket once; a ticket's keys come
    // one after another.
    let mut tickets: Vec<Option<u64>> = vec![None; keys.list.len()];
    let mut last: (Option<u32>, Vec<u32>) = (None, Vec::new());
    let counts = rows.column(COUNTED)?.bool()?;
    let rows = rows.column(cols::ROW)?.u32()?;
    for ((row, counts), key) in rows.iter().zip(counts.iter()).zip(index) {
        if last.0 != row {
            last = (row, Vec::new());
        }
        let n = tickets[key as usize].get_or_insert(0);
        if counts == Some(true) && !last.1.contains(&key) {
            last.1.push(key);
            *n += 1;
        }
    }
    let mut values: Vec<DimensionValue> = tickets
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((i, (*n)?)))
        .map(|(i, n)| {
            let key = keys.list[i].clone();
            DimensionValue {
                label: dim.label(key.as_deref(), &frame.labels),
                key,
                tickets: n,
            }
        })
        .collect();
    values.sort_by(|a, b| {
        b.tickets
            .cmp(&a.tickets)
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| no_value_last(&a.key, &b.key))
    });
    Ok(values)
}

fn no_value_last(a: &Option<String>, b: &Option<String>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (a, b) => a.is_none().cmp(&b.is_none()),
    }
}
