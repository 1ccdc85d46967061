-- Deskbench workspace schema, version 1. Never edit once released: add a new file.
-- Timestamps are UTC unix seconds. Every entity row carries its source and the id the
-- helpdesk gave it; `raw` keeps the API's JSON so a new KPI needs no full resync.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sources (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('zendesk', 'freshdesk', 'csv', 'demo')),
    name       TEXT NOT NULL UNIQUE,
    base_url   TEXT,
    time_zone  TEXT,
    settings   TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);

CREATE TABLE tickets (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id              INTEGER NOT NULL,
    status          TEXT NOT NULL,
    priority        TEXT,
    type            TEXT,
    channel         TEXT,
    subject         TEXT,
    description     TEXT,
    requester_id    INTEGER,
    submitter_id    INTEGER,
    assignee_id     INTEGER,
    group_id        INTEGER,
    organization_id INTEGER,
    brand_id        INTEGER,
    form_id         INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER,
    solved_at       INTEGER,
    reply_time_calendar              REAL,
    reply_time_business              REAL,
    first_resolution_time_calendar   REAL,
    first_resolution_time_business   REAL,
    full_resolution_time_calendar    REAL,
    full_resolution_time_business    REAL,
    requester_wait_time_calendar     REAL,
    requester_wait_time_business     REAL,
    agent_wait_time_calendar         REAL,
    agent_wait_time_business         REAL,
    on_hold_time_calendar            REAL,
    on_hold_time_business            REAL,
    replies           INTEGER,
    reopens           INTEGER,
    assignee_stations INTEGER,
    group_stations    INTEGER,
    raw             TEXT,
    PRIMARY KEY (source_id, id)
);
CREATE INDEX tickets_created ON tickets (created_at);

CREATE TABLE ticket_tags (
    source_id INTEGER NOT NULL,
    ticket_id INTEGER NOT NULL,
    tag       TEXT NOT NULL,
    PRIMARY KEY (source_id, ticket_id, tag),
    FOREIGN KEY (source_id, ticket_id) REFERENCES tickets(source_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE ticket_fields (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id        INTEGER NOT NULL,
    title     TEXT NOT NULL,
    type      TEXT NOT NULL,
    -- JSON array of {"value": ..., "name": ...} for drop-down and tagger fields
    options   TEXT NOT NULL DEFAULT '[]',
    active    INTEGER NOT NULL DEFAULT 1,
    raw       TEXT,
    PRIMARY KEY (source_id, id)
);

CREATE TABLE ticket_field_values (
    source_id INTEGER NOT NULL,
    ticket_id INTEGER NOT NULL,
    field_id  INTEGER NOT NULL,
    -- the API's value as JSON (a string, number, boolean or array)
    value     TEXT NOT NULL,
    PRIMARY KEY (source_id, ticket_id, field_id),
    FOREIGN KEY (source_id, ticket_id) REFERENCES tickets(source_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE users (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id              INTEGER NOT NULL,
    role            TEXT NOT NULL,
    name            TEXT NOT NULL,
    email           TEXT,
    locale          TEXT,
    time_zone       TEXT,
    organization_id INTEGER,
    created_at      INTEGER,
    updated_at      INTEGER,
    raw             TEXT,
    PRIMARY KEY (source_id, id)
);

CREATE TABLE groups (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id        INTEGER NOT NULL,
    name      TEXT NOT NULL,
    raw       TEXT,
    PRIMARY KEY (source_id, id)
);

CREATE TABLE organizations (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id        INTEGER NOT NULL,
    name      TEXT NOT NULL,
    raw       TEXT,
    PRIMARY KEY (source_id, id)
);

CREATE TABLE brands (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id        INTEGER NOT NULL,
    name      TEXT NOT NULL,
    raw       TEXT,
    PRIMARY KEY (source_id, id)
);

CREATE TABLE satisfaction_ratings (
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id           INTEGER NOT NULL,
    ticket_id    INTEGER NOT NULL,
    score        TEXT NOT NULL CHECK (score IN ('good', 'bad', 'offered', 'unoffered')),
    comment      TEXT,
    reason       TEXT,
    assignee_id  INTEGER,
    group_id     INTEGER,
    requester_id INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    raw          TEXT,
    PRIMARY KEY (source_id, id)
);
CREATE INDEX satisfaction_ratings_ticket ON satisfaction_ratings (source_id, ticket_id);

CREATE TABLE sla_events (
    source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id             INTEGER NOT NULL,
    ticket_id      INTEGER NOT NULL,
    metric         TEXT NOT NULL,
    instance_id    INTEGER NOT NULL,
    type           TEXT NOT NULL,
    time           INTEGER NOT NULL,
    target_minutes REAL,
    business_hours INTEGER,
    policy_id      INTEGER,
    raw            TEXT,
    PRIMARY KEY (source_id, id)
);
CREATE INDEX sla_events_ticket ON sla_events (source_id, ticket_id);

CREATE TABLE comments (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    ticket_id  INTEGER NOT NULL,
    author_id  INTEGER,
    public     INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (source_id, id)
);
CREATE INDEX comments_ticket ON comments (source_id, ticket_id);

CREATE TABLE articles (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    locale     TEXT,
    section_id INTEGER,
    vote_sum   INTEGER,
    vote_count INTEGER,
    html_url   TEXT,
    created_at INTEGER,
    updated_at INTEGER,
    raw        TEXT,
    PRIMARY KEY (source_id, id)
);

CREATE TABLE sync_state (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    stream          TEXT NOT NULL,
    cursor          TEXT,
    start_time      INTEGER,
    last_attempt_at INTEGER,
    last_success_at INTEGER,
    last_error      TEXT,
    PRIMARY KEY (source_id, stream)
) WITHOUT ROWID;

CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    outcome     TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed', 'cancelled')),
    counts      TEXT NOT NULL DEFAULT '{}',
    error       TEXT
);
