//! The Agents & groups screen: the coaching table of every agent or group over a period.

use tauri::State;

use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::analytics::views::people::{self, PeopleBy, PeopleTable};
use deskbench::analytics::KpiRequest;

use super::blocking;
use super::explore::{check_text, resolve};
use crate::error::IpcError;
use crate::state::{AppState, SharedWorkspace};

/// One row per agent (`by = "assignee"`) or group (`"group"`) with the team medians and
/// weekly trends. `request` carries the filters, hours and zone; the table sets its own
/// grouping, buckets and KPIs.
#[tauri::command]
pub async fn people_table(
    period: PeriodPreset,
    request: KpiRequest,
    by: String,
    state: State<'_, AppState>,
) -> Result<PeopleTable, IpcError> {
    let shared = state.loaded.clone();
    blocking(move || table(&shared, &period, request, &by)).await
}

fn table(
    shared: &SharedWorkspace,
    period: &PeriodPreset,
    request: KpiRequest,
    by: &str,
) -> Result<PeopleTable, IpcError> {
    check_text(by)?;
    let by = PeopleBy::parse(by)?;
    let set_here = [
        ("by", request.by.is_some()),
        ("every", request.every.is_some()),
        ("kpis", !request.kpis.is_empty()),
        ("top", request.top.is_some()),
    ];
    if let Some((name, _)) = set_here.iter().find(|(_, given)| *given) {
        return Err(IpcError::invalid_input(format!(
            "the Agents & groups table sets `{name}` itself; leave it out of the request"
        )));
    }
    let (frame, query) = resolve(shared, Some(period), request)?;
    Ok(people::people_table(&frame, &query, by)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::explore::tests::refused;
    use crate::commands::testing::demo;

    #[test]
    fn people_table_lists_agents_and_groups_and_refuses_bad_input() {
        let (_dir, shared) = demo();
        let period = PeriodPreset::Last90Days;
        let agents = table(&shared, &period, KpiRequest::default(), "assignee").unwrap();
        assert!(agents.rows.len() > 3, "the demo has dozens of agents");
        assert_eq!(agents.by, PeopleBy::Assignee);
        assert!(
            agents
                .rows
                .iter()
                .all(|r| r.cells.len() == agents.columns.len()
                    && r.cells.iter().all(|c| c.trend.len() == agents.weeks.len())),
            "every row has a cell per column and a point per week"
        );
        let groups = table(&shared, &period, KpiRequest::default(), "group").unwrap();
        assert!(!groups.rows.is_empty() && groups.rows.len() <= 6);

        let bad_by = table(&shared, &period, KpiRequest::default(), "channel");
        assert!(refused(bad_by).contains("assignee, group"));
        let grouped = KpiRequest {
            by: Some("channel".into()),
            ..KpiRequest::default()
        };
        assert!(refused(table(&shared, &period, grouped, "group")).contains("`by`"));
        let bad_filter = KpiRequest {
            filters: vec!["assignee=Ann".into()],
            ..KpiRequest::default()
        };
        assert!(refused(table(&shared, &period, bad_filter, "group")).contains("id"));
        let long = "x".repeat(2_000);
        assert!(
            refused(table(&shared, &period, KpiRequest::default(), &long)).contains("too long")
        );
    }
}
