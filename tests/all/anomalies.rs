//! "What changed" over a hand-made helpdesk: ten weeks of tickets with quiet weekends,
//! one day with three times its usual volume, and Christmas-like quiet on another.

use deskbench::analytics::anomalies::report::{anomalies, Measure};
use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::{Frame, KpiRequest};
use deskbench::store::records::TicketStatus;

use crate::fixtures::{range, ticket, Helpdesk};

/// Tickets a day from 2025-01-06 (a Monday) for ten weeks: 24 to 36 on weekdays, 6 to 12
/// on weekend days, with a spike on 2025-03-04 and a quiet 2025-03-06.
fn helpdesk() -> Helpdesk {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    let mut tickets = Vec::new();
    let mut seed = 11u64;
    let mut noise = |spread: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % spread
    };
    for day in 0..70u64 {
        let date = start + chrono::Days::new(day);
        let weekday = day % 7 < 5;
        let count = match date.format("%Y-%m-%d").to_string().as_str() {
            "2025-03-04" => 95,
            "2025-03-06" => 6,
            _ if weekday => 24 + noise(13),
            _ => 6 + noise(7),
        };
        for i in 0..count {
            let at = format!("{}T{:02}:00:00Z", date.format("%Y-%m-%d"), 8 + i % 10);
            tickets.push(ticket(tickets.len() as i64 + 1, &at, TicketStatus::Open));
        }
    }
    Helpdesk::new().tickets(&tickets)
}

fn run(
    desk: &Helpdesk,
    request: KpiRequest,
) -> deskbench::analytics::anomalies::report::AnomalyReport {
    let frame = Frame::build(&desk.store).expect("frame builds");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let query = request
        .resolve(today, chrono_tz::Tz::UTC)
        .expect("valid query");
    anomalies(&frame, &query).expect("report runs")
}

#[test]
fn the_spike_and_the_quiet_day_are_found_and_weekends_are_not() {
    let report = run(
        &helpdesk(),
        KpiRequest {
            kpis: vec!["tickets_created".to_owned()],
            ..range("2025-02-24", "2025-03-16")
        },
    );
    let mut found: Vec<(&str, f64)> = (report.anomalies.iter())
        .map(|a| (a.period.as_str(), a.value))
        .collect();
    found.sort_by(|a, b| a.0.cmp(b.0));
    assert_eq!(found, [("2025-03-04", 95.0), ("2025-03-06", 6.0)]);
    let spike = report
        .anomalies
        .iter()
        .find(|a| a.value == 95.0)
        .expect("found");
    assert_eq!(
        (spike.kpi, spike.measure),
        (KpiId::TicketsCreated, Measure::Count)
    );
    assert!(
        (25.0..35.0).contains(&spike.expected),
        "a weekday: {}",
        spike.expected
    );
    assert!(spike.score > 0.0);
    assert!(report
        .anomalies
        .iter()
        .all(|a| (a.value == 95.0) == (a.score > 0.0)));
    assert_eq!(
        report.fitted_from, "2024-12-30",
        "eight weeks of history before"
    );
}

#[test]
fn series_too_short_or_too_small_are_named_not_judged() {
    let short = run(
        &helpdesk(),
        KpiRequest {
            kpis: vec!["tickets_created".to_owned()],
            ..range("2025-01-06", "2025-01-20")
        },
    );
    assert!(short.anomalies.is_empty());
    assert_eq!(short.not_scored.len(), 1);
    let quiet = run(
        &helpdesk(),
        KpiRequest {
            kpis: vec!["tickets_created".to_owned()],
            every: Some("week".to_owned()),
            ..range("2025-03-01", "2025-03-16")
        },
    );
    assert!(
        quiet.not_scored[0].reason.contains("too short"),
        "{:?}",
        quiet.not_scored
    );
}

#[test]
fn months_are_refused() {
    let frame = Frame::build(&helpdesk().store).expect("frame builds");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let query = KpiRequest {
        every: Some("month".to_owned()),
        ..range("2025-01-06", "2025-03-16")
    }
    .resolve(today, chrono_tz::Tz::UTC)
    .expect("valid query");
    assert!(anomalies(&frame, &query).is_err());
}
