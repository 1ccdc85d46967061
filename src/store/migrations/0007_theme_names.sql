-- Names the user gave feedback themes, kept per workspace. A theme is known by its
-- language and signature: its heaviest word stems, sorted and joined by spaces. A
-- re-computed theme takes the kept name whose signature shares the most stems with its
-- own (at least three of five), so a name survives a new sync or period.
CREATE TABLE IF NOT EXISTS theme_names (
    lang TEXT NOT NULL,
    signature TEXT NOT NULL,
    name TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (lang, signature)
);
