-- expect: none of SC007
-- a file of one statement runs outside any transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender ON messages (sender_id);
