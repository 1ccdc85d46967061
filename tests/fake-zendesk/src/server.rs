//! HTTP layer: one middleware (`gate`) does what every Zendesk request goes through —
//! statistics, latency, authentication, fault choice, rate limiting, rate-limit headers —
//! and one handler per endpoint builds the page. Every path is served with and without
//! the `.json` suffix, as the real API does.

// Errors are complete HTTP responses, built once per rejected request: their size does
// not matter here.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, MethodRouter};
use axum::{Extension, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Map, Value};

use crate::config::{FakeConfig, MetricSetsForm};
use crate::dataset::Dataset;
use crate::faults::{self, Delivery, Faults};
use crate::json;
use crate::limits::{Admission, Limiter};
use crate::pagination::{
    cursor_page, decode_cursor, decode_list_cursor, enc, encode_cursor, encode_list_cursor,
    list_page, time_page, ListFrom, Query,
};
use crate::report::Stats;
use crate::time::{http_date, wall_now};

/// Largest page of the list (CBP/offset) endpoints, as in the real API.
const LIST_MAX: usize = 100;
/// Offset pagination refuses to go past this many records (§7.4).
const OFFSET_MAX_RECORDS: usize = 10_000;

#[derive(Default)]
struct StatsInner {
    requests: u64,
    rejected_429: u64,
    by_path: BTreeMap<String, u64>,
    malformed: BTreeSet<i64>,
}

/// State shared by the server and the `FakeZendesk` handle.
pub(crate) struct App {
    pub config: FakeConfig,
    pub base_url: String,
    pub data: RwLock<Dataset>,
    faults: Mutex<Faults>,
    fault_seq: AtomicU64,
    server_errors: AtomicU64,
    metric_pages: AtomicU64,
    limiter: Mutex<Limiter>,
    stats: Mutex<StatsInner>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl App {
    pub(crate) fn new(config: FakeConfig, base_url: String, data: Dataset) -> App {
        App {
            limiter: Mutex::new(Limiter::new(
                config.account_limit,
                config.incremental_limit,
                config.window,
            )),
            config,
            base_url,
            data: RwLock::new(data),
            faults: Mutex::new(Faults::default()),
            fault_seq: AtomicU64::new(0),
            server_errors: AtomicU64::new(0),
            metric_pages: AtomicU64::new(0),
            stats: Mutex::new(StatsInner::default()),
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
    }

    pub(crate) fn stats(&self) -> Stats {
        let limiter = lock(&self.limiter);
        let (max_account, max_incremental) = limiter.maxima();
        let (account_requests, incremental_requests) = limiter.totals();
        drop(limiter);
        let s = lock(&self.stats);
        Stats {
            requests: s.requests,
            max_account_in_window: max_account,
            max_incremental_in_window: max_incremental,
            account_requests,
            incremental_requests,
            rejected_429: s.rejected_429,
            by_path: s.by_path.clone(),
            malformed_ids: s.malformed.iter().copied().collect(),
        }
    }

    pub(crate) fn reset_stats(&self) {
        *lock(&self.stats) = StatsInner::default();
        lock(&self.limiter).reset_maxima();
    }

    fn authorized(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        else {
            return false;
        };
        if let Some(encoded) = value.strip_prefix("Basic ") {
            let expected = format!("{}/token:{}", self.config.email, self.config.token);
            STANDARD
                .decode(encoded.trim())
                .is_ok_and(|raw| raw == expected.as_bytes())
        } else if let Some(token) = value.strip_prefix("Bearer ") {
            self.config.oauth_token.as_deref() == Some(token.trim())
        } else {
            false
        }
    }

    /// 403 if the stream is plan-gated, or admin-only and the token is not an admin's.
    fn deny(&self, stream: &str, admin_only: bool) -> Option<Response> {
        let forbidden = self.config.forbidden.iter().any(|s| s == stream);
        (forbidden || (admin_only && !self.config.admin)).then(|| {
            error(
                StatusCode::FORBIDDEN,
                json!({ "error": "Forbidden", "description": "You do not have access to this page." }),
            )
        })
    }

    /// Page size from `param`, capped at `max`; 400 if not a positive integer.
    fn page_size(&self, q: &Query, param: &str, max: usize) -> Result<usize, Response> {
        let max = max.min(self.config.page_size).max(1);
        match q.get(param) {
            None => Ok(max),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n > 0 => Ok(n.min(max)),
                _ => Err(invalid(&format!("{param} must be a positive integer"))),
            },
        }
    }

    /// `start_time`: required; an integer, not negative, not in the future.
    fn start_time(&self, q: &Query, now: i64) -> Result<i64, Response> {
        let Some(raw) = q.get("start_time") else {
            return Err(invalid("start_time is required"));
        };
        match raw.parse::<i64>() {
            Ok(t) if t >= 0 && t <= now.max(wall_now()) => Ok(t),
            Ok(_) => Err(invalid(
                "start_time must not be negative and must be in the past",
            )),
            Err(_) => Err(invalid("start_time must be a Unix epoch time in seconds")),
        }
    }

    fn too_many(&self, faults: &Faults) -> Response {
        lock(&self.stats).rejected_429 += 1;
        let mut resp = error(
            StatusCode::TOO_MANY_REQUESTS,
            json!({ "error": "TooManyRequests" }),
        );
        let retry_after = faults
            .retry_after
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
            .unwrap_or_else(|| HeaderValue::from(self.config.retry_after_secs));
        resp.headers_mut().insert(header::RETRY_AFTER, retry_after);
        self.rate_headers(&mut resp, 0);
        resp
    }

    /// The account's budget, and the fake's logical clock as the server's `Date` (the
    /// dataset's "now", which a client may use to bound its windows).
    fn rate_headers(&self, resp: &mut Response, remaining: u32) {
        let date = http_date(self.read().clock);
        let h = resp.headers_mut();
        h.insert("x-rate-limit", HeaderValue::from(self.config.account_limit));
        h.insert("x-rate-limit-remaining", HeaderValue::from(remaining));
        if let Ok(date) = HeaderValue::from_str(&date) {
            h.insert(header::DATE, date);
        }
    }

    fn url(&self, path: &str, query: &str) -> String {
        format!("{}{path}?{query}", self.base_url)
    }
}

fn error(status: StatusCode, body: Value) -> Response {
    let mut resp = Response::new(Body::from(body.to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

fn invalid(description: &str) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        json!({ "error": "InvalidValue", "description": description }),
    )
}

/// 200 with the JSON body, after the `unknown_fields` switch.
fn respond(faults: &Faults, mut body: Value) -> Response {
    if faults.unknown_fields {
        faults::add_unknown_fields_everywhere(&mut body);
    }
    json_ok(serde_json::to_vec(&body).expect("JSON values serialize"))
}

fn json_ok(bytes: Vec<u8>) -> Response {
    let mut resp = Response::new(Body::from(bytes));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

pub(crate) fn router(app: Arc<App>) -> Router {
    let routes: Vec<(&str, MethodRouter<Arc<App>>)> = vec![
        ("/api/v2/users/me", get(me)),
        ("/api/v2/account/settings", get(settings)),
        (
            "/api/v2/incremental/tickets/cursor",
            get(incremental_tickets),
        ),
        ("/api/v2/incremental/users/cursor", get(incremental_users)),
        (
            "/api/v2/incremental/organizations",
            get(incremental_organizations),
        ),
        (
            "/api/v2/incremental/ticket_metric_events",
            get(metric_events),
        ),
        (
            "/api/v2/incremental/ticket_events",
            get(incremental_ticket_events),
        ),
        ("/api/v2/help_center/incremental/articles", get(articles)),
        ("/api/v2/groups", get(groups)),
        ("/api/v2/brands", get(brands)),
        ("/api/v2/ticket_fields", get(ticket_fields)),
        ("/api/v2/satisfaction_ratings", get(satisfaction_ratings)),
        ("/api/v2/business_hours/schedules", get(schedules)),
    ];
    let mut router = Router::new();
    for (path, route) in routes {
        router = router
            .route(&format!("{path}.json"), route.clone())
            .route(path, route);
    }
    // The holidays' path has the schedule's id in it, with or without `.json`.
    router
        .route(
            "/api/v2/business_hours/schedules/{id}/holidays.json",
            get(holidays),
        )
        .route(
            "/api/v2/business_hours/schedules/{id}/holidays",
            get(holidays),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), gate))
        .with_state(app)
}

async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        json!({ "error": "InvalidEndpoint", "description": "Not found" }),
    )
}

/// The Incremental Exports endpoints, which have their own limit (zendesk-api.md §2.1):
/// tickets, ticket events, users and organizations. Ticket metric events and the Help
/// Center export count only against the account's limit.
fn is_incremental(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v2/incremental/") else {
        return false;
    };
    let resource = rest.split(['/', '.']).next().unwrap_or_default();
    matches!(
        resource,
        "tickets" | "ticket_events" | "users" | "organizations"
    )
}

/// Everything a request goes through before and after its handler.
async fn gate(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    {
        let mut stats = lock(&app.stats);
        stats.requests += 1;
        *stats.by_path.entry(path.clone()).or_default() += 1;
    }
    if !app.config.latency.is_zero() {
        tokio::time::sleep(app.config.latency).await;
    }
    if !app.authorized(req.headers()) {
        let mut resp = error(
            StatusCode::UNAUTHORIZED,
            json!({ "error": "Couldn't authenticate you" }),
        );
        let remaining = lock(&app.limiter).account_remaining();
        app.rate_headers(&mut resp, remaining);
        return resp;
    }

    let faults = lock(&app.faults).clone();
    let n = app.fault_seq.fetch_add(1, Ordering::SeqCst) + 1;
    let delivery = faults.delivery(n);
    if delivery == Delivery::RateLimit {
        return app.too_many(&faults);
    }
    let admission = lock(&app.limiter).admit(is_incremental(&path));
    let remaining = match admission {
        Admission::Accepted { remaining } => remaining,
        Admission::Rejected => return app.too_many(&faults),
    };

    req.extensions_mut().insert(faults);
    let mut resp = match delivery {
        Delivery::ServerError => server_error(app.server_errors.fetch_add(1, Ordering::SeqCst)),
        Delivery::Slow(pause) => {
            tokio::time::sleep(pause).await;
            next.run(req).await
        }
        _ => next.run(req).await,
    };
    match delivery {
        Delivery::Truncate => resp = truncate(resp).await,
        Delivery::Cut => resp = cut(resp).await,
        _ => {}
    }
    app.rate_headers(&mut resp, remaining);
    resp
}

/// 500 with a JSON body, then 503 with an HTML body (as from a proxy), alternating.
fn server_error(k: u64) -> Response {
    if k.is_multiple_of(2) {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({ "error": "InternalError", "description": "Something went wrong" }),
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

async fn body_bytes(resp: Response) -> (axum::http::response::Parts, Bytes) {
    let (mut parts, body) = resp.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    (parts, bytes)
}

/// A complete 200 whose body is the first half of the JSON.
pub async fn truncate(resp: Response) -> Response {
    let (parts, bytes) = body_bytes(resp).await;
    let half = bytes.slice(..bytes.len() / 2);
    Response::from_parts(parts, Body::from(half))
}

/// Sends the first half of the body (chunked), then fails the body stream so the
/// connection is dropped without the terminating chunk.
pub async fn cut(resp: Response) -> Response {
    let (parts, bytes) = body_bytes(resp).await;
    let half = bytes.slice(..bytes.len() / 2);
    let stream = futures_util::stream::unfold(0u8, move |state| {
        let half = half.clone();
        async move {
            match state {
                0 => Some((Ok::<Bytes, std::io::Error>(half), 1)),
                1 => {
                    // Let the first chunk reach the socket before failing.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Some((
                        Err(std::io::Error::new(
                            std::io::ErrorKind::ConnectionReset,
                            "fake-zendesk: connection cut mid-body",
                        )),
                        2,
                    ))
                }
                _ => None,
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

// ---- handlers --------------------------------------------------------------------------

type AppState = State<Arc<App>>;
type Fx = Extension<Faults>;

async fn me(State(app): AppState, Extension(f): Fx) -> Response {
    let data = app.read();
    let user = json::user(&data.users[0], &app.base_url, f.nulls);
    respond(&f, json!({ "user": user }))
}

async fn settings(State(app): AppState, Extension(f): Fx) -> Response {
    respond(&f, json::account_settings(&app.config.time_zone))
}

/// Position where a cursor export starts: after `cursor`, or at `start_time`.
fn export_start(app: &App, q: &Query, now: i64) -> Result<(i64, i64), Response> {
    match q.get("cursor") {
        Some(c) => decode_cursor(c).ok_or_else(|| invalid("Invalid cursor")),
        None => app.start_time(q, now).map(|t| (t, 0)),
    }
}

/// Adds the cursor-export envelope after the items.
fn cursor_envelope(
    app: &App,
    path: &str,
    body: &mut Map<String, Value>,
    last: (i64, i64),
    end: bool,
) {
    let cursor = encode_cursor(last);
    body.insert(
        "after_url".into(),
        json!(app.url(path, &format!("cursor={}", enc(&cursor)))),
    );
    body.insert("after_cursor".into(), json!(cursor));
    body.insert("before_url".into(), Value::Null);
    body.insert("before_cursor".into(), Value::Null);
    body.insert("end_of_stream".into(), json!(end));
}

async fn incremental_tickets(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("tickets", true) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let limit = match app.page_size(&q, "per_page", usize::MAX) {
        Ok(n) => n,
        Err(resp) => return resp,
    };
    let with_metrics = q
        .get("include")
        .is_some_and(|v| v.split(',').any(|s| s.trim() == "metric_sets"));
    let exclude_deleted = q.get("exclude_deleted") == Some("true");
    let ai_only = match q.get("support_type_scope").unwrap_or("agent") {
        "all" | "agent" => false,
        "ai_agent" => true,
        _ => return invalid("support_type_scope must be one of all, agent, ai_agent"),
    };
    let data = app.read();
    let after = match export_start(&app, &q, data.now()) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let page = cursor_page(
        &data.ticket_order,
        |p| *p,
        after,
        limit,
        |&(_, id)| {
            // The fake has no AI-agent tickets.
            let deleted = || {
                data.ticket(id)
                    .is_some_and(|t| t.status == crate::dataset::Status::Deleted)
            };
            !ai_only && (!exclude_deleted || !deleted())
        },
    );
    let top_level = with_metrics
        && match app.config.metric_sets {
            MetricSetsForm::PerTicket => false,
            MetricSetsForm::TopLevel => true,
            MetricSetsForm::Alternate => app.metric_pages.fetch_add(1, Ordering::SeqCst) % 2 == 1,
        };
    // The body is written ticket by ticket: holding a thousand `Value` trees at once
    // made allocation dominate the profile of large pages.
    let mut buf = Vec::with_capacity(page.items.len() * 2_500 + 1_024);
    let mut sets = Vec::new();
    let mut malformed = Vec::new();
    buf.extend_from_slice(b"{\"tickets\":[");
    for (i, &&(_, id)) in page.items.iter().enumerate() {
        let Some(t) = data.ticket(id) else { continue };
        let mut v = json::ticket(&data, t, &app.base_url, f.nulls);
        if with_metrics {
            if let Some(mut ms) = json::metric_set(t, &app.base_url, f.nulls) {
                if top_level {
                    if let (true, Some(obj)) = (f.unknown_fields, ms.as_object_mut()) {
                        faults::add_unknown_fields(obj);
                    }
                    if !sets.is_empty() {
                        sets.push(b',');
                    }
                    serde_json::to_writer(&mut sets, &ms).expect("serialize");
                } else if let Some(obj) = v.as_object_mut() {
                    obj.insert("metric_set".into(), ms);
                }
            }
        }
        if f.malformed_at(i + 1) {
            faults::make_malformed(&mut v, id);
            malformed.push(id);
        }
        if let (true, Some(obj)) = (f.unknown_fields, v.as_object_mut()) {
            faults::add_unknown_fields(obj);
        }
        if buf.last() != Some(&b'[') {
            buf.push(b',');
        }
        serde_json::to_writer(&mut buf, &v).expect("serialize");
    }
    buf.push(b']');
    if top_level {
        buf.extend_from_slice(b",\"metric_sets\":[");
        buf.extend_from_slice(&sets);
        buf.push(b']');
    }
    if !malformed.is_empty() {
        lock(&app.stats).malformed.extend(malformed);
    }
    let mut envelope = Map::new();
    cursor_envelope(&app, uri.path(), &mut envelope, page.last, page.end);
    if f.unknown_fields {
        faults::add_unknown_fields(&mut envelope);
    }
    let envelope = serde_json::to_vec(&envelope).expect("serialize");
    // Splice the envelope's members after the arrays: `{"a":1}` → `,"a":1}`.
    buf.push(b',');
    buf.extend_from_slice(&envelope[1..]);
    json_ok(buf)
}

async fn incremental_users(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("users", true) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let limit = match app.page_size(&q, "per_page", usize::MAX) {
        Ok(n) => n,
        Err(resp) => return resp,
    };
    let data = app.read();
    let after = match export_start(&app, &q, data.now()) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let users = &data.users;
    let key = |&i: &u32| (users[i as usize].updated_at, users[i as usize].id);
    let page = cursor_page(&data.user_order, key, after, limit, |_| true);
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|&&i| json::user(&users[i as usize], &app.base_url, f.nulls))
        .collect();
    let mut body = Map::new();
    body.insert("users".into(), Value::Array(items));
    cursor_envelope(&app, uri.path(), &mut body, page.last, page.end);
    respond(&f, Value::Object(body))
}

/// Envelope of the time-based exports. `end_time` is the last item's timestamp (or the
/// requested start when the page is empty); `next_page` is always a URL; stop on
/// `end_of_stream`.
fn time_envelope(
    app: &App,
    path: &str,
    key: &str,
    items: Vec<Value>,
    end_time: i64,
    end: bool,
) -> Value {
    let mut body = Map::new();
    body.insert("count".into(), json!(items.len()));
    body.insert(key.into(), Value::Array(items));
    body.insert(
        "next_page".into(),
        json!(app.url(path, &format!("start_time={end_time}"))),
    );
    body.insert("end_time".into(), json!(end_time));
    body.insert("end_of_stream".into(), json!(end));
    Value::Object(body)
}

async fn incremental_organizations(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("organizations", true) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let limit = match app.page_size(&q, "per_page", usize::MAX) {
        Ok(n) => n,
        Err(resp) => return resp,
    };
    let data = app.read();
    let start = match app.start_time(&q, data.now()) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    let orgs = &data.orgs;
    let key = |&i: &u32| (orgs[i as usize].updated_at, orgs[i as usize].id);
    let (page, end) = time_page(&data.org_order, key, start, limit);
    let end_time = page.last().map_or(start, |i| key(i).0);
    let items = page
        .iter()
        .map(|&i| json::organization(&orgs[i as usize], &app.base_url, f.nulls))
        .collect();
    respond(
        &f,
        time_envelope(&app, uri.path(), "organizations", items, end_time, end),
    )
}

/// The ticket events export: time-based, so a page ends at its last event's time and the
/// next one starts there again (events of that second served twice).
async fn incremental_ticket_events(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("ticket_events", true) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let limit = match app.page_size(&q, "per_page", usize::MAX) {
        Ok(n) => n,
        Err(resp) => return resp,
    };
    let data = app.read();
    let start = match app.start_time(&q, data.now()) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    let key = |e: &crate::history::TicketEvent| (e.at, e.id);
    let (page, end) = time_page(&data.ticket_events, key, start, limit);
    let end_time = page.last().map_or(start, |e| e.at);
    // `include` is a comma-separated list of sideloads.
    let comments = q
        .get("include")
        .is_some_and(|i| i.split(',').any(|s| s.trim() == "comment_events"));
    let items = page
        .iter()
        .map(|e| crate::history::json(e, comments))
        .collect();
    respond(
        &f,
        time_envelope(&app, uri.path(), "ticket_events", items, end_time, end),
    )
}

async fn metric_events(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("ticket_metric_events", true) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let data = app.read();
    let start = match app.start_time(&q, data.now()) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    let key = |e: &crate::dataset::MetricEvent| (e.time, e.id);
    if q.has("page[size]") || q.has("page[after]") || q.has("page[before]") {
        // Cursor pagination (§3.2): chronological, at most 100 per page.
        let first = data.events.partition_point(|e| e.time < start);
        let events = &data.events[first..];
        let extra = format!("start_time={start}");
        return match list_request(&app, &q, uri.path(), &extra, events, key, |e| {
            json::metric_event(e)
        }) {
            Ok(body) => respond(&f, wrap("ticket_metric_events", body)),
            Err(resp) => resp,
        };
    }
    let limit = match app.page_size(&q, "per_page", usize::MAX) {
        Ok(n) => n,
        Err(resp) => return resp,
    };
    let (page, end) = time_page(&data.events, key, start, limit);
    let end_time = page.last().map_or(start, |e| e.time);
    let items = page.iter().map(json::metric_event).collect();
    respond(
        &f,
        time_envelope(
            &app,
            uri.path(),
            "ticket_metric_events",
            items,
            end_time,
            end,
        ),
    )
}

async fn articles(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    // Agents may use the Help Center incremental export; only the plan can forbid it.
    if let Some(resp) = app.deny("articles", false) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let limit = match app.page_size(&q, "per_page", 1_000) {
        Ok(n) => n,
        Err(resp) => return resp,
    };
    let data = app.read();
    let start = match app.start_time(&q, data.now()) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    let articles = &data.articles;
    let key = |&i: &u32| (articles[i as usize].updated_at, articles[i as usize].id);
    let (page, end) = time_page(&data.article_order, key, start, limit);
    let end_time = page.last().map_or(start, |i| key(i).0);
    let items = page
        .iter()
        .map(|&i| json::article(&articles[i as usize], &app.base_url))
        .collect();
    respond(
        &f,
        time_envelope(&app, uri.path(), "articles", items, end_time, end),
    )
}

/// `{ key: items, ...rest }` with the items first, as Zendesk orders them.
fn wrap(key: &str, (items, rest): (Vec<Value>, Map<String, Value>)) -> Value {
    let mut body = Map::new();
    body.insert(key.into(), Value::Array(items));
    body.extend(rest);
    Value::Object(body)
}

/// A list request in cursor (`page[size]`/`page[after]`/`page[before]`) or offset
/// (`page`/`per_page`, the fallback without `page[size]`) pagination over `items`
/// sorted by `key`. `extra` is the filter part of the query, repeated in the links.
fn list_request<T>(
    app: &App,
    q: &Query,
    path: &str,
    extra: &str,
    items: &[T],
    key: impl Fn(&T) -> (i64, i64) + Copy,
    build: impl Fn(&T) -> Value,
) -> Result<(Vec<Value>, Map<String, Value>), Response> {
    let prefix = if extra.is_empty() {
        String::new()
    } else {
        format!("{extra}&")
    };
    let mut rest = Map::new();
    let cbp = q.has("page[size]") || q.has("page[after]") || q.has("page[before]");
    if cbp {
        let size = app.page_size(q, "page[size]", LIST_MAX)?;
        let cursor = |param: &str| -> Result<Option<(i64, i64)>, Response> {
            q.get(param)
                .map(|c| decode_list_cursor(c).ok_or_else(|| invalid("Invalid cursor")))
                .transpose()
        };
        let from = match (cursor("page[after]")?, cursor("page[before]")?) {
            (Some(k), _) => ListFrom::After(k),
            (None, Some(k)) => ListFrom::Before(k),
            (None, None) => ListFrom::Start,
        };
        let (page, more) = list_page(items, key, from, size);
        let after = page.last().map(|x| encode_list_cursor(key(x)));
        let before = page.first().map(|x| encode_list_cursor(key(x)));
        let has_more = more;
        let link = |dir: &str, c: &Option<String>| {
            c.as_ref().map(|c| {
                app.url(
                    path,
                    &format!("{prefix}page[size]={size}&page[{dir}]={}", enc(c)),
                )
            })
        };
        rest.insert(
            "meta".into(),
            json!({ "has_more": has_more, "after_cursor": after, "before_cursor": before }),
        );
        rest.insert(
            "links".into(),
            json!({ "prev": link("before", &before), "next": link("after", &after) }),
        );
        return Ok((page.iter().map(build).collect(), rest));
    }

    let per_page = app.page_size(q, "per_page", LIST_MAX)?;
    let page_no = match q.get("page").map(str::parse::<usize>) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => return Err(invalid("page must be a positive integer")),
    };
    let offset = (page_no - 1).saturating_mul(per_page);
    if offset >= OFFSET_MAX_RECORDS {
        return Err(error(
            StatusCode::BAD_REQUEST,
            json!({
                "error": "InvalidPaginationParameter",
                "description": "Offset pagination is limited to the first 10000 records. Use cursor pagination.",
            }),
        ));
    }
    let start = offset.min(items.len());
    let end = (start + per_page).min(items.len());
    let link = |n: usize| app.url(path, &format!("{prefix}page={n}&per_page={per_page}"));
    rest.insert(
        "next_page".into(),
        json!((end < items.len()).then(|| link(page_no + 1))),
    );
    rest.insert(
        "previous_page".into(),
        json!((page_no > 1).then(|| link(page_no - 1))),
    );
    rest.insert("count".into(), json!(items.len()));
    Ok((items[start..end].iter().map(build).collect(), rest))
}

/// Every schedule in one response (the endpoint is not paginated).
async fn schedules(State(app): AppState, Extension(f): Fx) -> Response {
    if let Some(resp) = app.deny("schedules", false) {
        return resp;
    }
    let list: Vec<Value> = app.config.schedules.iter().map(json::schedule).collect();
    respond(&f, json!({ "schedules": list }))
}

async fn holidays(
    State(app): AppState,
    Extension(f): Fx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    if let Some(resp) = app.deny("schedules", false) {
        return resp;
    }
    let id = id.strip_suffix(".json").unwrap_or(&id);
    match (app.config.schedules.iter()).find(|s| s.id.to_string() == id) {
        Some(schedule) => respond(&f, json::holidays(schedule)),
        None => not_found().await,
    }
}

async fn groups(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("groups", false) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let data = app.read();
    let key = |g: &crate::dataset::Group| (0, g.id);
    match list_request(&app, &q, uri.path(), "", &data.groups, key, |g| {
        json::group(g, &app.base_url)
    }) {
        Ok(body) => respond(&f, wrap("groups", body)),
        Err(resp) => resp,
    }
}

async fn brands(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("brands", false) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let data = app.read();
    let key = |b: &crate::dataset::Brand| (0, b.id);
    match list_request(&app, &q, uri.path(), "", &data.brands, key, |b| {
        json::brand(b, &app.base_url)
    }) {
        Ok(body) => respond(&f, wrap("brands", body)),
        Err(resp) => resp,
    }
}

async fn ticket_fields(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("ticket_fields", false) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let fields = json::ticket_fields(&app.base_url);
    let key = |x: &(i64, Value)| (0, x.0);
    match list_request(&app, &q, uri.path(), "", &fields, key, |x| x.1.clone()) {
        Ok(body) => respond(&f, wrap("ticket_fields", body)),
        Err(resp) => resp,
    }
}

/// Legacy satisfaction ratings (§4.1), sorted by id. `start_time`/`end_time` filter on
/// `updated_at` (the reference is unsure whether Zendesk uses `created_at`; using
/// `updated_at` lets a changed rating reach an incremental client). `score` filters as
/// documented.
async fn satisfaction_ratings(State(app): AppState, Extension(f): Fx, uri: Uri) -> Response {
    if let Some(resp) = app.deny("satisfaction_ratings", true) {
        return resp;
    }
    let q = Query::parse(uri.query());
    let bound = |param: &str| -> Result<Option<i64>, Response> {
        q.get(param)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| invalid(&format!("{param} must be a Unix epoch time")))
            })
            .transpose()
    };
    let (start, end) = match (bound("start_time"), bound("end_time")) {
        (Ok(s), Ok(e)) => (s, e),
        (Err(resp), _) | (_, Err(resp)) => return resp,
    };
    let score = q.get("score");
    let data = app.read();
    let matches_score = |r: &crate::dataset::Rating| {
        let Some(filter) = score else { return true };
        let with_comment = json::rating_comment(r).is_some();
        let (base, comment) = match filter.split_once('_') {
            Some((b, "with_comment")) => (b, Some(true)),
            Some((b, "without_comment")) => (b, Some(false)),
            _ => (filter, None),
        };
        let s = r.score.as_str();
        let base_ok = match base {
            "received" => s == "good" || s == "bad",
            other => s == other,
        };
        base_ok && comment.is_none_or(|c| c == with_comment)
    };
    let items: Vec<&crate::dataset::Rating> = data
        .ratings
        .iter()
        .filter(|r| start.is_none_or(|s| r.updated_at >= s))
        .filter(|r| end.is_none_or(|e| r.updated_at <= e))
        .filter(|r| matches_score(r))
        .collect();
    let mut extra = Vec::new();
    if let Some(s) = start {
        extra.push(format!("start_time={s}"));
    }
    if let Some(e) = end {
        extra.push(format!("end_time={e}"));
    }
    if let Some(s) = score {
        extra.push(format!("score={}", enc(s)));
    }
    let key = |r: &&crate::dataset::Rating| (0, r.id);
    match list_request(&app, &q, uri.path(), &extra.join("&"), &items, key, |r| {
        json::rating(r, &app.base_url, f.nulls)
    }) {
        Ok(body) => respond(&f, wrap("satisfaction_ratings", body)),
        Err(resp) => resp,
    }
}
