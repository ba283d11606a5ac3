-- expect: SC037 at 6, 11
-- expect: SC007 at 7
-- expect: none of SC024
-- +goose Up
ALTER TABLE messages ADD COLUMN IF NOT EXISTS z int;
BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_z ON messages (z);
COMMIT;
-- after the COMMIT nothing is open: PostgreSQL runs it
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_z2 ON messages (z);
COMMIT;
