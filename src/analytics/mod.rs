//! KPIs over the local store, computed with polars on an in-memory frame cache. In layers,
//! each using only the ones before it: `frame` (the cache and its snapshot), `engine` (KPI
//! populations and tallies), `query` (a KPI query and its report), `views` (a result per
//! screen); `targets` beside them. Callers get plain serialisable results.

pub mod anomalies;
pub mod engine;
mod error;
pub mod flow;
pub mod frame;
pub mod query;
pub mod targets;
pub mod views;

pub use error::AnalyticsError;
pub use frame::snapshot::{load_or_build, load_or_build_unsaved, LoadedFrame, Unsaved};
pub use frame::Frame;
pub use query::request::KpiRequest;
pub use query::{run, KpiQuery};

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
