-- expect: SC007 at 3
-- Diesel runs the file in a transaction of its own (no metadata.toml beside it)
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender ON messages (sender_id);
