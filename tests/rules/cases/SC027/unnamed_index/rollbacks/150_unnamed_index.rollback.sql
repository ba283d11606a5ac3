-- expect: SC027 at file
-- forgets messages_conversation_id_created_at_idx
DROP INDEX CONCURRENTLY IF EXISTS messages_sender_id_idx;
