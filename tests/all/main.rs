//! Integration tests of the Deskbench core, one binary with shared fixtures.

mod catalogue;
mod charts;
mod cli;
mod demo;
mod fixtures;
mod kpi;
mod kpi_engine;
mod snapshot;
mod store;
mod sync;
