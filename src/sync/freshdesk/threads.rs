//! The conversations of a page's changed tickets, read at once: the client's pacer keeps
//! them within the account's credits and its few requests in flight, so a page costs its
//! slowest threads rather than the sum of all of them.

use std::collections::HashMap;

use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::{json_list, Run};
use crate::sources::freshdesk::client::{Client, Wait};
use crate::sources::freshdesk::dto::ConversationDto;
use crate::sources::freshdesk::error::FreshdeskError;
use crate::sources::freshdesk::pacer::Cost;
use crate::sources::freshdesk::streams;
use crate::sync::SyncEvent;

pub(super) const STREAM: &str = "conversations";

/// Each ticket's conversations, oldest first (a ticket gone meanwhile, 404, has none),
/// and the error of a plan without conversations, if that is what the account answered.
pub(super) struct Threads {
    pub by_ticket: HashMap<i64, Vec<ConversationDto>>,
    pub unavailable: Option<FreshdeskError>,
}

pub(super) async fn read(run: &mut Run<'_>, tickets: &[i64]) -> Result<Threads, FreshdeskError> {
    let (waits, mut waited) = unbounded_channel();
    let mut tasks = JoinSet::new();
    for &ticket in tickets {
        let (client, cancel, waits) = (run.client.clone(), run.cancel.clone(), waits.clone());
        tasks.spawn(async move { (ticket, thread(&client, ticket, &cancel, &waits).await) });
    }
    drop(waits);
    let mut threads = Threads {
        by_ticket: HashMap::new(),
        unavailable: None,
    };
    loop {
        tokio::select! {
            Some(wait) = waited.recv() => {
                run.report(STREAM, |stream| SyncEvent::waiting(stream, wait));
            }
            joined = tasks.join_next() => match joined {
                None => return Ok(threads),
                Some(Ok((ticket, Ok(Some(thread))))) => {
                    threads.by_ticket.insert(ticket, thread);
                }
                Some(Ok((_, Ok(None)))) => {}
                Some(Ok((_, Err(err @ FreshdeskError::FeatureUnavailable { .. })))) => {
                    threads.unavailable = Some(err);
                }
                // Dropping the set stops the other requests.
                Some(Ok((_, Err(err)))) => return Err(err),
                Some(Err(_)) => {
                    return Err(FreshdeskError::UnexpectedResponse(
                        "reading conversations stopped unexpectedly".into(),
                    ))
                }
            },
        }
    }
}

/// One ticket's conversations, page by page; `None` when the ticket is gone (404).
async fn thread(
    client: &Client,
    ticket: i64,
    cancel: &CancellationToken,
    waits: &UnboundedSender<Wait>,
) -> Result<Option<Vec<ConversationDto>>, FreshdeskError> {
    let mut thread = Vec::new();
    let mut next = Some(streams::conversations(client.base(), ticket)?);
    while let Some(url) = next {
        if cancel.is_cancelled() {
            return Err(FreshdeskError::Cancelled);
        }
        let mut on_wait = |wait| {
            // A reader that has stopped no longer needs to hear about waits.
            let _ = waits.send(wait);
        };
        let fetched = match client
            .get_json(&url, Cost::CALL, cancel, &mut on_wait)
            .await
        {
            Ok(fetched) => fetched,
            Err(FreshdeskError::NotFound { .. }) => return Ok(None),
            Err(err) => return Err(err),
        };
        thread.extend(json_list::<ConversationDto>(&fetched.body, &url)?);
        next = fetched.next;
    }
    Ok(Some(thread))
}
