//! (in progress)
use super::text::Lang;
pub struct DupInput<'a> {
    pub lang: Option<Lang>,
    pub text: &'a str,
}
pub struct DupParams {
    pub hashes: usize,
    pub bands: usize,
    pub min_similarity: f64,
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
pub fn near_duplicate_groups(_docs: &[DupInput], _params: &DupParams) -> Vec<Vec<usize>> {
    Vec::new()
}
