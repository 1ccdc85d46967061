//! Sliding-window rate limiting, per bucket, like Zendesk's per-minute limits.
//!
//! A request is accepted only if every bucket it belongs to has fewer than `limit`
//! accepted requests in the last `window`; a rejected request (429) is recorded in no
//! bucket, so it neither counts toward the window maxima nor delays the reset. The maxima
//! let a test assert that the client never pushed the fake over its limit.

use std::collections::VecDeque;
use std::time::Duration;

// tokio's clock: a test on a paused runtime moves the windows with the client's.
use tokio::time::Instant;

#[derive(Debug)]
struct Bucket {
    limit: u32,
    accepted: VecDeque<Instant>,
    max_in_window: u32,
    /// Requests accepted in all (since start or the last reset of the maxima).
    total: u64,
}

impl Bucket {
    fn new(limit: u32) -> Self {
        Bucket {
            limit,
            accepted: VecDeque::new(),
            max_in_window: 0,
            total: 0,
        }
    }

    fn expire(&mut self, now: Instant, window: Duration) {
        while let Some(&first) = self.accepted.front() {
            if now.duration_since(first) >= window {
                self.accepted.pop_front();
            } else {
                break;
            }
        }
    }

    fn full(&self) -> bool {
        self.accepted.len() >= self.limit as usize
    }

    fn accept(&mut self, now: Instant) {
        self.accepted.push_back(now);
        self.total += 1;
        self.max_in_window = self.max_in_window.max(self.accepted.len() as u32);
    }

    fn remaining(&self) -> u32 {
        self.limit.saturating_sub(self.accepted.len() as u32)
    }
}

/// The account-wide bucket plus the Incremental Exports' bucket.
#[derive(Debug)]
pub(crate) struct Limiter {
    window: Duration,
    account: Bucket,
    incremental: Bucket,
}

/// Outcome of [`Limiter::admit`]: the account-wide remaining count for the
/// `X-Rate-Limit-Remaining` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Admission {
    Accepted { remaining: u32 },
    Rejected,
}

impl Limiter {
    pub(crate) fn new(account_limit: u32, incremental_limit: u32, window: Duration) -> Self {
        Limiter {
            window,
            account: Bucket::new(account_limit),
            incremental: Bucket::new(incremental_limit),
        }
    }

    pub(crate) fn admit(&mut self, incremental: bool) -> Admission {
        let now = Instant::now();
        self.account.expire(now, self.window);
        self.incremental.expire(now, self.window);
        if self.account.full() || (incremental && self.incremental.full()) {
            return Admission::Rejected;
        }
        self.account.accept(now);
        if incremental {
            self.incremental.accept(now);
        }
        Admission::Accepted {
            remaining: self.account.remaining(),
        }
    }

    /// Account-wide requests still allowed in the current window (without consuming one).
    pub(crate) fn account_remaining(&mut self) -> u32 {
        self.account.expire(Instant::now(), self.window);
        self.account.remaining()
    }

    pub(crate) fn maxima(&self) -> (u32, u32) {
        (self.account.max_in_window, self.incremental.max_in_window)
    }

    /// Requests accepted per bucket: (account, incremental).
    pub(crate) fn totals(&self) -> (u64, u64) {
        (self.account.total, self.incremental.total)
    }

    /// Forgets the maxima and totals (not the window contents: the limit keeps holding).
    pub(crate) fn reset_maxima(&mut self) {
        for bucket in [&mut self.account, &mut self.incremental] {
            bucket.max_in_window = 0;
            bucket.total = 0;
        }
    }
}

#[cfg(test)]
mod fake_zendesk_limits_tests {
    use super::*;

    #[test]
    fn rejects_over_limit_and_recovers_after_window() {
        let mut limiter = Limiter::new(3, 2, Duration::from_millis(200));
        assert_eq!(limiter.admit(true), Admission::Accepted { remaining: 2 });
        assert_eq!(limiter.admit(true), Admission::Accepted { remaining: 1 });
        // The incremental bucket is full, the account bucket is not.
        assert_eq!(limiter.admit(true), Admission::Rejected);
        assert_eq!(limiter.admit(false), Admission::Accepted { remaining: 0 });
        assert_eq!(limiter.admit(false), Admission::Rejected);
        assert_eq!(limiter.maxima(), (3, 2));
        assert_eq!(limiter.totals(), (3, 2));
        std::thread::sleep(Duration::from_millis(220));
        assert_eq!(limiter.admit(true), Admission::Accepted { remaining: 2 });
    }
}
