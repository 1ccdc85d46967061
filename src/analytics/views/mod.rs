//! Results shaped for one screen or command each (Overview, Agents & groups, the tickets
//! behind a number, dimension values, arrivals by hour), built from queries.

pub mod catalogue;
pub mod drill;
pub mod heatmap;
pub mod overview;
pub mod people;
