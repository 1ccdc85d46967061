//! The HTTP client for one Zendesk account: authenticated GETs that pace themselves under
//! the rate limits (shared by every clone, so concurrent streams share the budgets), wait
//! out 429s (`Retry-After`, up to a cap), and retry transient faults (5xx, timeouts, cut
//! connections, truncated bodies) with exponential backoff and jitter.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderValue;
use reqwest::{StatusCode, Url};
use tokio_util::sync::CancellationToken;

use super::base_url::BaseUrl;
use super::credentials::Credentials;
use super::pacer::{Bucket, Budget, Hold, Pacer, Reported};
use super::retry_after::{retry_after, server_now};
use super::ZendeskError;
use crate::sources::gate::{self, Gate};
use crate::sources::request::{self, Connector, Tries};

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
    /// Requests per window to the Incremental Exports (Zendesk: 10; 30 with High Volume).
    pub incremental_limit: u32,
    /// Account-wide requests per window until the server reports its own (`X-Rate-Limit`).
    pub account_limit: u32,
    /// The longest `Retry-After` waited out; a longer one stops the request with an error.
    pub max_retry_after: Duration,
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
            max_retry_after: Duration::from_secs(15 * 60),
        }
    }
}

/// Why the client is waiting, for progress reports.
pub type Wait = gate::Wait<Budget>;

/// A whole JSON body and the server's clock when it answered.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub body: Bytes,
    /// Unix seconds of the answer's `Date` header, if it had a readable one.
    pub server_now: Option<i64>,
}

/// Clones share one pacer: the account's rate limits hold across all of them.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: BaseUrl,
    authorization: HeaderValue,
    options: ClientOptions,
    gate: Gate<Pacer>,
}

/// How one attempt ended when it did not return a body.
type Failure = request::Failure<ZendeskError>;

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
            gate: Gate::new(pacer),
        })
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// GETs `url` and returns its body once it is known to be whole JSON, retrying as the
    /// module doc says. `on_wait` hears about every wait so progress can show it.
    pub async fn get_json(
        &self,
        url: &Url,
        bucket: Bucket,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Fetched, ZendeskError> {
        if !self.base.owns(url) {
            return Err(ZendeskError::ForeignHost(url.to_string()));
        }
        let tries = Tries {
            transient: self.options.max_tries,
            rate_limit_waits: self.options.max_rate_limit_waits,
            // Zendesk sends no refusal it takes back.
            refused: 1,
            backoff_base: self.options.backoff_base,
            backoff_cap: self.options.backoff_cap,
            rate_window: self.options.rate_window,
        };
        request::get(self, &tries, url, bucket, cancel, on_wait).await
    }
}

impl Connector for Client {
    type Pacer = Pacer;
    type Budget = Budget;
    type Fetched = Fetched;
    type Error = ZendeskError;

    fn gate(&self) -> &Gate<Pacer> {
        &self.gate
    }

    fn budget(hold: &Hold) -> Budget {
        hold.budget
    }

    /// One request; also what the answer said about the account's budget.
    async fn attempt(
        &self,
        url: &Url,
        cancel: &CancellationToken,
    ) -> (Result<Fetched, Failure>, Reported) {
        let sent = request::send(&self.http, url, &self.authorization, cancel).await;
        let response = match sent {
            Ok(response) => response,
            Err(failure) => return (Err(failure), Reported::default()),
        };
        let mut reported = Reported::read(response.headers());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            // Its Retry-After is what counts; its remaining may be another budget's.
            reported = Reported {
                limit: reported.limit,
                ..Reported::default()
            };
        }
        (self.read(url, response, cancel).await, reported)
    }
}

impl Client {
    async fn read(
        &self,
        url: &Url,
        response: reqwest::Response,
        cancel: &CancellationToken,
    ) -> Result<Fetched, Failure> {
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            let wait = retry_after(response.headers(), self.options.max_retry_after);
            return Err(Failure::RateLimited(wait));
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
        let server_now = server_now(response.headers());
        let body = request::read_body(response, cancel).await?;
        request::whole_json(&body)?;
        Ok(Fetched { body, server_now })
    }
}
