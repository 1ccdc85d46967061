-- Deleted tickets (tombstones) by themselves: `status` counts them, and the live
-- tickets as all rows less these, from indexes instead of reading every ticket row.
CREATE INDEX IF NOT EXISTS tickets_deleted ON tickets (source_id) WHERE status = 'deleted';
