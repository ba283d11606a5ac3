-- expect: none of SC007
-- Flyway runs a migration holding CREATE INDEX CONCURRENTLY outside a transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender ON messages (sender_id);
