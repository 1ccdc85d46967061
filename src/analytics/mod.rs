//! KPIs over the local store, computed with polars on an in-memory frame cache. The only
//! module (with `feedback`) that uses polars; callers get plain serialisable results.

mod codes;
mod compute;
pub mod dimension;
pub mod drill;
mod error;
pub mod filter;
pub mod frame;
mod grid;
pub mod kpi;
pub mod overview;
pub mod query;
pub mod range;
pub mod report;
pub mod request;
pub mod snapshot;
mod stats;
pub mod targets;
pub mod value;

pub use error::AnalyticsError;
pub use frame::Frame;
pub use query::{run, KpiQuery};
pub use request::KpiRequest;
pub use snapshot::{load_or_build, LoadedFrame};
