//! Themes of one language: texts clustered by what they say, each cluster labelled by its
//! most distinctive terms; texts of the previous period are placed in the same themes.

pub mod cluster;
pub mod label;
pub mod name;

use rayon::prelude::*;

use super::corpus::Doc;
use super::text::Lang;
use super::vectors::{features, Feature, SparseVec, Vocab};
use cluster::{assign, cluster, Centres, ClusterParams};

/// A language's clustering, before it becomes report themes.
pub struct LangThemes {
    pub lang: Lang,
    pub vocab: Vocab,
    pub centres: Centres,
    /// Features of every current text (words, phrases, bigrams), in doc order.
    pub features: Vec<Vec<Feature>>,
    /// Cluster and similarity of every current and previous text.
    pub current: Vec<Option<(u32, f32)>>,
    pub previous: Vec<Option<(u32, f32)>>,
    /// Features of every previous text, for emerging terms.
    pub previous_features: Vec<Vec<Feature>>,
    /// Per cluster: its top features (vocabulary index, c-TF-IDF weight).
    pub top: Vec<Vec<(u32, f64)>>,
}

/// How finely texts are clustered, from how many there are.
fn params(texts: usize) -> ClusterParams {
    ClusterParams {
        // One per 20 texts: fine enough that an initial cluster seldom mixes two topics
        // (merging joins a topic's wordings back); bounded so large languages stay fast.
        initial: (texts / 20).clamp(8, 60),
        iterations: 10,
        sample: 20_000,
        merge_similarity: 0.25,
        min_similarity: 0.15,
        min_size: (texts / 300).max(5),
        seed: 0x5eed_f00d,
    }
}

/// Clusters `current` (texts of one language) and places `previous` in the clusters.
pub fn find(lang: Lang, current: &[&Doc], previous: &[&Doc]) -> LangThemes {
    let feats = |docs: &[&Doc]| -> Vec<Vec<Feature>> {
        docs.par_iter()
            .map(|d| features(lang, &d.prepared.tokens))
            .collect()
    };
    let current_features = feats(current);
    let previous_features = feats(previous);
    // A word in under 0.5% of texts is one wording's, not a theme's; one in over 30%
    // ("hello", "please") tells no theme apart.
    let min_df = ((current.len() / 200) as u32).max(3);
    let vocab = Vocab::fit(&current_features, min_df, 0.3);
    let vectors = |f: &[Vec<Feature>]| -> Vec<SparseVec> {
        f.par_iter().map(|text| vocab.vector(text)).collect()
    };
    let current_vectors = vectors(&current_features);
    let p = params(current.len());
    let (centres, assigned) = cluster(&current_vectors, vocab.len(), &p);
    let previous_assigned = assign(&vectors(&previous_features), &centres, p.min_similarity);
    let labels: Vec<Option<u32>> = assigned.iter().map(|a| a.map(|(c, _)| c)).collect();
    let top = label::top_terms(&current_features, &labels, centres.k, &vocab);
    LangThemes {
        lang,
        vocab,
        centres,
        features: current_features,
        current: assigned,
        previous: previous_assigned,
        previous_features,
        top,
    }
}
