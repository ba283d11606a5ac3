-- expect: SC008 at 3
-- migrate:up
DROP INDEX IF EXISTS idx_messages_old;

-- migrate:down
CREATE INDEX IF NOT EXISTS idx_messages_old ON messages (sender_id);
