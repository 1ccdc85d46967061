//! Keeps requests under Zendesk's limits before they are hit: a sliding window per
//! bucket, the account-wide one sized from `X-Rate-Limit`, and the 10-per-minute bucket of
//! the incremental exports. 429s are still honoured by the client; this avoids them.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// Which limits a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Everything else: only the account-wide limit.
    Account,
    /// `/api/v2/incremental/*` and the Help Center incremental export: both limits.
    Incremental,
}

#[derive(Debug)]
struct Window {
    limit: u32,
    sent: VecDeque<Instant>,
}

impl Window {
    fn new(limit: u32) -> Window {
        Window {
            limit: limit.max(1),
            sent: VecDeque::new(),
        }
    }

    /// When the next request may go, dropping entries older than the window.
    fn next_slot(&mut self, now: Instant, window: Duration) -> Instant {
        while self
            .sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            self.sent.pop_front();
        }
        if (self.sent.len() as u32) < self.limit {
            now
        } else {
            let excess = self.sent.len() + 1 - self.limit as usize;
            self.sent[excess - 1] + window
        }
    }
}

#[derive(Debug)]
pub struct Pacer {
    window: Duration,
    account: Window,
    incremental: Window,
}

impl Pacer {
    pub fn new(window: Duration, account_limit: u32, incremental_limit: u32) -> Pacer {
        Pacer {
            window,
            account: Window::new(account_limit),
            incremental: Window::new(incremental_limit),
        }
    }

    /// How long to wait before a request in `bucket` may be sent now.
    pub fn delay(&mut self, bucket: Bucket, now: Instant) -> Duration {
        let mut slot = self.account.next_slot(now, self.window);
        if bucket == Bucket::Incremental {
            slot = slot.max(self.incremental.next_slot(now, self.window));
        }
        slot.saturating_duration_since(now)
    }

    /// Records a request sent at `at`.
    pub fn record(&mut self, bucket: Bucket, at: Instant) {
        self.account.sent.push_back(at);
        if bucket == Bucket::Incremental {
            self.incremental.sent.push_back(at);
        }
    }

    /// Adopts the account's limit as the server reports it (`X-Rate-Limit`).
    pub fn set_account_limit(&mut self, limit: u32) {
        self.account.limit = limit.max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_limit_within_a_window() {
        let window = Duration::from_secs(60);
        let mut pacer = Pacer::new(window, 100, 3);
        let start = Instant::now();
        for i in 0..3 {
            assert_eq!(
                pacer.delay(Bucket::Incremental, start),
                Duration::ZERO,
                "request {i} goes at once"
            );
            pacer.record(Bucket::Incremental, start);
        }
        assert_eq!(
            pacer.delay(Bucket::Incremental, start),
            window,
            "the 4th waits for the window"
        );
        assert_eq!(
            pacer.delay(Bucket::Account, start),
            Duration::ZERO,
            "other endpoints are not held back"
        );
        let later = start + window;
        assert_eq!(pacer.delay(Bucket::Incremental, later), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn the_account_limit_follows_the_server() {
        let mut pacer = Pacer::new(Duration::from_secs(60), 10, 10);
        let now = Instant::now();
        pacer.set_account_limit(1);
        pacer.record(Bucket::Account, now);
        assert!(pacer.delay(Bucket::Account, now) > Duration::ZERO);
    }
}
