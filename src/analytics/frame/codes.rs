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

/// The items of a multi-valued dimension (tags, or one custom field's values) by ticket
/// row: row `r` carries `codes[offsets[r]..offsets[r + 1]]`. A grouped query finds a
/// row's groups by slicing here instead of joining the tickets with the items.
pub(crate) struct RowItems {
    /// Item positions fit in `u32`: a frame's tables have at most `IdxSize` rows.
    offsets: Vec<u32>,
    codes: Vec<u32>,
}

impl RowItems {
    /// The items `(rows[i], codes[i])` of a frame of `tickets` rows, in their order within
    /// each row. Items with a null and items of rows past the frame are left out (a
    /// checked frame has none).
    pub fn of(rows: &UInt32Chunked, codes: &UInt32Chunked, tickets: usize) -> RowItems {
        let (rows, codes) = without_nulls(rows, codes);
        // Both are one null-free chunk now; the fallbacks are never taken.
        let rows = rows.cont_slice().unwrap_or_default();
        let codes = codes.cont_slice().unwrap_or_default();
        // Plain slices, not polars' optional values: this runs over every tag of a
        // million tickets in each process that groups by tag.
        let mut offsets = vec![0u32; tickets + 1];
        let mut in_order = true;
        let mut last = 0;
        for &row in rows {
            match offsets.get_mut(row as usize + 1) {
                Some(count) => *count += 1,
                None => in_order = false,
            }
            in_order &= last <= row;
            last = row;
        }
        for r in 0..tickets {
            offsets[r + 1] += offsets[r];
        }
        // The frames keep their items in row order, so the codes are already in place;
        // otherwise a counting sort places them.
        let placed = if in_order {
            codes.to_vec()
        } else {
            let mut next = offsets.clone();
            let mut placed = vec![0u32; offsets[tickets] as usize];
            for (&row, &code) in rows.iter().zip(codes) {
                if let Some(at) = next
                    .get_mut(row as usize)
                    .filter(|_| (row as usize) < tickets)
                {
                    placed[*at as usize] = code;
                    *at += 1;
                }
            }
            placed
        };
        RowItems {
            offsets,
            codes: placed,
        }
    }

    /// The ticket rows it covers.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Which codes below `values` some row carries (a code at or past it counts as
    /// "no value", at index `values`), and whether some row carries none: the keys of
    /// the whole frame, found from the codes alone.
    pub fn carried(&self, values: usize) -> Vec<bool> {
        let mut seen = vec![false; values + 1];
        for &code in &self.codes {
            seen[(code as usize).min(values)] = true;
        }
        seen[values] |= self.offsets.windows(2).any(|w| w[0] == w[1]);
        seen
    }

    /// The codes `row` carries; none for a row past the frame.
    pub fn of_row(&self, row: u32) -> &[u32] {
        let row = row as usize;
        match (self.offsets.get(row), self.offsets.get(row + 1)) {
            (Some(&start), Some(&end)) => &self.codes[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// `rows` and `codes` as single chunks, without the pairs where either is null.
fn without_nulls(rows: &UInt32Chunked, codes: &UInt32Chunked) -> (UInt32Chunked, UInt32Chunked) {
    if rows.null_count() == 0 && codes.null_count() == 0 {
        return (rows.rechunk().into_owned(), codes.rechunk().into_owned());
    }
    let both = rows.is_not_null() & codes.is_not_null();
    let kept = |ca: &UInt32Chunked| ca.filter(&both).map(|ca| ca.rechunk().into_owned());
    match (kept(rows), kept(codes)) {
        (Ok(rows), Ok(codes)) => (rows, codes),
        // Filtering two columns of one length by a mask of that length cannot fail.
        _ => (UInt32Chunked::default(), UInt32Chunked::default()),
    }
}

/// Codes and row items by dimension, filled on first use; frames are immutable, so they
/// never go stale.
#[derive(Default)]
pub(crate) struct CodeCache {
    single: Mutex<HashMap<Dimension, Arc<Codes>>>,
    multi: Mutex<HashMap<Dimension, Arc<RowItems>>>,
}

impl CodeCache {
    /// The codes of the single-valued `dim`, each key of its column passed through
    /// `key` (a source's id becomes its name) on first use.
    pub fn get(
        &self,
        tickets: &DataFrame,
        dim: Dimension,
        key: impl Fn(Key) -> Key,
    ) -> Result<Arc<Codes>, AnalyticsError> {
        cached(&self.single, dim, || {
            let mut codes = codes_of(tickets.column(dim.column())?)?;
            codes.keys = codes.keys.into_iter().map(key).collect();
            Ok(codes)
        })
    }

    /// The row items of the multi-valued `dim`, made by `make` on first use.
    pub fn items(
        &self,
        dim: Dimension,
        make: impl FnOnce() -> Result<RowItems, AnalyticsError>,
    ) -> Result<Arc<RowItems>, AnalyticsError> {
        cached(&self.multi, dim, make)
    }
}

fn cached<T>(
    cache: &Mutex<HashMap<Dimension, Arc<T>>>,
    dim: Dimension,
    make: impl FnOnce() -> Result<T, AnalyticsError>,
) -> Result<Arc<T>, AnalyticsError> {
    // A poisoned cache only held finished entries; keep using it.
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = cache.get(&dim) {
        return Ok(found.clone());
    }
    let made = Arc::new(make()?);
    cache.insert(dim, made.clone());
    Ok(made)
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

/// The distinct values of a coded text column (tags, custom-field items, SLA metrics),
/// sorted, each at its code: the frames hold codes, so grouping by a tag is grouping by an
/// integer.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct ValueCodes(Vec<String>);

impl ValueCodes {
    pub fn new(sorted: Vec<String>) -> ValueCodes {
        ValueCodes(sorted)
    }

    pub fn coder() -> ValueCoder {
        ValueCoder::default()
    }

    pub fn values(&self) -> &[String] {
        &self.0
    }

    pub fn value(&self, code: u32) -> Option<&str> {
        self.0.get(code as usize).map(String::as_str)
    }

    pub fn code_of(&self, value: &str) -> Option<u32> {
        self.0
            .binary_search_by(|v| v.as_str().cmp(value))
            .ok()
            .map(|i| i as u32)
    }

    /// The values of `self` and `other` in one sorted list, and where the codes of each
    /// land in it.
    pub fn union(&self, other: &ValueCodes) -> (ValueCodes, Vec<u32>, Vec<u32>) {
        let (a, b) = (&self.0, &other.0);
        let mut all = Vec::with_capacity(a.len().max(b.len()));
        let (mut a_map, mut b_map) = (Vec::with_capacity(a.len()), Vec::with_capacity(b.len()));
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let code = all.len() as u32;
            let from_a = j == b.len() || (i < a.len() && a[i] <= b[j]);
            let from_b = i == a.len() || (j < b.len() && b[j] <= a[i]);
            if from_a {
                a_map.push(code);
                all.push(a[i].clone());
                i += 1;
            }
            if from_b {
                b_map.push(code);
                if !from_a {
                    all.push(b[j].clone());
                }
                j += 1;
            }
        }
        (ValueCodes(all), a_map, b_map)
    }

    /// Only the values that `used` codes name, and the new code of each old one.
    pub fn compacted(&self, used: impl Iterator<Item = u32>) -> (ValueCodes, Vec<u32>) {
        let mut in_use = vec![false; self.0.len()];
        for code in used {
            if let Some(flag) = in_use.get_mut(code as usize) {
                *flag = true;
            }
        }
        let mut kept = Vec::new();
        let renumber = self
            .0
            .iter()
            .zip(&in_use)
            .map(|(value, used)| {
                let code = kept.len() as u32;
                if *used {
                    kept.push(value.clone());
                }
                code
            })
            .collect();
        (ValueCodes(kept), renumber)
    }

    /// Whether codes are in range and the values sorted and distinct, as a frame needs
    /// them (a snapshot's are checked before use).
    pub fn is_valid_for(&self, codes: &UInt32Chunked) -> bool {
        let sorted = self.0.windows(2).all(|w| w[0] < w[1]);
        sorted && codes.max().is_none_or(|max| (max as usize) < self.0.len())
    }
}

/// Gives each value its code while a frame is built: codes in order of first sight,
/// renumbered in value order at the end, so the same values always get the same codes.
#[derive(Default)]
pub(crate) struct ValueCoder {
    index: PlHashMap<String, u32>,
    codes: Vec<u32>,
}

impl ValueCoder {
    pub fn push(&mut self, value: &str) {
        let next = self.index.len() as u32;
        let code = match self.index.get(value) {
            Some(&code) => code,
            None => {
                self.index.insert(value.to_owned(), next);
                next
            }
        };
        self.codes.push(code);
    }

    /// Each pushed value's code, and the values by code.
    pub fn finish(self) -> (Vec<u32>, ValueCodes) {
        let mut seen: Vec<(String, u32)> = self.index.into_iter().collect();
        seen.sort_unstable();
        let mut renumber = vec![0u32; seen.len()];
        for (sorted, (_, first_seen)) in seen.iter().enumerate() {
            renumber[*first_seen as usize] = sorted as u32;
        }
        let codes = self.codes.iter().map(|c| renumber[*c as usize]).collect();
        (
            codes,
            ValueCodes(seen.into_iter().map(|(v, _)| v).collect()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_get_codes_in_sorted_order_whatever_order_they_come_in() {
        let mut coder = ValueCodes::coder();
        for tag in ["vip", "billing", "vip", "api"] {
            coder.push(tag);
        }
        let (codes, values) = coder.finish();
        assert_eq!(values.values(), ["api", "billing", "vip"]);
        assert_eq!(codes, [2, 1, 2, 0]);
        assert_eq!(values.code_of("billing"), Some(1));
        assert_eq!(values.code_of("refund"), None);
        assert_eq!(values.value(2), Some("vip"));
        assert!(values.is_valid_for(&UInt32Chunked::from_slice("c".into(), &codes)));
        assert!(!values.is_valid_for(&UInt32Chunked::from_slice("c".into(), &[3])));
    }

    #[test]
    fn row_items_group_each_rows_codes_in_their_order_whatever_the_row_order() {
        let rows = UInt32Chunked::from_slice_options(
            "row".into(),
            &[Some(2), Some(0), Some(2), Some(9), Some(0), None, Some(1)],
        );
        let codes = UInt32Chunked::from_slice_options(
            "code".into(),
            &[Some(5), Some(1), Some(3), Some(7), Some(1), Some(4), None],
        );
        let items = RowItems::of(&rows, &codes, 3);
        assert_eq!(items.of_row(0), [1, 1]);
        assert_eq!(items.of_row(1), [] as [u32; 0], "a null code is no item");
        assert_eq!(items.of_row(2), [5, 3]);
        assert_eq!(items.of_row(3), [] as [u32; 0], "past the frame");

        let rows = UInt32Chunked::from_slice("row".into(), &[0, 0, 2]);
        let codes = UInt32Chunked::from_slice("code".into(), &[4, 2, 6]);
        let items = RowItems::of(&rows, &codes, 3);
        assert_eq!(
            (items.of_row(0), items.of_row(2)),
            (&[4, 2][..], &[6][..]),
            "in order"
        );
        assert_eq!(
            items.carried(5),
            [false, false, true, false, true, true],
            "codes 2 and 4, code 6 past the values as no value"
        );
        let all_carry = RowItems::of(&rows, &codes, 1);
        assert!(!all_carry.carried(7)[7], "no row without items");
        assert!(items.carried(7)[7], "row 1 carries none");
    }

    #[test]
    fn a_union_keeps_values_sorted_and_compaction_drops_unused_ones() {
        let old = ValueCodes::new(vec!["api".into(), "billing".into(), "vip".into()]);
        let fresh = ValueCodes::new(vec!["billing".into(), "refund".into()]);
        let (all, old_map, fresh_map) = old.union(&fresh);
        assert_eq!(all.values(), ["api", "billing", "refund", "vip"]);
        assert_eq!(old_map, [0, 1, 3]);
        assert_eq!(fresh_map, [1, 2]);
        let (kept, renumber) = all.compacted([3, 1, 3].into_iter());
        assert_eq!(kept.values(), ["billing", "vip"]);
        assert_eq!((renumber[1], renumber[3]), (0, 1));
    }
}
