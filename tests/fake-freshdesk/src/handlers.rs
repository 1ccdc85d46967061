//! One handler per endpoint. Lists answer bare JSON arrays paged by `page`/`per_page`
//! with a `Link: <…>; rel="next"` header only when another row exists, as Freshdesk does.

// Errors are complete HTTP responses, built once per rejected request.
#![allow(clippy::result_large_err)]

use std::ops::Range;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use crate::dataset::{Dataset, Ticket, CALENDARS, DAY};
use crate::json::{self, Include};
use crate::query::{invalid, json_response, not_found, Query};
use crate::server::App;

type AppState = State<Arc<App>>;

/// Largest `per_page` of every list.
const PER_PAGE_MAX: usize = 100;
const PER_PAGE_DEFAULT: usize = 30;
/// The tickets list refuses pages past this one (`MAX_PAGE_LIMIT`).
const PAGE_CEILING: usize = 300;

/// `page` and `per_page` of a list request.
struct Paging {
    page: usize,
    per_page: usize,
}

impl Paging {
    fn read(q: &Query) -> Result<Paging, Response> {
        Ok(Paging {
            page: q.positive("page", 1, usize::MAX)?,
            per_page: q.positive("per_page", PER_PAGE_DEFAULT, PER_PAGE_MAX)?,
        })
    }

    fn rows(&self, total: usize) -> Range<usize> {
        let start = (self.page - 1).saturating_mul(self.per_page).min(total);
        start..(start + self.per_page).min(total)
    }
}

/// 200 with the page's items and, when a row follows, the `Link` to the next page.
fn page(
    app: &App,
    uri: &Uri,
    q: &Query,
    paging: &Paging,
    total: usize,
    items: Vec<Value>,
) -> Response {
    let mut resp = json_response(StatusCode::OK, &Value::Array(items));
    if total > paging.page.saturating_mul(paging.per_page) {
        let next = format!(
            "<{}{}?{}>; rel=\"next\"",
            app.base_url,
            uri.path(),
            q.with_page(paging.page + 1)
        );
        if let Ok(value) = HeaderValue::from_str(&next) {
            resp.headers_mut().insert(header::LINK, value);
        }
    }
    resp
}

/// A list of fixed items, paged.
fn list(app: &App, uri: &Uri, items: Vec<Value>) -> Response {
    let q = Query::parse(uri.query());
    let paging = match Paging::read(&q) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let total = items.len();
    let rows = paging.rows(total);
    let items = items
        .into_iter()
        .skip(rows.start)
        .take(rows.len())
        .collect();
    page(app, uri, &q, &paging, total, items)
}

fn parse_include(q: &Query) -> Result<Include, Response> {
    let mut include = Include::default();
    for name in q.get("include").unwrap_or("").split(',').map(str::trim) {
        match name {
            "" => {}
            "stats" => include.stats = true,
            "requester" => include.requester = true,
            "description" => include.description = true,
            "company" => include.company = true,
            _ => {
                return Err(invalid(
                    "include",
                    "It should be one of these values: 'requester,stats,company,description'",
                ))
            }
        }
    }
    Ok(include)
}

/// Which tickets the `filter` parameter selects.
fn filter_of(q: &Query) -> Result<fn(&Ticket) -> bool, Response> {
    match q.get("filter") {
        None => Ok(|t| !t.spam && !t.deleted),
        Some("spam") => Ok(|t| t.spam && !t.deleted),
        Some("deleted") => Ok(|t| t.deleted),
        Some(_) => Err(invalid(
            "filter",
            "It should be one of these values: 'spam,deleted'",
        )),
    }
}

fn sort_key(order_by: &str) -> Option<fn(&Ticket) -> i64> {
    match order_by {
        "created_at" => Some(|t| t.created_at),
        "updated_at" => Some(|t| t.updated_at),
        "due_by" => Some(|t| t.due_by),
        "status" => Some(|t| i64::from(t.status)),
        _ => None,
    }
}

/// `GET /api/v2/tickets`: filters, the default 30-day window, order, includes and the
/// 300-page ceiling (`freshdesk-api.md` §3).
pub(crate) async fn tickets(State(app): AppState, uri: Uri) -> Response {
    let q = Query::parse(uri.query());
    match tickets_page(&app, &uri, &q) {
        Ok(resp) | Err(resp) => resp,
    }
}

fn tickets_page(app: &App, uri: &Uri, q: &Query) -> Result<Response, Response> {
    let paging = Paging::read(q)?;
    if paging.page > PAGE_CEILING {
        return Err(invalid(
            "page",
            "You cannot access tickets beyond the 300th page. Please provide a smaller page number.",
        ));
    }
    let include = parse_include(q)?;
    let keep = filter_of(q)?;
    let since = q.time("updated_since")?;
    let order_by = q.get("order_by").unwrap_or("created_at");
    let key = sort_key(order_by).ok_or_else(|| {
        invalid(
            "order_by",
            "It should be one of these values: 'created_at,due_by,updated_at,status'",
        )
    })?;
    let descending = match q.get("order_type").unwrap_or("desc") {
        "desc" => true,
        "asc" => false,
        _ => {
            return Err(invalid(
                "order_type",
                "It should be one of these values: 'asc,desc'",
            ))
        }
    };
    let company: Option<i64> = parse_id(q, "company_id")?;
    let requester: Option<i64> = parse_id(q, "requester_id")?;
    let data = app.read();
    let window_start = default_window(q, &data);
    let mut rows: Vec<&Ticket> = data
        .tickets
        .iter()
        .filter(|t| keep(t))
        .filter(|t| since.is_none_or(|s| t.updated_at >= s))
        .filter(|t| window_start.is_none_or(|w| t.created_at > w))
        .filter(|t| company.is_none_or(|c| t.company.map(|i| data.companies[i]) == Some(c)))
        .filter(|t| requester.is_none_or(|r| data.contacts[t.requester].id == r))
        .collect();
    rows.sort_by_key(|t| (key(t), t.id));
    if descending {
        rows.reverse();
    }
    let range = paging.rows(rows.len());
    let items = rows[range]
        .iter()
        .map(|t| json::ticket(&data, t, include))
        .collect();
    Ok(page(app, uri, q, &paging, rows.len(), items))
}

fn parse_id(q: &Query, key: &str) -> Result<Option<i64>, Response> {
    q.get(key)
        .map(|v| {
            v.parse()
                .map_err(|_| invalid(key, "It should be a Positive Integer"))
        })
        .transpose()
}

/// Without any of `filter`, `requester_id`, `email`, `company_id` or `updated_since`, only
/// tickets created after the start of today less 30 days are listed.
fn default_window(q: &Query, data: &Dataset) -> Option<i64> {
    let narrowed = [
        "filter",
        "requester_id",
        "email",
        "company_id",
        "updated_since",
    ]
    .iter()
    .any(|k| q.get(k).is_some());
    (!narrowed).then(|| data.clock.div_euclid(DAY) * DAY - 30 * DAY)
}

pub(crate) async fn conversations(
    State(app): AppState,
    Path(id): Path<String>,
    uri: Uri,
) -> Response {
    let data = app.read();
    let ticket = id
        .parse::<i64>()
        .ok()
        .and_then(|id| data.ticket_index(id))
        .map(|i| &data.tickets[i])
        .filter(|t| !t.deleted);
    match ticket {
        Some(t) => list(&app, &uri, json::conversations(&data, t)),
        None => not_found(),
    }
}

/// The fake archives no ticket: every id is unknown (unless the stream is plan-gated).
pub(crate) async fn archived() -> Response {
    not_found()
}

pub(crate) async fn contacts(State(app): AppState, uri: Uri) -> Response {
    let q = Query::parse(uri.query());
    let since = match q.time("_updated_since") {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    let data = app.read();
    let items = (0..data.contacts.len())
        .filter(|&i| since.is_none_or(|s| data.contacts[i].updated_at >= s))
        .map(|i| json::contact(&data, i))
        .collect();
    list(&app, &uri, items)
}

pub(crate) async fn companies(State(app): AppState, uri: Uri) -> Response {
    let data = app.read();
    let items = (0..data.companies.len())
        .map(|i| json::company(&data, i))
        .collect();
    list(&app, &uri, items)
}

pub(crate) async fn agents(State(app): AppState, uri: Uri) -> Response {
    list(&app, &uri, json::agents())
}

pub(crate) async fn groups(State(app): AppState, uri: Uri) -> Response {
    list(&app, &uri, json::groups())
}

pub(crate) async fn products(State(app): AppState, uri: Uri) -> Response {
    list(&app, &uri, json::products())
}

/// Not paged: every field at once.
pub(crate) async fn ticket_fields() -> Response {
    json_response(StatusCode::OK, &Value::Array(json::ticket_fields()))
}

pub(crate) async fn business_hours(State(app): AppState, uri: Uri) -> Response {
    let items = (0..CALENDARS.len())
        .map(|i| json::business_hours(i, false))
        .collect();
    list(&app, &uri, items)
}

/// One calendar with `is_default` and `holiday_list`.
pub(crate) async fn business_hour(Path(id): Path<String>) -> Response {
    let id = id.parse::<i64>().ok();
    let found = (0..CALENDARS.len())
        .map(|i| json::business_hours(i, true))
        .find(|v| v["id"].as_i64() == id);
    found.map_or_else(not_found, |v| json_response(StatusCode::OK, &v))
}

pub(crate) async fn sla_policies(State(app): AppState, uri: Uri) -> Response {
    list(&app, &uri, json::sla_policies())
}

pub(crate) async fn surveys(State(app): AppState, uri: Uri) -> Response {
    list(&app, &uri, json::surveys(app.config.classic_stored_values))
}

/// Ratings created since `created_since`, or in the last month without it.
pub(crate) async fn ratings(State(app): AppState, uri: Uri) -> Response {
    let q = Query::parse(uri.query());
    let since = match q.time("created_since") {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    let data = app.read();
    let since = since.unwrap_or(data.clock - 30 * DAY);
    let items = data
        .ratings
        .iter()
        .filter(|r| r.created_at >= since && !data.tickets[r.ticket].deleted)
        .map(|r| json::rating(&data, r, app.config.classic_stored_values))
        .collect();
    list(&app, &uri, items)
}

pub(crate) async fn categories(State(app): AppState, uri: Uri) -> Response {
    list(&app, &uri, json::categories())
}

pub(crate) async fn folders(State(app): AppState, Path(id): Path<String>, uri: Uri) -> Response {
    match id.parse().ok().and_then(json::folders) {
        Some(items) => list(&app, &uri, items),
        None => not_found(),
    }
}

pub(crate) async fn articles(State(app): AppState, Path(id): Path<String>, uri: Uri) -> Response {
    match id.parse().ok().and_then(json::articles) {
        Some(items) => list(&app, &uri, items),
        None => not_found(),
    }
}
