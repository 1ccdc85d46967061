//! KPIs over the local store, computed with polars on an in-memory frame cache. The only
//! module (with `feedback`) that uses polars; callers get plain serialisable results.

pub mod catalogue;
mod codes;
mod compute;
pub mod dimension;
pub mod drill;
mod error;
pub mod filter;
pub mod frame;
mod grid;
pub mod heatmap;
pub mod kpi;
pub mod overview;
pub mod parquet_table;
pub mod people;
pub mod query;
pub mod range;
pub mod report;
pub mod request;
mod size;
pub mod snapshot;
pub mod stats;
pub mod targets;
mod update;
pub mod value;

pub use error::AnalyticsError;
pub use frame::Frame;
pub use query::{run, KpiQuery};
pub use request::KpiRequest;
pub use snapshot::{load_or_build, LoadedFrame};

/// Runs `a` here and `b` on a scoped thread at the same time: independent passes whose
/// row-by-row tallies then use a core each. A panic in `b` is raised again here.
pub(crate) fn in_parallel<A, B: Send>(
    a: impl FnOnce() -> A,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        let b = b
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}
