//! Forecast speed against issue 19's budget (forecast and backtest of 18 months of
//! daily arrivals for 6 groups in < 1 s): six synthetic groups with a weekly pattern,
//! a trend and noise, fitted, forecast 4 and 12 weeks ahead and backtested; and the
//! whole command's path (counting and forecasting) on a default 20,000-ticket demo per
//! day and per hour. Run with `cargo bench --bench forecast`. One line per measurement.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use deskbench::analytics::forecast::series::{Arrivals, ArrivalsSeries};
use deskbench::analytics::forecast::{forecast, forecast_arrivals, ForecastRequest};
use deskbench::demo::DemoConfig;
use deskbench::workspace::Workspace;

/// 2026-01-01T00:00:00Z, the demo's fixed "now".
const NOW: i64 = 1_767_225_600;
const DAYS: usize = 548;

/// Median wall time of `runs` calls.
fn median_of<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn report(what: &str, took: Duration, budget: &str) {
    println!(
        "{what:<56} {:>10.1} ms   (budget {budget})",
        took.as_secs_f64() * 1000.0
    );
}

/// Six groups of 18 months of days: weekdays busier than weekends, a slow trend, noise.
fn six_groups() -> Arrivals {
    let mut rng = ChaCha8Rng::seed_from_u64(19);
    let week = [1.2, 1.1, 1.0, 1.0, 0.9, 0.4, 0.3];
    let series = (0..6)
        .map(|g| {
            let base = 20.0 + 15.0 * f64::from(g);
            let counts = (0..DAYS)
                .map(|d| {
                    let trend = 1.0 + 0.3 * d as f64 / DAYS as f64;
                    let mean = base * week[d % 7] * trend;
                    (mean + rng.gen_range(-1.0..1.0) * mean.sqrt() * 1.7)
                        .max(0.0)
                        .round()
                })
                .collect();
            ArrivalsSeries {
                key: Some(g.to_string()),
                label: format!("Group {g}"),
                counts,
            }
        })
        .collect();
    Arrivals {
        first_day: NaiveDate::from_ymd_opt(2024, 7, 1).expect("a date"),
        series,
    }
}

fn main() -> anyhow::Result<()> {
    let arrivals = six_groups();
    let until = arrivals.first_day + chrono::Days::new(DAYS as u64 - 1);
    for weeks in [4, 12] {
        let request = ForecastRequest {
            horizon_weeks: Some(weeks),
            until: Some(until.to_string()),
            ..ForecastRequest::default()
        };
        let query = request.resolve(until + chrono::Days::new(1), chrono_tz::UTC)?;
        let took = median_of(5, || {
            forecast_arrivals(&arrivals, &query).expect("a forecast")
        });
        let what = format!("6 groups × 18 months daily, {weeks} weeks + backtest");
        report(&what, took, "< 1 s");
    }

    let dir = tempfile::tempdir()?;
    let config = DemoConfig {
        now: NOW,
        ..DemoConfig::default()
    };
    Workspace::create_demo(dir.path(), &config, &mut |_| {})?;
    let frame = Workspace::open(dir.path())?.frame()?.frame;
    for (granularity, by) in [("day", Some("group")), ("hour", None)] {
        let request = ForecastRequest {
            granularity: Some(granularity.to_owned()),
            by: by.map(str::to_owned),
            until: Some("2025-12-31".to_owned()),
            ..ForecastRequest::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        let query = request.resolve(today, chrono_tz::UTC)?;
        let took = median_of(5, || forecast(&frame, &query).expect("a forecast"));
        let split = by.map_or("all tickets".to_owned(), |by| format!("by {by}"));
        let what = format!("demo 20,000 tickets, per {granularity}, {split}, 4 weeks");
        report(&what, took, "—");
    }
    Ok(())
}
