-- Records a sync skipped (malformed in the API's answer), so nothing is dropped silently.
CREATE TABLE sync_problems (
    run_id    INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    stream    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    message   TEXT NOT NULL
);
CREATE INDEX sync_problems_run ON sync_problems (run_id);
