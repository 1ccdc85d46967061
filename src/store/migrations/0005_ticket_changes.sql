-- Which tickets changed, and at which data generation: after a sync the analytics frame
-- re-reads just these tickets (their rows, ratings, SLA events, tags and field values)
-- instead of every ticket. One row per ticket, holding its latest change, so the log
-- never outgrows the tickets it names. Written in the transaction that changes them.
CREATE TABLE IF NOT EXISTS ticket_changes (
    source_id  INTEGER NOT NULL,
    ticket_id  INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    PRIMARY KEY (source_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ticket_changes_generation ON ticket_changes (generation);

-- The log holds every change after this generation; earlier ones were never logged.
INSERT OR REPLACE INTO settings (key, value)
VALUES ('ticket_changes_after',
        coalesce((SELECT value FROM settings WHERE key = 'data_generation'), '0'));
