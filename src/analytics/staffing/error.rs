//! Staffing inputs out of their range, each refused in one line that names the range.

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum StaffingError {
    #[error("the average handle time must be more than 0 seconds, not {0}")]
    Aht(f64),
    #[error("a service-level target is PERCENT/SECONDS, e.g. 80/60, not {0:?}")]
    TargetFormat(String),
    #[error("a service-level target's percent must be above 0 and at most 100, not {0}")]
    TargetPercent(f64),
    #[error("a service-level target's seconds must be 0 or more, not {0}")]
    TargetSeconds(f64),
    #[error("shrinkage is a share from 0 up to (not including) 1, e.g. 0.3, not {0}")]
    Shrinkage(f64),
    #[error("the occupancy cap is a share above 0 and at most 1, e.g. 0.85, not {0}")]
    Occupancy(f64),
    #[error("arrivals per hour must be 0 or more, not {0}")]
    Arrivals(f64),
    #[error("a load of {0} Erlangs is more than one staffing plan can count agents for")]
    TooLarge(f64),
    #[error("staffing per hour of the week needs an hourly forecast")]
    NotHourly,
    #[error("no number of agents answers {0}% within the target's seconds; lower the target")]
    Unreachable(f64),
}
