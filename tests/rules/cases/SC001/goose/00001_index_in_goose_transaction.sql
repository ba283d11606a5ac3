-- expect: SC001 at 3
-- +goose Up
CREATE INDEX IF NOT EXISTS idx_messages_sender ON messages (sender_id);

-- +goose Down
DROP INDEX IF EXISTS idx_messages_sender;
