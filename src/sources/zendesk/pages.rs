//! One response body of a stream → its records, the problems of records that could not be
//! read, and where the next page starts. Records are read one by one, so a malformed
//! record is reported and skipped without touching the rest of its page.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::store::records::*;
use crate::store::RawPage;

use super::convert::{self, Invalid};
use super::dto::*;
use super::events;
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
    /// Tickets, with their JSON compressed as one page (`None` when nothing to keep).
    Tickets {
        tickets: Vec<Ticket>,
        raw: Option<RawPage>,
    },
    Users(Vec<User>),
    Named(NamedKind, Vec<Named>),
    Fields(Vec<TicketField>),
    Ratings(Vec<SatisfactionRating>),
    Events {
        upsert: Vec<SlaEvent>,
        deleted: Vec<i64>,
    },
    Articles(Vec<Article>),
    /// The status history's changes and the public comments of a page of ticket events.
    History {
        changes: Vec<FieldChange>,
        comments: Vec<PublicComment>,
    },
    /// The account's IANA time zone, from its settings.
    TimeZone(Option<String>),
    /// The business-hours schedules as the API sent them, each with its `holidays`
    /// (from a holidays page: the holidays alone), kept whole as the source's snapshot.
    Schedules(Vec<serde_json::Value>),
}

impl Records {
    pub fn len(&self) -> usize {
        match self {
            Records::Tickets { tickets, .. } => tickets.len(),
            Records::Users(v) => v.len(),
            Records::Named(_, v) => v.len(),
            Records::Fields(v) => v.len(),
            Records::Ratings(v) => v.len(),
            Records::Events { upsert, deleted } => upsert.len() + deleted.len(),
            Records::Articles(v) => v.len(),
            Records::History { changes, comments } => changes.len() + comments.len(),
            Records::TimeZone(_) => 0,
            Records::Schedules(v) => v.len(),
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

pub fn parse(stream: Stream, at: &Position, body: &[u8]) -> Result<Page, ZendeskError> {
    let body = Body::parse(body)?;
    let (next, done, mut problems) = next_position(stream, at, &body)?;
    let mut reached = body.get::<i64>("end_time");
    let records = match stream {
        Stream::AccountSettings => Records::TimeZone(
            body.get::<SettingsBody>("settings")
                .and_then(|s| s.localization)
                .and_then(|l| l.iana_time_zone),
        ),
        Stream::Tickets => {
            let (records, newest) = tickets(
                body.items("tickets")?,
                top_level_metric_sets(&body),
                &mut problems,
            );
            reached = newest;
            records
        }
        Stream::Users => Records::Users(each(
            body.items("users")?,
            &mut problems,
            |d: UserDto, _| convert::user(d),
        )),
        Stream::Organizations => named(
            NamedKind::Organization,
            body.items("organizations")?,
            &mut problems,
        ),
        Stream::Groups => named(NamedKind::Group, body.items("groups")?, &mut problems),
        Stream::Brands => named(NamedKind::Brand, body.items("brands")?, &mut problems),
        Stream::TicketFields => Records::Fields(each(
            body.items("ticket_fields")?,
            &mut problems,
            |d: TicketFieldDto, _| convert::ticket_field(d),
        )),
        Stream::TicketEvents => {
            let (mut changes, mut comments) = (Vec::new(), Vec::new());
            let read = each(
                body.items("ticket_events")?,
                &mut problems,
                |d: events::TicketEventDto, _| events::read(d),
            );
            for event in read {
                changes.extend(event.changes);
                comments.extend(event.comments);
            }
            Records::History { changes, comments }
        }
        Stream::SatisfactionRatings => {
            let ratings = each(
                body.items("satisfaction_ratings")?,
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
                body.items("ticket_metric_events")?,
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
            body.items("articles")?,
            &mut problems,
            |d: ArticleDto, _| convert::article(d),
        )),
        Stream::Schedules => {
            let key = match at {
                Position::Holidays(_) => "holidays",
                _ => "schedules",
            };
            Records::Schedules(each(
                body.items(key)?,
                &mut problems,
                |v: serde_json::Value, _| Ok(v),
            ))
        }
    };
    Ok(Page {
        records,
        problems,
        next,
        done,
        reached,
    })
}

/// A response's top level with its values left unparsed until asked for, so a page's
/// records are read straight from the response bytes (and a ticket's raw JSON is a slice
/// of them, not a re-serialised tree).
struct Body<'a>(HashMap<String, &'a RawValue>);

impl<'a> Body<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Body<'a>, ZendeskError> {
        serde_json::from_slice(bytes).map(Body).map_err(|e| {
            ZendeskError::UnexpectedResponse(format!("the response is not a JSON object ({e})"))
        })
    }

    /// The value at `key` read as `T`; `None` when missing, null or of another shape.
    fn get<T: Deserialize<'a>>(&self, key: &str) -> Option<T> {
        serde_json::from_str::<Option<T>>(self.0.get(key)?.get())
            .ok()
            .flatten()
    }

    fn has_value(&self, key: &str) -> bool {
        self.0.get(key).is_some_and(|v| v.get() != "null")
    }

    /// The page's list of records, each still unparsed.
    fn items(&self, key: &str) -> Result<Vec<&'a RawValue>, ZendeskError> {
        match self.0.get(key) {
            None => Err(ZendeskError::UnexpectedResponse(format!(
                "the response has no \"{key}\" list"
            ))),
            Some(raw) if raw.get() == "null" => Ok(Vec::new()),
            Some(raw) => serde_json::from_str(raw.get())
                .map_err(|_| ZendeskError::UnexpectedResponse(format!("\"{key}\" is not a list"))),
        }
    }
}

/// Cursor pagination's `meta` object.
#[derive(Debug, Default, Deserialize)]
struct Meta {
    has_more: Option<bool>,
    after_cursor: Option<String>,
}

/// Just enough of a record to name it in the sync log when the rest cannot be read.
#[derive(Deserialize)]
struct RecordId {
    id: Option<serde_json::Value>,
}

/// Reads each item as `D` and converts it (with the item's raw JSON); failures become
/// problems.
fn each<'a, D: Deserialize<'a>, R>(
    items: Vec<&'a RawValue>,
    problems: &mut Vec<Problem>,
    mut convert: impl FnMut(D, &'a str) -> Result<R, Invalid>,
) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let raw = item.get();
        let result = serde_json::from_str::<D>(raw)
            .map_err(|e| Invalid(format!("unreadable record: {e}")))
            .and_then(|dto| convert(dto, raw));
        match result {
            Ok(record) => out.push(record),
            Err(Invalid(message)) => {
                let record_id = serde_json::from_str::<RecordId>(raw)
                    .ok()
                    .and_then(|r| r.id)
                    .map_or_else(|| "?".into(), |id| id.to_string());
                problems.push(Problem { record_id, message })
            }
        }
    }
    out
}

fn named(kind: NamedKind, items: Vec<&RawValue>, problems: &mut Vec<Problem>) -> Records {
    Records::Named(
        kind,
        each(items, problems, |d: NamedDto, _| convert::named(d)),
    )
}

/// The export's metric sets come per ticket (`metric_set`) or as a top-level
/// `metric_sets` list keyed by `ticket_id`, depending on the client; accept both. A set
/// that cannot be read is kept as its error, for its ticket to report.
fn top_level_metric_sets(body: &Body) -> HashMap<i64, Result<MetricSetDto, Invalid>> {
    let sets: Vec<&RawValue> = body.get("metric_sets").unwrap_or_default();
    sets.into_iter()
        .filter_map(
            |raw| match serde_json::from_str::<MetricSetDto>(raw.get()) {
                Ok(set) => Some((set.ticket_id?, Ok(set))),
                Err(e) => {
                    let id = serde_json::from_str::<TicketIdOnly>(raw.get())
                        .ok()?
                        .ticket_id?;
                    Some((id, Err(Invalid(format!("unreadable metric set: {e}")))))
                }
            },
        )
        .collect()
}

#[derive(Deserialize)]
struct TicketIdOnly {
    ticket_id: Option<i64>,
}

/// The page's tickets and the newest `generated_timestamp` among them (for the ETA).
fn tickets(
    items: Vec<&RawValue>,
    mut sets: HashMap<i64, Result<MetricSetDto, Invalid>>,
    problems: &mut Vec<Problem>,
) -> (Records, Option<i64>) {
    let mut newest = None;
    let mut raws = Vec::with_capacity(items.len());
    let tickets = each(items, problems, |mut dto: TicketDto, raw| {
        newest = newest.max(dto.generated_timestamp);
        let set = match dto.metric_set.take() {
            Some(set) => Some(set),
            None => sets.remove(&dto.id).transpose()?,
        };
        let ticket = convert::ticket(dto, set)?;
        raws.push(raw);
        Ok(ticket)
    });
    let raw = RawPage::compress(raws.into_iter());
    (Records::Tickets { tickets, raw }, newest)
}

/// The next position, whether the stream is done, and any warning about the paging.
fn next_position(
    stream: Stream,
    at: &Position,
    body: &Body,
) -> Result<(Position, bool, Vec<Problem>), ZendeskError> {
    let flag = |key: &str| body.get::<bool>(key);
    let mut warnings = Vec::new();
    let result = match stream.paging() {
        Paging::Single | Paging::Snapshot => (Position::Once, true),
        Paging::CursorExport => {
            let done = flag("end_of_stream").unwrap_or(false);
            let after = body.get::<String>("after_cursor");
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
                let end_time = body.get::<i64>("end_time");
                let no_next = !body.has_value("next_page");
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
            let meta = body.get::<Meta>("meta").unwrap_or_default();
            let has_more = meta.has_more.unwrap_or(false);
            let after = if has_more {
                Some(meta.after_cursor.ok_or_else(|| {
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
fn drain_next(stream: Stream, time: i64, body: &Body) -> Result<(Position, bool), ZendeskError> {
    #[derive(Deserialize)]
    struct Timed {
        time: Option<String>,
    }
    let Meta {
        has_more,
        after_cursor: after,
    } = body.get::<Meta>("meta").unwrap_or_default();
    let has_more = has_more.unwrap_or(false);
    let last_time = body
        .items(stream.name())
        .ok()
        .and_then(|items| items.last().copied())
        .and_then(|item| serde_json::from_str::<Timed>(item.get()).ok()?.time)
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
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
    use serde_json::{json, Value};

    use super::*;

    fn parse(stream: Stream, at: &Position, body: Value) -> Result<Page, ZendeskError> {
        super::parse(stream, at, body.to_string().as_bytes())
    }

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
        let Records::Tickets { tickets, .. } = &page.records else {
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
    fn a_page_of_ticket_events_keeps_the_followed_changes_and_its_end_time() {
        let event = |id: i64, ticket: i64, at: i64, children: Value| {
            json!({"id": id, "ticket_id": ticket, "timestamp": at, "updater_id": -1,
                "via": "Web form", "event_type": "Audit", "child_events": children})
        };
        let body = json!({
            "ticket_events": [
                event(1, 7, 100, json!([{"status": "new", "event_type": "Create"},
                    {"id": 11, "body": "Hi", "public": true, "author_id": 5, "event_type": "Comment"}])),
                event(2, 7, 160, json!([{"status": 3, "event_type": "Change"}])),
                event(3, 8, 160, json!([{"group_id": 9, "previous_value": null, "event_type": "Change"}]))
            ],
            "count": 3, "end_time": 160,
            "next_page": "https://acme.zendesk.com/api/v2/incremental/ticket_events.json?start_time=160",
            "end_of_stream": false
        });
        let page = parse(Stream::TicketEvents, &Position::StartTime(100), body).unwrap();
        let Records::History { changes, comments } = &page.records else {
            panic!("history expected")
        };
        let ids: Vec<(i64, i64)> = changes.iter().map(|c| (c.event_id, c.ticket_id)).collect();
        assert_eq!(ids, [(1, 7), (3, 8)]);
        let comments: Vec<_> = comments
            .iter()
            .map(|c| (c.comment_id, c.ticket_id, c.at, c.author_id))
            .collect();
        assert_eq!(comments, [(11, 7, 100, Some(5))]);
        assert_eq!(
            page.problems[0].record_id, "2",
            "the unreadable event is named"
        );
        assert_eq!(
            (page.next, page.done, page.reached),
            (Position::StartTime(160), false, Some(160)),
            "the next page starts at end_time, repeating its second"
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
