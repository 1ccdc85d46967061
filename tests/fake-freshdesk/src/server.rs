//! HTTP layer: one middleware (`gate`) does what every request goes through — the log,
//! latency, authentication, faults, rate limits and their headers, mutation hooks — and
//! `handlers.rs` builds the bodies.

// Errors are complete HTTP responses, built once per rejected request.
#![allow(clippy::result_large_err)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::json;
use tokio::time::Instant;

use fake_zendesk::{cut, http_date, truncate};

use crate::config::FakeConfig;
use crate::dataset::Dataset;
use crate::faults::{Change, Delivery, Faults};
use crate::handlers;
use crate::limits::{Admission, Limiter};
use crate::query::{forbidden, json_response, not_found, Query};
use crate::report::{Logged, Stats};

/// State shared by the server and the `FakeFreshdesk` handle.
pub(crate) struct App {
    pub config: FakeConfig,
    pub base_url: String,
    data: RwLock<Dataset>,
    faults: Mutex<Faults>,
    fault_seq: AtomicU64,
    server_errors: AtomicU64,
    list_pages: AtomicU64,
    limiter: Mutex<Limiter>,
    log: Mutex<Vec<Logged>>,
    requests: AtomicU64,
    rejected: AtomicU64,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl App {
    pub(crate) fn new(config: FakeConfig, base_url: String, data: Dataset) -> App {
        App {
            limiter: Mutex::new(Limiter::new(
                config.account_limit,
                config.tickets_list_limit,
                config.window,
            )),
            config,
            base_url,
            data: RwLock::new(data),
            faults: Mutex::new(Faults::default()),
            fault_seq: AtomicU64::new(0),
            server_errors: AtomicU64::new(0),
            list_pages: AtomicU64::new(0),
            log: Mutex::new(Vec::new()),
            requests: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
        }
    }

    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Dataset> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, Dataset> {
        self.data.write().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn set_faults(&self, faults: Faults) {
        *lock(&self.faults) = faults;
        self.fault_seq.store(0, Ordering::SeqCst);
        self.list_pages.store(0, Ordering::SeqCst);
    }

    pub(crate) fn log(&self) -> Vec<Logged> {
        lock(&self.log).clone()
    }

    pub(crate) fn stats(&self) -> Stats {
        let limiter = lock(&self.limiter);
        let (max_credits_in_window, max_tickets_list_in_window) = limiter.maxima();
        let (credits, tickets_list_requests) = limiter.totals();
        Stats {
            requests: self.requests.load(Ordering::SeqCst),
            rejected_429: self.rejected.load(Ordering::SeqCst),
            credits,
            max_credits_in_window,
            tickets_list_requests,
            max_tickets_list_in_window,
        }
    }

    pub(crate) fn reset_stats(&self) {
        lock(&self.log).clear();
        self.requests.store(0, Ordering::SeqCst);
        self.rejected.store(0, Ordering::SeqCst);
        lock(&self.limiter).reset_maxima();
    }

    fn authorized(&self, headers: &HeaderMap) -> bool {
        let Some(encoded) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Basic "))
        else {
            return false;
        };
        let Ok(raw) = STANDARD.decode(encoded.trim()) else {
            return false;
        };
        let user = raw.split(|&b| b == b':').next().unwrap_or_default();
        user == self.config.api_key.as_bytes()
    }

    /// 429: per-minute (`Retry-After`, the account's headers) or the legacy hourly body.
    fn too_many(&self, retry_after: String) -> Response {
        self.rejected.fetch_add(1, Ordering::SeqCst);
        let message = if self.config.hourly {
            "You have exceeded the limit of requests per hour"
        } else {
            "You have exceeded the limit of requests per minute"
        };
        let mut resp = json_response(
            StatusCode::TOO_MANY_REQUESTS,
            &json!({ "message": message }),
        );
        if let Ok(value) = HeaderValue::from_str(&retry_after) {
            resp.headers_mut().insert(header::RETRY_AFTER, value);
        }
        if !self.config.hourly {
            let remaining = lock(&self.limiter).account_remaining();
            self.rate_headers(&mut resp, remaining, 0);
        }
        resp
    }

    fn rate_headers(&self, resp: &mut Response, remaining: u32, used: u32) {
        let h = resp.headers_mut();
        h.insert(
            "x-ratelimit-total",
            HeaderValue::from(self.config.account_limit),
        );
        h.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
        h.insert("x-ratelimit-used-currentrequest", HeaderValue::from(used));
    }

    fn apply_mutations(&self, page: u64) {
        let changes: Vec<Change> = lock(&self.faults)
            .mutations
            .iter()
            .filter(|m| m.after_page == page)
            .map(|m| m.change.clone())
            .collect();
        for change in changes {
            let mut data = self.write();
            match change {
                Change::Update(ids) => data.update_tickets(&ids),
                Change::Delete(ids) => data.delete_tickets(&ids),
                Change::Spam(ids) => data.spam_tickets(&ids),
            }
        }
    }
}

pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/api/v2/tickets", get(handlers::tickets))
        .route(
            "/api/v2/tickets/{id}/conversations",
            get(handlers::conversations),
        )
        .route("/api/v2/tickets/archived/{id}", get(handlers::archived))
        .route("/api/v2/contacts", get(handlers::contacts))
        .route("/api/v2/companies", get(handlers::companies))
        .route("/api/v2/agents", get(handlers::agents))
        .route("/api/v2/groups", get(handlers::groups))
        .route("/api/v2/ticket_fields", get(handlers::ticket_fields))
        .route("/api/v2/products", get(handlers::products))
        .route("/api/v2/business_hours", get(handlers::business_hours))
        .route("/api/v2/business_hours/{id}", get(handlers::business_hour))
        .route("/api/v2/sla_policies", get(handlers::sla_policies))
        .route("/api/v2/surveys", get(handlers::surveys))
        .route(
            "/api/v2/surveys/satisfaction_ratings",
            get(handlers::ratings),
        )
        .route("/api/v2/solutions/categories", get(handlers::categories))
        .route(
            "/api/v2/solutions/categories/{id}/folders",
            get(handlers::folders),
        )
        .route(
            "/api/v2/solutions/folders/{id}/articles",
            get(handlers::articles),
        )
        .fallback(not_found_handler)
        .method_not_allowed_fallback(not_found_handler)
        .layer(middleware::from_fn_with_state(app.clone(), gate))
        .with_state(app)
}

async fn not_found_handler() -> Response {
    not_found()
}

/// The stream a path belongs to, as `Faults::require_feature` names them.
fn stream(path: &str) -> &str {
    let rest = path.strip_prefix("/api/v2/").unwrap_or(path);
    let mut parts = rest.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("tickets"), Some("archived"), _) => "archived",
        (Some("tickets"), Some(_), Some("conversations")) => "conversations",
        (Some("surveys"), Some("satisfaction_ratings"), _) => "satisfaction_ratings",
        (Some(first), ..) => first,
        _ => "",
    }
}

/// Credits a request costs: 1, plus 2 per `include` on the tickets list.
fn credits(path: &str, query: Option<&str>) -> u32 {
    if path != "/api/v2/tickets" {
        return 1;
    }
    let includes = Query::parse(query)
        .get("include")
        .map_or(0, |v| v.split(',').filter(|s| !s.trim().is_empty()).count());
    1 + 2 * includes as u32
}

/// Everything a request goes through before and after its handler.
async fn gate(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_owned);
    app.requests.fetch_add(1, Ordering::SeqCst);
    let (resp, charged) = answer(&app, req, next, &path, query.as_deref()).await;
    lock(&app.log).push(Logged {
        path: path.clone(),
        query: query.unwrap_or_default(),
        status: resp.status().as_u16(),
        credits: charged,
    });
    if path == "/api/v2/tickets" && resp.status() == StatusCode::OK {
        let page = app.list_pages.fetch_add(1, Ordering::SeqCst) + 1;
        app.apply_mutations(page);
    }
    resp
}

/// The response and the credits it was charged.
async fn answer(
    app: &App,
    req: Request,
    next: Next,
    path: &str,
    query: Option<&str>,
) -> (Response, u32) {
    if !app.config.latency.is_zero() {
        tokio::time::sleep(app.config.latency).await;
    }
    if !app.authorized(req.headers()) {
        let body = json!({
            "code": "invalid_credentials",
            "message": "You have to be logged in to perform this action.",
        });
        return (json_response(StatusCode::UNAUTHORIZED, &body), 0);
    }
    let faults = lock(&app.faults).clone();
    let n = app.fault_seq.fetch_add(1, Ordering::SeqCst) + 1;
    let delivery = faults.delivery(n);
    if delivery == Delivery::RateLimit {
        let retry = faults
            .retry_after
            .clone()
            .unwrap_or_else(|| app.config.retry_after_secs.to_string());
        return (app.too_many(retry), 0);
    }
    let cost = credits(path, query);
    let admission = lock(&app.limiter).admit(cost, path == "/api/v2/tickets");
    let remaining = match admission {
        Admission::Accepted { remaining } => remaining,
        Admission::Rejected { retry_at } => {
            let wait = retry_at.map_or(app.config.window, |at| at - Instant::now());
            let seconds = if app.config.hourly {
                wait.as_secs_f64().ceil() as u64
            } else {
                app.config
                    .retry_after_secs
                    .max(wait.as_secs_f64().ceil() as u64)
            };
            return (app.too_many(seconds.max(1).to_string()), 0);
        }
    };
    let mut resp = if delivery == Delivery::AccessDenied {
        forbidden(
            "access_denied",
            "You are not authorized to perform this action.",
        )
    } else if faults.gated(stream(path)) {
        forbidden(
            "require_feature",
            "The Fake feature(s) is/are not supported in your plan. Please upgrade your account to use it.",
        )
    } else {
        match delivery {
            Delivery::ServerError => server_error(app.server_errors.fetch_add(1, Ordering::SeqCst)),
            Delivery::Slow(pause) => {
                tokio::time::sleep(pause).await;
                next.run(req).await
            }
            Delivery::Cut => cut(next.run(req).await).await,
            Delivery::Truncate => truncate(next.run(req).await).await,
            _ => next.run(req).await,
        }
    };
    app.rate_headers(&mut resp, remaining, cost);
    if let Ok(date) = HeaderValue::from_str(&http_date(app.read().clock)) {
        resp.headers_mut().insert(header::DATE, date);
    }
    (resp, cost)
}

/// 500 with a JSON body, then 503 with an HTML body (as from a proxy), alternating.
fn server_error(k: u64) -> Response {
    if k.is_multiple_of(2) {
        json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({ "code": "internal_error", "message": "We're sorry, but something went wrong." }),
        )
    } else {
        let mut resp = Response::new(Body::from(
            "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
        ));
        *resp.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        resp
    }
}
