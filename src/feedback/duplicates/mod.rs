//! Near-duplicate tickets: groups of texts that say the same thing in nearly the same
//! words, such as a template sent many times or one complaint pasted with small edits.
//! Large groups are automation candidates. MinHash estimates how much two texts' shingles
//! overlap; LSH finds the candidate pairs without comparing every pair.

mod hash;
mod lsh;
mod minhash;
mod shingles;
mod union_find;

use std::collections::BTreeMap;

use rayon::prelude::*;

use self::lsh::Signatures;
use self::minhash::MinHasher;
use self::shingles::{shingle, Scratch};
use self::union_find::UnionFind;
use crate::feedback::text::Lang;

/// One text to group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DupInput<'a> {
    pub lang: Option<Lang>,
    /// `Prepared::text`: cleaned, with numbers, e-mails and links masked.
    pub text: &'a str,
}

/// How near is near enough.
#[derive(Debug, Clone, PartialEq)]
pub struct DupParams {
    /// MinHash functions per signature (clamped to 1..=1024).
    pub hashes: usize,
    /// LSH bands; each has `hashes / bands` rows (clamped to 1..=hashes). More bands
    /// find less similar pairs at the cost of more comparisons.
    pub bands: usize,
    /// Estimated Jaccard similarity of two texts' shingles needed to join them.
    pub min_similarity: f64,
    /// Smallest group reported (at least 2).
    pub min_size: usize,
}

impl Default for DupParams {
    fn default() -> Self {
        DupParams {
            hashes: 128,
            bands: 32,
            min_similarity: 0.6,
            min_size: 3,
        }
    }
}

const MAX_HASHES: usize = 1024;

/// Groups of near-duplicate documents, as indices into `docs`: members ascending, groups
/// by size descending then by first member. Texts without words never join a group.
pub fn near_duplicate_groups(docs: &[DupInput], params: &DupParams) -> Vec<Vec<usize>> {
    let hashes = params.hashes.clamp(1, MAX_HASHES);
    let bands = params.bands.clamp(1, hashes);
    let rows = hashes / bands;
    let hasher = MinHasher::new(hashes);

    let mut table = vec![0u32; docs.len() * hashes];
    let signed: Vec<bool> = table
        .par_chunks_mut(hashes)
        .zip(docs.par_iter())
        .map_init(Scratch::default, |scratch, (signature, doc)| {
            shingle(doc.lang, doc.text, scratch);
            hasher.sign(&scratch.shingles, signature);
            !scratch.shingles.is_empty()
        })
        .collect();

    let signatures = Signatures {
        table: &table,
        width: hashes,
        signed: &signed,
    };
    let mut sets = lsh::link(&signatures, bands, rows, params.min_similarity);
    groups(&mut sets, docs.len(), params.min_size.max(2))
}

/// The sets of at least `min_size` members, in output order.
fn groups(sets: &mut UnionFind, docs: usize, min_size: usize) -> Vec<Vec<usize>> {
    let roots: Vec<usize> = (0..docs).map(|doc| sets.find(doc)).collect();
    let mut sizes = vec![0usize; docs];
    for &root in &roots {
        if let Some(size) = sizes.get_mut(root) {
            *size += 1;
        }
    }
    // Visiting docs in order pushes each group's members ascending.
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (doc, &root) in roots.iter().enumerate() {
        let size = sizes.get(root).copied().unwrap_or(0);
        if size >= min_size {
            by_root
                .entry(root)
                .or_insert_with(|| Vec::with_capacity(size))
                .push(doc);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_root.into_values().collect();
    // First members are distinct, so this order is total.
    groups.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then_with(|| a.first().cmp(&b.first()))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(texts: &[(Option<Lang>, &str)]) -> Vec<Vec<usize>> {
        let docs: Vec<DupInput> = texts
            .iter()
            .map(|&(lang, text)| DupInput { lang, text })
            .collect();
        near_duplicate_groups(&docs, &DupParams::default())
    }

    const EN: Option<Lang> = Some(Lang::En);

    #[test]
    fn an_edited_duplicate_is_found() {
        let complaint = "Hello, I was charged twice for my annual subscription this month \
            and I can see both payments on my card statement. I only have one account with \
            you. Please refund the second payment as soon as possible and confirm by e-mail \
            when it is done.";
        let groups = group(&[
            (EN, complaint),
            (EN, "Your app keeps logging me out every time I switch to another tab."),
            (EN, &complaint.replace(". I only", "! I only")),
            (EN, &complaint.replace("Hello", "Hi").replace("subscription", "subscribtion").replace("card", "bank")),
            (EN, "I was charged twice for my order this week and I can see both payments in the app. Please cancel one of them."),
        ]);
        assert_eq!(
            groups,
            [vec![0, 2, 3]],
            "a typo and two changed words leave most 3-shingles shared; the same topic in \
             other words does not"
        );
    }

    #[test]
    fn unrelated_texts_are_not_grouped() {
        let groups = group(&[
            (EN, "My package arrived damaged and the box was wet."),
            (EN, "How do I change the e-mail address on my account?"),
            (EN, "The courier left the parcel at the wrong door again."),
            (EN, "I cannot log in since the last update of the app."),
            (
                Some(Lang::Ru),
                "Не могу войти в личный кабинет после обновления.",
            ),
        ]);
        assert!(groups.is_empty(), "{groups:?}");
    }

    #[test]
    fn korean_texts_differing_in_particles_and_endings_are_grouped() {
        let ko = Some(Lang::Ko);
        // Word 3-shingles of the first two share under half their shingles.
        let groups = group(&[
            (ko, "지난주에 주문한 운동화가 아직 배송되지 않았어요. 배송 조회를 해도 정보가 없고 고객센터는 전화를 받지 않아요. 빠른 환불 부탁드립니다."),
            (ko, "지난주에 주문한 운동화는 아직 배송되지 않았습니다. 배송 조회를 해도 정보가 없고 고객센터는 전화를 받지 않아요. 빠른 환불 부탁드립니다."),
            (None, "지난주 주문한 운동화가 아직 배송되지 않았어요! 배송 조회를 해도 정보가 없고 고객센터는 전화를 받지 않네요. 빠른 환불 부탁드립니다."),
            (ko, "비밀번호를 바꾸고 싶은데 인증 메일이 오지 않아요. 스팸함에도 없습니다."),
            (ko, "지난달에 주문한 가방이 파손되어 도착했어요. 교환 부탁드립니다."),
        ]);
        assert_eq!(groups, [vec![0, 1, 2]]);
    }

    #[test]
    fn empty_and_one_word_texts_do_not_group_with_everything() {
        let template = "Where is my order [number]? It was due last week.";
        let groups = group(&[
            (None, ""),
            (EN, template),
            (None, "  ...  "),
            (EN, "thanks"),
            (EN, template),
            (None, ""),
            (EN, "refund"),
            (EN, template),
            (None, "!!!"),
            (EN, "help"),
        ]);
        assert_eq!(
            groups,
            [vec![1, 4, 7]],
            "empty texts have no signature and single words share nothing"
        );
    }

    #[test]
    fn a_template_sent_twenty_thousand_times_is_one_group() {
        // Each copy had its own order number, masked by text preparation.
        let template =
            "Where is my order [number]? It was due last week and tracking still shows nothing.";
        let greeted = format!("Hi, {template}");
        let docs: Vec<DupInput> = (0..20_000)
            .map(|i| DupInput {
                lang: EN,
                text: if i % 2 == 0 { template } else { &greeted },
            })
            .collect();
        let groups = near_duplicate_groups(&docs, &DupParams::default());
        assert_eq!(groups, [(0..20_000).collect::<Vec<_>>()]);
    }

    #[test]
    fn the_same_input_gives_the_same_groups() {
        let texts: Vec<String> = (0..300)
            .map(|i| {
                format!(
                    "ticket about topic {} with detail {} and note {}",
                    i % 7,
                    i % 5,
                    i % 3
                )
            })
            .collect();
        let docs: Vec<DupInput> = texts
            .iter()
            .map(|text| DupInput { lang: EN, text })
            .collect();
        let params = DupParams::default();
        let first = near_duplicate_groups(&docs, &params);
        assert!(!first.is_empty());
        assert_eq!(first, near_duplicate_groups(&docs, &params));
        assert!(first.windows(2).all(|w| w[0].len() >= w[1].len()));
    }

    #[test]
    fn degenerate_params_do_not_panic() {
        let docs = [DupInput {
            lang: EN,
            text: "a b c d",
        }; 3];
        let params = DupParams {
            hashes: 0,
            bands: 0,
            min_similarity: 0.6,
            min_size: 0,
        };
        assert_eq!(near_duplicate_groups(&docs, &params), [vec![0, 1, 2]]);
        assert!(near_duplicate_groups(&[], &DupParams::default()).is_empty());
    }
}
