//! Locality-sensitive hashing over MinHash signatures. Documents whose signatures agree
//! on every row of a band share that band's bucket; each newcomer is compared only with
//! the bucket's first document, never with every member, so a template sent 50,000
//! times costs 50,000 comparisons instead of a billion.

use std::collections::HashMap;

use rayon::prelude::*;

use super::hash::{combine, PremixedState};
use super::minhash::similarity;
use super::union_find::UnionFind;

/// Signatures of every document, side by side in one table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Signatures<'a> {
    /// `width` entries per document, in document order.
    pub(super) table: &'a [u32],
    pub(super) width: usize,
    /// Whether each document had any shingle: an empty set has no signature to match.
    pub(super) signed: &'a [bool],
}

impl Signatures<'_> {
    fn of(&self, doc: usize) -> &[u32] {
        let start = doc.saturating_mul(self.width);
        self.table
            .get(start..start.saturating_add(self.width))
            .unwrap_or_default()
    }
}

/// Links documents whose estimated Jaccard similarity to a bucket's first document is at
/// least `min_similarity`, in `bands` bands of `rows` rows.
///
/// Bands are linked in parallel, each worker into its own sets, and the sets are merged.
/// The result does not depend on how the work was split: a link is skipped only when
/// its two documents are already in one set, so the sets are always the connected
/// components of all qualifying (first document, newcomer) pairs.
pub(super) fn link(
    signatures: &Signatures,
    bands: usize,
    rows: usize,
    min_similarity: f64,
) -> UnionFind {
    let docs = signatures.signed.len();
    (0..bands)
        .into_par_iter()
        .fold(
            || BandLinker::new(docs),
            |mut linker, band| {
                linker.link_band(signatures, band, rows, min_similarity);
                linker
            },
        )
        .map(|linker| linker.sets)
        .reduce_with(|mut sets, mut other| {
            sets.absorb(&mut other);
            sets
        })
        .unwrap_or_else(|| UnionFind::new(docs))
}

/// One worker's sets and its reusable bucket table.
struct BandLinker {
    sets: UnionFind,
    first_in_bucket: HashMap<u64, usize, PremixedState>,
}

impl BandLinker {
    fn new(docs: usize) -> Self {
        BandLinker {
            sets: UnionFind::new(docs),
            first_in_bucket: HashMap::with_capacity_and_hasher(docs, PremixedState::default()),
        }
    }

    /// Buckets every signed document by its rows of `band` and links each newcomer to
    /// its bucket's first document when they are similar enough.
    fn link_band(
        &mut self,
        signatures: &Signatures,
        band: usize,
        rows: usize,
        min_similarity: f64,
    ) {
        self.first_in_bucket.clear();
        let rows = band * rows..(band + 1) * rows;
        let signed = signatures.signed.iter().enumerate().filter(|&(_, &s)| s);
        for (doc, _) in signed {
            let signature = signatures.of(doc);
            let band_rows = signature.get(rows.clone()).unwrap_or_default();
            let key = combine(band as u64, band_rows.iter().map(|&r| u64::from(r)));
            let first = *self.first_in_bucket.entry(key).or_insert(doc);
            if first != doc
                && self.sets.find(first) != self.sets.find(doc)
                && similarity(signatures.of(first), signature) >= min_similarity
            {
                self.sets.union(first, doc);
            }
        }
    }
}
