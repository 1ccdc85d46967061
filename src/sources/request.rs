//! The request-and-retry loop every connector's client shares: wait for a slot under the
//! account's budgets, send, and when an attempt fails wait out a 429's `Retry-After`,
//! back off after a transient fault (5xx, timeout, cut connection, truncated body), or
//! try again a refusal the server sometimes takes back a moment later. Each client says
//! how one attempt ended and names the ways the loop gives up in its own error type.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderValue, AUTHORIZATION};

use reqwest::{Response, Url};
use serde::de::IgnoredAny;
use tokio_util::sync::CancellationToken;

use super::gate::{self, Gate, Pacing, Slot, Wait};
use super::retry_after::RetryAfter;
use super::transport::{backoff, describe, jitter};

/// How one attempt ended when it did not return a body.
pub(crate) enum Failure<E> {
    /// Trying again would not help.
    Fatal(E),
    RateLimited(RetryAfter),
    Transient(String),
    /// A refusal the server sometimes takes back (Freshdesk's `403 access_denied`):
    /// tried again a few times before it stands.
    Refused(String),
}

/// Sends one authorised GET; a cancel or a connection that fails ends it as a `Failure`.
pub(crate) async fn send<E: From<GaveUp>>(
    http: &reqwest::Client,
    url: &Url,
    authorization: &HeaderValue,
    cancel: &CancellationToken,
) -> Result<Response, Failure<E>> {
    let request = http
        .get(url.clone())
        .header(AUTHORIZATION, authorization.clone())
        .send();
    tokio::select! {
        r = request => r.map_err(|e| Failure::Transient(describe(e))),
        _ = cancel.cancelled() => Err(Failure::Fatal(GaveUp::Cancelled.into())),
    }
}

/// Reads a whole answer's body; a cancel or a cut connection ends it as a `Failure`.
pub(crate) async fn read_body<E: From<GaveUp>>(
    response: Response,
    cancel: &CancellationToken,
) -> Result<Bytes, Failure<E>> {
    let body = tokio::select! {
        b = response.bytes() => b.map_err(|e| Failure::Transient(format!("the connection broke: {}", describe(e))))?,
        _ = cancel.cancelled() => return Err(Failure::Fatal(GaveUp::Cancelled.into())),
    };
    Ok(body)
}

/// Checks a body is whole JSON, without building anything, so a truncated body is
/// retried like a broken connection; the caller reads the records from the same bytes.
pub(crate) fn whole_json<E>(body: &[u8]) -> Result<(), Failure<E>> {
    serde_json::from_slice::<IgnoredAny>(body)
        .map(drop)
        .map_err(|e| Failure::Transient(format!("incomplete or invalid JSON ({e})")))
}

/// Why the loop gave up; each connector's error says it in its own words.
pub(crate) enum GaveUp {
    Cancelled,
    WaitTooLong {
        seconds: f64,
    },
    RateLimitedTooLong {
        path: String,
    },
    Transient {
        path: String,
        tries: u32,
        last: String,
    },
    Refused {
        path: String,
    },
}

/// How long the loop keeps trying.
pub(crate) struct Tries {
    /// Tries for transient faults.
    pub transient: u32,
    /// Waits for 429s.
    pub rate_limit_waits: u32,
    /// Tries of a refusal the server may take back.
    pub refused: u32,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// How long a request waits for an answer in flight before asking its pacer again.
    pub rate_window: Duration,
}

/// What a connector's client does alike: attempts a request under its pacer.
pub(crate) trait Connector: Sync {
    type Pacer: Pacing + Send;
    /// The budget a pacing wait names in progress.
    type Budget;
    /// A whole answer.
    type Fetched: Send;
    type Error: From<GaveUp> + Send;

    fn gate(&self) -> &Gate<Self::Pacer>;
    fn budget(hold: &<Self::Pacer as Pacing>::Hold) -> Self::Budget;
    /// One request; also what the answer said about the account's budgets.
    fn attempt(
        &self,
        url: &Url,
        cancel: &CancellationToken,
    ) -> impl Future<Output = Attempted<Self>> + Send;
}

/// How an attempt ended, and what its answer said about the budgets.
pub(crate) type Attempted<C> = (
    Result<<C as Connector>::Fetched, Failure<<C as Connector>::Error>>,
    <<C as Connector>::Pacer as Pacing>::Reported,
);

/// GETs `url` until it answers whole, retrying as the module doc says; `on_wait` hears
/// about every wait so progress can show it.
pub(crate) async fn get<C: Connector>(
    client: &C,
    tries: &Tries,
    url: &Url,
    cost: <C::Pacer as Pacing>::Cost,
    cancel: &CancellationToken,
    on_wait: &mut (dyn FnMut(Wait<C::Budget>) + Send),
) -> Result<C::Fetched, C::Error>
where
    <C::Pacer as Pacing>::Cost: Send,
{
    let path = url.path().to_owned();
    let (mut transient, mut rate_waits, mut refused) = (0u32, 0u32, 0u32);
    loop {
        let slot = pace(client, tries, cost, cancel, on_wait).await?;
        let (outcome, reported) = client.attempt(url, cancel).await;
        slot.answered(&reported);
        let reason = match outcome {
            Ok(fetched) => return Ok(fetched),
            Err(Failure::Fatal(err)) => return Err(err),
            Err(Failure::RateLimited(RetryAfter::TooLong(seconds))) => {
                return Err(GaveUp::WaitTooLong { seconds }.into())
            }
            Err(Failure::RateLimited(RetryAfter::Wait(wait))) => {
                rate_waits += 1;
                if rate_waits > tries.rate_limit_waits {
                    return Err(GaveUp::RateLimitedTooLong { path }.into());
                }
                let wait = wait + jitter(Duration::from_millis(250));
                on_wait(Wait::RateLimited(wait));
                sleep(wait, cancel).await?;
                continue;
            }
            Err(Failure::Refused(reason)) => {
                refused += 1;
                if refused >= tries.refused {
                    return Err(GaveUp::Refused { path }.into());
                }
                reason
            }
            Err(Failure::Transient(reason)) => {
                transient += 1;
                if transient >= tries.transient {
                    return Err(GaveUp::Transient {
                        path,
                        tries: transient,
                        last: reason,
                    }
                    .into());
                }
                reason
            }
        };
        let attempt = transient + refused;
        let after = backoff(tries.backoff_base, tries.backoff_cap, attempt);
        on_wait(Wait::Retrying {
            after,
            attempt,
            reason,
        });
        sleep(after, cancel).await?;
    }
}

/// Waits until the pacer gives the request a slot, telling `on_wait` of timed waits.
async fn pace<'a, C: Connector>(
    client: &'a C,
    tries: &Tries,
    cost: <C::Pacer as Pacing>::Cost,
    cancel: &CancellationToken,
    on_wait: &mut (dyn FnMut(Wait<C::Budget>) + Send),
) -> Result<Slot<'a, C::Pacer>, C::Error> {
    let mut on_hold = |hold: &<C::Pacer as Pacing>::Hold, delay| {
        on_wait(Wait::Pacing {
            delay,
            budget: C::budget(hold),
        })
    };
    client
        .gate()
        .pace(cost, tries.rate_window, cancel, &mut on_hold)
        .await
        .map_err(|_| GaveUp::Cancelled.into())
}

async fn sleep<E: From<GaveUp>>(duration: Duration, cancel: &CancellationToken) -> Result<(), E> {
    gate::sleep(duration, cancel)
        .await
        .map_err(|_| GaveUp::Cancelled.into())
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use tokio::time::Instant;

    use super::*;

    /// A pacer that always has room.
    struct Open;

    impl Pacing for Open {
        type Cost = ();
        type Reported = ();
        type Hold = ();
        fn acquire(&mut self, _: (), _: Instant) -> Result<(), ()> {
            Ok(())
        }
        fn answered(&mut self, _: (), _: Instant, _: &()) {}
        fn delay(_: &()) -> Option<Duration> {
            None
        }
    }

    #[derive(Debug, PartialEq)]
    enum Error {
        Fatal,
        GaveUp(String),
    }

    impl From<GaveUp> for Error {
        fn from(gave_up: GaveUp) -> Error {
            Error::GaveUp(match gave_up {
                GaveUp::Cancelled => "cancelled".into(),
                GaveUp::WaitTooLong { .. } => "wait too long".into(),
                GaveUp::RateLimitedTooLong { .. } => "rate limited".into(),
                GaveUp::Transient { tries, last, .. } => format!("{tries} tries, {last}"),
                GaveUp::Refused { path } => format!("refused {path}"),
            })
        }
    }

    /// Answers with its script, one outcome per attempt, then with a body.
    struct Scripted {
        gate: Gate<Open>,
        script: Mutex<Vec<Failure<Error>>>,
    }

    impl Connector for Scripted {
        type Pacer = Open;
        type Budget = ();
        type Fetched = &'static str;
        type Error = Error;

        fn gate(&self) -> &Gate<Open> {
            &self.gate
        }

        fn budget(_: &()) {}

        async fn attempt(
            &self,
            _: &Url,
            _: &CancellationToken,
        ) -> (Result<&'static str, Failure<Error>>, ()) {
            let mut script = self.script.lock().unwrap();
            let outcome = if script.is_empty() {
                Ok("body")
            } else {
                Err(script.remove(0))
            };
            (outcome, ())
        }
    }

    const TRIES: Tries = Tries {
        transient: 3,
        rate_limit_waits: 2,
        refused: 2,
        backoff_base: Duration::from_millis(1),
        backoff_cap: Duration::from_millis(2),
        rate_window: Duration::from_millis(10),
    };

    async fn run(script: Vec<Failure<Error>>) -> (Result<&'static str, Error>, Vec<String>) {
        let client = Scripted {
            gate: Gate::new(Open),
            script: Mutex::new(script),
        };
        let url = Url::parse("https://acme.example/api/v2/tickets").unwrap();
        let mut waits = Vec::new();
        let mut on_wait = |wait: Wait<()>| {
            waits.push(match wait {
                Wait::Retrying { reason, .. } => reason,
                other => format!("{other:?}"),
            })
        };
        let result = get(
            &client,
            &TRIES,
            &url,
            (),
            &CancellationToken::new(),
            &mut on_wait,
        )
        .await;
        (result, waits)
    }

    #[tokio::test(start_paused = true)]
    async fn faults_are_retried_within_their_own_counts() {
        let transient = || Failure::Transient("cut".into());
        let refused = || Failure::Refused("403 access_denied".into());
        let (result, waits) = run(vec![transient(), refused(), transient()]).await;
        assert_eq!(
            result,
            Ok("body"),
            "two faults and one refusal fit the counts"
        );
        assert_eq!(waits, ["cut", "403 access_denied", "cut"]);

        let (result, _) = run(vec![refused(), refused()]).await;
        assert_eq!(result, Err(Error::GaveUp("refused /api/v2/tickets".into())));
        let (result, _) = run(vec![transient(), transient(), transient()]).await;
        assert_eq!(result, Err(Error::GaveUp("3 tries, cut".into())));
        let (result, _) = run(vec![Failure::Fatal(Error::Fatal)]).await;
        assert_eq!(result, Err(Error::Fatal), "a fatal answer is never retried");
    }

    #[tokio::test(start_paused = true)]
    async fn rate_limits_wait_their_retry_after_until_too_many() {
        let limited = || Failure::RateLimited(RetryAfter::Wait(Duration::from_secs(5)));
        let (result, waits) = run(vec![limited(), limited()]).await;
        assert_eq!(result, Ok("body"));
        assert_eq!(waits.len(), 2);
        let (result, _) = run(vec![limited(), limited(), limited()]).await;
        assert_eq!(result, Err(Error::GaveUp("rate limited".into())));
        let (result, _) = run(vec![Failure::RateLimited(RetryAfter::TooLong(7200.0))]).await;
        assert_eq!(result, Err(Error::GaveUp("wait too long".into())));
    }
}
