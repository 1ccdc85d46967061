//! The workspace's sources as the frame knows them: the name that keys the `source`
//! dimension, the kind, and for file imports the duration columns no imported ticket
//! carries (an export without a first-reply column), so the engine can say why a KPI of
//! such a source is null instead of printing an unexplained `n: 0`.

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analytics::AnalyticsError;
use crate::store::records::SourceKind;
use crate::store::Store;

/// The duration columns an import may or may not carry, by metric base name: the ones
/// an import fills from a mapped column (first reply, solve time).
pub const IMPORTED_DURATIONS: [&str; 2] = ["reply_time", "full_resolution_time"];

/// One source of the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub id: i64,
    /// Unique in a workspace: the key of the `source` dimension.
    pub name: String,
    pub kind: SourceKind,
    /// For file imports, the metrics of `IMPORTED_DURATIONS` that none of its tickets
    /// has a value for: the files never had the column.
    pub without: Vec<String>,
}

/// The workspace's sources in id order, with what each import lacks, read from `store`
/// and the `tickets` frame.
pub fn read(store: &Store, tickets: &DataFrame) -> Result<Vec<SourceInfo>, AnalyticsError> {
    let mut out = Vec::new();
    for source in store.sources()? {
        let without = match source.kind {
            SourceKind::Csv => missing_durations(tickets, source.id)?,
            _ => Vec::new(),
        };
        out.push(SourceInfo {
            id: source.id,
            name: source.name,
            kind: source.kind,
            without,
        });
    }
    Ok(out)
}

/// The metrics of `IMPORTED_DURATIONS` with no calendar value on any ticket of `source`.
fn missing_durations(tickets: &DataFrame, source: i64) -> Result<Vec<String>, AnalyticsError> {
    let counts = tickets
        .clone()
        .lazy()
        .filter(col("source_id").eq(lit(source)))
        .select(
            IMPORTED_DURATIONS
                .iter()
                .map(|m| col(format!("{m}_calendar")).count().alias(*m))
                .collect::<Vec<_>>(),
        )
        .collect()?;
    let mut without = Vec::new();
    for metric in IMPORTED_DURATIONS {
        let carried = counts.column(metric)?.u32()?.get(0).unwrap_or(0);
        if carried == 0 {
            without.push(metric.to_owned());
        }
    }
    Ok(without)
}

/// The name of the source with id `id`, if the workspace has it.
pub fn name_of(sources: &[SourceInfo], id: i64) -> Option<&str> {
    sources.iter().find(|s| s.id == id).map(|s| s.name.as_str())
}

/// Each source's id as a key of the `source` dimension: its name. `source_id` is never
/// null, and a ticket always has its source; an unknown id keeps the id as its key.
pub fn name_expr(sources: &[SourceInfo]) -> Expr {
    let id = || col("source_id");
    sources
        .iter()
        .rev()
        .fold(id().cast(DataType::String), |otherwise, s| {
            when(id().eq(lit(s.id)))
                .then(lit(s.name.clone()))
                .otherwise(otherwise)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(id: i64, name: &str) -> SourceInfo {
        SourceInfo {
            id,
            name: name.to_owned(),
            kind: SourceKind::Zendesk,
            without: Vec::new(),
        }
    }

    #[test]
    fn source_ids_become_their_names() {
        let sources = [info(1, "Support"), info(4, "Helpdesk EU")];
        let df = df!("source_id" => [4i64, 1, 9]).unwrap();
        let named = df
            .lazy()
            .select([name_expr(&sources).alias("name")])
            .collect()
            .unwrap();
        let names: Vec<Option<&str>> = named
            .column("name")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(
            names,
            [Some("Helpdesk EU"), Some("Support"), Some("9")],
            "an id the workspace does not know keeps the id"
        );
        assert_eq!(name_of(&sources, 4), Some("Helpdesk EU"));
        assert_eq!(name_of(&sources, 2), None);
    }

    #[test]
    fn an_import_lacks_the_durations_none_of_its_tickets_carry() {
        let tickets = df!(
            "source_id" => [1i64, 2, 2],
            "reply_time_calendar" => [Some(5.0), None, None],
            "full_resolution_time_calendar" => [None, Some(60.0), None],
        )
        .unwrap();
        assert_eq!(missing_durations(&tickets, 2).unwrap(), ["reply_time"]);
        assert_eq!(
            missing_durations(&tickets, 1).unwrap(),
            ["full_resolution_time"]
        );
        assert_eq!(
            missing_durations(&tickets, 3).unwrap(),
            IMPORTED_DURATIONS,
            "a source without tickets carries nothing"
        );
    }
}
