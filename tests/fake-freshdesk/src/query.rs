//! Query parameters as Rails reads them, and the validation errors Freshdesk answers
//! with (`{"description":"Validation failed","errors":[…]}`).

// Errors are complete HTTP responses, built once per rejected request.
#![allow(clippy::result_large_err)]

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use fake_zendesk::parse_iso;

/// Decoded query string (`+` and `%XX` decoded).
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub(crate) fn parse(query: Option<&str>) -> Query {
        Query(
            form_urlencoded::parse(query.unwrap_or("").as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// Last value of `key` (later parameters win, like Rails).
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The query again with `page` set to `page`.
    pub(crate) fn with_page(&self, page: usize) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.0.iter().filter(|(k, _)| k != "page") {
            out.append_pair(k, v);
        }
        out.append_pair("page", &page.to_string());
        out.finish()
    }

    /// A timestamp parameter: ISO 8601 in UTC (`2025-01-02T03:04:05Z`) or a date.
    pub(crate) fn time(&self, key: &str) -> Result<Option<i64>, Response> {
        let Some(raw) = self.get(key) else {
            return Ok(None);
        };
        let parsed = parse_iso(raw).or_else(|| parse_iso(&format!("{raw}T00:00:00Z")));
        parsed
            .map(Some)
            .ok_or_else(|| invalid(key, "It should be in the 'valid datetime' format"))
    }

    /// A positive integer parameter, `default` when absent, at most `max`.
    pub(crate) fn positive(
        &self,
        key: &str,
        default: usize,
        max: usize,
    ) -> Result<usize, Response> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n > 0 && n <= max => Ok(n),
                _ if max == usize::MAX => Err(invalid(key, "It should be a Positive Integer")),
                _ => Err(invalid(
                    key,
                    &format!("It should be a Positive Integer less than or equal to {max}"),
                )),
            },
        }
    }
}

pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut resp = Response::new(Body::from(body.to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

/// 400 for one invalid parameter.
pub(crate) fn invalid(field: &str, message: &str) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({
            "description": "Validation failed",
            "errors": [{ "field": field, "message": message, "code": "invalid_value" }],
        }),
    )
}

/// 403 with Freshdesk's `{code, message}`.
pub(crate) fn forbidden(code: &str, message: &str) -> Response {
    json_response(
        StatusCode::FORBIDDEN,
        &json!({ "code": code, "message": message }),
    )
}

/// 404 with an empty body, as Freshdesk answers unknown ids and paths.
pub(crate) fn not_found() -> Response {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::NOT_FOUND;
    resp
}
