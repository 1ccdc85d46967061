//! Writing one page: its records, the records it had to skip, and the stream's new
//! checkpoint, all in one transaction. A crash or a kill between pages loses nothing and
//! doubles nothing: the next run starts after the last committed page.

use crate::sources::zendesk::{schedules, Page, Records, Stream};
use crate::store::{Store, StoreError};

pub fn apply_page(
    store: &mut Store,
    source_id: i64,
    run_id: i64,
    stream: Stream,
    page: &Page,
    at: i64,
) -> Result<(), StoreError> {
    let w = store.write()?;
    match &page.records {
        Records::Tickets { tickets, raw } => {
            w.upsert_tickets(source_id, tickets, raw.as_ref())?;
        }
        Records::Users(users) => {
            for u in users {
                w.upsert_user(source_id, u)?;
            }
        }
        Records::Named(kind, items) => {
            for n in items {
                w.upsert_named(source_id, *kind, n)?;
            }
        }
        Records::Fields(fields) => {
            for f in fields {
                w.upsert_ticket_field(source_id, f)?;
            }
        }
        Records::Ratings(ratings) => {
            for r in ratings {
                w.upsert_rating(source_id, r)?;
            }
        }
        Records::Events { upsert, deleted } => {
            for e in upsert {
                w.upsert_sla_event(source_id, e)?;
            }
            for id in deleted {
                w.delete_sla_event(source_id, *id)?;
            }
        }
        Records::History { changes, comments } => {
            w.insert_ticket_events(source_id, changes)?;
            w.insert_public_comments(source_id, comments)?;
        }
        Records::Articles(articles) => {
            for a in articles {
                w.upsert_article(source_id, a)?;
            }
        }
        Records::TimeZone(zone) => {
            // Only a zone the tz database knows; an unknown one keeps the current default.
            if let Some(zone) = zone
                .as_deref()
                .filter(|z| z.parse::<chrono_tz::Tz>().is_ok())
            {
                w.set_source_time_zone(source_id, zone)?;
            }
        }
        Records::Schedules(schedules) => {
            let snapshot = serde_json::Value::Array(schedules.clone()).to_string();
            w.set_setting(&schedules::snapshot_key(source_id), &snapshot)?;
        }
    }
    for p in &page.problems {
        w.record_problem(run_id, stream.name(), &p.record_id, &p.message)?;
    }
    let (cursor, start_time) = page.next.to_columns();
    w.save_position(source_id, stream.name(), cursor.as_deref(), start_time, at)?;
    w.commit()
}
