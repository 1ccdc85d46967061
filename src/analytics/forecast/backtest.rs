//! A rolling-origin backtest on a series' own history: the model is fitted on all data
//! before each origin and forecasts the horizon after it; the origins are one horizon
//! apart and the last fold ends with the history. Scored by MASE and sMAPE, next to the
//! seasonal-naive forecast (each slot as it was one season before the origin's last
//! season) scored the same way.

use serde::Serialize;
use ts_rs::TS;

use super::model::{self, ModelError};

/// At most this many folds: enough to average out one odd period, few enough to be quick.
pub const MAX_FOLDS: usize = 4;
/// The training data of the first fold holds at least this many seasons.
pub const MIN_SEASONS: usize = 3;

/// How well the model and the seasonal-naive baseline forecast the history's last
/// folds; with no numbers and a `reason` when the history is too short or flat.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Backtest {
    pub folds: u32,
    pub model: Accuracy,
    pub baseline: Accuracy,
    /// Why MASE (or every number) is null.
    pub reason: Option<String>,
}

/// MASE (the mean absolute error over the in-sample seasonal-naive error) and sMAPE
/// (percent, 0 to 200), averaged over the folds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Accuracy {
    pub mase: Option<f64>,
    pub smape: Option<f64>,
}

const NONE: Accuracy = Accuracy {
    mase: None,
    smape: None,
};

/// Backtests the model on `y` with seasonal `periods` (the last is the longest, `season`).
pub fn backtest(y: &[f64], periods: &[usize], horizon: usize) -> Result<Backtest, ModelError> {
    let season = periods.iter().copied().max().unwrap_or(1);
    let folds = folds(y.len(), season, horizon);
    if folds == 0 {
        return Ok(Backtest {
            folds: 0,
            model: NONE,
            baseline: NONE,
            reason: Some(format!(
                "the history is too short to backtest: it needs {MIN_SEASONS} seasons of \
                 {season} and the horizon of {horizon} after them ({} slots), it has {}",
                MIN_SEASONS * season + horizon,
                y.len()
            )),
        });
    }
    let mut model_scores = Scores::default();
    let mut baseline_scores = Scores::default();
    for fold in (1..=folds).rev() {
        let origin = y.len() - fold * horizon;
        let (train, test) = (&y[..origin], &y[origin..origin + horizon]);
        let scale = naive_scale(train, season);
        let predicted = model::predict_point(train, periods, horizon)?;
        model_scores.add(test, &predicted, scale);
        baseline_scores.add(test, &seasonal_naive(train, season, horizon), scale);
    }
    let flat = model_scores.mase.is_empty();
    Ok(Backtest {
        folds: folds as u32,
        model: model_scores.mean(),
        baseline: baseline_scores.mean(),
        reason: flat.then(|| {
            "MASE has no scale: the history repeats itself exactly from season to season".to_owned()
        }),
    })
}

/// The folds a history of `len` slots supports: each holds `horizon` slots, and the
/// first fold's training data at least `MIN_SEASONS` seasons.
pub fn folds(len: usize, season: usize, horizon: usize) -> usize {
    let spare = len.saturating_sub(MIN_SEASONS * season);
    (spare / horizon.max(1)).min(MAX_FOLDS)
}

/// The seasonal-naive forecast: slot `h` ahead repeats the last season's same slot.
pub fn seasonal_naive(train: &[f64], season: usize, horizon: usize) -> Vec<f64> {
    let last = &train[train.len() - season..];
    (0..horizon).map(|h| last[h % season]).collect()
}

/// The in-sample seasonal-naive mean absolute error, MASE's denominator (Hyndman &
/// Koehler 2006): the mean of `|y_t − y_{t−m}|`.
fn naive_scale(train: &[f64], season: usize) -> f64 {
    let diffs = train.windows(season + 1).map(|w| (w[season] - w[0]).abs());
    let n = train.len().saturating_sub(season);
    diffs.sum::<f64>() / n.max(1) as f64
}

/// Each fold's MASE and sMAPE, to average.
#[derive(Default)]
struct Scores {
    mase: Vec<f64>,
    smape: Vec<f64>,
}

impl Scores {
    fn add(&mut self, actual: &[f64], predicted: &[f64], scale: f64) {
        let n = actual.len().max(1) as f64;
        let errors = actual.iter().zip(predicted).map(|(a, f)| (a - f).abs());
        let mae = errors.sum::<f64>() / n;
        if scale > 0.0 {
            self.mase.push(mae / scale);
        }
        let smape = actual.iter().zip(predicted).map(|(a, f)| {
            let denominator = a.abs() + f.abs();
            if denominator == 0.0 {
                0.0
            } else {
                2.0 * (a - f).abs() / denominator
            }
        });
        self.smape.push(100.0 * smape.sum::<f64>() / n);
    }

    fn mean(&self) -> Accuracy {
        let mean =
            |v: &[f64]| (!v.is_empty()).then(|| round3(v.iter().sum::<f64>() / v.len() as f64));
        Accuracy {
            mase: mean(&self.mase),
            smape: mean(&self.smape),
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_leave_three_seasons_before_the_first_origin() {
        assert_eq!(folds(21 + 28, 7, 7), 4);
        assert_eq!(folds(21 + 13, 7, 7), 1);
        assert_eq!(folds(21 + 6, 7, 7), 0, "not one horizon after three weeks");
        assert_eq!(folds(1000, 7, 7), MAX_FOLDS);
    }

    #[test]
    fn seasonal_naive_repeats_the_last_season() {
        let train = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        assert_eq!(seasonal_naive(&train, 3, 5), [4.0, 5.0, 6.0, 4.0, 5.0]);
    }

    #[test]
    fn mase_and_smape_follow_their_definitions() {
        // Scale: |3−1| and |4−2| → 2. Errors 1 and 3 → MAE 2 → MASE 1.
        let mut scores = Scores::default();
        scores.add(
            &[5.0, 0.0],
            &[4.0, 3.0],
            naive_scale(&[1.0, 2.0, 3.0, 4.0], 2),
        );
        // sMAPE: 2·1/9 and 2·3/3 → (0.2222 + 2) / 2 = 111.1%.
        assert_eq!(
            scores.mean(),
            Accuracy {
                mase: Some(1.0),
                smape: Some(111.111)
            }
        );
        let mut both_zero = Scores::default();
        both_zero.add(&[0.0], &[0.0], 0.0);
        assert_eq!(
            both_zero.mean(),
            Accuracy {
                mase: None,
                smape: Some(0.0)
            }
        );
    }

    #[test]
    fn a_short_history_gives_a_reason_instead_of_numbers() {
        let y = vec![3.0; 20];
        let result = backtest(&y, &[7], 7).unwrap();
        assert_eq!(result.folds, 0);
        assert_eq!(result.model, NONE);
        let reason = result.reason.unwrap();
        assert!(
            reason.contains("too short") && reason.contains("28 slots"),
            "{reason}"
        );
    }
}
