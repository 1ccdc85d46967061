//! What a panic prints: one line saying that Deskbench hit an internal error and asking
//! for a report, instead of Rust's default message and backtrace hint. The CLI and the
//! app install it first thing; a backtrace follows only when `RUST_BACKTRACE` asks.
//! The panic itself goes on as before (unwinding, the exit code, a command's error).

use std::backtrace::{Backtrace, BacktraceStatus};
use std::io::Write;
use std::panic::Location;

/// Replaces the panic hook with the one-line report.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        let backtrace = Backtrace::capture();
        let mut err = std::io::stderr().lock();
        // Nothing is left to tell a failed write to stderr to.
        let _ = writeln!(err, "{}", line(message, info.location()));
        if backtrace.status() == BacktraceStatus::Captured {
            let _ = writeln!(err, "{backtrace}");
        }
    }));
}

/// The report: `error: Deskbench hit an internal error: <message> (<file>:<line>); please
/// report it`, on one line whatever the message holds.
fn line(message: Option<&str>, location: Option<&Location>) -> String {
    let message = message
        .unwrap_or("a panic without a message")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let place = location
        .map(|l| format!(" ({}:{})", l.file(), l.line()))
        .unwrap_or_default();
    format!("error: Deskbench hit an internal error: {message}{place}; please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_one_line_with_the_message_and_where() {
        let here = Location::caller();
        let report = line(Some("index out of bounds:\n the len is 3"), Some(here));
        assert_eq!(
            report,
            format!(
                "error: Deskbench hit an internal error: index out of bounds: the len is 3 \
                 ({}:{}); please report it",
                here.file(),
                here.line()
            )
        );
        assert!(line(None, None).contains("internal error: a panic without a message;"));
    }
}
