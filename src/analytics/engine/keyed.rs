//! How a row of a population finds its group: the codes of a single-valued dimension,
//! the items a ticket carries of a multi-valued one, or a `KEY` column; and the group
//! keys met, each with a small index.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use polars::prelude::*;

use crate::analytics::frame::codes::{Codes, Key, RowItems, ValueCodes};
use crate::analytics::frame::cols;
use crate::analytics::AnalyticsError;

/// The group key column of a keyed plan (absent for the ungrouped total).
pub(crate) const KEY: &str = "key";

/// The filtered tickets of a query; with `--by`, a `KEY` column (one row per value of a
/// multi-valued dimension, null for "no value").
pub(crate) struct Keyed {
    pub plan: LazyFrame,
    pub by: bool,
    /// Whether `plan` holds every ticket of the frame (no filter, one row per ticket), so
    /// ratings and SLA instances need no join to it.
    pub all_tickets: bool,
    /// For a single-valued dimension: each ticket row's key, so rows carry their `ROW`
    /// instead of the key itself.
    pub codes: Option<Arc<Codes>>,
    /// For a multi-valued dimension: each ticket row's items, so rows carry their `ROW`
    /// and a row with several items counts in each of their groups.
    pub items: Option<MultiKeys>,
}

/// The items of a multi-valued dimension by ticket row, and the values their codes name.
#[derive(Clone)]
pub(crate) struct MultiKeys {
    pub rows: Arc<RowItems>,
    pub values: Arc<ValueCodes>,
}

impl MultiKeys {
    /// Whether a ticket row carries `key` (`None`: carries no item).
    fn matches(&self, key: Option<&str>) -> Expr {
        let carrying = |wanted: &dyn Fn(&[u32]) -> bool| {
            let rows: Vec<u32> = (0..self.rows.len() as u32)
                .filter(|r| wanted(self.rows.of_row(*r)))
                .collect();
            let rows = Series::new(cols::ROW.into(), rows);
            col(cols::ROW).is_in(lit(rows).implode(false), false)
        };
        match key.map(|key| self.values.code_of(key)) {
            None => carrying(&|items| items.is_empty()),
            Some(Some(code)) => carrying(&|items| items.contains(&code)),
            // A value no ticket carries has no code.
            Some(None) => lit(false),
        }
    }
}

impl Keyed {
    /// The ungrouped tickets of `plan`.
    pub fn total(plan: LazyFrame, all_tickets: bool) -> Keyed {
        Keyed {
            plan,
            by: false,
            all_tickets,
            codes: None,
            items: None,
        }
    }

    /// Whether a row's group is `key` (`None`: no value).
    pub fn matches(&self, key: Option<&str>) -> Expr {
        match (key, &self.items) {
            (_, Some(items)) => items.matches(key),
            (None, None) => col(KEY).is_null(),
            (Some(key), None) => col(KEY).cast(DataType::String).eq(lit(key.to_owned())),
        }
    }

    /// `columns` and what tells each row's group.
    pub fn key_and(&self, mut columns: Vec<Expr>) -> Vec<Expr> {
        let key = match (self.by, self.codes.is_some() || self.items.is_some()) {
            (false, _) => return columns,
            (true, true) => col(cols::ROW),
            (true, false) => col(KEY),
        };
        if !columns.contains(&key) {
            columns.insert(0, key);
        }
        columns
    }
}

/// Group keys met so far, each with a small index.
#[derive(Default)]
pub(crate) struct Keys {
    pub list: Vec<Key>,
    index: PlHashMap<Key, u32>,
}

impl Keys {
    /// The keys of a coded dimension, each at its code.
    pub fn of_codes(codes: &Codes) -> Keys {
        let mut keys = Keys::default();
        for key in &codes.keys {
            keys.intern(key.clone());
        }
        keys
    }

    pub fn index_of(&self, key: &Key) -> Option<u32> {
        self.index.get(key).copied()
    }

    fn intern(&mut self, key: Key) -> u32 {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(key.clone());
        self.index.insert(key, i);
        i
    }

    /// Every key `rows` carry, whether each index is such a key, and how many of the
    /// rows `counted` marks fall under each: one pass over the rows' codes, without the
    /// table of one row per (ticket, item) that `expand` makes for the tallies. When
    /// [`Keys::counts_only_counted`], `rows` may hold just the counted rows.
    pub fn counted(
        keyed: &Keyed,
        rows: &UInt32Chunked,
        counted: &BooleanChunked,
    ) -> (Keys, Vec<bool>, Vec<i64>) {
        let codes = keyed.codes.as_deref().filter(|_| keyed.by);
        let items = keyed.items.as_ref().filter(|_| keyed.by);
        let mut keys = codes.map(Keys::of_codes).unwrap_or_default();
        // A value's key index is its code, and "no value" comes after them all.
        if let (None, Some(items)) = (codes, items) {
            for value in items.values.values() {
                keys.intern(Some(value.clone()));
            }
        }
        let none = match (codes, items) {
            (Some(_), _) => 0,
            _ => keys.intern(None),
        };
        // Over every ticket, the keys of a multi-valued dimension are its carried codes,
        // so only the counted rows need reading (the caller passes just those).
        let carried = items
            .filter(|_| codes.is_none() && keyed.all_tickets)
            .map(|items| items.rows.carried(none as usize));
        let only_counted = carried.is_some();
        let mut seen = carried.unwrap_or_else(|| vec![false; keys.list.len()]);
        let mut count = vec![0i64; keys.list.len()];
        let mut add = |key: u32, counted: bool| {
            if let Some(at) = seen.get_mut(key as usize) {
                *at |= !only_counted;
                count[key as usize] += i64::from(counted);
            }
        };
        for (row, counted) in rows.iter().zip(counted.iter()) {
            let (Some(row), counted) = (row, counted == Some(true)) else {
                continue;
            };
            match (codes, items) {
                (Some(codes), _) => {
                    add(codes.of_row.get(row as usize).map_or(none, |c| *c), counted)
                }
                (None, Some(items)) => match items.rows.of_row(row) {
                    [] => add(none, counted),
                    // A code past the values counts as "no value", as in `expand`.
                    carried => carried
                        .iter()
                        .for_each(|code| add((*code).min(none), counted)),
                },
                (None, None) => add(none, counted),
            }
        }
        (keys, seen, count)
    }

    /// Whether `counted` finds every key of `keyed` without reading its uncounted rows:
    /// a multi-valued dimension over every ticket.
    pub fn counts_only_counted(keyed: &Keyed) -> bool {
        keyed.by && keyed.all_tickets && keyed.codes.is_none() && keyed.items.is_some()
    }

    /// The rows of `df` with the key index of each (see `of_rows`); by a multi-valued
    /// dimension, a row is repeated once per item it carries (once, with the null key,
    /// when it carries none), since it counts in the group of each.
    pub fn expand(
        &mut self,
        df: DataFrame,
        keyed: &Keyed,
    ) -> Result<(DataFrame, Vec<u32>), AnalyticsError> {
        expand(df, keyed, &mut |key| self.intern(key))
    }

    /// `expand` on keys that populations grouped side by side share: each key is
    /// interned under the lock, by the first population that meets it.
    pub fn expand_shared(
        keys: &Mutex<Keys>,
        df: DataFrame,
        keyed: &Keyed,
    ) -> Result<(DataFrame, Vec<u32>), AnalyticsError> {
        expand(df, keyed, &mut |key| lock(keys).intern(key))
    }
}

/// Shared keys, locked; a panic elsewhere while they were held leaves them whole (a
/// key's list entry and index are added together), so they are read on.
pub(crate) fn lock(keys: &Mutex<Keys>) -> MutexGuard<'_, Keys> {
    keys.lock().unwrap_or_else(PoisonError::into_inner)
}

/// See [`Keys::expand`]; `intern` gives a key its index.
fn expand(
    df: DataFrame,
    keyed: &Keyed,
    intern: &mut dyn FnMut(Key) -> u32,
) -> Result<(DataFrame, Vec<u32>), AnalyticsError> {
    let Some(items) = keyed.items.as_ref().filter(|_| keyed.by) else {
        let keys = of_rows(&df, keyed, intern)?;
        return Ok((df, keys));
    };
    let mut local: Vec<Option<u32>> = vec![None; items.values.values().len()];
    let mut none = None;
    let mut take: Vec<IdxSize> = Vec::with_capacity(df.height());
    let mut keys = Vec::with_capacity(df.height());
    for (i, row) in df.column(cols::ROW)?.u32()?.iter().enumerate() {
        let carried = row.map_or(&[][..], |row| items.rows.of_row(row));
        if carried.is_empty() {
            take.push(i as IdxSize);
            keys.push(*none.get_or_insert_with(|| intern(None)));
        }
        for &code in carried {
            take.push(i as IdxSize);
            keys.push(match local.get_mut(code as usize) {
                Some(slot) => {
                    *slot.get_or_insert_with(|| intern(items.values.value(code).map(str::to_owned)))
                }
                None => *none.get_or_insert_with(|| intern(None)),
            });
        }
    }
    let df = df.take(&IdxCa::from_vec("take".into(), take))?;
    Ok((df, keys))
}

/// The key index of every row of `df`: its code, or its `KEY` column interned (keys
/// become strings once per distinct value, not per row), or the null key when the plan
/// is ungrouped. Keys of a coded plan must come from `of_codes`.
fn of_rows(
    df: &DataFrame,
    keyed: &Keyed,
    intern: &mut dyn FnMut(Key) -> u32,
) -> Result<Vec<u32>, AnalyticsError> {
    if !keyed.by {
        let total = intern(None);
        return Ok(vec![total; df.height()]);
    }
    if let Some(codes) = &keyed.codes {
        return Ok(df
            .column(cols::ROW)?
            .u32()?
            .iter()
            .map(|row| row.map_or(0, |row| codes.of_row[row as usize]))
            .collect());
    }
    let column = df.column(KEY)?;
    match column.dtype() {
        DataType::Int64 => {
            let mut local: PlHashMap<Option<i64>, u32> = PlHashMap::default();
            Ok(column
                .i64()?
                .iter()
                .map(|v| {
                    *local
                        .entry(v)
                        .or_insert_with(|| intern(v.map(|v| v.to_string())))
                })
                .collect())
        }
        _ => {
            let strings = column.cast(&DataType::String)?;
            let mut local: PlHashMap<Option<&str>, u32> = PlHashMap::default();
            Ok(strings
                .str()?
                .iter()
                .map(|v| {
                    *local
                        .entry(v)
                        .or_insert_with(|| intern(v.map(str::to_owned)))
                })
                .collect())
        }
    }
}
