//! The Overview screen in one call: KPI cards against the previous period, every KPI by
//! week, and when tickets arrive.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analytics::engine::change::{change, KpiChange};
use crate::analytics::engine::kpi::KpiId;
use crate::analytics::engine::value::KpiValue;
use crate::analytics::frame::Frame;
use crate::analytics::query::range::{parse_date, parse_tz, DateRange, Every, RangeEcho};
use crate::analytics::query::report::SeriesPoint;
use crate::analytics::query::{run, KpiQuery};
use crate::analytics::targets::{Target, TargetStatus};
use crate::analytics::AnalyticsError;

use super::heatmap::{hour_of_week, HourOfWeek};

/// Which dates the Overview covers. Presets end yesterday (the last full day) in the
/// workspace's time zone, as the CLI's default range does; the whole-unit ones (the last
/// 4 full weeks, Monday to Sunday; the last full month or quarter) end where the current
/// week, month or quarter starts; `this_quarter` runs to today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodPreset {
    #[serde(rename = "last_7_days")]
    Last7Days,
    #[serde(rename = "last_30_days")]
    Last30Days,
    #[serde(rename = "last_90_days")]
    Last90Days,
    #[serde(rename = "last_4_full_weeks")]
    Last4FullWeeks,
    LastFullMonth,
    LastFullQuarter,
    ThisQuarter,
    /// Inclusive local dates, `YYYY-MM-DD`.
    Custom {
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverviewRequest {
    pub period: PeriodPreset,
    /// IANA zone; the workspace's zone when absent.
    pub tz: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Overview {
    pub range: RangeEcho,
    /// The period of equal length just before `range`.
    pub previous: RangeEcho,
    pub cards: Vec<KpiCard>,
    /// Every KPI per ISO week (clipped to the range), every week present; drawn through
    /// `charts::overview_charts`, not sent as is.
    #[serde(skip)]
    #[ts(skip)]
    pub weekly: Vec<SeriesPoint>,
    /// Tickets created in the range by local weekday and hour.
    #[serde(skip)]
    #[ts(skip)]
    pub arrivals: HourOfWeek,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KpiCard {
    pub kpi: KpiId,
    pub current: KpiValue,
    pub previous: KpiValue,
    /// The number the card shows: a count, a median in minutes, or a share.
    pub headline: Option<f64>,
    pub previous_headline: Option<f64>,
    /// The change from the previous period: relative for counts and durations, in points
    /// for shares; null when either headline is missing, the previous count is 0, or the
    /// KPI depends on now (see `trend`).
    pub change: Option<KpiChange>,
    /// For a KPI that depends on now (`KpiId::depends_on_now`), instead of a change: its
    /// value at the end of each week of the period. The previous period's value was
    /// measured on tickets that have had longer to be solved, so comparing with it
    /// misleads; every week of this line is measured against the same now, so its shape
    /// (a backlog that grows, unsolved tickets piling up in the last weeks) compares like
    /// with like. Null for the other KPIs.
    pub trend: Option<Vec<Option<f64>>>,
    /// Whether the headline rests on too few records to read (`stats::MIN_*_SAMPLE`).
    pub small_sample: bool,
    /// Whether a higher headline is good news (CSAT, solved) or bad (reply time).
    pub higher_is_better: bool,
    /// The workspace's target for this KPI, if one is set, and how the headline fares.
    pub target: Option<Target>,
    pub target_status: Option<TargetStatus>,
}

impl PeriodPreset {
    /// The dates this preset covers on `today` in `tz`.
    pub fn resolve(&self, today: NaiveDate, tz: Tz) -> Result<DateRange, AnalyticsError> {
        Ok(match self {
            PeriodPreset::Last7Days => DateRange::last_days(today, 7, tz)?,
            PeriodPreset::Last30Days => DateRange::last_days(today, 30, tz)?,
            PeriodPreset::Last90Days => DateRange::last_days(today, 90, tz)?,
            PeriodPreset::Last4FullWeeks => DateRange::last_full_weeks(today, 4, tz)?,
            PeriodPreset::LastFullMonth => DateRange::last_full_month(today, tz)?,
            PeriodPreset::LastFullQuarter => DateRange::last_full_quarter(today, tz)?,
            PeriodPreset::ThisQuarter => DateRange::quarter_to_date(today, tz)?,
            PeriodPreset::Custom { from, to } => {
                DateRange::new(parse_date(from)?, parse_date(to)?, tz)?
            }
        })
    }
}

/// Computes the Overview: every KPI over the period and the previous one, every KPI by
/// week and the hour-of-week arrivals, from the same engine as `deskbench kpi`.
pub fn overview(
    frame: &Frame,
    request: &OverviewRequest,
    today: NaiveDate,
    default_tz: Tz,
    targets: &[Target],
) -> Result<Overview, AnalyticsError> {
    let tz = match &request.tz {
        Some(name) => parse_tz(name)?,
        None => default_tz,
    };
    let range = request.period.resolve(today, tz)?;
    let previous_range = range.previous();
    let current_query = KpiQuery {
        every: Some(Every::Week),
        today: Some(today),
        ..KpiQuery::new(range)
    };
    let (current, (previous, arrivals)) = crate::analytics::in_parallel(
        || run(frame, &current_query),
        || {
            let previous = run(frame, &KpiQuery::new(previous_range));
            (previous, hour_of_week(frame, &range))
        },
    );
    let (current, previous, arrivals) = (current?, previous?, arrivals?);
    let weekly = &current.series;
    let cards = KpiId::ALL
        .into_iter()
        .filter_map(|kpi| {
            let (current, previous) = (current.kpis.get(kpi)?, previous.kpis.get(kpi)?);
            let (headline, previous_headline) = (current.headline(), previous.headline());
            let trend = kpi.depends_on_now().then(|| {
                let weeks = weekly.iter().flatten();
                weeks
                    .map(|point| point.kpis.get(kpi).and_then(KpiValue::headline))
                    .collect()
            });
            let change = match trend {
                Some(_) => None,
                None => change(kpi, current, previous),
            };
            let target = targets.iter().find(|t| t.kpi == kpi).copied();
            Some(KpiCard {
                kpi,
                target_status: target.and_then(|t| t.status(headline)),
                target,
                current: current.clone(),
                previous: previous.clone(),
                headline,
                previous_headline,
                change,
                trend,
                small_sample: current.small_sample(),
                higher_is_better: kpi.def().higher_is_better,
            })
        })
        .collect();
    Ok(Overview {
        range: RangeEcho::of(&range),
        previous: RangeEcho::of(&previous_range),
        cards,
        weekly: current.series.unwrap_or_default(),
        arrivals,
    })
}
