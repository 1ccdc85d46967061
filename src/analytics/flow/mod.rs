//! Flow KPIs from each ticket's status history: the backlog as it was at each bucket's
//! end, split by age band (since creation, or since the last public agent reply); the
//! minutes tickets spend in each unsolved status, owned by
//! the group or agent that held them; and the handoffs between groups and agents. The
//! computations here are pure: they read a `History` (each ticket's changes in time
//! order, addressed by frame row) and know nothing of the store; so do the lists of the
//! tickets behind each figure (`drill`, `tickets`). The contract is in README, "Flow KPIs".

pub mod age;
pub mod backlog;
pub mod business;
mod cache;
pub mod drill;
pub mod handoffs;
pub mod history;
mod load;
mod replies;
pub mod report;
mod table;
pub mod tickets;
pub mod time_in_status;

pub use age::{AgeBand, AgeFrom};
pub use business::{BusinessGap, SourceCalendars};
pub use cache::HISTORY_CACHE;
pub use history::{Change, Event, History, Segment, State};
pub use replies::Replies;
