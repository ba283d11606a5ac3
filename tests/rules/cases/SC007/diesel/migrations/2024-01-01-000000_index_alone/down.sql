-- expect: SC007 at 2
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_sender;
