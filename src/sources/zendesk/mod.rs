//! Zendesk: the API client, the streams Deskbench reads, and the conversion of their JSON
//! to canonical records. Facts about the API: `zendesk-api.md`.

mod base_url;
mod client;
mod convert;
mod credentials;
mod dto;
mod events;
mod pacer;
mod pages;
pub mod schedules;
mod streams;

pub use base_url::BaseUrl;
pub use client::{Client, ClientOptions, Fetched, Wait};
pub use credentials::Credentials;
pub use pacer::{Bucket, Budget, BudgetKind};
pub use pages::{parse, Page, Problem, Records};
pub use streams::{Paging, Position, Stream};

use super::request::GaveUp;
use super::retry_after;

use tokio_util::sync::CancellationToken;

#[derive(Debug, thiserror::Error)]
pub enum ZendeskError {
    #[error("invalid Zendesk address: {0}")]
    InvalidBaseUrl(String),
    #[error("{0} is plain http; Zendesk needs https:// (http is only allowed for this computer, e.g. http://127.0.0.1)")]
    InsecureUrl(String),
    #[error("the credentials contain characters that cannot be sent")]
    InvalidCredentials,
    #[error("Zendesk refused the credentials (401): check the email and the API token")]
    Unauthorized,
    #[error("Zendesk denied access to {path} (403): this needs an admin's API token, or the plan does not include it")]
    Forbidden { path: String },
    #[error("Zendesk has no {path} (404): check the account address")]
    NotFound { path: String },
    #[error("Zendesk answered {status} for {path}")]
    Status { status: u16, path: String },
    #[error("Zendesk kept rate-limiting {path}; try again later")]
    RateLimitedTooLong { path: String },
    #[error("Zendesk asked to wait {} before the next request; the sync stopped and resumes from the last saved page when you sync again", retry_after::spoken(*.seconds))]
    WaitTooLong { seconds: f64 },
    #[error("gave up on {path} after {tries} tries ({last}); check the network and try again — the sync resumes where it stopped")]
    GaveUp {
        path: String,
        tries: u32,
        last: String,
    },
    #[error("refused to send the token to {0}, which is not the account's address")]
    ForeignHost(String),
    #[error("unexpected response from Zendesk: {0}")]
    UnexpectedResponse(String),
    #[error("cancelled")]
    Cancelled,
    #[error("cannot set up the HTTP client")]
    Client(#[source] reqwest::Error),
}

impl From<GaveUp> for ZendeskError {
    fn from(gave_up: GaveUp) -> ZendeskError {
        match gave_up {
            GaveUp::Cancelled => ZendeskError::Cancelled,
            GaveUp::WaitTooLong { seconds } => ZendeskError::WaitTooLong { seconds },
            GaveUp::RateLimitedTooLong { path } => ZendeskError::RateLimitedTooLong { path },
            GaveUp::Transient { path, tries, last } => ZendeskError::GaveUp { path, tries, last },
            GaveUp::Refused { path } => ZendeskError::Forbidden { path },
        }
    }
}

/// Who the credentials belong to, from `/api/v2/users/me.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub email: Option<String>,
    pub role: String,
}

impl Identity {
    /// Incremental exports are "allowed for admins" only.
    pub fn is_admin(&self) -> bool {
        self.role == "admin"
    }
}

/// Checks the address and credentials with one request ("Test connection").
pub async fn whoami(client: &Client, cancel: &CancellationToken) -> Result<Identity, ZendeskError> {
    let url = client.base().join("/api/v2/users/me.json")?;
    let body = client
        .get_json(&url, Bucket::Account, cancel, &mut |_| {})
        .await?
        .body;
    #[derive(serde::Deserialize)]
    struct Me {
        user: Option<MeUser>,
    }
    #[derive(serde::Deserialize)]
    struct MeUser {
        name: Option<String>,
        email: Option<String>,
        role: Option<String>,
    }
    let user = serde_json::from_slice::<Me>(&body)
        .ok()
        .and_then(|me| me.user)
        .filter(|u| u.role.is_some())
        // Zendesk answers anonymous requests with an "Anonymous user" of role end-user.
        .ok_or_else(|| ZendeskError::UnexpectedResponse("no user in /users/me".into()))?;
    Ok(Identity {
        name: user.name.unwrap_or_default(),
        email: user.email,
        role: user.role.unwrap_or_default(),
    })
}
