//! The three tickets lists (live, spam, deleted), each paged by its keyset cursor, with
//! the conversations of live tickets that changed since they were stored. A page's
//! tickets, their conversations and SLA events (replacing the stored ones, so what the
//! API no longer returns goes), and the list's cursor are written in one transaction.

use std::collections::HashMap;

use tokio::sync::mpsc::unbounded_channel;
use tokio_util::task::AbortOnDropHandle;

use super::threads;
use super::ticket_pages::{Listed, TicketPages, TicketsPage};
use super::{FreshdeskSyncError, Run, Stop};
use crate::sources::freshdesk::account::Account;
use crate::sources::freshdesk::convert::{self, ConvertedTicket, Invalid};
use crate::sources::freshdesk::cursor::{TicketCursor, TicketFilter};
use crate::sources::freshdesk::error::FreshdeskError;
use crate::store::{skipped_note, RawPage};
use crate::sync::read_ahead::{self, Step};
use crate::sync::SyncEvent;
use serde_json::value::RawValue;

/// The archive's stream in the sync log, always skipped with [`ARCHIVE_NOT_LISTED`].
pub const ARCHIVED_STREAM: &str = "archived_tickets";
/// Why archived tickets are missing, shown in the progress and the source's status
/// rather than silently.
pub const ARCHIVE_NOT_LISTED: &str = "Freshdesk's API does not list archived tickets (closed and inactive for about 120 days; it reads them only by id), so they are not synced; import Freshdesk's Archive CSV export for them";

pub(super) async fn pull(run: &mut Run<'_>, account: &Account) -> Result<(), FreshdeskSyncError> {
    let mut conversations = Conversations::Read;
    for filter in TicketFilter::ALL {
        let result = pull_list(run, account, filter, &mut conversations).await;
        run.ended(filter.stream(), result)?;
    }
    if conversations == Conversations::Read {
        run.ended(threads::STREAM, Ok(()))?;
    }
    let now = run.now();
    let note = skipped_note(ARCHIVE_NOT_LISTED);
    run.store
        .finish_stream(run.source_id, ARCHIVED_STREAM, now, Some(&note))?;
    run.report(ARCHIVED_STREAM, |stream| SyncEvent::StreamSkipped {
        stream,
        reason: ARCHIVE_NOT_LISTED.to_owned(),
    });
    Ok(())
}

/// Whether conversations can be read; a plan without them leaves replies null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conversations {
    Read,
    Unavailable,
}

async fn pull_list(
    run: &mut Run<'_>,
    account: &Account,
    filter: TicketFilter,
    conversations: &mut Conversations,
) -> Result<(), Stop> {
    let stream = filter.stream();
    let state = run.checkpoint(stream)?;
    let at = TicketCursor::from_columns(
        state.as_ref().and_then(|s| s.cursor.as_deref()),
        state.as_ref().and_then(|s| s.start_time),
        run.options.start_time,
    );
    let (tx, mut steps) = unbounded_channel();
    let pages = TicketPages {
        client: run.client.clone(),
        filter,
        per_page: run.options.per_page,
    };
    let reader = read_ahead::read(pages, at, run.cancel.clone(), stream, tx);
    let _reader = AbortOnDropHandle::new(tokio::spawn(reader));
    while let Some((stream, step)) = steps.recv().await {
        let page = match step {
            Step::Waiting(wait) => {
                run.report(stream, |s| SyncEvent::waiting(s, wait));
                continue;
            }
            Step::Failed(err) => return Err(err.into()),
            Step::Page(page, _room) => page,
        };
        if run.cancel.is_cancelled() {
            return Err(FreshdeskError::Cancelled.into());
        }
        let next = page.next();
        store_page(run, account, filter, page, conversations).await?;
        if next.is_none() {
            return Ok(());
        }
    }
    Err(
        FreshdeskError::UnexpectedResponse("reading the tickets stopped unexpectedly".into())
            .into(),
    )
}

/// Reads the conversations of the page's changed tickets, converts them and writes the
/// page with the list's next cursor.
async fn store_page(
    run: &mut Run<'_>,
    account: &Account,
    filter: TicketFilter,
    page: TicketsPage,
    conversations: &mut Conversations,
) -> Result<(), Stop> {
    let stream = filter.stream();
    let next = page.next();
    let TicketsPage {
        at,
        listed,
        mut problems,
        updated,
        server_now,
        ..
    } = page;
    let changed = changed(run, filter, listed)?;
    let mut threads = HashMap::new();
    if filter == TicketFilter::Default && *conversations == Conversations::Read {
        let ids: Vec<i64> = changed.iter().map(|t| t.dto.id).collect();
        let read = threads::read(run, &ids).await?;
        if let Some(err) = read.unavailable {
            *conversations = Conversations::Unavailable;
            run.ended(threads::STREAM, Err(Stop::Freshdesk(err)))?;
        }
        threads = read.by_ticket;
    }
    let mut converted = Vec::with_capacity(changed.len());
    let mut comments = 0;
    for ticket in changed {
        let id = ticket.dto.id;
        let thread = threads.remove(&id);
        comments += thread.as_ref().map_or(0, Vec::len);
        match convert::ticket(ticket.dto, thread.as_deref(), account) {
            Ok(c) => converted.push((ticket.raw, c)),
            Err(Invalid(message)) => problems.push((id.to_string(), message)),
        }
    }
    let position = next.unwrap_or_else(|| {
        let now = server_now.unwrap_or_else(|| run.now());
        at.next_run(updated.iter().copied().max(), now)
    });
    write(run, stream, &converted, &problems, position)?;
    run.reached(stream, updated.iter().copied().max());
    run.stored(stream, converted.len(), problems.len());
    if comments > 0 {
        run.stored(threads::STREAM, comments, 0);
    }
    Ok(())
}

/// Live tickets stored with the same `updated_at` are left alone (their conversations
/// have not changed either: a new note moves `updated_at`); spam and deleted ones are
/// always written, since moving to the trash need not move it.
fn changed(run: &Run<'_>, filter: TicketFilter, listed: Vec<Listed>) -> Result<Vec<Listed>, Stop> {
    if filter != TicketFilter::Default {
        return Ok(listed);
    }
    let ids: Vec<i64> = listed.iter().map(|t| t.dto.id).collect();
    let stored = run.store.ticket_versions(run.source_id, &ids)?;
    Ok(listed
        .into_iter()
        .filter(|t| t.updated_at.is_none() || stored.get(&t.dto.id) != t.updated_at.as_ref())
        .collect())
}

/// One page with its cursor, in one transaction.
fn write(
    run: &mut Run<'_>,
    stream: &'static str,
    converted: &[(Box<RawValue>, ConvertedTicket)],
    problems: &[(String, String)],
    position: TicketCursor,
) -> Result<(), Stop> {
    let (source_id, run_id, at) = (run.source_id, run.run_id, run.now());
    let tickets: Vec<_> = converted.iter().map(|(_, c)| c.ticket.clone()).collect();
    let raw = RawPage::compress(converted.iter().map(|(raw, _)| raw.get()));
    let w = run.store.write()?;
    w.upsert_tickets(source_id, &tickets, raw.as_ref())?;
    for (_, c) in converted {
        let ticket = c.ticket.id;
        if let Some(comments) = &c.comments {
            let ids: Vec<i64> = comments.iter().map(|c| c.id).collect();
            w.delete_other_comments(source_id, ticket, &ids)?;
            for comment in comments {
                w.upsert_comment(source_id, comment)?;
            }
        }
        let ids: Vec<i64> = c.sla_events.iter().map(|e| e.id).collect();
        w.delete_other_sla_events(source_id, ticket, &ids)?;
        for event in &c.sla_events {
            w.upsert_sla_event(source_id, event)?;
        }
    }
    for (id, message) in problems {
        w.record_problem(run_id, stream, id, message)?;
    }
    let (cursor, anchor) = position.to_columns();
    w.save_position(source_id, stream, cursor.as_deref(), anchor, at)?;
    w.commit()?;
    Ok(())
}
