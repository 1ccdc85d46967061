//! File import: helpdesk and survey-tool exports (CSV or XLSX) read into canonical records.

pub mod dates;
pub mod read;
