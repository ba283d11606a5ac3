-- expect: none of SC007
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_sender;
