//! Theme names on the demo: each planted topic's theme should be named by a phrase a
//! reviewer would accept, in its own language. The accepted phrases were written from the demo's
//! phrase banks before any name was generated, so they say what a person would call
//! the topic, not what the naming happens to print. And a name the user gives a theme
//! finds the same theme again when themes are computed on changed data.

use std::collections::HashMap;

use deskbench::feedback::report::FeedbackReport;
use deskbench::feedback::text::Lang;
use deskbench::feedback::theme_names;

use crate::feedback::{demo, holder, planted, range_bounds, run, run_range};

/// Phrases a reviewer accepts as the name of a planted topic in a language.
fn accepted(reason: &str, lang: Lang) -> &'static [&'static str] {
    match (reason, lang) {
        ("contact_login_problem", Lang::En) => &[
            "log in",
            "login",
            "can't log in",
            "cannot log in",
            "sign in",
            "sign-in",
            "unable to sign in",
            "locked out",
            "login screen",
            "login page",
            "login keeps failing",
            "can't log in to my account",
            "locked out of my account",
            "sign-in not working",
            "stuck on the login screen",
            "log in to my account",
            "logging in",
            "login problem",
            "login problems",
            "account locked",
            "login issue",
        ],
        ("contact_login_problem", Lang::Ko) => &[
            "로그인",
            "로그인이 안 돼요",
            "로그인 안 돼요",
            "로그인이 안",
            "로그인 문제",
            "로그인 화면",
            "로그인 페이지",
            "계정이 잠겼어요",
            "계정 잠겼어요",
            "로그인이 계속 실패합니다",
            "로그인 실패",
            "로그인할 수 없어요",
            "계정에 로그인",
            "로그인이",
            "로그인 화면에서",
            "계정 잠김",
        ],
        ("contact_login_problem", Lang::Ru) => &[
            "войти",
            "не могу войти",
            "вход",
            "страница входа",
            "аккаунт заблокирован",
            "войти в аккаунт",
            "не могу войти в аккаунт",
            "авторизоваться",
            "проблемы со входом",
            "страницы входа",
            "на странице входа",
            "логин",
            "не получается авторизоваться",
        ],
        ("contact_password_reset", Lang::En) => &[
            "password",
            "password reset",
            "reset password",
            "reset my password",
            "forgot my password",
            "reset link",
            "password reset email",
            "reset link expired",
            "new password",
            "password reset link",
            "forgot password",
            "reset",
            "password change",
            "password reset email not arriving",
        ],
        ("contact_password_reset", Lang::Ko) => &[
            "비밀번호",
            "비밀번호 재설정",
            "재설정",
            "재설정 링크",
            "비밀번호를 잊어버렸어요",
            "비밀번호 재설정 메일",
            "비밀번호 변경",
            "비밀번호를",
            "비밀번호 재설정 링크",
            "새 비밀번호",
            "비밀번호 변경 링크",
        ],
        ("contact_password_reset", Lang::Ru) => &[
            "пароль",
            "сброс пароля",
            "сбросить пароль",
            "пароля",
            "сброса пароля",
            "ссылка для сброса",
            "смена пароля",
            "смены пароля",
            "новый пароль",
            "не помню пароль",
            "для сброса пароля",
            "ссылка для сброса пароля",
        ],
        ("contact_two_factor", Lang::En) => &[
            "2fa",
            "two-factor",
            "two factor",
            "2fa codes",
            "verification code",
            "authenticator",
            "authenticator app",
            "two-factor code",
            "code",
            "codes",
            "security codes",
            "not receiving 2fa codes",
            "verification codes",
            "two-factor authentication",
            "authenticator codes",
            "authenticator codes rejected",
            "verification code never arrives",
        ],
        ("contact_two_factor", Lang::Ko) => &[
            "인증",
            "2단계 인증",
            "인증 코드",
            "인증 앱",
            "인증 문자",
            "2단계",
            "인증 코드가 안 와요",
            "2단계 인증 코드",
            "코드",
            "인증 앱 코드",
            "인증 코드가",
        ],
        ("contact_two_factor", Lang::Ru) => &[
            "код",
            "коды",
            "код подтверждения",
            "2fa",
            "двухфакторная аутентификация",
            "двухфакторной аутентификации",
            "приложение-аутентификатор",
            "смс с кодом",
            "коды подтверждения",
            "аутентификатор",
            "кодом",
            "кода подтверждения",
        ],
        ("contact_login_outage", Lang::En) => &[
            "outage",
            "down",
            "site down",
            "error 503",
            "503",
            "server error",
            "service disruption",
            "is there an outage",
            "outage right now",
            "nobody on our team can sign in",
            "server error on login",
            "login page returns error 503",
        ],
        ("contact_login_outage", Lang::Ko) => &[
            "장애",
            "서비스 장애",
            "서버 오류",
            "503 오류",
            "사이트 장애",
            "503",
            "서버",
            "로그인 시 서버 오류",
            "서버 오류가",
        ],
        ("contact_login_outage", Lang::Ru) => &[
            "сбой",
            "ошибка 503",
            "ошибку 503",
            "сайт лежит",
            "ошибка сервера",
            "503",
            "сервер",
            "у вас сейчас сбой",
            "вся команда не может войти",
        ],
        ("contact_double_charge", Lang::En) => &[
            "charged twice",
            "double charge",
            "duplicate charge",
            "duplicate payment",
            "billed twice",
            "two identical payments",
            "charged twice this month",
            "twice",
            "duplicate",
            "charged twice",
        ],
        ("contact_double_charge", Lang::Ko) => &[
            "두 번",
            "중복 결제",
            "이중 결제",
            "결제가 두 번",
            "두 번 결제",
            "두 번 결제됐습니다",
            "중복",
            "결제가 두 번 됐어요",
            "카드에 중복 결제",
        ],
        ("contact_double_charge", Lang::Ru) => &[
            "дважды",
            "списали дважды",
            "двойное списание",
            "деньги списали дважды",
            "два одинаковых платежа",
            "двойная оплата",
            "списание",
            "повторное списание",
            "оплатили дважды",
        ],
        ("contact_refund_request", Lang::En) => &[
            "refund",
            "refund request",
            "my refund",
            "money back",
            "requesting a refund",
            "refund still not received",
            "full refund",
            "get my refund",
            "a refund",
        ],
        ("contact_refund_request", Lang::Ko) => &[
            "환불",
            "환불 요청",
            "환불 요청합니다",
            "환불 부탁드립니다",
            "환불은 언제 되나요",
            "환불금",
            "전액 환불",
        ],
        ("contact_refund_request", Lang::Ru) => &[
            "возврат",
            "возврат средств",
            "вернуть деньги",
            "верните деньги",
            "возврата",
            "запрос на возврат",
            "запрос на возврат средств",
        ],
        ("contact_invoice_question", Lang::En) => &[
            "invoice",
            "invoices",
            "vat number",
            "vat",
            "download invoices",
            "question about my invoice",
            "invoice shows wrong amount",
            "download past invoices",
        ],
        ("contact_invoice_question", Lang::Ko) => &[
            "청구서",
            "청구서 문의",
            "청구서 다운로드",
            "사업자등록번호",
            "청구서 금액",
            "청구서에",
            "청구서를",
        ],
        ("contact_invoice_question", Lang::Ru) => &[
            "счет",
            "счете",
            "счета",
            "вопрос по счету",
            "инн",
            "скачать счета",
            "в счете",
            "сумма в счете",
            "реквизиты",
            "реквизитов",
        ],
        ("contact_shipping_delay", Lang::En) => &[
            "card reader",
            "delivery",
            "shipping delay",
            "tracking",
            "order",
            "delivered",
            "shipping",
            "my card reader",
            "where is my card reader",
            "not delivered",
            "package",
            "tracking not updating",
            "delivery is late",
        ],
        ("contact_shipping_delay", Lang::Ko) => &[
            "배송",
            "배송 지연",
            "카드 단말기",
            "택배",
            "배송 조회",
            "배송이",
            "배송 지연 문의",
            "주문",
            "단말기",
            "배송이 안 됐어요",
            "택배가 아직 안 왔어요",
        ],
        ("contact_shipping_delay", Lang::Ru) => &[
            "доставка",
            "доставки",
            "задержка доставки",
            "терминал",
            "заказ",
            "трекинг",
            "посылка",
            "где мой терминал",
            "не доставлен",
            "трек-номер",
        ],
        ("contact_app_crash", Lang::En) => &[
            "app crashes",
            "crash",
            "crashes",
            "app",
            "mobile app",
            "app crashes on startup",
            "crashing",
            "the app crashes",
            "crash after latest update",
            "app keeps closing",
            "closes",
            "app freezes",
        ],
        ("contact_app_crash", Lang::Ko) => &[
            "앱",
            "앱이",
            "앱이 꺼져요",
            "모바일 앱",
            "강제 종료",
            "앱 종료",
            "앱이 계속 종료돼요",
            "앱이 튕겨요",
            "종료",
            "앱이 멈췄다가 꺼져요",
            "앱 튕김",
            "앱이 실행하자마자 꺼져요",
        ],
        ("contact_app_crash", Lang::Ru) => &[
            "приложение",
            "вылетает",
            "приложение вылетает",
            "вылеты",
            "закрывается",
            "приложение закрывается",
            "мобильное приложение",
            "приложение вылетает при запуске",
            "вылетает при запуске",
            "приложение зависает",
        ],
        ("contact_api_errors", Lang::En) => &[
            "api",
            "500 errors",
            "429",
            "rate limit",
            "webhook",
            "webhooks",
            "api returns 500 errors",
            "api requests",
            "rate limit errors",
            "api errors",
            "internal server error",
            "http 500",
            "webhook calls failing",
        ],
        ("contact_api_errors", Lang::Ko) => &[
            "api",
            "api 오류",
            "500 오류",
            "웹훅",
            "요청 한도",
            "api 호출",
            "429",
            "api에서 500 오류",
            "웹훅 호출",
            "api 호출이",
        ],
        ("contact_api_errors", Lang::Ru) => &[
            "api",
            "ошибки 500",
            "ошибка 429",
            "вебхуки",
            "лимит запросов",
            "запросы к api",
            "ошибку 429",
            "к api",
            "таймауты",
            "api возвращает ошибки 500",
        ],
        ("contact_integration_sync", Lang::En) => &[
            "integration",
            "slack",
            "salesforce",
            "sync",
            "syncing",
            "salesforce sync",
            "slack integration",
            "integration disconnected",
            "salesforce sync stopped",
            "slack integration not syncing",
            "sync stopped",
            "integration not syncing",
        ],
        ("contact_integration_sync", Lang::Ko) => &[
            "연동",
            "동기화",
            "슬랙",
            "세일즈포스",
            "슬랙 연동",
            "세일즈포스 동기화",
            "연동이 끊어졌습니다",
            "연동 끊김",
            "슬랙 알림",
        ],
        ("contact_integration_sync", Lang::Ru) => &[
            "интеграция",
            "синхронизация",
            "slack",
            "salesforce",
            "интеграция со slack",
            "синхронизация с salesforce",
            "интеграция отключилась",
            "синхронизации",
            "интеграции",
            "не синхронизируется",
        ],
        ("contact_slow_performance", Lang::En) => &[
            "slow",
            "very slow",
            "dashboard",
            "dashboard very slow",
            "load",
            "timing out",
            "slowly",
            "reports",
            "reports take forever to load",
            "everything is slow",
            "pages load very slowly",
            "slow today",
            "performance issues",
            "timeout",
            "takes forever",
        ],
        ("contact_slow_performance", Lang::Ko) => &[
            "느려요",
            "너무 느려요",
            "대시보드",
            "대시보드가 너무 느려요",
            "로딩",
            "속도",
            "느립니다",
            "보고서 로딩",
            "페이지 로딩",
            "시간 초과",
            "느림",
            "속도가 느려졌어요",
        ],
        ("contact_slow_performance", Lang::Ru) => &[
            "медленно",
            "тормозит",
            "очень медленно",
            "дашборд",
            "все тормозит",
            "грузятся",
            "долго грузятся",
            "таймаут",
            "по таймауту",
            "отчеты грузятся вечность",
            "медленно работает",
        ],
        ("contact_feature_request", Lang::En) => &[
            "feature request",
            "dark mode",
            "export to excel",
            "bulk editing",
            "feature",
            "suggestion",
            "would love",
            "feature suggestion",
            "idea",
            "dark theme",
            "it would be great",
        ],
        ("contact_feature_request", Lang::Ko) => &[
            "기능 요청",
            "다크 모드",
            "기능",
            "제안",
            "엑셀 내보내기",
            "일괄 편집",
            "기능 제안",
            "추가해 주세요",
            "어두운 테마",
        ],
        ("contact_feature_request", Lang::Ru) => &[
            "пожелание",
            "предложение",
            "темная тема",
            "темную тему",
            "выгрузка в excel",
            "массовое редактирование",
            "добавьте",
            "идея",
            "было бы здорово",
        ],
        ("contact_account_deletion", Lang::En) => &[
            "delete my account",
            "account deletion",
            "delete",
            "personal data",
            "gdpr",
            "remove my personal data",
            "close our company account",
            "delete account",
            "data deletion",
            "deleting account",
        ],
        ("contact_account_deletion", Lang::Ko) => &[
            "계정 삭제",
            "계정을 삭제해 주세요",
            "개인정보 삭제",
            "삭제",
            "개인정보",
            "탈퇴",
            "계정 해지",
            "개인정보 삭제 요청",
            "데이터 삭제",
        ],
        ("contact_account_deletion", Lang::Ru) => &[
            "удалить",
            "удалите мой аккаунт",
            "удаление аккаунта",
            "персональные данные",
            "персональных данных",
            "удалить мои персональные данные",
            "закрытие аккаунта",
            "удалите",
            "удаление",
            "мои данные",
        ],
        ("contact_onboarding_setup", Lang::En) => &[
            "invite",
            "invite my team",
            "colleagues",
            "getting started",
            "set up",
            "setup",
            "help getting started",
            "how to invite my team",
            "setting up our new account",
            "invite my colleagues",
            "add my colleagues",
            "new account",
            "where do i start",
            "setup help",
            "invite colleagues",
        ],
        ("contact_onboarding_setup", Lang::Ko) => &[
            "초대",
            "팀원 초대",
            "팀원",
            "설정",
            "시작",
            "시작하는 방법",
            "새 계정 설정",
            "동료",
            "팀원은 어떻게 초대하나요",
            "사용자 추가",
            "계정 설정",
        ],
        ("contact_onboarding_setup", Lang::Ru) => &[
            "пригласить команду",
            "пригласить",
            "настройка",
            "настройка нового аккаунта",
            "с чего начать",
            "начать работу",
            "помогите начать работу",
            "приглашение",
            "пригласить коллег",
            "добавить пользователей",
        ],
        _ => &[],
    }
}

/// A name as compared: lowercase, ё as е, single spaces, no end punctuation.
fn normal(name: &str) -> String {
    name.to_lowercase()
        .replace('ё', "е")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['?', '!', '.'])
        .to_owned()
}

#[test]
fn every_planted_topic_is_named_by_a_phrase_a_reviewer_accepts() {
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
        if count < 40 {
            continue;
        }
        let Some(theme) = holder(&report, &truth, reason, *lang) else {
            continue;
        };
        checked += 1;
        let name = normal(&theme.label);
        let list = accepted(reason, *lang);
        assert!(
            !list.is_empty(),
            "no accepted phrases for {reason} {lang:?}"
        );
        if !list.iter().any(|a| normal(a) == name) {
            problems.push(format!("{reason} ({lang:?}): named {:?}", theme.label));
        }
    }
    assert!(checked >= 40, "only {checked} planted topics have a theme");
    assert!(
        problems.is_empty(),
        "{} of {checked} themes are not named as a reviewer would:\n{}",
        problems.len(),
        problems.join("\n")
    );
    for theme in &report.themes {
        assert!(!theme.label.contains(" · "), "a word list: {}", theme.label);
    }
}

#[test]
fn a_renamed_theme_keeps_its_name_when_themes_are_computed_again_on_changed_data() {
    let (dir, workspace) = demo();
    let first = run(&workspace, "tickets");
    // Every theme named by the user, then a run on other tickets (a month less, two
    // months more before: what a new sync and another period change).
    let kept: Vec<_> = first
        .themes
        .iter()
        .map(|t| theme_names::kept(t, &format!("Named {}", t.id)))
        .collect();
    let mut second = run_range(&workspace, "tickets", "2025-05-01", "2025-11-30");
    theme_names::apply(&mut second.themes, &kept);
    let (_, end) = range_bounds();
    let may = end - 245 * 86_400; // 2025-05-01, the earlier start of both runs
    let truth = planted(dir, may, end);
    let holder = |report: &FeedbackReport, reason: &str, lang: Lang| {
        holder(report, &truth, reason, lang).map(|t| (t.id.clone(), t.label.clone()))
    };
    let mut topics: Vec<(String, Lang)> = truth.values().cloned().collect();
    topics.sort();
    topics.dedup();
    let mut checked = 0;
    let mut lost = Vec::new();
    for (reason, lang) in &topics {
        let Some((id, _)) = holder(&first, reason, *lang) else {
            continue;
        };
        checked += 1;
        let want = format!("Named {id}");
        let after = holder(&second, reason, *lang).map(|(_, label)| label);
        if after.as_deref() != Some(want.as_str()) {
            lost.push(format!("{reason} ({lang:?}): {want:?} became {after:?}"));
        }
    }
    assert!(checked >= 40, "only {checked} topics have a theme");
    assert!(lost.is_empty(), "names lost:\n{}", lost.join("\n"));
}
