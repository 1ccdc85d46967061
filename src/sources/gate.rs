//! The pacing every connector's client shares: a request waits until its pacer gives it a
//! slot, holds it while in flight, and has it dated when its answer is in — or when it is
//! dropped without one (cancelled, or its task stopped), so a slot is never lost. Clones
//! share the pacer, so concurrent streams share the account's budgets.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// A pacer's budgets as the gate uses them; each connector's pacer knows its limits.
pub(crate) trait Pacing {
    /// What a request spends (its bucket, its credits).
    type Cost: Copy;
    /// What an answer said about the budgets.
    type Reported: Default;
    /// Why a request may not go yet.
    type Hold;

    fn acquire(&mut self, cost: Self::Cost, now: Instant) -> Result<(), Self::Hold>;
    fn answered(&mut self, cost: Self::Cost, at: Instant, reported: &Self::Reported);
    /// How long the hold lasts; `None` until a request in flight is answered.
    fn delay(hold: &Self::Hold) -> Option<Duration>;
}

/// Why a client is waiting, for progress reports; `B` names the connector's budgets.
#[derive(Debug, Clone, PartialEq)]
pub enum Wait<B> {
    /// Keeping under a budget before sending.
    Pacing { delay: Duration, budget: B },
    /// The server answered 429; waiting its `Retry-After`.
    RateLimited(Duration),
    /// A transient fault; retrying after a backoff.
    Retrying {
        after: Duration,
        attempt: u32,
        reason: String,
    },
}

/// The wait was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cancelled;

pub(crate) struct Gate<P> {
    pacer: Arc<Mutex<P>>,
    /// Told whenever an answer is in, which may free a slot.
    answered: Arc<Notify>,
}

impl<P> Clone for Gate<P> {
    fn clone(&self) -> Self {
        Gate {
            pacer: self.pacer.clone(),
            answered: self.answered.clone(),
        }
    }
}

impl<P: Pacing> Gate<P> {
    pub(crate) fn new(pacer: P) -> Gate<P> {
        Gate {
            pacer: Arc::new(Mutex::new(pacer)),
            answered: Arc::new(Notify::new()),
        }
    }

    fn pacer(&self) -> MutexGuard<'_, P> {
        // The pacer's state stays consistent between its calls; a panic elsewhere cannot
        // leave it half-changed.
        self.pacer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the pacer gives a request of `cost` a slot. `on_hold` hears of every
    /// timed wait; a wait for an answer in flight is bounded by `backstop`.
    pub(crate) async fn pace(
        &self,
        cost: P::Cost,
        backstop: Duration,
        cancel: &CancellationToken,
        on_hold: &mut (dyn FnMut(&P::Hold, Duration) + Send),
    ) -> Result<Slot<'_, P>, Cancelled> {
        loop {
            // Listening before asking, so an answer that frees a slot is never missed.
            let answered = self.answered.notified();
            let hold = match self.pacer().acquire(cost, Instant::now()) {
                Ok(()) => {
                    return Ok(Slot {
                        gate: self,
                        cost,
                        open: true,
                    })
                }
                Err(hold) => hold,
            };
            // An answer never frees a dated slot earlier, so only a wait for a request in
            // flight listens for answers.
            let delay = P::delay(&hold);
            if let Some(delay) = delay {
                on_hold(&hold, delay);
            }
            tokio::select! {
                _ = tokio::time::sleep(delay.unwrap_or(backstop)) => {}
                _ = answered, if delay.is_none() => {}
                _ = cancel.cancelled() => return Err(Cancelled),
            }
        }
    }
}

/// A request's place in the pacer's budgets, dated when its answer is in.
pub(crate) struct Slot<'a, P: Pacing> {
    gate: &'a Gate<P>,
    cost: P::Cost,
    open: bool,
}

impl<P: Pacing> Slot<'_, P> {
    pub(crate) fn answered(mut self, reported: &P::Reported) {
        self.close(reported);
    }

    fn close(&mut self, reported: &P::Reported) {
        if std::mem::take(&mut self.open) {
            self.gate
                .pacer()
                .answered(self.cost, Instant::now(), reported);
            self.gate.answered.notify_waiters();
        }
    }
}

impl<P: Pacing> Drop for Slot<'_, P> {
    fn drop(&mut self) {
        self.close(&P::Reported::default());
    }
}

/// Sleeps `duration` unless cancelled first.
pub(crate) async fn sleep(duration: Duration, cancel: &CancellationToken) -> Result<(), Cancelled> {
    tokio::select! {
        _ = tokio::time::sleep(duration) => Ok(()),
        _ = cancel.cancelled() => Err(Cancelled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One request at a time; records what was dated.
    #[derive(Default)]
    struct OneAtATime {
        busy: bool,
        dated: Vec<u32>,
    }

    impl Pacing for OneAtATime {
        type Cost = u32;
        type Reported = ();
        type Hold = ();

        fn acquire(&mut self, _: u32, _: Instant) -> Result<(), ()> {
            if std::mem::replace(&mut self.busy, true) {
                Err(())
            } else {
                Ok(())
            }
        }

        fn answered(&mut self, cost: u32, _: Instant, _: &()) {
            self.busy = false;
            self.dated.push(cost);
        }

        fn delay(_: &()) -> Option<Duration> {
            None
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_slot_is_dated_and_wakes_the_next_request() {
        let gate = Gate::new(OneAtATime::default());
        let cancel = CancellationToken::new();
        let backstop = Duration::from_secs(3_600);
        let first = gate
            .pace(1, backstop, &cancel, &mut |_, _| {})
            .await
            .unwrap();
        let waiter = {
            let gate = gate.clone();
            let cancel = cancel.clone();
            tokio::spawn(async move {
                let start = Instant::now();
                let slot = gate.pace(2, backstop, &cancel, &mut |_, _| {}).await;
                slot.map(|slot| {
                    slot.answered(&());
                    start.elapsed()
                })
            })
        };
        tokio::task::yield_now().await;
        drop(first);
        let waited = waiter.await.unwrap().unwrap();
        assert!(
            waited < backstop,
            "woken by the drop, not the backstop: {waited:?}"
        );
        assert_eq!(gate.pacer().dated, [1, 2], "the dropped slot was dated too");

        let _held = gate
            .pace(3, backstop, &cancel, &mut |_, _| {})
            .await
            .unwrap();
        cancel.cancel();
        let refused = gate.pace(4, backstop, &cancel, &mut |_, _| {}).await;
        assert_eq!(refused.err(), Some(Cancelled));
    }
}
