//! Sizes of what a caller may send: far above any real query or chart, low enough that a
//! faulty caller cannot make the engine build a huge predicate, the renderer measure
//! megabytes of text, or an error echo megabytes back. Values themselves are checked
//! when a request resolves.

use super::AppError;
use crate::analytics::forecast::ForecastRequest;
use crate::analytics::views::drill::TicketListRequest;
use crate::analytics::KpiRequest;
use crate::charts::ChartSpec;
use crate::feedback::FeedbackRequest;

pub const MAX_FILTERS: usize = 200;
pub const MAX_KPIS: usize = 64;
pub const MAX_TEXT: usize = 1_000;

/// A query's counts and the length of each of its texts.
pub fn check_query(request: &KpiRequest) -> Result<(), AppError> {
    check_count("filters", MAX_FILTERS, request.filters.len())?;
    check_count("KPIs", MAX_KPIS, request.kpis.len())?;
    let options = [
        &request.from,
        &request.to,
        &request.tz,
        &request.every,
        &request.by,
        &request.hours,
    ];
    options
        .into_iter()
        .flatten()
        .chain(&request.filters)
        .chain(&request.kpis)
        .try_for_each(check_text)
}

/// A ticket-list request's query and texts.
pub fn check_list(request: &TicketListRequest) -> Result<(), AppError> {
    check_query(&request.query)?;
    let texts = [
        &request.key,
        &request.period,
        &request.sort,
        &request.search,
    ];
    texts.into_iter().flatten().try_for_each(check_text)?;
    check_text(&request.kpi)
}

/// A feedback request's range, filters and texts.
pub fn check_feedback(request: &FeedbackRequest) -> Result<(), AppError> {
    check_count("filters", MAX_FILTERS, request.filters.len())?;
    [
        &request.from,
        &request.to,
        &request.tz,
        &request.lang,
        &request.source,
    ]
    .into_iter()
    .flatten()
    .chain(&request.filters)
    .try_for_each(check_text)
}

/// A forecast request's filters and texts.
pub fn check_forecast(request: &ForecastRequest) -> Result<(), AppError> {
    check_count("filters", MAX_FILTERS, request.filters.len())?;
    [
        &request.granularity,
        &request.by,
        &request.tz,
        &request.until,
    ]
    .into_iter()
    .flatten()
    .chain(&request.filters)
    .try_for_each(check_text)
}

/// Every text a chart spec shows: title, subtitle, labels, keys, series names and the
/// texts of its context.
pub fn check_chart(spec: &ChartSpec) -> Result<(), AppError> {
    let keys = spec.x.keys.iter().flatten().flatten();
    let context = spec.context.iter().flat_map(|c| c.texts());
    [&spec.title]
        .into_iter()
        .chain(&spec.subtitle)
        .chain(&spec.x.labels)
        .chain(keys)
        .chain(spec.series.iter().map(|s| &s.name))
        .map(String::as_str)
        .chain(context)
        .try_for_each(|text| check_length(text, "a chart's text"))
}

/// One text of a request.
pub fn check_text(text: impl AsRef<str>) -> Result<(), AppError> {
    check_length(text.as_ref(), "a value in a query")
}

fn check_length(text: &str, what: &'static str) -> Result<(), AppError> {
    if text.chars().count() <= MAX_TEXT {
        return Ok(());
    }
    Err(AppError::TooLong {
        start: text.chars().take(40).collect(),
        what,
        most: MAX_TEXT,
    })
}

fn check_count(what: &'static str, most: usize, given: usize) -> Result<(), AppError> {
    if given > most {
        return Err(AppError::TooMany { what, most, given });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<(), AppError>) -> String {
        let err = result.expect_err("refused");
        assert!(err.is_input(), "a size is the caller's to correct: {err}");
        err.to_string()
    }

    #[test]
    fn texts_up_to_the_limit_pass_and_longer_ones_are_cut_in_the_message() {
        assert!(check_text("x".repeat(MAX_TEXT)).is_ok());
        let long = message(check_text("й".repeat(MAX_TEXT + 1)));
        assert!(long.contains("too long"), "{long}");
        assert!(
            long.len() < 200,
            "the message quotes only the start: {long}"
        );
    }

    #[test]
    fn queries_are_refused_past_their_counts_or_with_a_long_text() {
        let ok = KpiRequest {
            filters: vec!["channel=email".into(); MAX_FILTERS],
            kpis: vec!["tickets_created".into(); MAX_KPIS],
            ..KpiRequest::default()
        };
        assert!(check_query(&ok).is_ok());
        let filters = KpiRequest {
            filters: vec!["channel=email".into(); MAX_FILTERS + 1],
            ..KpiRequest::default()
        };
        assert!(message(check_query(&filters)).contains("at most 200 filters, not 201"));
        let kpis = KpiRequest {
            kpis: vec!["csat".into(); MAX_KPIS + 1],
            ..KpiRequest::default()
        };
        assert!(message(check_query(&kpis)).contains("at most 64 KPIs"));
        let zone = KpiRequest {
            tz: Some("Z".repeat(MAX_TEXT + 1)),
            ..KpiRequest::default()
        };
        assert!(message(check_query(&zone)).contains("too long"));
    }

    #[test]
    fn lists_and_feedback_requests_check_their_own_texts() {
        let list = TicketListRequest {
            search: Some("s".repeat(MAX_TEXT + 1)),
            ..TicketListRequest::default()
        };
        assert!(message(check_list(&list)).contains("too long"));
        let feedback = FeedbackRequest {
            lang: Some("l".repeat(MAX_TEXT + 1)),
            ..FeedbackRequest::default()
        };
        assert!(message(check_feedback(&feedback)).contains("too long"));
        let filters = FeedbackRequest {
            filters: vec!["channel=email".into(); MAX_FILTERS + 1],
            ..FeedbackRequest::default()
        };
        assert!(message(check_feedback(&filters)).contains("filters"));
    }
}
