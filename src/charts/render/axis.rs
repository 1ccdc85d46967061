//! The value axis: a range that starts at zero, round tick steps that suit the unit
//! (whole counts, percentages, minutes → hours → days), and labels in the reader's
//! language.

use crate::charts::spec::Unit;

use super::format;
use super::options::Locale;

pub struct ValueAxis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
    unit: Unit,
    step: f64,
}

/// Minute steps that read as whole minutes, hours or days.
const MINUTE_STEPS: [f64; 22] = [
    1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 180.0, 240.0, 360.0, 480.0, 720.0, 1440.0,
    2880.0, 4320.0, 7200.0, 10080.0, 14400.0, 20160.0, 43200.0,
];

impl ValueAxis {
    /// An axis over `lo..hi` (zero always included) with about `target` ticks.
    pub fn new(lo: f64, hi: f64, unit: Unit, target: usize) -> ValueAxis {
        let (mut lo, mut hi) = (lo.min(0.0), hi.max(0.0));
        // A share axis never runs past 100% when no value does.
        let capped = unit == Unit::Share && hi <= 1.0;
        if hi - lo <= f64::EPSILON {
            hi = lo + if unit == Unit::Share { 0.1 } else { 1.0 };
        }
        let raw = (hi - lo) / target.max(1) as f64;
        let step = match unit {
            Unit::Minutes => MINUTE_STEPS
                .into_iter()
                .find(|&s| s >= raw)
                .unwrap_or_else(|| nice(raw / 1440.0) * 1440.0),
            Unit::Count => nice(raw).max(1.0),
            Unit::Share | Unit::Points => nice(raw).max(0.001),
            Unit::Number => nice(raw),
        };
        lo = (lo / step + 1e-9).floor() * step;
        hi = (hi / step - 1e-9).ceil() * step;
        if capped {
            hi = hi.min(1.0);
        }
        let count = ((hi - lo) / step).round() as usize;
        let ticks = (0..=count).map(|i| lo + step * i as f64).collect();
        ValueAxis {
            min: lo,
            max: hi,
            ticks,
            unit,
            step,
        }
    }

    /// Where `v` falls between `min` (0) and `max` (1).
    pub fn fraction(&self, v: f64) -> f64 {
        (v - self.min) / (self.max - self.min)
    }

    pub fn label(&self, v: f64, locale: Locale) -> String {
        match self.unit {
            Unit::Count => format::count(v, locale),
            Unit::Share => format::percent(v, locale, decimals(self.step * 100.0).min(1)),
            Unit::Minutes => format::duration_compact(v, locale),
            Unit::Number => format::decimal(v, locale, decimals(self.step).min(3)),
            Unit::Points => format::points(v, locale, decimals(self.step * 100.0).min(1)),
        }
    }
}

/// A value as a data label reads it: the same formats as the web view's headline numbers.
pub fn value_label(v: f64, unit: Unit, locale: Locale) -> String {
    match unit {
        Unit::Count => format::count(v, locale),
        Unit::Share => format::percent(v, locale, 1),
        Unit::Minutes => format::duration(v, locale),
        Unit::Number => format::decimal(v, locale, 2),
        Unit::Points => format::points(v, locale, 1),
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| f <= n + 1e-9)
        .unwrap_or(10.0);
    nice * magnitude
}

/// The decimals a step needs to print exactly (0.25 → 2).
fn decimals(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(6) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_round_whole_steps_from_zero() {
        let axis = ValueAxis::new(0.0, 1234.0, Unit::Count, 5);
        assert_eq!(axis.ticks, vec![0.0, 250.0, 500.0, 750.0, 1000.0, 1250.0]);
        assert_eq!(axis.label(1250.0, Locale::En), "1,250");
        let small = ValueAxis::new(0.0, 3.0, Unit::Count, 5);
        assert_eq!(
            small.ticks,
            vec![0.0, 1.0, 2.0, 3.0],
            "no fractional tickets"
        );
    }

    #[test]
    fn shares_stop_at_one_hundred_percent_and_print_as_percentages() {
        let axis = ValueAxis::new(0.0, 0.93, Unit::Share, 5);
        assert_eq!(axis.max, 1.0);
        assert_eq!(axis.label(0.2, Locale::En), "20%");
        let small = ValueAxis::new(0.0, 0.11, Unit::Share, 5);
        assert_eq!(small.max, 0.125, "a small share gets a tight axis");
        assert_eq!(small.label(0.025, Locale::Ru), "2,5\u{a0}%");
    }

    #[test]
    fn minutes_step_in_whole_minutes_hours_or_days() {
        let axis = ValueAxis::new(0.0, 500.0, Unit::Minutes, 5);
        assert_eq!(axis.ticks[1], 120.0);
        assert_eq!(axis.label(120.0, Locale::En), "2 h");
        let days = ValueAxis::new(0.0, 9000.0, Unit::Minutes, 5);
        assert_eq!(days.ticks[1], 2880.0);
        assert_eq!(days.label(2880.0, Locale::Ko), "2일");
    }

    #[test]
    fn differences_of_shares_step_in_points_with_their_sign() {
        let axis = ValueAxis::new(-0.083, 0.041, Unit::Points, 6);
        assert_eq!((axis.min, axis.max), (-0.1, 0.05));
        assert_eq!(
            axis.label(-0.05, Locale::En),
            "-5.0 pp",
            "steps of 2.5 points"
        );
        assert_eq!(axis.label(0.0, Locale::En), "0.0 pp", "zero has no sign");
        assert_eq!(axis.label(0.025, Locale::Ko), "+2.5%p");
        assert_eq!(
            value_label(-0.0214, Unit::Points, Locale::Ru),
            "-2,1\u{a0}п.\u{a0}п."
        );
    }

    #[test]
    fn negative_values_extend_the_axis_below_zero() {
        let axis = ValueAxis::new(-3.2, 7.0, Unit::Number, 5);
        assert!(axis.min <= -3.2 && axis.max >= 7.0);
        assert!(axis.ticks.contains(&0.0));
    }
}
