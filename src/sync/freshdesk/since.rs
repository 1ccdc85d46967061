//! Lists read from a time on, page by page: contacts changed since the last run, and
//! ratings created since a lookback before it (their filter is on creation, but they
//! change later). Each page is written with `{since, page}` in one transaction; once the
//! list ends, the next run's `since` is saved.

use serde_json::value::RawValue;

use super::{json_list, FreshdeskSyncError, Run, Stop};
use crate::sources::freshdesk::account::Account;
use crate::sources::freshdesk::convert::{self, Invalid};
use crate::sources::freshdesk::dto::{ContactDto, RatingDto};
use crate::sources::freshdesk::pacer::Cost;
use crate::sources::freshdesk::streams::{since_list, SinceList};
use crate::store::records::{SatisfactionRating, User};

pub(super) async fn pull_contacts(run: &mut Run<'_>) -> Result<(), FreshdeskSyncError> {
    let overlap = crate::sources::freshdesk::cursor::OVERLAP;
    let result = pull(run, SinceList::Contacts, overlap, |raw| {
        let dto: ContactDto = read(raw)?;
        Ok(Item::User(convert::contact(dto)?))
    })
    .await;
    run.ended(SinceList::Contacts.stream(), result)
}

pub(super) async fn pull_ratings(
    run: &mut Run<'_>,
    account: &Account,
) -> Result<(), FreshdeskSyncError> {
    let lookback = run.options.ratings_lookback;
    let result = pull(run, SinceList::Ratings, lookback, |raw| {
        let dto: RatingDto = read(raw)?;
        Ok(Item::Rating(convert::rating(dto, account)?))
    })
    .await;
    run.ended(SinceList::Ratings.stream(), result)
}

enum Item {
    User(User),
    Rating(SatisfactionRating),
}

fn read<'a, T: serde::Deserialize<'a>>(raw: &'a RawValue) -> Result<T, Invalid> {
    serde_json::from_str(raw.get()).map_err(|e| Invalid(format!("unreadable record: {e}")))
}

/// Pages through `list` from its checkpoint. A pass that starts at page 1 saves, when it
/// ends, a `since` of `lookback` before the server's time at its start; a resumed pass
/// keeps its `since`, so what changed before it resumed is read again next time.
async fn pull(
    run: &mut Run<'_>,
    list: SinceList,
    lookback: i64,
    convert: impl Fn(&RawValue) -> Result<Item, Invalid>,
) -> Result<(), Stop> {
    let stream = list.stream();
    let state = run.checkpoint(stream)?;
    let since = state
        .as_ref()
        .and_then(|s| s.start_time)
        .unwrap_or(run.options.start_time);
    let mut page: u32 = state
        .and_then(|s| s.cursor)
        .and_then(|c| c.parse().ok())
        .unwrap_or(1)
        .max(1);
    let mut next_since = None;
    loop {
        let url = since_list(run.client.base(), list, since, page, run.options.per_page)?;
        let fetched = run.get(stream, &url, Cost::CALL).await?;
        if page == 1 {
            let now = fetched.server_now.unwrap_or_else(|| run.now());
            next_since = Some(now.saturating_sub(lookback).max(since));
        }
        let items: Vec<&RawValue> = json_list(&fetched.body, &url)?;
        let done = fetched.next.is_none();
        let (position, start) = match (done, next_since) {
            (true, Some(next)) => (None, next),
            (true, None) => (None, since),
            (false, _) => (Some((page + 1).to_string()), since),
        };
        let (source_id, run_id, at) = (run.source_id, run.run_id, run.now());
        let w = run.store.write()?;
        let (mut written, mut problems) = (0, 0);
        for raw in &items {
            match convert(raw) {
                Ok(Item::User(u)) => w.upsert_user(source_id, &u)?,
                Ok(Item::Rating(r)) => w.upsert_rating(source_id, &r)?,
                Err(Invalid(message)) => {
                    problems += 1;
                    w.record_problem(run_id, stream, &record_id(raw), &message)?;
                    continue;
                }
            }
            written += 1;
        }
        w.save_position(source_id, stream, position.as_deref(), Some(start), at)?;
        w.commit()?;
        run.stored(stream, written, problems);
        if done {
            return Ok(());
        }
        page += 1;
    }
}

/// A record's id as the API sent it, to name it in the sync log.
pub(super) fn record_id(raw: &RawValue) -> String {
    #[derive(serde::Deserialize)]
    struct Id {
        id: Option<serde_json::Value>,
    }
    serde_json::from_str::<Id>(raw.get())
        .ok()
        .and_then(|r| r.id)
        .map_or_else(|| "?".into(), |id| id.to_string())
}
