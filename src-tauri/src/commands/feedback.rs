//! The Feedback screen: themes, emerging themes, sentiment, CSAT drivers, repetitive
//! tickets and knowledge-base gaps, with the charts drawn from the same report. The last
//! report stays in the app state, so the tickets of its themes and clusters can be listed
//! and its tables exported. The analysis reads texts through a connection of its own, so
//! it does not hold up other commands.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use deskbench::analytics::engine::kpi::Hours;
use deskbench::analytics::views::drill::{self, ListOrder, TicketList};
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::KpiRequest;
use deskbench::charts::{feedback_charts, FeedbackCharts};
use deskbench::feedback::{self, FeedbackReport, FeedbackRequest};
use deskbench::store::TicketKey;
use deskbench::workspace::Workspace;

use super::explore::{apply_period, check_query, check_text};
use super::{blocking, with_loaded};
use crate::error::IpcError;
use crate::state::{AppState, FeedbackRun, SharedFeedback, SharedWorkspace};

/// The Feedback screen: the report and its charts.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FeedbackScreen {
    #[serde(flatten)]
    pub report: FeedbackReport,
    pub charts: FeedbackCharts,
}

/// Whose tickets to list: a theme's or a repetitive-ticket cluster's, by id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTickets {
    Theme(String),
    Duplicate(String),
}

/// The feedback report for `period`; `request` carries the zone, filters, language and
/// source (its `from` and `to` are set from `period`).
#[tauri::command]
pub async fn feedback(
    period: PeriodPreset,
    request: FeedbackRequest,
    state: State<'_, AppState>,
) -> Result<FeedbackScreen, IpcError> {
    let (shared, last, dir) = (state.loaded.clone(), state.feedback.clone(), state.dir());
    blocking(move || screen(&shared, &last, &dir?, &period, request)).await
}

/// One page of the tickets of a theme or cluster of the last report, sorted, searched
/// and paged as Explore's ticket lists are.
#[tauri::command]
pub async fn feedback_tickets(
    what: FeedbackTickets,
    sort: Option<String>,
    offset: usize,
    limit: Option<usize>,
    search: Option<String>,
    state: State<'_, AppState>,
) -> Result<TicketList, IpcError> {
    let (shared, last) = (state.loaded.clone(), state.feedback.clone());
    blocking(move || {
        let order = list_order(&what, sort.as_deref(), offset, limit, search.as_deref())?;
        tickets(&shared, &last, &what, &order)
    })
    .await
}

pub(super) fn screen(
    shared: &SharedWorkspace,
    last: &SharedFeedback,
    dir: &Path,
    period: &PeriodPreset,
    mut request: FeedbackRequest,
) -> Result<FeedbackScreen, IpcError> {
    check_request(&request)?;
    let number = start(last)?;
    let (frame, query) = with_loaded(shared, |loaded| {
        let mut range = KpiRequest::default();
        let (today, tz) = apply_period(loaded, Some(period), &mut range)?;
        (request.from, request.to) = (range.from, range.to);
        Ok((loaded.frame.clone(), request.resolve(today, tz)?))
    })?;
    let workspace = Workspace::open(dir)?;
    let report = feedback::run(workspace.store(), &frame, &query)?;
    let screen = FeedbackScreen {
        charts: feedback_charts(&report),
        report: report.clone(),
    };
    keep(last, number, report, query.range.tz)?;
    Ok(screen)
}

/// The request's sizes and texts; its values are checked when it resolves.
fn check_request(request: &FeedbackRequest) -> Result<(), IpcError> {
    check_query(&KpiRequest {
        from: request.from.clone(),
        to: request.to.clone(),
        tz: request.tz.clone(),
        filters: request.filters.clone(),
        ..KpiRequest::default()
    })?;
    [&request.lang, &request.source]
        .into_iter()
        .flatten()
        .try_for_each(check_text)
}

fn lock(
    last: &SharedFeedback,
) -> Result<std::sync::MutexGuard<'_, crate::state::LastFeedback>, IpcError> {
    last.lock()
        .map_err(|_| IpcError::internal("the feedback lock is poisoned"))
}

/// Numbers a new request.
fn start(last: &SharedFeedback) -> Result<u64, IpcError> {
    let mut last = lock(last)?;
    last.started += 1;
    Ok(last.started)
}

/// Keeps the report of request `number` unless a newer request's is kept already.
fn keep(
    last: &SharedFeedback,
    number: u64,
    report: FeedbackReport,
    tz: chrono_tz::Tz,
) -> Result<(), IpcError> {
    let mut last = lock(last)?;
    if number > last.number || last.report.is_none() {
        last.number = number;
        last.report = Some(Arc::new(FeedbackRun { report, tz }));
    }
    Ok(())
}

/// The last report; an error when the screen has not got one yet.
pub(super) fn current(last: &SharedFeedback) -> Result<Arc<FeedbackRun>, IpcError> {
    lock(last)?.report.clone().ok_or_else(|| {
        IpcError::invalid_input("no feedback report yet: open the Feedback screen first")
    })
}

/// The order of a theme's or cluster's list, its texts checked.
pub(super) fn list_order(
    what: &FeedbackTickets,
    sort: Option<&str>,
    offset: usize,
    limit: Option<usize>,
    search: Option<&str>,
) -> Result<ListOrder, IpcError> {
    let (FeedbackTickets::Theme(id) | FeedbackTickets::Duplicate(id)) = what;
    [Some(id.as_str()), sort, search]
        .into_iter()
        .flatten()
        .try_for_each(check_text)?;
    Ok(ListOrder::parse(sort, offset, limit, search)?)
}

/// The tickets of a theme or cluster of `report`.
pub(super) fn keys_of<'r>(
    report: &'r FeedbackReport,
    what: &FeedbackTickets,
) -> Result<&'r [TicketKey], IpcError> {
    let found = match what {
        FeedbackTickets::Theme(id) => report
            .themes
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.tickets.as_slice()),
        FeedbackTickets::Duplicate(id) => report
            .duplicates
            .iter()
            .find(|d| &d.id == id)
            .map(|d| d.tickets.as_slice()),
    };
    found.ok_or_else(|| {
        let (kind, id) = match what {
            FeedbackTickets::Theme(id) => ("theme", id),
            FeedbackTickets::Duplicate(id) => ("group of repetitive tickets", id),
        };
        let start: String = id.chars().take(40).collect();
        IpcError::invalid_input(format!(
            "the feedback report has no {kind} {start:?}; reload the Feedback screen"
        ))
    })
}

/// Runs under the lock: ticket subjects come from the workspace's database.
fn tickets(
    shared: &SharedWorkspace,
    last: &SharedFeedback,
    what: &FeedbackTickets,
    order: &ListOrder,
) -> Result<TicketList, IpcError> {
    let run = current(last)?;
    let keys = keys_of(&run.report, what)?;
    with_loaded(shared, |loaded| {
        let store = loaded.workspace.store();
        Ok(drill::tickets_of(
            &loaded.frame,
            store,
            keys,
            Hours::Calendar,
            order,
        )?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::explore::tests::refused;
    use crate::commands::testing::demo;

    fn request() -> FeedbackRequest {
        FeedbackRequest::default()
    }

    fn run(
        dir: &Path,
        shared: &SharedWorkspace,
        last: &SharedFeedback,
        request: FeedbackRequest,
    ) -> Result<FeedbackScreen, IpcError> {
        screen(shared, last, dir, &PeriodPreset::Last90Days, request)
    }

    #[test]
    fn feedback_reports_the_period_with_charts_from_the_same_report() {
        let (dir, shared) = demo();
        let last = SharedFeedback::default();
        let screen = run(dir.path(), &shared, &last, request()).unwrap();
        let days = |r: &deskbench::analytics::query::range::RangeEcho| {
            let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            (date(&r.to) - date(&r.from)).num_days() + 1
        };
        assert_eq!(days(&screen.report.range), 90, "the period sets the range");
        assert!(
            screen.report.comments.total > 0,
            "the demo's customers write"
        );
        assert_eq!(screen.charts, feedback_charts(&screen.report));
        let json = serde_json::to_value(&screen).unwrap();
        assert!(
            json.get("themes").is_some() && json.get("charts").is_some(),
            "the report's fields sit beside the charts"
        );
        assert!(
            current(&last).unwrap().report == screen.report,
            "the report is kept for its ticket lists"
        );
    }

    #[test]
    fn a_theme_lists_as_many_tickets_as_it_counts() {
        let (dir, shared) = demo();
        let last = SharedFeedback::default();
        let screen = run(dir.path(), &shared, &last, request()).unwrap();
        let theme = screen.report.themes.first().expect("the demo has themes");
        let what = FeedbackTickets::Theme(theme.id.clone());
        let order = list_order(&what, Some("-id"), 0, Some(2), None).unwrap();
        let page = tickets(&shared, &last, &what, &order).unwrap();
        assert_eq!(page.total, theme.count);
        assert_eq!(page.rows.len(), 2.min(theme.count as usize));
        assert!(page.rows.windows(2).all(|w| w[0].id > w[1].id), "sorted");
        let unknown = FeedbackTickets::Duplicate("nope".into());
        assert!(refused(tickets(&shared, &last, &unknown, &order)).contains("no group"));
    }

    #[test]
    fn bad_or_oversized_input_is_refused_and_lists_need_a_report() {
        let (dir, shared) = demo();
        let last = SharedFeedback::default();
        let theme = FeedbackTickets::Theme("en-1".into());
        let order = list_order(&theme, None, 0, None, None).unwrap();
        assert!(refused(tickets(&shared, &last, &theme, &order)).contains("Feedback screen"));
        let lang = FeedbackRequest {
            lang: Some("de".into()),
            ..request()
        };
        assert!(refused(run(dir.path(), &shared, &last, lang)).contains("en, ko, ru"));
        let source = FeedbackRequest {
            source: Some("x".repeat(2_000)),
            ..request()
        };
        assert!(refused(run(dir.path(), &shared, &last, source)).contains("too long"));
        let filters = FeedbackRequest {
            filters: vec!["channel=email".into(); 201],
            ..request()
        };
        assert!(refused(run(dir.path(), &shared, &last, filters)).contains("filters"));
        let bad_filter = FeedbackRequest {
            filters: vec!["colour=red".into()],
            ..request()
        };
        assert!(refused(run(dir.path(), &shared, &last, bad_filter)).contains("valid dimensions"));
        assert!(refused(list_order(&theme, Some("colour"), 0, None, None)).contains("sort"));
        let long = FeedbackTickets::Theme("x".repeat(2_000));
        assert!(refused(list_order(&long, None, 0, None, None)).contains("too long"));
    }

    #[test]
    fn an_older_request_finishing_last_does_not_replace_a_newer_report() {
        let (dir, shared) = demo();
        let last = SharedFeedback::default();
        let older = start(&last).unwrap();
        let newer = run(dir.path(), &shared, &last, request()).unwrap();
        let mut stale = newer.report.clone();
        stale.themes.clear();
        keep(&last, older, stale, chrono_tz::UTC).unwrap();
        assert_eq!(current(&last).unwrap().report, newer.report);
    }
}
