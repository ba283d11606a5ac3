-- expect: none of SC007
-- sent whole, as one query, but a query of one statement is no transaction block
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_sender;
