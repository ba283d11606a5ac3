CREATE INDEX CONCURRENTLY ON messages (sender_id);
CREATE INDEX CONCURRENTLY ON messages (conversation_id, created_at);
