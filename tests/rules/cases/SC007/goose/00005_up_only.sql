-- expect: SC007 at 4
-- a file without a Down part: its Up part still runs in goose's transaction
-- +goose Up
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_old;
