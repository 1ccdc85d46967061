-- Ticket lists show an imported ticket by the id its file gave it (`JSM-123`), so the
-- key of a stored ticket id is looked up by that id.
CREATE INDEX IF NOT EXISTS import_keys_ticket_ids ON import_keys (source_id, id)
    WHERE kind = 'ticket';
