//! SLA outcomes from a ticket's due dates, as the metric events the SLA achievement KPI
//! reads for Zendesk (`kpi-definitions.md`): per instance an `apply_sla` at creation, a
//! `breach` when the due date passed unmet, a `fulfill` when it was met (or met late).
//! Freshdesk moves due dates while the clock is paused, so they are taken as given; the
//! escalation flags its own job sets count as breaches too (`freshdesk-api.md` §4, §8).

use crate::store::records::SlaEvent;

use super::dto::{SlaPolicyDto, TicketDto};

/// Zendesk's metric names, so the engine reports `first_reply_time` and `resolution_time`.
pub const FIRST_REPLY: &str = "reply_time";
pub const RESOLUTION: &str = "resolution_time";

/// A policy's targets for one priority, in minutes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub respond: Option<f64>,
    pub resolve: Option<f64>,
    pub business_hours: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SlaPolicy {
    pub id: i64,
    position: i64,
    is_default: bool,
    active: bool,
    /// Priority (1–4) to targets.
    targets: Vec<(i64, Target)>,
    groups: Option<Vec<i64>>,
    companies: Option<Vec<i64>>,
    sources: Option<Vec<i64>>,
    ticket_types: Option<Vec<String>>,
    products: Option<Vec<i64>>,
}

impl SlaPolicy {
    pub fn from_dto(dto: &SlaPolicyDto) -> SlaPolicy {
        let targets = dto
            .sla_target
            .iter()
            .flatten()
            .filter_map(|(key, t)| {
                let priority = key.strip_prefix("priority_")?.parse().ok()?;
                let minutes = |seconds: Option<i64>| seconds.map(|s| s as f64 / 60.0);
                Some((
                    priority,
                    Target {
                        respond: minutes(t.respond_within),
                        resolve: minutes(t.resolve_within),
                        business_hours: t.business_hours.unwrap_or(false),
                    },
                ))
            })
            .collect();
        let to = dto.applicable_to.clone().unwrap_or_default();
        let given = |list: Option<Vec<i64>>| list.filter(|l| !l.is_empty());
        SlaPolicy {
            id: dto.id,
            position: dto.position.unwrap_or(i64::MAX),
            is_default: dto.is_default.unwrap_or(false),
            active: dto.active.unwrap_or(true),
            targets,
            groups: given(to.group_ids),
            companies: given(to.company_ids),
            sources: given(to.sources),
            ticket_types: to.ticket_types.filter(|l| !l.is_empty()),
            products: given(to.product_ids),
        }
    }

    pub fn target(&self, priority: Option<i64>) -> Option<Target> {
        let priority = priority?;
        self.targets
            .iter()
            .find(|(p, _)| *p == priority)
            .map(|(_, t)| *t)
    }

    /// Whether every condition the policy sets holds for the ticket.
    fn covers(&self, t: &TicketDto) -> bool {
        fn holds<T: PartialEq>(list: &Option<Vec<T>>, value: Option<&T>) -> bool {
            list.as_ref()
                .is_none_or(|l| value.is_some_and(|v| l.contains(v)))
        }
        holds(&self.groups, t.group_id.as_ref())
            && holds(&self.companies, t.company_id.as_ref())
            && holds(&self.sources, t.source.as_ref())
            && holds(&self.ticket_types, t.ticket_type.as_ref())
            && holds(&self.products, t.product_id.as_ref())
    }
}

/// The policy a ticket runs on: the first active one by position whose conditions hold,
/// else the active default.
pub fn policy_for<'a>(policies: &'a [SlaPolicy], ticket: &TicketDto) -> Option<&'a SlaPolicy> {
    let mut specific: Vec<&SlaPolicy> = policies
        .iter()
        .filter(|p| p.active && !p.is_default && p.covers(ticket))
        .collect();
    specific.sort_by_key(|p| p.position);
    specific
        .first()
        .copied()
        .or_else(|| policies.iter().find(|p| p.active && p.is_default))
}

/// What a ticket says about its two SLA clocks (unix seconds).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Milestones {
    pub created: i64,
    pub first_response_due: Option<i64>,
    pub first_responded: Option<i64>,
    pub first_response_escalated: bool,
    pub resolution_due: Option<i64>,
    /// Set only while the ticket is resolved or closed.
    pub resolved: Option<i64>,
    pub resolution_escalated: bool,
}

/// A ticket id too large to number its events.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ticket id {0} is too large to number its SLA events")]
pub struct IdOverflow(pub i64);

/// Event slots per ticket: ids are `ticket_id × 8 + slot`, so a ticket converted again
/// writes the same ids. A sync replaces a ticket's events whole, since an outcome can
/// disappear (a flag reset when a due date moves).
const SLOTS: i64 = 8;

/// The ticket's SLA events: one instance per clock that has a due date.
pub fn events(
    ticket_id: i64,
    m: &Milestones,
    policy: Option<&SlaPolicy>,
    priority: Option<i64>,
) -> Result<Vec<SlaEvent>, IdOverflow> {
    let base = ticket_id.checked_mul(SLOTS).ok_or(IdOverflow(ticket_id))?;
    let target = policy.and_then(|p| p.target(priority));
    let clocks = [
        (
            FIRST_REPLY,
            m.first_response_due,
            m.first_responded,
            m.first_response_escalated,
            target.and_then(|t| t.respond),
        ),
        (
            RESOLUTION,
            m.resolution_due,
            m.resolved,
            m.resolution_escalated,
            target.and_then(|t| t.resolve),
        ),
    ];
    let mut out = Vec::new();
    for (clock, (metric, due, met_at, escalated, minutes)) in clocks.into_iter().enumerate() {
        let Some(due) = due else {
            continue;
        };
        let slot = base + 3 * clock as i64;
        let event = |offset: i64, kind: &str, time: i64, with_target: bool| SlaEvent {
            id: slot + offset,
            ticket_id,
            metric: metric.to_owned(),
            instance_id: 1,
            event_type: kind.to_owned(),
            time,
            target_minutes: if with_target { minutes } else { None },
            business_hours: if with_target {
                target.map(|t| t.business_hours)
            } else {
                None
            },
            policy_id: if with_target {
                policy.map(|p| p.id)
            } else {
                None
            },
        };
        out.push(event(0, "apply_sla", m.created, true));
        if escalated || met_at.is_some_and(|t| t > due) {
            out.push(event(1, "breach", due, false));
        }
        if let Some(t) = met_at {
            out.push(event(2, "fulfill", t, false));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn policy(v: serde_json::Value) -> SlaPolicy {
        SlaPolicy::from_dto(&serde_json::from_value(v).unwrap())
    }

    fn ticket(v: serde_json::Value) -> TicketDto {
        serde_json::from_value(v).unwrap()
    }

    fn policies() -> Vec<SlaPolicy> {
        vec![
            policy(
                json!({"id": 1, "is_default": true, "position": 3, "active": true,
                "sla_target": {"priority_1": {"respond_within": 86400, "resolve_within": 172800, "business_hours": true}}}),
            ),
            policy(json!({"id": 2, "position": 2, "active": true,
                "applicable_to": {"group_ids": [7], "sources": [1, 2]},
                "sla_target": {"priority_1": {"respond_within": 3600, "resolve_within": 7200, "business_hours": false}}})),
            policy(
                json!({"id": 3, "position": 1, "active": false, "applicable_to": {"group_ids": [7]}}),
            ),
        ]
    }

    #[test]
    fn the_first_matching_active_policy_else_the_default() {
        let p = policies();
        let id = |t| policy_for(&p, &ticket(t)).map(|p| p.id);
        assert_eq!(id(json!({"id": 1, "group_id": 7, "source": 2})), Some(2));
        assert_eq!(
            id(json!({"id": 1, "group_id": 7, "source": 3})),
            Some(1),
            "source not covered"
        );
        assert_eq!(
            id(json!({"id": 1})),
            Some(1),
            "no group: only the default applies"
        );
        assert_eq!(policy_for(&p[1..], &ticket(json!({"id": 1}))), None);
    }

    #[test]
    fn targets_are_minutes_per_priority() {
        let p = &policies()[0];
        assert_eq!(
            p.target(Some(1)),
            Some(Target {
                respond: Some(1440.0),
                resolve: Some(2880.0),
                business_hours: true
            })
        );
        assert_eq!(p.target(Some(4)), None);
        assert_eq!(p.target(None), None);
    }

    fn kinds(events: &[SlaEvent], metric: &str) -> Vec<(String, i64)> {
        events
            .iter()
            .filter(|e| e.metric == metric)
            .map(|e| (e.event_type.clone(), e.time))
            .collect()
    }

    #[test]
    fn met_late_escalated_and_running_clocks() {
        let p = &policies()[0];
        let m = Milestones {
            created: 1_000,
            first_response_due: Some(5_000),
            first_responded: Some(4_000),
            resolution_due: Some(9_000),
            resolved: Some(9_500),
            ..Milestones::default()
        };
        let e = events(3, &m, Some(p), Some(1)).unwrap();
        assert_eq!(
            kinds(&e, FIRST_REPLY),
            [("apply_sla".into(), 1_000), ("fulfill".into(), 4_000)]
        );
        assert_eq!(
            kinds(&e, RESOLUTION),
            [
                ("apply_sla".into(), 1_000),
                ("breach".into(), 9_000),
                ("fulfill".into(), 9_500)
            ],
            "resolved after its due date"
        );
        assert_eq!(e[0].target_minutes, Some(1440.0));
        assert_eq!((e[0].business_hours, e[0].policy_id), (Some(true), Some(1)));
        assert_eq!(
            e[1].target_minutes, None,
            "only apply_sla carries the target"
        );
        assert_eq!(
            e.iter().map(|e| e.id).collect::<Vec<_>>(),
            [24, 26, 27, 28, 29]
        );

        // Escalated by Freshdesk's job with no reply yet; resolution still running.
        let m = Milestones {
            created: 1_000,
            first_response_due: Some(5_000),
            first_response_escalated: true,
            resolution_due: Some(9_000),
            ..Milestones::default()
        };
        let e = events(3, &m, None, None).unwrap();
        assert_eq!(
            kinds(&e, FIRST_REPLY),
            [("apply_sla".into(), 1_000), ("breach".into(), 5_000)]
        );
        assert_eq!(kinds(&e, RESOLUTION), [("apply_sla".into(), 1_000)]);
        assert_eq!(
            (e[0].target_minutes, e[0].policy_id),
            (None, None),
            "no policy synced"
        );
    }

    #[test]
    fn a_reply_on_the_due_instant_is_in_time_and_no_due_date_no_instance() {
        let m = Milestones {
            created: 0,
            first_response_due: Some(60),
            first_responded: Some(60),
            ..Milestones::default()
        };
        let e = events(1, &m, None, None).unwrap();
        assert_eq!(
            kinds(&e, FIRST_REPLY),
            [("apply_sla".into(), 0), ("fulfill".into(), 60)]
        );
        assert!(kinds(&e, RESOLUTION).is_empty());
        assert_eq!(events(i64::MAX, &m, None, None), Err(IdOverflow(i64::MAX)));
    }
}
