//! DTOs to canonical records, validating what the analytics rely on (ids, statuses,
//! timestamps). A record that fails here is reported and skipped; its page goes on.

use serde_json::Value;

use crate::store::records::*;

use super::dto::*;

pub use crate::sources::record::Invalid;
use crate::sources::record::{required_time, timestamp};

fn minutes(dto: &Option<MinutesDto>) -> Minutes {
    dto.as_ref()
        .map(|m| Minutes {
            calendar: m.calendar,
            business: m.business,
        })
        .unwrap_or_default()
}

fn channel(via: &Option<ViaDto>) -> Option<String> {
    match via.as_ref()?.channel.as_ref()? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A ticket from the export; `metric_set` is the ticket's own or the one from the
/// page's top-level `metric_sets`. A deleted ticket becomes a tombstone with no children.
pub fn ticket(dto: TicketDto, metric_set: Option<MetricSetDto>) -> Result<Ticket, Invalid> {
    let status_text = dto.status.as_deref().unwrap_or_default();
    let status = TicketStatus::parse(status_text)
        .ok_or_else(|| Invalid(format!("unknown status {status_text:?}")))?;
    let created_at = required_time("created_at", &dto.created_at)?;
    let updated_at = timestamp("updated_at", &dto.updated_at)?;
    let deleted = status == TicketStatus::Deleted;
    let m = metric_set.unwrap_or_default();
    let solved_at = if status.is_solved() {
        timestamp("metric_set.solved_at", &m.solved_at)?
    } else {
        None
    };
    let metrics = TicketMetrics {
        reply_time: minutes(&m.reply_time_in_minutes),
        first_resolution_time: minutes(&m.first_resolution_time_in_minutes),
        full_resolution_time: minutes(&m.full_resolution_time_in_minutes),
        requester_wait_time: minutes(&m.requester_wait_time_in_minutes),
        agent_wait_time: minutes(&m.agent_wait_time_in_minutes),
        on_hold_time: minutes(&m.on_hold_time_in_minutes),
        replies: m.replies,
        reopens: m.reopens,
        assignee_stations: m.assignee_stations,
        group_stations: m.group_stations,
    };
    let fields = if deleted {
        Vec::new()
    } else {
        dto.custom_fields
            .into_iter()
            .filter(|f| !matches!(&f.value, Value::Null))
            .map(|f| (f.id, f.value))
            .collect()
    };
    Ok(Ticket {
        id: dto.id,
        status,
        priority: dto.priority,
        ticket_type: dto.ticket_type,
        channel: channel(&dto.via),
        subject: dto.subject,
        description: dto.description,
        requester_id: dto.requester_id,
        submitter_id: dto.submitter_id,
        assignee_id: dto.assignee_id,
        group_id: dto.group_id,
        organization_id: dto.organization_id,
        brand_id: dto.brand_id,
        form_id: dto.ticket_form_id,
        created_at,
        updated_at,
        solved_at,
        metrics: if deleted {
            TicketMetrics::default()
        } else {
            metrics
        },
        tags: if deleted { Vec::new() } else { dto.tags },
        fields,
    })
}

pub fn user(dto: UserDto) -> Result<User, Invalid> {
    Ok(User {
        id: dto.id,
        role: dto.role.unwrap_or_else(|| "end-user".into()),
        name: dto.name.unwrap_or_default(),
        email: dto.email,
        locale: dto.locale,
        time_zone: dto.time_zone,
        organization_id: dto.organization_id,
        created_at: timestamp("created_at", &dto.created_at)?,
        updated_at: timestamp("updated_at", &dto.updated_at)?,
    })
}

pub fn named(dto: NamedDto) -> Result<Named, Invalid> {
    timestamp("updated_at", &dto.updated_at)?;
    Ok(Named {
        id: dto.id,
        name: dto.name.unwrap_or_else(|| dto.id.to_string()),
    })
}

pub fn ticket_field(dto: TicketFieldDto) -> Result<TicketField, Invalid> {
    Ok(TicketField {
        id: dto.id,
        title: dto.title.unwrap_or_else(|| dto.id.to_string()),
        field_type: dto.field_type.unwrap_or_else(|| "text".into()),
        options: dto
            .custom_field_options
            .into_iter()
            .filter_map(|o| Some((o.value?, o.name.unwrap_or_default())))
            .collect(),
        active: dto.active.unwrap_or(true),
    })
}

pub fn rating(dto: RatingDto) -> Result<SatisfactionRating, Invalid> {
    let score_text = dto.score.as_deref().unwrap_or_default();
    let score = RatingScore::parse(score_text)
        .ok_or_else(|| Invalid(format!("unknown score {score_text:?}")))?;
    let created_at = required_time("created_at", &dto.created_at)?;
    Ok(SatisfactionRating {
        id: dto.id,
        ticket_id: dto
            .ticket_id
            .ok_or_else(|| Invalid("ticket_id is missing".into()))?,
        score,
        comment: dto.comment.filter(|c| !c.is_empty()),
        reason: dto.reason,
        assignee_id: dto.assignee_id,
        group_id: dto.group_id,
        requester_id: dto.requester_id,
        created_at,
        updated_at: timestamp("updated_at", &dto.updated_at)?.unwrap_or(created_at),
    })
}

pub fn metric_event(dto: MetricEventDto) -> Result<SlaEvent, Invalid> {
    let sla = dto.sla.as_ref();
    Ok(SlaEvent {
        id: dto.id,
        ticket_id: dto
            .ticket_id
            .ok_or_else(|| Invalid("ticket_id is missing".into()))?,
        metric: dto
            .metric
            .ok_or_else(|| Invalid("metric is missing".into()))?,
        instance_id: dto.instance_id.unwrap_or(1),
        event_type: dto
            .event_type
            .ok_or_else(|| Invalid("type is missing".into()))?,
        time: required_time("time", &dto.time)?,
        target_minutes: sla.and_then(|s| s.target),
        business_hours: sla.and_then(|s| s.business_hours),
        policy_id: sla.and_then(|s| s.policy.as_ref()).and_then(|p| p.id),
    })
}

pub fn article(dto: ArticleDto) -> Result<Article, Invalid> {
    Ok(Article {
        id: dto.id,
        title: dto.title.unwrap_or_default(),
        body: plain_text(dto.body.as_deref().unwrap_or_default()),
        locale: dto.locale,
        section_id: dto.section_id,
        vote_sum: dto.vote_sum,
        vote_count: dto.vote_count,
        html_url: dto.html_url,
        created_at: timestamp("created_at", &dto.created_at)?,
        updated_at: timestamp("updated_at", &dto.updated_at)?,
    })
}

/// Article bodies are HTML; the analysis wants their text. Tags become spaces, the
/// common entities their characters; nothing here is ever rendered as HTML.
fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dto(json: Value) -> TicketDto {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_ticket_with_metrics_nulls_and_unknown_fields_converts() {
        let t = dto(serde_json::json!({
            "id": 7, "status": "solved", "priority": null, "created_at": "2025-01-02T03:04:05Z",
            "via": {"channel": "email"}, "tags": ["a"], "custom_fields": [{"id": 1, "value": null}, {"id": 2, "value": true}],
            "brand_new_field": {"x": 1}
        }));
        let m: MetricSetDto = serde_json::from_value(serde_json::json!({
            "solved_at": "2025-01-03T00:00:00Z", "replies": 1,
            "reply_time_in_minutes": {"calendar": 30, "business": null}
        }))
        .unwrap();
        let t = ticket(t, Some(m)).unwrap();
        assert_eq!(t.channel.as_deref(), Some("email"));
        assert_eq!(t.solved_at, Some(1735862400));
        assert_eq!(
            t.metrics.reply_time,
            Minutes {
                calendar: Some(30.0),
                business: None
            }
        );
        assert_eq!(
            t.fields,
            vec![(2, Value::Bool(true))],
            "null custom values are not stored"
        );
    }

    #[test]
    fn a_deleted_ticket_is_a_tombstone() {
        let t = dto(
            serde_json::json!({"id": 9, "status": "deleted", "created_at": "2025-01-02T03:04:05Z", "tags": ["x"]}),
        );
        let t = ticket(t, None).unwrap();
        assert_eq!(t.status, TicketStatus::Deleted);
        assert!(t.tags.is_empty());
    }

    #[test]
    fn bad_values_are_named() {
        let t = dto(serde_json::json!({"id": 1, "status": "open", "created_at": "yesterday"}));
        assert!(ticket(t, None).unwrap_err().0.contains("created_at"));
        let t = dto(
            serde_json::json!({"id": 1, "status": "weird", "created_at": "2025-01-02T03:04:05Z"}),
        );
        assert!(ticket(t, None).unwrap_err().0.contains("status"));
    }

    #[test]
    fn article_html_becomes_text() {
        assert_eq!(
            plain_text("<p>Reset&nbsp;your <b>password</b> &amp; log in</p>"),
            "Reset your password & log in"
        );
    }
}
