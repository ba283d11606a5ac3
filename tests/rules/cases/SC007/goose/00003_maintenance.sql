-- expect: SC007 at 5, 6, 7, 9
-- +goose Up
ALTER TABLE messages ADD COLUMN IF NOT EXISTS y int;
CLUSTER messages USING messages_pkey;
VACUUM messages;
REINDEX TABLE CONCURRENTLY messages;
REINDEX SCHEMA public;
REINDEX TABLE messages;
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
