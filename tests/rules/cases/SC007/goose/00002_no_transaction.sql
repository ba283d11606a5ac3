-- expect: none of SC007
-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_x ON messages (x);
VACUUM (ANALYZE) messages;

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_x;
