//! JSON shapes of the served objects, field for field after the reference (§3, §4.1,
//! §5.1, §6). Built on demand for each page, so only served items cost anything.

use serde_json::{json, Map, Value};

use crate::dataset::{
    ids, Article, Brand, Dataset, Dur, EventType, Group, MetricEvent, Org, Rating, Score, Status,
    Ticket, User, ARTICLE_TITLES, BAD_COMMENTS, BAD_REASONS, BRANDS, CHANNELS, GOOD_COMMENTS,
    PRODUCT_OPTIONS, SECTION_NAMES, SLA_POLICIES, SUBJECTS, SYSTEM_FIELDS, USER_ZONES, VIP_TAG,
};
use crate::faults;
use crate::time::{iso, BASE, YEAR};

fn opt_iso(ts: Option<i64>) -> Value {
    ts.map_or(Value::Null, |t| Value::String(iso(t)))
}

fn dur(d: Dur) -> Value {
    match d {
        Some((calendar, business)) => json!({ "calendar": calendar, "business": business }),
        None => json!({ "calendar": null, "business": null }),
    }
}

fn obj(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("json! object literal"),
    }
}

/// A ticket of the incremental export. Deleted tickets are tombstones with minimal
/// fields; `metric_set` is only set for the per-ticket side-load form.
pub(crate) fn ticket(data: &Dataset, t: &Ticket, base: &str, nulls: bool) -> Value {
    let url = format!("{base}/api/v2/tickets/{}.json", t.id);
    if t.status == Status::Deleted {
        return json!({
            "url": url,
            "id": t.id,
            "created_at": iso(t.created_at),
            "updated_at": iso(t.updated_at),
            "generated_timestamp": t.generated,
            "status": "deleted",
        });
    }
    let subject = SUBJECTS[t.subject as usize];
    let channel = CHANNELS[t.channel as usize];
    let brand = &data.brands[t.brand as usize];
    let support_address = format!("support@{}.zendesk.com", BRANDS[t.brand as usize].1);
    let requester = data.user(t.requester_id);
    let source = if channel == "email" {
        json!({
            "from": {
                "address": requester.map(|u| u.email.as_str()),
                "name": requester.map(|u| u.name.as_str()),
            },
            "to": { "address": support_address, "name": brand.name },
            "rel": null,
        })
    } else {
        json!({ "from": {}, "to": {}, "rel": null })
    };
    let custom_fields = json!([
        { "id": ids::PRODUCT_FIELD, "value": t.product.map(|p| PRODUCT_OPTIONS[p as usize].1) },
        { "id": ids::VIP_FIELD, "value": t.vip },
    ]);
    let satisfaction = match t.rating_id.and_then(|id| data.rating(id)) {
        Some(r) => json!({
            "id": r.id,
            "score": r.score.as_str(),
            "comment": rating_comment(r),
            "reason": rating_reason(r).0,
        }),
        None => json!({ "score": "unoffered" }),
    };
    let mut v = json!({
        "url": url,
        "id": t.id,
        "external_id": null,
        "via": { "channel": channel, "source": source },
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "generated_timestamp": t.generated,
        "type": t.kind.map(|k| k.as_str()),
        "subject": subject,
        "raw_subject": subject,
        "description": format!(
            "{subject}\n\nHello, this is request {} from the fake account. Order #{}. Thanks!",
            t.id,
            100_000 + (t.id * 7_919) % 900_000
        ),
        "priority": t.priority.map(|p| p.as_str()),
        "status": t.status.as_str(),
        "recipient": (channel == "email").then_some(support_address),
        "requester_id": t.requester_id,
        "submitter_id": t.submitter_id,
        "assignee_id": t.assignee_id,
        "organization_id": t.org_id,
        "group_id": t.group_id,
        "collaborator_ids": [],
        "follower_ids": [],
        "email_cc_ids": [],
        "forum_topic_id": null,
        "problem_id": t.problem_id,
        "has_incidents": false,
        "is_public": true,
        "due_at": opt_iso(t.due_at),
        "tags": t.tag_list(),
        "custom_fields": custom_fields.clone(),
        "satisfaction_rating": satisfaction,
        "sharing_agreement_ids": [],
        "custom_status_id": t.status.custom_status_id(),
        "fields": custom_fields,
        "followup_ids": [],
        "ticket_form_id": ids::FORM + 1 + i64::from(t.form),
        "brand_id": brand.id,
        "allow_channelback": false,
        "allow_attachments": true,
        "from_messaging_channel": false,
    });
    if nulls {
        faults::null_ticket(&mut v);
    }
    v
}

/// The ticket's metrics (§3.1); `None` for deleted tickets, whose metrics are gone.
pub(crate) fn metric_set(t: &Ticket, base: &str, nulls: bool) -> Option<Value> {
    if t.status == Status::Deleted {
        return None;
    }
    let m = &t.metrics;
    let id = ids::METRIC_SET + t.id;
    let mut v = json!({
        "url": format!("{base}/api/v2/ticket_metrics/{id}.json"),
        "id": id,
        "ticket_id": t.id,
        "created_at": iso(t.created_at),
        "updated_at": iso(m.updated_at),
        "group_stations": m.group_stations,
        "assignee_stations": m.assignee_stations,
        "reopens": m.reopens,
        "replies": m.replies,
        "assignee_updated_at": opt_iso(m.assignee_updated_at),
        "requester_updated_at": iso(m.requester_updated_at),
        "status_updated_at": iso(m.status_updated_at),
        "initially_assigned_at": opt_iso(m.initially_assigned_at),
        "assigned_at": opt_iso(m.assigned_at),
        "solved_at": opt_iso(m.solved_at),
        "latest_comment_added_at": iso(m.latest_comment_added_at),
        "custom_status_updated_at": iso(m.status_updated_at),
        "reply_time_in_minutes": dur(m.reply),
        "first_resolution_time_in_minutes": dur(m.first_resolution),
        "full_resolution_time_in_minutes": dur(m.full_resolution),
        "agent_wait_time_in_minutes": dur(m.agent_wait),
        "requester_wait_time_in_minutes": dur(m.requester_wait),
        "on_hold_time_in_minutes": dur(m.on_hold),
    });
    if nulls {
        faults::null_metric_set(&mut v);
    }
    Some(v)
}

pub(crate) fn user(u: &User, base: &str, nulls: bool) -> Value {
    let (zone, iana) = USER_ZONES[u.zone];
    let staff = u.default_group_id.is_some();
    let mut v = obj(json!({
        "id": u.id,
        "url": format!("{base}/api/v2/users/{}.json", u.id),
        "name": u.name,
        "email": u.email,
        "created_at": iso(u.created_at),
        "updated_at": iso(u.updated_at),
        "time_zone": zone,
        "iana_time_zone": iana,
        "phone": null,
        "shared_phone_number": null,
        "photo": null,
        "locale_id": 1,
        "locale": u.locale,
        "organization_id": u.org_id,
        "role": u.role.as_str(),
        "verified": true,
        "external_id": null,
        "tags": [],
        "alias": "",
        "active": u.active,
        "shared": false,
        "shared_agent": false,
        "last_login_at": opt_iso(u.last_login_at),
        "two_factor_auth_enabled": null,
        "signature": null,
        "details": "",
        "notes": "",
        "role_type": null,
        "custom_role_id": null,
        "moderator": staff,
        "ticket_restriction": if staff { Value::Null } else { json!("requested") },
        "only_private_comments": false,
        "restricted_agent": false,
        "suspended": false,
        "default_group_id": u.default_group_id,
        "report_csv": staff,
        "user_fields": {},
    }));
    if nulls {
        faults::null_fields(&mut v, faults::USER_NULLABLE);
    }
    Value::Object(v)
}

pub(crate) fn organization(o: &Org, base: &str, nulls: bool) -> Value {
    let mut v = obj(json!({
        "url": format!("{base}/api/v2/organizations/{}.json", o.id),
        "id": o.id,
        "name": o.name,
        "shared_tickets": false,
        "shared_comments": false,
        "external_id": null,
        "created_at": iso(o.created_at),
        "updated_at": iso(o.updated_at),
        "domain_names": [o.domain],
        "details": "",
        "notes": "",
        "group_id": o.group_id,
        "tags": [],
        "organization_fields": {},
        "deleted_at": null,
    }));
    if nulls {
        faults::null_fields(&mut v, faults::ORG_NULLABLE);
    }
    Value::Object(v)
}

pub(crate) fn group(g: &Group, base: &str) -> Value {
    json!({
        "url": format!("{base}/api/v2/groups/{}.json", g.id),
        "id": g.id,
        "is_public": true,
        "name": g.name,
        "description": "",
        "default": g.id == ids::GROUP + 1,
        "deleted": false,
        "created_at": iso(g.created_at),
        "updated_at": iso(g.updated_at),
    })
}

pub(crate) fn brand(b: &Brand, base: &str) -> Value {
    let default = b.id == ids::BRAND + 1;
    json!({
        "url": format!("{base}/api/v2/brands/{}.json", b.id),
        "id": b.id,
        "name": b.name,
        "brand_url": format!("https://{}.zendesk.com", b.subdomain),
        "subdomain": b.subdomain,
        "host_mapping": null,
        "has_help_center": default,
        "help_center_state": if default { "enabled" } else { "disabled" },
        "active": true,
        "default": default,
        "is_deleted": false,
        "logo": null,
        "ticket_form_ids": [ids::FORM + 1, ids::FORM + 2],
        "signature_template": "{{agent.signature}}",
        "created_at": iso(b.created_at),
        "updated_at": iso(b.updated_at),
    })
}

/// All ticket fields: system fields (with `system_field_options` where Zendesk has
/// them), the product dropdown (`tagger`) and the VIP checkbox, ids matching the
/// tickets' `custom_fields`.
pub(crate) fn ticket_fields(base: &str) -> Vec<(i64, Value)> {
    let created = iso(BASE - 3 * YEAR);
    let updated = iso(BASE - YEAR);
    let field = |id: i64, kind: &str, title: &str, position: usize, removable: bool| {
        obj(json!({
            "url": format!("{base}/api/v2/ticket_fields/{id}.json"),
            "id": id,
            "type": kind,
            "title": title,
            "raw_title": title,
            "description": "",
            "raw_description": "",
            "position": position,
            "active": true,
            "required": false,
            "collapsed_for_agents": false,
            "regexp_for_validation": null,
            "title_in_portal": title,
            "raw_title_in_portal": title,
            "visible_in_portal": !removable,
            "editable_in_portal": !removable,
            "required_in_portal": false,
            "tag": null,
            "created_at": created,
            "updated_at": updated,
            "removable": removable,
            "key": null,
            "agent_description": null,
        }))
    };
    let options = |values: &[&str]| -> Value {
        values
            .iter()
            .map(|v| json!({ "name": capitalize(v), "value": v }))
            .collect()
    };
    let mut fields = Vec::new();
    for (i, (kind, title)) in SYSTEM_FIELDS.iter().enumerate() {
        let id = ids::FIELD + 1 + i as i64;
        let mut f = field(id, kind, title, i, false);
        let system_options = match *kind {
            "status" => Some(options(&["new", "open", "pending", "hold", "solved"])),
            "tickettype" => Some(options(&["question", "incident", "problem", "task"])),
            "priority" => Some(options(&["low", "normal", "high", "urgent"])),
            _ => None,
        };
        if let Some(opts) = system_options {
            f.insert("system_field_options".into(), opts);
        }
        fields.push((id, Value::Object(f)));
    }
    let mut product = field(ids::PRODUCT_FIELD, "tagger", "Product", 20, true);
    let product_options: Vec<Value> = PRODUCT_OPTIONS
        .iter()
        .enumerate()
        .map(|(i, (name, value))| {
            json!({
                "id": ids::PRODUCT_FIELD * 10 + i as i64,
                "name": name,
                "raw_name": name,
                "value": value,
                "default": false,
            })
        })
        .collect();
    product.insert("custom_field_options".into(), Value::Array(product_options));
    fields.push((ids::PRODUCT_FIELD, Value::Object(product)));
    let mut vip = field(ids::VIP_FIELD, "checkbox", "VIP customer", 21, true);
    vip.insert("tag".into(), json!(VIP_TAG));
    fields.push((ids::VIP_FIELD, Value::Object(vip)));
    fields
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

pub(crate) fn rating_comment(r: &Rating) -> Option<&'static str> {
    let text = match r.score {
        Score::Offered => "",
        Score::Good => GOOD_COMMENTS[r.comment as usize],
        Score::Bad => BAD_COMMENTS[r.comment as usize],
    };
    (!text.is_empty()).then_some(text)
}

fn rating_reason(r: &Rating) -> (&'static str, i64) {
    match r.score {
        Score::Bad => BAD_REASONS[r.reason as usize],
        _ => ("No reason provided", 0),
    }
}

/// A legacy satisfaction rating (§4.1).
pub(crate) fn rating(r: &Rating, base: &str, nulls: bool) -> Value {
    let (reason, code) = rating_reason(r);
    let mut v = obj(json!({
        "url": format!("{base}/api/v2/satisfaction_ratings/{}.json", r.id),
        "id": r.id,
        "assignee_id": r.assignee_id,
        "group_id": r.group_id,
        "requester_id": r.requester_id,
        "ticket_id": r.ticket_id,
        "score": r.score.as_str(),
        "created_at": iso(r.created_at),
        "updated_at": iso(r.updated_at),
        "comment": rating_comment(r),
        "reason": reason,
        "reason_code": code,
        "reason_id": (code != 0).then_some(ids::RATING - 1_000 + code),
    }));
    if nulls {
        faults::null_fields(&mut v, faults::RATING_NULLABLE);
    }
    Value::Object(v)
}

/// A ticket metric event (§3.2). `deleted` appears only when true.
pub(crate) fn metric_event(e: &MetricEvent) -> Value {
    let mut v = obj(json!({
        "id": e.id,
        "ticket_id": e.ticket_id,
        "metric": e.metric.as_str(),
        "instance_id": e.instance_id,
        "type": e.kind.as_str(),
        "time": iso(e.time),
    }));
    if let (EventType::ApplySla, Some((target, business_hours, policy))) = (e.kind, e.sla) {
        let (title, description) = SLA_POLICIES[policy as usize];
        v.insert(
            "sla".into(),
            json!({
                "target": target,
                "business_hours": business_hours,
                "policy": {
                    "id": ids::SLA_POLICY + 1 + i64::from(policy),
                    "title": title,
                    "description": description,
                },
            }),
        );
    }
    if e.kind == EventType::UpdateStatus {
        v.insert("status".into(), dur(e.status));
    }
    if e.deleted {
        v.insert("deleted".into(), json!(true));
    }
    Value::Object(v)
}

/// A Help Center article (§6).
pub(crate) fn article(a: &Article, base: &str) -> Value {
    let slug: String = a
        .title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .to_lowercase();
    let locale_index = ARTICLE_TITLES
        .iter()
        .position(|(l, _)| *l == a.locale)
        .unwrap_or(0);
    json!({
        "id": a.id,
        "url": format!("{base}/api/v2/help_center/{}/articles/{}.json", a.locale, a.id),
        "html_url": format!("{base}/hc/{}/articles/{}-{slug}", a.locale, a.id),
        "author_id": a.author_id,
        "comments_disabled": false,
        "draft": a.draft,
        "promoted": a.promoted,
        "position": a.position,
        "vote_sum": a.vote_sum,
        "vote_count": a.vote_count,
        "section_id": ids::SECTION + 1 + a.section as i64,
        "created_at": iso(a.created_at),
        "updated_at": iso(a.updated_at),
        "name": a.title,
        "title": a.title,
        "source_locale": a.locale,
        "locale": a.locale,
        "outdated": false,
        "outdated_locales": [],
        "edited_at": iso(a.updated_at),
        "user_segment_id": null,
        "permission_group_id": ids::PERMISSION_GROUP + 1,
        "content_tag_ids": [],
        "label_names": [SECTION_NAMES[a.section].to_lowercase().replace(' ', "_")],
        "body": format!(
            "<h2>{}</h2><p>{}</p>",
            a.title,
            ["This article explains the steps.", "이 문서는 단계를 설명합니다.", "В этой статье описаны шаги."][locale_index]
        ),
    })
}

/// `/api/v2/account/settings.json`: the localization block Deskbench needs, plus a few
/// real sections so the object is not suspiciously small.
pub(crate) fn account_settings(iana: &str) -> Value {
    let short = iana.rsplit('/').next().unwrap_or(iana).replace('_', " ");
    json!({
        "settings": {
            "branding": { "header_color": "03363D", "page_background_color": "333333", "tab_background_color": "7FA239", "text_color": "FFFFFF" },
            "apps": { "use": true, "create_private": true, "create_public": false },
            "tickets": { "comments_public_by_default": true, "list_newest_comments_first": true, "emoji_autocompletion": true },
            "localization": { "locale_ids": [1], "time_zone": short, "iana_time_zone": iana },
            "statistics": { "forum": true, "search": true },
        }
    })
}

/// A schedule as `/api/v2/business_hours/schedules` lists it.
pub(crate) fn schedule(s: &crate::config::FakeSchedule) -> Value {
    let intervals: Vec<Value> = (s.intervals.iter())
        .map(|(start, end)| json!({ "start_time": start, "end_time": end }))
        .collect();
    json!({
        "id": s.id,
        "name": s.name,
        "time_zone": s.time_zone,
        "intervals": intervals,
        "created_at": crate::time::iso(s.created_at),
        "updated_at": crate::time::iso(s.created_at),
    })
}

/// A schedule's holidays as `/api/v2/business_hours/schedules/{id}/holidays` lists them.
pub(crate) fn holidays(s: &crate::config::FakeSchedule) -> Value {
    let holidays: Vec<Value> = (s.holidays.iter().enumerate())
        .map(|(k, (name, start, end))| {
            json!({ "id": s.id * 100 + k as i64, "name": name, "start_date": start, "end_date": end })
        })
        .collect();
    json!({ "holidays": holidays })
}
