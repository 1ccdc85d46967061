//! Which KPIs each source can support. Freshdesk's API lacks status history and reopen
//! counts; a file import has no field for replies, reopens, status history or SLA, and
//! may lack a first-reply or solved column. The engine leaves such a source's tickets out
//! of the KPI (never counting them as zero) and says which sources it left out and why;
//! a value that only such sources could have given is null with that reason.

use std::collections::HashMap;

use polars::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::frame::sources::SourceInfo;
use crate::analytics::AnalyticsError;
use crate::sources::freshdesk::convert::NULL_REASONS;
use crate::store::records::SourceKind;

use super::keyed::{Keyed, Keys};
use super::kpi::{Hours, KpiId, Measure};
use super::value::{LeftOut, NullReason, Support};

/// Why a source cannot support a KPI, for programs; the reason beside it is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GapCode {
    /// Freshdesk's API does not expose what the KPI needs.
    NotInFreshdeskApi,
    /// File imports have no field for it (replies, reopens, status history, SLA,
    /// business hours).
    NotInFileImports,
    /// The imported files had no column for it (no first reply, no solved time).
    ColumnNotImported,
    /// Sources with different reasons (only in a `null_reason`).
    NotInSources,
}

/// Whether `source` can support `kpi` in `hours`; the code and reason when it cannot.
pub fn gap(source: &SourceInfo, kpi: KpiId, hours: Hours) -> Option<(GapCode, String)> {
    match source.kind {
        SourceKind::Zendesk | SourceKind::Demo => None,
        SourceKind::Freshdesk => NULL_REASONS
            .iter()
            .find(|(id, _)| *id == kpi.name())
            .map(|(_, reason)| (GapCode::NotInFreshdeskApi, (*reason).to_owned())),
        SourceKind::Csv => import_gap(source, kpi, hours),
    }
}

const NO_STATUS_HISTORY: &str =
    "imported files carry no status history, so time spent in each status cannot be added up";
const NO_REPLY_COUNT: &str = "imported files carry no count of agent replies";

fn import_gap(source: &SourceInfo, kpi: KpiId, hours: Hours) -> Option<(GapCode, String)> {
    let fixed = |reason: &str| Some((GapCode::NotInFileImports, reason.to_owned()));
    let lacks = |metric: &str| source.without.iter().any(|m| m == metric);
    match kpi {
        KpiId::FirstResolutionTime => {
            fixed("imported files give a ticket's last solve time only, not its first")
        }
        KpiId::RequesterWaitTime | KpiId::AgentWaitTime | KpiId::OnHoldTime => {
            fixed(NO_STATUS_HISTORY)
        }
        KpiId::RepliesPerSolved | KpiId::OneTouchRate | KpiId::ZeroTouchRate => {
            fixed(NO_REPLY_COUNT)
        }
        KpiId::ReopenRate => fixed("imported files carry no count of reopens"),
        KpiId::SlaAchievement => fixed("imported files carry no SLA outcomes"),
        KpiId::FirstReplyTime if lacks("reply_time") => Some((
            GapCode::ColumnNotImported,
            "no imported ticket has a first reply time: map a column to first_reply_at".to_owned(),
        )),
        KpiId::FullResolutionTime if lacks("full_resolution_time") => Some((
            GapCode::ColumnNotImported,
            "no imported ticket has a solved time: map a column to solved_at".to_owned(),
        )),
        _ if hours == Hours::Business && matches!(kpi.def().measure, Measure::Duration(_)) => {
            fixed("imported files have no business-hours calendar, so business minutes are unknown")
        }
        _ => None,
    }
}

/// The sources that cannot support one KPI of a query, by source id.
#[derive(Debug, Default)]
pub(crate) struct Gaps {
    by_source: HashMap<i64, LeftOut>,
}

impl Gaps {
    /// The sources of `sources` that cannot support `kpi` in `hours`.
    pub fn of(kpi: KpiId, sources: &[SourceInfo], hours: Hours) -> Gaps {
        let by_source = sources
            .iter()
            .filter_map(|s| {
                let (code, reason) = gap(s, kpi, hours)?;
                Some((
                    s.id,
                    LeftOut {
                        source: s.name.clone(),
                        code,
                        reason,
                    },
                ))
            })
            .collect();
        Gaps { by_source }
    }

    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }

    /// The ids of the sources left out, in order.
    pub fn source_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.by_source.keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Which rows of `df` (with a `SOURCE` column) come from a source left out.
    pub(crate) fn left_out_rows(&self, df: &DataFrame) -> Result<Vec<bool>, AnalyticsError> {
        Ok(df
            .column(SOURCE)?
            .i64()?
            .iter()
            .map(|source| source.is_some_and(|s| self.by_source.contains_key(&s)))
            .collect())
    }

    /// What a value over the tickets of `scope` (source ids, sorted) says: the sources
    /// left out, and, when every source of the scope is, why the value is null.
    pub fn support(&self, scope: &[i64]) -> Support {
        let left_out: Vec<LeftOut> = scope
            .iter()
            .filter_map(|id| self.by_source.get(id).cloned())
            .collect();
        let all_left_out = !left_out.is_empty() && left_out.len() == scope.len();
        let null_reason = all_left_out.then(|| null_reason(&left_out));
        Support {
            null_reason,
            left_out,
        }
    }
}

/// The column of a population's rows holding their ticket's source.
pub(crate) const SOURCE: &str = "source_id";

/// The sources of the keyed tickets under each key, sorted: what a group's values rest
/// on, whatever their dates.
pub(crate) fn sources_by_key(
    keyed: &Keyed,
    keys: &mut Keys,
) -> Result<HashMap<u32, Vec<i64>>, AnalyticsError> {
    let plan = keyed.plan.clone().select(keyed.key_and(vec![col(SOURCE)]));
    // Ungrouped, one row per source is enough.
    let plan = match keyed.by {
        false => plan.unique(None, UniqueKeepStrategy::Any),
        true => plan,
    };
    let (df, key) = keys.expand(plan.collect()?, keyed)?;
    let mut by_key: HashMap<u32, Vec<i64>> = HashMap::new();
    for (key, source) in key.iter().zip(df.column(SOURCE)?.i64()?.iter()) {
        let Some(source) = source else { continue };
        let sources = by_key.entry(*key).or_default();
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    for sources in by_key.values_mut() {
        sources.sort_unstable();
    }
    Ok(by_key)
}

/// One reason for a null value whose sources were all left out: theirs when they agree,
/// else each source's in turn.
fn null_reason(left_out: &[LeftOut]) -> NullReason {
    let first = &left_out[0];
    if left_out.iter().all(|l| l.reason == first.reason) {
        return NullReason {
            code: first.code,
            reason: first.reason.clone(),
        };
    }
    let same_code = left_out.iter().all(|l| l.code == first.code);
    NullReason {
        code: if same_code {
            first.code
        } else {
            GapCode::NotInSources
        },
        reason: left_out
            .iter()
            .map(|l| format!("{}: {}", l.source, l.reason))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: i64, name: &str, kind: SourceKind, without: &[&str]) -> SourceInfo {
        SourceInfo {
            id,
            name: name.to_owned(),
            kind,
            without: without.iter().map(|m| (*m).to_owned()).collect(),
        }
    }

    #[test]
    fn each_kind_supports_what_its_data_can_tell() {
        let zendesk = source(1, "Support", SourceKind::Zendesk, &[]);
        let freshdesk = source(2, "Desk", SourceKind::Freshdesk, &[]);
        let import = source(3, "Jira", SourceKind::Csv, &["reply_time"]);
        let unsupported = |s: &SourceInfo, hours| {
            KpiId::ALL
                .into_iter()
                .filter(|k| gap(s, *k, hours).is_some())
                .map(KpiId::name)
                .collect::<Vec<_>>()
        };
        assert!(unsupported(&zendesk, Hours::Business).is_empty());
        assert_eq!(
            unsupported(&freshdesk, Hours::Calendar),
            [
                "first_resolution_time",
                "requester_wait_time",
                "agent_wait_time",
                "on_hold_time",
                "reopen_rate"
            ]
        );
        assert_eq!(
            unsupported(&import, Hours::Calendar),
            [
                "first_reply_time",
                "first_resolution_time",
                "requester_wait_time",
                "agent_wait_time",
                "on_hold_time",
                "replies_per_solved",
                "one_touch_rate",
                "zero_touch_rate",
                "reopen_rate",
                "sla_achievement"
            ],
            "full resolution comes from the solved column, which this import had"
        );
        assert!(
            gap(&import, KpiId::FullResolutionTime, Hours::Business).is_some(),
            "imports have no business-hours calendar"
        );
        assert_eq!(
            gap(&import, KpiId::FirstReplyTime, Hours::Calendar).map(|g| g.0),
            Some(GapCode::ColumnNotImported)
        );
        assert_eq!(
            gap(&freshdesk, KpiId::ReopenRate, Hours::Calendar).map(|g| g.0),
            Some(GapCode::NotInFreshdeskApi)
        );
    }

    #[test]
    fn a_value_is_null_with_a_reason_only_when_every_source_of_its_scope_is_left_out() {
        let sources = [
            source(1, "Support", SourceKind::Zendesk, &[]),
            source(2, "Desk", SourceKind::Freshdesk, &[]),
            source(3, "Jira", SourceKind::Csv, &[]),
        ];
        let gaps = Gaps::of(KpiId::ReopenRate, &sources, Hours::Calendar);
        let mixed = gaps.support(&[1, 2]);
        assert_eq!(mixed.null_reason, None, "Support's tickets give the value");
        assert_eq!(
            mixed
                .left_out
                .iter()
                .map(|l| l.source.as_str())
                .collect::<Vec<_>>(),
            ["Desk"]
        );
        let freshdesk_only = gaps.support(&[2]);
        let reason = freshdesk_only.null_reason.unwrap();
        assert_eq!(reason.code, GapCode::NotInFreshdeskApi);
        assert!(reason.reason.contains("reopened"), "{}", reason.reason);
        let both = gaps.support(&[2, 3]).null_reason.unwrap();
        assert_eq!(both.code, GapCode::NotInSources);
        assert!(
            both.reason.starts_with("Desk: ") && both.reason.contains("; Jira: "),
            "{}",
            both.reason
        );
        assert_eq!(gaps.support(&[1]), Support::default());
        assert_eq!(gaps.support(&[]), Support::default(), "an empty scope");
    }
}
