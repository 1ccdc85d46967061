//! Property tests of the import file reader: files of any shape (wrong cell counts,
//! broken quotes, invalid dates, 1 MB cells, invalid UTF-8, empty files, a lone header,
//! a BOM and nothing else) and any bytes at all read without a panic, every row (good
//! or bad) names a line of the file, in order, and in a file without quotes every line
//! with text is exactly one row, so no bad row goes unreported.

use std::sync::atomic::AtomicBool;

use proptest::prelude::*;

use deskbench::sources::csv::read::{open, ReadOptions, TextEncoding, MAX_CELL_BYTES};

use super::proptest_pages::config;

/// One cell as it lands in the file, quoting included.
fn cell() -> impl Strategy<Value = Vec<u8>> {
    let text = |s: &str| s.as_bytes().to_vec();
    prop_oneof![
        8 => "[a-zA-Z0-9 .:/-]{0,12}".prop_map(|s| s.into_bytes()),
        2 => Just(text("Zoë Привет 로그인")),
        2 => Just(text("31/02/2024 25:61")),
        2 => Just(b"bad \xFF\xFE bytes".to_vec()),
        2 => Just(text("\"quoted, with \"\"quotes\"\"\nand a line break\"")),
        1 => Just(text("\"never closed")),
        1 => Just(text("stray \" quote")),
        1 => Just(vec![b'x'; MAX_CELL_BYTES + 1]),
    ]
}

/// A file: an optional BOM, rows of any width joined by one delimiter and line ending.
fn file() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        prop::sample::select(vec![b',', b';', b'\t']),
        prop::sample::select(vec!["\n", "\r\n"]),
        prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..12),
        any::<bool>(),
    )
        .prop_map(|(bom, delimiter, ending, rows, trailing)| {
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            let lines: Vec<Vec<u8>> = rows.into_iter().map(|row| row.join(&delimiter)).collect();
            bytes.extend(lines.join(ending.as_bytes()));
            if trailing {
                bytes.extend_from_slice(ending.as_bytes());
            }
            bytes
        })
}

/// Every item's line, with whether it was read; the file's lines must hold them.
fn read_lines(bytes: &[u8], options: &ReadOptions) -> Option<Vec<(u64, bool)>> {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("any.csv");
    std::fs::write(&path, bytes).expect("written");
    let cancel = AtomicBool::new(false);
    let (_, rows) = open(&path, options, &cancel).ok()?;
    Some(
        rows.map(|row| match row {
            Ok(row) => (row.line, true),
            Err(bad) => (bad.line, false),
        })
        .collect(),
    )
}

fn assert_lines_in_order(items: &[(u64, bool)], bytes: &[u8]) {
    let last_line = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    for pair in items.windows(2) {
        // Rows split only by a bare `\r` (no line break) share their line.
        assert!(pair[0].0 <= pair[1].0, "rows out of order: {items:?}");
    }
    for (line, _) in items {
        assert!((1..=last_line).contains(line), "line {line} of {last_line}");
    }
}

proptest! {
    // Half the files hold a 1 MB cell: fewer cases keep the default run to seconds.
    #![proptest_config(config(64))]

    #[test]
    fn proptest_any_file_reads_every_row_with_its_line(bytes in file(), force_utf8 in any::<bool>()) {
        let options = ReadOptions {
            encoding: force_utf8.then_some(TextEncoding::Utf8),
            ..ReadOptions::default()
        };
        let items = read_lines(&bytes, &options).expect("a text file opens");
        assert_lines_in_order(&items, &bytes);
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if !body.contains(&b'"') {
            let with_text: Vec<u64> = body
                .split(|&b| b == b'\n')
                .enumerate()
                .filter(|(_, line)| line.iter().any(|&b| b != b'\r'))
                .map(|(at, _)| at as u64 + 1)
                .collect();
            let lines: Vec<u64> = items.iter().map(|(line, _)| *line).collect();
            prop_assert_eq!(lines, with_text, "one row per line with text");
            if force_utf8 {
                for (line, text) in body.split(|&b| b == b'\n').enumerate() {
                    let broken = std::str::from_utf8(text).is_err();
                    let item = items.iter().find(|(at, _)| *at == line as u64 + 1);
                    if broken {
                        prop_assert_eq!(item, Some(&(line as u64 + 1, false)), "a bad row");
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn proptest_any_bytes_read_or_are_refused_without_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..4000)
    ) {
        if let Some(items) = read_lines(&bytes, &ReadOptions::default()) {
            assert_lines_in_order(&items, &bytes);
        }
    }
}
