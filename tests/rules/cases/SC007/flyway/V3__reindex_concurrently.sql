-- expect: SC007 at 3
-- Flyway does not know REINDEX ... CONCURRENTLY cannot run in a transaction
REINDEX INDEX CONCURRENTLY idx_messages_sender;
