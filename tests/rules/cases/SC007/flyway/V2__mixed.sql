-- expect: SC007 at 5
-- Flyway refuses a migration mixing it with other statements (mixed=false), or runs the
-- whole migration outside a transaction (mixed=true)
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_x ON messages (x);
