//! Keeps requests under Zendesk's limits before they are hit, so concurrent streams go as
//! fast as the account allows and no faster. Two budgets, each a sliding window: the
//! account's, which every request counts against (sized from `X-Rate-Limit` and corrected
//! by the remaining and reset headers, since other clients of the account spend it too),
//! and the Incremental Exports' (tickets, users, organizations, ticket events: 10 per
//! minute, 30 with the High Volume add-on). 429s are still honoured by the client.
//!
//! A request takes its slot when it is sent and is dated when its answer is in: the server
//! counts it somewhere in between, so its window never ends later on Zendesk's side than
//! on ours.

use std::collections::VecDeque;
use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::Serialize;
use tokio::time::Instant;

use crate::sources::gate::Pacing;

/// Which limits a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Only the account-wide limit: lists, ratings, settings, ticket metric events, the
    /// Help Center export.
    Account,
    /// The Incremental Exports endpoints: their own limit and the account's.
    Incremental,
}

/// A budget a request can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetKind {
    /// The account-wide limit (`X-Rate-Limit`).
    Account,
    /// The Incremental Exports' own limit.
    IncrementalExports,
}

/// A budget as it stands: requests per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub kind: BudgetKind,
    pub limit: u32,
    pub window: Duration,
}

/// Why a request may not go yet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hold {
    pub budget: Budget,
    /// How long until a slot frees; `None` until a request in flight is answered.
    pub delay: Option<Duration>,
}

/// What the server said about the account's budget on one answer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reported {
    pub limit: Option<u32>,
    pub remaining: Option<u32>,
    /// Until the window resets (`ratelimit-reset`).
    pub reset: Option<Duration>,
}

impl Reported {
    /// `X-Rate-Limit` / `X-Rate-Limit-Remaining`, or the `ratelimit-*` headers.
    pub fn read(headers: &HeaderMap) -> Reported {
        let number = |names: &[&str]| {
            names.iter().find_map(|name| {
                headers
                    .get(*name)?
                    .to_str()
                    .ok()?
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
        };
        let count = |names: &[&str]| number(names).map(|n| n.min(u64::from(u32::MAX)) as u32);
        Reported {
            limit: count(&["x-rate-limit", "ratelimit-limit"]),
            remaining: count(&["x-rate-limit-remaining", "ratelimit-remaining"]),
            reset: number(&["ratelimit-reset"]).map(Duration::from_secs),
        }
    }
}

#[derive(Debug)]
struct Window {
    limit: u32,
    /// When each answered request of the last window came back, oldest first.
    answered: VecDeque<Instant>,
    in_flight: u32,
    /// Requests the server counted and we did not send (other clients of the account),
    /// held until the server's window resets.
    others: u32,
    others_until: Option<Instant>,
}

impl Window {
    fn new(limit: u32) -> Window {
        Window {
            limit: limit.max(1),
            answered: VecDeque::new(),
            in_flight: 0,
            others: 0,
            others_until: None,
        }
    }

    fn expire(&mut self, now: Instant, window: Duration) {
        while self
            .answered
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= window)
        {
            self.answered.pop_front();
        }
        if self.others_until.is_some_and(|until| until <= now) {
            self.others = 0;
            self.others_until = None;
        }
    }

    fn used(&self) -> usize {
        self.answered.len() + self.in_flight as usize + self.others as usize
    }

    /// When the next request may go; `None` when only an answer in flight can free a slot.
    fn slot(&mut self, now: Instant, window: Duration) -> Option<Instant> {
        self.expire(now, window);
        let used = self.used();
        if used < self.limit as usize {
            return Some(now);
        }
        // Slots free as answered requests and the others' block leave the window, in time
        // order; the slot is when enough have left.
        let mut needed = used + 1 - self.limit as usize;
        let mut others = self.others_until.map(|until| (until, self.others as usize));
        for left in self.answered.iter().map(|t| *t + window) {
            if let Some((until, count)) = others.filter(|(until, _)| *until <= left) {
                if count >= needed {
                    return Some(until);
                }
                needed -= count;
                others = None;
            }
            if needed == 1 {
                return Some(left);
            }
            needed -= 1;
        }
        others
            .filter(|(_, count)| *count >= needed)
            .map(|(until, _)| until)
    }

    fn answer(&mut self, at: Instant) {
        self.in_flight = self.in_flight.saturating_sub(1);
        // Answers of concurrent requests can be dated out of order.
        let i = self.answered.partition_point(|t| *t <= at);
        self.answered.insert(i, at);
    }

    /// Counts `count` more requests of others until `until`.
    fn add_others(&mut self, count: u32, until: Instant) {
        self.others = self.others.saturating_add(count);
        self.others_until = self.others_until.max(Some(until));
    }
}

#[derive(Debug)]
pub struct Pacer {
    window: Duration,
    account: Window,
    incremental: Window,
    /// The server said nothing remains until its reset: no request before this.
    account_closed_until: Option<Instant>,
    /// Until the first answer the account's limit is a guess, so one request at a time.
    heard: bool,
}

impl Pacer {
    pub fn new(window: Duration, account_limit: u32, incremental_limit: u32) -> Pacer {
        Pacer {
            window,
            account: Window::new(account_limit),
            incremental: Window::new(incremental_limit),
            account_closed_until: None,
            heard: false,
        }
    }

    /// Takes a slot for a request in `bucket` sent now, or says what holds it back.
    pub fn acquire(&mut self, bucket: Bucket, now: Instant) -> Result<(), Hold> {
        let hold = |kind, window: &Window, slot: Option<Instant>| Hold {
            budget: Budget {
                kind,
                limit: window.limit,
                window: self.window,
            },
            delay: slot.map(|s| s.saturating_duration_since(now)),
        };
        let mut account = self.account.slot(now, self.window);
        if !self.heard && self.account.in_flight > 0 {
            account = None;
        }
        if let (Some(slot), Some(closed)) = (account, self.account_closed_until) {
            account = Some(slot.max(closed));
        }
        let incremental = match bucket {
            Bucket::Account => Some(now),
            Bucket::Incremental => self.incremental.slot(now, self.window),
        };
        match (account, incremental) {
            (Some(a), Some(i)) if a <= now && i <= now => {
                self.account.in_flight += 1;
                if bucket == Bucket::Incremental {
                    self.incremental.in_flight += 1;
                }
                Ok(())
            }
            // Report the budget that holds the request back longest.
            (Some(a), Some(i)) if i > a => Err(hold(
                BudgetKind::IncrementalExports,
                &self.incremental,
                Some(i),
            )),
            (None, _) | (Some(_), Some(_)) => {
                Err(hold(BudgetKind::Account, &self.account, account))
            }
            (Some(_), None) => Err(hold(
                BudgetKind::IncrementalExports,
                &self.incremental,
                None,
            )),
        }
    }

    /// The request's answer is in at `at` (or it failed without one): its slot is dated,
    /// and what the server `reported` about the account's budget is adopted.
    pub fn answered(&mut self, bucket: Bucket, at: Instant, reported: &Reported) {
        self.account.answer(at);
        if bucket == Bucket::Incremental {
            self.incremental.answer(at);
        }
        self.heard = true;
        if let Some(limit) = reported.limit.filter(|l| *l > 0) {
            self.account.limit = limit;
        }
        let Some(remaining) = reported.remaining else {
            return;
        };
        // A reset beyond the window would be a server's mistake; the window bounds it.
        let reset = reported.reset.map_or(self.window, |r| r.min(self.window));
        self.account.expire(at, self.window);
        let server_used = self.account.limit.saturating_sub(remaining) as usize;
        let missing = server_used.saturating_sub(self.account.used());
        if missing > 0 {
            self.account.add_others(missing as u32, at + reset);
        }
        if remaining == 0 && reported.reset.is_some() {
            self.account_closed_until = self.account_closed_until.max(Some(at + reset));
        }
    }
}

/// The gate every client shares waits on this pacer.
impl Pacing for Pacer {
    type Cost = Bucket;
    type Reported = Reported;
    type Hold = Hold;

    fn acquire(&mut self, cost: Bucket, now: Instant) -> Result<(), Hold> {
        Pacer::acquire(self, cost, now)
    }

    fn answered(&mut self, cost: Bucket, at: Instant, reported: &Reported) {
        Pacer::answered(self, cost, at, reported)
    }

    fn delay(hold: &Hold) -> Option<Duration> {
        hold.delay
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    const MINUTE: Duration = Duration::from_secs(60);

    /// A pacer that has heard from the server once (so concurrency is allowed).
    fn pacer(account: u32, incremental: u32) -> (Pacer, Instant) {
        let mut pacer = Pacer::new(MINUTE, account, incremental);
        pacer.heard = true;
        (pacer, Instant::now())
    }

    fn send(pacer: &mut Pacer, bucket: Bucket, at: Instant) {
        pacer.acquire(bucket, at).expect("a slot is free");
        pacer.answered(bucket, at, &Reported::default());
    }

    #[tokio::test(start_paused = true)]
    async fn the_incremental_exports_keep_their_own_budget() {
        let (mut pacer, start) = pacer(100, 3);
        for _ in 0..3 {
            send(&mut pacer, Bucket::Incremental, start);
        }
        let hold = pacer.acquire(Bucket::Incremental, start).unwrap_err();
        assert_eq!(
            (hold.budget.kind, hold.budget.limit, hold.delay),
            (BudgetKind::IncrementalExports, 3, Some(MINUTE)),
            "the 4th export waits for the window"
        );
        assert!(
            pacer.acquire(Bucket::Account, start).is_ok(),
            "other endpoints are not held back by the exports' budget"
        );
        assert!(pacer.acquire(Bucket::Incremental, start + MINUTE).is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn exports_count_against_the_account_budget_too() {
        let (mut pacer, start) = pacer(2, 10);
        send(&mut pacer, Bucket::Incremental, start);
        send(&mut pacer, Bucket::Account, start);
        for bucket in [Bucket::Account, Bucket::Incremental] {
            let hold = pacer.acquire(bucket, start).unwrap_err();
            assert_eq!(
                (hold.budget.kind, hold.budget.limit),
                (BudgetKind::Account, 2)
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn requests_in_flight_hold_their_slot_until_answered() {
        let (mut pacer, start) = pacer(2, 10);
        pacer.acquire(Bucket::Account, start).unwrap();
        pacer.acquire(Bucket::Account, start).unwrap();
        let hold = pacer.acquire(Bucket::Account, start).unwrap_err();
        assert_eq!(hold.delay, None, "only an answer can free a slot");
        let answer = start + Duration::from_secs(2);
        pacer.answered(Bucket::Account, answer, &Reported::default());
        let hold = pacer.acquire(Bucket::Account, answer).unwrap_err();
        assert_eq!(
            hold.delay,
            Some(MINUTE),
            "the window runs from the answer, not from the send"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn one_request_at_a_time_until_the_server_has_answered() {
        let mut pacer = Pacer::new(MINUTE, 200, 10);
        let now = Instant::now();
        pacer.acquire(Bucket::Account, now).unwrap();
        assert_eq!(
            pacer.acquire(Bucket::Account, now).unwrap_err().delay,
            None,
            "the account's limit is not known yet"
        );
        pacer.answered(Bucket::Account, now, &Reported::default());
        assert!(pacer.acquire(Bucket::Account, now).is_ok());
        assert!(pacer.acquire(Bucket::Account, now).is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn the_account_limit_follows_the_server() {
        let (mut pacer, now) = pacer(200, 10);
        let reported = Reported {
            limit: Some(1),
            ..Reported::default()
        };
        pacer.acquire(Bucket::Account, now).unwrap();
        pacer.answered(Bucket::Account, now, &reported);
        let hold = pacer.acquire(Bucket::Account, now).unwrap_err();
        assert_eq!((hold.budget.limit, hold.delay), (1, Some(MINUTE)));
    }

    #[tokio::test(start_paused = true)]
    async fn what_others_spent_of_the_account_budget_is_counted() {
        let (mut pacer, now) = pacer(10, 10);
        let reported = Reported {
            limit: Some(10),
            remaining: Some(2),
            reset: None,
        };
        pacer.acquire(Bucket::Account, now).unwrap();
        pacer.answered(Bucket::Account, now, &reported);
        assert!(pacer.acquire(Bucket::Account, now).is_ok());
        assert!(pacer.acquire(Bucket::Account, now).is_ok());
        assert_eq!(
            pacer.acquire(Bucket::Account, now).unwrap_err().delay,
            Some(MINUTE),
            "8 used by the server's count, 2 more of ours: the budget is spent"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn nothing_remaining_waits_for_the_servers_reset() {
        let (mut pacer, now) = pacer(700, 10);
        let reported = Reported {
            limit: Some(700),
            remaining: Some(0),
            reset: Some(Duration::from_secs(7)),
        };
        pacer.acquire(Bucket::Account, now).unwrap();
        pacer.answered(Bucket::Account, now, &reported);
        let hold = pacer.acquire(Bucket::Incremental, now).unwrap_err();
        assert_eq!(hold.budget.kind, BudgetKind::Account);
        assert_eq!(hold.delay, Some(Duration::from_secs(7)));
        let huge = Reported {
            reset: Some(Duration::from_secs(u64::MAX)),
            ..reported
        };
        pacer.answered(Bucket::Account, now, &huge);
        assert_eq!(
            pacer.acquire(Bucket::Account, now).unwrap_err().delay,
            Some(MINUTE),
            "a reset beyond the window is bounded by it"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn others_requests_leave_when_the_servers_window_resets() {
        let (mut pacer, now) = pacer(1_000_000, 10);
        let reported = Reported {
            limit: Some(1_000_000),
            remaining: Some(0),
            reset: Some(Duration::from_secs(5)),
        };
        pacer.acquire(Bucket::Account, now).unwrap();
        pacer.answered(Bucket::Account, now + Duration::from_secs(1), &reported);
        let hold = pacer.acquire(Bucket::Account, now).unwrap_err();
        assert_eq!(
            hold.delay,
            Some(Duration::from_secs(6)),
            "a huge budget spent by others is one block, freed at the reset"
        );
        let later = now + Duration::from_secs(6);
        assert!(pacer.acquire(Bucket::Account, later).is_ok());
    }

    #[test]
    fn headers_are_read_in_either_form() {
        let mut headers = HeaderMap::new();
        assert_eq!(Reported::read(&headers), Reported::default());
        headers.insert("x-rate-limit", HeaderValue::from_static("700"));
        headers.insert("x-rate-limit-remaining", HeaderValue::from_static(" 699 "));
        headers.insert("ratelimit-reset", HeaderValue::from_static("41"));
        assert_eq!(
            Reported::read(&headers),
            Reported {
                limit: Some(700),
                remaining: Some(699),
                reset: Some(Duration::from_secs(41))
            }
        );
        let mut headers = HeaderMap::new();
        headers.insert("ratelimit-limit", HeaderValue::from_static("400"));
        headers.insert("ratelimit-remaining", HeaderValue::from_static("-3"));
        headers.insert("ratelimit-reset", HeaderValue::from_static("1e20"));
        assert_eq!(
            Reported::read(&headers),
            Reported {
                limit: Some(400),
                remaining: None,
                reset: None
            },
            "unreadable values are ignored"
        );
    }
}
