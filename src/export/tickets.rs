//! A ticket list as a table: every ticket of the list (not one page), in the list's order,
//! with the columns the app's list shows. Times are local to the query's zone; durations
//! are in the query's hours (calendar or business).

use chrono_tz::Tz;

use crate::analytics::engine::kpi::Hours;
use crate::analytics::views::drill::{ListOrder, TicketListQuery, TicketPages, TicketRow};
use crate::analytics::{AnalyticsError, Frame};
use crate::store::{Store, TicketKey};

use super::table::{About, Cell, Column, ColumnKind, Row, TableSource, CHUNK_ROWS};
use super::ExportError;

pub struct TicketTable<'a> {
    pages: TicketPages<'a>,
    /// Whether ids are written as text: a file's ids (`JSM-123`) are.
    text_ids: bool,
    columns: Vec<Column>,
    about: Option<About>,
}

impl<'a> TicketTable<'a> {
    /// Runs the list's query once; rows are read a chunk at a time while writing.
    pub fn new(
        frame: &'a Frame,
        store: &'a Store,
        list: &'a TicketListQuery,
    ) -> Result<TicketTable<'a>, ExportError> {
        let pages = TicketPages::new(frame, store, list)?;
        TicketTable::of_pages(pages, store, list.query.range.tz)
    }

    /// Given tickets (a feedback theme's) in `order`, times local to `tz`.
    pub fn of_tickets(
        frame: &'a Frame,
        store: &'a Store,
        tickets: &[TicketKey],
        order: &ListOrder,
        tz: Tz,
    ) -> Result<TicketTable<'a>, ExportError> {
        let pages = TicketPages::of_tickets(frame, store, tickets, Hours::Calendar, order)?;
        TicketTable::of_pages(pages, store, tz)
    }

    fn of_pages(
        pages: TicketPages<'a>,
        store: &Store,
        tz: Tz,
    ) -> Result<TicketTable<'a>, ExportError> {
        use ColumnKind as K;
        let time = K::DateTime(tz);
        let text_ids = store.has_file_ids().map_err(AnalyticsError::from)?;
        let columns = [
            ("id", if text_ids { K::Text } else { K::Id }),
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
            pages,
            text_ids,
            columns: columns
                .into_iter()
                .map(|(name, kind)| Column::new(name, kind))
                .collect(),
            about: None,
        })
    }

    /// The list's context, written with it.
    pub fn with_about(self, about: Option<About>) -> TicketTable<'a> {
        TicketTable { about, ..self }
    }
}

fn row_of(ticket: TicketRow, text_ids: bool) -> Row {
    let id = match (text_ids, ticket.file_id) {
        (false, _) => Cell::Integer(ticket.id),
        (true, Some(file_id)) => Cell::Text(file_id),
        (true, None) => Cell::Text(ticket.id.to_string()),
    };
    vec![
        id,
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
            .map(|page| page.into_iter().map(|t| row_of(t, self.text_ids)).collect()))
    }

    fn about(&self) -> Option<&About> {
        self.about.as_ref()
    }
}
