-- expect: SC007 at 6
-- xfail: schemacheck.ddl ends the transaction at COMMIT AND CHAIN, which starts a new one at once
BEGIN;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
COMMIT AND CHAIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_x ON messages (x);
COMMIT;
