//! A feedback query as a person types it (strings), and its validation. Shared by the
//! CLI and the app, so both refuse bad input with the same message.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Deserialize;
use ts_rs::TS;

use crate::analytics::query::filter::Filters;
use crate::analytics::query::range::{DateRange, Every};
use crate::analytics::KpiRequest;

use super::report::FeedbackSource;
use super::text::Lang;
use super::FeedbackError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct FeedbackRequest {
    pub from: Option<String>,
    pub to: Option<String>,
    pub tz: Option<String>,
    /// `dim=value` strings, as for KPIs.
    #[serde(default)]
    pub filters: Vec<String>,
    /// `en`, `ko` or `ru`; all three when absent.
    pub lang: Option<String>,
    /// `csat`, `tickets` or `all` (the default).
    pub source: Option<String>,
}

/// A validated feedback query.
#[derive(Debug, Clone)]
pub struct FeedbackQuery {
    pub range: DateRange,
    pub filters: Filters,
    pub lang: Option<Lang>,
    pub source: FeedbackSource,
    /// Trend buckets; by the range's length when `None` (days up to two weeks, weeks up
    /// to half a year, then months).
    pub every: Option<Every>,
}

impl FeedbackRequest {
    /// Validates every part; `today` and `default_tz` give the default range (the last
    /// 30 full days, as for KPIs).
    pub fn resolve(
        &self,
        today: NaiveDate,
        default_tz: Tz,
    ) -> Result<FeedbackQuery, FeedbackError> {
        let kpi = KpiRequest {
            from: self.from.clone(),
            to: self.to.clone(),
            tz: self.tz.clone(),
            filters: self.filters.clone(),
            ..KpiRequest::default()
        }
        .resolve(today, default_tz)?;
        let lang = self
            .lang
            .as_deref()
            .map(|l| Lang::parse(l).ok_or_else(|| FeedbackError::UnknownLang(l.to_owned())))
            .transpose()?;
        let source = match self.source.as_deref() {
            None => FeedbackSource::All,
            Some(s) => FeedbackSource::parse(s)
                .ok_or_else(|| FeedbackError::UnknownSource(s.to_owned()))?,
        };
        Ok(FeedbackQuery {
            range: kpi.range,
            filters: kpi.filters,
            lang,
            source,
            every: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::query::range::parse_date;

    #[test]
    fn bad_options_name_what_is_valid() {
        let today = parse_date("2025-04-01").unwrap();
        let lang = FeedbackRequest {
            lang: Some("de".into()),
            ..FeedbackRequest::default()
        };
        let err = lang.resolve(today, Tz::UTC).unwrap_err().to_string();
        assert!(err.contains("en, ko, ru"), "{err}");
        let source = FeedbackRequest {
            source: Some("chat".into()),
            ..FeedbackRequest::default()
        };
        assert!(source.resolve(today, Tz::UTC).is_err());
        let ok = FeedbackRequest {
            lang: Some("ko".into()),
            source: Some("csat".into()),
            ..FeedbackRequest::default()
        }
        .resolve(today, Tz::UTC)
        .unwrap();
        assert_eq!((ok.lang, ok.source), (Some(Lang::Ko), FeedbackSource::Csat));
        assert_eq!(ok.range.days(), 30);
    }
}
