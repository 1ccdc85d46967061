-- File imports (the `csv` source). A file names tickets, people, groups, organizations,
-- custom columns and survey responses by text (`PROJ-12`, `00001026`, an email, a team's
-- name); each gets an integer id here once and keeps it, so a newer export of the same
-- source updates what an older one wrote instead of adding it again.
CREATE TABLE IF NOT EXISTS import_keys (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    -- ticket, user, group, organization, field or rating
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    id        INTEGER NOT NULL,
    PRIMARY KEY (source_id, kind, key)
) WITHOUT ROWID;

-- Each committed import, with its counts (JSON) and the rows it skipped: the first of
-- them with their line and reason, all of them in the counts.
CREATE TABLE IF NOT EXISTS import_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    file        TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    counts      TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS import_problems (
    run_id  INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
    line    INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS import_problems_run ON import_problems (run_id);
