//! The in-memory frame cache: the store's tickets and ratings as polars DataFrames, built
//! once and rebuilt after a sync. Every KPI query is a plan over these frames.

use std::collections::HashMap;

use polars::prelude::*;

use crate::store::records::{NamedKind, TicketStatus};
use crate::store::Store;

use super::AnalyticsError;

/// Display names for id dimensions.
#[derive(Debug, Default, Clone)]
pub struct Labels {
    pub groups: HashMap<i64, String>,
    pub users: HashMap<i64, String>,
    pub brands: HashMap<i64, String>,
    pub organizations: HashMap<i64, String>,
}

/// Column names of derived ticket columns.
pub(crate) mod cols {
    /// `solved_at` of tickets whose status is solved or closed, else null: the anchor of
    /// every "solved in range" population.
    pub const SOLVED_TIME: &str = "solved_time";
    /// Status is new, open, pending or hold now.
    pub const UNSOLVED_NOW: &str = "unsolved_now";
}

pub struct Frame {
    /// Non-deleted tickets, one row each.
    pub tickets: DataFrame,
    /// Satisfaction ratings: source_id, ticket_id, score, created_at, updated_at.
    pub ratings: DataFrame,
    pub labels: Labels,
}

impl Frame {
    pub fn build(store: &Store) -> Result<Frame, AnalyticsError> {
        let c = store.ticket_columns()?;
        let statuses: Vec<Option<TicketStatus>> =
            c.status.iter().map(|s| TicketStatus::parse(s)).collect();
        let solved_time: Vec<Option<i64>> = statuses
            .iter()
            .zip(&c.solved_at)
            .map(|(st, at)| at.filter(|_| st.is_some_and(TicketStatus::is_solved)))
            .collect();
        let unsolved_now: Vec<bool> = statuses
            .iter()
            .map(|st| st.is_some_and(|s| !s.is_solved() && s != TicketStatus::Deleted))
            .collect();
        let mut columns = vec![
            Column::new("source_id".into(), c.source_id),
            Column::new("id".into(), c.id),
            Column::new("status".into(), c.status),
            Column::new("priority".into(), c.priority),
            Column::new("type".into(), c.ticket_type),
            Column::new("channel".into(), c.channel),
            Column::new("requester_id".into(), c.requester_id),
            Column::new("assignee_id".into(), c.assignee_id),
            Column::new("group_id".into(), c.group_id),
            Column::new("organization_id".into(), c.organization_id),
            Column::new("brand_id".into(), c.brand_id),
            Column::new("created_at".into(), c.created_at),
            Column::new("solved_at".into(), c.solved_at),
            Column::new(cols::SOLVED_TIME.into(), solved_time),
            Column::new(cols::UNSOLVED_NOW.into(), unsolved_now),
            Column::new("replies".into(), c.replies),
            Column::new("reopens".into(), c.reopens),
        ];
        for (name, values) in c.minutes {
            columns.push(Column::new(name.into(), values));
        }
        let tickets = DataFrame::new_infer_height(columns)?;

        let r = store.rating_columns()?;
        let ratings = DataFrame::new_infer_height(vec![
            Column::new("source_id".into(), r.source_id),
            Column::new("ticket_id".into(), r.ticket_id),
            Column::new("score".into(), r.score),
            Column::new("created_at".into(), r.created_at),
            Column::new("updated_at".into(), r.updated_at),
        ])?;

        let labels = Labels {
            groups: store.names(NamedKind::Group)?,
            users: store.user_names()?,
            brands: store.names(NamedKind::Brand)?,
            organizations: store.names(NamedKind::Organization)?,
        };
        Ok(Frame {
            tickets,
            ratings,
            labels,
        })
    }

    pub fn ticket_count(&self) -> usize {
        self.tickets.height()
    }
}
