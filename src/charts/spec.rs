//! What a chart shows, independent of who draws it: the web view draws a `ChartSpec`
//! interactively, plotters renders the same spec to PNG or SVG, and data export writes
//! its table. Numbers are in the spec's `unit`; labels that depend on the reader's
//! language (dates, weekdays, number formats) are left raw for each renderer to format.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::context::ChartContext;
use crate::analytics::engine::value::NullReason;
use crate::analytics::query::range::Every;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// Already in the reader's language (the caller names the KPI).
    pub title: String,
    /// A line under the title in the reader's language, drawn before the context.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// What the chart shows and of what (period, zone, filters, n, data as of): drawn
    /// under the title of an exported image and written as a data file's header, in the
    /// export's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub context: Option<ChartContext>,
    pub x: XAxis,
    pub unit: Unit,
    pub series: Vec<ChartSeries>,
    /// Every value labelled, as the web view's data-labels toggle shows it: an exported
    /// image then labels side-by-side bars, stacked parts and line points too, not only
    /// the bars of a single series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(optional, as = "Option<bool>")]
    pub value_labels: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Bar,
    Line,
    /// Bars stacked per category; series are the parts.
    StackedBar,
    /// Series are rows, `x` the columns, values the cell intensity.
    Heatmap,
    /// Each category's difference from the rest as a bar lying from zero: above zero
    /// (better) in one colour, below (worse) in another, with its series' `band` (the 95%
    /// interval) as whiskers.
    Diverging,
}

/// What a value is, which decides its axis and number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    /// 0..1, shown as a percentage.
    Share,
    /// Minutes, shown as a duration.
    Minutes,
    /// Any other number (replies per ticket).
    Number,
    /// A difference of two shares (−1..1), shown in percentage points: "+2.1 pp".
    Points,
}

/// The category axis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct XAxis {
    pub kind: XKind,
    /// One label per category: text as shown, `YYYY-MM-DD` for dates, `0`..`23` for hours.
    pub labels: Vec<String>,
    /// For categories that are groups of a dimension: each one's key (null = no value), so
    /// a click can open the tickets behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub keys: Option<Vec<Option<String>>>,
    /// For date categories: the bucket size, so that a week reads as its dates ("Nov 2–8").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub every: Option<Every>,
    /// For date categories, when any is partial: whether each bucket is (cut by the range
    /// or not over yet). Partial buckets are drawn lighter and do not set the value axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partial: Option<Vec<bool>>,
}

impl ChartSeries {
    /// A series of `values` named `name`, with nothing else to draw.
    pub fn plain(name: &str, values: Vec<Option<f64>>) -> ChartSeries {
        ChartSeries {
            name: name.to_owned(),
            values,
            samples: None,
            small_sample: None,
            band: None,
            group: None,
            dashed: false,
            null_reasons: None,
        }
    }
}

impl XAxis {
    /// Whether category `i` is a partial bucket.
    pub fn is_partial(&self, i: usize) -> bool {
        self.partial
            .as_ref()
            .is_some_and(|p| p.get(i).copied().unwrap_or(false))
    }

    /// The flags of `partial`, kept only when one of them is set.
    pub fn partial_flags(flags: Vec<bool>) -> Option<Vec<bool>> {
        flags.iter().any(|p| *p).then_some(flags)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum XKind {
    #[default]
    Text,
    /// Bucket label dates of a period (`every`).
    Date,
    /// Hours of the day, 0..23.
    Hour,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartSeries {
    /// Already in the reader's language, or a weekday number `1`..`7` (Monday first) for
    /// the rows of an hour-of-week heatmap.
    pub name: String,
    /// One value per category; null where there is nothing to show.
    pub values: Vec<Option<f64>>,
    /// The sample size behind each value (tickets, ratings), for tooltips and tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<Option<u32>>>")]
    pub samples: Option<Vec<Option<u64>>>,
    /// Per value, whether it rests on a small sample (`stats::MIN_*_SAMPLE`): drawn hollow,
    /// noted in tooltips and legends, flagged in data exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub small_sample: Option<Vec<bool>>,
    /// A confidence interval around each value (CSAT), drawn as a band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub band: Option<Band>,
    /// The group this series stands for when it is one group of a dimension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<SeriesGroup>,
    /// A secondary line (p90 beside the median), drawn dashed.
    #[serde(default)]
    pub dashed: bool,
    /// Per value, why it is null when the sources of its tickets cannot support the KPI
    /// (shown in tables and tooltips); absent when no value has such a reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub null_reasons: Option<Vec<Option<NullReason>>>,
}

impl ChartSeries {
    /// Whether the value at `index` rests on a small sample.
    pub fn is_small(&self, index: usize) -> bool {
        self.small_sample
            .as_ref()
            .and_then(|flags| flags.get(index).copied())
            .unwrap_or(false)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Band {
    pub low: Vec<Option<f64>>,
    pub high: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SeriesGroup {
    pub key: Option<String>,
}

impl ChartSpec {
    /// True when no value is there to draw (all null or zero).
    pub fn is_empty(&self) -> bool {
        self.series
            .iter()
            .all(|s| s.values.iter().all(|v| v.is_none_or(|v| v == 0.0)))
    }

    /// Checks the shape a renderer relies on: every series as long as the axis, bands too,
    /// finite numbers. Specs come back from the web view, so they are input.
    pub fn validate(&self) -> Result<(), SpecError> {
        const MAX_CATEGORIES: usize = 10_000;
        const MAX_SERIES: usize = 500;
        let n = self.x.labels.len();
        if n > MAX_CATEGORIES || self.series.len() > MAX_SERIES {
            return Err(SpecError::TooLarge);
        }
        let context_values = self.context.iter().flat_map(|c| &c.filters);
        if context_values.map(|f| f.values.len() + 1).sum::<usize>() > MAX_CATEGORIES {
            return Err(SpecError::TooLarge);
        }
        if self.x.keys.as_ref().is_some_and(|k| k.len() != n) {
            return Err(SpecError::Length("x.keys".into()));
        }
        if self.x.partial.as_ref().is_some_and(|p| p.len() != n) {
            return Err(SpecError::Length("x.partial".into()));
        }
        for s in &self.series {
            let lengths = [
                Some(s.values.len()),
                s.samples.as_ref().map(Vec::len),
                s.small_sample.as_ref().map(Vec::len),
            ]
            .into_iter()
            .chain(
                s.band
                    .iter()
                    .flat_map(|b| [Some(b.low.len()), Some(b.high.len())]),
            );
            if lengths.flatten().any(|len| len != n) {
                return Err(SpecError::Length(s.name.clone()));
            }
            let numbers = s
                .values
                .iter()
                .chain(s.band.iter().flat_map(|b| b.low.iter().chain(&b.high)));
            if numbers.flatten().any(|v| !v.is_finite()) {
                return Err(SpecError::NotFinite(s.name.clone()));
            }
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SpecError {
    #[error("the chart's series \"{0}\" does not have one value per category")]
    Length(String),
    #[error("the chart's series \"{0}\" has a value that is not a finite number")]
    NotFinite(String),
    #[error("the chart has too many categories or series to draw")]
    TooLarge,
}
