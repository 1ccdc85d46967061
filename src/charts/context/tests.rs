use super::*;
use crate::charts::Locale::{En, Ko, Ru};

fn context() -> ChartContext {
    ChartContext {
        kpi: Some(KpiId::TicketsSolved),
        from: "2026-11-10".into(),
        to: "2026-12-07".into(),
        tz: "Europe/Moscow".into(),
        hours: Some(Hours::Calendar),
        filters: vec![
            FilterNames {
                dimension: "channel".into(),
                label: None,
                values: vec![Some("Email".into())],
            },
            FilterNames {
                dimension: "assignee".into(),
                label: None,
                values: vec![Some("Dana Kim".into())],
            },
        ],
        n: Some(12_345),
        // 2026-12-07 06:14 UTC, 09:14 in Moscow.
        as_of: Some(1_796_624_040),
    }
}

#[test]
fn the_subtitle_states_period_with_year_zone_hours_names_n_and_as_of() {
    assert_eq!(
        subtitle(&context(), En),
        "Nov 10 – Dec 7, 2026 · Europe/Moscow · Calendar hours · Channel: Email; \
         Assignee: Dana Kim · n = 12,345 · Data as of Dec 7, 2026, 09:14"
    );
    assert_eq!(
        subtitle(&context(), Ko),
        "2026년 11월 10일 – 12월 7일 · Europe/Moscow · 달력 시간 · 채널: Email; \
         담당자: Dana Kim · n = 12,345 · 2026년 12월 7일 09:14 기준 데이터"
    );
    let ru = subtitle(&context(), Ru);
    assert!(
        ru.starts_with("10 нояб. – 7 дек. 2026 г. · Europe/Moscow · Календарное время"),
        "{ru}"
    );
    assert!(
        ru.contains("Канал: Email; Исполнитель: Dana Kim · n = 12\u{202F}345"),
        "{ru}"
    );
    assert!(ru.ends_with("Данные на 7 дек. 2026 г., 09:14"), "{ru}");
}

#[test]
fn periods_name_both_years_across_new_year_and_one_day_once() {
    let mut winter = context();
    (winter.from, winter.to) = ("2025-12-29".into(), "2026-01-04".into());
    let line = subtitle(&winter, En);
    assert!(line.starts_with("Dec 29, 2025 – Jan 4, 2026 ·"), "{line}");
    let line = subtitle(&winter, Ko);
    assert!(
        line.starts_with("2025년 12월 29일 – 2026년 1월 4일 ·"),
        "{line}"
    );
    winter.to = winter.from.clone();
    assert!(subtitle(&winter, En).starts_with("Dec 29, 2025 ·"));
    winter.to = "not a date".into();
    assert!(subtitle(&winter, En).starts_with("2025-12-29 – not a date ·"));
}

#[test]
fn header_lines_label_every_fact_and_say_when_nothing_is_filtered() {
    let mut bare = context();
    bare.filters.clear();
    bare.hours = Some(Hours::Business);
    (bare.n, bare.as_of) = (None, None);
    let lines = describe(&bare, En);
    let pairs: Vec<(&str, &str, &str)> = lines
        .iter()
        .map(|l| (l.key, l.label, l.value.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("kpi", "KPI", "Tickets solved"),
            ("period", "Period", "Nov 10 – Dec 7, 2026"),
            ("time_zone", "Time zone", "Europe/Moscow"),
            ("hours", "Hours", "Business hours"),
            ("filters", "Filters", "None (all tickets)"),
            ("n", "Sample size (n)", ""),
            ("data_as_of", "Data as of", ""),
        ]
    );
    let line = subtitle(&bare, En);
    assert_eq!(
        line,
        "Nov 10 – Dec 7, 2026 · Europe/Moscow · Business hours"
    );
    assert_eq!(describe(&bare, Ru)[0].value, "Решено обращений");
}

#[test]
fn long_value_lists_are_shortened_and_missing_values_and_fields_named() {
    let mut tagged = context();
    tagged.filters = vec![
        FilterNames {
            dimension: "tag".into(),
            label: None,
            values: ["billing", "refund", "vip", "eu", "mobile"]
                .map(|t| Some(t.to_owned()))
                .into(),
        },
        FilterNames {
            dimension: "field:360001".into(),
            label: Some("Product area".into()),
            values: vec![None, Some("x".repeat(60))],
        },
    ];
    let line = subtitle(&tagged, En);
    assert!(line.contains("Tag: billing, refund +3 more"), "{line}");
    let cut = format!("Product area: (none), {}…", "x".repeat(40));
    assert!(line.contains(&cut), "{line}");
    assert!(subtitle(&tagged, Ko).contains("태그: billing, refund 외 3개"));
    assert!(subtitle(&tagged, Ru).contains("Тег: billing, refund и ещё 3"));
    assert!(subtitle(&tagged, Ru).contains("(нет значения)"));
}

#[test]
fn a_chart_of_one_agent_or_group_says_whose_it_is() {
    let one = context();
    assert_eq!(one.title("Tickets solved"), "Tickets solved — Dana Kim");
    assert_eq!(
        one.title("Tickets solved — Dana Kim"),
        "Tickets solved — Dana Kim",
        "named once"
    );
    let mut team = context();
    team.filters[1] = FilterNames {
        dimension: "group".into(),
        label: None,
        values: vec![Some("Billing".into())],
    };
    assert_eq!(team.title("Backlog"), "Backlog — Billing");
    team.filters[1].values.push(Some("Tier 2".into()));
    assert_eq!(
        team.title("Backlog"),
        "Backlog",
        "two groups are no one group"
    );
}

#[test]
fn a_bucket_ends_on_its_last_day() {
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    assert_eq!(
        bucket_end(day("2026-11-30"), Every::Week),
        day("2026-12-06")
    );
    assert_eq!(
        bucket_end(day("2026-02-01"), Every::Month),
        day("2026-02-28")
    );
    assert_eq!(bucket_end(day("2026-12-07"), Every::Day), day("2026-12-07"));
}

#[test]
fn a_chart_of_texts_states_no_kpi_and_no_hours() {
    let texts = ChartContext {
        kpi: None,
        hours: None,
        ..context()
    };
    let keys: Vec<&str> = describe(&texts, En).iter().map(|l| l.key).collect();
    assert_eq!(keys, ["period", "time_zone", "filters", "n", "data_as_of"]);
    assert_eq!(
        subtitle(&texts, En),
        subtitle(&context(), En).replace(" · Calendar hours", "")
    );
}

#[test]
fn feedback_choices_of_texts_read_as_the_screen_names_them() {
    let choice = |dimension: &str, code: &str| FilterNames {
        dimension: dimension.into(),
        label: None,
        values: vec![Some(code.into())],
    };
    let texts = ChartContext {
        filters: vec![choice(LANGUAGE, "ko"), choice(TEXTS, "csat")],
        ..context()
    };
    let line = |locale| describe(&texts, locale)[4].value.clone();
    assert_eq!(line(En), "Language: Korean; Texts: Rating comments");
    assert_eq!(line(Ko), "언어: 한국어; 텍스트: 평가 코멘트");
    assert_eq!(line(Ru), "Язык: Корейский; Тексты: Комментарии к оценкам");
}
