//! Freshdesk: the API's JSON and its conversion to canonical records, with business
//! hours computed by Deskbench. Facts about the API: `freshdesk-api.md`.

pub mod account;
pub mod business_hours;
pub mod codes;
pub mod convert;
pub mod csat;
pub mod dto;
pub mod rails_zones;
pub mod sla;
