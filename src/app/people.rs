//! The Agents & groups table: every agent or group with the coaching KPIs over a period.

use super::limits::{check_query, check_text};
use super::{AppError, Session};
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::views::people::{self, PeopleBy, PeopleTable};
use crate::analytics::KpiRequest;

impl Session {
    /// One row per agent (`by = "assignee"`) or group (`"group"`) with the team medians
    /// and weekly trends. `request` carries the range (or `period` sets it), filters,
    /// hours and zone; the table sets its own grouping, buckets and KPIs.
    pub fn people_table(
        &self,
        period: Option<&PeriodPreset>,
        mut request: KpiRequest,
        by: &str,
    ) -> Result<PeopleTable, AppError> {
        check_text(by)?;
        let by = PeopleBy::parse(by)?;
        let set_here = [
            ("by", request.by.is_some()),
            ("every", request.every.is_some()),
            ("kpis", !request.kpis.is_empty()),
            ("top", request.top.is_some()),
        ];
        if let Some((name, _)) = set_here.iter().find(|(_, given)| *given) {
            return Err(AppError::SetByTable(name));
        }
        check_query(&request)?;
        let (frame, query) = self.frame_and(|today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        Ok(people::people_table(&frame, &query, by)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{demo, refused};

    #[test]
    fn people_table_lists_agents_and_groups_and_refuses_bad_input() {
        let (_dir, session) = demo();
        let period = Some(&PeriodPreset::Last90Days);
        let table = |request, by| session.people_table(period, request, by);
        let agents = table(KpiRequest::default(), "assignee").unwrap();
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
        let groups = table(KpiRequest::default(), "group").unwrap();
        assert!(!groups.rows.is_empty() && groups.rows.len() <= 6);

        assert!(refused(table(KpiRequest::default(), "channel")).contains("assignee, group"));
        let grouped = KpiRequest {
            by: Some("channel".into()),
            ..KpiRequest::default()
        };
        assert!(refused(table(grouped, "group")).contains("`by`"));
        let bad_filter = KpiRequest {
            filters: vec!["assignee=Ann".into()],
            ..KpiRequest::default()
        };
        assert!(refused(table(bad_filter, "group")).contains("id"));
        let long = "x".repeat(2_000);
        assert!(refused(table(KpiRequest::default(), &long)).contains("too long"));
    }
}
