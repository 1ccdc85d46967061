//! Mixed-language text: Korean and Russian customers often write an English product word
//! ("invoice не пришёл", "앱이 계속 crash 나요"), and an English customer now and then
//! quotes a Korean or Russian message.

use rand::Rng;

use super::names::Lang;
use super::sample::{pick, DemoRng};

/// What a text is, which decides the English filler used when it names no product word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Subject,
    Body,
    Praise,
    Complaint,
}

/// Korean words and their English stand-ins. A stand-in ends in the same kind of sound
/// (vowel or consonant), so the particle after it still fits (앱이 → app이, 청구서를 →
/// invoice를); other words are listed with their particle or their head noun.
#[rustfmt::skip]
const KO: &[(&str, &str)] = &[
    ("청구서", "invoice"), ("로그인", "login"), ("비밀번호", "password"), ("앱", "app"),
    ("대시보드", "dashboard"), ("연동", "integration"), ("동기화", "sync"), ("웹훅", "webhook"),
    ("업데이트", "update"), ("보고서", "report"), ("오류", "error"), ("결제", "payment"),
    ("중복 결제", "double charge"), ("환불 요청", "refund 요청"), ("환불해", "refund해"),
    ("환불 부탁", "refund 부탁"), ("환불받", "refund 받"), ("꺼져요", "crash 나요"),
    ("꺼집니다", "crash 납니다"), ("종료돼요", "crash 나요"), ("튕겨요", "crash 나요"),
    ("인증 코드", "OTP 코드"), ("인증 문자", "OTP 문자"), ("인증 앱", "OTP 앱"),
    ("2단계 인증", "2FA 인증"), ("배송 조회가", "tracking이"), ("다크 모드", "dark mode"),
    ("엑셀", "Excel"), ("일괄 편집", "bulk edit"), ("기능 요청", "feature request"),
    ("계정을", "account를"), ("계정이", "account가"), ("계정에", "account에"),
    ("계정 삭제", "account 삭제"), ("계정 해지", "account 해지"), ("세일즈포스", "Salesforce"),
    ("슬랙", "Slack"), ("카드 단말기", "card reader"), ("온보딩", "onboarding"),
    ("서버 오류", "server error"), ("구독료", "subscription fee"), ("구독은", "subscription은"),
    ("구독이", "subscription이"), ("초대", "invite"),
    ("느려요", "slow해요"), ("느립니다", "slow합니다"), ("시간 초과가", "timeout이"),
    ("시간 초과예요", "timeout이에요"), ("시간 초과로", "timeout으로"), ("재설정", "reset"),
    ("요청 한도", "rate limit"), ("개인정보", "personal data"), ("배송 지연", "delivery 지연"),
    ("배송 중", "delivery 중"), ("배송이", "delivery가"), ("택배가", "delivery가"),
    ("택배를", "delivery를"), ("장애", "outage"), ("설정", "setup"), ("가이드", "guide"),
    ("체험 기간", "trial"), ("요금제를", "plan을"), ("요금제 ", "plan "), ("문제", "issue"),
    ("데이터", "data"),
    ("서비스", "service"), ("안내", "guide"), ("해결됐", "fix됐"), ("해결해", "fix해"),
    ("주문번호", "order 번호"), ("상담사가", "agent가"), ("링크", "link"), ("메일", "e-mail"),
];

/// Russian word forms and their English stand-in: an English noun does not decline in
/// Russian speech, so every case takes the same word.
#[rustfmt::skip]
const RU: &[(&[&str], &str)] = &[
    (&["счёт", "счёта", "счёту", "счёте", "счета", "счетов"], "invoice"),
    (&["возврат", "возврата", "возвратом", "возврату", "возврате"], "refund"),
    (&["приложение", "приложения", "приложении", "приложению", "приложением"], "app"),
    (&["пароль", "пароля", "паролем", "паролю"], "password"),
    (&["дашборд", "дашборда", "дашборде", "дашбордом"], "dashboard"),
    (&["интеграция", "интеграцию", "интеграции", "интеграцией"], "integration"),
    (&["синхронизация", "синхронизации", "синхронизацию"], "sync"),
    (&["вебхуки", "вебхуков"], "webhooks"),
    (&["подписку", "подписка", "подписки", "подписке", "подпиской"], "subscription"),
    (&["отчёт", "отчёта"], "report"),
    (&["отчёты", "отчётов"], "reports"),
    (&["выгрузка", "выгрузку", "выгрузки"], "export"),
    (&["тёмную тему", "тёмная тема", "тёмное оформление"], "dark mode"),
    (&["массовое редактирование"], "bulk edit"),
    (&["ошибка", "ошибку", "ошибки", "ошибкой"], "error"),
    (&["сбой", "сбоя", "сбое"], "outage"),
    (&["двойное списание", "двойного списания", "повторное списание"], "double charge"),
    (&["обновления", "обновление"], "update"),
    (&["двухфакторной аутентификации", "двухфакторки"], "2FA"),
    (&["аккаунт", "аккаунта", "аккаунте", "аккаунту"], "account"),
    (&["лимит запросов", "лимитами"], "rate limit"),
    (&["вход", "входа", "входе", "входом"], "login"),
    (&["пожелание"], "feature request"),
    (&["доставка", "доставку", "доставки"], "delivery"),
    (&["таймаут", "таймауту", "таймаута", "таймауты"], "timeout"),
    (&["пробный период"], "trial"),
    (&["поддержка", "поддержку", "поддержки"], "support"),
    (&["терминал", "терминала", "терминалом"], "card reader"),
    (&["трек-номер", "трекинг"], "tracking"),
    (&["тариф", "тарифа", "тарифом"], "plan"),
    (&["персональные данные", "персональных данных"], "personal data"),
    (&["сброса", "сброс"], "reset"),
    (&["код подтверждения", "коды"], "OTP"),
    (&["проблему", "проблема", "проблемы", "проблемой"], "issue"),
    (&["вопрос"], "issue"),
    (&["настройке", "настройках", "настройкой"], "setup"),
    (&["СМС"], "SMS"),
    (&["ссылка", "ссылку", "ссылки"], "link"),
];

/// English said when no product word fits: a subject prefix or a closing remark.
fn filler(lang: Lang, part: Part) -> &'static [&'static str] {
    match (lang, part) {
        (_, Part::Subject) => &["URGENT: ", "Help: ", "Issue: "],
        (Lang::Ko, Part::Body) => &["ASAP 확인 부탁드립니다.", "급한 건이라 ASAP 부탁드려요."],
        (_, Part::Body) => &["Нужно решить ASAP.", "Посмотрите, пожалуйста, ASAP."],
        (_, Part::Praise) => &["Thanks!", "Good job!", "Thx!"],
        (_, Part::Complaint) => &["Seriously?", "Not OK.", "Not good."],
    }
}

/// English texts quoting what a Korean or Russian colleague or screen said.
const QUOTES: [&str; 6] = [
    "Our team in Seoul sees the same thing; their screen says \"오류가 발생했습니다\".",
    "My colleague in Moscow gets it too, with the message \"Произошла ошибка\".",
    "For some reason part of the page is in Korean and says \"다시 시도해 주세요\".",
    "Part of the page shows up in Russian (\"Повторите попытку позже\") although my language is English.",
    "My Korean colleague just wrote \"또 안 돼요\" in our team chat, so it's not only me.",
    "Our Russian office calls this the \"глюк\" of the week.",
];

/// `text` with one Korean or Russian product word in English, or an English remark
/// when it names none. English texts come back unchanged.
pub(super) fn english_word(rng: &mut DemoRng, lang: Lang, part: Part, text: &str) -> String {
    let found = product_words(lang, text);
    if found.is_empty() {
        if lang == Lang::En {
            return text.to_owned();
        }
        let remark = *pick(rng, filler(lang, part));
        return match part {
            Part::Subject => format!("{remark}{text}"),
            _ => format!("{text} {remark}"),
        };
    }
    let (at, native_len, english) = found[rng.gen_range(0..found.len())].clone();
    format!("{}{english}{}", &text[..at], &text[at + native_len..])
}

/// A sentence for an English text that quotes a Korean or Russian message.
pub(super) fn foreign_quote(rng: &mut DemoRng) -> &'static str {
    pick::<&str>(rng, &QUOTES)
}

/// Every replaceable word of `text`: (byte offset, byte length, English stand-in).
fn product_words(lang: Lang, text: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    match lang {
        Lang::En => {}
        Lang::Ko => {
            for (native, english) in KO {
                if let Some(at) = find_word(text, native, false) {
                    found.push((at, native.len(), (*english).to_owned()));
                }
            }
        }
        Lang::Ru => {
            for (forms, english) in RU {
                for form in forms.iter() {
                    let capital = (capitalized(form), capitalized(english));
                    if let Some(at) = find_word(text, form, true) {
                        found.push((at, form.len(), (*english).to_owned()));
                    } else if let Some(at) = find_word(text, &capital.0, true) {
                        found.push((at, capital.0.len(), capital.1));
                    }
                }
            }
        }
    }
    found
}

/// Where `word` starts as a whole word: no letter right before it and, when `whole` (not
/// for Korean, where particles follow), none right after it.
fn find_word(text: &str, word: &str, whole: bool) -> Option<usize> {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let joined = letter(before) || (whole && letter(after));
        !joined
    })
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;

    #[test]
    fn a_product_word_becomes_english_and_keeps_the_rest() {
        let mut rng = stream(1, 1);
        let ru = english_word(&mut rng, Lang::Ru, Part::Body, "Счёт не пришёл.");
        assert_eq!(ru, "Invoice не пришёл.");
        let ko = english_word(
            &mut rng,
            Lang::Ko,
            Part::Subject,
            "앱이 실행하자마자 꺼져요",
        );
        assert!(
            ko == "app이 실행하자마자 꺼져요" || ko == "앱이 실행하자마자 crash 나요",
            "{ko}"
        );
    }

    #[test]
    fn only_whole_words_are_replaced() {
        // "вход" inside "входящие" and "설정" inside "재설정" are other words.
        assert!(product_words(Lang::Ru, "входящие письма").is_empty());
        let found: Vec<String> = product_words(Lang::Ko, "재설정 완료")
            .into_iter()
            .map(|(_, _, english)| english)
            .collect();
        assert_eq!(found, ["reset"]);
    }

    #[test]
    fn a_text_without_product_words_gets_an_english_remark() {
        let mut rng = stream(2, 1);
        let out = english_word(
            &mut rng,
            Lang::Ru,
            Part::Complaint,
            "Медленно и бесполезно.",
        );
        let remark = out.strip_prefix("Медленно и бесполезно. ");
        assert!(remark.is_some_and(|r| r.is_ascii()), "{out}");
        let en = english_word(&mut rng, Lang::En, Part::Body, "Nothing to swap here.");
        assert_eq!(en, "Nothing to swap here.");
    }
}
