//! Rows read and mapped on a thread of their own while the import writes the rows
//! before them: splitting a row into cells and reading its dates and names is work the
//! writer, busy with SQLite, need not wait for. Rows reach the writer in file order, a
//! batch at a time, with at most `BATCHES_AHEAD` batches waiting, so memory stays
//! bounded; when the writer stops taking them (an error, a cancel), the reader stops at
//! its next batch.

use std::sync::mpsc::{sync_channel, Receiver};
use std::thread::Scope;

/// Rows handed over together: one hand-over per row would cost more than most rows.
const ROWS_PER_BATCH: usize = 1_024;

/// Mapped batches that may wait for the writer.
const BATCHES_AHEAD: usize = 4;

/// Starts reading `rows` on a thread of `scope`, each mapped with `map`; the batches
/// arrive in order and end when the rows do.
pub(super) fn read_ahead<'scope, I, T, F>(
    scope: &'scope Scope<'scope, '_>,
    rows: I,
    map: F,
) -> Receiver<Vec<T>>
where
    I: Iterator + Send + 'scope,
    F: Fn(I::Item) -> T + Send + 'scope,
    T: Send + 'scope,
{
    let (batches, received) = sync_channel(BATCHES_AHEAD);
    scope.spawn(move || {
        let mut batch = Vec::with_capacity(ROWS_PER_BATCH);
        for row in rows {
            batch.push(map(row));
            if batch.len() == ROWS_PER_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(ROWS_PER_BATCH));
                if batches.send(full).is_err() {
                    return;
                }
            }
        }
        if !batch.is_empty() {
            // A writer that stopped already needs no last batch.
            let _ = batches.send(batch);
        }
    });
    received
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn every_row_arrives_mapped_and_in_order() {
        let rows = 0..(ROWS_PER_BATCH * 3 + 5);
        let got: Vec<usize> = std::thread::scope(|scope| {
            read_ahead(scope, rows.clone(), |n| n * 2)
                .into_iter()
                .flatten()
                .collect()
        });
        let want: Vec<usize> = rows.map(|n| n * 2).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_reader_stops_soon_after_the_writer_stops_taking_rows() {
        let read = AtomicUsize::new(0);
        let endless = std::iter::repeat(()).inspect(|_| {
            read.fetch_add(1, Ordering::Relaxed);
        });
        std::thread::scope(|scope| {
            let batches = read_ahead(scope, endless, |row| row);
            assert_eq!(batches.recv().map(|b| b.len()), Ok(ROWS_PER_BATCH));
        });
        let most = ROWS_PER_BATCH * (BATCHES_AHEAD + 3);
        assert!(
            read.load(Ordering::Relaxed) <= most,
            "read {} rows of an endless file",
            read.load(Ordering::Relaxed)
        );
    }
}
