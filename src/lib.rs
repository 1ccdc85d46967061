//! Deskbench core: the local store, the demo helpdesk, and the analytics over them.
//! No desktop dependency: the Tauri shell and the CLI are thin layers over this crate.

pub mod analytics;
pub mod demo;
pub mod store;
pub mod workspace;
