-- Merges and splits the user made to feedback themes, kept per workspace and applied
-- in order (by id) at every run. A theme is known by its language and signature, as in
-- theme_names: a merge joins the themes of its signatures (one per line) under `name`
-- (NULL: named from its texts); a split moves the texts of the theme of its signature
-- that say `phrase` into a theme of their own.
CREATE TABLE IF NOT EXISTS theme_edits (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    signatures TEXT NOT NULL,
    phrase TEXT,
    name TEXT,
    created_at INTEGER NOT NULL
);
