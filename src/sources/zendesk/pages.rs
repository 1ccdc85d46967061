//! One response body of a stream → its records, the problems of records that could not be
//! read, and where the next page starts. Records are read one by one, so a malformed
//! record is reported and skipped without touching the rest of its page.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::store::records::*;

use super::convert::{self, Invalid};
use super::dto::*;
use super::streams::{Paging, Position, Stream};
use super::ZendeskError;

/// A record that was skipped, for the sync log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The record's id as the API sent it (`?` when it had none).
    pub record_id: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Records {
    Tickets(Vec<Ticket>),
    Users(Vec<User>),
    Named(NamedKind, Vec<Named>),
    Fields(Vec<TicketField>),
    Ratings(Vec<SatisfactionRating>),
    Events {
        upsert: Vec<SlaEvent>,
        deleted: Vec<i64>,
    },
    Articles(Vec<Article>),
    /// The account's IANA time zone, from its settings.
    TimeZone(Option<String>),
}

impl Records {
    pub fn len(&self) -> usize {
        match self {
            Records::Tickets(v) => v.len(),
            Records::Users(v) => v.len(),
            Records::Named(_, v) => v.len(),
            Records::Fields(v) => v.len(),
            Records::Ratings(v) => v.len(),
            Records::Events { upsert, deleted } => upsert.len() + deleted.len(),
            Records::Articles(v) => v.len(),
            Records::TimeZone(_) => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub records: Records,
    pub problems: Vec<Problem>,
    /// Where the next page starts (after the last page: where the next sync starts).
    pub next: Position,
    /// True on the stream's last page.
    pub done: bool,
    /// How far the stream has come in time (unix seconds), for an ETA.
    pub reached: Option<i64>,
}

pub fn parse(stream: Stream, at: &Position, mut body: Value) -> Result<Page, ZendeskError> {
    let (next, done, mut problems) = next_position(stream, at, &body)?;
    let mut reached = body.get("end_time").and_then(Value::as_i64);
    let records = match stream {
        Stream::AccountSettings => {
            let settings: SettingsDto =
                serde_json::from_value(body).unwrap_or(SettingsDto { settings: None });
            let tz = settings
                .settings
                .and_then(|s| s.localization)
                .and_then(|l| l.iana_time_zone);
            Records::TimeZone(tz)
        }
        Stream::Tickets => {
            let items = items(&mut body, "tickets")?;
            reached = items
                .iter()
                .filter_map(|t| t.get("generated_timestamp")?.as_i64())
                .max();
            Records::Tickets(tickets(
                items,
                top_level_metric_sets(&mut body),
                &mut problems,
            ))
        }
        Stream::Users => Records::Users(each(
            items(&mut body, "users")?,
            &mut problems,
            |d: UserDto, _| convert::user(d),
        )),
        Stream::Organizations => named(
            NamedKind::Organization,
            items(&mut body, "organizations")?,
            &mut problems,
        ),
        Stream::Groups => named(NamedKind::Group, items(&mut body, "groups")?, &mut problems),
        Stream::Brands => named(NamedKind::Brand, items(&mut body, "brands")?, &mut problems),
        Stream::TicketFields => Records::Fields(each(
            items(&mut body, "ticket_fields")?,
            &mut problems,
            |d: TicketFieldDto, _| convert::ticket_field(d),
        )),
        Stream::SatisfactionRatings => {
            let ratings = each(
                items(&mut body, "satisfaction_ratings")?,
                &mut problems,
                |d: RatingDto, _| convert::rating(d),
            );
            // Ratings change after they are created; the newest change seen anchors the
            // next window, on the server's clock rather than ours.
            reached = ratings.iter().map(|r| r.updated_at).max();
            Records::Ratings(ratings)
        }
        Stream::TicketMetricEvents => {
            // Ok(event) to store, Err(id) for an event the API marks deleted.
            let parsed = each(
                items(&mut body, "ticket_metric_events")?,
                &mut problems,
                |d: MetricEventDto, _| {
                    if d.deleted {
                        Ok(Err(d.id))
                    } else {
                        convert::metric_event(d).map(Ok)
                    }
                },
            );
            let (mut upsert, mut deleted) = (Vec::new(), Vec::new());
            for event in parsed {
                match event {
                    Ok(e) => upsert.push(e),
                    Err(id) => deleted.push(id),
                }
            }
            Records::Events { upsert, deleted }
        }
        Stream::Articles => Records::Articles(each(
            items(&mut body, "articles")?,
            &mut problems,
            |d: ArticleDto, _| convert::article(d),
        )),
    };
    Ok(Page {
        records,
        problems,
        next,
        done,
        reached,
    })
}

/// Takes the page's list out of the body (no copy).
fn items(body: &mut Value, key: &str) -> Result<Vec<Value>, ZendeskError> {
    match body.get_mut(key).map(Value::take) {
        Some(Value::Array(items)) => Ok(items),
        Some(Value::Null) => Ok(Vec::new()),
        _ => Err(ZendeskError::UnexpectedResponse(format!(
            "the response has no \"{key}\" list"
        ))),
    }
}

/// Reads each item as `D` and converts it; failures become problems.
fn each<D: DeserializeOwned, R>(
    items: Vec<Value>,
    problems: &mut Vec<Problem>,
    mut convert: impl FnMut(D, &Value) -> Result<R, Invalid>,
) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let record_id = item
            .get("id")
            .map(|id| id.to_string())
            .unwrap_or_else(|| "?".into());
        let result = D::deserialize(&item)
            .map_err(|e| Invalid(format!("unreadable record: {e}")))
            .and_then(|dto| convert(dto, &item));
        match result {
            Ok(record) => out.push(record),
            Err(Invalid(message)) => problems.push(Problem { record_id, message }),
        }
    }
    out
}

fn named(kind: NamedKind, items: Vec<Value>, problems: &mut Vec<Problem>) -> Records {
    Records::Named(
        kind,
        each(items, problems, |d: NamedDto, _| convert::named(d)),
    )
}

/// The export's metric sets come per ticket (`metric_set`) or as a top-level
/// `metric_sets` list keyed by `ticket_id`, depending on the client; accept both.
fn top_level_metric_sets(body: &mut Value) -> HashMap<i64, Value> {
    match body.get_mut("metric_sets").map(Value::take) {
        Some(Value::Array(sets)) => sets
            .into_iter()
            .filter_map(|s| Some((s.get("ticket_id")?.as_i64()?, s)))
            .collect(),
        _ => HashMap::new(),
    }
}

fn tickets(
    items: Vec<Value>,
    mut sets: HashMap<i64, Value>,
    problems: &mut Vec<Problem>,
) -> Vec<Ticket> {
    each(items, problems, |mut dto: TicketDto, raw: &Value| {
        let set = match dto.metric_set.take() {
            Some(set) => Some(set),
            None => sets
                .remove(&dto.id)
                .map(|v| {
                    serde_json::from_value::<MetricSetDto>(v)
                        .map_err(|e| Invalid(format!("unreadable metric set: {e}")))
                })
                .transpose()?,
        };
        convert::ticket(dto, set, raw.to_string())
    })
}

/// The next position, whether the stream is done, and any warning about the paging.
fn next_position(
    stream: Stream,
    at: &Position,
    body: &Value,
) -> Result<(Position, bool, Vec<Problem>), ZendeskError> {
    let flag = |key: &str| body.get(key).and_then(Value::as_bool);
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let mut warnings = Vec::new();
    let result = match stream.paging() {
        Paging::Single => (Position::Once, true),
        Paging::CursorExport => {
            let done = flag("end_of_stream").unwrap_or(false);
            let after = text(body.get("after_cursor"));
            match (after, done) {
                (Some(after), _) if !done && Position::Cursor(after.clone()) == *at => {
                    return Err(ZendeskError::UnexpectedResponse(format!(
                        "{} repeated the cursor {after:?} without reaching the end of the stream",
                        stream.name()
                    )))
                }
                (Some(after), done) => (Position::Cursor(after), done),
                (None, true) => (at.clone(), true),
                (None, false) => {
                    return Err(ZendeskError::UnexpectedResponse(format!(
                        "{} returned no after_cursor before the end of the stream",
                        stream.name()
                    )))
                }
            }
        }
        Paging::TimeExport => match at {
            Position::Drain { time, .. } => drain_next(stream, *time, body)?,
            _ => {
                let start = match at {
                    Position::StartTime(t) => *t,
                    _ => 0,
                };
                let end_time = body.get("end_time").and_then(Value::as_i64);
                let no_next = body.get("next_page").is_none_or(Value::is_null);
                let done = flag("end_of_stream").unwrap_or(no_next);
                match end_time {
                    _ if done => (
                        Position::StartTime(end_time.unwrap_or(start).max(start)),
                        true,
                    ),
                    Some(end) if end > start => (Position::StartTime(end), false),
                    // More than a page of records share one second: the time-based pages
                    // cannot get past it. Drain it by cursor where the API allows that.
                    _ if stream.drains() => (
                        Position::Drain {
                            time: start,
                            after: None,
                        },
                        false,
                    ),
                    _ => {
                        warnings.push(Problem {
                            record_id: "?".into(),
                            message: format!(
                                "more than a page of {} share the time {start}, which Zendesk's time-based export cannot page past; moved on to the next second",
                                stream.name()
                            ),
                        });
                        (Position::StartTime(start + 1), false)
                    }
                }
            }
        },
        Paging::List | Paging::Window => {
            let meta = body.get("meta");
            let has_more = meta
                .and_then(|m| m.get("has_more"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let after = text(meta.and_then(|m| m.get("after_cursor")));
            let after = if has_more {
                Some(after.ok_or_else(|| {
                    ZendeskError::UnexpectedResponse(format!(
                        "{} has more pages but no after_cursor",
                        stream.name()
                    ))
                })?)
            } else {
                None
            };
            let next = match at {
                Position::Window { start_time, .. } => Position::Window {
                    start_time: *start_time,
                    after,
                },
                _ => Position::After(after),
            };
            if has_more && next == *at {
                return Err(ZendeskError::UnexpectedResponse(format!(
                    "{} repeated its page cursor",
                    stream.name()
                )));
            }
            (next, !has_more)
        }
    };
    Ok((result.0, result.1, warnings))
}

/// After a drained page: more of the crowded second, or back to time-based pages from
/// the last record's time, or the end of the stream.
fn drain_next(stream: Stream, time: i64, body: &Value) -> Result<(Position, bool), ZendeskError> {
    let meta = body.get("meta");
    let has_more = meta
        .and_then(|m| m.get("has_more"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let after = meta
        .and_then(|m| m.get("after_cursor"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let last_time = body
        .get(stream.name())
        .and_then(Value::as_array)
        .and_then(|items| items.last())
        .and_then(|item| item.get("time"))
        .and_then(Value::as_str)
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.timestamp());
    Ok(match (has_more, last_time) {
        (true, Some(last)) if last == time => {
            let after = after.ok_or_else(|| {
                ZendeskError::UnexpectedResponse(format!(
                    "{} has more pages but no after_cursor",
                    stream.name()
                ))
            })?;
            (
                Position::Drain {
                    time,
                    after: Some(after),
                },
                false,
            )
        }
        // Past the crowded second: the faster time-based pages take over again.
        (true, Some(last)) => (Position::StartTime(last), false),
        (_, last) => (
            Position::StartTime(last.unwrap_or(time).max(time + 1)),
            true,
        ),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_malformed_ticket_is_skipped_and_the_rest_of_the_page_kept() {
        let body = json!({
            "tickets": [
                {"id": 1, "status": "open", "created_at": "2025-01-01T00:00:00Z", "generated_timestamp": 10},
                {"id": 2, "status": 42, "created_at": "2025-01-01T00:00:00Z"},
                {"id": 3, "status": "solved", "created_at": "2025-01-01T00:00:00Z", "generated_timestamp": 12}
            ],
            "metric_sets": [{"ticket_id": 3, "solved_at": "2025-01-02T00:00:00Z", "replies": 2}],
            "after_cursor": "c2", "end_of_stream": false
        });
        let page = parse(Stream::Tickets, &Position::Cursor("c1".into()), body).unwrap();
        let Records::Tickets(tickets) = &page.records else {
            panic!("tickets expected")
        };
        assert_eq!(tickets.iter().map(|t| t.id).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(
            tickets[1].metrics.replies,
            Some(2),
            "top-level metric sets are matched by ticket id"
        );
        assert_eq!(page.problems.len(), 1);
        assert_eq!(page.problems[0].record_id, "2");
        assert_eq!(
            (page.next.clone(), page.done, page.reached),
            (Position::Cursor("c2".into()), false, Some(12))
        );
    }

    #[test]
    fn a_repeated_cursor_is_an_error_not_a_loop() {
        let body = json!({"tickets": [], "after_cursor": "c1", "end_of_stream": false});
        assert!(parse(Stream::Tickets, &Position::Cursor("c1".into()), body).is_err());
    }

    #[test]
    fn the_last_cursor_page_keeps_its_cursor_for_the_next_sync() {
        let body = json!({"tickets": [], "after_cursor": "c9", "end_of_stream": true});
        let page = parse(Stream::Tickets, &Position::Cursor("c8".into()), body).unwrap();
        assert_eq!(
            (page.next, page.done),
            (Position::Cursor("c9".into()), true)
        );
    }

    #[test]
    fn a_crowded_second_of_metric_events_is_drained_by_cursor() {
        let event = |id: i64, time: &str| json!({"id": id, "ticket_id": 1, "metric": "reply_time", "instance_id": 1, "type": "activate", "time": time});
        let stuck = json!({"ticket_metric_events": [], "end_time": 100, "next_page": "x", "end_of_stream": false});
        let page = parse(Stream::TicketMetricEvents, &Position::StartTime(100), stuck).unwrap();
        assert_eq!(
            (page.next, page.done, page.problems.len()),
            (
                Position::Drain {
                    time: 100,
                    after: None
                },
                false,
                0
            )
        );
        let t100 = "1970-01-01T00:01:40Z";
        let more = json!({"ticket_metric_events": [event(1, t100), event(2, t100)], "meta": {"has_more": true, "after_cursor": "e2"}});
        let page = parse(
            Stream::TicketMetricEvents,
            &Position::Drain {
                time: 100,
                after: None,
            },
            more,
        )
        .unwrap();
        assert_eq!(
            page.next,
            Position::Drain {
                time: 100,
                after: Some("e2".into())
            }
        );
        let past = json!({"ticket_metric_events": [event(3, t100), event(4, "1970-01-01T00:02:00Z")], "meta": {"has_more": true, "after_cursor": "e4"}});
        let page = parse(
            Stream::TicketMetricEvents,
            &Position::Drain {
                time: 100,
                after: Some("e2".into()),
            },
            past,
        )
        .unwrap();
        assert_eq!(
            (page.next, page.done),
            (Position::StartTime(120), false),
            "back to time-based pages"
        );
    }

    #[test]
    fn a_time_export_that_cannot_advance_steps_over_the_second() {
        let body =
            json!({"organizations": [], "end_time": 100, "next_page": "x", "end_of_stream": false});
        let page = parse(Stream::Organizations, &Position::StartTime(100), body).unwrap();
        assert_eq!(page.next, Position::StartTime(101));
        assert_eq!(page.problems.len(), 1);
        let body = json!({"organizations": [], "end_time": 150, "next_page": null});
        let page = parse(Stream::Organizations, &Position::StartTime(100), body).unwrap();
        assert_eq!((page.next, page.done), (Position::StartTime(150), true));
    }

    #[test]
    fn lists_follow_has_more_and_deleted_events_are_set_aside() {
        let body = json!({"groups": [{"id": 1, "name": "A"}], "meta": {"has_more": true, "after_cursor": "g2"}});
        let page = parse(Stream::Groups, &Position::After(None), body).unwrap();
        assert_eq!(
            (page.next, page.done),
            (Position::After(Some("g2".into())), false)
        );
        let body = json!({"ticket_metric_events": [
            {"id": 5, "ticket_id": 1, "metric": "reply_time", "instance_id": 1, "type": "apply_sla", "time": "2025-01-01T00:00:00Z", "sla": {"target": 60, "business_hours": false, "policy": {"id": 9}}},
            {"id": 6, "deleted": true}
        ], "end_time": 5, "end_of_stream": true});
        let page = parse(Stream::TicketMetricEvents, &Position::StartTime(0), body).unwrap();
        let Records::Events { upsert, deleted } = page.records else {
            panic!("events expected")
        };
        assert_eq!(
            (upsert.len(), deleted, page.problems.len()),
            (1, vec![6], 0)
        );
        assert_eq!(upsert[0].policy_id, Some(9));
    }
}
