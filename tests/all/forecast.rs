//! The arrivals forecast: day and hour buckets across DST changes, its accuracy and
//! intervals on synthetic series whose weekly pattern is known, and the history it
//! refuses or cannot backtest.

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use deskbench::analytics::forecast::model;
use deskbench::analytics::forecast::series::{arrivals, Arrivals, ArrivalsSeries, Scope};
use deskbench::analytics::forecast::{
    forecast, forecast_arrivals, ForecastQuery, ForecastRequest, Granularity,
};
use deskbench::analytics::frame::dimension::Dimension;
use deskbench::analytics::query::filter::Filters;
use deskbench::analytics::Frame;
use deskbench::store::records::TicketStatus;

use crate::fixtures::{ticket, Helpdesk};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

/// Tickets created at these UTC times, with ids from 1.
fn frame_of(times: &[&str]) -> Frame {
    let tickets: Vec<_> = times
        .iter()
        .enumerate()
        .map(|(i, t)| ticket(i as i64 + 1, t, TicketStatus::Open))
        .collect();
    Frame::build(&Helpdesk::new().tickets(&tickets).store).expect("the frame builds")
}

fn berlin_arrivals(frame: &Frame, granularity: Granularity, until: &str) -> Arrivals {
    let scope = Scope {
        granularity,
        by: None,
        filters: &Filters::default(),
        until: date(until),
        tz: chrono_tz::Europe::Berlin,
    };
    arrivals(frame, scope)
        .expect("counted")
        .expect("tickets in scope")
}

#[test]
fn days_follow_the_zone_across_a_23_and_a_25_hour_day() {
    let frame = frame_of(&[
        // 29 March 23:59 CET, the day before the spring change.
        "2025-03-29T22:59:00Z",
        // 30 March (23 hours: 23:00Z on the 29th to 22:00Z on the 30th).
        "2025-03-29T23:30:00Z",
        "2025-03-30T21:59:00Z",
        // 31 March 00:00 CEST.
        "2025-03-30T22:00:00Z",
        // 25 October 23:59 CEST.
        "2025-10-25T21:59:00Z",
        // 26 October (25 hours: 22:00Z on the 25th to 23:00Z on the 26th).
        "2025-10-25T22:00:00Z",
        "2025-10-26T22:59:00Z",
        // 27 October 00:00 CET.
        "2025-10-26T23:00:00Z",
    ]);
    let days = berlin_arrivals(&frame, Granularity::Day, "2025-10-31");
    assert_eq!(days.first_day, date("2025-03-29"));
    let on = |d: &str| days.series[0].counts[(date(d) - days.first_day).num_days() as usize];
    let counted = ["2025-03-29", "2025-03-30", "2025-03-31"].map(on);
    assert_eq!(
        counted,
        [1.0, 2.0, 1.0],
        "the 23-hour day holds both of its tickets"
    );
    let counted = ["2025-10-25", "2025-10-26", "2025-10-27"].map(on);
    assert_eq!(
        counted,
        [1.0, 2.0, 1.0],
        "the 25-hour day holds its last hour too"
    );
    assert_eq!(days.series[0].counts.len(), 217, "29 March to 31 October");
}

#[test]
fn hours_are_wall_clock_hours_across_dst_changes() {
    let frame = frame_of(&[
        // 30 March 03:30 CEST, just after the skipped 02:00 hour.
        "2025-03-30T01:30:00Z",
        // 26 October 02:30 CEST and 02:30 CET: the repeated hour.
        "2025-10-26T00:30:00Z",
        "2025-10-26T01:30:00Z",
    ]);
    let hours = berlin_arrivals(&frame, Granularity::Hour, "2025-10-31");
    let counts = &hours.series[0].counts;
    let at =
        |d: &str, hour: usize| counts[(date(d) - hours.first_day).num_days() as usize * 24 + hour];
    assert_eq!((at("2025-03-30", 2), at("2025-03-30", 3)), (0.0, 1.0));
    assert_eq!(at("2025-10-26", 2), 2.0, "both 02:30s in the repeated hour");
    assert_eq!(
        counts.len(),
        216 * 24,
        "30 March to 31 October, 24 slots a day"
    );
}

#[test]
fn series_split_by_channel_and_keep_to_the_filters() {
    let mut web = ticket(3, "2025-03-02T10:00:00Z", TicketStatus::Open);
    web.channel = Some("web".to_owned());
    let tickets = [
        ticket(1, "2025-03-01T10:00:00Z", TicketStatus::Open),
        ticket(2, "2025-03-03T10:00:00Z", TicketStatus::Solved),
        web,
    ];
    let frame = Frame::build(&Helpdesk::new().tickets(&tickets).store).expect("a frame");
    let scope = |filters| Scope {
        granularity: Granularity::Day,
        by: Some(Dimension::Channel),
        filters,
        until: date("2025-03-03"),
        tz: chrono_tz::UTC,
    };
    let (none, web_only) = (
        Filters::default(),
        Filters::parse(&["channel=web"]).unwrap(),
    );
    let all = arrivals(&frame, scope(&none)).unwrap().unwrap();
    let split: Vec<_> = all
        .series
        .iter()
        .map(|s| (s.key.as_deref(), s.label.as_str(), s.counts.clone()))
        .collect();
    assert_eq!(
        split,
        [
            (Some("email"), "Email", vec![1.0, 0.0, 1.0]),
            (Some("web"), "Web form", vec![0.0, 1.0, 0.0]),
        ],
        "the busiest first, every series over the same days"
    );
    let web = arrivals(&frame, scope(&web_only)).unwrap().unwrap();
    assert_eq!(
        web.first_day,
        date("2025-03-02"),
        "history starts with the scope's first"
    );
    assert_eq!(web.series.len(), 1);
}

/// A Poisson draw by Knuth's method (means here stay far below where it underflows).
fn poisson(rng: &mut ChaCha8Rng, mean: f64) -> f64 {
    let limit = (-mean).exp();
    let (mut k, mut p) = (0.0, 1.0);
    loop {
        p *= rng.gen::<f64>();
        if p <= limit {
            return k;
        }
        k += 1.0;
    }
}

/// `days` of Poisson arrivals around a known weekly pattern with a slow trend.
fn weekly_series(seed: u64, days: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let week = [1.3, 1.2, 1.1, 1.0, 0.9, 0.35, 0.25];
    (0..days)
        .map(|d| {
            let mean = 40.0 * week[d % 7] * (1.0 + 0.2 * d as f64 / days as f64);
            poisson(&mut rng, mean)
        })
        .collect()
}

fn synthetic(groups: u64, days: usize) -> Arrivals {
    Arrivals {
        first_day: date("2024-01-01"),
        series: (0..groups)
            .map(|g| ArrivalsSeries {
                key: Some(g.to_string()),
                label: format!("Group {g}"),
                counts: weekly_series(g + 1, days),
            })
            .collect(),
    }
}

/// A daily query of all tickets, `weeks` ahead, made the day after `until`.
fn query(weeks: u32, until: NaiveDate) -> ForecastQuery {
    let request = ForecastRequest {
        horizon_weeks: Some(weeks),
        until: Some(until.to_string()),
        ..ForecastRequest::default()
    };
    let today = until.succ_opt().expect("a next day");
    request
        .resolve(today, chrono_tz::UTC)
        .expect("a valid request")
}

#[test]
fn the_model_beats_seasonal_naive_on_a_known_weekly_pattern() {
    let arrivals = synthetic(3, 364);
    let until = date("2024-12-29");
    let query = query(4, until);
    let result = forecast_arrivals(&arrivals, &query).expect("a forecast");
    for series in &result.series {
        let backtest = &series.backtest;
        assert_eq!(backtest.folds, 4);
        let (model, naive) = (
            backtest.model.mase.unwrap(),
            backtest.baseline.mase.unwrap(),
        );
        assert!(
            model < naive,
            "{}: MASE {model} against seasonal-naive {naive}: the model averages the noise \
             that seasonal-naive repeats",
            series.label
        );
        assert!(backtest.model.smape.unwrap() < backtest.baseline.smape.unwrap());
        assert_eq!(series.points.len(), 28);
        assert_eq!(series.points[0].period, "2024-12-30");
        assert!(series.points.iter().all(|p| p.lo95 <= p.lo80
            && p.lo80 <= p.value
            && p.value <= p.hi80
            && p.hi80 <= p.hi95
            && p.lo95 >= 0.0));
    }
}

#[test]
fn the_intervals_cover_about_their_share_of_held_out_days() {
    let (train, held_out) = (364, 28);
    let (mut in80, mut in95, mut n) = (0, 0, 0);
    for seed in 1..=8 {
        let y = weekly_series(seed, train + held_out);
        let predicted = model::predict(&y[..train], &[7], held_out).expect("a forecast");
        for (i, actual) in y[train..].iter().enumerate() {
            in80 += usize::from((predicted.lo80[i]..=predicted.hi80[i]).contains(actual));
            in95 += usize::from((predicted.lo95[i]..=predicted.hi95[i]).contains(actual));
            n += 1;
        }
    }
    let (share80, share95) = (in80 as f64 / n as f64, in95 as f64 / n as f64);
    assert!(
        (0.68..=0.92).contains(&share80),
        "80% interval covers {share80:.3}"
    );
    assert!(
        (0.87..=1.0).contains(&share95),
        "95% interval covers {share95:.3}"
    );
}

#[test]
fn a_short_history_is_backtested_with_a_reason_and_refused_when_shorter() {
    // 30 days: enough to forecast two weeks, not for three weeks plus a 2-week fold.
    let arrivals = synthetic(1, 30);
    let until = date("2024-01-30");
    let two_weeks = query(2, until);
    let result = forecast_arrivals(&arrivals, &two_weeks).expect("a forecast");
    let backtest = &result.series[0].backtest;
    assert_eq!((backtest.folds, backtest.model.mase), (0, None));
    let reason = backtest
        .reason
        .as_deref()
        .expect("a reason for the missing numbers");
    assert!(reason.contains("too short to backtest"), "{reason}");

    let beyond = query(5, until);
    let err = forecast_arrivals(&arrivals, &beyond)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "a 5-week horizon is longer than the 30 days of history; forecast at most 4 weeks ahead"
    );

    let short = synthetic(1, 20);
    let until = date("2024-01-20");
    let one_week = query(1, until);
    let err = forecast_arrivals(&short, &one_week)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("20 days") && err.contains("at least 21"),
        "{err}"
    );
}

#[test]
fn bad_requests_and_an_empty_workspace_are_refused_in_one_line() {
    let today = date("2025-07-01");
    let refused = |request: ForecastRequest| {
        request
            .resolve(today, chrono_tz::UTC)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    let weeks = |w| ForecastRequest {
        horizon_weeks: Some(w),
        ..ForecastRequest::default()
    };
    assert_eq!(
        refused(weeks(0)),
        "a forecast looks 1 to 12 weeks ahead, not 0"
    );
    assert_eq!(
        refused(weeks(13)),
        "a forecast looks 1 to 12 weeks ahead, not 13"
    );
    let by = ForecastRequest {
        by: Some("assignee".into()),
        ..ForecastRequest::default()
    };
    assert!(refused(by).contains("channel or group"));
    let until = ForecastRequest {
        until: Some("2025-07-01".into()),
        ..ForecastRequest::default()
    };
    assert_eq!(
        refused(until),
        "the history's last day 2025-07-01 is not over yet; end it before today, 2025-07-01"
    );
    let slot = ForecastRequest {
        granularity: Some("minute".into()),
        ..ForecastRequest::default()
    };
    assert!(refused(slot).contains("valid: day, hour"));

    let empty = Frame::build(&Helpdesk::new().store).expect("an empty frame");
    let query = ForecastRequest::default()
        .resolve(today, chrono_tz::UTC)
        .unwrap();
    let err = forecast(&empty, &query).unwrap_err().to_string();
    assert_eq!(
        err,
        "no tickets were created by 2025-06-30 to forecast from; sync or import tickets first"
    );
}
