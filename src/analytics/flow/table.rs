//! The flow reports flattened to rows, for CSV and printed tables.

use super::report::{BacklogPoint, BacklogReport, FlowReport};
use crate::analytics::query::report::{number, ReportTable};

impl BacklogReport {
    /// One row per (group, period): the total first (key `""`, label `All tickets`),
    /// then each group; a column per age band.
    pub fn table(&self) -> ReportTable {
        let mut columns: Vec<String> = ["key", "label", "period", "partial", "backlog"]
            .map(str::to_owned)
            .into();
        columns.extend(self.bands.iter().cloned());
        let row = |key: &str, label: &str, point: &BacklogPoint| {
            let mut cells = vec![
                key.to_owned(),
                label.to_owned(),
                point.period.clone(),
                point.partial.to_string(),
                point.total.to_string(),
            ];
            cells.extend(point.by_age.iter().map(u64::to_string));
            cells
        };
        let mut rows: Vec<Vec<String>> = (self.series.iter())
            .map(|p| row("", "All tickets", p))
            .collect();
        for group in &self.groups {
            let key = group.key.as_deref().unwrap_or("null");
            rows.extend(group.series.iter().map(|p| row(key, &group.label, p)));
        }
        plain(columns, rows)
    }

    /// The stuck tickets, oldest change first.
    pub fn stuck_table(&self) -> ReportTable {
        let columns = [
            "source_id",
            "id",
            "status",
            "group",
            "assignee",
            "days_unchanged",
            "url",
        ];
        let rows = (self.stuck.iter())
            .map(|t| {
                vec![
                    t.source_id.to_string(),
                    t.id.to_string(),
                    t.status.clone(),
                    t.group.clone(),
                    t.assignee.clone(),
                    number(Some(t.days_unchanged)),
                    t.url.clone().unwrap_or_default(),
                ]
            })
            .collect();
        plain(columns.map(str::to_owned).into(), rows)
    }
}

impl FlowReport {
    /// One row per (owner, status) with the calendar minutes' statistics, then the
    /// business minutes' median and p90.
    pub fn table(&self) -> ReportTable {
        let columns = [
            "key",
            "label",
            "status",
            "n",
            "median",
            "p90",
            "mean",
            "business_n",
            "business_median",
            "business_p90",
        ];
        let rows = (self.time_in_status.iter())
            .map(|t| {
                let business = t.business.as_ref();
                vec![
                    t.key.clone().unwrap_or_default(),
                    t.label.clone(),
                    t.status.clone(),
                    t.calendar.n.to_string(),
                    number(t.calendar.median),
                    number(t.calendar.p90),
                    number(t.calendar.mean),
                    business.map(|b| b.n.to_string()).unwrap_or_default(),
                    number(business.and_then(|b| b.median)),
                    number(business.and_then(|b| b.p90)),
                ]
            })
            .collect();
        plain(columns.map(str::to_owned).into(), rows)
    }

    /// The most frequent group-to-group transfers.
    pub fn transfers_table(&self) -> ReportTable {
        let columns = ["from", "from_label", "to", "to_label", "count"];
        let rows = (self.handoffs.transfers.iter())
            .map(|t| {
                vec![
                    t.from.clone(),
                    t.from_label.clone(),
                    t.to.clone(),
                    t.to_label.clone(),
                    t.count.to_string(),
                ]
            })
            .collect();
        plain(columns.map(str::to_owned).into(), rows)
    }
}

fn plain(columns: Vec<String>, rows: Vec<Vec<String>>) -> ReportTable {
    ReportTable {
        columns,
        rows,
        null_cells: Vec::new(),
    }
}
