//! Integration tests of the Deskbench core, one binary with shared fixtures.

mod app_sync;
mod architecture;
mod breakdowns;
mod catalogue;
mod chart_spec;
mod charts;
mod cli;
mod cli_edges;
mod cli_golden;
mod concurrency;
mod demo;
mod export;
mod feedback;
mod fixtures;
mod frame_update;
mod kpi;
mod kpi_engine;
mod overview_charts;
mod people;
mod proptest_dates;
mod proptest_pages;
mod secrets;
mod snapshot;
mod store;
mod store_counts;
mod sync;
