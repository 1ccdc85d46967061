//! The forecasting model: MSTL (augurs) takes the seasonal parts out of a series, one
//! per period, and AutoETS forecasts what remains (trend and noise) with its intervals;
//! the seasonal parts of the last cycle are added back. Arrivals cannot be negative,
//! so every forecast value and interval bound is clipped at 0.

use augurs::ets::AutoETS;
use augurs::mstl::MSTLModel;
use augurs::{Fit, Predict};

/// The point forecast and its 80% and 95% intervals, a value per slot ahead.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    pub point: Vec<f64>,
    pub lo80: Vec<f64>,
    pub hi80: Vec<f64>,
    pub lo95: Vec<f64>,
    pub hi95: Vec<f64>,
}

pub type ModelError = augurs::mstl::Error;

/// Fits the model to `history` with seasonal `periods` and forecasts `horizon` slots
/// with intervals.
pub fn predict(
    history: &[f64],
    periods: &[usize],
    horizon: usize,
) -> Result<Predicted, ModelError> {
    let fitted = fit(history, periods)?;
    let at80 = fitted.predict(horizon, 0.80)?;
    let at95 = fitted.predict(horizon, 0.95)?;
    let (lo80, hi80) = bounds(at80.intervals);
    let (lo95, hi95) = bounds(at95.intervals);
    Ok(Predicted {
        point: clipped(at95.point),
        lo80,
        hi80,
        lo95,
        hi95,
    })
}

/// The point forecast alone, as the backtest needs it.
pub fn predict_point(
    history: &[f64],
    periods: &[usize],
    horizon: usize,
) -> Result<Vec<f64>, ModelError> {
    Ok(clipped(
        fit(history, periods)?.predict(horizon, None)?.point,
    ))
}

fn fit(history: &[f64], periods: &[usize]) -> Result<augurs::mstl::FittedMSTLModel, ModelError> {
    let trend = AutoETS::non_seasonal().into_trend_model();
    MSTLModel::new(periods.to_vec(), trend).fit(history)
}

/// The lower and upper bounds, clipped; AutoETS always gives intervals when asked, so
/// none (which cannot happen) reads as empty bounds.
fn bounds(intervals: Option<augurs::ForecastIntervals>) -> (Vec<f64>, Vec<f64>) {
    intervals.map_or_else(Default::default, |i| (clipped(i.lower), clipped(i.upper)))
}

fn clipped(values: Vec<f64>) -> Vec<f64> {
    values.into_iter().map(|v| v.max(0.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_without_arrivals_forecasts_none_to_the_hundredth() {
        let predicted = predict(&[0.0; 70], &[7], 14).expect("a forecast");
        assert!(predicted.point.iter().all(|v| *v < 0.005), "{predicted:?}");
    }

    #[test]
    fn a_flat_series_forecasts_its_level() {
        let predicted = predict(&[5.0; 70], &[7], 7).expect("a forecast");
        assert!(
            predicted.point.iter().all(|v| (v - 5.0).abs() < 0.01),
            "{predicted:?}"
        );
    }
}
