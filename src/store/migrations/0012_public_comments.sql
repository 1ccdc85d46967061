-- Public comments: when each public comment of a ticket was added and by whom (not its
-- text), from the comment children of Zendesk's ticket events export (and the demo).
-- The flow KPIs read a ticket's last public reply by an agent from it. The key leads
-- with the ticket and its time, as `ticket_events` does: each ticket's comments are one
-- range in time order, a deleted ticket's rows go as one range, and a comment served
-- again at a page boundary writes nothing new. The author's role is not kept here: it
-- is the users table's.
CREATE TABLE IF NOT EXISTS public_comments (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ticket_id  INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    comment_id INTEGER NOT NULL,
    author_id  INTEGER,
    PRIMARY KEY (source_id, ticket_id, at, comment_id)
) WITHOUT ROWID;

-- A Zendesk workspace that read the ticket events before they were asked with their
-- comments re-reads the export from the start once: its checkpoint becomes the
-- back-fill's mark, which the sync plans from the start time and reports as such. The
-- status history already stored is idempotent by key.
UPDATE sync_state SET cursor = 'backfill:comment_events', start_time = NULL
 WHERE stream = 'ticket_events'
   AND source_id IN (SELECT id FROM sources WHERE kind = 'zendesk');
