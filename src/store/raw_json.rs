//! Records' JSON as the helpdesk sent it, kept so a new KPI needs no resync. A page of
//! tickets is stored as one zstd frame of a JSON array (see migration 0003): compressed
//! together the JSON shrinks about tenfold, which is most of what a sync writes, and the
//! compressing runs while the previous page is being written.

use rusqlite::types::ValueRef;
use serde_json::value::RawValue;

/// zstd's fastest positive level: the aim is fewer bytes written, not the smallest file.
const LEVEL: i32 = 1;

/// The JSON of a page's records, compressed as one array; element `i` belongs to the
/// page's `i`-th record.
#[derive(Debug, Clone, PartialEq)]
pub struct RawPage {
    frame: Vec<u8>,
    len: usize,
}

impl RawPage {
    /// `None` when there is nothing to keep or compressing fails (the records are then
    /// stored without their JSON rather than not at all).
    pub fn compress<'a>(records: impl ExactSizeIterator<Item = &'a str>) -> Option<RawPage> {
        let len = records.len();
        if len == 0 {
            return None;
        }
        let mut array = String::with_capacity(len * 2048);
        array.push('[');
        for (i, json) in records.enumerate() {
            if i > 0 {
                array.push(',');
            }
            array.push_str(json);
        }
        array.push(']');
        let frame = zstd::bulk::compress(array.as_bytes(), LEVEL).ok()?;
        Some(RawPage { frame, len })
    }

    /// Records in the page.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn frame(&self) -> &[u8] {
        &self.frame
    }

    /// The JSON of the record at `index` in a stored page.
    pub fn record(frame: &[u8], index: usize) -> Result<Option<String>, RawJsonError> {
        let bytes = zstd::stream::decode_all(frame).map_err(|_| RawJsonError)?;
        let records: Vec<&RawValue> = serde_json::from_slice(&bytes).map_err(|_| RawJsonError)?;
        Ok(records.get(index).map(|r| r.get().to_owned()))
    }
}

/// A ticket's JSON as stored by versions before page compression: plain text.
pub fn legacy_text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Text(text) => Some(String::from_utf8_lossy(text).into_owned()),
        _ => None,
    }
}

/// A stored page that is not a readable zstd frame of a JSON array.
#[derive(Debug, thiserror::Error)]
#[error("a stored page of the helpdesk's original JSON is damaged")]
pub struct RawJsonError;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_record_of_a_compressed_page_reads_back_as_the_same_text() {
        let records = [
            r#"{"id":1,"subject":"Заказ не пришёл — 주문이 안 왔어요"}"#,
            r#"{"id":2,"tags":["a","b"],"nested":{"x":[1,2,{"y":null}]}}"#,
        ];
        let page = RawPage::compress(records.iter().copied()).unwrap();
        assert_eq!(page.len(), 2);
        for (i, json) in records.iter().enumerate() {
            assert_eq!(
                RawPage::record(page.frame(), i).unwrap().as_deref(),
                Some(*json)
            );
        }
        assert_eq!(RawPage::record(page.frame(), 2).unwrap(), None);
    }

    #[test]
    fn an_empty_page_keeps_nothing_and_a_damaged_frame_is_an_error() {
        assert_eq!(RawPage::compress(std::iter::empty()), None);
        assert!(RawPage::record(b"not zstd", 0).is_err());
    }
}
