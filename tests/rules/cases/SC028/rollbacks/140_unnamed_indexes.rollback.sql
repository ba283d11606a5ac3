-- expect: none of SC028, SC027
-- the indexes carry the names PostgreSQL chose for them
DROP INDEX CONCURRENTLY IF EXISTS messages_sender_id_idx;
DROP INDEX CONCURRENTLY IF EXISTS messages_lower_idx;
