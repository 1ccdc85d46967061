//! Small sampling helpers over the seeded generator (rand 0.8 has no distributions
//! crate here, and these few are all the demo needs).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(super) type DemoRng = ChaCha8Rng;

/// An independent stream per purpose, so changing how users are drawn does not reshuffle
/// every ticket after it.
pub(super) fn stream(seed: u64, stream: u64) -> DemoRng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

pub(super) fn chance(rng: &mut DemoRng, p: f64) -> bool {
    rng.gen::<f64>() < p
}

/// Standard normal by Box–Muller.
pub(super) fn normal(rng: &mut DemoRng) -> f64 {
    let u1 = 1.0 - rng.gen::<f64>(); // (0, 1], so the logarithm is finite
    let u2 = rng.gen::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Log-normal with the given median: heavy right tail, like real handling times.
pub(super) fn lognormal(rng: &mut DemoRng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

pub(super) fn pick<'a, T>(rng: &mut DemoRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// Index drawn proportionally to `weights` (linear scan; for short tables).
pub(super) fn weighted(rng: &mut DemoRng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.gen::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// Cumulative weights for drawing from long tables in O(log n).
#[derive(Debug, Clone, Default)]
pub(super) struct Cumulative {
    sums: Vec<f64>,
}

impl Cumulative {
    pub(super) fn new(weights: impl IntoIterator<Item = f64>) -> Cumulative {
        let mut total = 0.0;
        let sums = weights
            .into_iter()
            .map(|w| {
                total += w.max(0.0);
                total
            })
            .collect();
        Cumulative { sums }
    }

    pub(super) fn len(&self) -> usize {
        self.sums.len()
    }

    /// Draws an index; the table must not be empty.
    pub(super) fn draw(&self, rng: &mut DemoRng) -> usize {
        let total = self.sums.last().copied().unwrap_or(0.0);
        let x = rng.gen::<f64>() * total;
        self.sums
            .partition_point(|s| *s <= x)
            .min(self.sums.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_draws_follow_weights_and_skip_zero_weights() {
        let mut rng = stream(1, 1);
        let mut counts = [0usize; 3];
        for _ in 0..10_000 {
            counts[weighted(&mut rng, &[1.0, 0.0, 3.0])] += 1;
        }
        assert_eq!(counts[1], 0, "a zero weight must never be drawn");
        let share = counts[2] as f64 / 10_000.0;
        assert!((0.72..0.78).contains(&share), "weight 3 of 4 drew {share}");
    }

    #[test]
    fn cumulative_draws_follow_weights() {
        let mut rng = stream(2, 1);
        let table = Cumulative::new([0.0, 1.0, 1.0, 2.0]);
        let mut counts = [0usize; 4];
        for _ in 0..8_000 {
            counts[table.draw(&mut rng)] += 1;
        }
        assert_eq!(counts[0], 0, "a zero weight must never be drawn");
        assert!(counts[3] > counts[1] + counts[1] / 2, "{counts:?}");
    }

    #[test]
    fn lognormal_median_is_close_to_the_requested_one() {
        let mut rng = stream(3, 1);
        let mut xs: Vec<f64> = (0..5_001)
            .map(|_| lognormal(&mut rng, 100.0, 1.0))
            .collect();
        xs.sort_by(f64::total_cmp);
        let median = xs[2_500];
        assert!((85.0..118.0).contains(&median), "median {median}");
    }

    #[test]
    fn streams_are_deterministic_and_distinct() {
        let a: Vec<u32> = (0..4).map(|_| stream(9, 1).gen()).collect();
        let b: Vec<u32> = (0..4).map(|_| stream(9, 1).gen()).collect();
        assert_eq!(a, b);
        assert_ne!(stream(9, 1).gen::<u64>(), stream(9, 2).gen::<u64>());
    }
}
