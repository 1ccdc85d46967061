//! Frame snapshots saved on threads of their own: a query answers from the fresh frame
//! at once, and the snapshot's save (after an update, mostly a wait for the disk)
//! follows. A session waits for its saves before it builds another frame and when it
//! ends, so a command line call still leaves its snapshot saved.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use crate::analytics::{Frame, Unsaved};

#[derive(Default)]
pub(crate) struct SnapshotSaves(Mutex<Vec<JoinHandle<()>>>);

impl SnapshotSaves {
    /// Saves `frame` as its workspace's snapshot on a thread of its own, telling
    /// `report` why when it cannot (the frame is still good; the next start builds it
    /// again).
    pub fn start(&self, unsaved: Unsaved, frame: Arc<Frame>, report: fn(&str)) {
        let started = std::thread::Builder::new()
            .name("snapshot-save".into())
            .spawn(move || {
                if let Some(problem) = unsaved.save(&frame) {
                    report(&problem);
                }
            });
        match started {
            Ok(handle) => self.handles().push(handle),
            Err(e) => report(&format!("could not start saving the frame snapshot: {e}")),
        }
    }

    /// Waits until every save started has ended.
    pub fn wait(&self) {
        let handles = std::mem::take(&mut *self.handles());
        for handle in handles {
            // A save that panicked has ended too; its snapshot is simply not there.
            let _ = handle.join();
        }
    }

    fn handles(&self) -> MutexGuard<'_, Vec<JoinHandle<()>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for SnapshotSaves {
    fn drop(&mut self) {
        self.wait();
    }
}
