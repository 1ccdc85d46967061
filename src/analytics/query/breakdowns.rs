//! Several breakdowns in one query (`deskbench kpi --by channel --by group`): the total
//! once, and each dimension's groups under its name. One breakdown is a `KpiReport`.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::analytics::frame::dimension::Dimension;
use crate::analytics::frame::Frame;
use crate::analytics::AnalyticsError;

use super::report::{GroupReport, KpiReport, ReportTable};
use super::{run_each, KpiQuery};

/// The total of a query and the groups of each of its breakdowns. JSON: the fields of a
/// `KpiReport` without a breakdown, then `by` (the dimensions, in the order asked) and
/// `groups` (dimension → its groups).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownsReport {
    #[serde(flatten)]
    pub total: KpiReport,
    pub by: Vec<String>,
    pub groups: GroupsByDimension,
}

/// Each dimension's groups, serialised as an object keyed by the dimension's name.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupsByDimension(pub Vec<(String, Vec<GroupReport>)>);

impl Serialize for GroupsByDimension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (dim, groups) in &self.0 {
            map.serialize_entry(dim, groups)?;
        }
        map.end()
    }
}

/// Runs `query` (its own `by` left aside) with a breakdown by each of `dims`; a
/// dimension given twice is reported once.
pub fn run_breakdowns(
    frame: &Frame,
    query: &KpiQuery,
    dims: &[Dimension],
) -> Result<BreakdownsReport, AnalyticsError> {
    let mut distinct: Vec<Dimension> = Vec::with_capacity(dims.len());
    for dim in dims {
        if !distinct.contains(dim) {
            distinct.push(*dim);
        }
    }
    let (total, groups) = run_each(frame, query, &distinct)?;
    Ok(BreakdownsReport {
        total,
        by: distinct.iter().map(|d| d.name()).collect(),
        groups: GroupsByDimension(
            groups
                .into_iter()
                .map(|(dim, groups)| (dim.name(), groups))
                .collect(),
        ),
    })
}

impl BreakdownsReport {
    /// The rows of `KpiReport::table` with a first column naming each group's dimension
    /// (empty for the total).
    pub fn table(&self) -> ReportTable {
        let groups = self
            .groups
            .0
            .iter()
            .flat_map(|(dim, groups)| groups.iter().map(move |g| (dim.as_str(), g)));
        self.total.table_with(groups)
    }
}
