//! Freshdesk: the API client and the conversion of its JSON to canonical records. Facts
//! about the API: `freshdesk-api.md`.

pub mod base_url;
pub mod client;
pub mod credentials;
pub mod error;
pub mod pacer;
