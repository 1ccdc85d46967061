//! Numbers, shares, durations, dates and weekdays as an exported chart writes them, in
//! English, Korean or Russian. Mirrors the web view's formatters (`ui/src/lib/format`),
//! which use the browser's Intl data, so a chart reads the same on screen and on a slide.

use chrono::{Datelike, NaiveDate};

use super::options::Locale;
use crate::analytics::engine::stats::{MIN_PERCENTILE_SAMPLE, MIN_SHARE_SAMPLE};

/// Russian groups digits with a narrow no-break space, so a number never wraps.
const RU_GROUP: &str = "\u{202F}";
/// Between a Russian number and its percent sign (as Intl writes it).
const RU_PERCENT: &str = "\u{00A0}%";

/// A whole count with the locale's grouping: 12345 → "12,345" (en, ko), "12 345" (ru).
pub fn count(value: f64, locale: Locale) -> String {
    decimal(value, locale, 0)
}

/// A number with up to `digits` decimals, trailing zeros dropped: 2.50 → "2.5" / "2,5".
pub fn decimal(value: f64, locale: Locale, digits: usize) -> String {
    let text = format!("{:.*}", digits, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let (group, point) = match locale {
        Locale::Ru => (RU_GROUP, ","),
        Locale::En | Locale::Ko => (",", "."),
    };
    let mut out = String::new();
    let negative = value < 0.0 && (whole != "0" || !fraction.is_empty());
    if negative {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push_str(point);
        out.push_str(fraction);
    }
    out
}

/// A share 0..1 as a percentage with exactly `digits` decimals: 0.8734 → "87.3%" /
/// "87,3 %".
pub fn percent(share: f64, locale: Locale, digits: usize) -> String {
    let number = fixed(share * 100.0, locale, digits);
    match locale {
        Locale::Ru => format!("{number}{RU_PERCENT}"),
        Locale::En | Locale::Ko => format!("{number}%"),
    }
}

/// A difference of shares in percentage points with exactly `digits` decimals and its
/// sign, as the web view writes it: 0.021 → "+2.1 pp" / "+2.1%p" / "+2,1 п. п."; a
/// difference that rounds to zero has no sign.
pub fn points(delta: f64, locale: Locale, digits: usize) -> String {
    let number = fixed(delta * 100.0, locale, digits);
    let zero = !number.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if delta > 0.0 && !zero { "+" } else { "" };
    match locale {
        Locale::En => format!("{sign}{number} pp"),
        Locale::Ko => format!("{sign}{number}%p"),
        Locale::Ru => format!("{sign}{number}\u{a0}п.\u{a0}п."),
    }
}

/// Like `decimal`, keeping trailing zeros.
fn fixed(value: f64, locale: Locale, digits: usize) -> String {
    let text = decimal(value, locale, digits);
    if digits == 0 {
        return text;
    }
    let point = if locale == Locale::Ru { ',' } else { '.' };
    let shown = text.split_once(point).map_or(0, |(_, f)| f.len());
    let mut text = text;
    if shown == 0 {
        text.push(point);
    }
    text.extend(std::iter::repeat_n('0', digits - shown));
    text
}

const MINUTES_PER_HOUR: f64 = 60.0;
const MINUTES_PER_DAY: f64 = 24.0 * MINUTES_PER_HOUR;

#[derive(Clone, Copy)]
enum DurationUnit {
    Minutes,
    Hours,
    Days,
}

/// "{n} min" and its siblings, as the web view's dictionaries write them.
fn with_unit(n: &str, unit: DurationUnit, locale: Locale) -> String {
    use DurationUnit::*;
    match (locale, unit) {
        (Locale::En, Minutes) => format!("{n} min"),
        (Locale::En, Hours) => format!("{n} h"),
        (Locale::En, Days) => format!("{n} d"),
        (Locale::Ru, Minutes) => format!("{n} мин"),
        (Locale::Ru, Hours) => format!("{n} ч"),
        (Locale::Ru, Days) => format!("{n} дн."),
        (Locale::Ko, Minutes) => format!("{n}분"),
        (Locale::Ko, Hours) => format!("{n}시간"),
        (Locale::Ko, Days) => format!("{n}일"),
    }
}

/// Two most significant units, rounded at the smaller one: 0.4 → "< 1 min", 42 →
/// "42 min", 80 → "1 h 20 min" / "1 ч 20 мин" / "1시간 20분", 4560 → "3 d 4 h".
pub fn duration(minutes: f64, locale: Locale) -> String {
    let n = |v: f64| count(v, locale);
    let unit = |v: f64, u| with_unit(&n(v), u, locale);
    if minutes <= 0.0 {
        return unit(0.0, DurationUnit::Minutes);
    }
    let whole_minutes = minutes.round();
    if whole_minutes == 0.0 {
        return match locale {
            Locale::En => "< 1 min".to_owned(),
            Locale::Ru => "< 1 мин".to_owned(),
            Locale::Ko => "1분 미만".to_owned(),
        };
    }
    let pair = |head: String, rest: f64, rest_unit| {
        if rest == 0.0 {
            head
        } else {
            format!("{head} {}", unit(rest, rest_unit))
        }
    };
    if whole_minutes < MINUTES_PER_HOUR {
        return unit(whole_minutes, DurationUnit::Minutes);
    }
    if whole_minutes < MINUTES_PER_DAY {
        let hours = (whole_minutes / MINUTES_PER_HOUR).floor();
        let rest = whole_minutes % MINUTES_PER_HOUR;
        return pair(
            unit(hours, DurationUnit::Hours),
            rest,
            DurationUnit::Minutes,
        );
    }
    let whole_hours = (minutes / MINUTES_PER_HOUR).round();
    let days = (whole_hours / 24.0).floor();
    pair(
        unit(days, DurationUnit::Days),
        whole_hours % 24.0,
        DurationUnit::Hours,
    )
}

/// One unit only, for axes: 90 → "1.5 h", 30 → "30 min", 2880 → "2 d".
pub fn duration_compact(minutes: f64, locale: Locale) -> String {
    if minutes <= 0.0 {
        return with_unit(&count(0.0, locale), DurationUnit::Minutes, locale);
    }
    if minutes < MINUTES_PER_HOUR {
        let digits = if minutes < 1.0 { 1 } else { 0 };
        return with_unit(
            &decimal(minutes, locale, digits),
            DurationUnit::Minutes,
            locale,
        );
    }
    if minutes < MINUTES_PER_DAY {
        let hours = decimal(minutes / MINUTES_PER_HOUR, locale, 1);
        return with_unit(&hours, DurationUnit::Hours, locale);
    }
    let days = decimal(minutes / MINUTES_PER_DAY, locale, 1);
    with_unit(&days, DurationUnit::Days, locale)
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// The genitive abbreviations Intl uses after a day number ("6 янв.", "3 мая").
const RU_MONTHS: [&str; 12] = [
    "янв.",
    "февр.",
    "мар.",
    "апр.",
    "мая",
    "июн.",
    "июл.",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
];

/// Day and month of a `YYYY-MM-DD` date: "Jan 6" / "6 янв." / "1월 6일"; other text as is.
pub fn short_date(iso: &str, locale: Locale) -> String {
    let Ok(date) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") else {
        return iso.to_owned();
    };
    let (day, month) = (date.day(), date.month0() as usize);
    match locale {
        Locale::En => format!("{} {day}", EN_MONTHS[month]),
        Locale::Ru => format!("{day} {}", RU_MONTHS[month]),
        Locale::Ko => format!("{}월 {day}일", month + 1),
    }
}

/// The ISO week starting on the Monday `iso`, as its first and last day: "Nov 2–8",
/// "Oct 27 – Nov 2" / "2–8 нояб." / "11월 2일–8일"; other text as is.
pub fn week(iso: &str, locale: Locale) -> String {
    let Ok(first) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") else {
        return iso.to_owned();
    };
    let Some(last) = first.checked_add_days(chrono::Days::new(6)) else {
        return short_date(iso, locale);
    };
    let (d0, d1, m0, m1) = (
        first.day(),
        last.day(),
        first.month0() as usize,
        last.month0() as usize,
    );
    let whole = |date: NaiveDate| short_date(&date.format("%Y-%m-%d").to_string(), locale);
    match locale {
        _ if m0 != m1 => format!("{} – {}", whole(first), whole(last)),
        Locale::En => format!("{} {d0}–{d1}", EN_MONTHS[m0]),
        Locale::Ru => format!("{d0}–{d1} {}", RU_MONTHS[m0]),
        Locale::Ko => format!("{}월 {d0}일–{d1}일", m0 + 1),
    }
}

/// The short name of weekday `1`..`7` (Monday first); `None` for anything else.
pub fn weekday(number: &str, locale: Locale) -> Option<&'static str> {
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const RU: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];
    const KO: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];
    let index = number.trim().parse::<usize>().ok()?.checked_sub(1)?;
    let names = match locale {
        Locale::En => &EN,
        Locale::Ru => &RU,
        Locale::Ko => &KO,
    };
    names.get(index).copied()
}

/// An hour of the day `0`..`23` as a two-digit label ("09"); other text as is.
pub fn hour(label: &str) -> String {
    match label.trim().parse::<u32>() {
        Ok(h) if h < 24 => format!("{h:02}"),
        _ => label.to_owned(),
    }
}

/// What an empty chart says instead of axes.
pub fn empty_message(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "No data for this period.",
        Locale::Ru => "За этот период нет данных.",
        Locale::Ko => "이 기간에는 데이터가 없습니다.",
    }
}

/// The legend's note for the small-sample ring, with the engine's thresholds.
pub fn small_sample_note(locale: Locale) -> String {
    let (shares, times) = (MIN_SHARE_SAMPLE, MIN_PERCENTILE_SAMPLE);
    match locale {
        Locale::En => format!("Small sample: under {shares} records ({times} for times)"),
        Locale::Ru => format!("Малая выборка: меньше {shares} записей ({times} для времени)"),
        Locale::Ko => format!("표본 부족: {shares}건 미만(시간은 {times}건 미만)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::*;

    #[test]
    fn weeks_read_as_their_first_and_last_day() {
        assert_eq!(week("2026-11-02", En), "Nov 2–8");
        assert_eq!(week("2026-11-02", Ru), "2–8 нояб.");
        assert_eq!(week("2026-11-02", Ko), "11월 2일–8일");
        assert_eq!(week("2025-10-27", En), "Oct 27 – Nov 2");
        assert_eq!(week("2025-10-27", Ru), "27 окт. – 2 нояб.");
        assert_eq!(week("2024-12-30", Ko), "12월 30일 – 1월 5일");
        assert_eq!(week("total", En), "total");
    }

    #[test]
    fn counts_group_thousands_per_locale() {
        assert_eq!(count(12345.0, En), "12,345");
        assert_eq!(count(12345.0, Ko), "12,345");
        assert_eq!(count(12345.0, Ru), "12\u{202F}345");
        assert_eq!(count(1234567.4, En), "1,234,567");
        assert_eq!(count(999.0, En), "999");
        assert_eq!(count(0.0, Ru), "0");
        assert_eq!(count(-1500.0, En), "-1,500");
        assert_eq!(count(-0.2, En), "0", "no negative zero");
    }

    #[test]
    fn decimals_drop_trailing_zeros_and_use_the_locale_point() {
        assert_eq!(decimal(2.5, En, 2), "2.5");
        assert_eq!(decimal(2.5, Ru, 2), "2,5");
        assert_eq!(decimal(2.0, Ko, 2), "2");
        assert_eq!(decimal(1234.56, Ru, 1), "1\u{202F}234,6");
        assert_eq!(decimal(0.05, En, 1), "0.1");
    }

    #[test]
    fn shares_are_percentages_with_fixed_decimals() {
        assert_eq!(percent(0.8734, En, 1), "87.3%");
        assert_eq!(percent(0.8734, Ko, 1), "87.3%");
        assert_eq!(percent(0.8734, Ru, 1), "87,3\u{00A0}%");
        assert_eq!(percent(0.5, En, 1), "50.0%");
        assert_eq!(percent(0.25, Ru, 0), "25\u{00A0}%");
        assert_eq!(percent(1.0, En, 0), "100%");
    }

    #[test]
    fn durations_show_two_units_like_the_web_view() {
        assert_eq!(duration(0.4, En), "< 1 min");
        assert_eq!(duration(0.4, Ko), "1분 미만");
        assert_eq!(duration(42.0, En), "42 min");
        assert_eq!(duration(80.0, En), "1 h 20 min");
        assert_eq!(duration(80.0, Ru), "1 ч 20 мин");
        assert_eq!(duration(80.0, Ko), "1시간 20분");
        assert_eq!(duration(120.0, En), "2 h");
        assert_eq!(duration(4560.0, En), "3 d 4 h");
        assert_eq!(duration(4560.0, Ru), "3 дн. 4 ч");
        assert_eq!(duration(2880.0, Ko), "2일");
        assert_eq!(duration(0.0, Ru), "0 мин");
    }

    #[test]
    fn compact_durations_use_one_unit_for_axes() {
        assert_eq!(duration_compact(90.0, En), "1.5 h");
        assert_eq!(duration_compact(90.0, Ru), "1,5 ч");
        assert_eq!(duration_compact(30.0, Ko), "30분");
        assert_eq!(duration_compact(2880.0, En), "2 d");
        assert_eq!(duration_compact(0.5, En), "0.5 min");
    }

    #[test]
    fn short_dates_are_localised() {
        assert_eq!(short_date("2025-01-06", En), "Jan 6");
        assert_eq!(short_date("2025-01-06", Ru), "6 янв.");
        assert_eq!(short_date("2025-05-03", Ru), "3 мая");
        assert_eq!(short_date("2025-01-06", Ko), "1월 6일");
        assert_eq!(
            short_date("2025-02-30", En),
            "2025-02-30",
            "invalid stays as is"
        );
    }

    #[test]
    fn weekdays_start_on_monday_and_hours_have_two_digits() {
        assert_eq!(weekday("1", En), Some("Mon"));
        assert_eq!(weekday("7", Ru), Some("Вс"));
        assert_eq!(weekday("3", Ko), Some("수"));
        assert_eq!(weekday("0", En), None);
        assert_eq!(weekday("8", En), None);
        assert_eq!(weekday("Support", En), None);
        assert_eq!(hour("9"), "09");
        assert_eq!(hour("23"), "23");
        assert_eq!(hour("night"), "night");
    }
}
