//! Deskbench core: the local store, sync, the demo helpdesk, analytics, charts and export.
//! No desktop dependency: the Tauri shell and the CLI are thin layers over this crate.

pub mod analytics;
pub mod app;
pub mod charts;
pub mod crash_report;
pub mod demo;
pub mod export;
pub mod feedback;
pub mod secrets;
pub mod sources;
pub mod store;
pub mod sync;
pub mod workspace;

/// The current unix time; the only place the core reads the clock, at its edges.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
