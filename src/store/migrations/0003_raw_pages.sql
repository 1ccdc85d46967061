-- The API's JSON of ticket pages, compressed a page at a time: ticket JSON shrinks about
-- tenfold compressed together and about 2.5-fold one ticket at a time, and it is most of
-- what a sync writes. A ticket row names its page and its place in the page's array;
-- `live` counts the rows still pointing at a page, which is deleted when none do.
CREATE TABLE raw_pages (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    live      INTEGER NOT NULL,
    data      BLOB NOT NULL
);
CREATE INDEX raw_pages_source ON raw_pages (source_id);
ALTER TABLE tickets ADD COLUMN raw_page INTEGER;
ALTER TABLE tickets ADD COLUMN raw_index INTEGER;
