//! A query's size in words, for the message that refuses one too big to compute:
//! "2,190 days × 1,204 assignees", "2.6 million".

use crate::analytics::frame::dimension::Dimension;

use super::range::Every;

/// Buckets × groups, e.g. `2,190 days × 1,204 assignees`; just the groups without buckets.
pub(crate) fn describe(
    buckets: usize,
    every: Option<Every>,
    groups: usize,
    by: Dimension,
) -> String {
    let groups = format!("{} {}", thousands(groups), plural(by));
    match every {
        None => groups,
        Some(every) => {
            let unit = match every {
                Every::Day => "days",
                Every::Week => "weeks",
                Every::Month => "months",
            };
            format!("{} {unit} × {groups}", thousands(buckets))
        }
    }
}

/// The groups of a dimension: `assignees`, `priorities`, `values of field:42`.
pub(crate) fn plural(by: Dimension) -> String {
    match by {
        Dimension::Field(_) => format!("values of {}", by.name()),
        Dimension::Status => "statuses".to_owned(),
        Dimension::Priority => "priorities".to_owned(),
        other => format!("{}s", other.name()),
    }
}

/// `250,000`, or `2.6 million` from a million up.
pub(crate) fn count_words(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{:.1} million", n as f64 / 1e6)
    } else {
        thousands(n)
    }
}

/// `2,190`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(
            describe(2_190, Some(Every::Day), 1_204, Dimension::Assignee),
            "2,190 days × 1,204 assignees"
        );
        assert_eq!(
            describe(1, None, 999, Dimension::Priority),
            "999 priorities"
        );
        assert_eq!(plural(Dimension::Field(7)), "values of field:7");
        assert_eq!(count_words(2_636_760), "2.6 million");
        assert_eq!(count_words(250_000), "250,000");
        assert_eq!(count_words(0), "0");
    }
}
