//! Support vocabulary that customers and help-center articles say differently: "log in",
//! "sign in" and "login"; "refund" and "money back"; "invoice" and "bill". Each group's
//! words are stemmed as any text is and brought to one stem, so an article titled
//! "Troubleshooting sign-in problems" matches a theme about logins. Only for matching
//! themes to articles; themes themselves keep the customers' words.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::text::{prepare_in, Lang};

/// Words that mean the same in support requests, per language; the first names the group.
/// A stem belongs to one group only (the first that lists it).
#[rustfmt::skip]
const GROUPS: &[(Lang, &[&str])] = &[
    (Lang::En, &["login", "log", "logging", "signin", "sign", "signing", "logon"]),
    (Lang::En, &["password", "passcode", "credentials"]),
    (Lang::En, &["refund", "reimbursement", "money", "chargeback"]),
    (Lang::En, &["invoice", "bill", "receipt", "billing"]),
    (Lang::En, &["charge", "payment", "debit"]),
    (Lang::En, &["delete", "remove", "erase", "deletion"]),
    (Lang::En, &["crash", "crashes", "freeze"]),
    (Lang::En, &["integration", "connection", "connect", "reconnect"]),
    (Lang::En, &["invite", "invitation", "onboarding", "colleagues"]),
    (Lang::En, &["outage", "disruption", "down", "downtime"]),
    (Lang::En, &["feature", "suggestion", "idea"]),
    (Lang::Ko, &["로그인", "접속", "로그온"]),
    (Lang::Ko, &["비밀번호", "패스워드", "암호"]),
    (Lang::Ko, &["환불", "반환", "환급"]),
    (Lang::Ko, &["청구서", "인보이스", "영수증", "계산서"]),
    (Lang::Ko, &["삭제", "탈퇴", "해지"]),
    (Lang::Ko, &["장애", "다운", "중단"]),
    (Lang::Ko, &["기능", "제안", "아이디어"]),
    (Lang::Ru, &["вход", "войти", "логин", "авторизоваться", "авторизация", "входа"]),
    (Lang::Ru, &["пароль", "пароля"]),
    (Lang::Ru, &["возврат", "вернуть", "верните", "вернули"]),
    (Lang::Ru, &["счёт", "счета", "инвойс", "квитанция"]),
    (Lang::Ru, &["удаление", "удалить", "удалите", "стереть"]),
    (Lang::Ru, &["сбой", "недоступен", "лежит", "инцидент"]),
    (Lang::Ru, &["пожелание", "пожеланиями", "предложение", "идея"]),
    // The noun and the verb of one root, which the stemmer keeps apart.
    (Lang::Ru, &["синхронизация", "синхронизируется", "синхронизируются", "синхронизировать"]),
    (Lang::Ru, &["план", "планируется", "планируете", "планировать"]),
];

/// The stem every word of a group is brought to, by language and stem.
static CANONICAL: LazyLock<HashMap<(Lang, String), String>> = LazyLock::new(|| {
    let stem = |lang: Lang, word: &str| {
        prepare_in(word, lang)
            .tokens
            .into_iter()
            .next()
            .map(|t| t.stem)
    };
    let mut map = HashMap::new();
    for (lang, words) in GROUPS {
        let Some(head) = words.first().and_then(|w| stem(*lang, w)) else {
            continue;
        };
        for word in *words {
            if let Some(s) = stem(*lang, word) {
                map.entry((*lang, s)).or_insert_with(|| head.clone());
            }
        }
    }
    map
});

/// The group stem of `stem`, or `stem` itself when it is in no group.
pub fn canonical(lang: Lang, stem: String) -> String {
    CANONICAL
        .get(&(lang, stem.clone()))
        .cloned()
        .unwrap_or(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(lang: Lang, word: &str) -> String {
        let token = prepare_in(word, lang).tokens.into_iter().next().unwrap();
        canonical(lang, token.stem)
    }

    #[test]
    fn sign_in_log_in_and_login_are_one_word() {
        let login = stem(Lang::En, "login");
        assert_eq!(stem(Lang::En, "sign-in"), login);
        assert_eq!(stem(Lang::En, "logging"), login);
        assert_eq!(stem(Lang::En, "bill"), stem(Lang::En, "invoices"));
        assert_eq!(stem(Lang::Ru, "войти"), stem(Lang::Ru, "входа"));
        assert_eq!(stem(Lang::Ru, "верните"), stem(Lang::Ru, "возврат"));
        assert_eq!(stem(Lang::Ko, "접속"), stem(Lang::Ko, "로그인"));
        assert_eq!(
            stem(Lang::Ru, "синхронизируется"),
            stem(Lang::Ru, "синхронизацию")
        );
        assert_eq!(stem(Lang::Ru, "планируется"), stem(Lang::Ru, "план"));
    }

    #[test]
    fn other_words_keep_their_stem() {
        assert_eq!(canonical(Lang::En, "parcel".into()), "parcel");
        assert_ne!(stem(Lang::En, "login"), stem(Lang::Ru, "вход"));
    }
}
