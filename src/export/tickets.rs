//! A ticket list as a table: every ticket of the list (not one page), in the list's order,
//! with the columns the app's list shows. Times are local to the query's zone; durations
//! are in the query's hours (calendar or business).

use crate::analytics::drill::{TicketListQuery, TicketPages, TicketRow};
use crate::analytics::Frame;
use crate::store::Store;

use super::table::{Cell, Column, ColumnKind, Row, TableSource, CHUNK_ROWS};
use super::ExportError;

pub struct TicketTable<'a> {
    pages: TicketPages<'a>,
    columns: Vec<Column>,
}

impl<'a> TicketTable<'a> {
    /// Runs the list's query once; rows are read a chunk at a time while writing.
    pub fn new(
        frame: &'a Frame,
        store: &'a Store,
        list: &'a TicketListQuery,
    ) -> Result<TicketTable<'a>, ExportError> {
        use ColumnKind as K;
        let time = K::DateTime(list.query.range.tz);
        let columns = [
            ("id", K::Id),
            ("subject", K::Text),
            ("status", K::Text),
            ("priority", K::Text),
            ("channel", K::Text),
            ("group", K::Text),
            ("assignee", K::Text),
            ("created_at", time),
            ("solved_at", time),
            ("first_reply_minutes", K::Minutes),
            ("full_resolution_minutes", K::Minutes),
            ("replies", K::Integer),
            ("reopens", K::Integer),
            ("url", K::Text),
        ];
        Ok(TicketTable {
            pages: TicketPages::new(frame, store, list)?,
            columns: columns
                .into_iter()
                .map(|(name, kind)| Column::new(name, kind))
                .collect(),
        })
    }
}

fn row_of(ticket: TicketRow) -> Row {
    vec![
        Cell::Integer(ticket.id),
        ticket.subject.into(),
        Cell::Text(ticket.status),
        ticket.priority.into(),
        ticket.channel.into(),
        ticket.group.into(),
        ticket.assignee.into(),
        Cell::Time(ticket.created_at),
        ticket.solved_at.map_or(Cell::Null, Cell::Time),
        ticket.first_reply_minutes.into(),
        ticket.full_resolution_minutes.into(),
        ticket.replies.into(),
        ticket.reopens.into(),
        ticket.url.into(),
    ]
}

impl TableSource for TicketTable<'_> {
    fn title(&self) -> &str {
        "Tickets"
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn total_rows(&self) -> u64 {
        self.pages.total()
    }

    fn next_rows(&mut self) -> Result<Option<Vec<Row>>, ExportError> {
        Ok(self
            .pages
            .next_page(CHUNK_ROWS)?
            .map(|page| page.into_iter().map(row_of).collect()))
    }
}
