-- Status history: each change of a ticket's status, group, assignee or priority (and the
-- values it was created with), from Zendesk's ticket events export; one row per changed
-- field of an event. The key leads with the ticket and its time, so the table itself is
-- stored in the order the flow KPIs read it (each ticket's changes in time order, one
-- sequential pass, no index lookups) and a deleted ticket's rows are one range. The
-- event id and field end the key: an event served again at a page boundary of the
-- time-based export writes nothing new. `previous` and `value` carry no type: a status
-- or priority is kept as its text, a group or assignee as the integer id the tickets
-- table holds, and null is "none".
CREATE TABLE ticket_events (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ticket_id  INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    event_id   INTEGER NOT NULL,
    field      TEXT NOT NULL CHECK (field IN ('status', 'group_id', 'assignee_id', 'priority')),
    previous,
    value,
    updater_id INTEGER,
    PRIMARY KEY (source_id, ticket_id, at, event_id, field)
) WITHOUT ROWID;
