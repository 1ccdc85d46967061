//! Which of `,` `;` and tab separates a CSV file's cells, judged on its first lines
//! read as CSV (so a delimiter inside quotes does not count): the one that splits the
//! first row into several cells and the most following rows into as many.

/// The delimiters tried, in the order that wins a tie.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// How many rows of the sample are looked at.
const ROWS_JUDGED: usize = 20;

/// The delimiter of the text that starts with `sample` (UTF-8, without BOM); `None` when
/// no candidate gives the first row more than one cell. A last row cut by the end of
/// the sample only counts when it happens to agree, which cannot outweigh whole rows.
pub(super) fn sniff(sample: &[u8]) -> Option<u8> {
    CANDIDATES
        .iter()
        .map(|&delimiter| (score(sample, delimiter), delimiter))
        .filter(|&((width, _), _)| width > 1)
        // `max_by_key` keeps the last of equal scores: reverse so the first candidate wins.
        .rev()
        .max_by_key(|&((width, agreeing), _)| (agreeing, width))
        .map(|(_, delimiter)| delimiter)
}

/// (cells in the first row, following rows with as many cells).
fn score(sample: &[u8], delimiter: u8) -> (usize, usize) {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample);
    let widths: Vec<usize> = reader
        .byte_records()
        .take(ROWS_JUDGED)
        .map_while(Result::ok)
        .map(|record| record.len())
        .collect();
    match widths.split_first() {
        Some((&width, rest)) => (width, rest.iter().filter(|&&w| w == width).count()),
        None => (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_that_splits_rows_evenly_wins() {
        assert_eq!(sniff(b"id,name\n1,Ann\n2,Bob\n"), Some(b','));
        assert_eq!(sniff(b"id;name;sum\n1;Ann;1,5\n2;Bob;2,0\n"), Some(b';'));
        assert_eq!(sniff(b"id\tname\n1\tAnn, Lee\n"), Some(b'\t'));
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count() {
        let text = b"\"id;x\",\"name;y\"\n\"1;a\",\"Ann;b\"\n";
        assert_eq!(sniff(text), Some(b','));
    }

    #[test]
    fn a_single_column_has_no_delimiter() {
        assert_eq!(sniff(b"id\n1\n2\n"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn the_wider_split_wins_when_as_many_rows_agree() {
        assert_eq!(sniff(b"a;b,c;d\n1;x,y;z\n"), Some(b';'));
    }

    #[test]
    fn ties_go_to_the_comma() {
        assert_eq!(sniff(b"a,b;c\n"), Some(b','));
    }
}
