//! `--where dim=value` filters: the same dimension repeated means OR, different
//! dimensions mean AND. Values are matched as typed literals, never spliced into code.

use polars::prelude::*;
use serde::ser::{Serialize, SerializeMap, Serializer};
use ts_rs::TS;

use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::{cols, Frame, CODE};
use crate::analytics::AnalyticsError;

/// Filters in the order given, duplicates removed (the output echoes them so).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters(Vec<(Dimension, Vec<String>)>);

/// Spellings of "no value" in a filter.
fn is_null_key(value: &str) -> bool {
    value == "null" || value == "(none)"
}

impl Filters {
    /// Parses `dim=value` strings.
    pub fn parse<S: AsRef<str>>(specs: &[S]) -> Result<Filters, AnalyticsError> {
        let mut filters = Filters::default();
        for spec in specs {
            let spec = spec.as_ref();
            let (dim, value) = spec
                .split_once('=')
                .ok_or_else(|| AnalyticsError::InvalidFilter(spec.to_owned()))?;
            let dim = Dimension::parse(dim.trim())?;
            filters.add(dim, value.trim())?;
        }
        Ok(filters)
    }

    pub fn add(&mut self, dim: Dimension, value: &str) -> Result<(), AnalyticsError> {
        if dim.is_id() && !is_null_key(value) && value.parse::<i64>().is_err() {
            return Err(AnalyticsError::NotAnId {
                dimension: dim.name().to_owned(),
                value: value.to_owned(),
            });
        }
        let values = match self.0.iter_mut().find(|(d, _)| *d == dim) {
            Some((_, values)) => values,
            None => {
                self.0.push((dim, Vec::new()));
                &mut self.0.last_mut().expect("an entry was just pushed").1
            }
        };
        if !values.iter().any(|v| v == value) {
            values.push(value.to_owned());
        }
        Ok(())
    }

    pub fn entries(&self) -> &[(Dimension, Vec<String>)] {
        &self.0
    }

    /// These filters but `dim`'s: the scope a filter menu for `dim` counts its values in.
    pub fn without(&self, dim: Dimension) -> Filters {
        Filters(self.0.iter().filter(|(d, _)| *d != dim).cloned().collect())
    }

    /// The filters as reports print them: `{"channel": ["email"]}`.
    pub fn echo(&self) -> FilterEcho {
        FilterEcho(self.0.iter().map(|(d, v)| (d.name(), v.clone())).collect())
    }

    /// The predicate over ticket rows, or `None` when nothing is filtered.
    pub fn predicate(&self, frame: &Frame) -> Result<Option<Expr>, AnalyticsError> {
        let mut all = Vec::with_capacity(self.0.len());
        for (dim, values) in &self.0 {
            let any = values
                .iter()
                .map(|v| value_matches(*dim, v, frame))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .reduce(Expr::or)
                .unwrap_or(lit(false));
            all.push(any);
        }
        Ok(all.into_iter().reduce(Expr::and))
    }
}

fn value_matches(dim: Dimension, value: &str, frame: &Frame) -> Result<Expr, AnalyticsError> {
    if dim.is_multi() {
        // A multi-valued dimension matches the tickets carrying the value (or, for
        // `null`, those carrying none), looked up in its own frame.
        let (items, values) = frame.coded_values(dim)?;
        let carrying = match (is_null_key(value), values.code_of(value)) {
            (true, _) => items,
            (false, Some(code)) => items.filter(col(CODE).eq(lit(code))),
            // A value no ticket carries has no code.
            (false, None) => return Ok(lit(false)),
        };
        let rows = carrying.select([col(cols::ROW)]).collect()?;
        let rows = rows.column(cols::ROW)?.as_materialized_series().clone();
        let member = col(cols::ROW).is_in(lit(rows).implode(false), false);
        return Ok(if is_null_key(value) {
            member.not()
        } else {
            member
        });
    }
    if dim == Dimension::Source {
        return source_matches(value, frame);
    }
    let column = col(dim.column());
    if is_null_key(value) {
        return Ok(column.is_null());
    }
    Ok(match value.parse::<i64>() {
        Ok(id) if dim.is_id() => column.eq(lit(id)),
        _ => column.eq(lit(value.to_owned())),
    })
}

/// The tickets of the source named `value`; every ticket has a source, so `null`
/// matches none. A name the workspace does not have is refused with the ones it has.
fn source_matches(value: &str, frame: &Frame) -> Result<Expr, AnalyticsError> {
    let sources = &frame.labels.sources;
    if is_null_key(value) {
        return Ok(lit(false));
    }
    match sources.iter().find(|s| s.name == value) {
        Some(source) => Ok(col(Dimension::Source.column()).eq(lit(source.id))),
        None => Err(AnalyticsError::UnknownSource {
            name: value.to_owned(),
            valid: sources
                .iter()
                .map(|s| format!("{:?}", s.name))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The filters as given: dimension → values, in order, duplicates removed.
#[derive(Debug, Clone, PartialEq, Default, TS)]
#[ts(type = "Record<string, Array<string>>")]
pub struct FilterEcho(pub Vec<(String, Vec<String>)>);

impl Serialize for FilterEcho {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (dim, values) in &self.0 {
            map.serialize_entry(dim, values)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_dimensions_merge_and_duplicates_drop() {
        let f =
            Filters::parse(&["channel=email", "group=5", "channel=web", "channel=email"]).unwrap();
        assert_eq!(
            f.entries(),
            &[
                (
                    Dimension::Channel,
                    vec!["email".to_owned(), "web".to_owned()]
                ),
                (Dimension::Group, vec!["5".to_owned()]),
            ]
        );
    }

    #[test]
    fn without_drops_one_dimension_and_keeps_the_others_in_order() {
        let f = Filters::parse(&["group=5", "channel=email", "priority=high"]).unwrap();
        assert_eq!(
            f.without(Dimension::Channel),
            Filters::parse(&["group=5", "priority=high"]).unwrap()
        );
        assert_eq!(
            f.without(Dimension::Tag),
            f,
            "an unfiltered dimension changes nothing"
        );
    }

    #[test]
    fn bad_filters_say_what_is_expected() {
        assert!(Filters::parse(&["channel"])
            .unwrap_err()
            .to_string()
            .contains("DIM=VALUE"));
        assert!(Filters::parse(&["group=Billing"])
            .unwrap_err()
            .to_string()
            .contains("id"));
        assert!(Filters::parse(&["group=null"]).is_ok());
    }
}
