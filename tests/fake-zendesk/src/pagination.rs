//! Query parsing, cursor codecs and page selection for the three pagination styles of
//! the real API (§7.4): incremental cursor (`after_cursor`/`end_of_stream`), incremental
//! time-based (`end_time`/`next_page`, with duplicates at page boundaries) and list
//! cursor pagination (`page[size]`/`page[after]`, `meta`/`links`). All selections are
//! binary searches over vectors sorted by position.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Decoded query string (`+` and `%XX` decoded as Rails does).
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub(crate) fn parse(query: Option<&str>) -> Query {
        Query(
            form_urlencoded::parse(query.unwrap_or("").as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// Last value of `key` (later parameters win, like Rails).
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// Percent-encodes one query value (cursors are standard base64: `+`, `/`, `=`).
pub(crate) fn enc(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Incremental export cursor: opaque base64 of the position `(timestamp, id)`, in the
/// same textual form as real cursors (`1576613539.0||467|`).
pub(crate) fn encode_cursor((ts, id): (i64, i64)) -> String {
    STANDARD.encode(format!("{ts}.0||{id}|"))
}

pub(crate) fn decode_cursor(cursor: &str) -> Option<(i64, i64)> {
    let raw = String::from_utf8(STANDARD.decode(cursor).ok()?).ok()?;
    let (ts, rest) = raw.split_once(".0||")?;
    let id = rest.strip_suffix('|')?;
    Some((ts.parse().ok()?, id.parse().ok()?))
}

/// List (CBP) cursor: base64 of a small JSON naming the sort key, like Zendesk's.
pub(crate) fn encode_list_cursor(key: (i64, i64)) -> String {
    STANDARD.encode(format!("{{\"o\":\"id\",\"v\":\"{}.{}\"}}", key.0, key.1))
}

pub(crate) fn decode_list_cursor(cursor: &str) -> Option<(i64, i64)> {
    let raw = String::from_utf8(STANDARD.decode(cursor).ok()?).ok()?;
    let v = raw
        .strip_prefix("{\"o\":\"id\",\"v\":\"")?
        .strip_suffix("\"}")?;
    let (a, b) = v.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// One page of an incremental cursor export.
pub(crate) struct CursorPage<'a, T> {
    pub items: Vec<&'a T>,
    /// Position of the last item scanned (served or skipped); the next cursor.
    pub last: (i64, i64),
    /// Nothing is left after `last`.
    pub end: bool,
}

/// Items strictly after `after`, skipping those `keep` rejects, at most `limit` served.
pub(crate) fn cursor_page<'a, T>(
    items: &'a [T],
    key: impl Fn(&T) -> (i64, i64),
    after: (i64, i64),
    limit: usize,
    keep: impl Fn(&T) -> bool,
) -> CursorPage<'a, T> {
    let mut i = items.partition_point(|x| key(x) <= after);
    let mut page = CursorPage {
        items: Vec::with_capacity(limit.min(items.len() - i)),
        last: after,
        end: false,
    };
    while i < items.len() && page.items.len() < limit {
        let item = &items[i];
        page.last = key(item);
        if keep(item) {
            page.items.push(item);
        }
        i += 1;
    }
    page.end = i == items.len();
    page
}

/// Time-based export page: items with timestamp `>= start_time`, at most `limit`.
/// The caller sets `end_time` to the last item's timestamp, so items sharing it are
/// served again on the next page, as Zendesk does.
pub(crate) fn time_page<T>(
    items: &[T],
    key: impl Fn(&T) -> (i64, i64),
    start_time: i64,
    limit: usize,
) -> (&[T], bool) {
    let start = items.partition_point(|x| key(x).0 < start_time);
    let end = start.saturating_add(limit).min(items.len());
    (&items[start..end], end == items.len())
}

/// Direction of a list (CBP) request.
#[derive(Clone, Copy)]
pub(crate) enum ListFrom {
    Start,
    After((i64, i64)),
    Before((i64, i64)),
}

/// A CBP page over items sorted by `key`: the page and whether more exist in the
/// requested direction.
pub(crate) fn list_page<T>(
    items: &[T],
    key: impl Fn(&T) -> (i64, i64),
    from: ListFrom,
    limit: usize,
) -> (&[T], bool) {
    match from {
        ListFrom::Start => {
            let end = limit.min(items.len());
            (&items[..end], end < items.len())
        }
        ListFrom::After(k) => {
            let start = items.partition_point(|x| key(x) <= k);
            let end = start.saturating_add(limit).min(items.len());
            (&items[start..end], end < items.len())
        }
        ListFrom::Before(k) => {
            let end = items.partition_point(|x| key(x) < k);
            let start = end.saturating_sub(limit);
            (&items[start..end], start > 0)
        }
    }
}

#[cfg(test)]
mod fake_zendesk_pagination_tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_look_real() {
        assert_eq!(
            encode_cursor((1_576_613_539, 467)),
            "MTU3NjYxMzUzOS4wfHw0Njd8"
        );
        assert_eq!(
            decode_cursor("MTU3NjYxMzUzOS4wfHw0Njd8"),
            Some((1_576_613_539, 467))
        );
        assert_eq!(decode_cursor("garbage"), None);
        let c = encode_list_cursor((5, 360_000_100_003));
        assert_eq!(decode_list_cursor(&c), Some((5, 360_000_100_003)));
    }

    #[test]
    fn query_decodes_brackets_and_plus() {
        let q = Query::parse(Some("page%5Bsize%5D=2&page[after]=ab%2Bc%3D&x=a+b&x=c"));
        assert_eq!(q.get("page[size]"), Some("2"));
        assert_eq!(q.get("page[after]"), Some("ab+c="));
        assert_eq!(q.get("x"), Some("c"));
        assert_eq!(enc("ab+c/="), "ab%2Bc%2F%3D");
    }

    #[test]
    fn time_pages_repeat_the_boundary() {
        let items = [(10, 1), (20, 2), (20, 3), (30, 4)];
        let (page, end) = time_page(&items, |x| *x, 0, 2);
        assert_eq!((page, end), (&items[0..2], false));
        let (page, end) = time_page(&items, |x| *x, 20, 2);
        assert_eq!((page, end), (&items[1..3], false));
        let (page, end) = time_page(&items, |x| *x, 20, 5);
        assert_eq!((page, end), (&items[1..4], true));
    }

    #[test]
    fn cursor_pages_skip_and_end() {
        let items = [(10, 1), (20, 2), (20, 3), (30, 4)];
        let page = cursor_page(&items, |x| *x, (10, 0), 2, |x| x.1 != 2);
        assert_eq!(page.items, vec![&(10, 1), &(20, 3)]);
        assert_eq!((page.last, page.end), ((20, 3), false));
        let page = cursor_page(&items, |x| *x, page.last, 2, |_| true);
        assert_eq!((page.items.len(), page.last, page.end), (1, (30, 4), true));
        let page = cursor_page(&items, |x| *x, (30, 4), 2, |_| true);
        assert_eq!((page.items.len(), page.last, page.end), (0, (30, 4), true));
    }
}
