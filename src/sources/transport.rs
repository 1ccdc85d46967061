//! What every connector's HTTP client does alike: which hosts may be reached over plain
//! http, transport errors in plain words, and the backoff between retries.

use std::net::IpAddr;
use std::time::Duration;

use rand::Rng;
use reqwest::Url;

/// Whether the URL's host is this computer (the only place plain `http://` may go).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some("localhost") => true,
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

/// A transport error in plain words, without the URL (which has no secret, but is noise).
pub(crate) fn describe(err: reqwest::Error) -> String {
    if err.is_timeout() {
        "the request timed out".into()
    } else if err.is_connect() {
        "could not connect".into()
    } else {
        let err = err.without_url();
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        text
    }
}

/// base · 2^(try−1), capped, plus up to 25% jitter so retries do not align.
pub(crate) fn backoff(base: Duration, cap: Duration, tries: u32) -> Duration {
    let exp = base.saturating_mul(1 << tries.saturating_sub(1).min(16));
    let capped = exp.min(cap);
    capped + jitter(capped / 4)
}

/// A random wait up to `max`.
pub(crate) fn jitter(max: Duration) -> Duration {
    if max.is_zero() {
        return max;
    }
    max.mul_f64(rand::thread_rng().gen::<f64>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let (base, cap) = (Duration::from_secs(1), Duration::from_secs(8));
        let first = backoff(base, cap, 1);
        assert!(first >= base && first <= Duration::from_millis(1250));
        let late = backoff(base, cap, 10);
        assert!(late >= cap && late <= Duration::from_secs(10));
    }

    #[test]
    fn only_this_computer_is_loopback() {
        for url in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
        ] {
            assert!(is_loopback(&Url::parse(url).unwrap()), "{url}");
        }
        assert!(!is_loopback(
            &Url::parse("http://support.example.com").unwrap()
        ));
    }
}
