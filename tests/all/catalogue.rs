//! The dimensions and values offered for grouping and filtering, against a hand-made
//! helpdesk: counts, "no value", multi-valued tags and fields, and keys that work as
//! filters.

use serde_json::json;

use deskbench::analytics::frame::dimension::Dimension;
use deskbench::analytics::views::catalogue::{
    dimension_values, dimension_values_in, dimensions, DimensionValue,
};
use deskbench::analytics::{Frame, KpiRequest};
use deskbench::store::records::{NamedKind, TicketStatus::*};

use crate::fixtures::*;

/// Five live tickets in 2025 and a deleted one, which no count may include.
fn helpdesk() -> Helpdesk {
    let mut t1 = ticket(1, "2025-01-05T10:00:00Z", Open);
    t1.group_id = Some(10);
    t1.tags = vec!["billing".into(), "vip".into()];
    t1.fields = vec![(900, json!("gold")), (901, json!(["x", "y"]))];
    let mut t2 = ticket(2, "2025-02-10T10:00:00Z", Pending);
    t2.channel = Some("web".into());
    t2.group_id = Some(10);
    t2.tags = vec!["billing".into()];
    t2.fields = vec![(900, json!("silver"))];
    let mut t3 = ticket(3, "2025-03-15T10:00:00Z", Open);
    t3.channel = Some("web".into());
    t3.fields = vec![(901, json!([]))];
    let mut t4 = ticket(4, "2025-04-20T10:00:00Z", New);
    t4.channel = None;
    t4.group_id = Some(20);
    t4.tags = vec!["vip".into()];
    t4.fields = vec![(900, json!("gold")), (901, json!(["y"]))];
    let mut t5 = solved(5, "2025-05-01T10:00:00Z", "2025-05-02T10:00:00Z");
    t5.channel = Some("web".into());
    t5.group_id = Some(10);
    t5.tags = vec!["billing".into(), "vip".into()];
    let mut t6 = ticket(6, "2025-06-01T10:00:00Z", Deleted);
    t6.channel = Some("chat".into());
    t6.tags = vec!["vip".into()];
    t6.fields = vec![(900, json!("bronze"))];
    Helpdesk::new()
        .tickets(&[t1, t2, t3, t4, t5, t6])
        .named(NamedKind::Group, 10, "Billing")
        .field(
            900,
            "Plan",
            &[("gold", "Gold plan"), ("silver", "Silver plan")],
        )
        .field(901, "features", &[])
        .field(902, "Area", &[])
}

fn values(frame: &Frame, dim: &str) -> Vec<(Option<String>, String, u64)> {
    dimension_values(frame, Dimension::parse(dim).unwrap())
        .unwrap()
        .into_iter()
        .map(
            |DimensionValue {
                 key,
                 label,
                 tickets,
             }| (key, label, tickets),
        )
        .collect()
}

fn value(key: Option<&str>, label: &str, tickets: u64) -> (Option<String>, String, u64) {
    (key.map(str::to_owned), label.to_owned(), tickets)
}

#[test]
fn dimensions_are_the_built_in_ones_then_custom_fields_by_title() {
    let frame = Frame::build(&helpdesk().store).unwrap();
    let options: Vec<(String, Option<String>)> = dimensions(&frame)
        .into_iter()
        .map(|o| (o.name, o.label))
        .collect();
    let mut expected: Vec<(String, Option<String>)> =
        Dimension::ALL.map(|d| (d.name(), None)).into();
    expected.extend([
        ("field:902".to_owned(), Some("Area".to_owned())),
        ("field:901".to_owned(), Some("features".to_owned())),
        ("field:900".to_owned(), Some("Plan".to_owned())),
    ]);
    assert_eq!(options, expected, "titles sort without regard to case");
}

#[test]
fn values_count_tickets_with_labels_and_no_value_last_among_equals() {
    let frame = Frame::build(&helpdesk().store).unwrap();
    assert_eq!(
        values(&frame, "channel"),
        [
            value(Some("web"), "Web form", 3),
            value(None, "(none)", 1),
            value(Some("email"), "Email", 1),
        ],
        "the deleted chat ticket is not counted; equal counts go by label"
    );
    assert_eq!(
        values(&frame, "group"),
        [
            value(Some("10"), "Billing", 3),
            value(None, "(none)", 1),
            value(Some("20"), "20", 1),
        ],
        "id keys are the id as a string; an unnamed group shows its id"
    );
    assert_eq!(
        values(&frame, "status"),
        [
            value(Some("open"), "Open", 2),
            value(Some("new"), "New", 1),
            value(Some("pending"), "Pending", 1),
            value(Some("solved"), "Solved", 1),
        ],
        "no (none) when every ticket has a value"
    );
    assert_eq!(values(&frame, "brand"), [value(None, "(none)", 5)]);
}

#[test]
fn tags_and_custom_fields_count_each_ticket_once_under_each_of_its_values() {
    let frame = Frame::build(&helpdesk().store).unwrap();
    assert_eq!(
        values(&frame, "tag"),
        [
            value(Some("billing"), "billing", 3),
            value(Some("vip"), "vip", 3),
            value(None, "(none)", 1),
        ],
        "tickets 1 and 5 count under both tags; ticket 3 has none"
    );
    assert_eq!(
        values(&frame, "field:900"),
        [
            value(None, "(none)", 2),
            value(Some("gold"), "Gold plan", 2),
            value(Some("silver"), "Silver plan", 1),
        ],
        "option names as labels; the deleted ticket's bronze is gone"
    );
    assert_eq!(
        values(&frame, "field:901"),
        [
            value(None, "(none)", 3),
            value(Some("y"), "y", 2),
            value(Some("x"), "x", 1),
        ],
        "a list gives one value per item; [] is no value"
    );
    assert_eq!(values(&frame, "field:902"), [value(None, "(none)", 5)]);
    let unknown = dimension_values(&frame, Dimension::Field(999))
        .unwrap_err()
        .to_string();
    assert!(unknown.contains("field:900 (Plan)"), "{unknown}");
}

#[test]
fn every_key_filters_to_as_many_tickets_as_it_counts_and_labels_match_groups() {
    let hd = helpdesk();
    let frame = Frame::build(&hd.store).unwrap();
    let year = || KpiRequest {
        kpis: vec!["tickets_created".into()],
        ..range("2025-01-01", "2025-12-31")
    };
    for option in dimensions(&frame) {
        let dim = Dimension::parse(&option.name).unwrap();
        let values = dimension_values(&frame, dim).unwrap();
        for v in &values {
            let filter = format!("{}={}", option.name, v.key.as_deref().unwrap_or("null"));
            let out = hd.kpi(KpiRequest {
                filters: vec![filter.clone()],
                ..year()
            });
            assert_eq!(
                out["kpis"]["tickets_created"]["value"],
                json!(v.tickets),
                "{filter}"
            );
        }
        let grouped = hd.kpi(KpiRequest {
            by: Some(option.name.clone()),
            ..year()
        });
        let mut groups: Vec<(Option<String>, String)> = grouped["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let key = g["key"].as_str().map(str::to_owned);
                (key, g["label"].as_str().unwrap().to_owned())
            })
            .collect();
        let mut offered: Vec<(Option<String>, String)> =
            values.into_iter().map(|v| (v.key, v.label)).collect();
        groups.sort();
        offered.sort();
        assert_eq!(offered, groups, "{}", option.name);
    }
}

/// Values counted beside a report over Feb–Apr filtered as `filters`.
fn values_in(frame: &Frame, dim: &str, filters: &[&str]) -> Vec<(Option<String>, String, u64)> {
    let query = KpiRequest {
        filters: filters.iter().map(|f| (*f).to_owned()).collect(),
        ..range("2025-02-01", "2025-04-30")
    }
    .resolve(
        chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        chrono_tz::Tz::UTC,
    )
    .unwrap();
    dimension_values_in(frame, Dimension::parse(dim).unwrap(), &query)
        .unwrap()
        .into_iter()
        .map(|v| (v.key, v.label, v.tickets))
        .collect()
}

#[test]
fn values_beside_a_report_count_its_range_under_the_other_filters() {
    let frame = Frame::build(&helpdesk().store).unwrap();
    assert_eq!(
        values_in(&frame, "channel", &[]),
        [
            value(Some("web"), "Web form", 2),
            value(None, "(none)", 1),
            value(Some("email"), "Email", 0),
        ],
        "tickets 2, 3 (web) and 4 (none) were created in Feb–Apr; email's only ticket is \
         from January, kept at 0 so a chosen email stays on offer"
    );
    assert_eq!(
        values_in(&frame, "channel", &["group=10", "channel=web"]),
        [
            value(Some("web"), "Web form", 1),
            value(Some("email"), "Email", 0),
        ],
        "the group filter leaves tickets 1, 2 and 5; the menu's own channel filter is \
         left aside so email is still offered"
    );
    assert_eq!(
        values_in(&frame, "tag", &["channel=web"]),
        [
            value(None, "(none)", 1),
            value(Some("billing"), "billing", 1),
            value(Some("vip"), "vip", 0),
        ],
        "multi-valued dimensions count the range too: ticket 2 (billing) and 3 (no tag); \
         ticket 5 (billing, vip) was created in May"
    );
}
