//! Planning a sync: from each stream's stored checkpoint to where it starts now. Pure: no
//! network, no disk, time passed in, so it is tested on its own.

use std::collections::HashMap;

use super::progress::BackFill;
use crate::sources::zendesk::{Paging, Position, Stream};
use crate::store::StreamState;

/// The checkpoint of a ticket events stream read before its comments were asked for:
/// the schema's migration to the public comments puts it there, so the stream re-reads
/// the export from the start once (the history rows it already holds are kept by key).
pub const COMMENTS_BACK_FILL: &str = "backfill:comment_events";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// Start every stream from the beginning (keeps stored data; records are upserted).
    pub full: bool,
    /// Where a stream that was never synced starts (unix seconds; 0 = everything).
    pub start_time: i64,
    /// Ratings are re-read this far before the newest rating change seen, because they
    /// change after they are created (good → bad) and the API's start_time is not reliable.
    pub ratings_lookback: i64,
    /// Only these streams (all when empty).
    pub streams: Vec<Stream>,
}

impl Default for PlanOptions {
    fn default() -> PlanOptions {
        PlanOptions {
            full: false,
            start_time: 0,
            ratings_lookback: 14 * 86_400,
            streams: Vec::new(),
        }
    }
}

/// Each stream to sync with its starting position. `now` bounds a ratings window that an
/// older version stored past it.
pub fn plan(states: &[StreamState], options: &PlanOptions, now: i64) -> Vec<(Stream, Position)> {
    let by_name: HashMap<&str, &StreamState> =
        states.iter().map(|s| (s.stream.as_str(), s)).collect();
    Stream::ALL
        .into_iter()
        .filter(|s| options.streams.is_empty() || options.streams.contains(s))
        .map(|stream| {
            let state = by_name.get(stream.name()).filter(|_| !options.full);
            (stream, start(stream, state.copied(), options, now))
        })
        .collect()
}

/// The planned streams that start over to back-fill what an older version did not read,
/// and why, for progress to say so.
pub fn back_fills(states: &[StreamState], options: &PlanOptions) -> Vec<(Stream, BackFill)> {
    if options.full {
        return Vec::new();
    }
    (states.iter())
        .filter(|s| s.cursor.as_deref() == Some(COMMENTS_BACK_FILL))
        .filter_map(|s| Stream::parse(&s.stream))
        .filter(|s| options.streams.is_empty() || options.streams.contains(s))
        .map(|s| (s, BackFill::CommentEvents))
        .collect()
}

fn start(stream: Stream, state: Option<&StreamState>, options: &PlanOptions, now: i64) -> Position {
    let cursor = state
        .and_then(|s| s.cursor.clone())
        .filter(|c| c != COMMENTS_BACK_FILL);
    let start_time = state.and_then(|s| s.start_time);
    match stream.paging() {
        Paging::Single | Paging::Snapshot => Position::Once,
        // Never back to a timestamp once a cursor exists: the cursor is the bookmark.
        Paging::CursorExport => match cursor {
            Some(c) => Position::Cursor(c),
            None => Position::StartTime(options.start_time),
        },
        // A back-fill starts where a first sync would.
        Paging::TimeExport
            if state.and_then(|s| s.cursor.as_deref()) == Some(COMMENTS_BACK_FILL) =>
        {
            Position::StartTime(options.start_time)
        }
        Paging::TimeExport => {
            Position::time_export(cursor.as_deref(), start_time.unwrap_or(options.start_time))
        }
        // A list read whole each run; a cursor is left only by an interrupted run.
        Paging::List => Position::After(cursor),
        // The engine stores the next window's start (a lookback before the newest rating
        // seen) when a pass ends; an interrupted pass resumes its page.
        Paging::Window => Position::Window {
            start_time: start_time.unwrap_or(options.start_time).min(now),
            after: cursor,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(
        stream: &str,
        cursor: Option<&str>,
        start_time: Option<i64>,
        last_success_at: Option<i64>,
    ) -> StreamState {
        StreamState {
            stream: stream.into(),
            cursor: cursor.map(Into::into),
            start_time,
            last_attempt_at: None,
            last_success_at,
            last_error: None,
        }
    }

    const NOW: i64 = 1_800_000_000;

    fn position(plan: &[(Stream, Position)], stream: Stream) -> Position {
        plan.iter().find(|(s, _)| *s == stream).unwrap().1.clone()
    }

    #[test]
    fn a_first_sync_starts_every_stream_at_the_start_time() {
        let p = plan(
            &[],
            &PlanOptions {
                start_time: 500,
                ..PlanOptions::default()
            },
            NOW,
        );
        assert_eq!(p.len(), Stream::ALL.len());
        assert_eq!(position(&p, Stream::Tickets), Position::StartTime(500));
        assert_eq!(
            position(&p, Stream::Organizations),
            Position::StartTime(500)
        );
        assert_eq!(position(&p, Stream::Groups), Position::After(None));
        assert_eq!(
            position(&p, Stream::SatisfactionRatings),
            Position::Window {
                start_time: 500,
                after: None
            }
        );
    }

    #[test]
    fn later_syncs_resume_from_their_checkpoints() {
        let states = [
            state("tickets", Some("c42"), None, Some(1_000)),
            state("organizations", None, Some(900), Some(1_000)),
            state("groups", Some("g2"), None, None),
            state(
                "satisfaction_ratings",
                None,
                Some(1_500_000),
                Some(2_000_000),
            ),
        ];
        let p = plan(&states, &PlanOptions::default(), NOW);
        assert_eq!(
            position(&p, Stream::Tickets),
            Position::Cursor("c42".into()),
            "the cursor, never a timestamp"
        );
        assert_eq!(
            position(&p, Stream::Organizations),
            Position::StartTime(900)
        );
        assert_eq!(
            position(&p, Stream::Groups),
            Position::After(Some("g2".into())),
            "an interrupted list resumes"
        );
        assert_eq!(
            position(&p, Stream::SatisfactionRatings),
            Position::Window {
                start_time: 1_500_000,
                after: None
            },
            "ratings start where the last pass said"
        );
    }

    #[test]
    fn a_workspace_synced_before_the_status_history_back_fills_it_from_the_start_time() {
        let states = [state("tickets", Some("c42"), None, Some(1_000))];
        let options = PlanOptions {
            start_time: 500,
            ..PlanOptions::default()
        };
        let p = plan(&states, &options, NOW);
        assert_eq!(
            position(&p, Stream::TicketEvents),
            Position::StartTime(500),
            "no checkpoint of its own: from where the tickets started"
        );
        let states = [state("ticket_events", None, Some(900), Some(1_000))];
        assert_eq!(
            position(&plan(&states, &options, NOW), Stream::TicketEvents),
            Position::StartTime(900)
        );
    }

    #[test]
    fn events_read_without_their_comments_start_over_once_and_say_so() {
        let states = [
            state("tickets", Some("c42"), None, Some(1_000)),
            state(
                "ticket_events",
                Some(COMMENTS_BACK_FILL),
                Some(900),
                Some(1_000),
            ),
        ];
        let options = PlanOptions {
            start_time: 500,
            ..PlanOptions::default()
        };
        let p = plan(&states, &options, NOW);
        assert_eq!(
            position(&p, Stream::TicketEvents),
            Position::StartTime(500),
            "from the start, not from the old checkpoint"
        );
        assert_eq!(
            back_fills(&states, &options),
            [(Stream::TicketEvents, BackFill::CommentEvents)]
        );
        let full = PlanOptions {
            full: true,
            ..options.clone()
        };
        assert_eq!(
            back_fills(&states, &full),
            [],
            "a full sync reads all anyway"
        );
        let others = PlanOptions {
            streams: vec![Stream::Tickets],
            ..options
        };
        assert_eq!(back_fills(&states, &others), [], "not planned");
        let done = [state("ticket_events", None, Some(900), Some(1_000))];
        assert_eq!(back_fills(&done, &PlanOptions::default()), []);
    }

    #[test]
    fn an_interrupted_ratings_pass_resumes_its_window() {
        let states = [state(
            "satisfaction_ratings",
            Some("r5"),
            Some(777),
            Some(2_000_000),
        )];
        let p = plan(&states, &PlanOptions::default(), NOW);
        assert_eq!(
            position(&p, Stream::SatisfactionRatings),
            Position::Window {
                start_time: 777,
                after: Some("r5".into())
            }
        );
    }

    #[test]
    fn a_ratings_window_stored_past_now_starts_at_now() {
        let states = [state(
            "satisfaction_ratings",
            None,
            Some(4_070_908_800),
            None,
        )];
        let p = plan(&states, &PlanOptions::default(), NOW);
        assert_eq!(
            position(&p, Stream::SatisfactionRatings),
            Position::Window {
                start_time: NOW,
                after: None
            }
        );
    }

    #[test]
    fn full_ignores_checkpoints_and_a_stream_filter_narrows() {
        let states = [state("tickets", Some("c42"), None, Some(1_000))];
        let options = PlanOptions {
            full: true,
            streams: vec![Stream::Tickets],
            ..PlanOptions::default()
        };
        assert_eq!(
            plan(&states, &options, NOW),
            vec![(Stream::Tickets, Position::StartTime(0))]
        );
    }
}
