CREATE INDEX CONCURRENTLY ON messages (sender_id);
CREATE INDEX CONCURRENTLY ON messages (lower(body));
