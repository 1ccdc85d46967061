//! Spherical k-means over TF-IDF vectors, over-clustered and then merged: k-means splits
//! a topic along its wordings, and clusters whose centres point the same way are one
//! theme. Deterministic: seeded k-means++ on an evenly spaced sample, sums in text order.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::feedback::vectors::SparseVec;

/// Cluster centres stored feature-major (`dim × k`), so scoring a sparse text against
/// every centre reads contiguous memory.
#[derive(Debug, Clone)]
pub struct Centres {
    pub k: usize,
    pub dim: usize,
    data: Vec<f32>,
}

#[derive(Debug, Clone, Copy)]
pub struct ClusterParams {
    /// Clusters before merging.
    pub initial: usize,
    pub iterations: usize,
    /// Texts k-means is fitted on; every text is assigned afterwards.
    pub sample: usize,
    /// Centres at least this similar (cosine) are merged.
    pub merge_similarity: f32,
    /// A text less similar than this to every centre belongs to no theme.
    pub min_similarity: f32,
    /// Smaller clusters are dissolved.
    pub min_size: usize,
    pub seed: u64,
}

impl Centres {
    fn zeros(k: usize, dim: usize) -> Centres {
        Centres {
            k,
            dim,
            data: vec![0.0; k * dim],
        }
    }

    /// Cosine similarity of a text (unit length) to every centre (unit length).
    pub fn scores(&self, text: &SparseVec, out: &mut [f32]) {
        out.fill(0.0);
        for (&i, &w) in text.idx.iter().zip(&text.val) {
            let row = &self.data[i as usize * self.k..(i as usize + 1) * self.k];
            for (o, c) in out.iter_mut().zip(row) {
                *o += w * c;
            }
        }
    }

    /// The nearest centre and its similarity; `None` for an empty text or no centres.
    pub fn nearest(&self, text: &SparseVec, buf: &mut Vec<f32>) -> Option<(u32, f32)> {
        if text.is_empty() || self.k == 0 {
            return None;
        }
        buf.resize(self.k, 0.0);
        self.scores(text, buf);
        let mut best = (0u32, f32::MIN);
        for (c, &s) in buf.iter().enumerate() {
            if s > best.1 {
                best = (c as u32, s);
            }
        }
        Some(best)
    }

    fn centre(&self, c: usize) -> Vec<f32> {
        (0..self.dim).map(|f| self.data[f * self.k + c]).collect()
    }

    /// Centres from dense vectors (each normalised here).
    fn from_dense(vectors: &[Vec<f32>], dim: usize) -> Centres {
        let mut out = Centres::zeros(vectors.len(), dim);
        for (c, v) in vectors.iter().enumerate() {
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (f, x) in v.iter().enumerate() {
                    out.data[f * out.k + c] = x / norm;
                }
            }
        }
        out
    }

    /// One more cluster, without a centre until [`Centres::set`]: a theme split off.
    pub fn push(&mut self) -> u32 {
        let k = self.k + 1;
        let mut data = vec![0.0; k * self.dim];
        for f in 0..self.dim {
            data[f * k..f * k + self.k].copy_from_slice(&self.data[f * self.k..(f + 1) * self.k]);
        }
        self.data = data;
        self.k = k;
        (k - 1) as u32
    }

    /// Sets cluster `c`'s centre to the direction of `sum` (its texts' vectors added up),
    /// after the user moved texts between clusters.
    pub fn set(&mut self, c: usize, sum: &[f32]) {
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        for (f, x) in sum.iter().enumerate().take(self.dim) {
            self.data[f * self.k + c] = if norm > 0.0 { x / norm } else { 0.0 };
        }
    }

    /// Mean direction of each cluster's texts; clusters without texts are dropped.
    /// Sums run in text order, so the result never depends on thread timing.
    fn from_members(texts: &[SparseVec], labels: &[Option<u32>], k: usize, dim: usize) -> Centres {
        let mut sums = vec![vec![0f32; dim]; k];
        let mut sizes = vec![0usize; k];
        for (text, label) in texts.iter().zip(labels) {
            if let Some(c) = label {
                let sum = &mut sums[*c as usize];
                for (&i, &w) in text.idx.iter().zip(&text.val) {
                    sum[i as usize] += w;
                }
                sizes[*c as usize] += 1;
            }
        }
        let kept: Vec<Vec<f32>> = sums
            .into_iter()
            .zip(sizes)
            .filter(|(_, n)| *n > 0)
            .map(|(s, _)| s)
            .collect();
        Centres::from_dense(&kept, dim)
    }
}

/// Nearest centre of every text, on all cores, in order.
pub fn assign(
    texts: &[SparseVec],
    centres: &Centres,
    min_similarity: f32,
) -> Vec<Option<(u32, f32)>> {
    texts
        .par_iter()
        .map_init(Vec::new, |buf, text| {
            centres
                .nearest(text, buf)
                .filter(|(_, s)| *s >= min_similarity)
        })
        .collect()
}

/// Themes of one language's texts: the final centres and each text's (cluster, similarity).
pub fn cluster(
    texts: &[SparseVec],
    dim: usize,
    params: &ClusterParams,
) -> (Centres, Vec<Option<(u32, f32)>>) {
    let live: Vec<usize> = (0..texts.len()).filter(|&i| !texts[i].is_empty()).collect();
    if live.is_empty() || dim == 0 {
        return (Centres::zeros(0, dim), vec![None; texts.len()]);
    }
    let step = live.len().div_ceil(params.sample.max(1));
    let sample: Vec<SparseVec> = live
        .iter()
        .step_by(step)
        .map(|&i| texts[i].clone())
        .collect();
    let k = params.initial.min(sample.len()).max(1);
    let mut centres = seed_centres(&sample, dim, k, params.seed);
    for _ in 0..params.iterations {
        let labels: Vec<Option<u32>> = assign(&sample, &centres, f32::MIN)
            .into_iter()
            .map(|a| a.map(|(c, _)| c))
            .collect();
        centres = Centres::from_members(&sample, &labels, centres.k, dim);
    }
    let sizes = cluster_sizes(&sample, &centres);
    centres = merge(&centres, &sizes, params.merge_similarity);
    // Refine on every text: assign, recentre, dissolve small clusters, assign again.
    for round in 0..3 {
        let labels: Vec<Option<u32>> = assign(texts, &centres, params.min_similarity)
            .into_iter()
            .map(|a| a.map(|(c, _)| c))
            .collect();
        let mut sizes = vec![0usize; centres.k];
        for c in labels.iter().flatten() {
            sizes[*c as usize] += 1;
        }
        let keep_small = round == 2;
        let labels: Vec<Option<u32>> = labels
            .into_iter()
            .map(|l| l.filter(|c| keep_small || sizes[*c as usize] >= params.min_size))
            .collect();
        centres = Centres::from_members(texts, &labels, centres.k, dim);
    }
    let assigned = assign(texts, &centres, params.min_similarity);
    (centres, assigned)
}

fn cluster_sizes(texts: &[SparseVec], centres: &Centres) -> Vec<usize> {
    let mut sizes = vec![0usize; centres.k];
    for (c, _) in assign(texts, centres, f32::MIN).into_iter().flatten() {
        sizes[c as usize] += 1;
    }
    sizes
}

/// k-means++: each next seed is drawn with probability proportional to its distance
/// (1 − cosine) from the nearest seed so far.
fn seed_centres(sample: &[SparseVec], dim: usize, k: usize, seed: u64) -> Centres {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut chosen = vec![rng.gen_range(0..sample.len())];
    let mut distance = vec![f32::MAX; sample.len()];
    let mut dense = vec![0f32; dim];
    while chosen.len() < k {
        let last = &sample[*chosen.last().unwrap_or(&0)];
        dense.fill(0.0);
        for (&i, &w) in last.idx.iter().zip(&last.val) {
            dense[i as usize] = w;
        }
        for (d, text) in distance.iter_mut().zip(sample) {
            let dot: f32 = text
                .idx
                .iter()
                .zip(&text.val)
                .map(|(&i, &w)| w * dense[i as usize])
                .sum();
            *d = d.min((1.0 - dot).max(0.0));
        }
        let total: f64 = distance.iter().map(|d| f64::from(*d)).sum();
        if total <= 0.0 {
            break;
        }
        let mut target = rng.gen::<f64>() * total;
        let mut pick = sample.len() - 1;
        for (i, d) in distance.iter().enumerate() {
            target -= f64::from(*d);
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        chosen.push(pick);
    }
    let vectors: Vec<Vec<f32>> = chosen
        .iter()
        .map(|&i| {
            let mut v = vec![0f32; dim];
            for (&f, &w) in sample[i].idx.iter().zip(&sample[i].val) {
                v[f as usize] = w;
            }
            v
        })
        .collect();
    Centres::from_dense(&vectors, dim)
}

/// Repeatedly merges the two most similar centres (size-weighted mean) while their
/// cosine is at least `threshold`. Similarities are computed once and then only for the
/// merged centre's row.
fn merge(centres: &Centres, sizes: &[usize], threshold: f32) -> Centres {
    let mut vectors: Vec<Option<(Vec<f32>, usize)>> = (0..centres.k)
        .filter(|&c| sizes[c] > 0)
        .map(|c| Some((centres.centre(c), sizes[c])))
        .collect();
    let cosine = |a: &[f32], b: &[f32]| {
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let na = a.iter().map(|x| x * x).sum::<f32>().sqrt();
        let nb = b.iter().map(|x| x * x).sum::<f32>().sqrt();
        if na > 0.0 && nb > 0.0 {
            dot / (na * nb)
        } else {
            0.0
        }
    };
    let n = vectors.len();
    // sims[i][j] for i < j; a merged-away centre's entries are never read again.
    let mut sims = vec![vec![0f32; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            if let (Some((a, _)), Some((b, _))) = (&vectors[i], &vectors[j]) {
                sims[i][j] = cosine(a, b);
            }
        }
    }
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for i in 0..n {
            if vectors[i].is_none() {
                continue;
            }
            for j in i + 1..n {
                if vectors[j].is_none() {
                    continue;
                }
                let s = sims[i][j];
                if s >= threshold && best.is_none_or(|(_, _, top)| s > top) {
                    best = Some((i, j, s));
                }
            }
        }
        let Some((i, j, _)) = best else { break };
        let (b, nb) = vectors[j].take().unwrap_or_default();
        if let Some((a, na)) = vectors[i].as_mut() {
            let (wa, wb) = (*na as f32, nb as f32);
            for (x, y) in a.iter_mut().zip(&b) {
                *x = *x * wa + y * wb;
            }
            let norm = a.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                a.iter_mut().for_each(|x| *x /= norm);
            }
            *na += nb;
        }
        for other in 0..n {
            if other == i {
                continue;
            }
            if let (Some((a, _)), Some((b, _))) = (&vectors[i], &vectors[other]) {
                let s = cosine(a, b);
                let (lo, hi) = if other < i { (other, i) } else { (i, other) };
                sims[lo][hi] = s;
            }
        }
    }
    let kept: Vec<Vec<f32>> = vectors.into_iter().flatten().map(|(v, _)| v).collect();
    Centres::from_dense(&kept, centres.dim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vec_of(pairs: &[(u32, f32)]) -> SparseVec {
        let norm = pairs.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        SparseVec {
            idx: pairs.iter().map(|(i, _)| *i).collect(),
            val: pairs.iter().map(|(_, w)| w / norm).collect(),
        }
    }

    fn params() -> ClusterParams {
        ClusterParams {
            initial: 6,
            iterations: 8,
            sample: 1_000,
            merge_similarity: 0.5,
            min_similarity: 0.2,
            min_size: 3,
            seed: 7,
        }
    }

    #[test]
    fn a_pushed_cluster_keeps_the_others_centres() {
        let texts = [vec_of(&[(0, 1.0)]), vec_of(&[(1, 1.0)])];
        let labels = [Some(0), Some(1)];
        let mut centres = Centres::from_members(&texts, &labels, 2, 3);
        let before: Vec<Vec<f32>> = (0..2).map(|c| centres.centre(c)).collect();
        assert_eq!(centres.push(), 2);
        centres.set(2, &[0.0, 0.0, 2.0]);
        assert_eq!(centres.k, 3);
        assert_eq!(
            (0..2).map(|c| centres.centre(c)).collect::<Vec<_>>(),
            before
        );
        assert_eq!(centres.centre(2), [0.0, 0.0, 1.0], "normalised");
    }

    #[test]
    fn separates_topics_merges_wordings_and_leaves_noise_out() {
        // Topic A: features 0,1 with wording 2 or 3; topic B: 4,5 with 6 or 7; noise: 8.
        let mut texts = Vec::new();
        for i in 0..40 {
            let wording = (i % 2) as u32;
            texts.push(vec_of(&[(0, 1.0), (1, 1.0), (2 + wording, 1.0)]));
            texts.push(vec_of(&[(4, 1.0), (5, 1.0), (6 + wording, 1.0)]));
        }
        texts.push(vec_of(&[(8, 1.0)]));
        texts.push(SparseVec::default());
        let (centres, labels) = cluster(&texts, 9, &params());
        assert_eq!(centres.k, 2, "two topics, each in two wordings");
        let a = labels[0].unwrap().0;
        let b = labels[1].unwrap().0;
        assert_ne!(a, b);
        for (i, label) in labels.iter().take(80).enumerate() {
            assert_eq!(label.unwrap().0, if i % 2 == 0 { a } else { b });
        }
        assert_eq!(labels[80], None, "unrelated to every theme");
        assert_eq!(labels[81], None, "no words");
        let again = cluster(&texts, 9, &params());
        assert_eq!(again.1, labels, "deterministic");
    }
}
