-- expect: none of SC007
-- Prisma sends each statement as a query of its own, outside any transaction block
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_x ON messages (x);
