//! The streams Deskbench reads from Zendesk, how each pages, and where a page resumes.
//! See zendesk-api.md §11 for why each stream uses the endpoint it does.

use reqwest::Url;
use serde::{Deserialize, Serialize};

use super::base_url::BaseUrl;
use super::pacer::Bucket;
use super::ZendeskError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    AccountSettings,
    Groups,
    Brands,
    TicketFields,
    Schedules,
    Users,
    Organizations,
    Tickets,
    TicketEvents,
    SatisfactionRatings,
    TicketMetricEvents,
    Articles,
}

/// How a stream pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// Cursor incremental export: `start_time` once, then `cursor` forever.
    CursorExport,
    /// Time-based incremental export: `start_time` = the previous page's `end_time`.
    TimeExport,
    /// A full list with cursor pagination (`page[after]`), read whole every run.
    List,
    /// Ratings: a `start_time` window (with a lookback) read with `page[after]`.
    Window,
    /// One request.
    Single,
    /// A list read whole every run, then one request per item for its sub-list (the
    /// schedules and their holidays), kept as one snapshot.
    Snapshot,
}

/// Where the next request of a stream starts. Persisted as `sync_state.cursor` and
/// `sync_state.start_time`, so a killed sync resumes exactly here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    StartTime(i64),
    Cursor(String),
    /// A page of a list; `None` is the first page.
    After(Option<String>),
    Window {
        start_time: i64,
        after: Option<String>,
    },
    /// Draining one second of a time export with cursor pagination, because more than a
    /// page of records share it and the time-based pages cannot get past it.
    Drain {
        time: i64,
        after: Option<String>,
    },
    Once,
    /// The holidays of one schedule, inside a snapshot's one step; never stored.
    Holidays(i64),
}

/// How a drain is told apart from a plain start time in `sync_state.cursor`.
const DRAIN_PREFIX: &str = "drain:";

impl Position {
    /// As stored: (cursor, start_time).
    pub fn to_columns(&self) -> (Option<String>, Option<i64>) {
        match self {
            Position::StartTime(t) => (None, Some(*t)),
            Position::Cursor(c) => (Some(c.clone()), None),
            Position::After(a) => (a.clone(), None),
            Position::Window { start_time, after } => (after.clone(), Some(*start_time)),
            Position::Drain { time, after } => (
                Some(format!(
                    "{DRAIN_PREFIX}{}",
                    after.as_deref().unwrap_or_default()
                )),
                Some(*time),
            ),
            Position::Once | Position::Holidays(_) => (None, None),
        }
    }

    /// A time export's stored position: a start time, or a drain in progress.
    pub fn time_export(cursor: Option<&str>, start_time: i64) -> Position {
        match cursor.and_then(|c| c.strip_prefix(DRAIN_PREFIX)) {
            Some(after) => Position::Drain {
                time: start_time,
                after: Some(after.to_owned()).filter(|a| !a.is_empty()),
            },
            None => Position::StartTime(start_time),
        }
    }
}

/// Page sizes: the exports allow 1,000; cursor-paginated lists 100.
const EXPORT_PAGE: u32 = 1000;
const LIST_PAGE: u32 = 100;

impl Stream {
    /// In sync order: the small lists first (labels), then the big streams.
    pub const ALL: [Stream; 12] = [
        Stream::AccountSettings,
        Stream::Groups,
        Stream::Brands,
        Stream::TicketFields,
        Stream::Schedules,
        Stream::Users,
        Stream::Organizations,
        Stream::Tickets,
        Stream::TicketEvents,
        Stream::SatisfactionRatings,
        Stream::TicketMetricEvents,
        Stream::Articles,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stream::AccountSettings => "account_settings",
            Stream::Groups => "groups",
            Stream::Brands => "brands",
            Stream::TicketFields => "ticket_fields",
            Stream::Schedules => "schedules",
            Stream::Users => "users",
            Stream::Organizations => "organizations",
            Stream::Tickets => "tickets",
            Stream::TicketEvents => "ticket_events",
            Stream::SatisfactionRatings => "satisfaction_ratings",
            Stream::TicketMetricEvents => "ticket_metric_events",
            Stream::Articles => "articles",
        }
    }

    pub fn parse(name: &str) -> Option<Stream> {
        Stream::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn paging(self) -> Paging {
        match self {
            Stream::Tickets | Stream::Users => Paging::CursorExport,
            Stream::Organizations
            | Stream::TicketEvents
            | Stream::TicketMetricEvents
            | Stream::Articles => Paging::TimeExport,
            Stream::Groups | Stream::Brands | Stream::TicketFields => Paging::List,
            Stream::SatisfactionRatings => Paging::Window,
            Stream::AccountSettings => Paging::Single,
            Stream::Schedules => Paging::Snapshot,
        }
    }

    /// Zendesk's own limit of 10 per minute covers the Incremental Exports endpoints
    /// only (tickets, ticket events, users, organizations: one budget for them all); ticket metric events and the Help Center export count against the account's
    /// limit like every other endpoint (zendesk-api.md §2.1).
    pub fn bucket(self) -> Bucket {
        match self {
            Stream::Tickets | Stream::TicketEvents | Stream::Users | Stream::Organizations => {
                Bucket::Incremental
            }
            _ => Bucket::Account,
        }
    }

    /// Whether the time export also pages by cursor (Zendesk documents it for ticket
    /// metric events only), which lets a crowded second be drained instead of skipped.
    pub fn drains(self) -> bool {
        self == Stream::TicketMetricEvents
    }

    /// Streams an account may lack (plan-gated or Help Center off): a 403 skips them with
    /// a warning. The others need an admin token, so a 403 there stops the sync.
    pub fn optional(self) -> bool {
        matches!(
            self,
            Stream::SatisfactionRatings
                | Stream::TicketMetricEvents
                | Stream::Articles
                | Stream::AccountSettings
                | Stream::Schedules
        )
    }

    fn path(self) -> &'static str {
        match self {
            Stream::AccountSettings => "/api/v2/account/settings.json",
            Stream::Groups => "/api/v2/groups.json",
            Stream::Brands => "/api/v2/brands.json",
            Stream::TicketFields => "/api/v2/ticket_fields.json",
            Stream::Users => "/api/v2/incremental/users/cursor.json",
            Stream::Organizations => "/api/v2/incremental/organizations.json",
            Stream::Tickets => "/api/v2/incremental/tickets/cursor.json",
            Stream::TicketEvents => "/api/v2/incremental/ticket_events.json",
            Stream::SatisfactionRatings => "/api/v2/satisfaction_ratings.json",
            Stream::TicketMetricEvents => "/api/v2/incremental/ticket_metric_events.json",
            Stream::Articles => "/api/v2/help_center/incremental/articles.json",
            Stream::Schedules => "/api/v2/business_hours/schedules.json",
        }
    }

    /// The URL of the page at `position`. Built from the checkpoint, never from a link in
    /// a response, so resuming is exact and no request leaves the account's host.
    pub fn url(self, base: &BaseUrl, position: &Position) -> Result<Url, ZendeskError> {
        let mut url = match position {
            Position::Holidays(schedule) => base.join(&format!(
                "/api/v2/business_hours/schedules/{schedule}/holidays.json"
            ))?,
            _ => base.join(self.path())?,
        };
        {
            let mut q = url.query_pairs_mut();
            match self {
                Stream::Tickets => {
                    q.append_pair("include", "metric_sets");
                    q.append_pair("support_type_scope", "all");
                    q.append_pair("per_page", &EXPORT_PAGE.to_string());
                }
                Stream::Users | Stream::Organizations => {
                    q.append_pair("per_page", &EXPORT_PAGE.to_string());
                }
                // The comments come as child events: the public replies' times and authors
                // (zendesk-api.md §5.2).
                Stream::TicketEvents => {
                    q.append_pair("include", "comment_events");
                }
                _ => {}
            }
            match position {
                Position::StartTime(t) => {
                    q.append_pair("start_time", &t.to_string());
                }
                Position::Cursor(c) => {
                    q.append_pair("cursor", c);
                }
                Position::After(after) => {
                    q.append_pair("page[size]", &LIST_PAGE.to_string());
                    if let Some(a) = after {
                        q.append_pair("page[after]", a);
                    }
                }
                Position::Window { start_time, after }
                | Position::Drain {
                    time: start_time,
                    after,
                } => {
                    q.append_pair("start_time", &start_time.to_string());
                    q.append_pair("page[size]", &LIST_PAGE.to_string());
                    if let Some(a) = after {
                        q.append_pair("page[after]", a);
                    }
                }
                Position::Once | Position::Holidays(_) => {}
            }
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_checkpoint_and_encode_it() {
        let base = BaseUrl::parse("https://acme.zendesk.com").unwrap();
        let first = Stream::Tickets.url(&base, &Position::StartTime(0)).unwrap();
        assert_eq!(
            first.as_str(),
            "https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?include=metric_sets&support_type_scope=all&per_page=1000&start_time=0"
        );
        let next = Stream::Tickets
            .url(&base, &Position::Cursor("a+b/c=".into()))
            .unwrap();
        assert!(next.as_str().ends_with("cursor=a%2Bb%2Fc%3D"), "{next}");
        let events = Stream::TicketEvents
            .url(&base, &Position::StartTime(5))
            .unwrap();
        assert_eq!(
            events.as_str(),
            "https://acme.zendesk.com/api/v2/incremental/ticket_events.json?include=comment_events&start_time=5"
        );
        let list = Stream::Groups
            .url(&base, &Position::After(Some("xyz".into())))
            .unwrap();
        assert!(
            list.as_str()
                .ends_with("groups.json?page%5Bsize%5D=100&page%5Bafter%5D=xyz"),
            "{list}"
        );
    }

    #[test]
    fn schedules_and_their_holidays_are_read_at_their_own_paths() {
        let base = BaseUrl::parse("https://acme.zendesk.com").unwrap();
        let list = Stream::Schedules.url(&base, &Position::Once).unwrap();
        assert_eq!(list.path(), "/api/v2/business_hours/schedules.json");
        assert_eq!(list.query().unwrap_or_default(), "", "not paginated");
        let holidays = Stream::Schedules
            .url(&base, &Position::Holidays(360_001))
            .unwrap();
        assert_eq!(
            holidays.path(),
            "/api/v2/business_hours/schedules/360001/holidays.json"
        );
        assert_eq!(Position::Holidays(360_001).to_columns(), (None, None));
        assert!(
            Stream::Schedules.optional(),
            "plans without schedules answer 403"
        );
        assert_eq!(Stream::Schedules.bucket(), Bucket::Account);
    }

    #[test]
    fn a_drain_survives_the_round_trip_through_the_store() {
        for position in [
            Position::Drain {
                time: 7,
                after: None,
            },
            Position::Drain {
                time: 7,
                after: Some("c".into()),
            },
            Position::StartTime(7),
        ] {
            let (cursor, start) = position.to_columns();
            assert_eq!(
                Position::time_export(cursor.as_deref(), start.unwrap()),
                position
            );
        }
    }

    #[test]
    fn only_the_incremental_exports_share_their_budget() {
        let exports: Vec<Stream> = Stream::ALL
            .into_iter()
            .filter(|s| s.bucket() == Bucket::Incremental)
            .collect();
        assert_eq!(
            exports,
            [
                Stream::Users,
                Stream::Organizations,
                Stream::Tickets,
                Stream::TicketEvents
            ],
            "metric events and articles page under the account's limit"
        );
    }

    #[test]
    fn names_round_trip() {
        for s in Stream::ALL {
            assert_eq!(Stream::parse(s.name()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.name());
        }
    }
}
