//! Property tests of the date and query parsers: any text, any date chrono can hold
//! (from -262143 to +262142) and any current date give a query or a clear one-line
//! error, never a panic; accepted ranges stay inside 1970-01-01 … 2100-12-31 and their
//! buckets are what `bucket_count` says.

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use proptest::prelude::*;

use deskbench::analytics::query::range::{
    check_supported, parse_date, parse_tz, DateRange, DateRole, Every, EARLIEST, LATEST,
};
use deskbench::analytics::views::drill::TicketListRequest;
use deskbench::analytics::KpiRequest;
use deskbench::demo::{DemoConfig, FIRST_UNTIL};

use super::proptest_pages::config;

/// Any date chrono knows, with extra weight on the years around the supported span.
fn date() -> impl Strategy<Value = NaiveDate> {
    let days = |from: NaiveDate, to: NaiveDate| {
        (from.num_days_from_ce()..=to.num_days_from_ce())
            .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(NaiveDate::MIN))
    };
    let near = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN);
    prop_oneof![
        days(NaiveDate::MIN, NaiveDate::MAX),
        days(near(1960), near(2110)),
        proptest::sample::select(vec![
            NaiveDate::MIN,
            NaiveDate::MAX,
            EARLIEST,
            LATEST,
            FIRST_UNTIL,
            EARLIEST.pred_opt().unwrap_or(EARLIEST),
            LATEST.succ_opt().unwrap_or(LATEST),
        ]),
    ]
}

fn tz() -> impl Strategy<Value = Tz> {
    proptest::sample::select(vec![
        Tz::UTC,
        Tz::Pacific__Kiritimati,
        Tz::Etc__GMTPlus12,
        Tz::America__Santiago,
        Tz::Europe__Berlin,
        Tz::Asia__Kathmandu,
        Tz::Australia__Lord_Howe,
    ])
}

/// Text a person or a web view might send as a date: dates of any year in several
/// spellings, and anything at all.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        date().prop_map(|d| d.format("%Y-%m-%d").to_string()),
        date().prop_map(|d| d.to_string()),
        (any::<i64>(), 0u32..15, 0u32..35).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        ".{0,16}",
    ]
}

fn one_of(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(words).prop_map(str::to_owned),
        ".{0,12}"
    ]
}

fn kpi_request() -> impl Strategy<Value = KpiRequest> {
    (
        (prop::option::of(date_text()), prop::option::of(date_text())),
        prop::option::of(one_of(&[
            "UTC",
            "Europe/Moscow",
            "Pacific/Kiritimati",
            "Mars/Olympus",
        ])),
        prop::option::of(one_of(&["day", "week", "month", "year"])),
        prop::option::of(one_of(&[
            "channel", "assignee", "tag", "field:1", "field:x", "colour",
        ])),
        prop::collection::vec(
            one_of(&["channel=email", "priority=null", "group=x", "=", "a=b=c"]),
            0..3,
        ),
        prop::collection::vec(one_of(&["csat", "tickets_created", "nps"]), 0..3),
        prop::option::of(one_of(&["calendar", "business", "office"])),
        prop::option::of(any::<usize>()),
    )
        .prop_map(
            |((from, to), tz, every, by, filters, kpis, hours, top)| KpiRequest {
                from,
                to,
                tz,
                every,
                by,
                filters,
                kpis,
                hours,
                top,
            },
        )
}

/// An error is one line that says something.
fn clear(message: String) -> Result<(), TestCaseError> {
    prop_assert!(
        !message.is_empty() && !message.contains('\n'),
        "{message:?}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn proptest_any_text_parses_as_a_date_and_zone_or_is_refused(text in ".{0,24}", date in date_text()) {
        let _ = parse_tz(&text);
        for text in [&text, &date] {
            if let Err(err) = parse_date(text) {
                clear(err.to_string())?;
            }
        }
    }

    #[test]
    fn proptest_ranges_accept_exactly_the_supported_dates(a in date(), b in date(), tz in tz()) {
        let supported = |d: NaiveDate| (EARLIEST..=LATEST).contains(&d);
        match DateRange::new(a, b, tz) {
            Ok(range) => {
                prop_assert!(supported(a) && supported(b) && a <= b);
                prop_assert!(range.start() < range.end());
                prop_assert_eq!(range.days(), range.previous().days());
                prop_assert!(range.previous().end() <= range.start());
                for every in [Every::Week, Every::Month] {
                    prop_assert_eq!(range.bucket_count(every), range.buckets(every).len());
                }
                if range.days() <= 3_000 {
                    prop_assert_eq!(range.bucket_count(Every::Day), range.buckets(Every::Day).len());
                }
            }
            Err(err) => {
                prop_assert!(!(supported(a) && supported(b) && a <= b));
                let message = err.to_string();
                prop_assert!(
                    message.contains("supported date") || message.contains("is after"),
                    "{}", message
                );
                clear(message)?;
            }
        }
        prop_assert_eq!(check_supported(a, DateRole::Period).is_ok(), supported(a));
    }

    #[test]
    fn proptest_any_current_date_gives_a_default_range_or_an_error(today in date(), tz in tz()) {
        for range in [
            DateRange::last_days(today, 30, tz),
            DateRange::last_days(today, u64::MAX, tz),
            DateRange::quarter_to_date(today, tz),
        ] {
            match range {
                Ok(range) => prop_assert!(EARLIEST <= range.from && range.to <= LATEST),
                Err(err) => clear(err.to_string())?,
            }
        }
        match DemoConfig::end_of(today) {
            Ok(now) => prop_assert!((FIRST_UNTIL..=LATEST).contains(&today) && now > 0),
            Err(err) => {
                prop_assert!(!(FIRST_UNTIL..=LATEST).contains(&today));
                clear(err.to_string())?;
            }
        }
    }

    #[test]
    fn proptest_any_query_or_ticket_list_resolves_or_is_refused_clearly(
        request in kpi_request(),
        today in date(),
        tz in tz(),
        period in prop::option::of(date_text()),
        sort in prop::option::of(one_of(&["id", "-created_at", "--id", "-"])),
        offset in any::<usize>(),
        limit in prop::option::of(any::<usize>()),
    ) {
        match request.resolve(today, tz) {
            Ok(query) => {
                prop_assert!(EARLIEST <= query.range.from && query.range.to <= LATEST);
                if let Some(every) = query.every {
                    prop_assert!(query.range.bucket_count(every) <= 47_847);
                }
            }
            Err(err) => clear(err.to_string())?,
        }
        let list = TicketListRequest {
            query: request,
            kpi: "tickets_created".to_owned(),
            key: None,
            period,
            sort,
            offset,
            limit,
            search: None,
        };
        match list.resolve(today, tz) {
            Ok(list) => {
                prop_assert!(list.order.limit <= 10_000);
                if let Some(period) = list.period {
                    prop_assert!(EARLIEST <= period && period <= LATEST);
                }
            }
            Err(err) => clear(err.to_string())?,
        }
    }
}

#[test]
fn proptest_the_supported_span_is_1970_to_2100() {
    assert_eq!(
        (EARLIEST.year(), LATEST.to_string().as_str()),
        (1970, "2100-12-31")
    );
    let err = DateRange::new(parse_date("0025-01-01").unwrap(), LATEST, Tz::UTC).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the start date 0025-01-01 is before 1970-01-01, the earliest supported date"
    );
}
