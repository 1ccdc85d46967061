//! The HTTP client for one Freshdesk account: authenticated GETs that pace themselves
//! under the account's credits and the tickets list's limit (shared by every clone, so
//! concurrent streams share them), wait out 429s (`Retry-After`, reported so progress can
//! show it, cancellable), retry transient faults (5xx, timeouts, cut connections,
//! truncated bodies, an intermittent `403 access_denied`) with exponential backoff and
//! jitter, and follow `Link: <…>; rel="next"` only on the account's own host.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, LINK, LOCATION};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use tokio_util::sync::CancellationToken;

use super::base_url::BaseUrl;
use super::credentials::ApiKey;
use super::error::FreshdeskError;
use super::pacer::{Budget, Cost, Hold, Pacer, Reported};
use crate::sources::gate::{self, Gate};
use crate::sources::request::{self, Connector, Tries};
use crate::sources::retry_after::{retry_after, server_now};

/// Tunables; the defaults follow Freshdesk's documented limits.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub timeout: Duration,
    /// Tries per request for transient faults (5xx, timeouts, truncated bodies).
    pub max_tries: u32,
    /// Tries of a request answered `403 access_denied`, which Freshdesk sometimes sends
    /// for a moment (tap-freshdesk #28).
    pub access_denied_tries: u32,
    /// Waits for 429s per request before giving up.
    pub max_rate_limit_waits: u32,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// Length of a rate-limit window (Freshdesk counts per minute).
    pub rate_window: Duration,
    /// Credits per window until the server reports its own (`X-RateLimit-Total`); the
    /// smallest plan's by default.
    pub account_limit: u32,
    /// Tickets-list requests per window; `None` takes the plan's share of the account's.
    pub tickets_list_limit: Option<u32>,
    /// Requests in flight at once.
    pub max_in_flight: u32,
    /// The longest `Retry-After` waited out (legacy hourly accounts may ask for up to an
    /// hour); a longer one stops the request with an error.
    pub max_retry_after: Duration,
}

impl Default for ClientOptions {
    fn default() -> ClientOptions {
        ClientOptions {
            timeout: Duration::from_secs(60),
            max_tries: 6,
            access_denied_tries: 3,
            max_rate_limit_waits: 10,
            backoff_base: Duration::from_millis(500),
            backoff_cap: Duration::from_secs(30),
            rate_window: Duration::from_secs(60),
            account_limit: 50,
            tickets_list_limit: None,
            max_in_flight: 3,
            max_retry_after: Duration::from_secs(65 * 60),
        }
    }
}

/// Why the client is waiting, for progress reports.
pub type Wait = gate::Wait<Budget>;

/// A whole JSON body, the next page's URL and the server's clock when it answered.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub body: Bytes,
    /// `Link: <…>; rel="next"`, present only when another row exists.
    pub next: Option<Url>,
    /// Unix seconds of the answer's `Date` header, if it had a readable one.
    pub server_now: Option<i64>,
}

/// One page of a list: its items and the next page's URL.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Url>,
}

/// Clones share one pacer: the account's limits hold across all of them.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: BaseUrl,
    authorization: HeaderValue,
    options: ClientOptions,
    gate: Gate<Pacer>,
}

/// How one attempt ended when it did not return a body.
type Failure = request::Failure<FreshdeskError>;

impl Client {
    pub fn new(
        base: BaseUrl,
        key: &ApiKey,
        options: ClientOptions,
    ) -> Result<Client, FreshdeskError> {
        let mut authorization =
            HeaderValue::from_str(&key.header()).map_err(|_| FreshdeskError::InvalidCredentials)?;
        authorization.set_sensitive(true);
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(Duration::from_secs(15))
            // Never follow redirects: they could carry the key to another host.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Deskbench/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(FreshdeskError::Client)?;
        let pacer = Pacer::new(
            options.rate_window,
            options.account_limit,
            options.tickets_list_limit,
            options.max_in_flight,
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

    /// GETs one page of a list (a JSON array) and the next page's URL.
    pub async fn get_page<T: DeserializeOwned>(
        &self,
        url: &Url,
        cost: Cost,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Page<T>, FreshdeskError> {
        let fetched = self.get_json(url, cost, cancel, on_wait).await?;
        let items = decode(&fetched.body, url)?;
        Ok(Page {
            items,
            next: fetched.next,
        })
    }

    /// GETs one JSON object, e.g. a business-hours calendar.
    pub async fn get<T: DeserializeOwned>(
        &self,
        url: &Url,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<T, FreshdeskError> {
        let fetched = self.get_json(url, Cost::CALL, cancel, on_wait).await?;
        decode(&fetched.body, url)
    }

    /// GETs `url` and returns its body once it is known to be whole JSON, retrying as the
    /// module doc says. `on_wait` hears about every wait so progress can show it.
    pub async fn get_json(
        &self,
        url: &Url,
        cost: Cost,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<Fetched, FreshdeskError> {
        if !self.base.owns(url) {
            return Err(FreshdeskError::ForeignHost(url.to_string()));
        }
        let tries = Tries {
            transient: self.options.max_tries,
            rate_limit_waits: self.options.max_rate_limit_waits,
            refused: self.options.access_denied_tries,
            backoff_base: self.options.backoff_base,
            backoff_cap: self.options.backoff_cap,
            rate_window: self.options.rate_window,
        };
        request::get(self, &tries, url, cost, cancel, on_wait).await
    }

    async fn read(
        &self,
        url: &Url,
        response: reqwest::Response,
        cancel: &CancellationToken,
    ) -> Result<Fetched, Failure> {
        let status = response.status();
        let path = url.path().to_owned();
        if status == StatusCode::TOO_MANY_REQUESTS {
            let wait = retry_after(response.headers(), self.options.max_retry_after);
            return Err(Failure::RateLimited(wait));
        }
        if status.is_redirection() {
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            return Err(Failure::Fatal(FreshdeskError::Redirect { location }));
        }
        if status.is_server_error() {
            return Err(Failure::Transient(format!("server error {status}")));
        }
        let headers = response.headers().clone();
        let body = request::read_body(response, cancel).await?;
        if !status.is_success() {
            return Err(refusal(status, &body, path));
        }
        request::whole_json(&body)?;
        Ok(Fetched {
            body,
            next: self.next_link(&headers)?,
            server_now: server_now(&headers),
        })
    }

    /// The `rel="next"` URL of the `Link` header; one off the account's API is refused.
    fn next_link(&self, headers: &HeaderMap) -> Result<Option<Url>, Failure> {
        let Some(link) = headers.get(LINK).and_then(|v| v.to_str().ok()) else {
            return Ok(None);
        };
        let Some(next) = next_of(link) else {
            return Ok(None);
        };
        let url = Url::parse(next).map_err(|e| {
            Failure::Fatal(FreshdeskError::UnexpectedResponse(format!(
                "the next page's link is not a URL ({e})"
            )))
        })?;
        if !self.base.owns(&url) {
            return Err(Failure::Fatal(FreshdeskError::ForeignHost(url.to_string())));
        }
        Ok(Some(url))
    }
}

/// `<URL>; rel="next"` among the header's comma-separated links.
fn next_of(link: &str) -> Option<&str> {
    link.split(',').find_map(|part| {
        let (target, params) = part.trim().split_once(';')?;
        let is_next = params
            .split(';')
            .any(|p| p.trim().replace(' ', "") == "rel=\"next\"" || p.trim() == "rel=next");
        is_next.then(|| target.trim().trim_start_matches('<').trim_end_matches('>'))
    })
}

impl Connector for Client {
    type Pacer = Pacer;
    type Budget = Budget;
    type Fetched = Fetched;
    type Error = FreshdeskError;

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
            // Its Retry-After is what counts; its remaining may be the list's budget
            // spent, not the account's, and would hold every stream for a window.
            reported.remaining = None;
        }
        (self.read(url, response, cancel).await, reported)
    }
}

/// What a 4xx answer means, from its status and Freshdesk's `code`.
fn refusal(status: StatusCode, body: &[u8], path: String) -> Failure {
    #[derive(serde::Deserialize, Default)]
    struct Refusal {
        code: Option<String>,
        #[serde(default)]
        errors: Vec<FieldError>,
    }
    #[derive(serde::Deserialize)]
    struct FieldError {
        field: Option<String>,
        message: Option<String>,
    }
    let refusal: Refusal = serde_json::from_slice(body).unwrap_or_default();
    let error = match status {
        StatusCode::UNAUTHORIZED => FreshdeskError::Unauthorized,
        StatusCode::FORBIDDEN => match refusal.code.as_deref() {
            Some("access_denied") => return Failure::Refused("403 access_denied".into()),
            Some("require_feature") => FreshdeskError::FeatureUnavailable { path },
            Some("ssl_required") => FreshdeskError::SslRequired,
            code => FreshdeskError::Forbidden {
                path,
                code: code.unwrap_or("forbidden").to_owned(),
            },
        },
        StatusCode::NOT_FOUND => FreshdeskError::NotFound { path },
        StatusCode::BAD_REQUEST => {
            let first = refusal.errors.first();
            let field = first.and_then(|e| e.field.as_deref());
            let message = first.and_then(|e| e.message.as_deref()).unwrap_or("");
            if field == Some("page") && message.contains("300") {
                FreshdeskError::PageCeiling { path }
            } else {
                FreshdeskError::BadRequest {
                    path,
                    detail: format!("{}: {message}", field.unwrap_or("request")),
                }
            }
        }
        StatusCode::CONFLICT => return Failure::Transient("409 Conflict".into()),
        s => FreshdeskError::Status {
            status: s.as_u16(),
            path,
        },
    };
    Failure::Fatal(error)
}

fn decode<T: DeserializeOwned>(body: &[u8], url: &Url) -> Result<T, FreshdeskError> {
    serde_json::from_slice(body)
        .map_err(|e| FreshdeskError::UnexpectedResponse(format!("{}: {e}", url.path())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_link_is_found_among_others() {
        let link = r#"<https://a.freshdesk.com/api/v2/tickets?page=1>; rel="prev", <https://a.freshdesk.com/api/v2/tickets?page=3>; rel="next""#;
        assert_eq!(
            next_of(link),
            Some("https://a.freshdesk.com/api/v2/tickets?page=3")
        );
        assert_eq!(next_of(r#"<https://x/api/v2/t?page=2>; rel="prev""#), None);
        assert_eq!(next_of("garbage"), None);
    }

    #[test]
    fn refusals_are_told_apart_by_their_code() {
        let path = || "/api/v2/tickets".to_owned();
        let fatal = |status, body: &str| match refusal(status, body.as_bytes(), path()) {
            Failure::Fatal(e) => e,
            _ => panic!("{body} is fatal"),
        };
        assert!(matches!(
            fatal(
                StatusCode::FORBIDDEN,
                r#"{"code":"require_feature","message":"…"}"#
            ),
            FreshdeskError::FeatureUnavailable { .. }
        ));
        assert!(matches!(
            fatal(StatusCode::FORBIDDEN, r#"{"code":"ssl_required"}"#),
            FreshdeskError::SslRequired
        ));
        assert!(matches!(
            fatal(StatusCode::FORBIDDEN, "<html>"),
            FreshdeskError::Forbidden { code, .. } if code == "forbidden"
        ));
        assert!(matches!(
            refusal(
                StatusCode::FORBIDDEN,
                br#"{"code":"access_denied"}"#,
                path()
            ),
            Failure::Refused(_)
        ));
        assert!(matches!(
            fatal(StatusCode::NOT_FOUND, ""),
            FreshdeskError::NotFound { .. }
        ));
        let bad = fatal(
            StatusCode::BAD_REQUEST,
            r#"{"description":"Validation failed","errors":[{"field":"updated_since","message":"It should be in the 'valid datetime' format","code":"invalid_value"}]}"#,
        );
        assert_eq!(
            bad.to_string(),
            "Freshdesk refused the request for /api/v2/tickets (400): updated_since: It should be in the 'valid datetime' format"
        );
    }
}
