//! The Operations screen's forecast and staffing, shared with the command line: the
//! arrivals forecast with its backtest and chart, and the agents each hour of the week
//! needs from the hourly forecast, each chart stating its context.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::limits::check_forecast;
use super::{AppError, Session};
use crate::analytics::forecast::series::{self, Arrivals, Scope};
use crate::analytics::forecast::{
    forecast_arrivals, ArrivalsForecast, ForecastError, ForecastQuery, ForecastRequest,
};
use crate::analytics::query::range::RangeEcho;
use crate::analytics::staffing::week::{staffing_week, StaffingWeek};
use crate::analytics::staffing::{ServiceTarget, StaffingError, StaffingInputs};
use crate::charts::{forecast_chart, staffing_chart, ChartContext, ChartSpec};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ForecastScreen {
    pub forecast: ArrivalsForecast,
    /// The last weeks of arrivals, then the forecast with its intervals.
    pub chart: ChartSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StaffingScreen {
    pub week: StaffingWeek,
    /// The agents to schedule per weekday × hour.
    pub chart: ChartSpec,
}

/// The staffing inputs as the screen edits them, checked by `inputs`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, TS)]
pub struct StaffingSettings {
    pub aht_seconds: f64,
    /// Percent of contacts answered within `target_seconds`.
    pub target_percent: f64,
    pub target_seconds: f64,
    pub shrinkage: f64,
    pub max_occupancy: f64,
}

impl StaffingSettings {
    pub fn inputs(&self) -> Result<StaffingInputs, StaffingError> {
        let target = ServiceTarget::new(self.target_percent, self.target_seconds)?;
        StaffingInputs::new(self.aht_seconds, target, self.shrinkage, self.max_occupancy)
    }
}

impl Session {
    /// The arrivals forecast `request` asks for, with its backtest and chart.
    pub fn forecast(&self, request: &ForecastRequest) -> Result<ForecastScreen, AppError> {
        let (arrivals, query) = self.arrivals(request)?;
        let forecast = forecast_arrivals(&arrivals, &query)?;
        let mut chart = forecast_chart(&forecast, &arrivals);
        // The chart runs from its first actual day to the forecast's last; n: the
        // tickets the models learnt from.
        let first = chart.x.labels.first().map_or(&forecast.from, |l| l);
        let range = RangeEcho {
            from: first.chars().take(10).collect(),
            to: forecast.to.clone(),
            tz: forecast.tz.clone(),
        };
        let learnt: f64 = forecast.series.iter().map(|s| s.history_total).sum();
        chart.context = Some(self.context(&range, &query, Some(learnt as u64))?);
        Ok(ForecastScreen { forecast, chart })
    }

    /// The agents each hour of the week needs under `inputs`, from the hourly forecast
    /// of `request` (its granularity is set to hours).
    pub fn staffing(
        &self,
        request: &ForecastRequest,
        inputs: &StaffingInputs,
    ) -> Result<StaffingScreen, AppError> {
        let request = ForecastRequest {
            granularity: Some("hour".to_owned()),
            ..request.clone()
        };
        let (arrivals, query) = self.arrivals(&request)?;
        let week = staffing_week(&forecast_arrivals(&arrivals, &query)?, inputs)?;
        let mut chart = staffing_chart(&week);
        let range = RangeEcho {
            from: week.from.clone(),
            to: week.to.clone(),
            tz: week.tz.clone(),
        };
        // Agents, not tickets: no population to state.
        chart.context = Some(self.context(&range, &query, None)?);
        Ok(StaffingScreen { week, chart })
    }

    /// The arrivals `request` counts, and the query it resolves to.
    fn arrivals(&self, request: &ForecastRequest) -> Result<(Arrivals, ForecastQuery), AppError> {
        check_forecast(request)?;
        let (frame, query) = self.frame_and(|today| Ok(request.resolve(today.date, today.tz)?))?;
        let scope = Scope {
            granularity: query.granularity,
            by: query.by,
            filters: &query.filters,
            until: query.until,
            tz: query.tz,
        };
        let arrivals = series::arrivals(&frame, scope)?
            .ok_or(ForecastError::NoTickets { until: query.until })?;
        Ok((arrivals, query))
    }

    fn context(
        &self,
        range: &RangeEcho,
        query: &ForecastQuery,
        n: Option<u64>,
    ) -> Result<ChartContext, AppError> {
        let labels = &self.frame()?.labels;
        let context = ChartContext::of_range(
            None,
            range,
            &query.filters.echo(),
            labels,
            n.unwrap_or(0),
            self.data_as_of()?,
        );
        Ok(ChartContext { n, ..context })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::export::ExportSource;
    use crate::app::testing::demo;
    use crate::export::ExportFormat;

    fn settings() -> StaffingSettings {
        StaffingSettings {
            aht_seconds: 300.0,
            target_percent: 80.0,
            target_seconds: 60.0,
            shrinkage: 0.3,
            max_occupancy: 0.85,
        }
    }

    #[test]
    fn the_forecast_and_staffing_charts_state_their_days_and_export() {
        let (dir, session) = demo();
        let request = ForecastRequest {
            horizon_weeks: Some(2),
            ..ForecastRequest::default()
        };
        let forecast = session.forecast(&request).unwrap();
        let context = forecast.chart.context.clone().expect("a context");
        assert_eq!(context.to, forecast.forecast.to);
        assert!(
            context.from < forecast.forecast.from,
            "actual days come first"
        );
        assert!(context.n.is_some_and(|n| n > 0));
        let inputs = settings().inputs().unwrap();
        let staffing = session.staffing(&request, &inputs).unwrap();
        assert_eq!(staffing.week.cells.len(), 7 * 24);
        let context = staffing.chart.context.clone().expect("a context");
        assert_eq!((context.from, context.n), (staffing.week.from, None));
        for (name, spec) in [("forecast", forecast.chart), ("staffing", staffing.chart)] {
            let out = dir.path().join(format!("{name}.csv"));
            let what = ExportSource::Chart {
                spec: Box::new(spec),
                locale: None,
            };
            session
                .export(
                    what,
                    ExportFormat::Csv,
                    || Ok::<_, AppError>(Some(out.clone())),
                    &mut |_| {},
                )
                .unwrap()
                .expect("not cancelled");
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(text.contains("# Period: "), "{name}: {text}");
        }
    }

    #[test]
    fn bad_staffing_inputs_and_horizons_are_the_callers_to_correct() {
        let (_dir, session) = demo();
        let zero_aht = StaffingSettings {
            aht_seconds: 0.0,
            ..settings()
        };
        let err = AppError::from(zero_aht.inputs().unwrap_err());
        assert!(err.is_input(), "{err}");
        let over = StaffingSettings {
            target_percent: 120.0,
            ..settings()
        };
        assert!(matches!(
            over.inputs(),
            Err(StaffingError::TargetPercent(_))
        ));
        let far = ForecastRequest {
            horizon_weeks: Some(13),
            ..ForecastRequest::default()
        };
        let err = session.forecast(&far).unwrap_err();
        assert!(err.is_input(), "{err}");
    }
}
