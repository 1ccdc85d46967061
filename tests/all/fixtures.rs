//! Small hand-made helpdesks for KPI tests: tickets and ratings written to an
//! in-memory store, times given as readable UTC strings.

use chrono::DateTime;
use deskbench::analytics::{self, Frame, KpiRequest};
use deskbench::store::records::*;
use deskbench::store::Store;

/// Unix seconds of an RFC 3339 time such as `2025-03-01T10:00:00Z`.
pub fn ts(s: &str) -> i64 {
    DateTime::parse_from_rfc3339(s)
        .expect("fixture times are valid")
        .timestamp()
}

pub fn ticket(id: i64, created: &str, status: TicketStatus) -> Ticket {
    Ticket {
        id,
        status,
        priority: None,
        ticket_type: None,
        channel: Some("email".to_owned()),
        subject: None,
        description: None,
        requester_id: None,
        submitter_id: None,
        assignee_id: None,
        group_id: None,
        organization_id: None,
        brand_id: None,
        form_id: None,
        created_at: ts(created),
        updated_at: None,
        solved_at: None,
        metrics: TicketMetrics::default(),
        tags: Vec::new(),
        fields: Vec::new(),
    }
}

pub fn solved(id: i64, created: &str, solved_at: &str) -> Ticket {
    let mut t = ticket(id, created, TicketStatus::Solved);
    t.solved_at = Some(ts(solved_at));
    t
}

pub fn minutes(calendar: Option<f64>, business: Option<f64>) -> Minutes {
    Minutes { calendar, business }
}

pub fn rating(id: i64, ticket_id: i64, score: RatingScore, rated: &str) -> SatisfactionRating {
    SatisfactionRating {
        id,
        ticket_id,
        score,
        comment: None,
        reason: None,
        assignee_id: None,
        group_id: None,
        requester_id: None,
        created_at: ts(rated),
        updated_at: ts(rated),
    }
}

pub struct Helpdesk {
    pub store: Store,
    source: i64,
}

impl Helpdesk {
    pub fn new() -> Helpdesk {
        let mut store = Store::open_in_memory().expect("in-memory store opens");
        let source = {
            let w = store.write().unwrap();
            let id = w
                .add_source(&NewSource {
                    kind: SourceKind::Demo,
                    name: "fixture".to_owned(),
                    base_url: None,
                    time_zone: None,
                    created_at: 0,
                })
                .unwrap();
            w.commit().unwrap();
            id
        };
        Helpdesk { store, source }
    }

    /// Stores the source's business-hours schedules as a Zendesk sync keeps them.
    pub fn schedules(mut self, schedules: serde_json::Value) -> Helpdesk {
        let key = deskbench::sources::zendesk::schedules::snapshot_key(self.source);
        let w = self.store.write().unwrap();
        w.set_setting(&key, &schedules.to_string()).unwrap();
        w.commit().unwrap();
        self
    }

    pub fn tickets(mut self, tickets: &[Ticket]) -> Helpdesk {
        let w = self.store.write().unwrap();
        for t in tickets {
            w.upsert_ticket(self.source, t).unwrap();
        }
        w.commit().unwrap();
        self
    }

    pub fn ratings(mut self, ratings: &[SatisfactionRating]) -> Helpdesk {
        let w = self.store.write().unwrap();
        for r in ratings {
            w.upsert_rating(self.source, r).unwrap();
        }
        w.commit().unwrap();
        self
    }

    pub fn named(mut self, kind: NamedKind, id: i64, name: &str) -> Helpdesk {
        let w = self.store.write().unwrap();
        w.upsert_named(
            self.source,
            kind,
            &Named {
                id,
                name: name.to_owned(),
            },
        )
        .unwrap();
        w.commit().unwrap();
        self
    }

    /// An agent, so groups by assignee are labelled with a name.
    pub fn agent(self, id: i64, name: &str) -> Helpdesk {
        self.user(id, "agent", name)
    }

    /// A user of `role` (`end-user`, `agent`, `admin`).
    pub fn user(mut self, id: i64, role: &str, name: &str) -> Helpdesk {
        let w = self.store.write().unwrap();
        w.upsert_user(
            self.source,
            &User {
                id,
                role: role.to_owned(),
                name: name.to_owned(),
                email: None,
                locale: None,
                time_zone: None,
                organization_id: None,
                created_at: None,
                updated_at: None,
            },
        )
        .unwrap();
        w.commit().unwrap();
        self
    }

    pub fn sla_events(mut self, events: &[SlaEvent]) -> Helpdesk {
        let w = self.store.write().unwrap();
        for e in events {
            w.upsert_sla_event(self.source, e).unwrap();
        }
        w.commit().unwrap();
        self
    }

    pub fn field(mut self, id: i64, title: &str, options: &[(&str, &str)]) -> Helpdesk {
        let w = self.store.write().unwrap();
        w.upsert_ticket_field(
            self.source,
            &TicketField {
                id,
                title: title.to_owned(),
                field_type: "tagger".to_owned(),
                options: options
                    .iter()
                    .map(|(v, n)| (v.to_string(), n.to_string()))
                    .collect(),
                active: true,
            },
        )
        .unwrap();
        w.commit().unwrap();
        self
    }

    /// Status history rows, as the ticket events stream writes them.
    pub fn history(mut self, changes: &[FieldChange]) -> Helpdesk {
        let w = self.store.write().unwrap();
        w.insert_ticket_events(self.source, changes).unwrap();
        w.commit().unwrap();
        self
    }

    pub fn public_comments(mut self, comments: &[PublicComment]) -> Helpdesk {
        let w = self.store.write().unwrap();
        w.insert_public_comments(self.source, comments).unwrap();
        w.commit().unwrap();
        self
    }

    /// Runs a query and returns the error's message (the query must be refused).
    pub fn kpi_error(&self, request: KpiRequest) -> String {
        let frame = Frame::build(&self.store).expect("frame builds");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        match request.resolve(today, chrono_tz::Tz::UTC) {
            Err(e) => e.to_string(),
            Ok(query) => analytics::run(&frame, &query)
                .expect_err("the query is refused")
                .to_string(),
        }
    }

    /// Runs a query given as CLI-style options and returns the contract's JSON.
    pub fn kpi(&self, request: KpiRequest) -> serde_json::Value {
        let frame = Frame::build(&self.store).expect("frame builds");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let query = request
            .resolve(today, chrono_tz::Tz::UTC)
            .expect("valid query");
        serde_json::to_value(analytics::run(&frame, &query).expect("query runs")).unwrap()
    }
}

/// A request for `from..=to`, UTC unless `tz` is set later.
pub fn range(from: &str, to: &str) -> KpiRequest {
    KpiRequest {
        from: Some(from.to_owned()),
        to: Some(to.to_owned()),
        ..KpiRequest::default()
    }
}

/// An SLA metric event.
pub fn sla(id: i64, ticket_id: i64, metric: &str, instance: i64, kind: &str, at: &str) -> SlaEvent {
    SlaEvent {
        id,
        ticket_id,
        metric: metric.to_owned(),
        instance_id: instance,
        event_type: kind.to_owned(),
        time: ts(at),
        target_minutes: None,
        business_hours: None,
        policy_id: None,
    }
}
