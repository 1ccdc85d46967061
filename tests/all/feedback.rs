//! Feedback analysis on the demo helpdesk, whose tickets carry their true topic in the
//! "Contact reason" field: every planted theme is found once per language, named by its
//! top terms, with about the planted number of tickets; and the CLI prints the report.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono_tz::Tz;
use deskbench::analytics::query::range::parse_date;
use deskbench::demo::{DemoConfig, CONTACT_REASON_FIELD};
use deskbench::feedback::report::{FeedbackReport, Theme};
use deskbench::feedback::text::Lang;
use deskbench::feedback::{self, FeedbackRequest};
use deskbench::workspace::Workspace;

use crate::cli::{deskbench, stderr};

const FROM: &str = "2025-07-01";
const TO: &str = "2025-12-31";

/// Words that name each planted theme (contact reason) in each language: a theme whose
/// top terms contain one of them is about that topic.
fn names(reason: &str, lang: Lang) -> &'static [&'static str] {
    match (reason, lang) {
        ("contact_login_problem", Lang::En) => &["log in", "login", "locked", "sign in", "logged"],
        ("contact_login_problem", Lang::Ko) => &["로그인", "잠겼"],
        ("contact_login_problem", Lang::Ru) => &["войти", "вход", "логин", "заблок"],
        ("contact_password_reset", Lang::En) => &["password", "reset"],
        ("contact_password_reset", Lang::Ko) => &["비밀번호", "재설정"],
        ("contact_password_reset", Lang::Ru) => &["пароль", "пароля", "сброс"],
        ("contact_two_factor", Lang::En) => {
            &["code", "2fa", "two-factor", "authenticator", "verification"]
        }
        ("contact_two_factor", Lang::Ko) => &["인증", "2단계"],
        ("contact_two_factor", Lang::Ru) => &["код", "двухфактор", "аутентиф"],
        ("contact_login_outage", Lang::En) => &["outage", "down", "503", "server error"],
        ("contact_login_outage", Lang::Ko) => &["장애", "503", "서버"],
        ("contact_login_outage", Lang::Ru) => &["сбой", "503", "лежит", "сервер", "упал"],
        ("contact_double_charge", Lang::En) => &["twice", "charged", "double", "duplicate"],
        ("contact_double_charge", Lang::Ko) => &["두 번", "중복", "이중"],
        ("contact_double_charge", Lang::Ru) => &["дважды", "списали", "двойн", "два раза"],
        ("contact_refund_request", Lang::En) => &["refund"],
        ("contact_refund_request", Lang::Ko) => &["환불"],
        ("contact_refund_request", Lang::Ru) => &["возврат", "вернуть", "верните"],
        ("contact_invoice_question", Lang::En) => &["invoice", "vat", "receipt"],
        ("contact_invoice_question", Lang::Ko) => &["청구서", "세금계산서", "영수증", "인보이스"],
        ("contact_invoice_question", Lang::Ru) => &["счёт", "счет", "ндс", "акт", "инвойс"],
        ("contact_shipping_delay", Lang::En) => &[
            "delivery", "shipping", "courier", "tracking", "arrived", "shipped",
        ],
        ("contact_shipping_delay", Lang::Ko) => &["배송", "택배", "주문"],
        ("contact_shipping_delay", Lang::Ru) => &["доставк", "курьер", "заказ", "трек"],
        ("contact_app_crash", Lang::En) => &["crash", "closes", "app"],
        ("contact_app_crash", Lang::Ko) => &["앱", "종료", "튕", "꺼"],
        ("contact_app_crash", Lang::Ru) => &["приложени", "вылета", "закрыва"],
        ("contact_api_errors", Lang::En) => &["api", "webhook", "500", "429", "rate limit"],
        ("contact_api_errors", Lang::Ko) => &["api", "웹훅", "오류"],
        ("contact_api_errors", Lang::Ru) => &["api", "вебхук", "ошибк"],
        ("contact_integration_sync", Lang::En) => &["integration", "sync", "slack", "salesforce"],
        ("contact_integration_sync", Lang::Ko) => &["연동", "동기화", "슬랙"],
        ("contact_integration_sync", Lang::Ru) => &["интеграц", "синхрониз", "slack"],
        ("contact_slow_performance", Lang::En) => &["slow", "load", "dashboard", "report"],
        ("contact_slow_performance", Lang::Ko) => {
            &["느려", "느리", "느립", "로딩", "대시보드", "보고서"]
        }
        ("contact_slow_performance", Lang::Ru) => {
            &["медленн", "тормоз", "загруж", "отчёт", "дашборд"]
        }
        ("contact_feature_request", Lang::En) => {
            &["feature", "export", "option", "bulk", "would", "suggest"]
        }
        ("contact_feature_request", Lang::Ko) => &["기능", "내보내", "추가"],
        ("contact_feature_request", Lang::Ru) => &[
            "функци",
            "возможност",
            "экспорт",
            "добав",
            "предлож",
            "пожелан",
        ],
        ("contact_account_deletion", Lang::En) => &["delete", "account", "close", "data"],
        ("contact_account_deletion", Lang::Ko) => &["탈퇴", "삭제", "계정"],
        ("contact_account_deletion", Lang::Ru) => &["удал", "аккаунт"],
        ("contact_onboarding_setup", Lang::En) => {
            &["invite", "set up", "setup", "team", "colleague", "started"]
        }
        ("contact_onboarding_setup", Lang::Ko) => &["초대", "설정", "시작"],
        ("contact_onboarding_setup", Lang::Ru) => &["пригла", "настро", "команд"],
        _ => &[],
    }
}

/// The theme of `lang` holding most of a planted topic's tickets (`truth`, from
/// `planted`), when they are most of its own.
pub(crate) fn holder<'r>(
    report: &'r FeedbackReport,
    truth: &HashMap<i64, (String, Lang)>,
    reason: &str,
    lang: Lang,
) -> Option<&'r Theme> {
    let of_topic = |t: &&Theme| {
        t.tickets
            .iter()
            .filter(|k| truth.get(&k.1).is_some_and(|(r, _)| r == reason))
            .count()
    };
    report
        .themes
        .iter()
        .filter(|t| t.lang == lang && of_topic(t) * 2 > t.tickets.len())
        .max_by_key(|t| of_topic(t))
}

/// The topic and language of every ticket created in the range, as the demo wrote them.
pub(crate) fn planted(folder: &Path, start: i64, end: i64) -> HashMap<i64, (String, Lang)> {
    let conn = rusqlite::Connection::open(folder.join("deskbench.sqlite")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT t.id, v.value, u.locale FROM tickets t
             JOIN ticket_field_values v ON v.source_id = t.source_id AND v.ticket_id = t.id
             JOIN users u ON u.source_id = t.source_id AND u.id = t.requester_id
             WHERE v.field_id = ?1 AND t.created_at >= ?2 AND t.created_at < ?3
               AND t.status <> 'deleted'",
        )
        .unwrap();
    let rows = stmt
        .query_map(rusqlite::params![CONTACT_REASON_FIELD, start, end], |r| {
            let value: String = r.get(1)?;
            let locale: String = r.get(2)?;
            Ok((r.get::<_, i64>(0)?, value, locale))
        })
        .unwrap();
    rows.map(|r| {
        let (id, value, locale) = r.unwrap();
        let reason: String = serde_json::from_str(&value).unwrap_or(value);
        let lang = Lang::parse(&locale[..2]).unwrap();
        (id, (reason, lang))
    })
    .collect()
}

/// Start and end (UTC seconds) of the tested range.
pub(crate) fn range_bounds() -> (i64, i64) {
    let midnight = |date: &str| {
        parse_date(date)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    };
    (midnight(FROM), midnight("2026-01-01"))
}

/// The default demo (20,000 tickets over 18 months) up to 2026-01-01, made once for the
/// tests of this module.
pub(crate) fn demo() -> (&'static Path, Workspace) {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let config = DemoConfig {
            now: 1_767_225_600,
            ..DemoConfig::default()
        };
        Workspace::create_demo(dir.path(), &config, &mut |_| {}).unwrap();
        dir
    });
    (dir.path(), Workspace::open(dir.path()).unwrap())
}

pub(crate) fn run(workspace: &Workspace, source: &str) -> FeedbackReport {
    run_range(workspace, source, FROM, TO)
}

/// The report of `source` texts from `from` to `to`.
pub(crate) fn run_range(
    workspace: &Workspace,
    source: &str,
    from: &str,
    to: &str,
) -> FeedbackReport {
    let frame = workspace.frame().unwrap().frame;
    let query = FeedbackRequest {
        from: Some(from.into()),
        to: Some(to.into()),
        source: Some(source.into()),
        ..FeedbackRequest::default()
    }
    .resolve(parse_date("2026-01-01").unwrap(), Tz::UTC)
    .unwrap();
    feedback::run(workspace.store(), &frame, &query).unwrap()
}

#[test]
fn every_planted_theme_is_found_once_per_language_with_about_its_ticket_count() {
    let (dir, workspace) = demo();
    let report = run(&workspace, "tickets");
    let (start, end) = range_bounds();
    let truth = planted(dir, start, end);
    let mut planted_count: HashMap<(String, Lang), u64> = HashMap::new();
    for (reason, lang) in truth.values() {
        *planted_count.entry((reason.clone(), *lang)).or_insert(0) += 1;
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for ((reason, lang), &count) in &planted_count {
        // Too few tickets to be a theme (e.g. a rare outage in one language).
        if count < 40 {
            continue;
        }
        checked += 1;
        let naming: Vec<_> = report
            .themes
            .iter()
            .filter(|t| t.lang == *lang)
            .filter(|t| {
                // Most of the theme's tickets are of this topic…
                let of_topic = t
                    .tickets
                    .iter()
                    .filter(|k| truth.get(&k.1).is_some_and(|(r, _)| r == reason))
                    .count();
                of_topic * 2 > t.tickets.len()
            })
            .filter(|t| {
                // …and its top terms name it.
                t.terms.iter().take(5).any(|term| {
                    names(reason, *lang)
                        .iter()
                        .any(|n| term.to_lowercase().contains(n))
                })
            })
            .collect();
        match naming.as_slice() {
            [theme] => {
                // The demo writes no article about these topics, and one about those.
                let covered = theme.article.as_ref().is_some_and(|a| a.covered);
                let gap = [
                    "contact_shipping_delay",
                    "contact_two_factor",
                    "contact_slow_performance",
                ];
                let has_article = [
                    "contact_password_reset",
                    "contact_refund_request",
                    "contact_app_crash",
                    "contact_account_deletion",
                ];
                if gap.contains(&reason.as_str()) && covered
                    || has_article.contains(&reason.as_str()) && !covered
                {
                    problems.push(format!(
                        "{reason} ({lang:?}): theme {} covered {covered}: {:?}",
                        theme.id, theme.article
                    ));
                }
                let off = (theme.count as f64 - count as f64).abs() / count as f64;
                if off > 0.15 {
                    problems.push(format!(
                        "{reason} ({lang:?}): theme {} has {} tickets, planted {count} ({:.0}% off); terms {:?}",
                        theme.id, theme.count, off * 100.0, theme.terms
                    ));
                }
            }
            [] => problems.push(format!(
                "{reason} ({lang:?}, {count} planted): no theme names it; its tickets went to {}",
                whereabouts(&report, &truth, reason, *lang)
            )),
            many => problems.push(format!(
                "{reason} ({lang:?}): reported {} times: {:?}",
                many.len(),
                many.iter().map(|t| (&t.id, &t.terms)).collect::<Vec<_>>()
            )),
        }
    }
    assert!(
        checked >= 40,
        "only {checked} planted themes are big enough to check"
    );
    assert!(
        problems.is_empty(),
        "{} of {checked} planted themes not recovered:\n{}\nthemes:\n{}",
        problems.len(),
        problems.join("\n"),
        report
            .themes
            .iter()
            .map(|t| format!("{} {} {:?}", t.id, t.count, t.terms))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The themes holding a topic's tickets, largest share first, with their terms: what a
/// failure message needs to tell a split topic from an absorbed one.
fn whereabouts(
    report: &FeedbackReport,
    truth: &HashMap<i64, (String, Lang)>,
    reason: &str,
    lang: Lang,
) -> String {
    let mut held: Vec<(usize, &str, u64, &[String])> = report
        .themes
        .iter()
        .filter(|t| t.lang == lang)
        .map(|t| {
            let of_topic = t
                .tickets
                .iter()
                .filter(|k| truth.get(&k.1).is_some_and(|(r, _)| r == reason))
                .count();
            (
                of_topic,
                t.id.as_str(),
                t.count,
                &t.terms[..t.terms.len().min(6)],
            )
        })
        .filter(|(n, ..)| *n > 0)
        .collect();
    held.sort_by_key(|h| std::cmp::Reverse(h.0));
    held.iter()
        .take(4)
        .map(|(n, id, count, terms)| format!("{n} to {id} ({count} tickets, {terms:?})"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn the_report_covers_sentiment_drivers_duplicates_and_knowledge_base_gaps() {
    let (_, workspace) = demo();
    let report = run(&workspace, "all");
    let c = &report.comments;
    assert_eq!(c.total, c.csat + c.tickets);
    assert!(c.by_lang.en > 0 && c.by_lang.ko > 0 && c.by_lang.ru > 0);
    assert!(
        c.by_lang.other > 0,
        "unsupported languages and emoji-only comments"
    );
    // Half a year of the demo has enough rated comments to train English and Korean
    // classifiers (Russian customers rate less); each must do well on held-out comments.
    for model in &report.sentiment.models {
        if let Some(accuracy) = model.accuracy {
            assert!(
                accuracy >= 0.85,
                "{:?} held-out accuracy {accuracy}",
                model.lang
            );
        }
    }
    let trained = |lang| {
        report
            .sentiment
            .models
            .iter()
            .any(|m| m.lang == lang && m.accuracy.is_some())
    };
    assert!(trained(Lang::En) && trained(Lang::Ko));
    assert_eq!(report.sentiment.over_time.len(), report.periods.len());
    assert!(!report.drivers.effects.is_empty());
    assert!(report
        .drivers
        .effects
        .iter()
        .any(|e| e.dimension == "theme"));
    for e in &report.drivers.effects {
        assert!(e.ci_low <= e.diff && e.diff <= e.ci_high, "{e:?}");
    }
    assert_eq!(
        report.drivers.words.len(),
        3,
        "bad vs good words in each language"
    );
    assert!(!report.duplicates.is_empty(), "templated tickets recur");
    for d in &report.duplicates {
        assert_eq!(d.size as usize, d.ticket_ids.len());
    }
    assert!(
        !report.kb_gaps.is_empty(),
        "the demo leaves topics without articles"
    );
    assert!(
        report
            .themes
            .iter()
            .any(|t| t.article.as_ref().is_some_and(|a| a.covered)),
        "covered themes show their article"
    );
    for theme in &report.themes {
        assert!(
            (3..=5).contains(&theme.examples.len()) || theme.count < 3,
            "{}",
            theme.id
        );
        assert_eq!(theme.trend.len(), report.periods.len());
    }
}

#[test]
fn the_cli_prints_one_json_object_with_every_section() {
    let dir = crate::cli::demo_workspace();
    let out = deskbench(
        dir.path(),
        &[
            "feedback",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--tz",
            "Asia/Seoul",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "comments",
        "themes",
        "emerging",
        "sentiment",
        "drivers",
        "duplicates",
        "kb_gaps",
    ] {
        assert!(json.get(key).is_some(), "no {key}");
    }
    let theme = &json["themes"][0];
    for key in [
        "id", "lang", "label", "terms", "count", "share", "csat", "trend", "change", "examples",
    ] {
        assert!(theme.get(key).is_some(), "theme without {key}");
    }
    assert!(["en", "ko", "ru"].contains(&theme["lang"].as_str().unwrap()));
    let table = deskbench(
        dir.path(),
        &[
            "feedback",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--format",
            "table",
            "--lang",
            "ko",
        ],
    );
    assert!(table.status.success(), "{}", stderr(&table));
    let bad = deskbench(dir.path(), &["feedback", "--lang", "de"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("en, ko, ru"), "{}", stderr(&bad));
}

#[test]
fn broken_huge_empty_and_foreign_comments_count_as_other_without_failing() {
    let dir = crate::cli::demo_workspace();
    let conn = rusqlite::Connection::open(dir.path().join("deskbench.sqlite")).unwrap();
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT id FROM satisfaction_ratings WHERE score IN ('good', 'bad')
             AND updated_at >= strftime('%s', '2025-01-01') AND updated_at < strftime('%s', '2025-07-01')
             ORDER BY id LIMIT 5",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let huge = "The refund took weeks. ".repeat(50_000); // over 1 MB
    let texts: [&dyn rusqlite::ToSql; 5] = [
        &"   ",
        &"🙏🙏😡",
        &huge,
        &"Muchas gracias por la ayuda, todo funciona",
        &"placeholder",
    ];
    for (id, text) in ids.iter().zip(texts) {
        conn.execute(
            "UPDATE satisfaction_ratings SET comment = ?1 WHERE id = ?2",
            rusqlite::params![text, id],
        )
        .unwrap();
    }
    // Invalid UTF-8 stored as text, as a careless import could leave it.
    conn.execute(
        "UPDATE satisfaction_ratings SET comment = CAST(X'C0FFEE20FF' AS TEXT) WHERE id = ?1",
        [ids[4]],
    )
    .unwrap();
    drop(conn);
    let workspace = Workspace::open(dir.path()).unwrap();
    let frame = workspace.frame().unwrap().frame;
    let query = FeedbackRequest {
        from: Some("2025-01-01".into()),
        to: Some("2025-06-30".into()),
        source: Some("csat".into()),
        ..FeedbackRequest::default()
    }
    .resolve(parse_date("2025-07-01").unwrap(), Tz::UTC)
    .unwrap();
    let report = feedback::run(workspace.store(), &frame, &query).unwrap();
    // A blank comment is no comment; emoji, Spanish and broken bytes are "other";
    // the huge one is English, cut to its start.
    assert!(report.comments.by_lang.other >= 3, "{:?}", report.comments);
    assert!(report
        .themes
        .iter()
        .all(|t| t.examples.iter().all(|q| q.text.chars().count() <= 281)));
}
