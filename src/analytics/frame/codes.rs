//! Dense codes of the single-valued dimensions: every ticket row's group key as a small
//! index, worked out once per dimension and frame. A grouped query then finds a row's
//! group with one array lookup instead of hashing its value on every row of every
//! population it tallies.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use polars::prelude::*;

use crate::analytics::AnalyticsError;

use super::dimension::Dimension;

/// A group key: a dimension value as text, `None` for tickets without one.
pub(crate) type Key = Option<String>;

/// The distinct keys of one dimension and the code (index into `keys`) of every ticket.
pub(crate) struct Codes {
    pub keys: Vec<Key>,
    /// By ticket row.
    pub of_row: Vec<u32>,
}

/// Codes by dimension, filled on first use; frames are immutable, so they never go stale.
#[derive(Default)]
pub(crate) struct CodeCache(Mutex<HashMap<Dimension, Arc<Codes>>>);

impl CodeCache {
    pub fn get(&self, tickets: &DataFrame, dim: Dimension) -> Result<Arc<Codes>, AnalyticsError> {
        // A poisoned cache only held finished entries; keep using it.
        let mut cache = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(codes) = cache.get(&dim) {
            return Ok(codes.clone());
        }
        let codes = Arc::new(codes_of(tickets.column(dim.column())?)?);
        cache.insert(dim, codes.clone());
        Ok(codes)
    }
}

fn codes_of(column: &Column) -> Result<Codes, AnalyticsError> {
    let mut keys = Vec::new();
    let of_row = match column.dtype() {
        DataType::Int64 => {
            let mut index: PlHashMap<Option<i64>, u32> = PlHashMap::default();
            column
                .i64()?
                .iter()
                .map(|v| {
                    *index.entry(v).or_insert_with(|| {
                        keys.push(v.map(|v| v.to_string()));
                        keys.len() as u32 - 1
                    })
                })
                .collect()
        }
        _ => {
            let strings = column.cast(&DataType::String)?;
            let mut index: PlHashMap<Option<&str>, u32> = PlHashMap::default();
            strings
                .str()?
                .iter()
                .map(|v| {
                    *index.entry(v).or_insert_with(|| {
                        keys.push(v.map(str::to_owned));
                        keys.len() as u32 - 1
                    })
                })
                .collect()
        }
    };
    Ok(Codes { keys, of_row })
}
