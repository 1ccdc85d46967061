//! MinHash: a fixed-length signature per shingle set. The share of equal entries in two
//! signatures estimates the Jaccard similarity of the sets, without keeping the sets.

use super::hash::SplitMix64;

/// The universal hash family works modulo this Mersenne prime, 2^61 − 1.
const MERSENNE_61: u64 = (1 << 61) - 1;
/// Fixed, so signatures (and so groups) are the same on every run.
const SEED: u64 = 0x00d5_b1c4_7e0f_a11e;
/// Functions evaluated per pass over a text's shingles (their minima live on the stack).
const RUN: usize = 32;
/// Shingles stepped together: independent chains keep the CPU busy.
const LANES: usize = 4;

/// `hashes` functions h_i(x) = (a_i·x + b_i) mod (2^61 − 1) with a_i = a + i·a′ and
/// b_i = b + i·b′, where a, a′, b, b′ come from a fixed seed.
///
/// Each h_i is a uniform member of the family and any two are independent (for i ≠ j the
/// map (a, a′) → (a_i, a_j) is a bijection), which is all the variance of the similarity
/// estimate depends on. The gain: h_{i+1}(x) = h_i(x) + (a′·x + b′), one addition
/// instead of a multiplication per function.
#[derive(Debug, Clone)]
pub(super) struct MinHasher {
    /// (a_i, b_i) of every `RUN`-th function, where a pass starts.
    run_starts: Vec<(u64, u64)>,
    /// (a′, b′).
    step: (u64, u64),
}

impl MinHasher {
    pub(super) fn new(hashes: usize) -> Self {
        let mut rng = SplitMix64::new(SEED);
        let (mut a, mut b, mut a_step, mut b_step);
        loop {
            a = rng.next_u64() % MERSENNE_61;
            a_step = 1 + rng.next_u64() % (MERSENNE_61 - 1);
            b = rng.next_u64() % MERSENNE_61;
            b_step = rng.next_u64() % MERSENNE_61;
            // a_i = 0 would make h_i constant; redraw (odds: hashes in 2^61).
            let mut a_i = a;
            let mut any_zero = false;
            for _ in 0..hashes {
                any_zero |= a_i == 0;
                a_i = add_mod(a_i, a_step);
            }
            if !any_zero {
                break;
            }
        }
        let mut run_starts = Vec::with_capacity(hashes.div_ceil(RUN));
        let (mut a_i, mut b_i) = (a, b);
        for i in 0..hashes {
            if i % RUN == 0 {
                run_starts.push((a_i, b_i));
            }
            a_i = add_mod(a_i, a_step);
            b_i = add_mod(b_i, b_step);
        }
        MinHasher {
            run_starts,
            step: (a_step, b_step),
        }
    }

    /// Writes the signature of `shingles` (each below 2^61) into `signature`, one entry
    /// per hash function. An entry keeps the low 32 bits of the minimum: that halves the
    /// table, and two different minima agree by chance once in 4 billion.
    pub(super) fn sign(&self, shingles: &[u64], signature: &mut [u32]) {
        for (entries, &start) in signature.chunks_mut(RUN).zip(&self.run_starts) {
            let mut minima = [u64::MAX; RUN];
            let mut lanes = shingles.chunks_exact(LANES);
            for lane in &mut lanes {
                if let Ok(lane) = <[u64; LANES]>::try_from(lane) {
                    self.lower_minima(start, lane, &mut minima);
                }
            }
            if let Some(&last) = lanes.remainder().last() {
                // Repeating a shingle leaves every minimum as it is.
                let mut lane = [last; LANES];
                lane.iter_mut()
                    .zip(lanes.remainder())
                    .for_each(|(x, &shingle)| *x = shingle);
                self.lower_minima(start, lane, &mut minima);
            }
            for (entry, min) in entries.iter_mut().zip(minima) {
                // Truncation on purpose: see above.
                *entry = min as u32;
            }
        }
    }

    /// Lowers each function's minimum of a run by the hashes of `LANES` shingles.
    fn lower_minima(&self, (a, b): (u64, u64), lane: [u64; LANES], minima: &mut [u64; RUN]) {
        let mut values = lane.map(|x| hash(a, b, x));
        let steps = lane.map(|x| hash(self.step.0, self.step.1, x));
        for min in minima.iter_mut() {
            *min = values.iter().copied().fold(*min, u64::min);
            for (value, &step) in values.iter_mut().zip(&steps) {
                *value = add_mod(*value, step);
            }
        }
    }
}

/// (a·x + b) mod 2^61 − 1 for a, b, x below 2^61.
fn hash(a: u64, b: u64, x: u64) -> u64 {
    mod_mersenne(u128::from(a) * u128::from(x) + u128::from(b))
}

/// `value` mod 2^61 − 1 for `value` below 2^123, by folding instead of dividing.
fn mod_mersenne(value: u128) -> u64 {
    let p = u128::from(MERSENNE_61);
    // Below 2^61 + 2^62, so it fits in a u64.
    let folded = ((value & p) + (value >> 61)) as u64;
    let folded = (folded & MERSENNE_61) + (folded >> 61);
    if folded >= MERSENNE_61 {
        folded - MERSENNE_61
    } else {
        folded
    }
}

/// (x + y) mod 2^61 − 1 for x, y below 2^61 − 1.
fn add_mod(x: u64, y: u64) -> u64 {
    let sum = x + y;
    if sum >= MERSENNE_61 {
        sum - MERSENNE_61
    } else {
        sum
    }
}

/// Estimated Jaccard similarity: the share of positions where two signatures agree.
pub(super) fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_agrees_with_the_remainder() {
        for value in [
            0u128,
            u128::from(MERSENNE_61) - 1,
            u128::from(MERSENNE_61),
            u128::from(MERSENNE_61) * 5 + 7,
            (1u128 << 123) - 1,
        ] {
            assert_eq!(
                u128::from(mod_mersenne(value)),
                value % u128::from(MERSENNE_61)
            );
        }
    }

    #[test]
    fn stepping_equals_evaluating_every_function() {
        let hashes = 70; // two full runs and a partial one
        let hasher = MinHasher::new(hashes);
        let (a_step, b_step) = hasher.step;
        let (a0, b0) = hasher.run_starts[0];
        let shingles: Vec<u64> = (0..7u64)
            .map(|i: u64| i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 3)
            .collect();
        let mut signature = vec![0; hashes];
        hasher.sign(&shingles, &mut signature);
        let (mut a, mut b) = (a0, b0);
        for (i, &entry) in signature.iter().enumerate() {
            let min = shingles
                .iter()
                .map(|&x| hash(a, b, x))
                .min()
                .unwrap_or(u64::MAX);
            assert_eq!(entry, min as u32, "function {i}");
            a = add_mod(a, a_step);
            b = add_mod(b, b_step);
        }
    }

    #[test]
    fn similarity_tracks_jaccard() {
        let hasher = MinHasher::new(256);
        let a: Vec<u64> = (0..100).collect();
        let b: Vec<u64> = (50..150).collect(); // Jaccard 50/150
        let (mut sig_a, mut sig_b) = (vec![0; 256], vec![0; 256]);
        hasher.sign(&a, &mut sig_a);
        hasher.sign(&b, &mut sig_b);
        let estimate = similarity(&sig_a, &sig_b);
        assert!((estimate - 1.0 / 3.0).abs() < 0.1, "estimate {estimate}");
        assert_eq!(similarity(&sig_a, &sig_a), 1.0);
    }
}
