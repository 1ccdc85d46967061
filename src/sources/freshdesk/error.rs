//! What can go wrong talking to Freshdesk, each in one line that says what to do.

use crate::sources::request::GaveUp;
use crate::sources::retry_after::spoken;

#[derive(Debug, thiserror::Error)]
pub enum FreshdeskError {
    #[error("invalid Freshdesk address: {0}")]
    InvalidBaseUrl(String),
    #[error("{0} is plain http; Freshdesk needs https:// (http is only allowed for this computer, e.g. http://127.0.0.1)")]
    InsecureUrl(String),
    #[error("the API key contains characters that cannot be sent")]
    InvalidCredentials,
    #[error("the API key was refused: check it under Profile settings → Your API Key")]
    Unauthorized,
    #[error("Freshdesk denied access to {path} (403): use the API key of an admin who can see every ticket")]
    AccessDenied { path: String },
    /// A plan-gated stream: the caller skips it and goes on with the others.
    #[error("the Freshdesk plan does not include {path} (403 require_feature)")]
    FeatureUnavailable { path: String },
    #[error(
        "Freshdesk requires https:// for this account (403 ssl_required): use the https address"
    )]
    SslRequired,
    #[error("Freshdesk refused {path} (403 {code}): check the account in Freshdesk")]
    Forbidden { path: String, code: String },
    #[error("Freshdesk has no {path} (404): check the account address")]
    NotFound { path: String },
    /// Page 301 or later of a list: the caller starts again from a later anchor.
    #[error("Freshdesk lists no page past the 300th of {path}")]
    PageCeiling { path: String },
    #[error("Freshdesk refused the request for {path} (400): {detail}")]
    BadRequest { path: String, detail: String },
    #[error("Freshdesk answered with a redirect{}: check the address, which should be https://<account>.freshdesk.com", .location.as_deref().map(|l| format!(" to {l}")).unwrap_or_default())]
    Redirect { location: Option<String> },
    #[error("Freshdesk answered {status} for {path}")]
    Status { status: u16, path: String },
    #[error("Freshdesk kept rate-limiting {path}; try again later")]
    RateLimitedTooLong { path: String },
    #[error("Freshdesk asked to wait {} before the next request; the sync stopped and resumes from the last saved page when you sync again", spoken(*.seconds))]
    WaitTooLong { seconds: f64 },
    #[error("gave up on {path} after {tries} tries ({last}); check the network and try again — the sync resumes where it stopped")]
    GaveUp {
        path: String,
        tries: u32,
        last: String,
    },
    #[error("refused to send the API key to {0}, which is not the account's address")]
    ForeignHost(String),
    #[error("unexpected response from Freshdesk: {0}")]
    UnexpectedResponse(String),
    #[error("cancelled")]
    Cancelled,
    #[error("cannot set up the HTTP client")]
    Client(#[source] reqwest::Error),
}

impl From<GaveUp> for FreshdeskError {
    fn from(gave_up: GaveUp) -> FreshdeskError {
        match gave_up {
            GaveUp::Cancelled => FreshdeskError::Cancelled,
            GaveUp::WaitTooLong { seconds } => FreshdeskError::WaitTooLong { seconds },
            GaveUp::RateLimitedTooLong { path } => FreshdeskError::RateLimitedTooLong { path },
            GaveUp::Transient { path, tries, last } => FreshdeskError::GaveUp { path, tries, last },
            GaveUp::Refused { path } => FreshdeskError::AccessDenied { path },
        }
    }
}
