//! ChartSpec from a KPI report: the shapes Explore draws, and the checks a spec coming
//! back from the web view must pass.

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::analytics::{self, Frame, KpiRequest};
use deskbench::charts::{from_report, ChartKind, ChartText, SpecError, Unit, XKind};
use deskbench::store::records::{RatingScore, TicketStatus};

use crate::fixtures::{rating, solved, ticket, Helpdesk};

fn frame() -> Frame {
    let mut web = ticket(3, "2025-03-04T10:00:00Z", TicketStatus::Open);
    web.channel = Some("web".to_owned());
    let helpdesk = Helpdesk::new()
        .tickets(&[
            solved(1, "2025-03-03T10:00:00Z", "2025-03-03T12:00:00Z"),
            solved(2, "2025-03-11T10:00:00Z", "2025-03-12T10:00:00Z"),
            web,
        ])
        .ratings(&[
            rating(1, 1, RatingScore::Good, "2025-03-03T13:00:00Z"),
            rating(2, 2, RatingScore::Bad, "2025-03-12T11:00:00Z"),
        ]);
    Frame::build(&helpdesk.store).unwrap()
}

fn report(by: Option<&str>, every: Option<&str>, kpi: &str) -> analytics::query::report::KpiReport {
    let request = KpiRequest {
        from: Some("2025-03-03".into()),
        to: Some("2025-03-16".into()),
        tz: Some("UTC".into()),
        by: by.map(Into::into),
        every: every.map(Into::into),
        kpis: vec![kpi.into()],
        ..KpiRequest::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let query = request.resolve(today, chrono_tz::UTC).unwrap();
    analytics::run(&frame(), &query).unwrap()
}

fn text() -> ChartText {
    ChartText {
        title: "Created".into(),
        subtitle: None,
        total: "All tickets".into(),
    }
}

#[test]
fn groups_become_categories_with_their_keys() {
    let spec = from_report(
        &report(Some("channel"), None, "tickets_created"),
        KpiId::TicketsCreated,
        ChartKind::Bar,
        text(),
    );
    assert_eq!((spec.x.kind, spec.unit), (XKind::Text, Unit::Count));
    assert_eq!(spec.x.labels, ["Email", "Web form"]);
    assert_eq!(
        spec.x.keys,
        Some(vec![Some("email".into()), Some("web".into())])
    );
    assert_eq!(spec.series.len(), 1);
    assert_eq!(spec.series[0].name, "All tickets");
    assert_eq!(spec.series[0].values, [Some(2.0), Some(1.0)]);
    spec.validate().unwrap();
}

#[test]
fn groups_over_buckets_become_one_series_per_group() {
    let spec = from_report(
        &report(Some("channel"), Some("week"), "tickets_created"),
        KpiId::TicketsCreated,
        ChartKind::Line,
        text(),
    );
    assert_eq!(spec.x.kind, XKind::Date);
    assert_eq!(spec.x.labels, ["2025-03-03", "2025-03-10"]);
    let email = &spec.series[0];
    assert_eq!(email.name, "Email");
    assert_eq!(email.group.as_ref().unwrap().key.as_deref(), Some("email"));
    assert_eq!(email.values, [Some(1.0), Some(1.0)]);
    assert_eq!(spec.series[1].values, [Some(1.0), Some(0.0)]);
}

#[test]
fn csat_over_buckets_carries_its_interval_and_sample_sizes() {
    let spec = from_report(
        &report(None, Some("week"), "csat"),
        KpiId::Csat,
        ChartKind::Line,
        text(),
    );
    assert_eq!(spec.unit, Unit::Share);
    let csat = &spec.series[0];
    assert_eq!(csat.values, [Some(1.0), Some(0.0)]);
    assert_eq!(csat.samples, Some(vec![Some(1), Some(1)]));
    let band = csat.band.as_ref().unwrap();
    assert!(band.low[0].unwrap() < 1.0 && band.high[1].unwrap() > 0.0);
}

#[test]
fn a_total_without_groups_or_buckets_is_one_bar() {
    let spec = from_report(
        &report(None, None, "first_reply_time"),
        KpiId::FirstReplyTime,
        ChartKind::Bar,
        text(),
    );
    assert_eq!(spec.unit, Unit::Minutes);
    assert_eq!(spec.x.labels, ["All tickets"]);
    assert_eq!(spec.series[0].values.len(), 1);
}

#[test]
fn malformed_specs_are_refused() {
    let good = from_report(
        &report(Some("channel"), None, "tickets_created"),
        KpiId::TicketsCreated,
        ChartKind::Bar,
        text(),
    );
    let mut short = good.clone();
    short.series[0].values.pop();
    assert_eq!(
        short.validate(),
        Err(SpecError::Length("All tickets".into()))
    );
    let mut nan = good.clone();
    nan.series[0].values[0] = Some(f64::NAN);
    assert!(matches!(nan.validate(), Err(SpecError::NotFinite(_))));
    let mut keys = good;
    keys.x.keys = Some(vec![None]);
    assert!(matches!(keys.validate(), Err(SpecError::Length(_))));
}
