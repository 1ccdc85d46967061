//! (in progress)
use super::text::Lang;
pub struct KbDoc {
    pub lang: Lang,
    pub title: Vec<String>,
    pub body: Vec<String>,
}
pub struct KbIndex;
pub struct KbMatch {
    pub doc: usize,
    pub score: f64,
}
impl KbIndex {
    pub fn build(_docs: &[KbDoc]) -> KbIndex {
        KbIndex
    }
    pub fn best(&self, _lang: Lang, _query: &[(String, f64)]) -> Option<KbMatch> {
        None
    }
}
