//! One job of a kind at a time (a sync, an export), with the handle that cancels it.

use std::sync::Mutex;

use super::AppError;

/// The cancel handle of the job running now, if any.
pub(super) struct Running<C>(Mutex<Option<C>>);

impl<C> Default for Running<C> {
    fn default() -> Self {
        Running(Mutex::new(None))
    }
}

/// Marks the job as running until it is dropped.
pub(super) struct Claim<'a, C>(&'a Running<C>);

impl<C: Clone> Running<C> {
    /// Marks a job as running with its cancel handle; `busy` when one runs already.
    pub(super) fn claim(&self, cancel: C, busy: AppError) -> Result<Claim<'_, C>, AppError> {
        let mut running = self.0.lock().map_err(|_| AppError::Poisoned("job"))?;
        if running.is_some() {
            return Err(busy);
        }
        *running = Some(cancel);
        Ok(Claim(self))
    }

    /// The running job's cancel handle.
    pub(super) fn current(&self) -> Option<C> {
        self.0.lock().ok().and_then(|running| running.clone())
    }
}

impl<C> Drop for Claim<'_, C> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.0 .0.lock() {
            *running = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_job_is_refused_until_the_first_ends() {
        let running = Running::<u8>::default();
        let first = running.claim(1, AppError::SyncRunning).expect("free");
        assert_eq!(running.current(), Some(1));
        assert!(matches!(
            running.claim(2, AppError::SyncRunning),
            Err(AppError::SyncRunning)
        ));
        drop(first);
        assert_eq!(running.current(), None);
        assert!(running.claim(3, AppError::SyncRunning).is_ok());
    }
}
