ALTER TABLE messages ADD FOREIGN KEY (sender_id) REFERENCES users (id) NOT VALID;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS reply_to bigint REFERENCES messages (id);
ALTER TABLE messages ADD CHECK (encryption_version > 0) NOT VALID;
ALTER TABLE conversations ADD UNIQUE (title, created_by);
