//! File import: helpdesk and survey-tool exports (CSV or XLSX) read into canonical records.

pub mod batch;
pub mod date_reader;
pub mod dates;
pub mod field;
pub mod import;
pub mod keys;
pub mod mapping;
pub mod preset;
pub mod read;
pub mod report;
pub mod row;
pub mod scale;
pub mod skip;
pub mod status;
