//! Integration tests of the Deskbench core, one binary with shared fixtures.

mod fixtures;
mod kpi;
mod demo;
