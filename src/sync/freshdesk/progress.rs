//! A Freshdesk run's progress in the vocabulary every sync speaks (`SyncEvent`): a
//! stream is reported started the first time anything happens on it, and each stored
//! page carries the stream's running totals, and the time left where the stream's records
//! come oldest first (the tickets lists).

use std::collections::{BTreeMap, BTreeSet};

use super::Run;
use crate::sync::progress::Eta;
use crate::sync::{SyncEvent, SyncStream};

/// What has been reported of each stream so far.
#[derive(Default)]
pub(super) struct Progress {
    started: BTreeSet<&'static str>,
    /// Pages and problems per stream (records are in the summary's counts).
    pages: BTreeMap<&'static str, (u64, u64)>,
    /// The time left of streams read by `updated_at`, and the newest one their next page
    /// reached.
    etas: BTreeMap<&'static str, (Eta, Option<i64>)>,
}

impl Run<'_> {
    /// Reports an event of `stream`, after its start when this is the first one.
    pub(super) fn report(
        &mut self,
        stream: &'static str,
        event: impl FnOnce(SyncStream) -> SyncEvent,
    ) {
        // Every name the runner uses is in the list; a test syncs every stream to prove it.
        let Some(named) = SyncStream::parse(stream) else {
            return;
        };
        if self.progress.started.insert(stream) {
            (self.on_event)(SyncEvent::StreamStarted {
                stream: named,
                back_fill: None,
            });
        }
        (self.on_event)(event(named));
    }

    /// Notes the newest `updated_at` of the page about to be stored, for the time left.
    pub(super) fn reached(&mut self, stream: &'static str, updated_at: Option<i64>) {
        let eta = self
            .progress
            .etas
            .entry(stream)
            .or_insert_with(|| (Eta::new(), None));
        eta.1 = updated_at;
    }

    /// Reports a stored page with the stream's totals: `records` so far in the run.
    pub(super) fn report_page(&mut self, stream: &'static str, records: u64, problems: usize) {
        let (pages, problems) = {
            let tally = self.progress.pages.entry(stream).or_default();
            tally.0 += 1;
            tally.1 += problems as u64;
            *tally
        };
        let now = self.now();
        let eta_seconds = self
            .progress
            .etas
            .get_mut(stream)
            .and_then(|(eta, reached)| eta.left(*reached, now));
        self.report(stream, |stream| SyncEvent::Page {
            stream,
            records,
            pages,
            problems,
            eta_seconds,
        });
    }
}
