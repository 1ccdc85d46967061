//! Freshdesk: the API client, the API's JSON and its conversion to canonical records,
//! with business hours computed by Deskbench. Facts about the API: `freshdesk-api.md`.

pub mod account;
pub mod base_url;
pub mod business_hours;
pub mod client;
pub mod codes;
pub mod convert;
pub mod credentials;
pub mod csat;
pub mod cursor;
pub mod dto;
pub mod error;
pub mod pacer;
pub mod sla;
pub mod streams;
