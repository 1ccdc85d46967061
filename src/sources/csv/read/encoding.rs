//! Which text encoding a CSV file is in, and turning its bytes into text. A byte-order
//! mark decides; without one the file is UTF-8 if its first non-ASCII bytes are valid
//! UTF-8, else Windows-1252 (what Excel writes on Western Windows). UTF-16 files are
//! decoded to UTF-8 as they stream, so the CSV parser only ever sees ASCII-compatible
//! bytes.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

use serde::{Deserialize, Serialize};

/// The text encodings an import file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        })
    }
}

impl TextEncoding {
    /// The encoding a byte-order mark at the start of `head` names.
    pub(super) fn from_bom(head: &[u8]) -> Option<TextEncoding> {
        match head {
            [0xEF, 0xBB, 0xBF, ..] => Some(TextEncoding::Utf8Bom),
            [0xFF, 0xFE, ..] => Some(TextEncoding::Utf16Le),
            [0xFE, 0xFF, ..] => Some(TextEncoding::Utf16Be),
            _ => None,
        }
    }

    /// How many bytes of `head` are this encoding's byte-order mark (0 when absent).
    pub(super) fn bom_len(self, head: &[u8]) -> usize {
        let bom: &[u8] = match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => &[0xEF, 0xBB, 0xBF],
            TextEncoding::Utf16Le => &[0xFF, 0xFE],
            TextEncoding::Utf16Be => &[0xFE, 0xFF],
            TextEncoding::Windows1252 => &[],
        };
        if head.starts_with(bom) {
            bom.len()
        } else {
            0
        }
    }

    fn utf16(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            TextEncoding::Utf16Le => Some(encoding_rs::UTF_16LE),
            TextEncoding::Utf16Be => Some(encoding_rs::UTF_16BE),
            _ => None,
        }
    }

    /// `head` (without its BOM) as UTF-8 bytes, for sniffing the delimiter; a character
    /// cut at the end of the sample is replaced, which sniffing does not mind.
    pub(super) fn sample_as_utf8(self, head: &[u8]) -> Vec<u8> {
        match self.utf16() {
            Some(encoding) => encoding
                .decode_without_bom_handling(head)
                .0
                .into_owned()
                .into_bytes(),
            None => head.to_vec(),
        }
    }

    /// The file's bytes after the BOM as a buffered stream the CSV parser can read:
    /// UTF-16 is decoded to UTF-8 on the way, other encodings pass through.
    pub(super) fn stream(self, raw: impl Read + Send + 'static) -> Box<dyn BufRead + Send> {
        const BUFFER: usize = 256 * 1024;
        match self.utf16() {
            Some(encoding) => {
                let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding))
                    .bom_sniffing(false)
                    .build(raw);
                Box::new(BufReader::with_capacity(BUFFER, decoded))
            }
            None => Box::new(BufReader::with_capacity(BUFFER, raw)),
        }
    }

    /// One cell's bytes as text, or `None` when UTF-8 text holds an invalid sequence.
    /// Windows-1252 maps every byte, so it never fails.
    pub(super) fn cell_text(self, bytes: &[u8]) -> Option<String> {
        match self {
            TextEncoding::Windows1252 => Some(
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            ),
            _ => std::str::from_utf8(bytes).ok().map(str::to_owned),
        }
    }
}

/// How much text after the first non-ASCII byte decides between UTF-8 and Windows-1252.
const JUDGED_BYTES: usize = 64 * 1024;

/// UTF-8 or Windows-1252 for a file without a BOM, read from `file` up to the first
/// non-ASCII byte (all of an ASCII file, which is then UTF-8). `keep_going` is asked
/// between chunks and stops the scan (with `Ok(None)`) when it says no.
pub(super) fn sniff_8bit(
    mut file: impl Read,
    mut keep_going: impl FnMut() -> bool,
) -> io::Result<Option<TextEncoding>> {
    let mut chunk = vec![0u8; 1 << 20];
    let mut window: Vec<u8> = Vec::new();
    loop {
        if !keep_going() {
            return Ok(None);
        }
        let n = read_some(&mut file, &mut chunk)?;
        if n == 0 {
            return Ok(Some(judge(&window)));
        }
        let read = &chunk[..n];
        if window.is_empty() {
            match read.iter().position(|b| !b.is_ascii()) {
                Some(at) => window.extend_from_slice(&read[at..]),
                None => continue,
            }
        } else {
            window.extend_from_slice(read);
        }
        if window.len() >= JUDGED_BYTES {
            return Ok(Some(judge(&window[..JUDGED_BYTES])));
        }
    }
}

fn read_some(file: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match file.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// UTF-8 when `text` holds a valid multi-byte sequence (a later invalid one is then a
/// broken row of a UTF-8 file), or no invalid one; else Windows-1252.
fn judge(mut text: &[u8]) -> TextEncoding {
    let mut invalid = false;
    loop {
        match std::str::from_utf8(text) {
            Ok(valid) => return encoding_of(!valid.is_ascii(), invalid),
            Err(e) => {
                let (valid, rest) = text.split_at(e.valid_up_to());
                if !valid.is_ascii() {
                    return TextEncoding::Utf8;
                }
                match e.error_len() {
                    // A character cut by the end of the window says nothing.
                    None => return encoding_of(false, invalid),
                    Some(len) => {
                        invalid = true;
                        text = &rest[len..];
                    }
                }
            }
        }
    }
}

fn encoding_of(saw_multibyte: bool, saw_invalid: bool) -> TextEncoding {
    if saw_invalid && !saw_multibyte {
        TextEncoding::Windows1252
    } else {
        TextEncoding::Utf8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff(bytes: &[u8]) -> TextEncoding {
        sniff_8bit(bytes, || true)
            .expect("reading a slice cannot fail")
            .expect("never stopped")
    }

    #[test]
    fn byte_order_marks_name_their_encoding() {
        assert_eq!(
            TextEncoding::from_bom(b"\xEF\xBB\xBFid"),
            Some(TextEncoding::Utf8Bom)
        );
        assert_eq!(
            TextEncoding::from_bom(b"\xFF\xFEi\0"),
            Some(TextEncoding::Utf16Le)
        );
        assert_eq!(
            TextEncoding::from_bom(b"\xFE\xFF\0i"),
            Some(TextEncoding::Utf16Be)
        );
        assert_eq!(TextEncoding::from_bom(b"id,name"), None);
        assert_eq!(TextEncoding::Utf8.bom_len(b"\xEF\xBB\xBFid"), 3);
        assert_eq!(TextEncoding::Utf16Le.bom_len(b"i\0"), 0);
    }

    #[test]
    fn valid_utf8_text_is_utf8_and_ascii_is_too() {
        assert_eq!(sniff("id,name\n1,Zoë\n".as_bytes()), TextEncoding::Utf8);
        assert_eq!(sniff(b"id,name\n1,Zoe\n"), TextEncoding::Utf8);
        assert_eq!(sniff(b""), TextEncoding::Utf8);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_windows_1252() {
        assert_eq!(
            sniff(b"id;name\n1;Caf\xE9 \x80\n"),
            TextEncoding::Windows1252
        );
    }

    #[test]
    fn a_broken_sequence_after_valid_utf8_keeps_the_file_utf8() {
        assert_eq!(sniff(b"1,Zo\xC3\xAB\n2,\xFF\n"), TextEncoding::Utf8);
    }

    #[test]
    fn the_first_non_ascii_byte_decides_however_far_it_is() {
        let mut text = "a,b\n".repeat(600_000).into_bytes();
        text.extend_from_slice(b"1,Caf\xE9\n");
        assert_eq!(sniff(&text), TextEncoding::Windows1252);
    }

    #[test]
    fn a_stopped_scan_says_so() {
        assert_eq!(sniff_8bit(&b"a,b"[..], || false).ok(), Some(None));
    }

    #[test]
    fn cells_decode_per_encoding() {
        assert_eq!(
            TextEncoding::Windows1252
                .cell_text(b"\xE9\xFC\x80")
                .as_deref(),
            Some("éü€")
        );
        assert_eq!(TextEncoding::Utf8.cell_text(b"\xE9"), None);
        assert_eq!(
            TextEncoding::Utf8.cell_text("é".as_bytes()).as_deref(),
            Some("é")
        );
    }

    #[test]
    fn utf16_streams_as_utf8() {
        let le: Vec<u8> = "id\tnäme\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut text = String::new();
        TextEncoding::Utf16Le
            .stream(std::io::Cursor::new(le.clone()))
            .read_to_string(&mut text)
            .expect("valid UTF-16");
        assert_eq!(text, "id\tnäme\n");
        assert_eq!(
            TextEncoding::Utf16Le.sample_as_utf8(&le),
            "id\tnäme\n".as_bytes()
        );
    }
}
