//! Rows become canonical records inside the import's one transaction: text keys get
//! their stable ids, groups, people, organizations and custom fields are created by name
//! the first time they appear, tickets are written a few thousand at a time, and each
//! rating joins its ticket (by id, else by email and the nearest ticket solved before
//! it) or is reported unmatched, never stored against a guess.

use std::borrow::Cow;
use std::collections::HashMap;

use foldhash::HashSet;

use super::keys::{KeyKind, Keys};
use super::report::ImportCounts;
use super::row::{Answer, RatingRow, TicketRow};
use crate::store::records::{
    Minutes, Named, NamedKind, SatisfactionRating, Ticket, TicketField, TicketMetrics, User,
};
use crate::store::{StoreError, Writer};

/// Tickets written per statement batch.
const TICKETS_PER_WRITE: usize = 2_000;

/// New tickets an import into an empty source writes through the indexes before it sets
/// them aside (see `Writer::set_indexes_aside`): a small file keeps them.
const SET_ASIDE_AFTER: u64 = 10_000;

/// Rows stored already for each new ticket at which setting the indexes aside still
/// pays: re-creating them sorts every row, which costs a fraction of inserting one.
const STORED_PER_NEW: u64 = 4;

pub struct Batch<'w, 'tx> {
    w: &'w Writer<'tx>,
    source_id: i64,
    keys: Keys,
    /// Names written in this import, so each is written once.
    written: HashSet<(KeyKind, i64)>,
    /// Tickets with ids new to the source, and those it holds already, to write next.
    new_tickets: Vec<Ticket>,
    stored_tickets: Vec<Ticket>,
    /// People named for the first time, written with the next tickets.
    users: Vec<User>,
    /// Solved tickets by requester email, in solve order; read at the first rating
    /// that needs them.
    by_email: Option<HashMap<String, Vec<(i64, i64)>>>,
    /// The new tickets written at which the indexes are set aside, if they will be.
    set_aside_at: Option<u64>,
    pub counts: ImportCounts,
}

impl<'w, 'tx> Batch<'w, 'tx> {
    pub fn new(w: &'w Writer<'tx>, source_id: i64) -> Result<Self, StoreError> {
        let keys = Keys::new(w.import_keys(source_id)?);
        let set_aside_at = match keys.holds_any(KeyKind::Ticket) {
            true => None,
            false => {
                w.changes_whole_source(source_id)?;
                Some(SET_ASIDE_AFTER.max(w.rows_to_reindex()? / STORED_PER_NEW))
            }
        };
        Ok(Batch {
            keys,
            set_aside_at,
            w,
            source_id,
            written: HashSet::default(),
            new_tickets: Vec::with_capacity(TICKETS_PER_WRITE),
            stored_tickets: Vec::new(),
            users: Vec::new(),
            by_email: None,
            counts: ImportCounts::default(),
        })
    }

    pub fn add_ticket(&mut self, row: TicketRow) -> Result<(), StoreError> {
        let (id, new) = self.keys.id(KeyKind::Ticket, &row.external_id);
        if new {
            self.counts.tickets_new += 1;
        } else {
            self.counts.tickets_updated += 1;
        }
        let organization_id = self.named(NamedKind::Organization, row.organization.as_deref())?;
        let requester_id = row
            .requester_email
            .as_deref()
            .map(|email| self.user(email, "end-user", organization_id));
        let assignee_id = row
            .assignee
            .as_deref()
            .map(|name| self.user(name, "agent", None));
        let mut fields = Vec::with_capacity(row.fields.len());
        for (name, value) in &row.fields {
            fields.push((self.field(name)?, serde_json::Value::String(value.clone())));
        }
        let minutes_to = |at: Option<i64>| -> Minutes {
            let calendar = at
                .map(|at| (at - row.created_at) as f64 / 60.0)
                .filter(|m| *m >= 0.0);
            Minutes {
                calendar,
                business: None,
            }
        };
        let solved = row.status.is_solved();
        let ticket = Ticket {
            id,
            status: row.status,
            priority: row.priority,
            ticket_type: row.ticket_type,
            channel: row.channel,
            subject: row.subject,
            description: row.description,
            requester_id,
            submitter_id: requester_id,
            assignee_id,
            group_id: self.named(NamedKind::Group, row.group.as_deref())?,
            organization_id,
            brand_id: None,
            form_id: None,
            created_at: row.created_at,
            updated_at: row.updated_at,
            solved_at: row.solved_at,
            metrics: TicketMetrics {
                reply_time: minutes_to(row.first_reply_at),
                full_resolution_time: if solved {
                    minutes_to(row.solved_at)
                } else {
                    Minutes::default()
                },
                ..TicketMetrics::default()
            },
            tags: row.tags,
            fields,
        };
        let (assignee_id, group_id) = (ticket.assignee_id, ticket.group_id);
        match new {
            true => self.new_tickets.push(ticket),
            false => self.stored_tickets.push(ticket),
        }
        match row.rating {
            Some(Answer::Rating(rating)) => {
                self.write_rating(&rating, id, assignee_id, group_id, requester_id)?
            }
            Some(Answer::Neutral(key)) => self.remove_rating(key.as_deref())?,
            None => {}
        }
        if self.new_tickets.len() + self.stored_tickets.len() >= TICKETS_PER_WRITE {
            self.flush()?;
        }
        Ok(())
    }

    /// Stores a survey response against its ticket; false when no ticket matches.
    pub fn add_rating(&mut self, row: &RatingRow) -> Result<bool, StoreError> {
        let by_id = row
            .ticket
            .as_deref()
            .and_then(|t| self.keys.get(KeyKind::Ticket, t));
        let ticket = match by_id {
            Some(id) => Some(id),
            None => self.by_email(row)?,
        };
        let Some(ticket) = ticket else {
            self.counts.ratings_unmatched += 1;
            return Ok(false);
        };
        self.write_rating(row, ticket, None, None, None)?;
        Ok(true)
    }

    /// Removes the rating an earlier import kept under `key`, now that the file's answer
    /// is a neutral one left out.
    pub fn remove_rating(&mut self, key: Option<&str>) -> Result<(), StoreError> {
        match key.and_then(|key| self.keys.get(KeyKind::Rating, key)) {
            Some(id) => self.w.delete_rating(self.source_id, id),
            None => Ok(()),
        }
    }

    /// Writes what is pending and stores the new keys; the counts of the whole import.
    pub fn finish(mut self) -> Result<ImportCounts, StoreError> {
        self.flush()?;
        let added = self.keys.take_added();
        self.w.add_import_keys(self.source_id, &added)?;
        Ok(self.counts)
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        if self
            .set_aside_at
            .is_some_and(|at| self.counts.tickets_new >= at)
        {
            self.w.set_indexes_aside()?;
            self.set_aside_at = None;
        }
        self.w.upsert_users(self.source_id, &self.users)?;
        self.users.clear();
        // New ones first: a ticket the file names again follows its first row.
        self.w
            .insert_new_tickets(self.source_id, &self.new_tickets)?;
        self.new_tickets.clear();
        self.w
            .upsert_tickets(self.source_id, &self.stored_tickets, None)?;
        self.stored_tickets.clear();
        Ok(())
    }

    fn write_rating(
        &mut self,
        row: &RatingRow,
        ticket_id: i64,
        assignee_id: Option<i64>,
        group_id: Option<i64>,
        requester_id: Option<i64>,
    ) -> Result<(), StoreError> {
        let (id, _) = self.keys.id(KeyKind::Rating, &row.key);
        self.counts.ratings += 1;
        self.w.upsert_rating(
            self.source_id,
            &SatisfactionRating {
                id,
                ticket_id,
                score: row.score,
                comment: row.comment.clone(),
                reason: None,
                assignee_id,
                group_id,
                requester_id,
                created_at: row.rated_at,
                updated_at: row.rated_at,
            },
        )
    }

    /// The ticket of the response's email solved last before the response.
    fn by_email(&mut self, row: &RatingRow) -> Result<Option<i64>, StoreError> {
        let Some(email) = row.email.as_deref() else {
            return Ok(None);
        };
        if self.by_email.is_none() {
            self.flush()?;
            let mut map: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
            for (email, solved_at, ticket) in self.w.solved_by_requester_email(self.source_id)? {
                map.entry(email).or_default().push((solved_at, ticket));
            }
            for solved in map.values_mut() {
                solved.sort_unstable();
            }
            self.by_email = Some(map);
        }
        let solved = self
            .by_email
            .as_ref()
            .and_then(|map| map.get(&email.to_lowercase()));
        Ok(solved.and_then(|solved| {
            let before = solved.partition_point(|(at, _)| *at <= row.rated_at);
            before.checked_sub(1).map(|i| solved[i].1)
        }))
    }

    /// The id of a group or organization, written the first time this import names it.
    fn named(&mut self, kind: NamedKind, name: Option<&str>) -> Result<Option<i64>, StoreError> {
        let Some(name) = name else {
            return Ok(None);
        };
        let key_kind = match kind {
            NamedKind::Group => KeyKind::Group,
            _ => KeyKind::Organization,
        };
        let (id, _) = self.keys.id(key_kind, name);
        if self.written.insert((key_kind, id)) {
            let named = Named {
                id,
                name: name.to_owned(),
            };
            self.w.upsert_named(self.source_id, kind, &named)?;
        }
        Ok(Some(id))
    }

    /// A person by email (requesters, keyed in lower case) or by name (agents).
    fn user(&mut self, who: &str, role: &str, organization_id: Option<i64>) -> i64 {
        let is_email = who.contains('@');
        let key = if is_email && who.chars().any(char::is_uppercase) {
            Cow::Owned(who.to_lowercase())
        } else {
            Cow::Borrowed(who)
        };
        let (id, _) = self.keys.id(KeyKind::User, &key);
        if self.written.insert((KeyKind::User, id)) {
            let user = User {
                id,
                role: role.to_owned(),
                name: who.to_owned(),
                email: is_email.then(|| key.into_owned()),
                locale: None,
                time_zone: None,
                organization_id,
                created_at: None,
                updated_at: None,
            };
            self.users.push(user);
        }
        id
    }

    fn field(&mut self, name: &str) -> Result<i64, StoreError> {
        let (id, _) = self.keys.id(KeyKind::Field, name);
        if self.written.insert((KeyKind::Field, id)) {
            let field = TicketField {
                id,
                title: name.to_owned(),
                field_type: "text".to_owned(),
                options: Vec::new(),
                active: true,
            };
            self.w.upsert_ticket_field(self.source_id, &field)?;
        }
        Ok(id)
    }
}
