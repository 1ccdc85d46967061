//! Connectors: each turns a helpdesk's API (or export files) into canonical records.
//! The only modules, with `sync`, that speak HTTP.

pub mod business_hours;
pub mod csv;
pub mod freshdesk;
pub mod gate;
pub mod rails_zones;
pub mod record;
mod request;
mod retry_after;
mod transport;
pub mod zendesk;
