//! Name pools in English, Korean and Russian, each native form with a Latin spelling for
//! e-mail addresses.

use super::sample::{chance, pick, DemoRng};

/// Ticket and user languages; the index into every per-language table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    En = 0,
    Ko = 1,
    Ru = 2,
}

impl Lang {
    pub(super) const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ru];

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Zendesk user locale.
    pub(super) fn user_locale(self) -> &'static str {
        ["en-US", "ko", "ru"][self.index()]
    }

    /// Help Center locale, as in article URLs.
    pub(super) fn hc_locale(self) -> &'static str {
        ["en-us", "ko", "ru"][self.index()]
    }

    pub(super) fn time_zones(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                "America/New_York",
                "America/Chicago",
                "America/Los_Angeles",
                "Europe/London",
                "Europe/Dublin",
                "Australia/Sydney",
            ],
            Lang::Ko => &["Asia/Seoul"],
            Lang::Ru => &["Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk"],
        }
    }
}

/// A generated person: display name, the name customers call them by, and a Latin login.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub name: String,
    /// First name (en, ru) or full name (ko, where a given name alone sounds too familiar).
    pub short: String,
    pub login: String,
}

#[rustfmt::skip]
const EN_FIRST: [&str; 32] = [
    "Emma", "Olivia", "Sophia", "Grace", "Chloe", "Hannah", "Lucy", "Megan", "Rachel", "Laura",
    "Sarah", "Emily", "Jessica", "Natalie", "Claire", "Amy", "James", "Liam", "Noah", "Daniel",
    "Ethan", "Lucas", "Oliver", "Ryan", "Adam", "Samuel", "Nathan", "Henry", "Jack", "Owen", "Mark",
    "David",
];
#[rustfmt::skip]
const EN_LAST: [&str; 40] = [
    "Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Walker", "Hall",
    "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell",
    "Turner", "Parker", "Collins", "Evans", "Reed", "Cook", "Bell", "Murphy", "Bailey", "Cooper",
    "Ward", "Brooks", "Hughes", "Price", "Bennett", "Wood", "Foster", "Gray", "Hayes", "Morgan",
];
#[rustfmt::skip]
const KO_FAMILY: [(&str, &str); 16] = [
    ("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi"), ("정", "jung"), ("강", "kang"),
    ("조", "cho"), ("윤", "yoon"), ("장", "jang"), ("임", "lim"), ("한", "han"), ("오", "oh"),
    ("서", "seo"), ("신", "shin"), ("권", "kwon"), ("황", "hwang"),
];
#[rustfmt::skip]
const KO_GIVEN: [(&str, &str); 20] = [
    ("민준", "minjun"), ("서연", "seoyeon"), ("지훈", "jihoon"), ("지우", "jiwoo"), ("서준", "seojun"),
    ("하은", "haeun"), ("도윤", "doyoon"), ("수아", "sua"), ("예준", "yejun"), ("지민", "jimin"),
    ("현우", "hyunwoo"), ("유진", "yujin"), ("은지", "eunji"), ("성민", "sungmin"), ("다은", "daeun"),
    ("준호", "junho"), ("혜진", "hyejin"), ("동현", "donghyun"), ("소연", "soyeon"), ("재원", "jaewon"),
];
/// Russian first names: (name, Latin, female).
#[rustfmt::skip]
const RU_FIRST: [(&str, &str, bool); 24] = [
    ("Анна", "anna", true), ("Мария", "maria", true), ("Елена", "elena", true),
    ("Ольга", "olga", true), ("Наталья", "natalya", true), ("Татьяна", "tatiana", true),
    ("Ирина", "irina", true), ("Екатерина", "ekaterina", true), ("Светлана", "svetlana", true),
    ("Дарья", "darya", true), ("Юлия", "yulia", true), ("Ксения", "ksenia", true),
    ("Алексей", "alexey", false), ("Дмитрий", "dmitry", false), ("Сергей", "sergey", false),
    ("Андрей", "andrey", false), ("Иван", "ivan", false), ("Михаил", "mikhail", false),
    ("Николай", "nikolay", false), ("Павел", "pavel", false), ("Артём", "artem", false),
    ("Максим", "maxim", false), ("Владимир", "vladimir", false), ("Егор", "egor", false),
];
/// Masculine surnames; the feminine form adds "а" / "a".
#[rustfmt::skip]
const RU_LAST: [(&str, &str); 18] = [
    ("Смирнов", "smirnov"), ("Иванов", "ivanov"), ("Кузнецов", "kuznetsov"), ("Попов", "popov"),
    ("Соколов", "sokolov"), ("Лебедев", "lebedev"), ("Козлов", "kozlov"), ("Новиков", "novikov"),
    ("Морозов", "morozov"), ("Волков", "volkov"), ("Фёдоров", "fedorov"), ("Павлов", "pavlov"),
    ("Семёнов", "semenov"), ("Голубев", "golubev"), ("Орлов", "orlov"), ("Никитин", "nikitin"),
    ("Захаров", "zakharov"), ("Белов", "belov"),
];

pub(super) fn person(rng: &mut DemoRng, lang: Lang) -> Person {
    match lang {
        Lang::En => {
            let first = *pick(rng, &EN_FIRST);
            let last = *pick(rng, &EN_LAST);
            Person {
                name: format!("{first} {last}"),
                short: first.to_owned(),
                login: format!("{}.{}", first.to_lowercase(), last.to_lowercase()),
            }
        }
        Lang::Ko => {
            let (family, family_latin) = *pick(rng, &KO_FAMILY);
            let (given, given_latin) = *pick(rng, &KO_GIVEN);
            let name = format!("{family}{given}");
            Person {
                short: name.clone(),
                name,
                login: format!("{given_latin}.{family_latin}"),
            }
        }
        Lang::Ru => {
            let (first, first_latin, female) = *pick(rng, &RU_FIRST);
            let (last, last_latin) = *pick(rng, &RU_LAST);
            let (last, last_latin) = if female {
                (format!("{last}а"), format!("{last_latin}a"))
            } else {
                (last.to_owned(), last_latin.to_owned())
            };
            Person {
                name: format!("{first} {last}"),
                short: first.to_owned(),
                login: format!("{first_latin}.{last_latin}"),
            }
        }
    }
}

#[rustfmt::skip]
const EN_ORG_A: [&str; 30] = [
    "Blue", "Cedar", "North", "Silver", "Bright", "Summit", "River", "Harbor", "Granite", "Maple",
    "Pioneer", "Golden", "Evergreen", "Redwood", "Lakeside", "Iron", "Crystal", "Sunrise", "Atlas",
    "Beacon", "Falcon", "Orchid", "Meridian", "Keystone", "Copper", "Willow", "Oakleaf",
    "Pinecrest", "Stonebridge", "Clearwater",
];
#[rustfmt::skip]
const EN_ORG_B: [&str; 20] = [
    "Analytics", "Logistics", "Health", "Labs", "Retail", "Foods", "Media", "Systems", "Partners",
    "Studio", "Dynamics", "Networks", "Outfitters", "Energy", "Travel", "Realty", "Works",
    "Robotics", "Bakery", "Motors",
];
const EN_ORG_SUFFIX: [&str; 6] = ["Inc.", "LLC", "Ltd", "Co.", "Group", "GmbH"];
#[rustfmt::skip]
const KO_ORG_A: [(&str, &str); 16] = [
    ("한빛", "hanbit"), ("새봄", "saebom"), ("푸른솔", "pureunsol"), ("다온", "daon"), ("미래", "mirae"),
    ("하나", "hana"), ("바다", "bada"), ("누리", "nuri"), ("가람", "garam"), ("별빛", "byeolbit"),
    ("우리", "uri"), ("아름", "areum"), ("단비", "danbi"), ("온누리", "onnuri"), ("해솔", "haesol"),
    ("도담", "dodam"),
];
#[rustfmt::skip]
const KO_ORG_B: [(&str, &str); 12] = [
    ("테크", "tech"), ("소프트", "soft"), ("물산", "trading"), ("커머스", "commerce"), ("로지스", "logis"),
    ("푸드", "food"), ("헬스케어", "healthcare"), ("미디어", "media"), ("디자인", "design"),
    ("모빌리티", "mobility"), ("에너지", "energy"), ("에듀", "edu"),
];
#[rustfmt::skip]
const RU_ORG_A: [(&str, &str); 12] = [
    ("Северный", "severny"), ("Восточный", "vostochny"), ("Первый", "pervy"), ("Новый", "novy"),
    ("Городской", "gorodskoy"), ("Быстрый", "bystry"), ("Надёжный", "nadezhny"),
    ("Главный", "glavny"), ("Сибирский", "sibirsky"), ("Волжский", "volzhsky"),
    ("Уральский", "uralsky"), ("Столичный", "stolichny"),
];
#[rustfmt::skip]
const RU_ORG_B: [(&str, &str); 10] = [
    ("Альянс", "alliance"), ("Сервис", "servis"), ("Маркет", "market"), ("Стандарт", "standart"),
    ("Проект", "proekt"), ("Ресурс", "resurs"), ("Капитал", "kapital"), ("Холдинг", "holding"),
    ("Транзит", "tranzit"), ("Терминал", "terminal"),
];

/// The `n`-th organization name of a language and its e-mail domain. Names are distinct
/// until the pool runs out, then a branch number keeps them apart.
pub(super) fn organization(rng: &mut DemoRng, lang: Lang, n: usize) -> (String, String) {
    let (name, slug, pool) = match lang {
        Lang::En => {
            let (a, b) = (EN_ORG_A[n % 30], EN_ORG_B[(n / 30 + n) % 20]);
            let slug = format!("{}-{}", a.to_lowercase(), b.to_lowercase());
            let suffix = if chance(rng, 0.6) {
                *pick(rng, &EN_ORG_SUFFIX)
            } else {
                ""
            };
            let name = format!("{a} {b} {suffix}").trim_end().to_owned();
            (name, slug, 600)
        }
        Lang::Ko => {
            let ((a, al), (b, bl)) = (KO_ORG_A[n % 16], KO_ORG_B[(n / 16 + n) % 12]);
            let prefix = if chance(rng, 0.5) { "(주)" } else { "" };
            (format!("{prefix}{a}{b}"), format!("{al}-{bl}"), 192)
        }
        Lang::Ru => {
            let ((a, al), (b, bl)) = (RU_ORG_A[n % 12], RU_ORG_B[(n / 12 + n) % 10]);
            (format!("ООО «{a} {b}»"), format!("{al}-{bl}"), 120)
        }
    };
    let branch = n / pool;
    if branch == 0 {
        (name, format!("{slug}.example"))
    } else {
        (
            format!("{name} ({})", branch + 1),
            format!("{slug}{}.example", branch + 1),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;

    #[test]
    fn organization_names_are_distinct_within_a_language() {
        let mut rng = stream(1, 1);
        for lang in Lang::ALL {
            let mut names: Vec<String> = (0..700)
                .map(|n| organization(&mut rng, lang, n).1)
                .collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), 700, "{lang:?} domains repeat");
        }
    }

    #[test]
    fn russian_women_get_feminine_surnames() {
        let mut rng = stream(2, 1);
        for _ in 0..200 {
            let p = person(&mut rng, Lang::Ru);
            let female = RU_FIRST.iter().any(|(n, _, f)| *f && p.name.starts_with(n));
            assert_eq!(female, p.name.ends_with('а'), "{}", p.name);
        }
    }
}
