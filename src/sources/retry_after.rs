//! The server's sense of time in its answers: `Retry-After` (seconds or an HTTP date) read
//! without trusting it, and the `Date` header. Any value gives an answer, never a panic:
//! unreadable ones fall back to a minute, absurd ones are reported as too long to wait.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, DATE, RETRY_AFTER};

/// When `Retry-After` is missing or unreadable, as Zendesk's own clients assume.
const FALLBACK: Duration = Duration::from_secs(60);

/// What a 429's `Retry-After` asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RetryAfter {
    Wait(Duration),
    /// More than the client is willing to wait (seconds; may be infinite).
    TooLong(f64),
}

/// Reads `Retry-After`; waits above `cap` are `TooLong`. An HTTP date is measured from
/// the answer's `Date` (else the local clock), and one in the past means at once.
pub fn retry_after(headers: &HeaderMap, cap: Duration) -> RetryAfter {
    let Some(value) = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()) else {
        return RetryAfter::Wait(FALLBACK);
    };
    let value = value.trim();
    let seconds = match value.parse::<f64>() {
        Ok(s) => s,
        Err(_) => match httpdate::parse_http_date(value) {
            Ok(at) => {
                let now = server_time(headers).unwrap_or_else(SystemTime::now);
                at.duration_since(now).map_or(0.0, |d| d.as_secs_f64())
            }
            Err(_) => return RetryAfter::Wait(FALLBACK),
        },
    };
    if seconds.is_nan() || seconds < 0.0 {
        RetryAfter::Wait(FALLBACK)
    } else if seconds > cap.as_secs_f64() {
        RetryAfter::TooLong(seconds)
    } else {
        // Finite and at most the cap here, so this cannot overflow.
        RetryAfter::Wait(Duration::from_secs_f64(seconds))
    }
}

/// The answer's `Date` header.
pub fn server_time(headers: &HeaderMap) -> Option<SystemTime> {
    let value = headers.get(DATE)?.to_str().ok()?;
    httpdate::parse_http_date(value.trim()).ok()
}

/// The answer's `Date` in unix seconds.
pub fn server_now(headers: &HeaderMap) -> Option<i64> {
    let since_epoch = server_time(headers)?.duration_since(UNIX_EPOCH).ok()?;
    i64::try_from(since_epoch.as_secs()).ok()
}

/// A wait in words for an error message: "45 minutes", "27 hours", "3 days".
pub fn spoken(seconds: f64) -> String {
    const HOUR: f64 = 3600.0;
    const DAY: f64 = 24.0 * HOUR;
    match seconds {
        s if s < 2.0 * HOUR => format!("{} minutes", (s / 60.0).round()),
        s if s < 2.0 * DAY => format!("{} hours", (s / HOUR).round()),
        s if s < 365.0 * DAY => format!("{} days", (s / DAY).round()),
        _ => "more than a year".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    const CAP: Duration = Duration::from_secs(15 * 60);

    fn read(retry_after: &str, date: Option<&str>) -> RetryAfter {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
        if let Some(date) = date {
            headers.insert(DATE, HeaderValue::from_str(date).unwrap());
        }
        super::retry_after(&headers, CAP)
    }

    #[test]
    fn seconds_are_waited_up_to_the_cap() {
        assert_eq!(read("7", None), RetryAfter::Wait(Duration::from_secs(7)));
        assert_eq!(
            read(" 1.5 ", None),
            RetryAfter::Wait(Duration::from_millis(1500))
        );
        assert_eq!(read("0", None), RetryAfter::Wait(Duration::ZERO));
        assert_eq!(read("900", None), RetryAfter::Wait(CAP));
        assert_eq!(read("901", None), RetryAfter::TooLong(901.0));
    }

    #[test]
    fn absurd_values_never_panic() {
        assert_eq!(read("1e20", None), RetryAfter::TooLong(1e20));
        assert_eq!(read("inf", None), RetryAfter::TooLong(f64::INFINITY));
        assert!(matches!(
            read("99999999999999999999999999999", None),
            RetryAfter::TooLong(_)
        ));
        for unreadable in ["NaN", "-5", "-inf", "soon", ""] {
            assert_eq!(
                read(unreadable, None),
                RetryAfter::Wait(FALLBACK),
                "{unreadable:?} falls back to a minute"
            );
        }
        assert_eq!(
            super::retry_after(&HeaderMap::new(), CAP),
            RetryAfter::Wait(FALLBACK)
        );
    }

    #[test]
    fn an_http_date_counts_from_the_servers_date() {
        let date = Some("Wed, 21 Oct 2026 07:28:00 GMT");
        assert_eq!(
            read("Wed, 21 Oct 2026 07:28:30 GMT", date),
            RetryAfter::Wait(Duration::from_secs(30))
        );
        assert_eq!(
            read("Wed, 21 Oct 2026 07:00:00 GMT", date),
            RetryAfter::Wait(Duration::ZERO),
            "a date in the past means at once"
        );
        assert_eq!(
            read("Thu, 22 Oct 2026 10:28:00 GMT", date),
            RetryAfter::TooLong(27.0 * 3600.0)
        );
    }

    #[test]
    fn the_date_header_gives_the_servers_now() {
        let mut headers = HeaderMap::new();
        assert_eq!(server_now(&headers), None);
        headers.insert(
            DATE,
            HeaderValue::from_static("Thu, 01 Jan 1970 00:01:40 GMT"),
        );
        assert_eq!(server_now(&headers), Some(100));
        headers.insert(DATE, HeaderValue::from_static("yesterday"));
        assert_eq!(server_now(&headers), None);
    }

    #[test]
    fn waits_are_spoken_in_the_largest_sensible_unit() {
        assert_eq!(spoken(1800.0), "30 minutes");
        assert_eq!(spoken(27.0 * 3600.0), "27 hours");
        assert_eq!(spoken(3.0 * 86_400.0), "3 days");
        assert_eq!(spoken(1e20), "more than a year");
        assert_eq!(spoken(f64::INFINITY), "more than a year");
    }
}
