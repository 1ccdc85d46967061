//! The KPI engine: the catalogue of KPIs, the populations each counts, their tallies on a
//! (group, bucket) grid, and the statistics and values they produce. Knows the frame, not
//! the query's text or any screen.

pub mod change;
pub(crate) mod compute;
pub(crate) mod grid;
pub(crate) mod keyed;
pub mod kpi;
mod period_end;
pub mod stats;
pub mod support;
pub mod value;
