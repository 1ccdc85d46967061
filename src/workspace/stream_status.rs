//! A stream's status as the Sources screen shows it, the same for every connector:
//! complete, resuming (pages were stored after its last success, and the next sync goes
//! on from there), skipped (the account does not offer it) or failed, with the records
//! the source's latest run wrote to it.

use serde::Serialize;
use ts_rs::TS;

use crate::store::{StreamState, SyncRun};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StreamStatus {
    pub stream: String,
    #[ts(type = "number | null")]
    pub last_success_at: Option<i64>,
    /// Records the source's latest run wrote to the stream; none when it did not reach it.
    #[ts(type = "number | null")]
    pub records: Option<u64>,
    pub state: StreamPhase,
    /// Why the stream was skipped or failed, in plain words.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StreamPhase {
    Complete,
    Resuming,
    Skipped,
    Failed,
}

impl StreamStatus {
    /// The status of a stream from its checkpoint and the source's latest run.
    pub fn of(state: StreamState, latest_run: Option<&SyncRun>) -> StreamStatus {
        let records = latest_run.and_then(|run| run.counts.get(&state.stream)?.as_u64());
        let (phase, reason) = match (state.skipped_reason(), &state.last_error) {
            (Some(why), _) => (StreamPhase::Skipped, Some(why.to_owned())),
            (None, Some(error)) => (StreamPhase::Failed, Some(error.clone())),
            (None, None) if state.last_attempt_at > state.last_success_at => {
                (StreamPhase::Resuming, None)
            }
            (None, None) => (StreamPhase::Complete, None),
        };
        StreamStatus {
            stream: state.stream,
            last_success_at: state.last_success_at,
            records,
            state: phase,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{skipped_note, RunOutcome};

    fn state(attempt: Option<i64>, success: Option<i64>, error: Option<&str>) -> StreamState {
        StreamState {
            stream: "conversations".into(),
            cursor: None,
            start_time: None,
            last_attempt_at: attempt,
            last_success_at: success,
            last_error: error.map(str::to_owned),
        }
    }

    fn run(counts: serde_json::Value) -> SyncRun {
        SyncRun {
            id: 1,
            source: "acme".into(),
            started_at: 100,
            finished_at: Some(200),
            outcome: RunOutcome::Cancelled,
            counts,
            error: None,
            problems: 0,
        }
    }

    #[test]
    fn a_stream_reads_complete_resuming_skipped_or_failed() {
        let phase = |s| StreamStatus::of(s, None);
        assert_eq!(
            phase(state(Some(200), Some(200), None)).state,
            StreamPhase::Complete
        );
        // Pages stored after the last success: the next sync goes on from them.
        assert_eq!(
            phase(state(Some(250), Some(200), None)).state,
            StreamPhase::Resuming
        );
        assert_eq!(
            phase(state(Some(250), None, None)).state,
            StreamPhase::Resuming
        );
        let skipped = phase(state(
            Some(200),
            Some(200),
            Some(&skipped_note("not on this plan")),
        ));
        assert_eq!(
            (skipped.state, skipped.reason.as_deref()),
            (StreamPhase::Skipped, Some("not on this plan"))
        );
        let failed = phase(state(Some(300), Some(200), Some("the API key was refused")));
        assert_eq!(
            (failed.state, failed.reason.as_deref()),
            (StreamPhase::Failed, Some("the API key was refused"))
        );
    }

    #[test]
    fn records_come_from_the_latest_run_of_the_stream() {
        let latest = run(serde_json::json!({ "conversations": 42, "tickets": 7 }));
        let status = StreamStatus::of(state(Some(200), Some(200), None), Some(&latest));
        assert_eq!(status.records, Some(42));
        let other = run(serde_json::json!({ "tickets": 7 }));
        let status = StreamStatus::of(state(Some(200), Some(200), None), Some(&other));
        assert_eq!(status.records, None, "the run did not reach the stream");
    }
}
