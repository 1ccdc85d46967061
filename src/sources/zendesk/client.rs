//! The HTTP client for one Zendesk account: authenticated GETs that pace themselves under
//! the rate limits, wait out 429s (`Retry-After`), and retry transient faults (5xx,
//! timeouts, cut connections, truncated bodies) with exponential backoff and jitter.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use rand::Rng;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, RETRY_AFTER};
use reqwest::{StatusCode, Url};
use serde::de::IgnoredAny;
use tokio::sync::Mutex;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::base_url::BaseUrl;
use super::credentials::Credentials;
use super::pacer::{Bucket, Pacer};
use super::ZendeskError;

/// Tunables; the defaults follow Zendesk's documented limits.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub timeout: Duration,
    /// Tries per request for transient faults (5xx, timeouts, truncated bodies).
    pub max_tries: u32,
    /// Waits for 429s per request before giving up.
    pub max_rate_limit_waits: u32,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// Length of a rate-limit window (Zendesk counts per minute).
    pub rate_window: Duration,
    /// Requests per window to the incremental exports (Zendesk: 10).
    pub incremental_limit: u32,
    /// Account-wide requests per window until the server reports its own (`X-Rate-Limit`).
    pub account_limit: u32,
}

impl Default for ClientOptions {
    fn default() -> ClientOptions {
        ClientOptions {
            timeout: Duration::from_secs(60),
            max_tries: 6,
            max_rate_limit_waits: 10,
            backoff_base: Duration::from_millis(500),
            backoff_cap: Duration::from_secs(30),
            rate_window: Duration::from_secs(60),
            incremental_limit: 10,
            account_limit: 200,
        }
    }
}

/// Why the client is waiting, for progress reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Wait {
    /// Keeping under a rate limit before sending.
    Pacing(Duration),
    /// The server answered 429; waiting its `Retry-After`.
    RateLimited(Duration),
    /// A transient fault; retrying after a backoff.
    Retrying {
        after: Duration,
        attempt: u32,
        reason: String,
    },
}

/// Clones share one pacer: the account's rate limits hold across all of them.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: BaseUrl,
    authorization: HeaderValue,
    options: ClientOptions,
    pacer: Arc<Mutex<Pacer>>,
}

/// How one attempt ended when it did not return a body.
enum Failure {
    Fatal(ZendeskError),
    RateLimited(Duration),
    Transient(String),
}

impl Client {
    pub fn new(
        base: BaseUrl,
        credentials: &Credentials,
        options: ClientOptions,
    ) -> Result<Client, ZendeskError> {
        let mut authorization = HeaderValue::from_str(&credentials.header())
            .map_err(|_| ZendeskError::InvalidCredentials)?;
        authorization.set_sensitive(true);
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(Duration::from_secs(15))
            // Never follow redirects: they could carry the token to another host.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Deskbench/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(ZendeskError::Client)?;
        let pacer = Pacer::new(
            options.rate_window,
            options.account_limit,
            options.incremental_limit,
        );
        Ok(Client {
            http,
            base,
            authorization,
            options,
            pacer: Arc::new(Mutex::new(pacer)),
        })
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// GETs `url` and returns its body once it is known to be whole JSON, retrying as the
    /// module doc says. `on_wait` hears
    /// about every wait so progress can show it.
    pub async fn get_json(
        &self,
        url: &Url,
        bucket: Bucket,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Bytes, ZendeskError> {
        if !self.base.owns(url) {
            return Err(ZendeskError::ForeignHost(url.to_string()));
        }
        let path = url.path().to_owned();
        let (mut tries, mut rate_waits) = (0u32, 0u32);
        loop {
            self.pace(bucket, cancel, on_wait).await?;
            let outcome = self.attempt(url, cancel).await;
            // Counted when the answer is in: the server counts the request no earlier, so
            // the next window starts no sooner on our side than on Zendesk's.
            self.pacer.lock().await.record(bucket, Instant::now());
            let failure = match outcome {
                Ok(value) => return Ok(value),
                Err(failure) => failure,
            };
            match failure {
                Failure::Fatal(err) => return Err(err),
                Failure::RateLimited(wait) => {
                    rate_waits += 1;
                    if rate_waits > self.options.max_rate_limit_waits {
                        return Err(ZendeskError::RateLimitedTooLong { path });
                    }
                    let wait = wait + jitter(Duration::from_millis(250));
                    on_wait(Wait::RateLimited(wait));
                    sleep(wait, cancel).await?;
                }
                Failure::Transient(reason) => {
                    tries += 1;
                    if tries >= self.options.max_tries {
                        return Err(ZendeskError::GaveUp {
                            path,
                            tries,
                            last: reason,
                        });
                    }
                    let after = self.backoff(tries);
                    on_wait(Wait::Retrying {
                        after,
                        attempt: tries,
                        reason,
                    });
                    sleep(after, cancel).await?;
                }
            }
        }
    }

    async fn pace(
        &self,
        bucket: Bucket,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<(), ZendeskError> {
        loop {
            let delay = self.pacer.lock().await.delay(bucket, Instant::now());
            if delay.is_zero() {
                return Ok(());
            }
            on_wait(Wait::Pacing(delay));
            sleep(delay, cancel).await?;
        }
    }

    async fn attempt(&self, url: &Url, cancel: &CancellationToken) -> Result<Bytes, Failure> {
        let request = self
            .http
            .get(url.clone())
            .header(AUTHORIZATION, self.authorization.clone())
            .send();
        let response = tokio::select! {
            r = request => r,
            _ = cancel.cancelled() => return Err(Failure::Fatal(ZendeskError::Cancelled)),
        };
        let response = response.map_err(|e| Failure::Transient(describe(e)))?;
        let status = response.status();
        self.adopt_limit(response.headers()).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Failure::RateLimited(retry_after(response.headers())));
        }
        let path = url.path().to_owned();
        match status {
            s if s.is_success() => {}
            StatusCode::UNAUTHORIZED => return Err(Failure::Fatal(ZendeskError::Unauthorized)),
            StatusCode::FORBIDDEN => return Err(Failure::Fatal(ZendeskError::Forbidden { path })),
            StatusCode::NOT_FOUND => return Err(Failure::Fatal(ZendeskError::NotFound { path })),
            StatusCode::CONFLICT => return Err(Failure::Transient("409 Conflict".into())),
            s if s.is_server_error() => {
                return Err(Failure::Transient(format!("server error {s}")))
            }
            s => {
                return Err(Failure::Fatal(ZendeskError::Status {
                    status: s.as_u16(),
                    path,
                }))
            }
        }
        let body = tokio::select! {
            b = response.bytes() => b.map_err(|e| Failure::Transient(format!("the connection broke: {}", describe(e))))?,
            _ = cancel.cancelled() => return Err(Failure::Fatal(ZendeskError::Cancelled)),
        };
        // Checked here, without building anything, so a truncated body is retried like a
        // broken connection; the caller reads the records from the same bytes.
        serde_json::from_slice::<IgnoredAny>(&body)
            .map_err(|e| Failure::Transient(format!("incomplete or invalid JSON ({e})")))?;
        Ok(body)
    }

    async fn adopt_limit(&self, headers: &HeaderMap) {
        let limit = headers
            .get("x-rate-limit")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u32>().ok());
        if let Some(limit) = limit {
            self.pacer.lock().await.set_account_limit(limit);
        }
    }

    /// base · 2^(try−1), capped, plus up to 25% jitter so retries do not align.
    fn backoff(&self, tries: u32) -> Duration {
        let exp = self
            .options
            .backoff_base
            .saturating_mul(1 << (tries - 1).min(16));
        let capped = exp.min(self.options.backoff_cap);
        capped + jitter(capped / 4)
    }
}

/// `Retry-After` in seconds; 60 s when absent or unreadable, as Zendesk's clients assume.
fn retry_after(headers: &HeaderMap) -> Duration {
    headers
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(Duration::from_secs(60))
}

fn jitter(max: Duration) -> Duration {
    if max.is_zero() {
        return max;
    }
    max.mul_f64(rand::thread_rng().gen::<f64>())
}

async fn sleep(duration: Duration, cancel: &CancellationToken) -> Result<(), ZendeskError> {
    tokio::select! {
        _ = tokio::time::sleep(duration) => Ok(()),
        _ = cancel.cancelled() => Err(ZendeskError::Cancelled),
    }
}

/// A transport error in plain words, without the URL (which has no secret, but is noise).
fn describe(err: reqwest::Error) -> String {
    if err.is_timeout() {
        "the request timed out".into()
    } else if err.is_connect() {
        "could not connect".into()
    } else {
        let err = err.without_url();
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_defaults_to_a_minute() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), Duration::from_secs(60));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Duration::from_secs(7));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let options = ClientOptions {
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(8),
            ..ClientOptions::default()
        };
        let base = BaseUrl::parse("http://127.0.0.1:1").unwrap();
        let client = Client::new(
            base,
            &Credentials::OAuth {
                access_token: "t".into(),
            },
            options,
        )
        .unwrap();
        let first = client.backoff(1);
        assert!(first >= Duration::from_secs(1) && first <= Duration::from_millis(1250));
        let late = client.backoff(10);
        assert!(late >= Duration::from_secs(8) && late <= Duration::from_secs(10));
    }
}
