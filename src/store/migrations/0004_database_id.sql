-- A random id for this database, made once when the database is created (or first
-- opened by this version). It tells one workspace database from another: the frame
-- snapshot is keyed by it, and so are the keychain entries of the workspace's sources.
-- A copy of the file keeps it, as it keeps the data.
INSERT OR IGNORE INTO settings (key, value)
VALUES ('database_id', lower(hex(randomblob(16))));
