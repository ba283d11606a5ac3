-- expect: SC007 at 4
-- Prisma's statement splitter does not parse DROP INDEX CONCURRENTLY: it sends the whole
-- migration as one query, which PostgreSQL runs as one transaction block (25001)
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_x;
ALTER TABLE messages DROP COLUMN IF EXISTS x;
