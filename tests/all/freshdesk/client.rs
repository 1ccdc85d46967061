//! Each fault of the fake, and how the client answers it.

use std::time::Duration;

use fake_freshdesk::{FakeFreshdesk, Faults};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::sync::CancellationToken;

use super::*;

#[tokio::test]
async fn a_list_is_read_page_by_page_until_its_last_row() {
    let fake = FakeFreshdesk::start(small()).await;
    let client = client(&fake, fast_options());
    let (ids, waits) = walk(
        &client,
        &format!("{TICKETS}&per_page=100"),
        Cost::tickets_list(1),
    )
    .await
    .unwrap();
    assert_eq!(ids, live_ids(&fake), "every live ticket once, in order");
    assert!(waits.is_empty(), "{waits:?}");
    let log = fake.log();
    assert_eq!(
        log.len(),
        ids.len().div_ceil(100),
        "no request past the last page"
    );
    assert!(log.iter().all(|r| r.status == 200 && r.credits == 3));
}

#[tokio::test]
async fn one_object_is_read_whole() {
    let fake = FakeFreshdesk::start(small()).await;
    let client = client(&fake, fast_options());
    let cancel = CancellationToken::new();
    let (calendars, _) = walk(&client, "business_hours", Cost::CALL).await.unwrap();
    let url = client
        .base()
        .join(&format!("business_hours/{}", calendars[0]))
        .unwrap();
    let calendar: Value = client.get(&url, &cancel, &mut |_| {}).await.unwrap();
    assert_eq!(calendar["is_default"], true);
    assert_eq!(
        calendar["holiday_list"][0],
        serde_json::json!(["Jan 01", "New Year's Day"])
    );
}

#[tokio::test]
async fn a_wrong_key_stops_with_where_to_find_the_right_one() {
    let fake = FakeFreshdesk::start(small()).await;
    let client = client_with_key(&fake, "wrong", fast_options());
    let err = walk(&client, "agents", Cost::CALL).await.unwrap_err();
    assert!(matches!(err, FreshdeskError::Unauthorized), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the API key was refused: check it under Profile settings → Your API Key"
    );
    assert_eq!(fake.log().len(), 1, "not retried");
}

#[tokio::test]
async fn transient_faults_are_retried_until_the_list_is_whole() {
    let fake = FakeFreshdesk::start(small()).await;
    let options = ClientOptions {
        timeout: Duration::from_millis(500),
        ..fast_options()
    };
    let client = client(&fake, options);
    let faults = [
        Faults {
            server_error_every: Some(2),
            ..Faults::default()
        },
        Faults {
            cut_every: Some(2),
            ..Faults::default()
        },
        Faults {
            truncate_every: Some(2),
            ..Faults::default()
        },
        Faults {
            timeout_every: Some(2),
            slow: Duration::from_secs(2),
            ..Faults::default()
        },
    ];
    for fault in faults {
        fake.set_faults(fault.clone());
        let (ids, waits) = walk(
            &client,
            &format!("{TICKETS}&per_page=50"),
            Cost::tickets_list(1),
        )
        .await
        .unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert_eq!(ids, live_ids(&fake), "{fault:?}");
        assert!(
            waits.iter().any(|w| matches!(w, Wait::Retrying { .. })),
            "{fault:?} was retried: {waits:?}"
        );
    }
}

#[tokio::test]
async fn a_429_waits_its_retry_after() {
    let fake = FakeFreshdesk::start(small()).await;
    fake.set_faults(Faults {
        rate_limit_burst: Some(1..3),
        retry_after: Some("1".into()),
        ..Faults::default()
    });
    let client = client(&fake, fast_options());
    let (ids, waits) = walk(&client, "agents", Cost::CALL).await.unwrap();
    assert!(!ids.is_empty());
    let rate_waits: Vec<Duration> = waits
        .iter()
        .filter_map(|w| match w {
            Wait::RateLimited(d) => Some(*d),
            _ => None,
        })
        .collect();
    assert_eq!(rate_waits.len(), 2, "{waits:?}");
    assert!(
        rate_waits.iter().all(|d| *d >= Duration::from_secs(1)),
        "{rate_waits:?}"
    );
    let statuses: Vec<u16> = fake.log().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 429, 200]);
}

#[tokio::test]
async fn a_long_retry_after_is_reported_and_can_be_cancelled() {
    let fake = FakeFreshdesk::start(small()).await;
    fake.set_faults(Faults {
        rate_limit_every: Some(1),
        retry_after: Some("3000".into()),
        ..Faults::default()
    });
    let client = client(&fake, fast_options());
    let cancel = CancellationToken::new();
    let mut reported = None;
    let url = client.base().join("agents").unwrap();
    let err = client
        .get_page::<Value>(&url, Cost::CALL, &cancel, &mut |w| {
            if let Wait::RateLimited(d) = w {
                reported = Some(d);
                cancel.cancel();
            }
        })
        .await
        .unwrap_err();
    assert!(matches!(err, FreshdeskError::Cancelled), "{err:?}");
    assert!(
        reported.is_some_and(|d| d >= Duration::from_secs(3_000)),
        "{reported:?}"
    );

    fake.set_faults(Faults {
        rate_limit_every: Some(1),
        retry_after: Some("1e20".into()),
        ..Faults::default()
    });
    let err = walk(&client, "agents", Cost::CALL).await.unwrap_err();
    assert!(matches!(err, FreshdeskError::WaitTooLong { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("Freshdesk asked to wait more than a year"),
        "{err}"
    );
}

#[tokio::test]
async fn access_denied_is_retried_before_it_counts() {
    let fake = FakeFreshdesk::start(small()).await;
    let client = client(&fake, fast_options());
    fake.set_faults(Faults {
        access_denied_every: Some(2),
        ..Faults::default()
    });
    walk(&client, "groups", Cost::CALL).await.unwrap();
    let (ids, _) = walk(&client, "groups", Cost::CALL).await.unwrap();
    assert!(
        !ids.is_empty(),
        "the second request was denied once, then answered"
    );

    fake.set_faults(Faults {
        access_denied_every: Some(1),
        ..Faults::default()
    });
    fake.reset_stats();
    let err = walk(&client, "groups", Cost::CALL).await.unwrap_err();
    assert!(
        matches!(err, FreshdeskError::AccessDenied { .. }),
        "{err:?}"
    );
    assert_eq!(fake.log().len(), 3, "three tries");
}

#[tokio::test]
async fn refusals_that_retrying_cannot_fix_stop_at_once() {
    let fake = FakeFreshdesk::start(small()).await;
    let client = client(&fake, fast_options());
    fake.set_faults(Faults {
        require_feature: vec!["satisfaction_ratings".into()],
        ..Faults::default()
    });
    let err = walk(&client, "surveys/satisfaction_ratings", Cost::CALL)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FreshdeskError::FeatureUnavailable { .. }),
        "{err:?}"
    );
    let err = walk(
        &client,
        &format!("{TICKETS}&page=301"),
        Cost::tickets_list(1),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, FreshdeskError::PageCeiling { .. }), "{err:?}");
    let err = walk(&client, "tickets/999999/conversations", Cost::CALL)
        .await
        .unwrap_err();
    assert!(matches!(err, FreshdeskError::NotFound { .. }), "{err:?}");
    assert_eq!(fake.log().len(), 3, "one request each");
}

#[tokio::test]
async fn the_key_goes_to_the_accounts_host_only() {
    let fake = FakeFreshdesk::start(small()).await;
    let client = client(&fake, fast_options());
    let cancel = CancellationToken::new();
    let foreign = reqwest::Url::parse("http://127.0.0.2:9/api/v2/tickets").unwrap();
    let err = client
        .get_json(&foreign, Cost::CALL, &cancel, &mut |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, FreshdeskError::ForeignHost(_)), "{err:?}");
    assert!(fake.log().is_empty());

    // A server that redirects: an error naming the address to check, never followed.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = socket.read(&mut buf).await;
        let answer = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://login.example.com/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        socket.write_all(answer.as_bytes()).await.unwrap();
    });
    let redirecting = Client::new(
        BaseUrl::parse(&format!("http://{addr}")).unwrap(),
        &ApiKey::new("k"),
        fast_options(),
    )
    .unwrap();
    let err = walk(&redirecting, "agents", Cost::CALL).await.unwrap_err();
    assert!(matches!(err, FreshdeskError::Redirect { .. }), "{err:?}");
    assert!(
        err.to_string().contains("https://login.example.com/"),
        "{err}"
    );
    server.await.unwrap();
}
