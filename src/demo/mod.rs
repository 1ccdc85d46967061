//! Deterministic generator of a realistic demo helpdesk, so every screen of Deskbench can
//! be shown and tested without a real helpdesk account.
//!
//! Same config, same bytes: every random draw comes from ChaCha8 streams seeded by
//! `DemoConfig::seed`, iteration order is fixed, and the clock is never read (`now` is
//! passed in). Floating-point maths (`ln`, `exp`, `cos`) comes from the platform's libm,
//! so identical output is promised per build target, not across architectures.

mod articles;
mod attributes;
mod calendar;
mod catalog;
mod config;
mod csat;
mod history;
mod lang_en;
mod lang_ko;
mod lang_ru;
mod mail;
mod mixed_language;
mod names;
mod noise;
mod odd_comments;
mod replies;
mod sample;
mod sla;
#[cfg(test)]
mod tests;
mod text;
mod tickets;
mod timeline;
mod topics;
mod typos;
mod volume;

pub use config::{DemoConfig, FIRST_UNTIL, MAX_MONTHS, MAX_TICKETS, MIN_TICKETS};

use serde_json::json;

use crate::sources::zendesk::schedules;
use crate::store::records::{NamedKind, NewSource, SourceKind, TicketField};
use crate::store::{Store, StoreError};
use config::{
    CHUNK_TICKETS, FIELD_CONTACT_REASON, FIELD_ESCALATED, FIELD_PRODUCT_AREA, HC_BASE_URL,
    SOURCE_NAME,
};
use sample::stream;

/// Id of the "Contact reason" drop-down. Every live ticket carries the topic its text was
/// written about, so feedback analysis can be checked against a known truth.
pub const CONTACT_REASON_FIELD: i64 = FIELD_CONTACT_REASON;

/// The "Contact reason" options as (value, display name), one per topic.
pub fn contact_reasons() -> Vec<(&'static str, &'static str)> {
    topics::CONTACT_REASONS
        .iter()
        .map(|(_, value, name)| (*value, *name))
        .collect()
}

/// Reported after each committed chunk of tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    pub tickets_written: usize,
    pub tickets_total: usize,
}

/// What was written. `tickets` includes the deleted tombstones (about 0.5%).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub source_id: i64,
    pub tickets: usize,
    pub users: usize,
    pub ratings: usize,
    pub sla_events: usize,
    pub articles: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("cannot write the demo helpdesk to the workspace")]
    Store(#[from] StoreError),
    #[error("the demo needs at least {minimum} tickets to show meaningful patterns (asked for {requested})")]
    TooFewTickets { requested: usize, minimum: usize },
    #[error("the demo is limited to {maximum} tickets (asked for {requested})")]
    TooManyTickets { requested: usize, maximum: usize },
    #[error("the demo spans 1 to {maximum} months (asked for {months})")]
    BadMonths { months: u32, maximum: u32 },
    #[error(
        "`now` must be the current time in UTC unix seconds, between 2001 and 2101 (got {now})"
    )]
    BadNow { now: i64 },
    #[error(
        "the demo's last day {until} is outside {first} to {last}, the days a demo may end on"
    )]
    UntilOutOfRange {
        until: chrono::NaiveDate,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    },
    #[error("this workspace already holds the demo helpdesk; use a new workspace for a fresh one")]
    AlreadyGenerated,
}

/// Random streams, one per purpose, so each part stays stable when another changes.
const STREAM_VOLUME: u64 = 1;
const STREAM_CATALOG: u64 = 2;
const STREAM_ARTICLES: u64 = 3;
const STREAM_TICKETS: u64 = 4;
/// Text-only streams: the wording of customer text and its noise (typos, mixed language,
/// e-mail leftovers). Drawing more or less from them never moves a count, time or score.
const STREAM_WORDING: u64 = 5;
const STREAM_NOISE: u64 = 6;

/// Writes a complete demo helpdesk as a new source of `store`.
///
/// Tickets are committed in chunks so a million of them never form one transaction;
/// `progress` is called after each chunk. If a write fails midway, the chunks already
/// committed stay: discard the workspace (or its demo source) and generate again.
pub fn generate(
    store: &mut Store,
    config: &DemoConfig,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<DemoSummary, DemoError> {
    config.validate()?;
    if store.sources()?.iter().any(|s| s.name == SOURCE_NAME) {
        return Err(DemoError::AlreadyGenerated);
    }
    let now = config.now;
    let start = calendar::sub_months(now, config.months);
    let mut volume_rng = stream(config.seed, STREAM_VOLUME);
    let volume = volume::Volume::new(&mut volume_rng, start, now);
    let arrivals = volume.arrivals(&mut volume_rng, config.tickets);
    let catalog = catalog::Catalog::build(&mut stream(config.seed, STREAM_CATALOG), config, start);
    let articles = articles::articles(&mut stream(config.seed, STREAM_ARTICLES), start);

    let w = store.write()?;
    let source_id = w.add_source(&NewSource {
        kind: SourceKind::Demo,
        name: SOURCE_NAME.to_owned(),
        base_url: Some(HC_BASE_URL.to_owned()),
        time_zone: Some("UTC".to_owned()),
        created_at: now,
    })?;
    w.set_setting("time_zone", "UTC")?;
    w.set_setting("demo_seed", &config.seed.to_string())?;
    let created = chrono::DateTime::from_timestamp(start, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    let schedules = json!([calendar::schedule(&created)]);
    w.set_setting(&schedules::snapshot_key(source_id), &schedules.to_string())?;
    for brand in &catalog.brands {
        w.upsert_named(source_id, NamedKind::Brand, brand)?;
    }
    for group in &catalog.groups {
        w.upsert_named(source_id, NamedKind::Group, group)?;
    }
    for org in &catalog.organizations {
        w.upsert_named(source_id, NamedKind::Organization, org)?;
    }
    for user in &catalog.users {
        w.upsert_user(source_id, user)?;
    }
    for field in ticket_fields() {
        w.upsert_ticket_field(source_id, &field)?;
    }
    for article in &articles {
        w.upsert_article(source_id, article)?;
    }
    w.commit()?;

    let mut factory = tickets::Factory::new(
        stream(config.seed, STREAM_TICKETS),
        stream(config.seed, STREAM_WORDING),
        noise::Noise::new(stream(config.seed, STREAM_NOISE)),
        &catalog,
        &volume,
        config,
    );
    let chunks = arrivals.len().div_ceil(CHUNK_TICKETS);
    for (index, chunk) in arrivals.chunks(CHUNK_TICKETS).enumerate() {
        let w = store.write()?;
        for (k, arrival) in chunk.iter().enumerate() {
            let id = (index * CHUNK_TICKETS + k + 1) as i64;
            factory.write(&w, source_id, id, arrival)?;
        }
        factory.flush(&w, source_id)?;
        if index + 1 == chunks {
            // In the last chunk's transaction: success is only recorded with all the data.
            let c = factory.counts;
            let counts = json!({
                "tickets": c.tickets - c.deleted,
                "deleted_tickets": c.deleted,
                "users": catalog.users.len(),
                "groups": catalog.groups.len(),
                "organizations": catalog.organizations.len(),
                "brands": catalog.brands.len(),
                "satisfaction_ratings": c.ratings,
                "sla_events": c.sla_events,
                "comments": c.comments,
                "articles": articles.len(),
            });
            w.record_success(source_id, "demo", now, now, &counts)?;
        }
        w.commit()?;
        progress(DemoProgress {
            tickets_written: factory.counts.tickets,
            tickets_total: config.tickets,
        });
    }
    let c = factory.counts;
    Ok(DemoSummary {
        source_id,
        tickets: c.tickets,
        users: catalog.users.len(),
        ratings: c.ratings,
        sla_events: c.sla_events,
        articles: articles.len(),
    })
}

/// The custom fields: "Product area" and "Contact reason" drop-downs and an "Escalated"
/// checkbox.
fn ticket_fields() -> [TicketField; 3] {
    [
        drop_down(FIELD_PRODUCT_AREA, "Product area", &topics::PRODUCT_AREAS),
        TicketField {
            id: FIELD_ESCALATED,
            title: "Escalated".to_owned(),
            field_type: "checkbox".to_owned(),
            options: Vec::new(),
            active: true,
        },
        drop_down(FIELD_CONTACT_REASON, "Contact reason", &contact_reasons()),
    ]
}

/// A Zendesk drop-down ("tagger") field with (value, display name) options.
fn drop_down(id: i64, title: &str, options: &[(&str, &str)]) -> TicketField {
    TicketField {
        id,
        title: title.to_owned(),
        field_type: "tagger".to_owned(),
        options: options
            .iter()
            .map(|(value, name)| ((*value).to_owned(), (*name).to_owned()))
            .collect(),
        active: true,
    }
}
