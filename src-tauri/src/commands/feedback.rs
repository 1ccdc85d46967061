//! The Feedback screen: themes, emerging themes, sentiment, CSAT drivers, repetitive
//! tickets and knowledge-base gaps with their charts, and the tickets of a theme or
//! cluster of the last report.

use tauri::State;

use deskbench::analytics::views::drill::TicketList;
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::app::feedback::{list_order, FeedbackScreen, FeedbackTickets};
use deskbench::feedback::FeedbackRequest;

use super::with_session;
use deskbench::app::app_state::AppState;
use deskbench::app::ipc_error::IpcError;

/// The feedback report for `period`; `request` carries the zone, filters, language and
/// source (its `from` and `to` are set from `period`).
#[tauri::command]
pub async fn feedback(
    period: PeriodPreset,
    request: FeedbackRequest,
    state: State<'_, AppState>,
) -> Result<FeedbackScreen, IpcError> {
    with_session(&state, move |s| s.feedback(Some(&period), request)).await
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
    with_session(&state, move |s| {
        let order = list_order(&what, sort.as_deref(), offset, limit, search.as_deref())?;
        s.feedback_tickets(&what, &order)
    })
    .await
}

/// Names a theme of the last report, kept per workspace; `null` resets it to the name
/// from its texts.
#[tauri::command]
pub async fn rename_theme(
    id: String,
    name: Option<String>,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    with_session(&state, move |s| s.rename_theme(&id, name.as_deref())).await
}

/// Merges themes of the last report into one, kept per workspace; `name` or else the
/// first theme's names it.
#[tauri::command]
pub async fn merge_themes(
    ids: Vec<String>,
    name: Option<String>,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    with_session(&state, move |s| s.merge_themes(&ids, name.as_deref())).await
}

/// Splits the texts of a theme of the last report that say `phrase` into a theme of
/// their own, kept per workspace; returns the report that checked it.
#[tauri::command]
pub async fn split_theme(
    id: String,
    phrase: String,
    state: State<'_, AppState>,
) -> Result<FeedbackScreen, IpcError> {
    with_session(&state, move |s| s.split_theme(&id, &phrase)).await
}

/// Forgets a kept merge or split (undoing the one that shaped a theme, or removing one
/// that changes nothing here).
#[tauri::command]
pub async fn remove_theme_edit(edit: i64, state: State<'_, AppState>) -> Result<(), IpcError> {
    with_session(&state, move |s| s.remove_theme_edit(edit)).await
}
