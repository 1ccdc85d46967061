//! A chart's context in English, Korean or Russian: as labelled lines for a data file's
//! header, and as one line for an exported chart's subtitle. Words follow the app's
//! dictionaries, so a file reads like the screen it came from.

use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;

use super::{ChartContext, FilterNames};
use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::charts::render::format::{count, short_date};
use crate::charts::Locale;

/// The Feedback screen's choices of texts, stated as filters: their language, and
/// which texts (rating comments or tickets).
pub const LANGUAGE: &str = "language";
pub const TEXTS: &str = "texts";
/// Between the parts of a subtitle; a wrapped subtitle breaks here first.
pub const SEPARATOR: &str = " · ";
/// Values of one filter written out; more are counted ("+3 more").
const SHOWN_VALUES: usize = 3;
/// Longer value names are cut with an ellipsis.
const VALUE_CHARS: usize = 40;

/// One fact of the context: a stable key (Parquet metadata), its label and its value in
/// the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextLine {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
}

/// Every fact as a labelled line, in a fixed order: KPI (when the chart shows one),
/// period, time zone, hours (when they matter), filters, n, data as of.
pub fn describe(context: &ChartContext, locale: Locale) -> Vec<ContextLine> {
    let w = Words::of(locale);
    let line = |key, label, value| ContextLine { key, label, value };
    let filters = filters(&context.filters, locale);
    let kpi = context
        .kpi
        .map(|kpi| line("kpi", w.kpi, kpi_name(kpi, locale).to_owned()));
    let hours = context
        .hours
        .map(|h| line("hours", w.hours, hours(h, locale).to_owned()));
    kpi.into_iter()
        .chain([
            line(
                "period",
                w.period,
                period(&context.from, &context.to, locale),
            ),
            line("time_zone", w.time_zone, context.tz.clone()),
        ])
        .chain(hours)
        .chain([
            line(
                "filters",
                w.filters,
                filters.unwrap_or_else(|| w.no_filters.to_owned()),
            ),
            line(
                "n",
                w.n,
                context
                    .n
                    .map_or_else(String::new, |n| count(n as f64, locale)),
            ),
            line(
                "data_as_of",
                w.as_of,
                context
                    .as_of
                    .map_or_else(String::new, |t| instant(t, &context.tz, locale)),
            ),
        ])
        .collect()
}

/// The context on one line, under a chart's title (which names the KPI already):
/// "Nov 10 – Dec 7, 2026 · UTC · Calendar hours · Channel: Email · n = 505 · Data as of
/// Dec 7, 2026, 09:00".
pub fn subtitle(context: &ChartContext, locale: Locale) -> String {
    let mut parts = vec![
        period(&context.from, &context.to, locale),
        context.tz.clone(),
    ];
    parts.extend(context.hours.map(|h| hours(h, locale).to_owned()));
    parts.extend(filters(&context.filters, locale));
    parts.extend(
        context
            .n
            .map(|n| format!("n = {}", count(n as f64, locale))),
    );
    parts.extend(
        context
            .as_of
            .map(|t| as_of(&instant(t, &context.tz, locale), locale)),
    );
    parts.join(SEPARATOR)
}

/// The period with its year: "Nov 10 – Dec 7, 2026", "2026년 11월 10일 – 12월 7일",
/// "10 нояб. – 7 дек. 2026 г."; the year on both ends when they differ. Text that is no
/// date is shown as it is.
fn period(from: &str, to: &str, locale: Locale) -> String {
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let (Some(start), Some(end)) = (parse(from), parse(to)) else {
        return format!("{from} – {to}");
    };
    let day = |d: NaiveDate| short_date(&d.to_string(), locale);
    let dated = |d: NaiveDate| with_year(&day(d), d, locale);
    if start == end {
        return dated(end);
    }
    if start.year() != end.year() {
        return format!("{} – {}", dated(start), dated(end));
    }
    match locale {
        Locale::Ko => format!("{} – {}", dated(start), day(end)),
        Locale::En | Locale::Ru => format!("{} – {}", day(start), dated(end)),
    }
}

fn with_year(day: &str, date: NaiveDate, locale: Locale) -> String {
    let year = date.format("%Y");
    match locale {
        Locale::En => format!("{day}, {year}"),
        Locale::Ko => format!("{year}년 {day}"),
        Locale::Ru => format!("{day} {year} г."),
    }
}

/// An instant as local date and time in the chart's zone (UTC if the zone is unknown).
fn instant(unix: i64, tz: &str, locale: Locale) -> String {
    let tz: Tz = tz.parse().unwrap_or(Tz::UTC);
    let Some(local) = tz.timestamp_opt(unix, 0).single() else {
        return String::new();
    };
    let date = with_year(
        &short_date(&local.date_naive().to_string(), locale),
        local.date_naive(),
        locale,
    );
    let time = local.format("%H:%M");
    match locale {
        Locale::Ko => format!("{date} {time}"),
        Locale::En | Locale::Ru => format!("{date}, {time}"),
    }
}

fn as_of(when: &str, locale: Locale) -> String {
    match locale {
        Locale::En => format!("Data as of {when}"),
        Locale::Ko => format!("{when} 기준 데이터"),
        Locale::Ru => format!("Данные на {when}"),
    }
}

fn hours(hours: Hours, locale: Locale) -> &'static str {
    let business = hours == Hours::Business;
    match (locale, business) {
        (Locale::En, false) => "Calendar hours",
        (Locale::En, true) => "Business hours",
        (Locale::Ko, false) => "달력 시간",
        (Locale::Ko, true) => "업무 시간",
        (Locale::Ru, false) => "Календарное время",
        (Locale::Ru, true) => "Рабочее время",
    }
}

/// "Channel: Email; Assignee: Dana Kim", or `None` without filters.
fn filters(filters: &[FilterNames], locale: Locale) -> Option<String> {
    let written: Vec<String> = filters
        .iter()
        .map(|f| format!("{}: {}", dimension(f, locale), values(f, locale)))
        .collect();
    (!written.is_empty()).then(|| written.join("; "))
}

/// Up to three names; past that two and a count of the rest ("billing, refund +3 more").
fn values(filter: &FilterNames, locale: Locale) -> String {
    let (w, values) = (Words::of(locale), &filter.values);
    let name = |v: &Option<String>| match v {
        Some(name) => feedback_choice(&filter.dimension, name, locale)
            .map_or_else(|| cut(name), str::to_owned),
        None => w.no_value.to_owned(),
    };
    if values.len() <= SHOWN_VALUES {
        return values.iter().map(name).collect::<Vec<_>>().join(", ");
    }
    let shown: Vec<String> = values[..SHOWN_VALUES - 1].iter().map(name).collect();
    let rest = values.len() - shown.len();
    let more = match locale {
        Locale::En => format!("+{rest} more"),
        Locale::Ko => format!("외 {rest}개"),
        Locale::Ru => format!("и ещё {rest}"),
    };
    format!("{} {more}", shown.join(", "))
}

fn cut(name: &str) -> String {
    match name.char_indices().nth(VALUE_CHARS) {
        Some((end, _)) => format!("{}…", name[..end].trim_end()),
        None => name.to_owned(),
    }
}

/// A built-in dimension's name as the app's dictionaries write it; a custom field's title.
fn dimension(filter: &FilterNames, locale: Locale) -> String {
    if let Some(label) = &filter.label {
        return cut(label);
    }
    let (en, ko, ru) = match filter.dimension.as_str() {
        "channel" => ("Channel", "채널", "Канал"),
        "status" => ("Status", "상태", "Статус"),
        "priority" => ("Priority", "우선순위", "Приоритет"),
        "type" => ("Type", "유형", "Тип"),
        "group" => ("Group", "그룹", "Группа"),
        "assignee" => ("Assignee", "담당자", "Исполнитель"),
        "brand" => ("Brand", "브랜드", "Бренд"),
        "organization" => ("Organization", "조직", "Организация"),
        "requester" => ("Requester", "요청자", "Автор запроса"),
        "tag" => ("Tag", "태그", "Тег"),
        LANGUAGE => ("Language", "언어", "Язык"),
        TEXTS => ("Texts", "텍스트", "Тексты"),
        other => return cut(other),
    };
    pick(locale, en, ko, ru).to_owned()
}

/// A Feedback choice by its code, as the Feedback screen names it: the language of
/// the texts (`en`, `ko`, `ru`) or which texts (`csat`, `tickets`).
fn feedback_choice(dimension: &str, code: &str, locale: Locale) -> Option<&'static str> {
    let (en, ko, ru) = match (dimension, code) {
        (LANGUAGE, "en") => ("English", "영어", "Английский"),
        (LANGUAGE, "ko") => ("Korean", "한국어", "Корейский"),
        (LANGUAGE, "ru") => ("Russian", "러시아어", "Русский"),
        (TEXTS, "csat") => ("Rating comments", "평가 코멘트", "Комментарии к оценкам"),
        (TEXTS, "tickets") => ("Tickets", "티켓", "Тикеты"),
        _ => return None,
    };
    Some(pick(locale, en, ko, ru))
}

fn pick<'a>(locale: Locale, en: &'a str, ko: &'a str, ru: &'a str) -> &'a str {
    match locale {
        Locale::En => en,
        Locale::Ko => ko,
        Locale::Ru => ru,
    }
}

/// The labels of the header lines.
struct Words {
    kpi: &'static str,
    period: &'static str,
    time_zone: &'static str,
    hours: &'static str,
    filters: &'static str,
    no_filters: &'static str,
    no_value: &'static str,
    n: &'static str,
    as_of: &'static str,
}

impl Words {
    fn of(locale: Locale) -> Words {
        match locale {
            Locale::En => Words {
                kpi: "KPI",
                period: "Period",
                time_zone: "Time zone",
                hours: "Hours",
                filters: "Filters",
                no_filters: "None (all tickets)",
                no_value: "(none)",
                n: "Sample size (n)",
                as_of: "Data as of",
            },
            Locale::Ko => Words {
                kpi: "지표",
                period: "기간",
                time_zone: "시간대",
                hours: "시간 기준",
                filters: "필터",
                no_filters: "없음 (전체 티켓)",
                no_value: "(값 없음)",
                n: "표본 크기 (n)",
                as_of: "데이터 기준 시각",
            },
            Locale::Ru => Words {
                kpi: "Показатель",
                period: "Период",
                time_zone: "Часовой пояс",
                hours: "Время",
                filters: "Фильтры",
                no_filters: "Нет (все обращения)",
                no_value: "(нет значения)",
                n: "Размер выборки (n)",
                as_of: "Данные на",
            },
        }
    }
}

/// The KPI's name in `locale`, as the app's dictionaries write it.
pub fn kpi_name(kpi: KpiId, locale: Locale) -> &'static str {
    let (en, ko, ru) = match kpi {
        KpiId::TicketsCreated => ("Tickets created", "생성된 티켓", "Создано обращений"),
        KpiId::TicketsSolved => ("Tickets solved", "해결된 티켓", "Решено обращений"),
        KpiId::TicketsUnsolved => ("Unsolved tickets", "미해결 티켓", "Нерешённые обращения"),
        KpiId::Backlog => ("Backlog", "백로그", "Бэклог"),
        KpiId::ResolutionRate => ("Resolution rate", "해결률", "Доля решённых"),
        KpiId::FirstReplyTime => (
            "First reply time (median)",
            "첫 응답 시간 (중앙값)",
            "Время первого ответа (медиана)",
        ),
        KpiId::FirstResolutionTime => (
            "First resolution time (median)",
            "최초 해결 시간 (중앙값)",
            "Время первого решения (медиана)",
        ),
        KpiId::FullResolutionTime => (
            "Full resolution time (median)",
            "최종 해결 시간 (중앙값)",
            "Время полного решения (медиана)",
        ),
        KpiId::RequesterWaitTime => (
            "Requester wait time (median)",
            "요청자 대기 시간 (중앙값)",
            "Время ожидания клиента (медиана)",
        ),
        KpiId::AgentWaitTime => (
            "Agent wait time (median)",
            "상담원 대기 시간 (중앙값)",
            "Время ожидания агента (медиана)",
        ),
        KpiId::OnHoldTime => (
            "On-hold time (median)",
            "보류 시간 (중앙값)",
            "Время в удержании (медиана)",
        ),
        KpiId::RepliesPerSolved => (
            "Replies per solved ticket",
            "해결 티켓당 응답 수",
            "Ответов на решённое обращение",
        ),
        KpiId::OneTouchRate => (
            "One-touch resolution rate",
            "원터치 해결률",
            "Решено с одного ответа",
        ),
        KpiId::ZeroTouchRate => (
            "Zero-touch resolution rate",
            "제로터치 해결률",
            "Решено без ответа",
        ),
        KpiId::ReopenRate => ("Reopen rate", "재오픈율", "Доля переоткрытых"),
        KpiId::Csat => ("CSAT", "고객 만족도 (CSAT)", "Удовлетворённость (CSAT)"),
        KpiId::CsatResponseRate => ("CSAT response rate", "CSAT 응답률", "Доля ответов на CSAT"),
        KpiId::SlaAchievement => ("SLA achievement", "SLA 달성률", "Выполнение SLA"),
    };
    pick(locale, en, ko, ru)
}

/// The name of the one series of an ungrouped chart.
pub fn all_tickets(locale: Locale) -> &'static str {
    pick(locale, "All tickets", "전체 티켓", "Все обращения")
}

/// The name of a spreadsheet's sheet that holds the context.
pub fn about_sheet(locale: Locale) -> &'static str {
    pick(locale, "About", "정보", "Сведения")
}
