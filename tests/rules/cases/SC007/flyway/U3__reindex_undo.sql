-- expect: none of SC007
-- a plain REINDEX runs in Flyway's transaction
REINDEX INDEX idx_messages_sender;
