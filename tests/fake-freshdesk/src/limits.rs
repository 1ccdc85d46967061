//! Sliding-window rate limiting like Freshdesk's: the account's credits (a call costs 1,
//! each `include` on the tickets list 2 more) and the tickets list's requests. A rejected
//! request (429) is counted in no bucket. Time is tokio's, so a test with a paused clock
//! drives the fake's windows too.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug)]
struct Bucket {
    limit: Option<u32>,
    accepted: VecDeque<(Instant, u32)>,
    used: u32,
    max_in_window: u32,
    total: u64,
}

impl Bucket {
    fn new(limit: Option<u32>) -> Self {
        Bucket {
            limit,
            accepted: VecDeque::new(),
            used: 0,
            max_in_window: 0,
            total: 0,
        }
    }

    fn expire(&mut self, now: Instant, window: Duration) {
        while let Some(&(at, weight)) = self.accepted.front() {
            if now.duration_since(at) < window {
                break;
            }
            self.accepted.pop_front();
            self.used -= weight;
        }
    }

    fn fits(&self, weight: u32) -> bool {
        self.limit.is_none_or(|limit| self.used + weight <= limit)
    }

    fn accept(&mut self, now: Instant, weight: u32) {
        self.accepted.push_back((now, weight));
        self.used += weight;
        self.total += u64::from(weight);
        self.max_in_window = self.max_in_window.max(self.used);
    }

    /// When enough of the window has passed for `weight` more to fit.
    fn free_at(&self, weight: u32, window: Duration) -> Option<Instant> {
        let limit = self.limit?;
        let mut used = self.used;
        for &(at, w) in &self.accepted {
            if used + weight <= limit {
                break;
            }
            used -= w;
            if used + weight <= limit {
                return Some(at + window);
            }
        }
        None
    }
}

/// The account's credits and the tickets list's requests.
#[derive(Debug)]
pub(crate) struct Limiter {
    window: Duration,
    account: Bucket,
    tickets_list: Bucket,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Admission {
    /// Accepted; the account's credits left in the window.
    Accepted { remaining: u32 },
    /// Rejected; the earliest time the request would fit.
    Rejected { retry_at: Option<Instant> },
}

impl Limiter {
    pub(crate) fn new(account: u32, tickets_list: Option<u32>, window: Duration) -> Self {
        Limiter {
            window,
            account: Bucket::new(Some(account)),
            tickets_list: Bucket::new(tickets_list),
        }
    }

    pub(crate) fn admit(&mut self, credits: u32, tickets_list: bool) -> Admission {
        let now = Instant::now();
        self.account.expire(now, self.window);
        self.tickets_list.expire(now, self.window);
        let list_fits = !tickets_list || self.tickets_list.fits(1);
        if !self.account.fits(credits) || !list_fits {
            let account = self.account.free_at(credits, self.window);
            let list = tickets_list
                .then(|| self.tickets_list.free_at(1, self.window))
                .flatten();
            return Admission::Rejected {
                retry_at: account.max(list),
            };
        }
        self.account.accept(now, credits);
        if tickets_list {
            self.tickets_list.accept(now, 1);
        }
        Admission::Accepted {
            remaining: self.account_remaining(),
        }
    }

    pub(crate) fn account_remaining(&self) -> u32 {
        self.account
            .limit
            .unwrap_or(0)
            .saturating_sub(self.account.used)
    }

    /// Highest credits and tickets-list requests within any one window.
    pub(crate) fn maxima(&self) -> (u32, u32) {
        (self.account.max_in_window, self.tickets_list.max_in_window)
    }

    /// Credits and tickets-list requests accepted in all.
    pub(crate) fn totals(&self) -> (u64, u64) {
        (self.account.total, self.tickets_list.total)
    }

    /// Forgets the maxima and totals (not the window: the limit keeps holding).
    pub(crate) fn reset_maxima(&mut self) {
        for bucket in [&mut self.account, &mut self.tickets_list] {
            bucket.max_in_window = 0;
            bucket.total = 0;
        }
    }
}

#[cfg(test)]
mod fake_freshdesk_limits_tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn credits_and_list_requests_have_their_own_limits() {
        let window = Duration::from_secs(60);
        let mut limiter = Limiter::new(10, Some(2), window);
        assert_eq!(limiter.admit(3, true), Admission::Accepted { remaining: 7 });
        assert_eq!(limiter.admit(3, true), Admission::Accepted { remaining: 4 });
        let start = Instant::now();
        assert_eq!(
            limiter.admit(3, true),
            Admission::Rejected {
                retry_at: Some(start + window)
            },
            "the list's two requests are spent"
        );
        assert_eq!(
            limiter.admit(4, false),
            Admission::Accepted { remaining: 0 }
        );
        assert!(matches!(
            limiter.admit(1, false),
            Admission::Rejected { .. }
        ));
        assert_eq!(limiter.maxima(), (10, 2));
        tokio::time::advance(window).await;
        assert_eq!(limiter.admit(3, true), Admission::Accepted { remaining: 7 });
    }
}
