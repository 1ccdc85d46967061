//! Property tests of the Zendesk page parser: whatever a server sends — random bytes, or
//! pages of the right shape with values of the wrong type, huge numbers, impossible dates
//! and missing fields — `zendesk::parse` returns a page or an error, for every stream,
//! and never panics. `PROPTEST_CASES=100000 cargo test --test all proptest` runs more.

use proptest::prelude::*;

use deskbench::sources::zendesk::{self, Position, Stream};

/// The default case count keeps a debug `cargo test` quick; `PROPTEST_CASES` raises it.
pub fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn stream() -> impl Strategy<Value = Stream> {
    proptest::sample::select(Stream::ALL.to_vec())
}

/// Positions as a stream stores them: times of this century and a bit, any cursor text.
fn position() -> impl Strategy<Value = Position> {
    let time = -1_000_000_000i64..5_000_000_000;
    let cursor = proptest::option::of("[a-zA-Z0-9:=_-]{0,12}");
    prop_oneof![
        time.clone().prop_map(Position::StartTime),
        "[a-zA-Z0-9:=_-]{0,12}".prop_map(Position::Cursor),
        cursor.clone().prop_map(Position::After),
        (time.clone(), cursor.clone())
            .prop_map(|(start_time, after)| Position::Window { start_time, after }),
        (time, cursor).prop_map(|(time, after)| Position::Drain { time, after }),
        Just(Position::Once),
    ]
}

/// Every field name of every record Deskbench reads, and the pages' own keys.
const FIELDS: &[&str] = &[
    "id",
    "status",
    "priority",
    "type",
    "subject",
    "description",
    "requester_id",
    "submitter_id",
    "assignee_id",
    "group_id",
    "organization_id",
    "brand_id",
    "ticket_form_id",
    "created_at",
    "updated_at",
    "tags",
    "custom_fields",
    "via",
    "channel",
    "metric_set",
    "generated_timestamp",
    "value",
    "ticket_id",
    "replies",
    "reopens",
    "assignee_stations",
    "group_stations",
    "solved_at",
    "reply_time_in_minutes",
    "first_resolution_time_in_minutes",
    "full_resolution_time_in_minutes",
    "requester_wait_time_in_minutes",
    "agent_wait_time_in_minutes",
    "on_hold_time_in_minutes",
    "calendar",
    "business",
    "name",
    "email",
    "role",
    "locale",
    "time_zone",
    "title",
    "active",
    "custom_field_options",
    "score",
    "comment",
    "reason",
    "metric",
    "instance_id",
    "time",
    "sla",
    "target",
    "business_hours",
    "policy",
    "deleted",
    "body",
    "section_id",
    "vote_sum",
    "vote_count",
    "html_url",
    "localization",
    "iana_time_zone",
    "timestamp",
    "updater_id",
    "child_events",
    "event_type",
    "previous_value",
];
const PAGE_KEYS: &[&str] = &[
    "tickets",
    "users",
    "organizations",
    "groups",
    "brands",
    "ticket_fields",
    "satisfaction_ratings",
    "ticket_metric_events",
    "ticket_events",
    "articles",
    "metric_sets",
    "settings",
    "after_cursor",
    "end_of_stream",
    "end_time",
    "next_page",
    "meta",
    "has_more",
    "count",
];

/// A JSON value as text: scalars of every type, numbers past i64, u64 and f64, dates
/// at and past the ends of the calendar, and random text.
fn scalar() -> impl Strategy<Value = String> {
    fn quoted(s: String) -> String {
        serde_json::to_string(&s).unwrap_or_default()
    }
    prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        proptest::sample::select(vec![
            "123456789012345678901234567890",
            "-99999999999999999999",
            "1e308",
            "-1e309",
            "1e-400",
            "-0",
            "0.5",
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551616",
        ])
        .prop_map(str::to_owned),
        proptest::sample::select(vec![
            "2025-01-01T00:00:00Z",
            "+262142-12-31T23:59:59Z",
            "-262143-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "2025-02-30T00:00:00Z",
            "2025-01-01T00:00:00+99:00",
            "1970-01-01T00:00:00.999999999999Z",
            "",
            "solved",
            "deleted",
            "good",
            "bad",
            "reply_time",
            "apply_sla",
            "Europe/Berlin",
            "Mars/Olympus",
        ])
        .prop_map(|s| quoted(s.to_owned())),
        (
            -300_000i32..300_000,
            0u32..14,
            0u32..33,
            0u32..25,
            -2_000i32..2_000
        )
            .prop_map(|(y, mo, d, h, off)| quoted(format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:00:00{}{:02}:{:02}",
                if off < 0 { '-' } else { '+' },
                off.unsigned_abs() / 60,
                off.unsigned_abs() % 60
            ))),
        ".{0,20}".prop_map(quoted),
    ]
}

/// Any JSON value: scalars, arrays and objects of known field names, two levels deep.
fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((proptest::sample::select(FIELDS), inner), 0..6)
                .prop_map(|fields| object(&fields)),
        ]
    })
}

fn object(fields: &[(&str, String)]) -> String {
    let members: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    format!("{{{}}}", members.join(","))
}

/// A record: mostly the fields Zendesk sends, each with any value, often a usable id.
fn record() -> impl Strategy<Value = String> {
    (
        prop::option::of(any::<i64>()),
        prop::collection::vec((proptest::sample::select(FIELDS), value()), 0..10),
    )
        .prop_map(|(id, mut fields)| {
            if let Some(id) = id {
                fields.insert(0, ("id", id.to_string()));
            }
            object(&fields)
        })
}

/// A page of `stream`: mostly its own list of records (or settings), and page keys of any
/// stream with any value.
fn page(stream: Stream) -> impl Strategy<Value = String> {
    let records =
        || prop::collection::vec(record(), 0..4).prop_map(|r| format!("[{}]", r.join(",")));
    let own_key = match stream {
        Stream::AccountSettings => "settings",
        other => other.name(),
    };
    let own = prop_oneof![
        6 => records().prop_map(Some),
        1 => value().prop_map(Some),
        1 => Just(None),
    ];
    let member = prop_oneof![3 => records(), 1 => value()];
    (
        own,
        prop::collection::vec((proptest::sample::select(PAGE_KEYS), member), 0..6),
    )
        .prop_map(move |(own, mut members)| {
            if let Some(own) = own {
                members.insert(0, (own_key, own));
            }
            object(&members)
        })
}

/// A stream and a page for it.
fn stream_and_page() -> impl Strategy<Value = (Stream, String)> {
    stream().prop_flat_map(|stream| (Just(stream), page(stream)))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn proptest_random_bytes_never_panic_the_page_parser(
        stream in stream(),
        at in position(),
        body in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let _ = zendesk::parse(stream, &at, &body);
    }

    #[test]
    fn proptest_pages_of_the_right_shape_and_wrong_values_never_panic_the_parser(
        (stream, body) in stream_and_page(),
        at in position(),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let _ = zendesk::parse(stream, &at, body.as_bytes());
        if truncate {
            // A body cut short, as a dropped connection leaves it.
            let _ = zendesk::parse(stream, &at, &body.as_bytes()[..cut.index(body.len() + 1)]);
        }
    }
}

#[test]
fn proptest_a_valid_page_of_every_stream_still_parses() {
    // The generators above are only useful if pages like theirs can succeed.
    let ticket = r#"{"tickets":[{"id":1,"status":"open","created_at":"2025-01-01T00:00:00Z"}],"after_cursor":"b","end_of_stream":true}"#;
    let page = zendesk::parse(
        Stream::Tickets,
        &Position::Cursor("a".into()),
        ticket.as_bytes(),
    )
    .expect("a valid page parses");
    assert_eq!(page.records.len(), 1);
}
