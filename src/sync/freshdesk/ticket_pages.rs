//! A tickets list's pages, fetched and parsed ahead of the writer (`sync::read_ahead`):
//! while one page's conversations are read and the page is written, the next page is
//! already on its way. The next page's cursor follows from the page alone (keyset
//! paging on `updated_at`), so reading ahead changes nothing about what is read.

use serde_json::value::RawValue;
use tokio_util::sync::CancellationToken;

use super::json_list;
use super::since::record_id;
use crate::sources::freshdesk::client::{Client, Wait};
use crate::sources::freshdesk::cursor::{TicketCursor, TicketFilter};
use crate::sources::freshdesk::dto::TicketDto;
use crate::sources::freshdesk::error::FreshdeskError;
use crate::sources::freshdesk::pacer::Cost;
use crate::sources::freshdesk::streams;
use crate::sources::record::timestamp;
use crate::sync::read_ahead::PagedList;

/// One tickets list, read from a cursor.
pub(super) struct TicketPages {
    pub client: Client,
    pub filter: TicketFilter,
    pub per_page: u32,
}

/// A page as read.
pub(super) struct TicketsPage {
    /// The cursor it was read at.
    pub at: TicketCursor,
    pub listed: Vec<Listed>,
    /// Items that could not be read: (id, why).
    pub problems: Vec<(String, String)>,
    /// Its rows' `updated_at`s, in order.
    pub updated: Vec<i64>,
    /// Whether another page follows (`Link: rel="next"`).
    pub more: bool,
    /// The server's clock when it answered.
    pub server_now: Option<i64>,
}

impl TicketsPage {
    /// Where the list goes on; `None` after its last page.
    pub fn next(&self) -> Option<TicketCursor> {
        self.more.then(|| self.at.after_page(&self.updated))
    }
}

/// A page's ticket, as read.
pub(super) struct Listed {
    pub raw: Box<RawValue>,
    pub dto: TicketDto,
    pub updated_at: Option<i64>,
}

impl PagedList for TicketPages {
    type Position = TicketCursor;
    type Page = TicketsPage;
    type Wait = Wait;
    type Error = FreshdeskError;

    async fn page(
        &self,
        at: &TicketCursor,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Wait) + Send),
    ) -> Result<TicketsPage, FreshdeskError> {
        if cancel.is_cancelled() {
            return Err(FreshdeskError::Cancelled);
        }
        let url = streams::tickets(self.client.base(), self.filter, *at, self.per_page)?;
        let cost = Cost::tickets_list(1);
        let fetched = self.client.get_json(&url, cost, cancel, on_wait).await?;
        let items: Vec<Box<RawValue>> = json_list(&fetched.body, &url)?;
        let mut problems = Vec::new();
        let listed = read(items, self.filter, &mut problems);
        Ok(TicketsPage {
            at: *at,
            updated: listed.iter().filter_map(|t| t.updated_at).collect(),
            listed,
            problems,
            more: fetched.next.is_some(),
            server_now: fetched.server_now,
        })
    }

    fn after(&self, page: &TicketsPage) -> Option<TicketCursor> {
        page.next()
    }
}

/// The page's tickets that can be read; a spam or deleted list's tickets are marked so
/// whatever the JSON says, so they become tombstones.
fn read(
    items: Vec<Box<RawValue>>,
    filter: TicketFilter,
    problems: &mut Vec<(String, String)>,
) -> Vec<Listed> {
    let mut listed = Vec::with_capacity(items.len());
    for raw in items {
        match serde_json::from_str::<TicketDto>(raw.get()) {
            Ok(mut dto) => {
                match filter {
                    TicketFilter::Default => {}
                    TicketFilter::Spam => dto.spam = Some(true),
                    TicketFilter::Deleted => dto.deleted = Some(true),
                }
                let updated_at = timestamp("updated_at", &dto.updated_at).ok().flatten();
                listed.push(Listed {
                    raw,
                    dto,
                    updated_at,
                });
            }
            Err(e) => problems.push((record_id(&raw), format!("unreadable record: {e}"))),
        }
    }
    listed
}
