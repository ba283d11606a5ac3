-- expect: SC001 at 4
-- A new app.messages says nothing about the old public.messages.
CREATE TABLE app.messages (id bigint PRIMARY KEY);
CREATE INDEX idx_public_messages_id ON messages (id);
