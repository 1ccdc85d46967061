//! The Overview's charts: the hour-of-week heatmap in local time across a DST change,
//! and the weekly specs drawn from the same numbers as the cards.

use chrono::NaiveDate;
use deskbench::analytics::engine::change::ChangeUnit;
use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::views::overview::{overview, OverviewRequest, PeriodPreset};
use deskbench::analytics::Frame;
use deskbench::charts::{overview_charts, ChartKind, Unit, XKind};
use deskbench::store::records::{RatingScore, TicketStatus};

use crate::fixtures::{rating, solved, ticket, Helpdesk};

fn request(from: &str, to: &str) -> OverviewRequest {
    OverviewRequest {
        period: PeriodPreset::Custom {
            from: from.to_owned(),
            to: to.to_owned(),
        },
        tz: Some("Europe/Berlin".to_owned()),
    }
}

fn frame() -> Frame {
    let helpdesk = Helpdesk::new()
        .tickets(&[
            // Saturday 29 March, 09:30 in Berlin (CET, UTC+1).
            ticket(1, "2025-03-29T08:30:00Z", TicketStatus::Open),
            // Monday 31 March, 10:30 in Berlin (CEST since the 30th, UTC+2).
            solved(2, "2025-03-31T08:30:00Z", "2025-03-31T12:00:00Z"),
            solved(3, "2025-03-31T08:59:59Z", "2025-04-01T08:00:00Z"),
            // Sunday 30 March 00:30 local: still Saturday in UTC.
            ticket(4, "2025-03-29T23:30:00Z", TicketStatus::Open),
            // Saturday 22 March, 23:59 local: before the range.
            ticket(5, "2025-03-22T22:59:00Z", TicketStatus::Open),
        ])
        .ratings(&[
            rating(10, 2, RatingScore::Good, "2025-03-31T13:00:00Z"),
            rating(11, 3, RatingScore::Bad, "2025-04-01T09:00:00Z"),
        ]);
    Frame::build(&helpdesk.store).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

#[test]
fn tickets_are_counted_at_their_local_weekday_and_hour_across_dst() {
    let data = overview(
        &frame(),
        &request("2025-03-24", "2025-04-06"),
        today(),
        chrono_tz::UTC,
        &[],
    )
    .unwrap();
    let cell = |day: usize, hour: usize| data.arrivals[day][hour];
    assert_eq!(cell(5, 9), 1, "Saturday 09:30 CET");
    assert_eq!(cell(6, 0), 1, "Sunday 00:30 CET, Saturday in UTC");
    assert_eq!(cell(0, 10), 2, "Monday 10:30 and 10:59 CEST");
    let total: u64 = data.arrivals.iter().flatten().sum();
    assert_eq!(total, 4, "the ticket before the range is left out");
}

#[test]
fn an_empty_range_gives_an_all_zero_heatmap_and_empty_specs() {
    let data = overview(
        &frame(),
        &request("2024-01-01", "2024-01-07"),
        today(),
        chrono_tz::UTC,
        &[],
    )
    .unwrap();
    assert!(data.arrivals.iter().flatten().all(|&n| n == 0));
    let charts = overview_charts(&data);
    assert!(charts.arrivals.is_empty());
    assert!(charts.volume.is_empty());
    assert!(charts.sla.x.labels.is_empty(), "no SLA instance, no metric");
}

#[test]
fn weekly_specs_carry_the_engine_numbers() {
    let data = overview(
        &frame(),
        &request("2025-03-24", "2025-04-06"),
        today(),
        chrono_tz::UTC,
        &[],
    )
    .unwrap();
    let charts = overview_charts(&data);
    for spec in [
        &charts.volume,
        &charts.first_reply,
        &charts.resolution,
        &charts.csat,
        &charts.sla,
        &charts.arrivals,
    ] {
        spec.validate().expect("every Overview spec is drawable");
    }

    let volume = &charts.volume;
    assert_eq!(
        (volume.kind, volume.x.kind, volume.unit),
        (ChartKind::Line, XKind::Date, Unit::Count)
    );
    assert_eq!(volume.x.labels, ["2025-03-24", "2025-03-31"]);
    let names: Vec<_> = volume.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["series.created", "series.solved", "series.backlog"]);
    assert_eq!(
        volume.series[0].values,
        [Some(2.0), Some(2.0)],
        "created per ISO week, local"
    );
    assert_eq!(
        volume.series[1].values,
        [Some(0.0), Some(2.0)],
        "solved per week"
    );

    let reply = &charts.resolution;
    assert_eq!(reply.unit, Unit::Minutes);
    assert!(reply.series[1].dashed, "p90 is the dashed companion");

    let csat = &charts.csat.series[0];
    assert_eq!(csat.values, [None, Some(0.5)]);
    let band = csat.band.as_ref().expect("CSAT has its interval");
    assert!(band.low[1].unwrap() < 0.5 && band.high[1].unwrap() > 0.5);
    assert_eq!(csat.samples.as_ref().unwrap()[1], Some(2));

    let heat = &charts.arrivals;
    assert_eq!(heat.kind, ChartKind::Heatmap);
    assert_eq!(heat.series.len(), 7);
    assert_eq!(heat.series[0].name, "1");
    assert_eq!(heat.series[0].values[10], Some(2.0));
}

#[test]
fn cards_compare_only_what_can_be_compared() {
    let data = overview(
        &frame(),
        &request("2025-03-24", "2025-04-06"),
        today(),
        chrono_tz::UTC,
        &[],
    )
    .unwrap();
    let card = |kpi| data.cards.iter().find(|c| c.kpi == kpi).unwrap();
    for kpi in [KpiId::TicketsUnsolved, KpiId::Backlog] {
        let now_dependent = card(kpi);
        assert_eq!(now_dependent.change, None, "{kpi:?} depends on now");
        let trend = now_dependent.trend.as_ref().expect("a trend instead");
        assert_eq!(trend.len(), 2, "one value per week of the range");
        assert_eq!(
            trend.last().copied().flatten(),
            now_dependent.headline,
            "the last week ends with the range"
        );
    }
    let created = card(KpiId::TicketsCreated);
    assert_eq!(created.trend, None);
    // 4 created against 1 (ticket 5, 22 March local): +300%, but 3 < 1.96·√5 ≈ 4.4.
    let change = created.change.unwrap();
    assert_eq!((change.unit, change.value), (ChangeUnit::Relative, 3.0));
    assert!(
        !change.clear,
        "a count this small moves that much by chance"
    );
    let csat = card(KpiId::Csat);
    assert!(csat.small_sample, "two ratings");
    assert_eq!(csat.change, None, "no rating in the previous period");
}
