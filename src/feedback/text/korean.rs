//! Korean stems without a dictionary: strip trailing particles (조사) and verb or
//! adjective endings (어미), including 하다/되다 verbs, so 환불을, 환불은 and 환불해
//! count as one word. Longest suffix first, a few rounds, never below one syllable.
//! Nouns that merely end like a particle (문의, 불만, 추가, 속도) are protected.
//! A verb stem that an ending fused with is restored, so 느려요, 느립니다 and 느렸어요
//! all count as 느리.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::fnv::{FnvMap, FnvSet};

/// Rounds of stripping: 결제했는데요 → 결제했 → 결제 needs two, 감사했습니다 three.
const MAX_ROUNDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Particle,
    Ending,
}

/// A suffix and the syllables a stem must keep for it to be stripped. Single-syllable
/// endings and light verbs need two, so 사고, 최고, 이해 and 권한 stay whole.
struct Suffix {
    text: &'static str,
    syllables: usize,
    kind: Kind,
    min_stem: usize,
}

#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "에서는", "에게서", "으로는", "으로도", "으로서", "으로써", "에서도", "에서의",
    "에게는", "에게도", "한테서", "한테는", "까지는", "까지도", "부터는", "이라고",
    "이라는", "이라도", "에서", "에게", "한테", "께서", "까지", "부터", "처럼", "보다",
    "이나", "이랑", "이라", "으로", "로는", "로도", "로서", "로써", "에는", "에도", "에만",
    "와는", "과는", "와도", "과도", "은요", "는요", "이요", "하고", "라고", "라는", "마저",
    "조차", "밖에", "께", "와", "과", "은", "는", "이", "가", "을", "를", "에", "의", "도",
    "만", "로", "랑", "나",
];

/// Endings that may leave a single syllable (늦어요 → 늦).
#[rustfmt::skip]
const ENDINGS: &[&str] = &[
    "었습니다", "았습니다", "였습니다", "습니다", "습니까", "었어요", "았어요", "였어요",
    "었는데", "았는데", "는데요", "으세요", "으려고", "려는데", "거든요", "잖아요",
    "이에요", "입니다", "이예요", "을까요", "으니까", "주세요", "주시면", "는데", "은데",
    "던데", "네요", "어요", "아요", "여요", "에요", "예요", "어서", "아서", "어도", "아도",
    "지만", "고요", "세요", "으면", "려고", "려면", "니까", "니다", "는지", "까요", "나요",
    "줘요", "었", "았", "였",
];

/// Single-syllable endings and light-verb pieces (하다, 되다, 받다, 드리다): the stem
/// must keep two syllables.
#[rustfmt::skip]
const SHORT_ENDINGS: &[&str] = &[
    "고", "게", "면", "요", "다", "음", "죠", "던", "하", "해", "했", "합", "한", "할",
    "함", "되", "돼", "됐", "됩", "된", "될", "됨", "받", "드려", "드립", "드리", "드렸",
    "하지", "되지", "하기", "되기", "해서", "돼서",
];

/// Nouns (two or three syllables) that end like a particle or an ending; a stem ending
/// in one stops stripping (so 재문의 and 결제화면 are protected too).
#[rustfmt::skip]
const PROTECTED: &[&str] = &[
    "문의", "회의", "동의", "주의", "합의", "항의", "편의", "정의", "논의", "협의", "건의",
    "불만", "추가", "평가", "휴가", "단가", "물가", "대가", "결과", "효과", "사과", "속도",
    "정도", "한도", "시도", "온도", "태도", "용도", "제도", "빈도", "의도", "각도",
    "만족도", "신뢰도", "난이도", "선호도", "완성도", "인지도", "정확도", "필요", "중요",
    "주요", "수요", "아이", "나이", "차이", "사이", "고양이", "종이", "경로", "도로",
    "통로", "화면", "측면", "이면", "표면", "가게", "재고", "최고", "광고", "신고", "참고",
];

/// The first syllables of 하다 and 되다, which make verbs of nouns (설정하다, 결제되다).
#[rustfmt::skip]
const DOING: &[char] = &[
    '하', '해', '했', '합', '한', '할', '함', '되', '돼', '됐', '됩', '된', '될', '됨',
];

/// The first syllables of the other light verbs (있다, 같다, 나다 as in 오류가 나요).
/// A word that is only a light verb plus an ending (했어요, 돼요, 나요) strips to that
/// syllable, a stop word.
const OTHER_LIGHT_VERBS: &[char] = &['있', '같', '나', '났'];

fn is_light_syllable(c: char) -> bool {
    DOING.contains(&c) || OTHER_LIGHT_VERBS.contains(&c)
}

/// Suffixes by their last syllable, longest first, so each word checks only a few.
static SUFFIXES: LazyLock<FnvMap<char, Vec<Suffix>>> = LazyLock::new(|| {
    let particles = PARTICLES.iter().map(|&text| (text, Kind::Particle, 1));
    let endings = ENDINGS.iter().map(|&text| (text, Kind::Ending, 1));
    let short = SHORT_ENDINGS.iter().map(|&text| (text, Kind::Ending, 2));
    let mut by_last: FnvMap<char, Vec<Suffix>> = FnvMap::default();
    for (text, kind, min_stem) in particles.chain(endings).chain(short) {
        if let Some(last) = text.chars().last() {
            let syllables = text.chars().count();
            let suffix = Suffix {
                text,
                syllables,
                kind,
                min_stem,
            };
            by_last.entry(last).or_default().push(suffix);
        }
    }
    for suffixes in by_last.values_mut() {
        // Stable sort: among equal lengths the table order (particles first) decides.
        suffixes.sort_by_key(|suffix| std::cmp::Reverse(suffix.syllables));
    }
    by_last
});

/// The stem of a Hangul word, at least one syllable long: a prefix of `word`, its last
/// syllable restored when an ending fused with it.
pub(super) fn stem(word: &str) -> Cow<'_, str> {
    let mut stem = word;
    let mut last_strip = None;
    for _ in 0..MAX_ROUNDS {
        if is_protected(stem) {
            break;
        }
        match strip_once(stem) {
            Some((shorter, suffix)) => {
                stem = shorter;
                last_strip = Some(suffix);
            }
            None => break,
        }
    }
    let restored = last_strip
        .filter(|suffix| suffix.kind == Kind::Ending)
        .and_then(|suffix| unfuse(stem, suffix.text));
    match restored {
        Some(restored) => {
            let light = light_verb(&restored).map(str::to_owned);
            Cow::Owned(light.unwrap_or(restored))
        }
        None => Cow::Borrowed(light_verb(stem).unwrap_or(stem)),
    }
}

/// A word without its trailing particle (로그인이 → 로그인, 환불을 → 환불); endings and
/// protected nouns (문의) stay. What a theme name shows of a noun.
pub(super) fn without_particle(word: &str) -> &str {
    if is_protected(word) {
        return word;
    }
    match strip_once(word) {
        Some((shorter, suffix)) if suffix.kind == Kind::Particle => shorter,
        _ => word,
    }
}

/// The noun of a 하다 or 되다 verb (설정하면 → 설정, 결제됐습니다 → 결제), as Korean titles
/// name a matter ("팀원 초대"); `None` for any other word.
pub(super) fn nominal(word: &str) -> Option<&str> {
    let stem = stem(word);
    let rest = word.strip_prefix(stem.as_ref())?;
    let verb = rest.chars().next().is_some_and(|c| DOING.contains(&c));
    let noun = stem.chars().count() >= 2 && stem.chars().all(|c| SYLLABLES.contains(&u32::from(c)));
    (verb && noun).then(|| &word[..stem.len()])
}

/// Hangul syllables are `0xAC00 + (initial × 21 + vowel) × 28 + final`.
const SYLLABLES: std::ops::RangeInclusive<u32> = 0xAC00..=0xD7A3;
const VOWEL_YEO: u32 = 6;
const VOWEL_WA: u32 = 9;
const VOWEL_O: u32 = 8;
const VOWEL_WO: u32 = 14;
const VOWEL_U: u32 = 13;
const VOWEL_I: u32 = 20;
const FINAL_B: u32 = 17;
const FINAL_SS: u32 = 20;

/// The stem before an ending fused with its last syllable, if one did: the formal ㅂ of
/// ㅂ니다 (느립 → 느리, 납 → 나) and the vowel contractions of 어/았/었 (느려 and 느렸 →
/// 느리, 봐 → 보, 바꿔 → 바꾸). `None` when nothing fused.
fn unfuse(stem: &str, ending: &str) -> Option<String> {
    let (at, last) = stem.char_indices().last()?;
    let code = u32::from(last);
    if !SYLLABLES.contains(&code) {
        return None;
    }
    let offset = code - SYLLABLES.start();
    let (initial, vowel, final_) = (offset / (21 * 28), offset / 28 % 21, offset % 28);
    let (vowel, final_) = match (vowel, final_) {
        (_, FINAL_B) if ending.starts_with('니') => (vowel, 0),
        (VOWEL_YEO, 0 | FINAL_SS) => (VOWEL_I, 0),
        (VOWEL_WA, 0 | FINAL_SS) => (VOWEL_O, 0),
        (VOWEL_WO, 0 | FINAL_SS) => (VOWEL_U, 0),
        _ => return None,
    };
    let restored = char::from_u32(SYLLABLES.start() + (initial * 21 + vowel) * 28 + final_)?;
    Some(format!("{}{restored}", &stem[..at]))
}

/// Whether a stem is a bare light verb (하, 돼, 했, 있 …): no meaning of its own.
pub(super) fn is_light_verb(stem: &str) -> bool {
    let mut syllables = stem.chars();
    matches!((syllables.next(), syllables.next()), (Some(first), None) if is_light_syllable(first))
}

static PROTECTED_SET: LazyLock<FnvSet<&'static str>> =
    LazyLock::new(|| PROTECTED.iter().copied().collect());

/// Whether `word` ends in a protected noun (two or three syllables).
fn is_protected(word: &str) -> bool {
    word.char_indices().rev().skip(1).take(2).any(|(at, _)| {
        word.get(at..)
            .is_some_and(|end| PROTECTED_SET.contains(end))
    })
}

/// `word` without its longest strippable suffix, and that suffix.
fn strip_once(word: &str) -> Option<(&str, &'static Suffix)> {
    let last = word.chars().last()?;
    let syllables = word.chars().count();
    SUFFIXES.get(&last)?.iter().find_map(|suffix| {
        let rest = word.strip_suffix(suffix.text)?;
        let kept = syllables.saturating_sub(suffix.syllables);
        (kept >= suffix.min_stem).then_some((rest, suffix))
    })
}

/// 했어요 → 했, 돼요 → 돼, 하려고 → 하: a light verb with only an ending after it.
fn light_verb(word: &str) -> Option<&str> {
    let first = word.chars().next()?;
    if !is_light_syllable(first) {
        return None;
    }
    let (head, rest) = word.split_at(first.len_utf8());
    let is_ending = |rest: &str| {
        let last = rest.chars().last();
        last.and_then(|last| SUFFIXES.get(&last))
            .is_some_and(|suffixes| {
                suffixes
                    .iter()
                    .any(|suffix| suffix.kind == Kind::Ending && suffix.text == rest)
            })
    };
    (rest.is_empty() || is_ending(rest)).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case("결제했어요", "결제")]
    #[case("로그인하려고", "로그인")]
    #[case("재설정하려고", "재설정")]
    #[case("해결해", "해결")]
    #[case("환불을", "환불")]
    #[case("배송이", "배송")]
    #[case("앱에서", "앱")]
    #[case("비밀번호를", "비밀번호")]
    #[case("늦어요", "늦")]
    #[case("앱에서는", "앱")]
    #[case("고객센터에", "고객센터")]
    #[case("상담원이", "상담원")]
    #[case("주문한", "주문")]
    #[case("취소됐어요", "취소")]
    #[case("결제가", "결제")]
    #[case("환불받고", "환불")]
    #[case("문의드립니다", "문의")]
    #[case("감사합니다", "감사")]
    #[case("안녕하세요", "안녕")]
    #[case("불편합니다", "불편")]
    #[case("사용하는데", "사용")]
    #[case("계정으로", "계정")]
    #[case("이메일로는", "이메일")]
    #[case("친구한테", "친구")]
    #[case("처리되지", "처리")]
    #[case("필요해요", "필요")]
    #[case("문제입니다", "문제")]
    #[case("배송이요", "배송")]
    #[case("결제했는데요", "결제")]
    #[case("받았어요", "받")]
    #[case::formal_b("느립니다", "느리")]
    #[case::contracted("느려요", "느리")]
    #[case::contracted_past("느렸어요", "느리")]
    #[case::formal_b_of_a_light_verb("납니다", "나")]
    #[case::wa("봤어요", "보")]
    #[case::wo("바꿨어요", "바꾸")]
    #[case::particle_not_unfused("여행을", "여행")]
    fn particles_and_endings_are_stripped(#[case] word: &str, #[case] expected: &str) {
        assert_eq!(stem(word), expected);
    }

    #[rstest::rstest]
    #[case::particle_like_nouns("문의를", "문의")]
    #[case::complaint("불만이", "불만")]
    #[case::addition("추가", "추가")]
    #[case::speed("속도가", "속도")]
    #[case::compound("결제화면", "결제화면")]
    #[case::single_syllable_ending("사고", "사고")]
    #[case::best("최고", "최고")]
    #[case::understanding("이해", "이해")]
    #[case::limit("한도", "한도")]
    #[case::no_suffix("업데이트", "업데이트")]
    #[case::one_syllable("돈", "돈")]
    fn nouns_that_look_inflected_stay(#[case] word: &str, #[case] expected: &str) {
        assert_eq!(stem(word), expected);
    }

    #[rstest::rstest]
    #[case("했어요", "했")]
    #[case("돼요", "돼")]
    #[case("하려고", "하")]
    #[case("있어요", "있")]
    #[case("있습니다", "있")]
    #[case("해", "해")]
    #[case("나요", "나")]
    fn light_verbs_strip_to_their_first_syllable(#[case] word: &str, #[case] expected: &str) {
        assert_eq!(stem(word), expected);
    }

    #[test]
    fn protected_nouns_have_two_or_three_syllables() {
        for noun in PROTECTED {
            assert!((2..=3).contains(&noun.chars().count()), "{noun}");
        }
    }

    #[test]
    fn light_verbs_are_single_syllables() {
        assert!(is_light_verb("해") && is_light_verb("있"));
        assert!(!is_light_verb("해결") && !is_light_verb("앱"));
    }

    #[rstest::rstest]
    #[case("설정하면", Some("설정"))]
    #[case("초대하나요", Some("초대"))]
    #[case("결제됐습니다", Some("결제"))]
    #[case("삭제해", Some("삭제"))]
    #[case::a_noun("설정을", None)]
    #[case::another_verb("꺼집니다", None)]
    #[case::one_syllable("안해요", None)]
    fn a_doing_verb_names_its_noun(#[case] word: &str, #[case] noun: Option<&str>) {
        assert_eq!(nominal(word), noun);
    }

    #[test]
    fn a_stem_keeps_at_least_one_syllable() {
        for word in ["이", "가", "요", "을", "하고", "에서"] {
            assert!(!stem(word).is_empty(), "{word}");
        }
    }
}
