//! What e-mail leaves in a customer's first message: a "Sent from my iPhone" line, an old
//! support e-mail quoted below the signature, a confidentiality footer, or contact details
//! (e-mail address, phone or order number) in the text.

use rand::Rng;

use super::calendar::{civil_from_days, weekday, DAY, HOUR};
use super::names::Lang;
use super::sample::{chance, pick, weighted, DemoRng};

/// Who wrote the message and when, for contact details and the quoted e-mail's date.
pub(super) struct Sender<'a> {
    pub email: &'a str,
    pub written_at: i64,
}

/// What e-mail adds to a message: a sentence for its body, lines after its signature.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Leftovers {
    pub body: Option<String>,
    pub trailer: Vec<String>,
}

/// The kinds of leftover, in the order they appear below a signature.
const FOOTER: usize = 0;
const SENT_FROM: usize = 1;
const QUOTE: usize = 2;
const CONTACT: usize = 3;
const KIND_WEIGHTS: [f64; 4] = [0.2, 0.35, 0.25, 0.2];

/// One kind of leftover, sometimes two.
pub(super) fn leftovers(rng: &mut DemoRng, lang: Lang, sender: &Sender) -> Leftovers {
    let mut kinds = [false; 4];
    kinds[weighted(rng, &KIND_WEIGHTS)] = true;
    if chance(rng, 0.25) {
        kinds[weighted(rng, &KIND_WEIGHTS)] = true;
    }
    let mut out = Leftovers::default();
    if kinds[CONTACT] {
        out.body = Some(contact(rng, lang, sender.email));
    }
    if kinds[FOOTER] {
        out.trailer
            .push(format!("--\n{}", pick(rng, footers(lang))));
    }
    if kinds[SENT_FROM] {
        out.trailer.push((*pick(rng, sent_from(lang))).to_owned());
    }
    if kinds[QUOTE] {
        let sent_at = sender.written_at - rng.gen_range(2 * HOUR..6 * DAY);
        let request = rng.gen_range(10_000..99_999);
        out.trailer
            .push(quote(lang, sent_at, request, chance(rng, 0.5)));
    }
    out
}

fn sent_from(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Sent from my iPhone",
            "Sent from my Galaxy",
            "Sent from Outlook for Android",
            "Get Outlook for iOS",
        ],
        Lang::Ko => &["iPhone에서 보냄", "나의 iPhone에서 보냄", "Galaxy에서 보냄"],
        Lang::Ru => &[
            "Отправлено с iPhone",
            "Отправлено из мобильной Почты Mail.ru",
            "Отправлено из Яндекс Почты для мобильных",
        ],
    }
}

fn footers(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you received it in error, please notify the sender and delete it.",
            "This message may contain privileged information. Please consider the environment before printing this e-mail.",
        ],
        Lang::Ko => &[
            "본 메일은 지정된 수신인만을 위한 것으로 기밀 정보를 포함하고 있습니다. 잘못 수신하신 경우 발신인에게 알려 주시고 즉시 삭제해 주시기 바랍니다.",
        ],
        Lang::Ru => &[
            "Конфиденциально: это сообщение и вложения к нему предназначены только для адресата. Если письмо попало к вам по ошибке, сообщите отправителю и удалите его.",
        ],
    }
}

/// A sentence with the customer's e-mail address, phone or an order number.
fn contact(rng: &mut DemoRng, lang: Lang, email: &str) -> String {
    let phone = match lang {
        Lang::En => format!("+44 20 7946 0{:03}", rng.gen_range(0..1_000)),
        Lang::Ko => format!(
            "010-{:04}-{:04}",
            rng.gen_range(2_000..10_000),
            rng.gen_range(0..10_000)
        ),
        Lang::Ru => format!(
            "+7 9{:02} {:03}-{:02}-{:02}",
            rng.gen_range(0..100),
            rng.gen_range(0..1_000),
            rng.gen_range(0..100),
            rng.gen_range(0..100)
        ),
    };
    let order = format!("ORD-{:06}", rng.gen_range(100_000..1_000_000));
    let template = *pick(
        rng,
        match lang {
            Lang::En => &[
                "You can reach me at {phone}.",
                "My account e-mail is {email} in case you need it.",
                "Order number: {order}.",
                "Please call me back on {phone}, it's quicker.",
            ],
            Lang::Ko => &[
                "연락처: {phone}",
                "계정 이메일은 {email} 입니다.",
                "주문번호: {order}",
            ],
            Lang::Ru => &[
                "Мой телефон для связи: {phone}.",
                "Почта аккаунта: {email}.",
                "Номер заказа: {order}.",
            ],
        },
    );
    template
        .replace("{phone}", &phone)
        .replace("{email}", email)
        .replace("{order}", &order)
}

const SUPPORT: &str = "Acme Support <support@acme-demo.example>";

/// An old support e-mail the customer replied to (the receipt of an earlier request, or
/// the note that it was solved), as mail apps quote it.
fn quote(lang: Lang, sent_at: i64, request: u32, solved: bool) -> String {
    let request = request.to_string();
    let quoted: Vec<String> = support_mail(lang, solved)
        .iter()
        .map(|line| format!("> {}", line.replace("{request}", &request)))
        .collect();
    format!("{}\n{}", quote_header(lang, sent_at), quoted.join("\n>\n"))
}

/// The line a mail app in `lang` writes above a quoted e-mail (Gmail's wording).
fn quote_header(lang: Lang, sent_at: i64) -> String {
    let day = sent_at.div_euclid(DAY);
    let (year, month, dom) = civil_from_days(day);
    let (m, wd) = (month as usize - 1, weekday(day) as usize);
    let second = sent_at.rem_euclid(DAY);
    let (hour, minute) = (second / HOUR, second % HOUR / 60);
    let (h12, pm) = ((hour + 11) % 12 + 1, hour >= 12);
    match lang {
        Lang::En => {
            const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let (wd, mon, half) = (DAYS[wd], MONTHS[m], if pm { "PM" } else { "AM" });
            format!("On {wd}, {mon} {dom}, {year} at {h12}:{minute:02} {half} {SUPPORT} wrote:")
        }
        Lang::Ko => {
            const DAYS: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];
            let (wd, half) = (DAYS[wd], if pm { "오후" } else { "오전" });
            format!(
                "{year}년 {month}월 {dom}일 ({wd}) {half} {h12}:{minute:02}, {SUPPORT}님이 작성:"
            )
        }
        Lang::Ru => {
            const DAYS: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];
            #[rustfmt::skip]
            const MONTHS: [&str; 12] = [
                "янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.",
                "нояб.", "дек.",
            ];
            let (wd, mon) = (DAYS[wd], MONTHS[m]);
            format!("{wd}, {dom} {mon} {year} г. в {hour:02}:{minute:02}, {SUPPORT}:")
        }
    }
}

/// Support's earlier e-mail, line by line; `{request}` is the request number.
#[rustfmt::skip]
fn support_mail(lang: Lang, solved: bool) -> [&'static str; 3] {
    match (lang, solved) {
        (Lang::En, false) => ["Hello,", "Thank you for contacting Acme Support. Your request #{request} has been received and our team will get back to you shortly.", "Acme Support"],
        (Lang::En, true) => ["Hello,", "Your request #{request} has been solved. If you have more questions, simply reply to this e-mail.", "Acme Support"],
        (Lang::Ko, false) => ["안녕하세요.", "Acme 고객센터에 문의해 주셔서 감사합니다. 문의 번호 #{request} 건이 접수되었으며 곧 답변드리겠습니다.", "Acme 고객센터"],
        (Lang::Ko, true) => ["안녕하세요.", "문의하신 #{request} 건이 해결되었습니다. 추가 문의가 있으시면 이 메일에 회신해 주세요.", "Acme 고객센터"],
        (Lang::Ru, false) => ["Здравствуйте!", "Спасибо за обращение в поддержку Acme. Ваш запрос № {request} принят, мы ответим в ближайшее время.", "Поддержка Acme"],
        (Lang::Ru, true) => ["Здравствуйте!", "Ваш запрос № {request} решён. Если остались вопросы, просто ответьте на это письмо.", "Поддержка Acme"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;

    const SENDER: Sender = Sender {
        email: "emma.hall@example.com",
        written_at: 1_751_284_800,
    };

    #[test]
    fn quoted_e_mails_carry_a_date_before_the_message_in_each_language() {
        // 14:00 UTC on Saturday 2025-06-28, two days before Monday noon.
        let at = SENDER.written_at - 2 * DAY + 2 * HOUR;
        let en = quote(Lang::En, at, 12_345, false);
        assert!(
            en.starts_with("On Sat, Jun 28, 2025 at 2:00 PM Acme Support"),
            "{en}"
        );
        assert!(en.contains("\n> Thank you for contacting Acme Support. Your request #12345"));
        let ko = quote(Lang::Ko, at, 1, true);
        assert!(ko.starts_with("2025년 6월 28일 (토) 오후 2:00,"), "{ko}");
        let ru = quote(Lang::Ru, at, 1, true);
        assert!(ru.starts_with("сб, 28 июн. 2025 г. в 14:00,"), "{ru}");
    }

    #[test]
    fn every_kind_of_leftover_appears_and_none_leaves_a_placeholder() {
        let mut rng = stream(1, 1);
        let mut seen = [0usize; 4];
        for lang in Lang::ALL {
            for _ in 0..300 {
                let l = leftovers(&mut rng, lang, &SENDER);
                assert!(
                    l.body.is_some() || !l.trailer.is_empty(),
                    "something is added"
                );
                let all = l.trailer.join("\n") + l.body.as_deref().unwrap_or("");
                assert!(!all.contains('{'), "unfilled placeholder in {all}");
                seen[CONTACT] += usize::from(l.body.is_some());
                seen[FOOTER] += usize::from(all.contains("--\n"));
                seen[QUOTE] += usize::from(all.contains("\n> "));
                seen[SENT_FROM] += usize::from(all.contains("iPhone") || all.contains("Outlook"));
            }
        }
        assert!(seen.iter().all(|n| *n > 30), "{seen:?}");
    }
}
