//! Keeps requests under Freshdesk's limits before they are hit (`freshdesk-api.md` §2):
//! the account's credits per minute (sized from `X-RateLimit-Total`, corrected by
//! `X-RateLimit-Remaining` since other apps spend the same budget), the tickets list's own
//! requests per minute (not in any header: the plan table's share of the account's), and
//! at most a few requests in flight. 429s are still honoured by the client.
//!
//! A request takes its credits when it is sent and is dated when its answer is in: the
//! server counts it somewhere in between, so its window never ends later on Freshdesk's
//! side than on ours.

use std::collections::VecDeque;
use std::time::Duration;

use reqwest::header::HeaderMap;
use tokio::time::Instant;

use crate::sources::gate::Pacing;

/// Which limits a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Only the account's credits.
    Account,
    /// `GET /tickets`: its own requests per minute and the account's credits.
    TicketsList,
}

/// What one request costs: its bucket and its credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub bucket: Bucket,
    pub credits: u32,
}

impl Cost {
    /// Any request but the tickets list: one credit.
    pub const CALL: Cost = Cost {
        bucket: Bucket::Account,
        credits: 1,
    };

    /// A tickets-list page with `includes` side-loads: 1 credit and 2 per include.
    pub fn tickets_list(includes: u32) -> Cost {
        Cost {
            bucket: Bucket::TicketsList,
            credits: 1 + 2 * includes,
        }
    }
}

/// A budget a request can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetKind {
    /// The account's credits per window (`X-RateLimit-Total`).
    AccountCredits,
    /// The tickets list's requests per window.
    TicketsList,
    /// Requests answered at once.
    InFlight,
}

/// A budget as it stands: its limit per window.
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
    /// How long until it may go; `None` until a request in flight is answered.
    pub delay: Option<Duration>,
}

/// What the server said about the account's budget on one answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reported {
    pub total: Option<u32>,
    pub remaining: Option<u32>,
    /// Credits the answered request cost (`X-RateLimit-Used-CurrentRequest`).
    pub used: Option<u32>,
}

impl Reported {
    pub fn read(headers: &HeaderMap) -> Reported {
        let count = |name: &str| {
            let n = headers
                .get(name)?
                .to_str()
                .ok()?
                .trim()
                .parse::<u64>()
                .ok()?;
            Some(n.min(u64::from(u32::MAX)) as u32)
        };
        Reported {
            total: count("x-ratelimit-total"),
            remaining: count("x-ratelimit-remaining"),
            used: count("x-ratelimit-used-currentrequest"),
        }
    }
}

/// The tickets list's requests per minute on the plan whose account limit is `total`
/// (Growth 200 → 20, Pro 400 → 100, Enterprise 700 → 200; Trial has no sub-limit). Other
/// totals get the share of the largest plan they reach.
pub fn tickets_list_limit(total: u32) -> u32 {
    match total {
        t if t >= 700 => t * 2 / 7,
        t if t >= 400 => t / 4,
        t if t >= 200 => t / 10,
        t => t,
    }
    .max(1)
}

/// A sliding window of weighted requests.
#[derive(Debug)]
struct Window {
    limit: u32,
    /// When each answered request came back and what it cost, oldest first.
    answered: VecDeque<(Instant, u32)>,
    answered_sum: u32,
    in_flight: u32,
    /// Spent by others (other apps of the account), held for a window.
    others: u32,
    others_until: Option<Instant>,
}

impl Window {
    fn new(limit: u32) -> Window {
        Window {
            limit: limit.max(1),
            answered: VecDeque::new(),
            answered_sum: 0,
            in_flight: 0,
            others: 0,
            others_until: None,
        }
    }

    fn expire(&mut self, now: Instant, window: Duration) {
        while let Some(&(at, weight)) = self.answered.front() {
            if now.saturating_duration_since(at) < window {
                break;
            }
            self.answered.pop_front();
            self.answered_sum -= weight;
        }
        if self.others_until.is_some_and(|until| until <= now) {
            self.others = 0;
            self.others_until = None;
        }
    }

    fn used(&self) -> u32 {
        self.answered_sum + self.in_flight + self.others
    }

    /// When `weight` more fits; `None` when only an answer in flight can make room. A
    /// request dearer than the whole limit waits for an empty window.
    fn slot(&mut self, now: Instant, window: Duration, weight: u32) -> Option<Instant> {
        self.expire(now, window);
        let weight = weight.min(self.limit);
        let mut used = self.used();
        if used + weight <= self.limit {
            return Some(now);
        }
        // Room frees as answered requests and the others' block leave, in time order.
        let mut leaving: Vec<(Instant, u32)> = self
            .answered
            .iter()
            .map(|&(at, w)| (at + window, w))
            .collect();
        if let Some(until) = self.others_until {
            leaving.push((until, self.others));
            leaving.sort_by_key(|(at, _)| *at);
        }
        for (at, w) in leaving {
            used -= w;
            if used + weight <= self.limit {
                return Some(at);
            }
        }
        None
    }

    fn answer(&mut self, at: Instant, sent: u32, charged: u32) {
        self.in_flight = self.in_flight.saturating_sub(sent);
        // Answers of concurrent requests can be dated out of order.
        let i = self.answered.partition_point(|(t, _)| *t <= at);
        self.answered.insert(i, (at, charged));
        self.answered_sum += charged;
    }
}

#[derive(Debug)]
pub struct Pacer {
    window: Duration,
    account: Window,
    tickets_list: Window,
    /// The tickets list's limit was given, not derived from the account's.
    list_limit_given: bool,
    max_in_flight: u32,
    in_flight: u32,
    /// Until the first answer the account's limit is a guess, so one request at a time.
    heard: bool,
}

impl Pacer {
    /// `account_limit` stands until the server reports its own; `tickets_list_limit`
    /// `None` follows the plan table.
    pub fn new(
        window: Duration,
        account_limit: u32,
        tickets_list_limit: Option<u32>,
        max_in_flight: u32,
    ) -> Pacer {
        Pacer {
            window,
            account: Window::new(account_limit),
            tickets_list: Window::new(
                tickets_list_limit.unwrap_or_else(|| self::tickets_list_limit(account_limit)),
            ),
            list_limit_given: tickets_list_limit.is_some(),
            max_in_flight: max_in_flight.max(1),
            in_flight: 0,
            heard: false,
        }
    }

    fn budget(&self, kind: BudgetKind) -> Budget {
        let limit = match kind {
            BudgetKind::AccountCredits => self.account.limit,
            BudgetKind::TicketsList => self.tickets_list.limit,
            BudgetKind::InFlight => self.max_in_flight,
        };
        Budget {
            kind,
            limit,
            window: self.window,
        }
    }

    /// Takes a slot for a request of `cost` sent now, or says what holds it back.
    pub fn acquire(&mut self, cost: Cost, now: Instant) -> Result<(), Hold> {
        let in_flight_cap = if self.heard { self.max_in_flight } else { 1 };
        if self.in_flight >= in_flight_cap {
            return Err(Hold {
                budget: self.budget(BudgetKind::InFlight),
                delay: None,
            });
        }
        let account = self.account.slot(now, self.window, cost.credits);
        let list = match cost.bucket {
            Bucket::Account => Some(now),
            Bucket::TicketsList => self.tickets_list.slot(now, self.window, 1),
        };
        match (account, list) {
            (Some(a), Some(l)) if a <= now && l <= now => {
                self.in_flight += 1;
                self.account.in_flight += cost.credits;
                if cost.bucket == Bucket::TicketsList {
                    self.tickets_list.in_flight += 1;
                }
                Ok(())
            }
            // Report the budget that holds the request back longest.
            (Some(a), Some(l)) if l > a => Err(Hold {
                budget: self.budget(BudgetKind::TicketsList),
                delay: Some(l.saturating_duration_since(now)),
            }),
            (Some(_), None) => Err(Hold {
                budget: self.budget(BudgetKind::TicketsList),
                delay: None,
            }),
            (a, _) => Err(Hold {
                budget: self.budget(BudgetKind::AccountCredits),
                delay: a.map(|a| a.saturating_duration_since(now)),
            }),
        }
    }

    /// The request's answer is in at `at` (or it failed without one): its credits are
    /// dated — what the server says it charged, if it says — and what the server
    /// `reported` about the account's budget is adopted.
    pub fn answered(&mut self, cost: Cost, at: Instant, reported: &Reported) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let charged = reported.used.unwrap_or(cost.credits);
        self.account.answer(at, cost.credits, charged);
        if cost.bucket == Bucket::TicketsList {
            self.tickets_list.answer(at, 1, 1);
        }
        self.heard = true;
        if let Some(total) = reported.total.filter(|t| *t > 0) {
            self.account.limit = total;
            if !self.list_limit_given {
                self.tickets_list.limit = tickets_list_limit(total);
            }
        }
        let Some(remaining) = reported.remaining else {
            return;
        };
        self.account.expire(at, self.window);
        let server_used = self.account.limit.saturating_sub(remaining);
        let missing = server_used.saturating_sub(self.account.used());
        if missing > 0 {
            self.account.others += missing;
            self.account.others_until = self.account.others_until.max(Some(at + self.window));
        }
    }
}

/// The gate every client shares waits on this pacer.
impl Pacing for Pacer {
    type Cost = Cost;
    type Reported = Reported;
    type Hold = Hold;

    fn acquire(&mut self, cost: Cost, now: Instant) -> Result<(), Hold> {
        Pacer::acquire(self, cost, now)
    }

    fn answered(&mut self, cost: Cost, at: Instant, reported: &Reported) {
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
    fn pacer(account: u32, list: Option<u32>) -> (Pacer, Instant) {
        let mut pacer = Pacer::new(MINUTE, account, list, 3);
        pacer.heard = true;
        (pacer, Instant::now())
    }

    fn send(pacer: &mut Pacer, cost: Cost, at: Instant) {
        pacer.acquire(cost, at).expect("a slot is free");
        pacer.answered(cost, at, &Reported::default());
    }

    #[tokio::test(start_paused = true)]
    async fn includes_cost_credits_of_the_account() {
        let (mut pacer, start) = pacer(10, Some(100));
        send(&mut pacer, Cost::tickets_list(1), start);
        send(&mut pacer, Cost::tickets_list(2), start);
        let hold = pacer.acquire(Cost::tickets_list(1), start).unwrap_err();
        assert_eq!(
            (hold.budget.kind, hold.delay),
            (BudgetKind::AccountCredits, Some(MINUTE)),
            "3 + 5 credits spent, 3 more do not fit in 10"
        );
        assert!(
            pacer.acquire(Cost::CALL, start).is_ok(),
            "one credit still does"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_tickets_list_keeps_its_own_budget() {
        let (mut pacer, start) = pacer(200, Some(2));
        send(&mut pacer, Cost::tickets_list(1), start);
        send(
            &mut pacer,
            Cost::tickets_list(1),
            start + Duration::from_secs(10),
        );
        let hold = pacer
            .acquire(Cost::tickets_list(1), start + Duration::from_secs(20))
            .unwrap_err();
        assert_eq!(
            (hold.budget.kind, hold.budget.limit, hold.delay),
            (BudgetKind::TicketsList, 2, Some(Duration::from_secs(40))),
            "the third list page waits for the first to leave the window"
        );
        assert!(
            pacer.acquire(Cost::CALL, start).is_ok(),
            "other endpoints go on"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_server_sizes_both_budgets() {
        let mut pacer = Pacer::new(MINUTE, 50, None, 3);
        let now = Instant::now();
        let reported = Reported {
            total: Some(200),
            remaining: Some(197),
            used: Some(3),
        };
        pacer.acquire(Cost::tickets_list(1), now).unwrap();
        pacer.answered(Cost::tickets_list(1), now, &reported);
        assert_eq!(pacer.budget(BudgetKind::AccountCredits).limit, 200);
        assert_eq!(
            pacer.budget(BudgetKind::TicketsList).limit,
            20,
            "Growth's share"
        );
        for total in [(50, 50), (400, 100), (700, 200), (1_400, 400)] {
            assert_eq!(tickets_list_limit(total.0), total.1);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn what_others_spent_is_counted_for_a_window() {
        let (mut pacer, now) = pacer(10, Some(10));
        let reported = Reported {
            total: Some(10),
            remaining: Some(2),
            used: Some(1),
        };
        pacer.acquire(Cost::CALL, now).unwrap();
        pacer.answered(Cost::CALL, now, &reported);
        assert!(pacer.acquire(Cost::CALL, now).is_ok());
        assert!(pacer.acquire(Cost::CALL, now).is_ok());
        let later = now + Duration::from_secs(1);
        pacer.answered(Cost::CALL, later, &Reported::default());
        pacer.answered(Cost::CALL, later, &Reported::default());
        assert_eq!(
            pacer.acquire(Cost::CALL, later).unwrap_err().delay,
            Some(MINUTE - Duration::from_secs(1)),
            "8 spent by the server's count and 2 more of ours"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_few_requests_at_most_are_in_flight() {
        let mut pacer = Pacer::new(MINUTE, 1_000, None, 2);
        let now = Instant::now();
        pacer.acquire(Cost::CALL, now).unwrap();
        let hold = pacer.acquire(Cost::CALL, now).unwrap_err();
        assert_eq!(
            hold.delay, None,
            "one at a time until the server has answered"
        );
        pacer.answered(Cost::CALL, now, &Reported::default());
        pacer.acquire(Cost::CALL, now).unwrap();
        pacer.acquire(Cost::CALL, now).unwrap();
        let hold = pacer.acquire(Cost::CALL, now).unwrap_err();
        assert_eq!((hold.budget.kind, hold.delay), (BudgetKind::InFlight, None));
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_dearer_than_the_limit_waits_for_an_empty_window() {
        let (mut pacer, now) = pacer(2, Some(10));
        send(&mut pacer, Cost::CALL, now);
        let hold = pacer.acquire(Cost::tickets_list(2), now).unwrap_err();
        assert_eq!(hold.delay, Some(MINUTE));
        assert!(pacer.acquire(Cost::tickets_list(2), now + MINUTE).is_ok());
    }

    /// Pages of the tickets list sent as soon as the pacer allows, answered at once: the
    /// time they take is what the budget forces, no more.
    #[tokio::test(start_paused = true)]
    async fn pages_go_as_fast_as_the_budgets_allow() {
        let (mut pacer, start) = pacer(200, Some(20));
        let mut now = start;
        for _ in 0..50 {
            loop {
                match pacer.acquire(Cost::tickets_list(1), now) {
                    Ok(()) => break,
                    Err(hold) => now += hold.delay.expect("nothing in flight"),
                }
            }
            pacer.answered(Cost::tickets_list(1), now, &Reported::default());
        }
        assert_eq!(
            now - start,
            2 * MINUTE,
            "50 pages at 20 a minute: two full waits"
        );
    }

    #[test]
    fn headers_are_read_and_bad_values_ignored() {
        let mut headers = HeaderMap::new();
        assert_eq!(Reported::read(&headers), Reported::default());
        headers.insert("x-ratelimit-total", HeaderValue::from_static("700"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static(" 695 "));
        headers.insert(
            "x-ratelimit-used-currentrequest",
            HeaderValue::from_static("-3"),
        );
        assert_eq!(
            Reported::read(&headers),
            Reported {
                total: Some(700),
                remaining: Some(695),
                used: None
            }
        );
    }
}
