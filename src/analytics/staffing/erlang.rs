//! Erlang C: the M/M/N queue of a contact centre whose customers wait as long as it
//! takes (no abandonment). Erlang B comes from its recurrence and C from B, so large
//! loads never meet a factorial or a power that overflows.

/// Erlang B, the blocking probability of `agents` servers offered `traffic` Erlangs,
/// by its recurrence from `B(0) = 1`.
pub fn erlang_b(traffic: f64, agents: u32) -> f64 {
    (1..=agents).fold(1.0, |b, n| next_b(traffic, n, b))
}

/// One step of the recurrence: `B(n) = A·B(n−1) / (n + A·B(n−1))`, within [0, 1].
pub fn next_b(traffic: f64, n: u32, previous: f64) -> f64 {
    let ab = traffic * previous;
    ab / (f64::from(n) + ab)
}

/// Erlang C, the probability that a contact waits: `C = N·B / (N − A·(1 − B))`; 1 when
/// the agents cannot keep up (`N ≤ A`), as the queue then grows without end.
pub fn probability_of_wait(traffic: f64, agents: u32) -> f64 {
    wait_from_b(traffic, agents, erlang_b(traffic, agents))
}

/// Erlang C from `b`, the Erlang B of the same load and agents.
pub fn wait_from_b(traffic: f64, agents: u32, b: f64) -> f64 {
    let n = f64::from(agents);
    if n <= traffic {
        return 1.0;
    }
    n * b / (n - traffic * (1.0 - b))
}

/// The share answered within `target_seconds`: `SL = 1 − C·e^{−(N−A)·T/AHT}`.
pub fn service_level(traffic: f64, agents: u32, target_seconds: f64, aht_seconds: f64) -> f64 {
    let wait = probability_of_wait(traffic, agents);
    level_from_wait(traffic, agents, wait, target_seconds, aht_seconds)
}

/// The service level from `wait`, the Erlang C of the same load and agents.
pub fn level_from_wait(
    traffic: f64,
    agents: u32,
    wait: f64,
    target_seconds: f64,
    aht_seconds: f64,
) -> f64 {
    let n = f64::from(agents);
    if n <= traffic {
        return 0.0;
    }
    1.0 - wait * (-(n - traffic) * target_seconds / aht_seconds).exp()
}

/// The average speed of answer in seconds: `ASA = C·AHT / (N − A)`; infinite when the
/// agents cannot keep up.
pub fn average_speed_of_answer(traffic: f64, agents: u32, aht_seconds: f64) -> f64 {
    let n = f64::from(agents);
    if n <= traffic {
        return f64::INFINITY;
    }
    probability_of_wait(traffic, agents) * aht_seconds / (n - traffic)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rounds to 3 decimals, the precision the published tables print.
    fn r3(x: f64) -> f64 {
        (x * 1000.0).round() / 1000.0
    }

    /// (traffic A, agents N, answer-within T s, AHT s, P(wait), service level), each
    /// figure computed independently with the factorial form of Erlang C in exact
    /// rational arithmetic. Sources: Call Centre Helper, "Erlang C formula – made
    /// simple" (100 contacts in 30 minutes, AHT 180 s, so A = 10; 20 s target; 11 to
    /// 14 agents), and Westbay Engineers, "The Erlang-C formula" (360 calls a half hour,
    /// 4-minute calls, so A = 48; 15 s target; 55 agents), with 56 agents beside it.
    const PUBLISHED: [(f64, u32, f64, f64, f64, f64); 6] = [
        (10.0, 11, 20.0, 180.0, 0.682, 0.390),
        (10.0, 12, 20.0, 180.0, 0.449, 0.640),
        (10.0, 13, 20.0, 180.0, 0.285, 0.796),
        (10.0, 14, 20.0, 180.0, 0.174, 0.888),
        (48.0, 55, 15.0, 240.0, 0.239, 0.846),
        (48.0, 56, 15.0, 240.0, 0.187, 0.886),
    ];

    #[test]
    fn erlang_c_matches_the_published_tables() {
        for (a, n, t, aht, wait, sl) in PUBLISHED {
            assert_eq!(
                r3(probability_of_wait(a, n)),
                wait,
                "P(wait) for A={a}, N={n}"
            );
            assert_eq!(r3(service_level(a, n, t, aht)), sl, "SL for A={a}, N={n}");
        }
        // Call Centre Helper's worked example: 14 agents answer in 7.8 s on average.
        assert_eq!(
            (average_speed_of_answer(10.0, 14, 180.0) * 10.0).round(),
            78.0
        );
    }

    #[test]
    fn large_loads_stay_finite_where_factorials_would_overflow() {
        // 171! is beyond f64 already; 5,000 Erlangs on 5,100 agents is an ordinary
        // large centre's hour.
        let wait = probability_of_wait(5_000.0, 5_100);
        assert!(wait.is_finite() && (0.0..1.0).contains(&wait), "{wait}");
        let sl = service_level(5_000.0, 5_100, 20.0, 300.0);
        assert!(
            sl > 0.99,
            "100 spare agents answer almost everyone at once: {sl}"
        );
    }

    #[test]
    fn too_few_agents_means_everyone_waits_forever() {
        assert_eq!(probability_of_wait(10.0, 10), 1.0);
        assert_eq!(service_level(10.0, 9, 20.0, 180.0), 0.0);
        assert!(average_speed_of_answer(10.0, 10, 180.0).is_infinite());
    }
}
