//! A KPI query as a person types it (strings), and its validation into a `KpiQuery`.
//! Shared by the CLI and the app, so both refuse bad input with the same message.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Deserialize;
use ts_rs::TS;

use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::analytics::frame::dimension::Dimension;
use crate::analytics::AnalyticsError;

use super::filter::Filters;
use super::range::{parse_date, parse_tz, DateRange, Every};
use super::KpiQuery;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct KpiRequest {
    pub from: Option<String>,
    pub to: Option<String>,
    pub tz: Option<String>,
    pub every: Option<String>,
    pub by: Option<String>,
    /// `dim=value` strings.
    #[serde(default)]
    pub filters: Vec<String>,
    #[serde(default)]
    pub kpis: Vec<String>,
    pub hours: Option<String>,
    pub top: Option<usize>,
}

impl KpiRequest {
    /// Validates every part; `today` and `default_tz` give the default range.
    pub fn resolve(&self, today: NaiveDate, default_tz: Tz) -> Result<KpiQuery, AnalyticsError> {
        let tz = match &self.tz {
            Some(name) => parse_tz(name)?,
            None => default_tz,
        };
        let range = match (&self.from, &self.to) {
            (Some(from), Some(to)) => DateRange::new(parse_date(from)?, parse_date(to)?, tz)?,
            (None, None) => DateRange::last_days(today, 30, tz)?,
            _ => return Err(AnalyticsError::HalfRange),
        };
        let hours = match &self.hours {
            None => Hours::Calendar,
            Some(h) => Hours::parse(h).ok_or_else(|| AnalyticsError::UnknownHours(h.clone()))?,
        };
        Ok(KpiQuery {
            range,
            every: self.every.as_deref().map(Every::parse).transpose()?,
            by: self.by.as_deref().map(Dimension::parse).transpose()?,
            filters: Filters::parse(&self.filters)?,
            kpis: self
                .kpis
                .iter()
                .map(|k| KpiId::parse(k))
                .collect::<Result<_, _>>()?,
            hours,
            top: self.top,
            today: Some(today),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        parse_date("2025-04-01").unwrap()
    }

    #[test]
    fn defaults_to_the_last_30_full_days_in_the_workspace_zone() {
        let q = KpiRequest::default()
            .resolve(today(), Tz::Asia__Seoul)
            .unwrap();
        assert_eq!(q.range.from_str(), "2025-03-02");
        assert_eq!(q.range.to_str(), "2025-03-31");
        assert_eq!(q.range.tz, Tz::Asia__Seoul);
    }

    #[test]
    fn each_bad_part_is_refused_with_its_own_message() {
        let bad = |r: KpiRequest| r.resolve(today(), Tz::UTC).unwrap_err().to_string();
        let half = KpiRequest {
            from: Some("2025-01-01".into()),
            ..Default::default()
        };
        assert!(bad(half).contains("go together"));
        let tz = KpiRequest {
            tz: Some("Moon/Base".into()),
            ..Default::default()
        };
        assert!(bad(tz).contains("IANA"));
        let by = KpiRequest {
            by: Some("colour".into()),
            ..Default::default()
        };
        assert!(bad(by).contains("valid dimensions"));
        let hours = KpiRequest {
            hours: Some("office".into()),
            ..Default::default()
        };
        assert!(bad(hours).contains("calendar, business"));
    }
}
