//! Accumulators on a (group key, bucket) grid: the data structure every KPI tally fills,
//! one cell per key and bucket plus one per key for the whole range.

use std::collections::HashMap;

/// (hits, n) for shares.
pub(crate) type Share = (u64, u64);

/// The most groups × buckets one query may compute. A cell of all 18 KPIs costs 2–3 KB
/// at peak, tallies and report together (by requester by week, 172,144 cells: 470 MB,
/// 2.0 KB a cell over the same query without buckets; by month, 58,464 cells: 2.8 KB),
/// so a query stays under about 1 GB; a chart or table of more cells is unreadable.
pub(crate) const MAX_CELLS: usize = 250_000;

/// The most (key, slot) cells a query tallies in flat arrays.
pub(crate) const DENSE_CELLS: usize = 4_000_000;

/// Accumulators on a (key, slot) grid, slot `buckets` being the whole range: dense when
/// small, sparse for huge key sets (e.g. by requester by day).
pub(crate) enum Grid<A> {
    Dense { width: usize, cells: Vec<Option<A>> },
    Sparse(HashMap<(u32, u32), A>),
}

impl<A: Default + Merge> Grid<A> {
    pub fn new(keys: usize, buckets: usize) -> Grid<A> {
        let width = buckets + 1;
        if keys.saturating_mul(width) <= DENSE_CELLS {
            let mut cells = Vec::new();
            cells.resize_with(keys * width, || None);
            Grid::Dense { width, cells }
        } else {
            Grid::Sparse(HashMap::new())
        }
    }

    pub fn at(&mut self, key: u32, slot: u32) -> &mut A {
        match self {
            Grid::Dense { width, cells } => {
                cells[key as usize * *width + slot as usize].get_or_insert_with(A::default)
            }
            Grid::Sparse(map) => map.entry((key, slot)).or_default(),
        }
    }

    /// Folds each key's bucket cells into its range cell.
    pub fn fill_ranges(&mut self, buckets: usize) {
        match self {
            Grid::Dense { width, cells } => {
                for row in cells.chunks_mut(*width) {
                    let (slots, range) = row.split_at_mut(buckets);
                    for acc in slots.iter().flatten() {
                        range[0].get_or_insert_with(A::default).merge(acc);
                    }
                }
            }
            Grid::Sparse(map) => {
                let mut ranges: HashMap<(u32, u32), A> = HashMap::new();
                for (&(key, _), acc) in map.iter() {
                    ranges.entry((key, buckets as u32)).or_default().merge(acc);
                }
                for (cell, acc) in ranges {
                    map.entry(cell).or_default().merge(&acc);
                }
            }
        }
    }

    /// Every cell that was touched, as (key, slot, accumulator).
    pub fn into_cells(self, mut visit: impl FnMut(u32, u32, A)) {
        match self {
            Grid::Dense { width, cells } => {
                for (i, acc) in cells.into_iter().enumerate() {
                    if let Some(acc) = acc {
                        visit((i / width) as u32, (i % width) as u32, acc);
                    }
                }
            }
            Grid::Sparse(map) => {
                for ((key, slot), acc) in map {
                    visit(key, slot, acc);
                }
            }
        }
    }
}

/// An accumulator that can absorb another of its kind: a range's tally is the merge of
/// its buckets' tallies, so each row is added once.
pub(crate) trait Merge {
    fn merge(&mut self, other: &Self);
}

impl Merge for u64 {
    fn merge(&mut self, other: &u64) {
        *self += other;
    }
}

impl Merge for i64 {
    fn merge(&mut self, other: &i64) {
        *self += other;
    }
}

impl<A: Merge, B: Merge> Merge for (A, B) {
    fn merge(&mut self, other: &(A, B)) {
        self.0.merge(&other.0);
        self.1.merge(&other.1);
    }
}

/// Per-metric shares of SLA instances (indexes of a `MetricTable`).
impl Merge for Vec<Share> {
    fn merge(&mut self, other: &Vec<Share>) {
        if self.len() < other.len() {
            self.resize(other.len(), (0, 0));
        }
        for (mine, theirs) in self.iter_mut().zip(other) {
            mine.merge(theirs);
        }
    }
}

/// The durations of a cell, for its percentiles.
#[derive(Default)]
pub(crate) struct Durations(pub Vec<f64>);

impl Merge for Durations {
    fn merge(&mut self, other: &Durations) {
        self.0.extend_from_slice(&other.0);
    }
}
