//! Turns one arrival into a ticket with its tags, fields, SLA events, rating, status
//! history, public agent replies and (for the newest tickets) comments, and writes them.

use serde_json::Value;

use super::attributes::{self, PRIORITIES};
use super::calendar::{civil_from_days, DAY};
use super::catalog::{Catalog, BRANDS, GROUPS};
use super::config::{
    DemoConfig, COMMENTED_TICKETS, COMMENT_ID_BASE, FIELD_CONTACT_REASON, FIELD_ESCALATED,
    FIELD_PRODUCT_AREA, FORM_ID, RATING_ID_BASE, SLA_EVENT_ID_BASE,
};
use super::csat::{rating, Experience};
use super::history::{self, Facts};
use super::mail::Sender;
use super::names::Lang;
use super::noise::Noise;
use super::replies;
use super::sample::{chance, lognormal, pick, weighted, Cumulative, DemoRng};
use super::sla::{self, REPLY_METRIC};
use super::text;
use super::timeline::{self, Inputs};
use super::topics::{brand_weights, Topic, PRODUCT_AREAS, TOPICS, VIP};
use super::volume::{Arrival, Volume};
use crate::store::records::{
    Comment, FieldChange, PublicComment, RatingScore, SlaEvent, Ticket, TicketMetrics, TicketStatus,
};
use crate::store::{StoreError, Writer};

/// Running totals for the summary and the run log.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    pub tickets: usize,
    pub deleted: usize,
    pub ratings: usize,
    pub sla_events: usize,
    pub comments: usize,
}

pub(super) struct Factory<'a> {
    rng: DemoRng,
    /// Which wording of a subject or problem a customer uses.
    wording: DemoRng,
    noise: Noise,
    catalog: &'a Catalog,
    volume: &'a Volume,
    now: i64,
    topics: Cumulative,
    /// Tickets with a higher id get comment records.
    commented_after: i64,
    next_sla: i64,
    sla_buf: Vec<SlaEvent>,
    /// Tickets made but not yet written: they go to the store a chunk at a time.
    pending: Vec<Ticket>,
    /// The status history of the pending tickets, written after them.
    history: Vec<FieldChange>,
    /// The public agent replies of the pending tickets, written after them.
    replies: Vec<PublicComment>,
    pub counts: Counts,
}

impl<'a> Factory<'a> {
    pub(super) fn new(
        rng: DemoRng,
        wording: DemoRng,
        noise: Noise,
        catalog: &'a Catalog,
        volume: &'a Volume,
        config: &DemoConfig,
    ) -> Self {
        Factory {
            rng,
            wording,
            noise,
            catalog,
            volume,
            now: config.now,
            topics: Cumulative::new(TOPICS.iter().map(|t| t.weight)),
            commented_after: config.tickets.saturating_sub(COMMENTED_TICKETS) as i64,
            next_sla: SLA_EVENT_ID_BASE,
            sla_buf: Vec::with_capacity(8),
            pending: Vec::new(),
            history: Vec::new(),
            replies: Vec::new(),
            counts: Counts::default(),
        }
    }

    /// Writes the tickets made since the last flush, as one page.
    pub(super) fn flush(&mut self, w: &Writer, source_id: i64) -> Result<(), StoreError> {
        w.upsert_tickets(source_id, &self.pending, None)?;
        w.insert_ticket_events(source_id, &self.history)?;
        w.insert_public_comments(source_id, &self.replies)?;
        self.pending.clear();
        self.history.clear();
        self.replies.clear();
        Ok(())
    }

    pub(super) fn write(
        &mut self,
        w: &Writer,
        source_id: i64,
        id: i64,
        arrival: &Arrival,
    ) -> Result<(), StoreError> {
        let (catalog, now) = (self.catalog, self.now);
        let rng = &mut self.rng;
        let lang = Lang::ALL[usize::from(arrival.lang)];
        let t0 = arrival.created_at;
        let incident = usize::from(arrival.incident)
            .checked_sub(1)
            .map(|i| self.volume.incidents[i]);
        let topic = match incident {
            Some(inc) => inc.topic,
            None => TOPICS[self.topics.draw(rng)].topic,
        };
        let spec = topic.spec();
        let r = catalog.requester(rng, lang);
        let requester = &catalog.requesters[r];
        let vip = catalog.is_vip(r);
        let brand = if incident.is_some() {
            spec.brand
        } else {
            weighted(rng, &brand_weights(spec))
        };
        let subject = text::subject(rng, &mut self.wording, lang, topic, BRANDS[brand]);
        let subject = self.noise.subject(lang, subject);
        let channel = attributes::channel(rng, spec, brand);
        let mut ticket = Ticket {
            id,
            status: TicketStatus::Deleted,
            priority: None,
            ticket_type: None,
            channel: Some(channel.to_owned()),
            subject: Some(subject),
            description: None,
            requester_id: Some(requester.id),
            submitter_id: Some(requester.id),
            assignee_id: None,
            group_id: None,
            organization_id: requester.org.map(|o| catalog.orgs[o].id),
            brand_id: Some(catalog.brands[brand].id),
            form_id: Some(FORM_ID),
            created_at: t0,
            updated_at: Some((t0 + lognormal(rng, DAY as f64, 1.0) as i64).min(now)),
            solved_at: None,
            metrics: TicketMetrics::default(),
            tags: Vec::new(),
            fields: Vec::new(),
        };
        self.counts.tickets += 1;
        if chance(rng, 0.005) {
            // A tombstone: deleted tickets keep only their identity.
            self.counts.deleted += 1;
            self.pending.push(ticket);
            return Ok(());
        }
        let message = text::description(
            rng,
            &mut self.wording,
            lang,
            topic,
            BRANDS[brand],
            &requester.short,
        );
        let sender = Sender {
            email: catalog.requester_email(r),
            written_at: t0,
        };
        ticket.description = Some(self.noise.description(lang, channel, message, &sender));
        let priority = attributes::priority(rng, spec, vip, incident.is_some());
        ticket.priority = priority.map(|p| PRIORITIES[p].to_owned());
        ticket.ticket_type = attributes::ticket_type(rng, spec).map(str::to_owned);
        let group = attributes::route(rng, spec, lang, vip);
        let agent = &catalog.agents[catalog.agent(rng, group, lang)];
        let span = (now - self.volume.start).max(1) as f64;
        let inputs = Inputs {
            created_at: t0,
            spec,
            channel,
            priority,
            vip,
            group,
            staffing: GROUPS[group].staffing,
            agent_speed: agent.speed,
            progress: (t0 - self.volume.start) as f64 / span,
            load: load(self.volume, t0),
        };
        let plan = timeline::plan(rng, &inputs);
        let outcome = timeline::observe(rng, &plan, now);
        ticket.status = outcome.status;
        ticket.solved_at = outcome.solved_at;
        ticket.updated_at = Some(outcome.updated_at);
        ticket.assignee_id = outcome.assigned.then_some(agent.id);
        ticket.group_id =
            (outcome.assigned || chance(rng, 0.5)).then_some(catalog.groups[group].id);
        if channel == "voice" && outcome.assigned {
            ticket.submitter_id = Some(agent.id);
        }

        self.sla_buf.clear();
        if let Some(p) = priority {
            sla::events(
                &mut self.sla_buf,
                &mut self.next_sla,
                id,
                p,
                vip || group == VIP,
                &plan,
                now,
            );
        }
        let reply_breached = self
            .sla_buf
            .iter()
            .any(|e| e.metric == REPLY_METRIC && e.event_type == "breach");
        let survey = outcome.solved_at.and_then(|solved_at| {
            let experience = Experience {
                ticket_id: id,
                solved_at,
                now,
                spec,
                lang,
                group,
                assignee_id: ticket.assignee_id,
                group_id: ticket.group_id,
                requester_id: requester.id,
                agent_csat: agent.csat,
                agent_name: (agent.lang == lang).then_some(agent.short.as_str()),
                resolution_minutes: outcome.metrics.full_resolution_time.calendar.unwrap_or(0.0),
                reopens: plan.reopens,
                one_touch: plan.replies == 1,
                reply_breached,
                vip,
                progress: inputs.progress,
            };
            rating(
                rng,
                RATING_ID_BASE + 1 + self.counts.ratings as i64,
                &experience,
            )
        });
        let survey = survey.map(|mut s| {
            if let Some(comment) = s.comment.take() {
                let good = s.score == RatingScore::Good;
                s.comment = Some(self.noise.rating_comment(lang, good, comment));
            }
            s
        });
        if let Some(s) = &survey {
            ticket.updated_at = ticket.updated_at.max(Some(s.updated_at));
        }
        let on_hold = outcome.metrics.on_hold_time.calendar.unwrap_or(0.0) > 0.0;
        let escalated = plan.group_stations > 1
            || (priority == Some(3) && chance(rng, 0.4))
            || (on_hold && chance(rng, 0.3));
        ticket.metrics = outcome.metrics;
        ticket.tags = attributes::tags(rng, spec, vip, incident.is_some(), channel);
        if chance(rng, 0.85) {
            let area = if chance(rng, 0.9) {
                spec.product_area
            } else {
                pick(rng, &PRODUCT_AREAS).0
            };
            ticket
                .fields
                .push((FIELD_PRODUCT_AREA, Value::String(area.to_owned())));
        }
        if chance(rng, 0.85) {
            ticket
                .fields
                .push((FIELD_ESCALATED, Value::Bool(escalated)));
        }
        // Always set and never wrong: the ground truth of what the customer wrote about.
        ticket.fields.push((
            FIELD_CONTACT_REASON,
            Value::String(topic.contact_reason().to_owned()),
        ));

        if let Some(s) = &survey {
            w.upsert_rating(source_id, s)?;
            self.counts.ratings += 1;
        }
        for e in &self.sla_buf {
            w.upsert_sla_event(source_id, e)?;
        }
        self.counts.sla_events += self.sla_buf.len();
        if id > self.commented_after {
            self.write_comments(
                w,
                source_id,
                &ticket,
                lang,
                topic,
                plan.reply,
                r,
                agent.name.as_str(),
            )?;
        }
        let facts = Facts {
            plan: &plan,
            ticket: &ticket,
            status_at: outcome.updated_at,
            first_group: catalog.groups[(group + 1) % catalog.groups.len()].id,
            now,
        };
        history::changes(&mut self.history, &facts);
        replies::replies(&mut self.replies, &plan, &ticket);
        self.pending.push(ticket);
        Ok(())
    }

    /// The requester's first message and the first agent reply, as public comments.
    #[allow(clippy::too_many_arguments)]
    fn write_comments(
        &mut self,
        w: &Writer,
        source_id: i64,
        ticket: &Ticket,
        lang: Lang,
        topic: Topic,
        reply_at: Option<i64>,
        requester: usize,
        agent: &str,
    ) -> Result<(), StoreError> {
        let catalog = self.catalog;
        let body = ticket.description.clone().unwrap_or_default();
        let mut comments = vec![(ticket.requester_id, body, ticket.created_at)];
        let replied = ticket.metrics.reply_time.calendar.is_some();
        if let (Some(at), Some(agent_id), true) = (reply_at, ticket.assignee_id, replied) {
            let short = &catalog.requesters[requester].short;
            let body = text::agent_reply(&mut self.rng, lang, topic, short, agent);
            comments.push((Some(agent_id), body, at));
        }
        for (author_id, body, created_at) in comments {
            self.counts.comments += 1;
            let comment = Comment {
                id: COMMENT_ID_BASE + self.counts.comments as i64,
                ticket_id: ticket.id,
                author_id,
                public: true,
                body,
                created_at,
            };
            w.upsert_comment(source_id, &comment)?;
        }
        Ok(())
    }
}

/// Queue pressure on a ticket's day: the holiday peak and incident spikes.
fn load(volume: &Volume, t0: i64) -> f64 {
    let day = t0.div_euclid(DAY);
    let (_, month, _) = civil_from_days(day);
    let season = match month {
        11 | 12 => 1.3,
        1 => 1.1,
        _ => 1.0,
    };
    let incident = match volume.incident_on(day) {
        Some((_, inc)) if inc.day == day => 2.2,
        Some(_) => 1.5,
        None => 1.0,
    };
    season * incident
}
