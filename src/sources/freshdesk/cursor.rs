//! Where a tickets list resumes: keyset paging on `updated_at` (`freshdesk-api.md` §3,
//! §10). Offset pages shift when a ticket is updated during paging and stop at page 300;
//! re-anchoring on the last row's `updated_at` after every page avoids both.

/// The three lists that together hold every ticket, each with its own cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketFilter {
    /// Neither spam nor deleted.
    Default,
    Spam,
    /// In the trash, spam or not.
    Deleted,
}

impl TicketFilter {
    pub const ALL: [TicketFilter; 3] = [
        TicketFilter::Default,
        TicketFilter::Spam,
        TicketFilter::Deleted,
    ];

    /// The stream's name in the sync log.
    pub fn stream(self) -> &'static str {
        match self {
            TicketFilter::Default => "tickets",
            TicketFilter::Spam => "spam_tickets",
            TicketFilter::Deleted => "deleted_tickets",
        }
    }

    /// The list's `filter` parameter.
    pub fn query(self) -> Option<&'static str> {
        match self {
            TicketFilter::Default => None,
            TicketFilter::Spam => Some("spam"),
            TicketFilter::Deleted => Some("deleted"),
        }
    }
}

/// How far before the newest change seen the next run starts, so a ticket written in the
/// same seconds as the last one read is not missed.
pub const OVERLAP: i64 = 120;

/// `updated_since = anchor` and the page under it. Saved as `sync_state.start_time`
/// (anchor) and `sync_state.cursor` (page, when past the first) with the page it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketCursor {
    pub anchor: i64,
    pub page: u32,
}

impl TicketCursor {
    pub fn start(anchor: i64) -> TicketCursor {
        TicketCursor { anchor, page: 1 }
    }

    /// The stored cursor, or `start` when there is none; an unreadable page is page 1.
    pub fn from_columns(cursor: Option<&str>, start_time: Option<i64>, start: i64) -> TicketCursor {
        TicketCursor {
            anchor: start_time.unwrap_or(start),
            page: cursor.and_then(|c| c.parse().ok()).unwrap_or(1).max(1),
        }
    }

    pub fn to_columns(self) -> (Option<String>, Option<i64>) {
        let page = (self.page > 1).then(|| self.page.to_string());
        (page, Some(self.anchor))
    }

    /// Where the list goes on after a page whose rows had these `updated_at`s, in order.
    /// Only a page that is one second throughout keeps its anchor (the next page of the
    /// same second); any other re-anchors on its last row at page 1, which re-reads that
    /// second's rows (de-duplicated by id) and never needs page 301.
    pub fn after_page(self, updated: &[i64]) -> TicketCursor {
        match (updated.first(), updated.last()) {
            (Some(first), Some(&last)) if *first != last && last > self.anchor => {
                TicketCursor::start(last)
            }
            _ => TicketCursor {
                anchor: self.anchor,
                page: self.page.saturating_add(1),
            },
        }
    }

    /// Where the next run starts once the list has ended: a little before the newest
    /// change seen, never before this anchor, and never past the server's `now` (a ticket
    /// dated in the future would otherwise hide every later change).
    pub fn next_run(self, newest: Option<i64>, now: i64) -> TicketCursor {
        let newest = newest.map_or(self.anchor, |t| t.max(self.anchor)).min(now);
        TicketCursor::start(newest.saturating_sub(OVERLAP).max(self.anchor.min(now)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mixed_page_re_anchors_on_its_last_row() {
        let c = TicketCursor {
            anchor: 10,
            page: 3,
        };
        assert_eq!(c.after_page(&[10, 11, 15]), TicketCursor::start(15));
    }

    #[test]
    fn a_page_of_one_second_keeps_its_anchor_and_turns_the_page() {
        let c = TicketCursor::start(10);
        assert_eq!(
            c.after_page(&[12, 12, 12]),
            TicketCursor {
                anchor: 10,
                page: 2
            }
        );
        assert_eq!(
            c.after_page(&[]),
            TicketCursor {
                anchor: 10,
                page: 2
            },
            "an empty page followed by another never loops"
        );
    }

    #[test]
    fn the_next_run_overlaps_the_newest_change_and_stays_before_now() {
        let c = TicketCursor::start(1_000);
        assert_eq!(c.next_run(Some(5_000), 9_000), TicketCursor::start(4_880));
        assert_eq!(c.next_run(None, 9_000), TicketCursor::start(1_000));
        assert_eq!(
            c.next_run(Some(4_070_908_800), 9_000),
            TicketCursor::start(8_880),
            "a change dated in the future counts as now"
        );
        assert_eq!(
            c.next_run(Some(1_010), 9_000),
            TicketCursor::start(1_000),
            "never before the anchor"
        );
    }

    #[test]
    fn a_cursor_survives_the_round_trip_through_the_store() {
        for c in [TicketCursor::start(7), TicketCursor { anchor: 7, page: 4 }] {
            let (cursor, start) = c.to_columns();
            assert_eq!(TicketCursor::from_columns(cursor.as_deref(), start, 0), c);
        }
        assert_eq!(
            TicketCursor::from_columns(Some("x"), None, 5),
            TicketCursor::start(5)
        );
    }
}
