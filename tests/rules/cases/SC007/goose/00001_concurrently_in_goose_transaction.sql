-- expect: SC007 at 5, 8
-- expect: none of SC025
-- goose runs the Up part and the Down part each in a transaction
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender ON messages (sender_id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_sender;
