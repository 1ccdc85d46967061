//! The URLs Deskbench reads from Freshdesk (`freshdesk-api.md` §3, §5, §6), built from a
//! checkpoint, never from a link in a response, so resuming is exact.

use chrono::DateTime;
use reqwest::Url;

use super::base_url::BaseUrl;
use super::cursor::{TicketCursor, TicketFilter};
use super::error::FreshdeskError;

/// Rows per page: Freshdesk's most.
pub const PAGE_SIZE: u32 = 100;

/// A list read with a `since` time and a page under it (contacts, ratings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceList {
    Contacts,
    Ratings,
}

impl SinceList {
    pub fn stream(self) -> &'static str {
        match self {
            SinceList::Contacts => "contacts",
            SinceList::Ratings => "satisfaction_ratings",
        }
    }

    fn path_and_param(self) -> (&'static str, &'static str) {
        match self {
            SinceList::Contacts => ("contacts", "_updated_since"),
            SinceList::Ratings => ("surveys/satisfaction_ratings", "created_since"),
        }
    }
}

/// A time as Freshdesk reads it: UTC with `Z`, to the second.
pub fn iso(unix: i64) -> String {
    DateTime::from_timestamp(unix.max(0), 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// A page of tickets by `updated_at`, oldest first, with their stats.
pub fn tickets(
    base: &BaseUrl,
    filter: TicketFilter,
    at: TicketCursor,
    per_page: u32,
) -> Result<Url, FreshdeskError> {
    let mut url = base.join("tickets")?;
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("updated_since", &iso(at.anchor));
        q.append_pair("order_by", "updated_at");
        q.append_pair("order_type", "asc");
        q.append_pair("per_page", &per_page.to_string());
        q.append_pair("include", "stats");
        q.append_pair("page", &at.page.to_string());
        if let Some(filter) = filter.query() {
            q.append_pair("filter", filter);
        }
    }
    Ok(url)
}

/// The first page of a ticket's conversations; later pages follow `Link`.
pub fn conversations(base: &BaseUrl, ticket: i64) -> Result<Url, FreshdeskError> {
    let mut url = base.join(&format!("tickets/{ticket}/conversations"))?;
    url.query_pairs_mut()
        .append_pair("per_page", &PAGE_SIZE.to_string());
    Ok(url)
}

pub fn since_list(
    base: &BaseUrl,
    list: SinceList,
    since: i64,
    page: u32,
    per_page: u32,
) -> Result<Url, FreshdeskError> {
    let (path, param) = list.path_and_param();
    let mut url = base.join(path)?;
    url.query_pairs_mut()
        .append_pair(param, &iso(since))
        .append_pair("per_page", &per_page.to_string())
        .append_pair("page", &page.to_string());
    Ok(url)
}

/// The first page of a list read whole every run; later pages follow `Link`.
pub fn full_list(base: &BaseUrl, path: &str) -> Result<Url, FreshdeskError> {
    let mut url = base.join(path)?;
    url.query_pairs_mut()
        .append_pair("per_page", &PAGE_SIZE.to_string());
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tickets_page_carries_its_anchor_page_and_filter() {
        let base = BaseUrl::parse("https://acme.freshdesk.com").unwrap();
        let url = tickets(
            &base,
            TicketFilter::Spam,
            TicketCursor {
                anchor: 1_767_225_600,
                page: 3,
            },
            100,
        )
        .unwrap();
        assert_eq!(
            url.as_str(),
            "https://acme.freshdesk.com/api/v2/tickets?updated_since=2026-01-01T00%3A00%3A00Z&order_by=updated_at&order_type=asc&per_page=100&include=stats&page=3&filter=spam"
        );
        let ratings = since_list(&base, SinceList::Ratings, 0, 1, 100).unwrap();
        assert!(
            ratings
                .as_str()
                .ends_with("surveys/satisfaction_ratings?created_since=1970-01-01T00%3A00%3A00Z&per_page=100&page=1"),
            "{ratings}"
        );
    }
}
