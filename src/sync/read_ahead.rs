//! Reading a paged list ahead of its writer, for every connector: one task fetches and
//! parses the list's pages in order while the writer stores the ones before, with at
//! most `AHEAD` parsed pages waiting in memory. Pages reach the writer strictly in order,
//! so checkpoints, cancel and a kill behave as if pages came one at a time. Dropping the
//! task's handle stops it.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;

/// Parsed pages that may wait for the writer.
const AHEAD: usize = 2;

/// A list read page by page from a position each page tells.
pub(crate) trait PagedList: Send + 'static {
    type Position: Send + 'static;
    /// A fetched and parsed page.
    type Page: Send + 'static;
    /// Why the client is waiting, for progress.
    type Wait: Send + 'static;
    type Error: Send + 'static;

    fn page(
        &self,
        at: &Self::Position,
        cancel: &CancellationToken,
        on_wait: &mut (dyn FnMut(Self::Wait) + Send),
    ) -> impl Future<Output = Result<Self::Page, Self::Error>> + Send;

    /// Where the list goes on after `page`; `None` when it was the last.
    fn after(&self, page: &Self::Page) -> Option<Self::Position>;
}

/// What the reader hands the writer, in order.
pub(crate) enum Step<L: PagedList> {
    Waiting(L::Wait),
    /// A parsed page; the permit makes room for another page once this one is dropped.
    Page(L::Page, OwnedSemaphorePermit),
    /// The list stops here.
    Failed(L::Error),
}

/// Reads `list` from `start` until its last page or a failure, sending each step tagged
/// with `tag` (which list it is, when several share a channel).
pub(crate) async fn read<L: PagedList, T: Copy + Send + 'static>(
    list: L,
    start: L::Position,
    cancel: CancellationToken,
    tag: T,
    tx: UnboundedSender<(T, Step<L>)>,
) {
    let room = Arc::new(Semaphore::new(AHEAD));
    let mut position = start;
    loop {
        let Ok(permit) = room.clone().acquire_owned().await else {
            return;
        };
        let waits = tx.clone();
        let mut on_wait = move |wait| {
            // A writer that has gone away no longer needs to hear about waits.
            let _ = waits.send((tag, Step::Waiting(wait)));
        };
        let (step, next) = match list.page(&position, &cancel, &mut on_wait).await {
            Ok(page) => {
                let next = list.after(&page);
                (Step::Page(page, permit), next)
            }
            Err(err) => (Step::Failed(err), None),
        };
        if tx.send((tag, step)).is_err() {
            return;
        }
        match next {
            Some(next) => position = next,
            None => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use tokio::sync::mpsc::unbounded_channel;

    use super::*;

    /// Pages 1, 2, 3…: the list ends after `last`, and fails at `fail`.
    struct Counting {
        last: u32,
        fail: Option<u32>,
        fetched: Arc<AtomicU32>,
    }

    impl PagedList for Counting {
        type Position = u32;
        type Page = u32;
        type Wait = ();
        type Error = String;

        async fn page(
            &self,
            at: &u32,
            _: &CancellationToken,
            on_wait: &mut (dyn FnMut(()) + Send),
        ) -> Result<u32, String> {
            self.fetched.fetch_add(1, Ordering::SeqCst);
            on_wait(());
            match self.fail {
                Some(fail) if fail == *at => Err(format!("page {at} failed")),
                _ => Ok(*at),
            }
        }

        fn after(&self, page: &u32) -> Option<u32> {
            (*page < self.last).then_some(page + 1)
        }
    }

    fn names(step: Step<Counting>) -> String {
        match step {
            Step::Waiting(()) => "wait".into(),
            Step::Page(page, _) => format!("page {page}"),
            Step::Failed(err) => err,
        }
    }

    #[tokio::test]
    async fn pages_arrive_in_order_and_a_failure_ends_the_list() {
        let (tx, mut rx) = unbounded_channel();
        let list = Counting {
            last: 5,
            fail: Some(3),
            fetched: Arc::default(),
        };
        let reader = tokio::spawn(read(list, 1, CancellationToken::new(), 'a', tx));
        let mut steps = Vec::new();
        while let Some((tag, step)) = rx.recv().await {
            assert_eq!(tag, 'a');
            steps.push(names(step));
        }
        assert_eq!(
            steps,
            ["wait", "page 1", "wait", "page 2", "wait", "page 3 failed"]
        );
        reader.await.unwrap();
    }

    #[tokio::test]
    async fn no_more_than_ahead_pages_wait_for_the_writer() {
        let (tx, mut rx) = unbounded_channel();
        let fetched = Arc::new(AtomicU32::new(0));
        let list = Counting {
            last: 10,
            fail: None,
            fetched: fetched.clone(),
        };
        let reader = tokio::spawn(read(list, 1, CancellationToken::new(), (), tx));
        tokio::task::yield_now().await;
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            fetched.load(Ordering::SeqCst) as usize,
            AHEAD,
            "the reader waits while its pages are not taken"
        );
        let mut pages = 0;
        while let Some((_, step)) = rx.recv().await {
            // Taking a page and dropping it makes room for the next.
            if let Step::Page(..) = step {
                pages += 1;
            }
        }
        assert_eq!(pages, 10);
        reader.await.unwrap();
    }
}
